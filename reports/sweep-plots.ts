import type { SweepWorkloadView } from "./sweep-analysis.js";
import { lineNumber } from "./sweep-line.js";
import { HWSIM_SVG_MARKER } from "./plot-marker.js";

/** The two plots of a workload: energy vs error (when error was measured) and latency vs area. */
export type SweepPlotKey = "energy-vs-error" | "latency-vs-area";

export interface SweepPlot {
  readonly key: SweepPlotKey;
  readonly title: string;
  readonly svg: string;
}

/** Which plots a workload gets (known before rendering, so every file can be checked before any is written). */
export function sweepPlotKeys(view: SweepWorkloadView): SweepPlotKey[] {
  if (view.rows.length === 0) return [];
  return view.withError ? ["energy-vs-error", "latency-vs-area"] : ["latency-vs-area"];
}

/** Render a workload's plots: one symbol per point (coloured by hardware, labelled by precision), the front drawn. */
export async function renderSweepPlots(view: SweepWorkloadView): Promise<SweepPlot[]> {
  const { renderScatterSvg } = await import("./svg-plot.js"); // vega loads only when a plot is drawn
  const out: SweepPlot[] = [];
  for (const key of sweepPlotKeys(view)) {
    const energy = key === "energy-vs-error";
    const points = view.rows.map((r) => ({
      label: r.precision,
      series: r.hardware,
      x: energy ? lineNumber(r, "energyPj") / 1e6 : lineNumber(r, "areaUm2") / 1e6,
      y: energy ? lineNumber(r, "relativeRmse") : lineNumber(r, "latencyUs"),
      onFront: view.front.has(r.id),
    }));
    const title = energy ? `Energy vs error: ${view.workload}` : `Latency vs area: ${view.workload}`;
    const svg = energy
      ? await renderScatterSvg({ title, xTitle: "energy per workload (µJ)", yTitle: "relative RMSE vs float64 (log)", yLog: true, points })
      : await renderScatterSvg({ title, xTitle: "array area (mm²)", yTitle: "latency (µs)", points });
    out.push({ key, title, svg: `${HWSIM_SVG_MARKER}\n${svg}` });
  }
  return out;
}

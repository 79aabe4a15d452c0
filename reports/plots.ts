import type { CompareResult } from "./compare.js";

/** One plot file: suffix for the file name, and its SVG. */
export interface PlotFile {
  readonly key: "energy" | "area" | "latency";
  readonly title: string;
  readonly svg: string;
}

import { HWSIM_SVG_MARKER } from "./plot-marker.js";

export { HWSIM_SVG_MARKER };

/** Energy, area and latency against error, one symbol per result row, the Pareto front drawn. */
export async function renderPlots(r: CompareResult): Promise<PlotFile[]> {
  // Trade-off plots put error on an axis: a timing-only run has none to plot.
  if (!r.rows.some((row) => row.error.measured)) return [];
  const { renderScatterSvg } = await import("./svg-plot.js"); // vega loads only when a plot is drawn
  const specs = [
    { key: "energy", title: "Energy vs error", xTitle: "energy per workload (µJ)", x: (e: number) => e / 1e6, pick: "energy" },
    { key: "area", title: "Area vs error", xTitle: "array area (mm²)", x: (a: number) => a / 1e6, pick: "area" },
    { key: "latency", title: "Latency vs error", xTitle: "latency (µs)", x: (l: number) => l, pick: "latency" },
  ] as const;
  const out: PlotFile[] = [];
  for (const s of specs) {
    const points = r.rows.map((row) => ({
      label: row.precision.id,
      series: row.modelId,
      x: s.x(s.pick === "energy" ? row.cost.energyPj : s.pick === "area" ? row.cost.areaUm2 : row.cost.latencyUs),
      y: row.error.relativeRmse,
      onFront: row.onFront,
    }));
    const svg = await renderScatterSvg({ title: s.title, xTitle: s.xTitle, yTitle: "relative RMSE vs float64 (log)", yLog: true, points });
    out.push({ key: s.key, title: s.title, svg: `${HWSIM_SVG_MARKER}\n${svg}` });
  }
  return out;
}

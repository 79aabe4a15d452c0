import type { TopLevelSpec } from "vega-lite";
import type { CompareResult, CompareRow } from "./compare.js";
import { describePrecision, paretoText } from "./compare.js";
import { ranAccumulatorIds } from "./ran-accumulator.js";
import { int, pct, sig } from "./format-number.js";
import { sqnrText } from "./markdown.js";
import { HWSIM_SVG_MARKER } from "./plot-marker.js";

export { HWSIM_SVG_MARKER };

/** One plot: suffix for the file name, its static SVG, and the same plot as an interactive vega-lite spec. */
export interface PlotFile {
  readonly key: "energy" | "area" | "latency";
  readonly title: string;
  readonly svg: string;
  /** For the HTML view: hover shows a point's full row, the legend toggles precisions. */
  readonly interactive: TopLevelSpec;
}

/** A row as the interactive view's tooltip shows it: the same figures, formatted as the Markdown tables do. */
export function tooltipRow(x: CompareRow): [string, string][] {
  const measured = (v: number) => (x.error.measured ? sig(v) : "—");
  return [
    ["precision", x.precision.id],
    ["substrate", x.modelId],
    ["operands → accumulator", describePrecision(x.precision, ranAccumulatorIds(x))],
    ["area mm²", sig(x.cost.areaUm2 / 1e6)],
    ["MAC unit µm²", sig(x.macUnitAreaUm2)],
    ["energy µJ", sig(x.cost.energyPj / 1e6)],
    ["pJ/MAC", sig(x.cost.energyPerMacPj)],
    ["MAC unit pJ", sig(x.macUnitEnergyPj)],
    ["cycles", int(x.sim.cycles)],
    ["latency µs", sig(x.cost.latencyUs)],
    ["utilization", pct(x.sim.utilization)],
    ["SQNR dB", sqnrText(x.error)],
    ["rel. RMSE", measured(x.error.relativeRmse)],
    ["max abs err", measured(x.error.maxAbsError)],
    ["Pareto", paretoText(x)],
  ];
}

/** The three trade-off plots' axes: x from a row, error on y. */
export const PLOT_AXES = [
  { key: "energy", title: "Energy vs error", xTitle: "energy per workload (µJ)", x: (r: CompareRow) => r.cost.energyPj / 1e6 },
  { key: "area", title: "Area vs error", xTitle: "array area (mm²)", x: (r: CompareRow) => r.cost.areaUm2 / 1e6 },
  { key: "latency", title: "Latency vs error", xTitle: "latency (µs)", x: (r: CompareRow) => r.cost.latencyUs },
] as const;

/** Energy, area and latency against error: one marker per result row, each plot's own 2-D front drawn. */
export async function renderPlots(r: CompareResult): Promise<PlotFile[]> {
  // Trade-off plots put error on an axis: a timing-only run has none to plot.
  if (!r.rows.some((row) => row.error.measured)) return [];
  const { tradeoffPlot } = await import("./svg-plot.js"); // vega loads only when a plot is drawn
  const out: PlotFile[] = [];
  for (const s of PLOT_AXES) {
    const points = r.rows.map((row) => ({
      label: row.precision.id,
      series: row.modelId,
      x: s.x(row),
      y: row.error.relativeRmse,
      onFront: row.onFront,
      row: tooltipRow(row),
    }));
    const plot = await tradeoffPlot({ title: s.title, xTitle: s.xTitle, yTitle: "relative RMSE vs float64", points });
    out.push({ key: s.key, title: s.title, svg: `${HWSIM_SVG_MARKER}\n${plot.svg}`, interactive: plot.interactive });
  }
  return out;
}

import { paretoFront } from "./pareto.js";
import type { SweepLine } from "./sweep-line.js";
import { lineNumber } from "./sweep-line.js";

/** The points of one workload, ranked. */
export interface SweepWorkloadView {
  readonly workload: string;
  /** Points that ran, sorted by precision, hardware, id. */
  readonly rows: readonly SweepLine[];
  /** Ids of the rows on the Pareto front. */
  readonly front: ReadonlySet<string>;
  /** Whether error was measured on any row (else the front is over cost alone). */
  readonly withError: boolean;
  readonly unsupported: readonly SweepLine[];
}

/** A metric the report ranks by (lower is better). */
export interface SweepMetric {
  readonly name: "size" | "energy" | "latency" | "error";
  readonly field: string;
  readonly title: string;
}

/** The Pareto objectives, all minimised: size (array area), energy, latency and error. */
export const SWEEP_METRICS: readonly SweepMetric[] = [
  { name: "size", field: "areaUm2", title: "area (µm²)" },
  { name: "energy", field: "energyPj", title: "energy (pJ)" },
  { name: "latency", field: "latencyUs", title: "latency (µs)" },
  { name: "error", field: "relativeRmse", title: "relative RMSE" },
];

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Stable order of lines: precision, hardware, then id (plain code-unit order, no locale). */
export function compareLines(a: SweepLine, b: SweepLine): number {
  return byText(a.precision, b.precision) || byText(a.hardware, b.hardware) || byText(a.id, b.id);
}

/**
 * Group lines by workload (in code-unit order) and mark each workload's Pareto front over (size, energy,
 * latency, error). Lines are deduplicated by id, first kept. Pure.
 */
export function analyseSweep(lines: readonly SweepLine[]): SweepWorkloadView[] {
  const seen = new Set<string>();
  const unique = lines.filter((l) => !seen.has(l.id) && seen.add(l.id));
  const workloads = [...new Set(unique.map((l) => l.workload))].sort(byText);
  return workloads.map((workload) => {
    const all = unique.filter((l) => l.workload === workload).sort(compareLines);
    const rows = all.filter((l) => l["unsupported"] === undefined);
    const withError = rows.some((r) => r["errorMeasured"] === true);
    const metrics = withError ? SWEEP_METRICS : SWEEP_METRICS.slice(0, 3);
    // An FPGA point that does not fit its device is not a trade-off point (as in compare): off the front.
    const buildable = rows.filter((r) => r["fits"] !== false);
    const ranked = paretoFront(buildable.map((r) => ({ id: r.id, objectives: metrics.map((m) => lineNumber(r, m.field)) })));
    return { workload, rows, front: new Set(ranked.filter((r) => r.onFront).map((r) => r.id)), withError, unsupported: all.filter((l) => l["unsupported"] !== undefined) };
  });
}

/** The k best rows by a metric (NaN last; ties broken by the stable line order). */
export function topK(view: SweepWorkloadView, metric: SweepMetric, k: number): SweepLine[] {
  const v = (r: SweepLine) => {
    const x = lineNumber(r, metric.field);
    return Number.isNaN(x) ? Infinity : x;
  };
  return [...view.rows].sort((a, b) => v(a) - v(b) || compareLines(a, b)).slice(0, k);
}

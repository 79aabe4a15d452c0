import type { CompareResult } from "./compare.js";
import type { SampledErrorMetrics } from "./sample-error.js";
import { ranAccumulatorIds } from "./ran-accumulator.js";
import { infeasibility } from "./compare.js";

/** One flat record per result row: the numbers the Markdown shows, for JSON and CSV. */
export type ReportRecord = Readonly<Record<string, string | number | boolean>>;

/** Error columns of a record: NaN where no error was measured (JSON null, CSV empty). */
export function errorRecord(e: SampledErrorMetrics): Record<string, number | boolean> {
  return {
    errorMeasured: e.measured,
    sqnrDb: e.sqnrDb,
    sqnrDbStdErr: e.sqnrDbStdErr,
    sqnrDbCi95Low: e.sqnrDbCi95[0],
    sqnrDbCi95High: e.sqnrDbCi95[1],
    relativeRmse: e.relativeRmse,
    relativeRmseStdErr: e.relativeRmseStdErr,
    relativeRmseCi95Low: e.relativeRmseCi95[0],
    relativeRmseCi95High: e.relativeRmseCi95[1],
    maxAbsError: e.maxAbsError,
    nonFiniteOutputs: e.nonFiniteCount,
    outputsComputed: e.count,
    outputFraction: e.fraction,
  };
}

export function reportRecords(r: CompareResult): ReportRecord[] {
  return r.rows.map((x) => ({
    precision: x.precision.id,
    substrate: x.modelId,
    weights: x.precision.weights.format.id,
    activations: x.precision.activations.format.id,
    accumulator: x.precision.accumulator.id,
    accumulatorDefaulted: x.precision.accumulatorDefaulted,
    // What the substrate ran: a GPU's tensor core, an MCU kernel's or an FPGA hard block's accumulator(s).
    accumulatorRun: ranAccumulatorIds(x).join(", "),
    areaUm2: x.cost.areaUm2,
    macUnitAreaUm2: x.macUnitAreaUm2,
    energyPj: x.cost.energyPj,
    energyPerMacPj: x.cost.energyPerMacPj,
    macUnitEnergyPj: x.macUnitEnergyPj,
    cycles: x.sim.cycles,
    computeCycles: x.sim.computeCycles,
    stallCycles: x.sim.stallCycles,
    latencyUs: x.cost.latencyUs,
    utilization: x.sim.utilization,
    macs: x.sim.macs,
    sramReadBytes: x.sim.sramReadBytes,
    sramWriteBytes: x.sim.sramWriteBytes,
    dramBytes: x.sim.dramBytes,
    ...errorRecord(x.error),
    operandSqnrDb: x.errorSplit.operand.sqnrDb,
    operandRelativeRmse: x.errorSplit.operand.relativeRmse,
    accumulationSqnrDb: x.errorSplit.accumulation.sqnrDb,
    accumulationRelativeRmse: x.errorSplit.accumulation.relativeRmse,
    outputsTotal: x.sim.outputsTotal,
    onParetoFront: x.onFront,
    // Why the design cannot be built (an FPGA design over its device); empty when it can.
    infeasible: infeasibility(x.sim) ?? "",
    techNodeNm: x.cost.techNodeNm,
    outputsSha256: x.sim.outputsSha256,
  }));
}

/** A number as JSON: ±∞ as strings (JSON has no infinities), NaN (not measured) as null. */
export function jsonNumber(v: unknown): unknown {
  if (typeof v !== "number" || Number.isFinite(v)) return v;
  return Number.isNaN(v) ? null : String(v);
}

/** Report as a JSON document (numbers as in the Markdown; ±∞ written as strings, unmeasured figures as null). */
export function reportJson(r: CompareResult, meta: { command: string; version: string }): unknown {
  const fix = jsonNumber;
  return {
    hwsim: meta.version,
    command: meta.command,
    seed: r.options.seed,
    sampleFraction: r.options.sampleFraction,
    sampleMode: r.options.sampleMode ?? "fixed",
    ...(r.options.sampleBudgetMacs !== undefined ? { sampleBudgetMacs: r.options.sampleBudgetMacs } : {}),
    errorMeasured: r.options.sampleFraction > 0,
    workload: { id: r.workload.id, layers: r.workload.layers.length, macs: r.workload.layers.reduce((s, l) => s + l.macs, 0) },
    rows: reportRecords(r).map((rec) => Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, fix(v)]))),
    unsupported: r.unsupported,
    assumptions: r.assumptions,
  };
}

/** RFC 4180 CSV of the records, with a header row. */
export function reportCsv(r: CompareResult): string {
  const recs = reportRecords(r);
  if (recs.length === 0) return "";
  const keys = Object.keys(recs[0]!);
  const cell = (v: string | number | boolean) => {
    const s = typeof v === "number" && Number.isNaN(v) ? "" : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [keys.join(","), ...recs.map((rec) => keys.map((k) => cell(rec[k]!)).join(","))].join("\n") + "\n";
}

import type { CompareResult } from "./compare.js";

/** One flat record per result row: the numbers the Markdown shows, for JSON and CSV. */
export type ReportRecord = Readonly<Record<string, string | number | boolean>>;

export function reportRecords(r: CompareResult): ReportRecord[] {
  return r.rows.map((x) => ({
    precision: x.precision.id,
    substrate: x.modelId,
    weights: x.precision.weights.format.id,
    activations: x.precision.activations.format.id,
    accumulator: x.precision.accumulator.id,
    accumulatorDefaulted: x.precision.accumulatorDefaulted,
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
    sqnrDb: x.error.sqnrDb,
    relativeRmse: x.error.relativeRmse,
    maxAbsError: x.error.maxAbsError,
    nonFiniteOutputs: x.error.nonFiniteCount,
    outputsComputed: x.error.count,
    onParetoFront: x.onFront,
    techNodeNm: x.cost.techNodeNm,
    outputsSha256: x.sim.outputsSha256,
  }));
}

/** Report as a JSON document (numbers as in the Markdown; ±∞ written as strings, JSON has no infinities). */
export function reportJson(r: CompareResult, meta: { command: string; version: string }): unknown {
  const fix = (v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v);
  return {
    hwsim: meta.version,
    command: meta.command,
    seed: r.options.seed,
    sampleFraction: r.options.sampleFraction,
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
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [keys.join(","), ...recs.map((rec) => keys.map((k) => cell(rec[k]!)).join(","))].join("\n") + "\n";
}

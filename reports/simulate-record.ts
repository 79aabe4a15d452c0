import type { CostResult, SimResult } from "../hw-models/hardware-model.js";
import type { FpgaSimResult } from "../hw-models/fpga/model.js";
import type { Precision } from "../hw-models/precision.js";
import type { ResolvedSample } from "../hw-models/numerics/sample-budget.js";
import type { SampledErrorMetrics } from "./sample-error.js";
import { errorRecord, jsonNumber } from "./records.js";
import { ranAccumulatorIds } from "./ran-accumulator.js";

/** What one simulation produced: the figures `hwsim simulate --json` prints and sweep lines carry. */
export interface SimulateRecordInput {
  readonly modelId: string;
  /** The substrate family (mac-array, gpu, mcu, fpga): says which accumulator it ran. */
  readonly modelKind: string;
  readonly precision: Precision;
  readonly workloadId: string;
  readonly engine: string;
  readonly timing: string;
  readonly sample: ResolvedSample;
  readonly sim: SimResult;
  readonly cost: CostResult;
  readonly error: SampledErrorMetrics;
}

/**
 * The record of one simulation, in the key order `hwsim simulate --json` prints: cycles, actions, traffic,
 * energy, area, then the error metrics with their uncertainty. Numbers are raw (NaN where not measured);
 * `jsonRecord` makes them JSON-safe.
 */
export function simulateRecord(i: SimulateRecordInput): Record<string, unknown> {
  const s = i.sim;
  const c = i.cost;
  return {
    hardware: i.modelId,
    precision: i.precision.id,
    accumulator: i.precision.accumulator.id,
    // What the substrate ran: a GPU's tensor core, an MCU kernel's or an FPGA hard block's accumulator(s).
    accumulatorRun: ranAccumulatorIds(i).join(", "),
    workload: i.workloadId,
    engine: i.engine,
    timing: i.timing,
    cycles: s.cycles,
    computeCycles: s.computeCycles,
    stallCycles: s.stallCycles,
    utilization: s.utilization,
    macs: s.macs,
    actions: s.actions,
    sramReadBytes: s.sramReadBytes,
    sramWriteBytes: s.sramWriteBytes,
    dramBytes: s.dramBytes,
    energyPj: c.energyPj,
    energyBreakdownPj: c.energyBreakdownPj,
    energyPerMacPj: c.energyPerMacPj,
    areaUm2: c.areaUm2,
    areaBreakdownUm2: c.areaBreakdownUm2,
    latencyUs: c.latencyUs,
    techNodeNm: c.techNodeNm,
    // The MAC unit per MAC lane (a dot PE's unit divided by its lanes), with its components.
    macUnitEnergyPj: c.macUnit.energyPj,
    macUnitAreaUm2: c.macUnit.areaUm2,
    macUnitBreakdown: Object.fromEntries(c.macUnit.parts.map((p) => [p.component, { energyPj: p.energyPj, areaUm2: p.areaUm2 }])),
    sampleFraction: s.sampleFraction,
    sampleMode: i.sample.mode,
    ...(i.sample.budgetMacs !== undefined ? { sampleBudgetMacs: i.sample.budgetMacs } : {}),
    outputsTotal: s.outputsTotal,
    ...errorRecord(i.error),
    outputsSha256: s.outputsSha256,
    // MCUs: the kernel that ran and its memory footprint.
    ...("kernel" in s && "footprintBytes" in s ? { kernel: s.kernel, footprintBytes: s.footprintBytes } : {}),
    // FPGAs: resources of the MVU, fmax, one MAC lane, the mapping and whether it fits the device.
    ...("resources" in s && "fmaxMhz" in s ? fpgaFields(s as FpgaSimResult) : {}),
    // GPUs: per layer, what bounds it (tensor | cuda-core | smem | l2 | dram).
    ...(s.layers.some((l) => l.boundBy !== undefined)
      ? {
          layers: s.layers.map((l) => ({
            name: l.layer.name,
            op: l.layer.op,
            macs: l.macs,
            cycles: l.cycles,
            latencyUs: s.cycles > 0 ? (c.latencyUs * l.cycles) / s.cycles : 0,
            achievedTops: l.cycles > 0 && s.cycles > 0 ? (2 * l.macs) / ((c.latencyUs * l.cycles) / s.cycles) / 1e6 : 0,
            utilization: l.utilization,
            boundBy: l.boundBy,
          })),
        }
      : {}),
  };
}

/** A record with its top-level numbers JSON-safe (NaN → null, ±∞ → strings). */
export function jsonRecord(r: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, jsonNumber(v)]));
}

/** The FPGA fields of `simulate --json`. */
function fpgaFields(s: FpgaSimResult): Record<string, unknown> {
  return { resources: s.resources, fmaxMhz: s.fmaxMhz, fmaxAssumed: s.fmaxAssumed, macUnit: s.macUnit, fpgaPlan: s.plan, deviceUtilization: s.deviceUtilization, fits: s.fits, fitNote: s.fitNote, chainSplit: s.chainSplit };
}

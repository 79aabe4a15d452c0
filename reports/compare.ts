import type { Workload } from "../workloads/layer.js";
import type { Result } from "../workloads/result.js";
import type { CostAssumption, CostResult, EnergyMode, HardwareModel, SimResult, TimingMode } from "../hw-models/hardware-model.js";
import type { Precision } from "../hw-models/precision.js";
import { operandId } from "../hw-models/precision.js";
import type { AbsmaxMemo } from "../hw-models/numerics/operand-source.js";
import type { SampledErrorMetrics, SampledLayerOutputs } from "./sample-error.js";
import { sampledErrorMetrics } from "./sample-error.js";
import { paretoFront } from "./pareto.js";

export interface CompareOptions {
  readonly seed: number;
  /** Fraction of each layer's outputs computed bit-exactly (0: timing and cost only). */
  readonly sampleFraction: number;
  /** How the fraction was chosen (stated in the report); `fixed` when absent. */
  readonly sampleMode?: "auto" | "fixed" | "timing-only";
  /** auto: the exact-MAC budget per precision. */
  readonly sampleBudgetMacs?: number;
  readonly energyMode: EnergyMode;
  readonly timing: TimingMode;
  readonly onProgress?: (done: number, total: number) => void;
}

/** One precision on one substrate: what it costs and how wrong it is. */
export interface CompareRow {
  readonly id: string;
  readonly precision: Precision;
  readonly modelId: string;
  readonly modelKind: string;
  readonly sim: SimResult;
  readonly cost: CostResult;
  /** Error of the whole workload, estimated from the computed outputs, with its uncertainty. */
  readonly error: SampledErrorMetrics;
  /** Per-layer error, in layer order. */
  readonly layerErrors: readonly SampledErrorMetrics[];
  /**
   * Where the error comes from: operand quantization (float64 reference vs the exact dot product of the quantized
   * operands) and accumulation (that exact dot product vs the datapath's output), each against the whole signal.
   */
  readonly errorSplit: ErrorSplit;
  /** The same split per layer, in layer order. */
  readonly layerErrorSplits: readonly ErrorSplit[];
  /** Energy (pJ per MAC) and area (µm²) of the MAC unit alone: the figures format comparisons such as Qualcomm 2023 quote. */
  readonly macUnitEnergyPj: number;
  readonly macUnitAreaUm2: number;
  readonly onFront: boolean;
  readonly dominatedBy: readonly string[];
}

export interface ErrorSplit {
  readonly operand: SampledErrorMetrics;
  readonly accumulation: SampledErrorMetrics;
}

/** The operand/accumulation split of sampled outputs (the two error vectors add up exactly to the total). */
export function errorSplit(layers: readonly { sample: SampledLayerOutputs["sample"]; reference: Float64Array; exact: Float64Array; output: Float64Array }[]): ErrorSplit {
  return {
    operand: sampledErrorMetrics(layers.map((l) => ({ sample: l.sample, reference: l.reference, output: l.exact }))),
    accumulation: sampledErrorMetrics(layers.map((l) => ({ sample: l.sample, reference: l.exact, output: l.output, signal: l.reference }))),
  };
}

export interface Unsupported {
  readonly precisionId: string;
  readonly modelId: string;
  readonly reason: string;
}

export interface CompareResult {
  readonly workload: Workload;
  readonly rows: readonly CompareRow[];
  readonly unsupported: readonly Unsupported[];
  readonly options: CompareOptions;
  /** Every cost constant used, with its source, deduplicated. */
  readonly assumptions: readonly CostAssumption[];
}

/** The objectives of the Pareto front, all minimised; the first, the size axis, is the substrate's (sizeAxis). */
export const PARETO_OBJECTIVES = ["area (µm²)", "energy (pJ)", "latency (µs)", "relative RMSE"] as const;

/**
 * A row's size objectives: a substrate's own size figures where its cost reports them (`size`: an FPGA's device
 * fraction per resource, DSP, LUT, FF, BRAM36), else area in µm² (ASIC arrays; a GPU's fixed die; 0 for an MCU,
 * whose size is its footprint). `axis` names them; rows on different axes are ranked on separate fronts.
 */
export function sizeAxis(cost: CostResult): { readonly values: readonly number[]; readonly axis: string } {
  const s = (cost as CostResult & { size?: { values: readonly number[]; axis: string } }).size;
  return s ? { values: s.values, axis: s.axis } : { values: [cost.areaUm2], axis: PARETO_OBJECTIVES[0] };
}

/** The objectives of a row; without measured error (timing-only runs) the front is over cost alone. */
function objectives(r: Pick<CompareRow, "cost" | "error">, withError: boolean): number[] {
  const cost = [...sizeAxis(r.cost).values, r.cost.energyPj, r.cost.latencyUs];
  return withError ? [...cost, r.error.relativeRmse] : cost;
}

/**
 * Run every precision on every model over the workload, with the same seed (so every row sees the same
 * operand tensors), price it, measure the error against float64, and mark the Pareto front. Pure: no I/O.
 */
export function runCompare(
  precisions: readonly Precision[],
  models: readonly HardwareModel<unknown>[],
  workload: Workload,
  opts: CompareOptions,
): Result<CompareResult> {
  const partial: Omit<CompareRow, "onFront" | "dominatedBy">[] = [];
  const unsupported: Unsupported[] = [];
  const totalMacs = workload.layers.reduce((s, l) => s + l.macs, 0) * precisions.length * models.length;
  let done = 0;
  // The operands are the same for every precision: their whole-tensor absmax values are found once.
  const absmaxMemo: AbsmaxMemo = new Map();
  for (const model of models) {
    for (const p of precisions) {
      const support = model.supports(p);
      if (!support.ok) {
        unsupported.push({ precisionId: p.id, modelId: model.id, reason: support.reason });
        done += totalMacs / (precisions.length * models.length);
        continue;
      }
      const base = done;
      const sim = model.simulate(workload.layers, p, {
        engine: "fast",
        timing: opts.timing,
        seed: opts.seed,
        sampleFraction: opts.sampleFraction,
        sampleIsBudget: opts.sampleMode === "auto",
        countToggles: opts.energyMode === "activity",
        absmaxMemo,
        onProgress: (d) => opts.onProgress?.(base + d, totalMacs),
      });
      if (!sim.ok) return { ok: false, reason: `${p.id} on ${model.id}: ${sim.reason}` };
      done = base + sim.value.macs;
      const cost = model.cost(sim.value, p, { energyMode: opts.energyMode });
      if (!cost.ok) return { ok: false, reason: `${p.id} on ${model.id}: ${cost.reason}` };
      const layerOutputs = sim.value.layers.map((l) => ({ sample: l.outputSample, reference: l.referenceValues, output: l.outputValues }));
      const splitInputs = sim.value.layers.map((l) => ({ sample: l.outputSample, reference: l.referenceValues, exact: l.exactValues, output: l.outputValues }));
      partial.push({
        id: `${p.id} @ ${model.id}`,
        precision: p,
        modelId: model.id,
        modelKind: model.kind,
        sim: sim.value,
        cost: cost.value,
        error: sampledErrorMetrics(layerOutputs),
        layerErrors: layerOutputs.map((l) => sampledErrorMetrics([l])),
        errorSplit: errorSplit(splitInputs),
        layerErrorSplits: splitInputs.map((l) => errorSplit([l])),
        macUnitEnergyPj: cost.value.macUnit.energyPj,
        macUnitAreaUm2: cost.value.macUnit.areaUm2,
      });
    }
  }
  const withError = opts.sampleFraction > 0;
  // One front per size axis: device fractions and µm² are not comparable, so rows on different axes never dominate each other.
  // A design that does not fit its device is not a trade-off point: it stays off the front and dominates nothing.
  const infeasible = partial.map((r) => infeasibility(r.sim));
  const front = new Map<number, { onFront: boolean; dominatedBy: readonly string[] }>();
  for (const axis of new Set(partial.map((r) => sizeAxis(r.cost).axis))) {
    const idx = partial.map((r, i) => (sizeAxis(r.cost).axis === axis && infeasible[i] === null ? i : -1)).filter((i) => i >= 0);
    const f = paretoFront(idx.map((i) => ({ id: partial[i]!.id, objectives: objectives(partial[i]!, withError) })));
    idx.forEach((i, j) => front.set(i, f[j]!));
  }
  const rows = partial.map((r, i) => ({ ...r, onFront: front.get(i)?.onFront ?? false, dominatedBy: front.get(i)?.dominatedBy ?? [] }));
  return { ok: true, value: { workload, rows, unsupported, options: opts, assumptions: dedupeAssumptions(rows.flatMap((r) => r.cost.assumptions)) } };
}

function dedupeAssumptions(xs: readonly CostAssumption[]): CostAssumption[] {
  const seen = new Map<string, CostAssumption>();
  for (const x of xs) {
    const key = `${x.name}|${x.value}|${x.unit}`;
    if (!seen.has(key)) seen.set(key, x);
  }
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name) || a.value - b.value);
}

/** Why a simulated design cannot be built (an FPGA design over its device's resources), or null; never on the front. */
export function infeasibility(sim: SimResult): string | null {
  const s = sim as SimResult & { fits?: boolean; fitNote?: string };
  return s.fits === false ? (s.fitNote ?? "does not fit its device") : null;
}

/** The Pareto column's text: yes, no (dominated by …), or no (does not fit …). */
export function paretoText(x: CompareRow): string {
  if (x.onFront) return "yes";
  const why = infeasibility(x.sim);
  if (why) return `no (${why.split(";")[0]})`;
  return `no (dominated by ${x.dominatedBy.map((d) => d.split(" @ ")[0]).join(", ")})`;
}

/**
 * Short description of a precision's operands and accumulator. `ran` names the accumulators the substrate actually
 * ran (a GPU's tensor core, an MCU kernel's, an FPGA hard block's; see ran-accumulator.ts); where they are not the
 * precision's own, they are what the row shows.
 */
export function describePrecision(p: Precision, ran: readonly string[] = [p.accumulator.id]): string {
  const w = operandId(p.weights);
  const a = operandId(p.activations);
  const ops = w === a ? w : `W ${w} / A ${a}`;
  if (ran.length === 1 && ran[0] === p.accumulator.id) return `${ops} → ${p.accumulator.id}${p.accumulatorDefaulted ? " (default)" : ""}`;
  return `${ops} → ${ran.join(", ")} (substrate's)`;
}

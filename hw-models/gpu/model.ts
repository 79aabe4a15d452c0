import type { Layer } from "../../workloads/layer.js";
import type { Result } from "../../workloads/result.js";
import { createPrng } from "../../sim/prng.js";
import type { CostAssumption, CostOptions, CostResult, HardwareModel, LayerSimResult, SimOptions, SimResult, Support } from "../hardware-model.js";
import type { OperandFormat, Precision } from "../precision.js";
import { elementFormat, operandBitsPerElement } from "../precision.js";
import { dotInOrder, gemmNumerics, operandFormatFor } from "../numerics/gemm-numerics.js";
import { layerOutputs, summarizeRun } from "../run-summary.js";
import type { QuantizedOperand } from "../numerics/quantized-operand.js";
import type { ExecutionPlan, OperandClass } from "./execution-plan.js";
import { operandClass, planGemm } from "./execution-plan.js";
import type { GpuParams } from "./gpu-params.js";
import { GPU_MODEL_CONSTANTS, gpuPreset } from "./gpu-params.js";
import type { GpuBound, GpuLayerTiming } from "./tile-timing.js";
import { gemmTiming } from "./tile-timing.js";
import { cudaPjPerOp, tensorDatapathWhatIf, tensorPjPerMac } from "./gpu-cost.js";

/** Per-layer extras a GPU reports beyond LayerSimResult. */
export interface GpuLayerResult extends LayerSimResult {
  readonly boundBy: GpuBound;
  readonly timing: GpuLayerTiming;
  readonly plan: ExecutionPlan;
  /** Dense MACs per cycle of the whole GPU for this layer's MMA kind. */
  readonly peakMacsPerCycle: number;
  readonly outputCodes: BigUint64Array;
  readonly outputBits: number;
}

/** Named action counts of a GPU run. */
export const GPU_ACTIONS = ["mma", "dequant-op", "dequant-cycle", "smem-byte", "l2-byte", "dram-byte"] as const;

/**
 * A GPU's tensor cores (`gpu:<preset>`): tile-level latency (tiles, waves, a roofline per level), bit-exact GEMM
 * outputs from the architecture's tensor-core accumulator in MMA order (split-K partials added in fp32), and
 * energy from TDP-derived per-op bounds, cited DRAM energy and static power. Area is the fixed die.
 */
export class GpuModel implements HardwareModel<GpuParams> {
  readonly kind = "gpu";
  readonly peCount: number;
  readonly clockMhz: number;

  constructor(
    readonly id: string,
    readonly params: GpuParams,
  ) {
    this.clockMhz = params.clockMhz;
    this.peCount = params.sms * Math.max(...Object.values(params.tensor).map((v) => v ?? 0));
  }

  /** The plan of one layer's GEMM (operands by role). */
  plan(layer: Pick<Layer, "roles">, p: Precision): Result<ExecutionPlan> {
    return planGemm(this.params, operandFormatFor(p, layer.roles.a), operandFormatFor(p, layer.roles.b), p);
  }

  /**
   * One output of a GEMM with chosen operand values (a row of A, a column of B, already in their formats) through
   * the same plan and ordered dot product `simulate` uses: for probes such as Fasi et al.'s.
   */
  probeDot(p: Precision, a: readonly number[], b: readonly number[]): Result<{ value: number; code: bigint }> {
    const plan = planGemm(this.params, p.activations, p.weights, p);
    if (!plan.ok) return plan;
    const op = (v: readonly number[], f: OperandFormat): QuantizedOperand => ({
      values: Float64Array.from(v), codes: new Uint32Array(v.length), postScale: new Float64Array([1]), perChannel: false,
      element: elementFormat(f), rows: 1, cols: v.length,
    });
    const r = dotInOrder(plan.value.accumulator, op(a, p.activations), op(b, p.weights), 0, 0, { chunk: a.length, lanes: plan.value.lanes, combine: "fp32-add" });
    return r.ok ? { ok: true, value: { value: r.value, code: r.code } } : r;
  }

  supports(p: Precision): Support {
    const w = planGemm(this.params, p.activations, p.weights, p);
    if (!w.ok) return w;
    const kv = planGemm(this.params, p.activations, p.kvCache, p);
    if (!kv.ok) return { ok: false, reason: `KV cache: ${kv.reason}` };
    return { ok: true };
  }

  simulate(layers: readonly Layer[], p: Precision, opts: SimOptions): Result<SimResult> {
    const support = this.supports(p);
    if (!support.ok) return support;
    if (opts.engine === "rtl") return { ok: false, reason: "the rtl engine models the MAC array; a GPU runs on --engine fast" };
    if (opts.timing === "scalesim") return { ok: false, reason: "--timing scalesim reproduces SCALE-Sim's systolic arrays, not GPUs: use --timing pipelined" };
    const seeds = createPrng(opts.seed);
    const results: GpuLayerResult[] = [];
    const totalMacs = layers.reduce((s, l) => s + l.macs, 0);
    const memo = new Map<string, GpuLayerTiming>();
    let done = 0;
    for (const layer of layers) {
      const layerSeed = seeds.nextUint32();
      const plan = this.plan(layer, p);
      if (!plan.ok) return { ok: false, reason: `layer ${layer.name}: ${plan.reason}` };
      const fa = operandFormatFor(p, layer.roles.a);
      const fb = operandFormatFor(p, layer.roles.b);
      const fc = operandFormatFor(p, layer.roles.c);
      // C leaves the tensor core in fp32 and is stored as bf16/fp16, or in the KV cache's own format.
      const bytes = { a: operandBitsPerElement(fa) / 8, b: operandBitsPerElement(fb) / 8, c: layer.roles.c === "kv-cache" ? operandBitsPerElement(fc) / 8 : 2 };
      const key = `${layer.gemm.m}x${layer.gemm.n}x${layer.gemm.k}x${layer.repeat}|${plan.value.description}|${bytes.a},${bytes.b},${bytes.c}`;
      let timing = memo.get(key);
      if (!timing) {
        timing = gemmTiming(this.params, plan.value, layer.gemm, layer.repeat, bytes);
        memo.set(key, timing);
      }
      const chunk = timing.splitK > 1 ? timing.splitChunk : layer.gemm.k;
      const num = gemmNumerics(layer, { ...p, accumulator: plan.value.accumulator }, { chunk, lanes: plan.value.lanes, combine: "fp32-add" }, layerSeed, opts.sampleFraction, {
        countToggles: opts.countToggles,
        absmaxMemo: opts.absmaxMemo, sampleIsBudget: opts.sampleIsBudget,
      });
      if (!num.ok) return { ok: false, reason: `layer ${layer.name}: ${num.reason}` };
      const rate = this.params.sms * plan.value.macsPerSmPerClk;
      results.push({
        layer,
        macs: layer.macs,
        cycles: timing.cycles,
        computeCycles: Math.ceil(timing.cycles - Math.max(0, timing.levels.dram - Math.max(timing.levels.tensor, timing.levels["cuda-core"], timing.levels.smem, timing.levels.l2))),
        stallCycles: Math.floor(Math.max(0, timing.levels.dram - Math.max(timing.levels.tensor, timing.levels["cuda-core"], timing.levels.smem, timing.levels.l2))),
        utilization: layer.macs / (timing.cycles * rate),
        actions: {
          mma: layer.macs,
          "dequant-op": timing.dequantOps,
          "dequant-cycle": timing.dequantCycles,
          "smem-byte": timing.smemBytes,
          "l2-byte": timing.l2Bytes,
          "dram-byte": timing.dramBytes,
        },
        sramReadBytes: timing.smemBytes + timing.l2Bytes,
        sramWriteBytes: timing.l2Bytes,
        dramBytes: timing.dramBytes,
        ...layerOutputs(num.value),
        boundBy: timing.boundBy,
        timing,
        plan: plan.value,
        peakMacsPerCycle: rate,
      });
      done += layer.macs;
      opts.onProgress?.(done, totalMacs);
    }
    return { ok: true, value: summarizeRun(this.id, p.id, results, opts.sampleFraction, (l) => l.cycles * this.params.sms * l.plan.macsPerSmPerClk) };
  }

  /**
   * Energy: tensor MACs × the TDP-at-peak bound of their kind, conversion ops × the CUDA-core bound, DRAM bits ×
   * the memory's cited pJ/bit, and static power × time. Area: the die (fixed silicon); the MAC unit is the
   * tensor-core datapath what-if from the dot-unit cost model at the GPU's node.
   */
  cost(sim: SimResult, p: Precision, opts: CostOptions): Result<CostResult> {
    if (opts.energyMode === "activity") return { ok: false, reason: "--energy activity needs register toggles of an ASIC datapath; GPUs are priced with --energy table" };
    const P = this.params;
    const preset = gpuPreset(P.preset);
    const seconds = sim.cycles / (P.clockMhz * 1e6);
    const breakdown = { tensor: 0, dequant: 0, dram: 0, static: P.tdpW * P.staticPowerFraction * seconds * 1e12 };
    const assumptions: CostAssumption[] = [];
    const seen = new Set<string>();
    const cite = (a: CostAssumption) => {
      const k = `${a.name}|${a.value}`;
      if (!seen.has(k)) {
        seen.add(k);
        assumptions.push(a);
      }
    };
    const layers = sim.layers as readonly GpuLayerResult[];
    type WhatIf = Extract<ReturnType<typeof tensorDatapathWhatIf>, { ok: true }>;
    let unit: WhatIf | undefined;
    for (const l of layers) {
      const plan = l.plan ?? (this.plan(l.layer, p) as { ok: true; value: ExecutionPlan }).value;
      const e = tensorPjPerMac(P, plan.macsPerSmPerClk);
      breakdown.tensor += l.macs * e;
      breakdown.dequant += (l.actions["dequant-op"] ?? 0) * cudaPjPerOp(P);
      breakdown.dram += l.dramBytes * 8 * P.dramPjPerBit;
      cite({ name: `${P.preset} ${plan.kind} MACs per SM per clock`, value: plan.macsPerSmPerClk, unit: "MAC/SM/clk", source: preset?.tensor[plan.kind]?.source ?? "hardware file" });
      cite({ name: `${P.preset} ${plan.kind} energy per MAC (upper bound)`, value: e, unit: "pJ", source: `derived: TDP × (1 − static share) ÷ dense ${plan.kind} peak MAC/s (${P.tdpW} W; an upper bound: no per-op figure is published)` });
      cite({ name: `${P.preset} ${plan.kind} accumulation`, value: plan.lanes, unit: "products per block FMA", source: plan.accumulatorSource });
      for (const c of plan.conversions) cite({ name: `${c.from}→${c.to} conversion on CUDA cores`, value: c.opsPerElement, unit: "op/element", source: c.source });
      if (!unit) {
        const fa = operandFormatFor(p, l.layer.roles.a);
        const fb = operandFormatFor(p, l.layer.roles.b);
        const cls = (f: OperandFormat, operand: "a" | "b"): OperandClass => plan.conversions.find((c) => c.operand === operand)?.to ?? (operandClass(f) as OperandClass);
        const u = tensorDatapathWhatIf(P, plan, fa, fb, { a: cls(fa, "a"), b: cls(fb, "b") });
        if (!u.ok) return u;
        unit = u;
      }
    }
    if (!unit) {
      const plan = planGemm(P, p.activations, p.weights, p);
      if (!plan.ok) return plan;
      const u = tensorDatapathWhatIf(P, plan.value, p.activations, p.weights, { a: operandClass(p.activations) as OperandClass, b: operandClass(p.weights) as OperandClass });
      if (!u.ok) return u;
      unit = u;
    }
    if (breakdown.dequant > 0) cite({ name: `${P.preset} CUDA-core energy per op (upper bound)`, value: cudaPjPerOp(P), unit: "pJ", source: `derived: TDP × (1 − static share) ÷ INT32 lane ops/s (${P.sms} SMs × ${P.cudaInt32LanesPerSm} lanes)` });
    const src = (s: { source: string } | undefined, fallback = "hardware file or override") => s?.source ?? fallback;
    cite({ name: `${P.preset} die area`, value: P.dieAreaMm2, unit: "mm²", source: src(preset?.dieAreaMm2) });
    cite({ name: `${P.preset} TDP`, value: P.tdpW, unit: "W", source: src(preset?.tdpW) });
    cite({ name: `${P.preset} DRAM energy`, value: P.dramPjPerBit, unit: "pJ/bit", source: src(preset?.dramPjPerBit) });
    cite({ name: `${P.preset} DRAM bandwidth`, value: P.memoryBandwidthGBs, unit: "GB/s", source: src(preset?.dramBandwidthGBs) });
    cite({ name: `${P.preset} clock`, value: P.clockMhz, unit: "MHz", source: src(preset?.tensorClockMhz) });
    cite({ name: "GPU static power share of TDP", value: P.staticPowerFraction, unit: "1", source: GPU_MODEL_CONSTANTS.staticPowerFraction.source });
    cite({ name: `${P.preset} main-loop efficiency`, value: P.mainLoopEfficiency, unit: "1", source: preset && preset.mainLoopEfficiency.value === P.mainLoopEfficiency ? preset.mainLoopEfficiency.source : "hardware file or override (eff=)" });
    cite({ name: "GPU kernel launch overhead", value: P.launchUs, unit: "µs", source: GPU_MODEL_CONSTANTS.launchUs.source });
    for (const a of unit.value.assumptions) cite(a);
    const energyPj = breakdown.tensor + breakdown.dequant + breakdown.dram + breakdown.static;
    const af = unit.value.areaUm2 / unit.value.unit.areaUm2.value;
    const ef = unit.value.energyPj / unit.value.unit.energyPj.value;
    return {
      ok: true,
      value: {
        energyPj,
        energyBreakdownPj: breakdown,
        energyPerMacPj: sim.macs > 0 ? energyPj / sim.macs : 0,
        areaUm2: P.dieAreaMm2 * 1e6,
        areaBreakdownUm2: { die: P.dieAreaMm2 * 1e6 },
        latencyUs: sim.cycles / P.clockMhz,
        assumptions,
        energyMode: opts.energyMode,
        techNodeNm: P.techNodeNm,
        macUnit: {
          component: `tensor-core datapath what-if: ${unit.value.unit.component}`,
          energyPj: unit.value.energyPj,
          areaUm2: unit.value.areaUm2,
          parts: unit.value.unit.parts.map((c) => ({ component: c.component, energyPj: c.energyPj.value * ef, areaUm2: c.areaUm2.value * af })),
        },
      },
    };
  }
}

import type { Layer } from "../../workloads/layer.js";
import type { Result } from "../../workloads/result.js";
import { createPrng } from "../../sim/prng.js";
import type { FloatFormat } from "../../sim/numerics/formats/format.js";
import type { AccumulatorSpec } from "../../sim/numerics/ops/accumulator.js";
import { resolveAccumulator } from "../../sim/numerics/ops/accumulator.js";
import type { CostOptions, CostResult, HardwareModel, LayerSimResult, SimOptions, SimResult, Support } from "../hardware-model.js";
import type { Precision } from "../precision.js";
import { elementFormat } from "../precision.js";
import { gemmNumerics } from "../numerics/gemm-numerics.js";
import { layerOutputs, summarizeRun } from "../run-summary.js";
import { FP16 } from "./isa/fp.js";
import type { KernelSpec } from "./kernels/library.js";
import { kernelById } from "./kernels/library.js";
import { kernelClosedForm } from "./kernels/run.js";
import type { McuPreset } from "./presets.js";
import { MCU_PRESETS, mcuPreset } from "./presets.js";

export interface McuParams {
  readonly preset: string;
  readonly kernel: "optimized" | "plain";
}

export interface McuLayerResult extends LayerSimResult {
  readonly outputCodes: BigUint64Array;
  readonly outputBits: number;
  readonly kernel: string;
}

export interface McuSimResult extends SimResult {
  readonly kernel: string;
  readonly footprintBytes: number;
}

/** The accumulator a kernel implements, as an hwsim spec. */
export function kernelAccumulator(k: KernelSpec): AccumulatorSpec {
  if (k.accumulator === "fp16-fma") return { kind: "float", id: "fp16-fma", format: FP16 as FloatFormat, rounding: "rne", fused: true };
  const r = resolveAccumulator(k.accumulator);
  if (!r.ok) throw new Error(r.reason);
  return r.spec;
}

/**
 * The kernel a preset runs for a precision, or why none: integer int8/int4/int2 (weights = activations),
 * fp16 and fp32. A default accumulator is replaced by the kernel's own (int32-wrap for integers, fp16-fma for the
 * fp16 SIMD kernel, fp32-seq for fp32); an explicit one must match a kernel.
 */
export function selectKernel(preset: McuPreset, p: Precision, mode: "optimized" | "plain"): Result<KernelSpec> {
  if (p.weights.kind === "block" || p.activations.kind === "block") return { ok: false, reason: `mcu:${preset.id} has no block-scaled (${p.weights.format.id}) kernel` };
  const w = elementFormat(p.weights);
  const a = elementFormat(p.activations);
  const arm = preset.isa.startsWith("cortex");
  const plain = mode === "plain";
  const pick = (ids: string[]): Result<KernelSpec> => {
    const ks = ids.map(kernelById);
    const acc = p.accumulator;
    const k = p.accumulatorDefaulted ? ks[0]! : ks.find((x) => x.accumulator === acc.id || (x.equivalentAccumulators as readonly string[] | undefined)?.includes(acc.id));
    if (!k) return { ok: false, reason: `mcu:${preset.id}: no ${w.id} kernel accumulates as '${acc.id}' (kernels: ${ks.map((x) => `${x.id} → ${[x.accumulator, ...(x.equivalentAccumulators ?? [])].join("|")}`).join(", ")})` };
    return { ok: true, value: k };
  };
  if (w.id !== a.id) {
    // Mixed: int4 weights × int8 activations (CMSIS-NN s4: read_and_pad_s4 + SMLAD; PULP-NN mixed: p.extract + pv.sdotsp.b).
    if (w.id === "int4" && a.id === "int8" && !plain) return pick([arm ? "arm-w4a8-cmsis" : "pulp-w4a8-xpulpv2"]);
    return { ok: false, reason: `mcu:${preset.id}${plain ? ":kernel=plain" : ""} has no ${w.id}-weight × ${a.id}-activation kernel (mixed kernels: w4a8, optimized)` };
  }
  switch (w.id) {
    case "int8":
      if (arm) return pick([plain ? "arm-int8-plain" : preset.isa === "cortex-m55" ? "mve-int8-vmladava" : "arm-int8-cmsis"]);
      return pick([plain ? "pulp-int8-plain" : "pulp-int8-pulpnn"]);
    case "int4":
    case "int2": {
      if (arm && w.id === "int4" && !plain) return pick(["arm-int4-cmsis"]);
      if (arm) return { ok: false, reason: `mcu:${preset.id}${plain ? ":kernel=plain" : ""}: ${w.id} on Cortex-M is modelled as CMSIS-NN's int4 kernel (optimized) only; no int2 or plain-C sub-byte kernel` };
      const nn = preset.isa === "cv32e40p-xpulpnn" && !plain;
      return pick([`pulp-${w.id}-${nn ? "xpulpnn" : "xpulpv2"}`]);
    }
    case "fp32":
      return pick(arm ? ["arm-fp32-vmla", "arm-fp32-vfma"] : ["pulp-fp32-fmul-fadd", "pulp-fp32-fmadd"]);
    case "fp16":
      // Cortex-M55: Helium VFMA.F16 (plain: scalar FP16 VFMA.F16), or the conversion kernel for an fp32 accumulator; M4F/M7
      // have no FP16 arithmetic: fp16 storage widened to fp32 (VCVTB/VCVTT) and fp32 VFMA.
      if (arm) return pick(preset.hasFp16Simd ? [plain ? "arm-fp16-scalar-vfma" : "mve-fp16-vfma", "arm-fp16-vcvt-vfma"] : ["arm-fp16-vcvt-vfma"]);
      if (!preset.hasFp16Simd) return { ok: false, reason: `mcu:${preset.id} has no FP16 arithmetic kernel` };
      return pick(["pulp-fp16-vfmac"]);
    case "fp8-e4m3":
    case "fp8-e5m2":
      // No MCU here has fp8 instructions: the emulation kernel decodes by table and MACs in fp32.
      return pick([arm ? `arm-${w.id}-lut-vfma` : `pulp-${w.id}-lut-fmadd`]);
    default:
      return { ok: false, reason: `mcu:${preset.id} has no native ${w.id} instructions and no emulation kernel for it yet (int8, int4, int2, fp8-e4m3, fp8-e5m2, fp16, fp32 are modelled)` };
  }
}

/**
 * An MCU as a HardwareModel: kernels are ISS programs whose closed-form cycle count (proven equal to the ISS on
 * small shapes) prices whole layers; outputs are computed bit-exactly by the shared GEMM numerics in the kernel's
 * accumulation order (proven equal to the ISS outputs); energy is cycles × energy per cycle plus DMA bytes.
 */
export class McuModel implements HardwareModel<McuParams> {
  readonly kind = "mcu";
  readonly id: string;
  readonly peCount: number;
  readonly clockMhz: number;
  readonly preset: McuPreset;

  constructor(readonly params: McuParams) {
    const preset = mcuPreset(params.preset);
    if (!preset) throw new Error(`unknown mcu preset ${params.preset}`);
    this.preset = preset;
    this.id = `mcu:${preset.id}${params.kernel === "plain" ? ":kernel=plain" : ""}`;
    this.peCount = preset.cores;
    this.clockMhz = preset.clockMhz.value;
  }

  supports(p: Precision): Support {
    const k = selectKernel(this.preset, p, this.params.kernel);
    if (!k.ok) return k;
    if ((k.value.operand !== "int") && !this.preset.hasFpu) return { ok: false, reason: `mcu:${this.preset.id} has no FPU` };
    return { ok: true };
  }

  /** Cycles of one GEMM on this preset: the slowest core's closed form (shapes padded to the register block), plus the barrier. */
  layerCycles(k: KernelSpec, m: number, n: number, kd: number): number {
    const blocks = Math.ceil(m / k.R);
    const rows = Math.ceil(blocks / this.preset.cores) * k.R;
    const nPad = Math.ceil(n / k.C) * k.C;
    const kPad = Math.ceil(kd / k.kStep) * k.kStep;
    return kernelClosedForm(k, this.preset.timing, rows, nPad, kPad) + (this.preset.cores > 1 ? this.preset.barrierCycles.value : 0);
  }

  simulate(layers: readonly Layer[], p: Precision, opts: SimOptions): Result<McuSimResult> {
    const ks = selectKernel(this.preset, p, this.params.kernel);
    if (!ks.ok) return ks;
    const k = ks.value;
    if (opts.engine === "rtl") return { ok: false, reason: `mcu:${this.preset.id}: --engine rtl is the ISS, which runs small kernels in tests (hw-models/mcu/kernels); whole workloads use its proven closed form: use --engine fast` };
    // The kernel's accumulator, unless the one asked for is one the kernel provably equals (kept as asked).
    const precision: Precision = p.accumulatorDefaulted || p.accumulator.id === k.accumulator ? { ...p, accumulator: kernelAccumulator(k) } : p;
    if (k.bBits !== undefined) {
      const bad = layers.find((l) => l.roles.a !== "activations" || l.roles.b !== "weights");
      if (bad) return { ok: false, reason: `layer ${bad.name}: the ${k.id} kernel needs A = activations (int8) and B = weights (int4); this layer's operands are ${bad.roles.a} × ${bad.roles.b}` };
    }
    const seeds = createPrng(opts.seed);
    const results: McuLayerResult[] = [];
    const memo = new Map<string, number>();
    const ebA = k.elementBits / 8;
    const ebB = (k.bBits ?? k.elementBits) / 8;
    const lutBytes = k.lut ? 256 * 4 : 0;
    let footprint = 0;
    let weightBytes = 0;
    for (const layer of layers) {
      const layerSeed = seeds.nextUint32();
      const { m, n, k: kd } = layer.gemm;
      const key = `${m}x${n}x${kd}`;
      let compute = memo.get(key);
      if (compute === undefined) memo.set(key, (compute = this.layerCycles(k, m, n, kd)));
      const aBytes = m * kd * ebA;
      const bBytes = kd * n * ebB;
      const cBytes = m * n * k.outBytes;
      const working = aBytes + cBytes + lutBytes;
      if (working > this.preset.activationMemoryBytes.value && this.preset.dmaBytesPerCycle.value === 0) {
        return { ok: false, reason: `layer ${layer.name}: activations ${working} B exceed the ${this.preset.activationMemoryBytes.value} B SRAM of mcu:${this.preset.id} (tiling from external memory is not modelled on Cortex-M presets)` };
      }
      if (layer.roles.b === "weights" || layer.roles.a === "weights") weightBytes += layer.roles.b === "weights" ? bBytes : aBytes;
      footprint = Math.max(footprint, working);
      // PULP: every operand byte crosses L2→L1 once by DMA, double-buffered behind compute.
      const dmaBytes = this.preset.dmaBytesPerCycle.value > 0 ? aBytes + bBytes + cBytes : 0;
      const dmaCycles = dmaBytes > 0 ? Math.ceil(dmaBytes / this.preset.dmaBytesPerCycle.value) : 0;
      const computeCycles = compute * layer.repeat;
      const stall = Math.max(0, dmaCycles - compute) * layer.repeat;
      const numOpts = { absmaxMemo: opts.absmaxMemo, sampleIsBudget: opts.sampleIsBudget };
      const num = gemmNumerics(layer, precision, { chunk: kd }, layerSeed, opts.sampleFraction, numOpts);
      if (!num.ok) return { ok: false, reason: `layer ${layer.name}: ${num.reason}` };
      const cycles = computeCycles + stall;
      results.push({
        layer,
        macs: layer.macs,
        cycles,
        computeCycles,
        stallCycles: stall,
        utilization: layer.macs / (cycles * this.preset.cores),
        actions: { mac: layer.macs, "dma-byte": dmaBytes * layer.repeat, cycle: cycles },
        sramReadBytes: (aBytes + bBytes) * layer.repeat,
        sramWriteBytes: cBytes * layer.repeat,
        dramBytes: 0,
        ...layerOutputs(num.value),
        kernel: k.id,
      });
      opts.onProgress?.(results.reduce((s, r) => s + r.macs, 0), layers.reduce((s, l) => s + l.macs, 0));
    }
    // Weights over L2 stream from L3 (PULP presets): each layer's weight bytes at the L3 bandwidth, overlapped with compute.
    if (weightBytes > this.preset.weightMemoryBytes.value && this.preset.l3BytesPerCycle.value > 0) {
      for (let i = 0; i < results.length; i++) {
        const r = results[i]!;
        const l = r.layer;
        const wBytes = (l.roles.b === "weights" ? l.gemm.k * l.gemm.n * ebB : l.roles.a === "weights" ? l.gemm.m * l.gemm.k * ebA : 0) * l.repeat;
        const l3Cycles = Math.ceil(wBytes / this.preset.l3BytesPerCycle.value);
        const stall = Math.max(r.stallCycles, l3Cycles - r.computeCycles);
        const cycles = r.computeCycles + stall;
        results[i] = { ...r, stallCycles: stall, cycles, utilization: r.macs / (cycles * this.preset.cores), actions: { ...r.actions, "l3-byte": wBytes, cycle: cycles } };
      }
    } else if (weightBytes > this.preset.weightMemoryBytes.value) {
      return { ok: false, reason: `weights need ${weightBytes} B but mcu:${this.preset.id} holds ${this.preset.weightMemoryBytes.value} B (${this.preset.weightMemoryBytes.source}); streaming weights from external memory is not modelled yet: use a smaller workload` };
    }
    return {
      ok: true,
      value: {
        ...summarizeRun(this.id, p.id, results, opts.sampleFraction, (l) => l.cycles * this.preset.cores),
        kernel: k.id,
        footprintBytes: footprint + weightBytes,
      },
    };
  }

  /** Energy = cycles × energy per cycle (datasheet run power / clock) + DMA bytes × pJ/B. No area: an MCU is a fixed chip (its size axis is cores and memory footprint). */
  cost(sim: SimResult, _p: Precision, opts: CostOptions): Result<CostResult> {
    if (opts.energyMode === "activity") return { ok: false, reason: `mcu:${this.preset.id} prices energy from datasheet power per cycle: use --energy table` };
    const pr = this.preset;
    const core = sim.cycles * pr.energyPerCyclePj.value;
    const dma = (sim.actions["dma-byte"] ?? 0) * pr.dmaPjPerByte.value + (sim.actions["l3-byte"] ?? 0) * pr.l3PjPerByte.value;
    const energyPj = core + dma;
    const perMac = sim.macs > 0 ? energyPj / sim.macs : 0;
    const kernel = (sim as Partial<McuSimResult>).kernel ?? "kernel";
    return {
      ok: true,
      value: {
        energyPj,
        energyBreakdownPj: { "core+memories": core, dma },
        energyPerMacPj: perMac,
        areaUm2: 0,
        areaBreakdownUm2: {},
        latencyUs: sim.cycles / pr.clockMhz.value,
        assumptions: [
          { name: `mcu:${pr.id} clock`, ...pr.clockMhz },
          { name: `mcu:${pr.id} energy per cycle`, ...pr.energyPerCyclePj },
          { name: `mcu:${pr.id} DMA energy per byte`, ...pr.dmaPjPerByte },
          { name: `mcu:${pr.id} L3 energy per byte`, ...pr.l3PjPerByte },
          { name: `mcu:${pr.id} core timing`, value: pr.cores, unit: "cores", source: pr.timing.source },
        ],
        energyMode: "table",
        techNodeNm: 0,
        macUnit: { component: `mcu ${kernel}`, energyPj: perMac, areaUm2: 0, parts: [{ component: "core+memories per MAC", energyPj: sim.macs ? core / sim.macs : 0, areaUm2: 0 }, { component: "dma per MAC", energyPj: sim.macs ? dma / sim.macs : 0, areaUm2: 0 }] },
      },
    };
  }

  /** Peak MACs per cycle of the optimized kernel for each precision: MACs of one inner iteration over its steady-state cycles, times cores. */
  peak(): { precision: string; accumulator: string; macsPerCycle: number; tops: number; kernel: string }[] {
    const out = [];
    for (const prec of ["int8", "int4", "int2", "w4a8", "fp16", "fp32", "fp8-e4m3", "fp8-e5m2"]) {
      const k = selectKernel(this.preset, prec === "w4a8" ? fakePrecision(prec, "int4", "int8") : fakePrecision(prec), this.params.kernel);
      if (!k.ok) continue;
      const kern = k.value;
      const small = kernelClosedForm(kern, this.preset.timing, kern.R, kern.C, kern.kStep * 64);
      const big = kernelClosedForm(kern, this.preset.timing, kern.R, kern.C, kern.kStep * 128);
      const macsPerCycle = ((kern.R * kern.C * kern.kStep * 64) / (big - small)) * this.preset.cores;
      out.push({ precision: prec, accumulator: kern.accumulator, macsPerCycle, tops: (2 * macsPerCycle * this.clockMhz * 1e6) / 1e12, kernel: kern.id });
    }
    return out;
  }
}

function fakePrecision(id: string, w = id, a = id): Precision {
  const f = (x: string) => ({ kind: "scalar" as const, format: { id: x } as never });
  return { id, weights: f(w), activations: f(a), kvCache: f(a), accumulator: { kind: "exact", id: "exact", outputFormat: null, rounding: "rne" }, accumulatorDefaulted: true };
}

/** `mcu:<preset>[:kernel=plain|optimized]` → model. */
export function lookupMcu(rest: string): Result<McuModel> {
  const [presetId = "", opts = ""] = rest.split(/:(.*)/s).map((s) => s.trim()) as [string, string?];
  const preset = mcuPreset(presetId.toLowerCase());
  if (!preset) return { ok: false, reason: `unknown MCU preset '${presetId}': use mcu:<preset> with one of ${MCU_PRESETS.map((p) => p.id).join(", ")}` };
  let kernel: McuParams["kernel"] | undefined;
  for (const part of opts.split(",").map((s) => s.trim()).filter(Boolean)) {
    const eq = part.indexOf("=");
    const key = (eq < 0 ? part : part.slice(0, eq)).trim();
    const value = eq < 0 ? "" : part.slice(eq + 1).trim();
    if (key !== "kernel") return { ok: false, reason: `mcu:${preset.id}: unknown key '${key}': the only key is kernel=plain|optimized` };
    if (kernel !== undefined) return { ok: false, reason: `mcu:${preset.id}: kernel is given more than once: give it once` };
    if (value !== "plain" && value !== "optimized") return { ok: false, reason: `mcu:${preset.id}: ${value ? `kernel=${value}` : "kernel needs a value"}: use kernel=plain or kernel=optimized` };
    kernel = value;
  }
  kernel ??= "optimized";
  return { ok: true, value: new McuModel({ preset: preset.id, kernel }) };
}

/** `hardware list` entries for every MCU preset. */
export function mcuHardwareList(): { id: string; kind: "mcu"; description: string }[] {
  return MCU_PRESETS.map((p) => ({ id: `mcu:${p.id}`, kind: "mcu" as const, description: p.description }));
}

/** `hardware show mcu:<preset>` document. */
export function mcuHardwareShow(model: McuModel): { id: string; kind: "mcu"; params: Record<string, unknown>; peak: ReturnType<McuModel["peak"]>; sources: Record<string, string> } {
  const p = model.preset;
  return {
    id: model.id,
    kind: "mcu",
    params: { isa: p.isa, cores: p.cores, clockMhz: p.clockMhz.value, weightMemoryBytes: p.weightMemoryBytes.value, activationMemoryBytes: p.activationMemoryBytes.value, tcdmBanks: p.tcdmBanks, sharedFpus: p.sharedFpus, dmaBytesPerCycle: p.dmaBytesPerCycle.value, energyPerCyclePj: p.energyPerCyclePj.value, kernel: model.params.kernel },
    peak: model.peak(),
    sources: { clockMhz: p.clockMhz.source, energyPerCyclePj: p.energyPerCyclePj.source, weightMemoryBytes: p.weightMemoryBytes.source, activationMemoryBytes: p.activationMemoryBytes.source, timing: p.timing.source },
  };
}

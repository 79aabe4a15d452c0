import type { Layer } from "../../workloads/layer.js";
import type { Result } from "../../workloads/result.js";
import { createPrng } from "../../sim/prng.js";
import type { ComponentCost, Estimate } from "../cost/index.js";
import { activityEnergy, arrayArea, estimate, nodeFactors } from "../cost/index.js";
import type { TechNodeNm } from "../cost/index.js";
import type {
  CostOptions,
  CostResult,
  HardwareModel,
  LayerSimResult,
  SimOptions,
  SimResult,
  Support,
} from "../hardware-model.js";
import type { Precision } from "../precision.js";
import { elementFormat, operandBitsPerElement } from "../precision.js";
import { gemmNumerics, operandFormatFor } from "../numerics/gemm-numerics.js";
import { layerOutputs, summarizeRun } from "../run-summary.js";
import type { MacArrayDatapath } from "./datapath-cost.js";
import { datapathAccumulator, macArrayDatapath } from "./datapath-cost.js";
import { peAccumulator } from "./pe-accumulator.js";
import { accumulatorOutputFormat } from "../../sim/numerics/ops/accumulator.js";
import { peLanes } from "./params.js";
import type { MacArrayAction } from "./fold-schedule.js";
import { gemmSchedule, MAC_ARRAY_ACTIONS } from "./fold-schedule.js";
import { operandToggles } from "./operand-toggles.js";
import type { MacArrayParams } from "./params.js";
import { scalesimComputeCycles, scalesimGemmOperandDims } from "./scalesim-timing.js";
import { gemmTraffic, stallCycles } from "./traffic.js";
import type { RtlLayerRunner } from "./rtl-runner.js";

/** Per-layer extras the MAC array reports beyond LayerSimResult. */
export interface MacArrayLayerResult extends LayerSimResult {
  readonly outputCodes: BigUint64Array;
  readonly outputBits: number;
}

/**
 * ASIC systolic MAC array (rows × cols PEs, WS/OS/IS). `simulate` counts cycles, actions and traffic and
 * computes every (or a sampled fraction of) output bit-exactly in the order the dataflow implies; `cost`
 * prices the counts from the cited cost library.
 */
export class MacArrayModel implements HardwareModel<MacArrayParams> {
  readonly kind = "mac-array";
  readonly id: string;
  readonly peCount: number;
  readonly clockMhz: number;
  /** Products each PE takes per cycle (1 for pe=mac). */
  readonly lanes: number;

  constructor(
    readonly params: MacArrayParams,
    /** The RTL engine, injected so the fast model does not load it unless asked. */
    private readonly rtl?: RtlLayerRunner,
  ) {
    this.lanes = peLanes(params.pe);
    this.id = `mac-array ${params.rows}x${params.cols} ${params.dataflow}${this.lanes > 1 ? ` ${params.pe}` : ""}`;
    // MAC lanes: a dot<n> PE does n MACs per cycle, so utilization stays macs / (cycles · lanes).
    this.peCount = params.rows * params.cols * this.lanes;
    this.clockMhz = params.clockMhz;
  }

  supports(p: Precision): Support {
    for (const role of ["weights", "activations"] as const) {
      const f = elementFormat(role === "weights" ? p.weights : p.activations);
      if (f.bits > 32) return { ok: false, reason: `${f.id} operands are wider than the 32-bit datapaths this array models` };
    }
    const peAcc = peAccumulator(p.accumulator, this.lanes, { a: p.activations, b: p.weights });
    if (!peAcc.ok) return peAcc;
    const acc = datapathAccumulator(peAcc.value, elementFormat(p.activations), elementFormat(p.weights), this.lanes);
    if (!acc.ok) return acc;
    if (p.accumulator.kind === "int" && (elementFormat(p.weights).kind !== "int" || elementFormat(p.activations).kind !== "int")) {
      return { ok: false, reason: `integer accumulator '${p.accumulator.id}' needs integer operands` };
    }
    if (p.accumulator.kind === "int" && (p.weights.kind === "block" || p.activations.kind === "block")) {
      return { ok: false, reason: `block-scaled operands need a float accumulator, not '${p.accumulator.id}'` };
    }
    return { ok: true };
  }

  simulate(layers: readonly Layer[], p: Precision, opts: SimOptions): Result<SimResult> {
    const support = this.supports(p);
    if (!support.ok) return support;
    if (opts.engine === "rtl" && !this.rtl) return { ok: false, reason: "the rtl engine was not loaded" };
    if (opts.timing === "scalesim" && this.lanes > 1) return { ok: false, reason: `--timing scalesim reproduces SCALE-Sim's one-MAC PEs, not pe=${this.params.pe}` };
    const peAcc = peAccumulator(p.accumulator, this.lanes, { a: p.activations, b: p.weights });
    if (!peAcc.ok) return peAcc;
    const pePrecision: Precision = { ...p, accumulator: peAcc.value };
    const lanes = this.lanes;
    const { rows, cols, dataflow, macPipelineDepth: depth } = this.params;
    const seeds = createPrng(opts.seed);
    const results: MacArrayLayerResult[] = [];
    // Equal layer shapes (ResNet stages, transformer blocks) share one timing evaluation.
    const timingMemo = new Map<string, { sched: ReturnType<typeof gemmSchedule>; cycles: Result<number> }>();
    const totalMacs = layers.reduce((s, l) => s + l.macs, 0);
    let doneMacs = 0;
    for (const layer of layers) {
      const layerSeed = seeds.nextUint32();
      const shapeKey = `${layer.gemm.m}x${layer.gemm.n}x${layer.gemm.k}`;
      // A dot<n> PE takes n elements of K per cycle: the fold schedule runs over ⌈K/n⌉ wide elements.
      const wide = { ...layer.gemm, k: Math.ceil(layer.gemm.k / lanes) };
      let timing = timingMemo.get(shapeKey);
      if (!timing) {
        const sched = gemmSchedule(dataflow, wide, rows, cols, depth);
        let cycles: Result<number> = { ok: true, value: sched.computeCycles };
        if (opts.timing === "scalesim") {
          const s = scalesimComputeCycles({ rows, cols, dataflow }, scalesimGemmOperandDims(layer.gemm));
          cycles = s.ok ? { ok: true, value: s.value.computeCycles } : s;
        }
        timing = { sched, cycles };
        timingMemo.set(shapeKey, timing);
      }
      const sched = timing.sched;
      if (!timing.cycles.ok) return timing.cycles;
      let computeCycles = timing.cycles.value * layer.repeat;
      const actions: Record<string, number> = {};
      for (const a of MAC_ARRAY_ACTIONS) actions[a] = sched.actions[a] * layer.repeat;
      const chunk = dataflow === "os" ? layer.gemm.k : rows * lanes;
      const num = gemmNumerics(layer, pePrecision, { chunk, lanes }, layerSeed, opts.sampleFraction, { countToggles: opts.countToggles, absmaxMemo: opts.absmaxMemo, sampleIsBudget: opts.sampleIsBudget });
      if (!num.ok) return { ok: false, reason: `layer ${layer.name}: ${num.reason}` };
      let outputCodes = num.value.codes;
      let vcd: string | undefined;
      if (opts.engine === "rtl") {
        const run = this.rtl!(this.params, layer, pePrecision, layerSeed, opts.vcd ?? false);
        if (!run.ok) return { ok: false, reason: `layer ${layer.name}: ${run.reason}` };
        if (opts.timing !== "scalesim") computeCycles = run.value.computeCycles;
        for (const a of MAC_ARRAY_ACTIONS) actions[a] = run.value.actions[a];
        // The RTL computes every output; report the sampled ones so both engines hash the same set.
        outputCodes = BigUint64Array.from(num.value.indices, (idx) => run.value.outputCodes[idx]!);
        vcd = run.value.vcd;
      }
      const fa = operandFormatFor(p, layer.roles.a);
      const fb = operandFormatFor(p, layer.roles.b);
      const outFmt = operandFormatFor(p, layer.roles.c);
      // From the spec, not the numerics: a timing-only run (no outputs) must price the same partial sums.
      const accBits = accumulatorOutputFormat(peAcc.value)?.bits ?? 32;
      // Schedule actions count wide (n-element) operands: their bits are n elements'.
      const traffic = gemmTraffic(
        wide,
        sched.actions,
        { a: lanes * operandBitsPerElement(fa), b: lanes * operandBitsPerElement(fb), out: operandBitsPerElement(outFmt), partial: accBits },
        this.params,
      );
      const dramBytes = traffic.dramBytes * layer.repeat;
      const stall = stallCycles(dramBytes, computeCycles, this.params);
      const cycles = computeCycles + stall;
      let toggles: LayerSimResult["toggles"];
      if (opts.countToggles && num.value.operands && num.value.accumulatorToggles) {
        const ot = operandToggles(dataflow, num.value.operands.a, num.value.operands.b);
        const at = num.value.accumulatorToggles;
        toggles = {
          operands: { toggledBits: ot.toggles, registerBits: ot.bits * ot.updates },
          accumulator: { toggledBits: at.toggles, registerBits: at.bits * at.updates },
        };
      }
      results.push({
        layer,
        macs: layer.macs,
        cycles,
        computeCycles,
        stallCycles: stall,
        utilization: layer.macs / (cycles * this.peCount),
        actions,
        sramReadBytes: traffic.sramReadBytes * layer.repeat,
        sramWriteBytes: traffic.sramWriteBytes * layer.repeat,
        dramBytes,
        toggles,
        ...layerOutputs(num.value),
        // The RTL engine's codes when it ran, in the PE register's width.
        outputCodes,
        outputBits: accBits,
        vcd,
      });
      doneMacs += layer.macs;
      opts.onProgress?.(doneMacs, totalMacs);
    }
    return { ok: true, value: summarize(this.id, p.id, results, this.peCount, opts.sampleFraction) };
  }

  /** Price a simulation: Σ actions × energy per action, DRAM bits, leakage over the cycles; area of PEs + SRAM + control. */
  cost(sim: SimResult, p: Precision, opts: CostOptions): Result<CostResult> {
    const params = this.params;
    // The datapath is priced per layer's operand formats (roles may differ: KV cache, weights as A).
    const byFormats = new Map<string, MacArrayDatapath>();
    const datapathFor = (layer: Layer): Result<MacArrayDatapath> => {
      const fa = operandFormatFor(p, layer.roles.a);
      const fb = operandFormatFor(p, layer.roles.b);
      const key = `${fa.format.id}|${fb.format.id}`;
      const hit = byFormats.get(key);
      if (hit) return { ok: true, value: hit };
      const d = macArrayDatapath(params, p, fa, fb);
      if (d.ok) byFormats.set(key, d.value);
      return d;
    };
    const breakdown: Record<string, number> = { mac: 0, registers: 0, sram: 0, dram: 0, leakage: 0 };
    let peDatapath: MacArrayDatapath | undefined;
    for (const l of sim.layers) {
      const d = datapathFor(l.layer);
      if (!d.ok) return d;
      peDatapath ??= d.value;
      for (const a of MAC_ARRAY_ACTIONS) {
        const n = l.actions[a] ?? 0;
        const e = n * d.value.perActionPj[a as MacArrayAction].value;
        if (a === "mac") {
          if (opts.energyMode === "activity") {
            if (!l.toggles) return { ok: false, reason: "activity energy needs toggle counts: simulate with countToggles" };
            const reg = (t: { toggledBits: number; registerBits: number }) => [{ toggles: t.toggledBits, bits: 1, cycles: Math.max(1, t.registerBits) }];
            const ae = activityEnergy(d.value.mac, n, { operands: reg(l.toggles["operands"]!), accumulator: reg(l.toggles["accumulator"]!) });
            if (!ae.ok) return ae;
            breakdown["mac"]! += ae.value.energyPj.value;
          } else breakdown["mac"]! += e;
        } else if (a.startsWith("sram")) breakdown["sram"]! += e;
        else breakdown["registers"]! += e;
      }
      breakdown["dram"]! += l.dramBytes * 8 * d.value.dramPjPerBit.value;
    }
    if (!peDatapath) {
      const d = macArrayDatapath(params, p, p.activations, p.weights);
      if (!d.ok) return d;
      peDatapath = d.value;
    }
    const area = arrayArea({
      pe: peDatapath.pe,
      peCount: this.peCount,
      buffers: [
        { name: "ifmap", capacityBytes: params.ifmapSramKb * 1024 },
        { name: "filter", capacityBytes: params.filterSramKb * 1024 },
        { name: "ofmap", capacityBytes: params.ofmapSramKb * 1024 },
      ],
    });
    // Leakage: density (nW/µm²) × area × time.
    const seconds = sim.cycles / (params.clockMhz * 1e6);
    breakdown["leakage"] = peDatapath.leakageDensity.value * area.totalUm2.value * 1e-9 * seconds * 1e12;
    const factors = nodeFactors({ nodeNm: params.techNodeNm as TechNodeNm, method: "stillmaker-2017" });
    const ef = factors.energyFactor.value;
    const af = factors.areaFactor.value;
    const energyBreakdownPj: Record<string, number> = {};
    for (const [k, v] of Object.entries(breakdown)) energyBreakdownPj[k] = k === "dram" ? v : v * ef; // DRAM is off-chip: not scaled
    const energyPj = Object.values(energyBreakdownPj).reduce((s, v) => s + v, 0);
    const areaBreakdownUm2 = { "pe-array": area.peArrayUm2.value * af, sram: area.sramUm2.value * af, control: area.controlUm2.value * af };
    const cite = (name: string, e: Estimate) => ({ name, value: e.value, unit: e.unit, source: e.source });
    return {
      ok: true,
      value: {
        energyPj,
        energyBreakdownPj,
        energyPerMacPj: sim.macs > 0 ? energyPj / sim.macs : 0,
        areaUm2: Object.values(areaBreakdownUm2).reduce((s, v) => s + v, 0),
        areaBreakdownUm2,
        latencyUs: sim.cycles / params.clockMhz,
        assumptions: [
          ...[...byFormats.values()].flatMap((d) => d.assumptions),
          cite("SRAM area per bit", estimate(area.sramUm2.value / (8 * 1024 * (params.ifmapSramKb + params.filterSramKb + params.ofmapSramKb)), "um2/bit", area.sramUm2.source)),
          cite("control area share", estimate(area.controlUm2.value / area.totalUm2.value, "1", area.controlUm2.source)),
          cite(`energy factor 45→${params.techNodeNm} nm`, factors.energyFactor),
          cite(`area factor 45→${params.techNodeNm} nm`, factors.areaFactor),
        ],
        energyMode: opts.energyMode,
        techNodeNm: params.techNodeNm,
        macUnit: {
          component: peDatapath.mac.component,
          energyPj: peDatapath.mac.energyPj.value * ef,
          areaUm2: peDatapath.mac.areaUm2.value * af,
          parts: macUnitParts(peDatapath.mac).map((c) => ({ component: c.component, energyPj: c.energyPj.value * ef, areaUm2: c.areaUm2.value * af })),
        },
      },
    };
  }
}

/**
 * The MAC unit's reported components: a dot unit's groups as they are; a MAC unit's multiplier and accumulator
 * (a block MAC's inner MAC opened up, beside its scale-unit share).
 */
function macUnitParts(mac: ComponentCost): ComponentCost[] {
  return mac.parts.flatMap((p) => (p.component.startsWith("mac(") && p.parts.length ? p.parts : [p]));
}

function summarize(modelId: string, precisionId: string, layers: MacArrayLayerResult[], peCount: number, sampleFraction: number): SimResult {
  return summarizeRun(modelId, precisionId, layers, sampleFraction, (l) => l.cycles * peCount);
}

import { describe, expect, it } from "vitest";
import { parsePrecision } from "../precision.js";
import type { Precision } from "../precision.js";
import { repeatOperands, gemmNumerics, layerSeeds } from "../numerics/gemm-numerics.js";
import { gemmLayer as gemmLayerR } from "../../workloads/ops/gemm.js";
const gemmLayer = (name: string, s: { m: number; n: number; k: number }) => {
  const r = gemmLayerR({ name, ...s });
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};
import { kernelAccumulator, lookupMcu, mcuHardwareList, mcuHardwareShow, selectKernel } from "./model.js";
import { MCU_PRESETS } from "./presets.js";
import { runKernel } from "./kernels/run.js";

const prec = (s: string): Precision => {
  const r = parsePrecision(s);
  if (!r.ok) throw new Error(r.reason);
  return r.precision;
};
const model = (s: string) => {
  const r = lookupMcu(s);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};

describe("MCU model: the fast numerics path gives the ISS's bits, and the closed form its cycles", () => {
  for (const [presetId, p] of [["pulp-cluster", "int8"], ["pulp-cluster", "fp16"], ["pulp-cluster", "fp32"], ["cv32e40p-xpulpnn", "int4"], ["cv32e40p", "int2"], ["cortex-m4", "int8"], ["cortex-m7", "fp32"], ["cortex-m55", "int8"],
    ["cortex-m4", "fp8"], ["cortex-m7", "fp8-e5m2"], ["cortex-m55", "fp8-e4m3"], ["pulp-cluster", "fp8"], ["cv32e40p", "fp8-e5m2"], ["pulp-cluster", "w=fp8-e5m2,a=fp8-e5m2,acc=fp32-seq"],
    ["cortex-m4", "int4"], ["cortex-m7", "int4"], ["cortex-m4", "w4a8"], ["cortex-m55", "w4a8"],
    ["cortex-m55", "fp16"], ["cortex-m4", "fp16"], ["cortex-m7", "fp16"], ["cortex-m55", "w=fp16,a=fp16,acc=fp32-seq"],
    ["pulp-cluster", "w4a8"], ["cv32e40p-xpulpnn", "w4a8"], ["gap9", "w4a8"]] as const) {
    it(`${presetId} ${p}: gemmNumerics codes = ISS outputs on the same quantized operands`, () => {
      const mdl = model(presetId);
      const precision = prec(p);
      const k = selectKernel(mdl.preset, precision, "optimized");
      if (!k.ok) throw new Error(k.reason);
      const kern = k.value;
      const m = kern.R * 8;
      const n = kern.C * 2;
      const kd = kern.kStep * 4;
      const layer = gemmLayer("t", { m, n, k: kd });
      const pk: Precision = precision.accumulatorDefaulted ? { ...precision, accumulator: kernelAccumulator(kern) } : precision;
      const { operandSeeds } = layerSeeds(5, 1);
      const ops = repeatOperands(layer, pk, operandSeeds[0]!);
      if (!ops.ok) throw new Error(ops.reason);
      const cluster = { cores: mdl.preset.cores, tcdmBanks: 0, sharedFpus: 0 };
      const run = runKernel(kern, mdl.preset.timing, { m, n, k: kd, a: ops.value.a.codes, b: ops.value.b.codes }, cluster);
      const num = gemmNumerics(layer, pk, { chunk: kd }, 5, 1);
      if (!num.ok) throw new Error(num.reason);
      const mask = (1n << BigInt(num.value.outputFormat!.bits)) - 1n;
      for (let i = 0; i < m * n; i++) expect(BigInt(run.out[num.value.indices[i]!]!) & mask, `output ${i}`).toBe(num.value.codes[i]!);
      // Cycles the model prices = contention-free ISS cycles (+ barrier on clusters).
      expect(mdl.layerCycles(kern, m, n, kd)).toBe(run.iss.cycles + (mdl.preset.cores > 1 ? mdl.preset.barrierCycles.value : 0));
    });
  }
});

describe("MCU model integration", () => {
  it("simulate: cycles, macs, kernel, footprint; energy = cycles × pJ/cycle + DMA bytes × pJ/B", () => {
    const mdl = model("pulp-cluster");
    const layer = gemmLayer("g", { m: 64, n: 64, k: 64 });
    const sim = mdl.simulate([layer], prec("int8"), { engine: "fast", timing: "pipelined", seed: 1, sampleFraction: 0.1 });
    if (!sim.ok) throw new Error(sim.reason);
    expect(sim.value.kernel).toBe("pulp-int8-pulpnn");
    expect(sim.value.macs).toBe(64 ** 3);
    // 8 row blocks of 2 rows per core... 32 row blocks / 8 cores = 4 per core; per core 4 × 16 column blocks × 16 k-steps × 14 cycles at least.
    expect(sim.value.cycles).toBeGreaterThanOrEqual(4 * 16 * 16 * 14);
    const cost = mdl.cost(sim.value, prec("int8"), { energyMode: "table" });
    if (!cost.ok) throw new Error(cost.reason);
    // DMA: A 64·64·1 B + B 64·64·1 B + C 64·64·4 B (int32 outputs) = 24576 B.
    // Vega: 49.4 mW at 32.2 GOPS, 72 int8 ops per cycle → 49.4e-3 / (32.2e9 / 72) J = 110.46 pJ per cycle (preset rounds to 110.5).
    expect(cost.value.energyPj).toBeCloseTo(sim.value.cycles * 110.5 + 24576 * 13.75, 6);
  });
  it("refusals are reasons: block formats, plain w4a8, int2 / plain int4 on Cortex-M, fp8 with an fp16 accumulator, bad keys, weights over Flash", () => {
    expect(model("cortex-m4").supports(prec("mxfp8-e4m3")).ok).toBe(false);
    expect(model("pulp-cluster:kernel=plain").supports(prec("w4a8")).ok).toBe(false);
    expect(model("pulp-cluster").supports(prec("w4a8")).ok).toBe(true);
    const plain16 = selectKernel(model("cortex-m55:kernel=plain").preset, prec("fp16"), "plain");
    expect(plain16.ok && plain16.value.id).toBe("arm-fp16-scalar-vfma");
    expect(model("cortex-m7").supports(prec("int2")).ok).toBe(false);
    expect(model("cortex-m7:kernel=plain").supports(prec("int4")).ok).toBe(false);
    expect(model("cortex-m4").supports(prec("w=fp8,a=fp8,acc=fp16-seq")).ok).toBe(false);
    expect(lookupMcu("pulp-cluster:kernel=fast").ok).toBe(false);
    expect(lookupMcu("nrf52").ok).toBe(false);
    const big = model("cortex-m4").simulate([gemmLayer("w", { m: 1, n: 2048, k: 1024 })], prec("int8"), { engine: "fast", timing: "pipelined", seed: 1, sampleFraction: 0 });
    expect(big.ok).toBe(false);
  });
  it("weights over L2 stream from HyperRAM: l3 bytes = K·N, cycles ≥ bytes at 1 B/cycle, energy adds 324 pJ per L3 byte", () => {
    const mdl = model("pulp-cluster");
    // int8 weights 1024 × 2048 = 2 MiB > the 1.5 MiB L2.
    const sim = mdl.simulate([gemmLayer("big", { m: 8, n: 2048, k: 1024 })], prec("int8"), { engine: "fast", timing: "pipelined", seed: 1, sampleFraction: 0 });
    if (!sim.ok) throw new Error(sim.reason);
    expect(sim.value.actions["l3-byte"]).toBe(1024 * 2048);
    expect(sim.value.cycles).toBeGreaterThanOrEqual(1024 * 2048);
    const cost = mdl.cost(sim.value, prec("int8"), { energyMode: "table" });
    if (!cost.ok) throw new Error(cost.reason);
    // S27KS0641: 60 mA × 1.8 V at 333 MB/s = 0.108 W / 333e6 B/s = 324.3 pJ/B (preset rounds to 324).
    const l3Pj = (60e-3 * 1.8) / 333e6 * 1e12;
    expect(l3Pj).toBeCloseTo(324.3, 1);
    const dmaBytes = sim.value.actions["dma-byte"] ?? 0;
    expect(cost.value.energyPj).toBeCloseTo(sim.value.cycles * 110.5 + dmaBytes * 13.75 + 1024 * 2048 * 324, 3);
  });
  it("Cortex-M55 weights live in the E3's 5.5 MiB MRAM: 3 MiB of int8 weights fit, 6 MiB are refused", () => {
    const run = (k: number) => model("cortex-m55").simulate([gemmLayer("w", { m: 1, n: 2048, k })], prec("int8"), { engine: "fast", timing: "pipelined", seed: 1, sampleFraction: 0 });
    expect(run(1536).ok).toBe(true); // 1536 × 2048 B = 3 MiB
    const over = run(3072); // 6 MiB > 5632 KiB
    expect(!over.ok && over.reason).toMatch(/weights need 6291456 B .* holds 5767168 B/);
  });
  it("one RI5CY core: energy = cycles × 6.25 pJ (Gautschi 2017: 1 mW at 40 MHz for a 4-core cluster = 25 pJ/cycle ÷ 4)", () => {
    const mdl = model("cv32e40p");
    const sim = mdl.simulate([gemmLayer("g", { m: 8, n: 8, k: 32 })], prec("int8"), { engine: "fast", timing: "pipelined", seed: 1, sampleFraction: 0 });
    if (!sim.ok) throw new Error(sim.reason);
    const cost = mdl.cost(sim.value, prec("int8"), { energyMode: "table" });
    if (!cost.ok) throw new Error(cost.reason);
    expect(cost.value.energyPj).toBeCloseTo(sim.value.cycles * ((1e-3 / 40e6) * 1e12) / 4, 6);
  });
  it("hardware list/show shapes; peak MAC/cycle per preset (whole preset)", () => {
    expect(mcuHardwareList().map((h) => h.id)).toEqual(MCU_PRESETS.map((p) => `mcu:${p.id}`));
    const show = mcuHardwareShow(model("pulp-cluster"));
    expect(show.kind).toBe("mcu");
    const int8 = show.peak.find((x) => x.precision === "int8")!;
    // PULP-NN inner loop: 32 MACs per 14 cycles per core, 8 cores → 18.29 MAC/cycle (published 15.5 with overheads).
    expect(int8.macsPerCycle).toBeCloseTo((32 / 14) * 8, 6);
  });
});

/**
 * MCU kernels: steady-state MAC/cycle per preset and precision (closed form, proven = ISS in
 * hw-models/mcu/kernels/kernels.test.ts), optimized/plain ratios, beside the published figures they should approach.
 * Run: npx tsc -p tsconfig.json --outDir /tmp/mcu-dist && node /tmp/mcu-dist/bench/mcu.js
 */
import { lookupMcu, selectKernel } from "../hw-models/mcu/model.js";
import { parsePrecision } from "../hw-models/precision.js";
import { kernelById } from "../hw-models/mcu/kernels/library.js";
import { kernelClosedForm } from "../hw-models/mcu/kernels/run.js";
import { CORTEX_M4_TIMING, CORTEX_M55_TIMING, CORTEX_M7_TIMING, CV32E40P_TIMING } from "../hw-models/mcu/iss/timing.js";
import { runKernel } from "../hw-models/mcu/kernels/run.js";

const steady = (id: string, t = CV32E40P_TIMING) => {
  const k = kernelById(id);
  const a = kernelClosedForm(k, t, k.R, k.C, k.kStep * 64);
  const b = kernelClosedForm(k, t, k.R, k.C, k.kStep * 128);
  return (k.R * k.C * k.kStep * 64) / (b - a);
};
/** Whole-GEMM MAC/cycle including loop overheads (a 64×64×256 layer-like GEMM). */
const whole = (id: string, t = CV32E40P_TIMING, m = 64, n = 64, kd = 256, cores = 1) => {
  const k = kernelById(id);
  const rows = Math.ceil(m / k.R / cores) * k.R;
  return (m * n * kd) / kernelClosedForm(k, t, rows, n, kd);
};

console.log("preset               precision  kernel                 MAC/cycle (steady, whole preset)");
for (const p of ["cortex-m4", "cortex-m7", "cortex-m55", "cv32e40p", "cv32e40p-xpulpnn", "pulp-cluster", "gap9"]) {
  const m = lookupMcu(p);
  if (!m.ok) continue;
  for (const e of m.value.peak()) console.log(`${p.padEnd(20)} ${e.precision.padEnd(10)} ${e.kernel.padEnd(22)} ${e.macsPerCycle.toFixed(2)}`);
}
const row = (what: string, got: number, pub: number) => console.log(`${what.padEnd(64)} measured ${got.toFixed(2).padStart(6)}  published ${pub.toFixed(2).padStart(5)}  error ${(((got - pub) / pub) * 100).toFixed(0).padStart(4)}%`);
console.log("\nPublished-number checks (closed form = ISS):");
// PULP-NN: 8 cores, 64×64×256 GEMM, contention-free closed form, plus the ISS with TCDM banks on a smaller GEMM.
row("PULP-NN int8, 8 cores, whole 64×64×256 GEMM (no bank conflicts)", whole("pulp-int8-pulpnn", CV32E40P_TIMING, 64, 64, 256, 8) , 15.5);
{
  const k = kernelById("pulp-int8-pulpnn");
  const g = { m: 32, n: 16, k: 64, a: new Uint32Array(32 * 64).fill(0x01), b: new Uint32Array(64 * 16).fill(0x02) };
  const r = runKernel(k, CV32E40P_TIMING, g, { cores: 8, tcdmBanks: 16, sharedFpus: 0 });
  const barrier = lookupMcu("pulp-cluster");
  row("PULP-NN int8, 8 cores, ISS 32×16×64 with 16 TCDM banks + barrier", (32 * 16 * 64) / (r.iss.cycles + (barrier.ok ? barrier.value.preset.barrierCycles.value : 0)), 15.5);
}
const f16 = whole("pulp-fp16-vfmac", CV32E40P_TIMING, 64, 64, 256, 8);
const f32 = whole("pulp-fp32-fmadd", CV32E40P_TIMING, 64, 64, 256, 8);
{
  const k16 = kernelById("pulp-fp16-vfmac");
  const k32 = kernelById("pulp-fp32-fmadd");
  const g = (k: typeof k16) => ({ m: 32, n: 8, k: 32, a: new Uint32Array(32 * 32).fill(k === k16 ? 0x3c00 : 0x3f800000), b: new Uint32Array(32 * 8).fill(k === k16 ? 0x3c00 : 0x3f800000) });
  const c16 = runKernel(k16, CV32E40P_TIMING, g(k16), { cores: 8, tcdmBanks: 16, sharedFpus: 4 }).iss.cycles;
  const c32 = runKernel(k32, CV32E40P_TIMING, g(k32), { cores: 8, tcdmBanks: 16, sharedFpus: 4 }).iss.cycles;
  row("FP16 SIMD MAC/clk, 8 cores, ISS 32×8×32, 4 shared FPUs, banks", (32 * 8 * 32) / c16, 3.11);
  row("FP16 vs FP32 speed-up, same ISS setting", c32 / c16, 1.72);
}
row("FP16 SIMD MAC/clk, 8 cores, closed form (private FPUs, no conflicts)", f16, 3.11);
row("FP16 vs FP32 speed-up, closed form", f16 / f32, 1.72);
row("XpulpNN int4 vs XpulpV2 int4 (unpack + sdotp), 1 core, whole GEMM", whole("pulp-int4-xpulpnn") / whole("pulp-int4-xpulpv2"), 5.3);
row("XpulpNN int2 vs XpulpV2 int2, 1 core, whole GEMM", whole("pulp-int2-xpulpnn") / whole("pulp-int2-xpulpv2"), 8.9);
row("XpulpNN int4 vs PULP-NN int8, 1 core (the issue's reading)", whole("pulp-int4-xpulpnn") / whole("pulp-int8-pulpnn"), 5.3);
row("XpulpNN int2 vs PULP-NN int8, 1 core (the issue's reading)", whole("pulp-int2-xpulpnn") / whole("pulp-int8-pulpnn"), 8.9);
row("CMSIS-NN vs plain C int8 on Cortex-M7 (whole GEMM)", whole("arm-int8-cmsis", CORTEX_M7_TIMING) / whole("arm-int8-plain", CORTEX_M7_TIMING), 4.6);
row("PULP-NN int8 steady state per core (32 MACs / 14 cycles)", steady("pulp-int8-pulpnn"), 15.5 / 8);

// fp16 on the Arm presets and W4A8 on PULP (kernels added with their closed forms = ISS): steady state per core
// beside the hardware peak they should approach (the peak is derived from the issue rate, not a measured figure).
const note = (what: string, got: number, against: string) => console.log(`${what.padEnd(64)} measured ${got.toFixed(2).padStart(6)}  (${against})`);
note("Cortex-M55 Helium fp16 (VFMA.F16 by scalar), MAC/cycle", steady("mve-fp16-vfma", CORTEX_M55_TIMING), "issue-rate peak 4: 8 lanes per 2-cycle dual-beat VFMA; no measured figure found");
note("Cortex-M55 fp16: Helium ÷ plain scalar VFMA.F16 (whole GEMM)", whole("mve-fp16-vfma", CORTEX_M55_TIMING) / whole("arm-fp16-scalar-vfma", CORTEX_M55_TIMING), "8 lanes against 1, less the scalar A loads");
note("Cortex-M4 fp16 via VCVTB/VCVTT + VFMA.F32 ÷ its fp32 kernel", steady("arm-fp16-vcvt-vfma", CORTEX_M4_TIMING) / steady("arm-fp32-vfma", CORTEX_M4_TIMING), "no fp16 arithmetic: ~1, conversions replace half the loads");
note("Cortex-M7 fp16 via conversion ÷ its fp32 kernel", steady("arm-fp16-vcvt-vfma", CORTEX_M7_TIMING) / steady("arm-fp32-vfma", CORTEX_M7_TIMING), "~1 expected; VCVT result latency 3 (LLVM ARMScheduleM7.td)");
note("PULP W4A8 (p.extract unpack + pv.sdotsp.b) ÷ PULP-NN int8, 1 core", steady("pulp-w4a8-xpulpv2") / steady("pulp-int8-pulpnn"), "no per-kernel figure read from Bruschi et al. CF 2020");
note("CMSIS-NN ÷ plain C int8 on Cortex-M4 (whole GEMM)", whole("arm-int8-cmsis", CORTEX_M4_TIMING) / whole("arm-int8-plain", CORTEX_M4_TIMING), "CMSIS-NN's 4.6× was measured on Cortex-M7 (row above)");
note("PULP-NN ÷ plain C int8 on RI5CY (whole GEMM)", whole("pulp-int8-pulpnn") / whole("pulp-int8-plain"), "no plain-C figure read; plain loop = p.lb, p.lb, cv.mac");

// FP8 / INT4 where the core has no such instruction: emulation-kernel cost against int8 per preset, from the
// closed form (= ISS) on a whole 64×64×256 GEMM, energy = cycles × the preset's pJ/cycle (so the energy ratio
// equals the cycle ratio on Cortex-M; PULP adds DMA bytes, omitted here). Kernels and their hand-worked inner
// loops: hw-models/mcu/kernels/library.ts and emulation.test.ts.
console.log("\nEmulation cost vs int8 (whole 64×64×256 GEMM per preset, closed form = ISS):");
console.log("preset               precision  kernel                     core-cycles/MAC  vs int8   (cycles × cores / MACs)");
for (const p of ["cortex-m4", "cortex-m7", "cortex-m55", "cv32e40p", "pulp-cluster", "gap9"]) {
  const m = lookupMcu(p);
  if (!m.ok) continue;
  const mdl = m.value;
  const perMac = (prec: string) => {
    const pr = parsePrecision(prec);
    if (!pr.ok) throw new Error(pr.reason);
    const k = selectKernel(mdl.preset, pr.precision, "optimized");
    if (!k.ok) return undefined;
    return { kernel: k.value.id, cpm: (mdl.layerCycles(k.value, 64, 64, 256) * mdl.preset.cores) / (64 * 64 * 256) };
  };
  const base = perMac("int8")!;
  for (const prec of ["int8", "int4", "w4a8", "fp16", "fp8-e4m3", "fp8-e5m2", "fp32"]) {
    const r = perMac(prec);
    if (!r) continue;
    console.log(`${p.padEnd(20)} ${prec.padEnd(10)} ${r.kernel.padEnd(26)} ${r.cpm.toFixed(2).padStart(15)}  ${(r.cpm / base.cpm).toFixed(2).padStart(6)}×`);
  }
}

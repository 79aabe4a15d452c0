import { describe, expect, it } from "vitest";
import { createPrng } from "../../../sim/prng.js";
import { dot } from "../../../sim/numerics/ops/dot.js";
import { lookupScalar } from "../../../sim/numerics/formats/registry.js";
import type { AccumulatorSpec } from "../../../sim/numerics/ops/accumulator.js";
import { resolveAccumulator } from "../../../sim/numerics/ops/accumulator.js";
import type { ScalarFormat, FloatFormat } from "../../../sim/numerics/formats/format.js";
import type { CoreTiming } from "../iss/timing.js";
import { CORTEX_M4_TIMING, CORTEX_M55_TIMING, CORTEX_M7_TIMING, CV32E40P_TIMING } from "../iss/timing.js";
import { KERNELS, kernelById } from "./library.js";
import type { KernelSpec } from "./library.js";
import { runKernel } from "./run.js";

const fmt = (id: string): ScalarFormat => {
  const r = lookupScalar(id);
  if (!r.ok) throw new Error(id);
  return r.format;
};
export function specOf(id: KernelSpec["accumulator"]): AccumulatorSpec {
  if (id === "fp16-fma") return { kind: "float", id, format: fmt("fp16") as FloatFormat, rounding: "rne", fused: true };
  const r = resolveAccumulator(id);
  if (!r.ok) throw new Error(r.reason);
  return r.spec;
}
const elementFormat = (k: KernelSpec) => fmt(k.operand === "int" ? `int${k.elementBits}` : k.operand);
const bFormat = (k: KernelSpec) => fmt(k.operand === "int" ? `int${k.bBits ?? k.elementBits}` : k.operand);

/** Random codes: ints uniform over the format (edges included by chance at these sizes); fp8 uniform over all 256 codes (NaN, ±inf, subnormals included); other floats of moderate magnitude. */
export function codes(k: KernelSpec, count: number, seed: number, bits = k.elementBits): Uint32Array {
  const rng = createPrng(seed);
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    if (k.operand === "int") out[i] = rng.nextUint32() & ((1 << bits) - 1);
    else if (k.operand.startsWith("fp8")) out[i] = rng.nextUint32() & 0xff;
    else if (k.operand === "fp16") out[i] = ((rng.nextUint32() & 0x8000) | (0x3000 + (rng.nextUint32() % 0x1800))) >>> 0;
    else out[i] = ((rng.nextUint32() & 0x80000000) | ((0x3c000000 + (rng.nextUint32() % 0x4000000)) >>> 0)) >>> 0;
  }
  return out;
}

export const TIMING_FOR: Record<KernelSpec["isa"], CoreTiming[]> = {
  "armv7e-m": [CORTEX_M4_TIMING, CORTEX_M7_TIMING, CORTEX_M55_TIMING],
  "armv8.1-m-mve": [CORTEX_M55_TIMING],
  xpulpv2: [CV32E40P_TIMING],
  xpulpnn: [CV32E40P_TIMING],
};

describe("MCU kernels on the ISS are bit-exact: every output = ops/dot.ts dot() on the same codes", () => {
  for (const kernel of KERNELS) {
    for (const timing of TIMING_FOR[kernel.isa]) {
      it(`${kernel.id} on ${timing.id}`, () => {
        const m = kernel.R * 2;
        const n = kernel.C * 2;
        const k = kernel.kStep * 3;
        const a = codes(kernel, m * k, 11);
        const b = codes(kernel, k * n, 12, kernel.bBits);
        const run = runKernel(kernel, timing, { m, n, k, a, b });
        const fa = elementFormat(kernel);
        const fb = bFormat(kernel);
        // The declared accumulator, and every accumulator the kernel claims to equal.
        for (const accId of [kernel.accumulator, ...(kernel.equivalentAccumulators ?? [])]) {
          const spec = specOf(accId);
          for (let i = 0; i < m; i++)
            for (let j = 0; j < n; j++) {
              const ac = Array.from({ length: k }, (_, t) => BigInt(a[i * k + t]!));
              const bc = Array.from({ length: k }, (_, t) => BigInt(b[t * n + j]!));
              const want = dot(ac, bc, { cls: "zero", sign: 0 }, spec, { a: fa, b: fb });
              if (!want.ok) throw new Error(want.reason);
              expect(BigInt(run.out[i * n + j]!), `${kernel.id} ${accId} C[${i}][${j}]`).toBe(want.code);
            }
        }
        // Closed form = ISS on one core.
        expect(run.closedFormCycles, `${kernel.id} closed form`).toBe(run.iss.cycles);
      });
    }
  }
});

describe("closed form = ISS over shapes, and hand-counted cycles", () => {
  it("closed form equals the ISS for several shapes of each kernel", () => {
    for (const kernel of KERNELS)
      for (const timing of TIMING_FOR[kernel.isa])
        for (const [mr, nc, ks] of [[1, 1, 1], [1, 1, 5], [2, 1, 4], [1, 3, 2]] as const) {
          const m = kernel.R * mr;
          const n = kernel.C * nc;
          const k = kernel.kStep * ks;
          const run = runKernel(kernel, timing, { m, n, k, a: codes(kernel, m * k, 1), b: codes(kernel, k * n, 2, kernel.bBits) });
          expect(run.closedFormCycles, `${kernel.id} ${timing.id} ${m}x${n}x${k}`).toBe(run.iss.cycles);
        }
  });
  it("PULP-NN inner loop on RI5CY: 6 lw + 8 pv.sdotsp.b = 14 cycles per 32 MACs (load results used ≥ 2 instructions later: no stall; HW loop: no branch)", () => {
    const kernel = kernelById("pulp-int8-pulpnn");
    const small = runKernel(kernel, CV32E40P_TIMING, { m: 2, n: 4, k: 4 * 10, a: codes(kernel, 80, 1), b: codes(kernel, 160, 2) });
    const big = runKernel(kernel, CV32E40P_TIMING, { m: 2, n: 4, k: 4 * 20, a: codes(kernel, 160, 1), b: codes(kernel, 320, 2) });
    expect(big.iss.cycles - small.iss.cycles).toBe(14 * 10);
  });
  it("CMSIS-NN inner loop on Cortex-M4: 4 LDR (2 + 1 + 1 + 1, pipelined) + 8 SXTB16 + 8 SMLAD + SUBS + BNE (1 + P = 3) = 5 + 8 + 8 + 1 + 3 = 25 cycles per 16 MACs", () => {
    const kernel = kernelById("arm-int8-cmsis");
    const a = (k: number) => runKernel(kernel, CORTEX_M4_TIMING, { m: 2, n: 2, k, a: codes(kernel, 2 * k, 1), b: codes(kernel, 2 * k, 2) }).iss.cycles;
    expect(a(80) - a(40)).toBe(25 * 10);
  });
  it("CMSIS-NN inner loop on Cortex-M7 (jnk0le STM32H743 rules): 4 LDR (1 each, no load pairs) + 8 SXTB16 (a DSP op is never the younger of a pair, so none joins an LDR) + 8 SMLAD (accumulator chain every cycle) + SUBS paired with the last SMLAD + BNE predicted (1, waits a cycle for SUBS) = 4 + 8 + 8 + 0 + 1 = 21 cycles per 16 MACs", () => {
    const kernel = kernelById("arm-int8-cmsis");
    const a = (k: number) => runKernel(kernel, CORTEX_M7_TIMING, { m: 2, n: 2, k, a: codes(kernel, 2 * k, 1), b: codes(kernel, 2 * k, 2) }).iss.cycles;
    expect(a(80) - a(40)).toBe(21 * 10);
  });
});

describe("cluster", () => {
  it("8 cores: same outputs as one core; contention-free cluster (no banks, private FPUs) = per-core closed form", () => {
    const kernel = kernelById("pulp-int8-pulpnn");
    const g = { m: 16, n: 8, k: 32, a: codes(kernel, 16 * 32, 3), b: codes(kernel, 32 * 8, 4) };
    const one = runKernel(kernel, CV32E40P_TIMING, g);
    const free = runKernel(kernel, CV32E40P_TIMING, g, { cores: 8, tcdmBanks: 0, sharedFpus: 0 });
    expect(free.out).toEqual(one.out);
    expect(free.iss.cycles).toBe(free.closedFormCycles);
    const banked = runKernel(kernel, CV32E40P_TIMING, g, { cores: 8, tcdmBanks: 16, sharedFpus: 0 });
    expect(banked.out).toEqual(one.out);
    expect(banked.iss.cycles).toBeGreaterThanOrEqual(free.iss.cycles);
    expect(banked.iss.cycles - free.iss.cycles).toBeLessThanOrEqual(banked.iss.actions["tcdm-conflict"]!);
  });
  it("shared FPUs: 8 cores on 4 FPUs run fp kernels slower than private FPUs, with the same bits", () => {
    const kernel = kernelById("pulp-fp16-vfmac");
    const g = { m: 16, n: 4, k: 8, a: codes(kernel, 16 * 8, 5), b: codes(kernel, 8 * 4, 6) };
    const priv = runKernel(kernel, CV32E40P_TIMING, g, { cores: 8, tcdmBanks: 0, sharedFpus: 0 });
    const shared = runKernel(kernel, CV32E40P_TIMING, g, { cores: 8, tcdmBanks: 0, sharedFpus: 4 });
    expect(shared.out).toEqual(priv.out);
    expect(shared.iss.cycles).toBeGreaterThan(priv.iss.cycles);
    expect(shared.iss.actions["fpu-contention"]).toBeGreaterThan(0);
  });
});

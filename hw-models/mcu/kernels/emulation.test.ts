import { describe, expect, it } from "vitest";
import { createPrng } from "../../../sim/prng.js";
import { CORTEX_M4_TIMING, CORTEX_M55_TIMING, CV32E40P_TIMING } from "../iss/timing.js";
import type { CoreTiming } from "../iss/timing.js";
import { kernelById } from "./library.js";
import { fp8Table, runKernel } from "./run.js";
import { lookupInstruction } from "../isa/index.js";

/**
 * FP8 / INT4 emulation kernels against oracles written here (not sim/numerics): fp8 and fp32 decoded from their
 * bit fields to exact rationals (BigInt significand × 2^exponent), int4/int8 dot products summed in BigInt and
 * wrapped to int32; and cycle counts worked by hand from the per-core timing tables.
 */

type Val = { kind: "nan" } | { kind: "inf"; neg: boolean } | { kind: "num"; neg: boolean; sig: bigint; exp: number };

/** Decode a binary float code with e exponent bits, m mantissa bits; `fn` = OCP E4M3 (no inf, NaN only at all ones). */
function decode(code: number, e: number, m: number, fn = false): Val {
  const neg = (code >> (e + m)) & 1 ? true : false;
  const ef = (code >> m) & ((1 << e) - 1);
  const mf = code & ((1 << m) - 1);
  const bias = (1 << (e - 1)) - 1;
  const top = (1 << e) - 1;
  if (fn && ef === top && mf === (1 << m) - 1) return { kind: "nan" };
  if (!fn && ef === top) return mf === 0 ? { kind: "inf", neg } : { kind: "nan" };
  if (ef === 0) return { kind: "num", neg, sig: BigInt(mf), exp: 1 - bias - m };
  return { kind: "num", neg, sig: BigInt(mf | (1 << m)), exp: ef - bias - m };
}
/** Compare two finite values exactly: a.sig·2^a.exp = b.sig·2^b.exp (and equal signs, so −0 ≠ +0 as codes). */
function same(a: Val, b: Val): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "nan") return true;
  if (a.kind === "inf") return b.kind === "inf" && a.neg === b.neg;
  const bb = b as Extract<Val, { kind: "num" }>;
  if (a.neg !== bb.neg) return false;
  const e = Math.min(a.exp, bb.exp);
  return a.sig << BigInt(a.exp - e) === bb.sig << BigInt(bb.exp - e);
}
const FORMATS = [
  { id: "fp8-e4m3" as const, e: 4, m: 3, fn: true },
  { id: "fp8-e5m2" as const, e: 5, m: 2, fn: false },
];

describe("fp8 decode table and the fused = sequential premise", () => {
  for (const f of FORMATS) {
    it(`${f.id}: table entry c is the fp32 code of exactly fp8 code c's value, for all 256 codes (NaN → NaN, ±0 and ±inf kept)`, () => {
      const t = fp8Table(f.id);
      for (let c = 0; c < 256; c++) expect(same(decode(t[c]!, 8, 23), decode(c, f.e, f.m, f.fn)), `code 0x${c.toString(16)}`).toBe(true);
    });
    it(`${f.id}: every product of two finite codes (2^16 pairs) is exact in fp32 (≤ 24 significant bits, exponent ≥ −149, |x| < 2^128), so round(a·b + c) = round(round(a·b) + c)`, () => {
      for (let x = 0; x < 256; x++)
        for (let y = 0; y < 256; y++) {
          const a = decode(x, f.e, f.m, f.fn);
          const b = decode(y, f.e, f.m, f.fn);
          if (a.kind !== "num" || b.kind !== "num") continue;
          let sig = a.sig * b.sig;
          let exp = a.exp + b.exp;
          if (sig === 0n) continue;
          while ((sig & 1n) === 0n) {
            sig >>= 1n;
            exp++;
          }
          expect(sig.toString(2).length <= 24 && exp >= -149 && sig.toString(2).length + exp <= 128, `0x${x.toString(16)}·0x${y.toString(16)}`).toBe(true);
        }
    });
  }
});

/** Exact int32-wrapped dot products, in BigInt. */
function int32Oracle(a: Uint32Array, b: Uint32Array, m: number, n: number, k: number, aBits: number, bBits: number): bigint[] {
  const s = (c: number, bits: number) => BigInt.asIntN(bits, BigInt(c));
  const out: bigint[] = [];
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let acc = 0n;
      for (let t = 0; t < k; t++) acc += s(a[i * k + t]!, aBits) * s(b[t * n + j]!, bBits);
      out.push(BigInt.asUintN(32, acc));
    }
  return out;
}

describe("INT4 on Cortex-M (CMSIS-NN read_and_pad_s4 + SMLAD) and W4A8 on RI5CY (p.extract + pv.sdotsp.b) = exact BigInt sums wrapped to int32", () => {
  for (const [id, aBits, bBits, timing] of [["arm-int4-cmsis", 4, 4, CORTEX_M4_TIMING], ["arm-w4a8-cmsis", 8, 4, CORTEX_M4_TIMING], ["pulp-w4a8-xpulpv2", 8, 4, CV32E40P_TIMING]] as const) {
    it(`${id}: random codes and the extremes (−8·−8, −8·−128, 7·127) on a 4×4×32 GEMM`, () => {
      const kernel = kernelById(id);
      const [m, n, k] = [4, 4, 32];
      const rng = createPrng(7);
      const a = Uint32Array.from({ length: m * k }, (_, i) => (i < k ? (1 << (aBits - 1)) : i < 2 * k ? (1 << (aBits - 1)) - 1 : rng.nextUint32() & ((1 << aBits) - 1)));
      const b = Uint32Array.from({ length: k * n }, (_, i) => (i % n === 0 ? 8 : i % n === 1 ? 7 : rng.nextUint32() & 15));
      const run = runKernel(kernel, timing, { m, n, k, a, b });
      expect(Array.from(run.out, (x) => BigInt(x))).toEqual(int32Oracle(a, b, m, n, k, aBits, bBits));
      // Row 0 = all −8 (int4) or −128 (int8), column 0 = all −8: 32 · 64 = 2048 or 32 · 1024 = 32768.
      expect(run.out[0]).toBe(aBits === 4 ? 2048 : 32768);
    });
  }
});

describe("emulation kernels: cycles per inner iteration worked by hand", () => {
  const perIteration = (id: string, t: CoreTiming, k1: number, k2: number) => {
    const kernel = kernelById(id);
    const cycles = (k: number) => runKernel(kernel, t, { m: kernel.R, n: kernel.C, k, a: new Uint32Array(kernel.R * k), b: new Uint32Array(k * kernel.C) }).iss.cycles;
    return (cycles(k2) - cycles(k1)) / ((k2 - k1) / kernel.kStep);
  };
  it("fp8 on Cortex-M4: 8 loads back to back (4 LDRB + 4 LDR [lut, c, LSL #2]: 2 + 7 × 1 pipelined = 9) + 4 VMOV (1 each) + 4 VFMA.F32 (3 each) + SUBS 1 + BNE 3 = 29 cycles per 4 MACs", () => {
    expect(perIteration("arm-fp8-e4m3-lut-vfma", CORTEX_M4_TIMING, 8, 16)).toBe(29);
    expect(perIteration("arm-fp8-e5m2-lut-vfma", CORTEX_M4_TIMING, 8, 16)).toBe(29);
  });
  it("fp8 on RI5CY: 4 p.lbu + 4 slli + 4 p.lw + 4 fmadd.s = 16 cycles per 4 MACs (every load result used ≥ 2 instructions later, hardware loop)", () => {
    expect(perIteration("pulp-fp8-e4m3-lut-fmadd", CV32E40P_TIMING, 8, 16)).toBe(16);
  });
  it("int4 on Cortex-M4: 4 LDRH (2 + 1 + 1 + 1) + 4 × 8 ALU/DSP + 8 SMLAD + SUBS 1 + BNE 3 = 49 cycles per 16 MACs (int8 CMSIS-NN: 25)", () => {
    expect(perIteration("arm-int4-cmsis", CORTEX_M4_TIMING, 16, 32)).toBe(49);
    expect(perIteration("arm-int8-cmsis", CORTEX_M4_TIMING, 16, 32)).toBe(25);
  });
  it("w4a8 on Cortex-M4: 2 LDR + 2 LDRH (5) + 2 × 2 SXTB16 + 2 × 8 ALU/DSP + 8 SMLAD + 4 = 37 cycles per 16 MACs", () => {
    expect(perIteration("arm-w4a8-cmsis", CORTEX_M4_TIMING, 16, 32)).toBe(37);
  });
  it("fp16 on Cortex-M4 (no FP16 arithmetic): 4 VLDR (2 + 1 + 1 + 1 pipelined) + 8 VCVTB/VCVTT (1 each) + 8 VFMA.F32 (3 each) + SUBS 1 + BNE 3 = 41 cycles per 8 MACs (fp32: 21 per 4)", () => {
    expect(perIteration("arm-fp16-vcvt-vfma", CORTEX_M4_TIMING, 16, 32)).toBe(41);
    expect(perIteration("arm-fp32-vfma", CORTEX_M4_TIMING, 8, 16)).toBe(21);
  });
  it("fp16 on Cortex-M55 Helium: VLDRH.16 (2, dual-beat) + 4 LDRH (1 each, used ≥ 2 cycles later) + 4 VFMA.F16 by scalar (2 each) + SUBS 1 + branch 2 = 17 cycles per 32 MACs", () => {
    expect(perIteration("mve-fp16-vfma", CORTEX_M55_TIMING, 8, 16)).toBe(17);
  });
  it("plain fp16 on Cortex-M55 scalar FP16: 2 VLDR.16 (1 each) + 1 load-use stall (the VFMA.F16 reads the second load, 2-cycle latency) + VFMA.F16 1 + SUBS 1 + branch 2 = 7 cycles per MAC", () => {
    expect(perIteration("arm-fp16-scalar-vfma", CORTEX_M55_TIMING, 8, 16)).toBe(7);
  });
  it("w4a8 on RI5CY (PULP-NN mixed unpacking): 8 lw + 4 × (8 p.extract + 4 pv.pack{lo,hi}.b + 4 pv.sdotsp.b) = 72 cycles per 64 MACs, no load-use stall (int8 PULP-NN: 14 per 32)", () => {
    expect(perIteration("pulp-w4a8-xpulpv2", CV32E40P_TIMING, 16, 32)).toBe(72);
  });
  it("the fp8 table's loads hit TCDM banks on an 8-core cluster: same bits, more cycles than contention-free", () => {
    const kernel = kernelById("pulp-fp8-e5m2-lut-fmadd");
    const rng = createPrng(3);
    const g = { m: 16, n: 2, k: 8, a: Uint32Array.from({ length: 128 }, () => rng.nextUint32() & 0xff), b: Uint32Array.from({ length: 16 }, () => rng.nextUint32() & 0xff) };
    const free = runKernel(kernel, CV32E40P_TIMING, g, { cores: 8, tcdmBanks: 0, sharedFpus: 0 });
    const banked = runKernel(kernel, CV32E40P_TIMING, g, { cores: 8, tcdmBanks: 16, sharedFpus: 4 });
    expect(banked.out).toEqual(free.out);
    expect(free.iss.cycles).toBe(free.closedFormCycles);
    expect(banked.iss.cycles).toBeGreaterThan(free.iss.cycles);
  });
});

describe("the ALU instructions the int4 unpacking adds (ARMv7-M §A7.7), hand-worked", () => {
  const exec = (name: string, x: Record<string, bigint>, target = "cortex-m4") => {
    const u = lookupInstruction(target, name);
    if (!u.ok) throw new Error(u.reason);
    return u.unit.exec(x, false).outputs;
  };
  it("ORR Rd, Rn, Rm, LSL #8: 0x0000a7c3 | 0x00a7c300 = 0x00a7e7c3; LSL #4 drops the top nibble; ROR #4 wraps the low nibble to the top", () => {
    expect(exec("orr", { rn: 0xa7c3n, rm: 0xa7c3n, lsl: 8n })["rd"]).toBe(0x00a7e7c3n);
    expect(exec("lsl", { rm: 0xf0000001n, imm: 4n })["rd"]).toBe(0x00000010n);
    expect(exec("ror", { rm: 0x0000000an, imm: 4n })["rd"]).toBe(0xa0000000n);
  });
  it("read_and_pad_s4 on bytes 0xa7, 0xc3 (nibbles n0 = 7, n1 = −6, n2 = 3, n3 = −4): lo = (7, 3), hi = (−6, −4)", () => {
    const inA = exec("orr", { rn: 0xc3a7n, rm: 0xc3a7n, lsl: 8n })["rd"]!;
    const s = (x: bigint, ror: bigint) => exec("sxtb16", { rm: x, ror })["rd"]!;
    const lo = s(exec("ror", { rm: s(exec("lsl", { rm: inA, imm: 4n })["rd"]!, 0n), imm: 4n })["rd"]!, 0n);
    const hi = s(exec("ror", { rm: s(inA, 0n), imm: 4n })["rd"]!, 0n);
    expect(lo).toBe(0x00030007n);
    expect(hi).toBe(0xfffcfffan);
  });
  it("VMOV Sn, Rt copies the 32 bits", () => {
    expect(exec("vmov", { rt: 0xff800001n })["sn"]).toBe(0xff800001n);
  });
});

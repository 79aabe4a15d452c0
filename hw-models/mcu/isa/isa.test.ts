import { describe, expect, it } from "vitest";
import { createPrng } from "../../../sim/prng.js";
import { lookupInstruction } from "./index.js";
import type { IsaUnit } from "./unit.js";

/*
 * Every instruction against (a) hand-worked cases from the manuals and the issue, and (b) an oracle written here
 * in BigInt from the manuals' pseudocode (it shares no code with the units), on seeded random operands mixed
 * with the wrap/saturation edge values.
 */
const unit = (t: string, n: string): IsaUnit => {
  const r = lookupInstruction(t, n);
  if (!r.ok) throw new Error(r.reason);
  return r.unit;
};
const run = (t: string, n: string, x: Record<string, bigint>, q = false) => unit(t, n).exec(x, q);

const S = (x: bigint, bits: number) => BigInt.asIntN(bits, x);
const U = (x: bigint, bits: number) => BigInt.asUintN(bits, x);
const field = (x: bigint, lsb: number, bits: number) => (x >> BigInt(lsb)) & ((1n << BigInt(bits)) - 1n);
const ROR = (x: bigint, r: number) => U((x >> BigInt(r)) | (x << BigInt(32 - r)), 32);
const EDGES32 = [0n, 1n, 0x7fffn, 0x8000n, 0xffffn, 0x7fff7fffn, 0x80008000n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x807f01ffn, 0x80807f01n, 0x7f807f80n];
function operands(seed: number, count: number, bits = 32): bigint[] {
  const rng = createPrng(seed);
  const out = bits === 32 ? [...EDGES32] : [];
  while (out.length < count) out.push(rng.nextBits(bits));
  return out;
}

describe("ARMv7E-M DSP: hand-worked cases", () => {
  it("SMLAD 0x80008000·0x80008000 + 0: (−2^15)²·2 = 2^31 does not fit, so rd wraps to 0x80000000 and Q is set", () => {
    expect(run("cortex-m4", "smlad", { rn: 0x80008000n, rm: 0x80008000n, ra: 0n })).toEqual({ outputs: { rd: 0x80000000n }, q: true });
  });
  it("SMLAD 2·3 + 4·5 + 100 = 126; Q stays set when it was set (sticky)", () => {
    expect(run("cortex-m4", "smlad", { rn: 0x00040002n, rm: 0x00050003n, ra: 100n })).toEqual({ outputs: { rd: 126n }, q: false });
    expect(run("cortex-m4", "smlad", { rn: 0x00040002n, rm: 0x00050003n, ra: 100n }, true).q).toBe(true);
  });
  it("SMLAD: a wrapped sum that comes back in range in one step never sets Q: 0x7fffffff + (−1·1) = 0x7ffffffe", () => {
    expect(run("cortex-m4", "smlad", { rn: 0x0000ffffn, rm: 0x00000001n, ra: 0x7fffffffn })).toEqual({ outputs: { rd: 0x7ffffffen }, q: false });
  });
  it("SMLADX swaps Rm's halves: 2·5 + 4·3 = 22", () => {
    expect(run("cortex-m4", "smladx", { rn: 0x00040002n, rm: 0x00050003n, ra: 0n }).outputs.rd).toBe(22n);
  });
  it("SMUAD 0x80008000² overflows to 0x80000000 with Q; SMUADX of 0x7fff8000·0x80007fff = 2·(−2^15·−2^15)... ", () => {
    expect(run("cortex-m4", "smuad", { rn: 0x80008000n, rm: 0x80008000n })).toEqual({ outputs: { rd: 0x80000000n }, q: true });
    // X: op2 = ROR(0x80007fff,16) = 0x7fff8000: lo 0x8000·0x8000 = 2^30, hi 0x7fff·0x7fff = 0x3fff0001; sum 0x7fff0001 fits.
    expect(run("cortex-m4", "smuadx", { rn: 0x7fff8000n, rm: 0x80007fffn })).toEqual({ outputs: { rd: 0x7fff0001n }, q: false });
  });
  it("SMLALD accumulates into 64 bits: 0xffffffff:0xffffffff (−1) + 2^31 = 0x00000000:0x7fffffff, no Q", () => {
    expect(run("cortex-m4", "smlald", { rn: 0x80008000n, rm: 0x80008000n, rdlo: 0xffffffffn, rdhi: 0xffffffffn })).toEqual({ outputs: { rdlo: 0x7fffffffn, rdhi: 0n }, q: false });
  });
  it("SXTB16 0x12345678: ror 0 → 0x00340078, ror 8 → 0x00120056 (issue example), ror 16 → 0x00780034; negative bytes sign-extend", () => {
    expect(run("cortex-m4", "sxtb16", { rm: 0x12345678n }).outputs.rd).toBe(0x00340078n);
    expect(run("cortex-m4", "sxtb16", { rm: 0x12345678n, ror: 8n }).outputs.rd).toBe(0x00120056n);
    expect(run("cortex-m4", "sxtb16", { rm: 0x12345678n, ror: 16n }).outputs.rd).toBe(0x00780034n);
    expect(run("cortex-m4", "sxtb16", { rm: 0x00800080n }).outputs.rd).toBe(0xff80ff80n);
  });
  it("SSAT #8 of 300 → 127 with Q; of −129 → −128 (0xffffff80) with Q; of 5 → 5 without; USAT #8 of −1 → 0 with Q", () => {
    expect(run("cortex-m4", "ssat", { rn: 300n, sat: 8n })).toEqual({ outputs: { rd: 127n }, q: true });
    expect(run("cortex-m4", "ssat", { rn: U(-129n, 32), sat: 8n })).toEqual({ outputs: { rd: 0xffffff80n }, q: true });
    expect(run("cortex-m4", "ssat", { rn: 5n, sat: 8n })).toEqual({ outputs: { rd: 5n }, q: false });
    expect(run("cortex-m4", "usat", { rn: 0xffffffffn, sat: 8n })).toEqual({ outputs: { rd: 0n }, q: true });
  });
  it("QADD 0x7fffffff + 1 saturates with Q; QSUB 0x80000000 − 1 saturates; QADD16/QADD8 saturate lanes and leave Q alone", () => {
    expect(run("cortex-m4", "qadd", { rm: 0x7fffffffn, rn: 1n })).toEqual({ outputs: { rd: 0x7fffffffn }, q: true });
    expect(run("cortex-m4", "qsub", { rm: 0x80000000n, rn: 1n })).toEqual({ outputs: { rd: 0x80000000n }, q: true });
    expect(run("cortex-m4", "qadd16", { rn: 0x7fff8000n, rm: 0x0001ffffn })).toEqual({ outputs: { rd: 0x7fff8000n }, q: false });
    expect(run("cortex-m4", "qadd8", { rn: 0x7f80017fn, rm: 0x01ff0101n })).toEqual({ outputs: { rd: 0x7f80027fn }, q: false });
  });
});

describe("ARMv7E-M DSP: BigInt oracle from the ARM ARM pseudocode on edge and random operands", () => {
  const xs = operands(1, 60);
  const ys = operands(2, 60).reverse();
  const zs = operands(3, 60);
  it("SMLAD/SMLADX/SMUAD/SMUADX and the Q flag", () => {
    for (let i = 0; i < xs.length; i++)
      for (const ra of [zs[i]!, 0x7fffffffn, 0x80000000n]) {
        for (const [name, x, acc] of [["smlad", false, true], ["smladx", true, true], ["smuad", false, false], ["smuadx", true, false]] as const) {
          const rm = x ? ROR(ys[i]!, 16) : ys[i]!;
          const res = S(field(xs[i]!, 0, 16), 16) * S(field(rm, 0, 16), 16) + S(field(xs[i]!, 16, 16), 16) * S(field(rm, 16, 16), 16) + (acc ? S(ra, 32) : 0n);
          const got = run("cortex-m4", name, { rn: xs[i]!, rm: ys[i]!, ra });
          expect(got.outputs.rd).toBe(U(res, 32));
          expect(got.q).toBe(res !== S(res, 32));
        }
      }
  });
  it("SMLALD/SMLALDX wrap in 64 bits", () => {
    for (let i = 0; i < xs.length; i++) {
      for (const x of [false, true]) {
        const rm = x ? ROR(ys[i]!, 16) : ys[i]!;
        const acc = S((zs[i]! << 32n) | xs[(i + 1) % xs.length]!, 64);
        const res = U(S(field(xs[i]!, 0, 16), 16) * S(field(rm, 0, 16), 16) + S(field(xs[i]!, 16, 16), 16) * S(field(rm, 16, 16), 16) + acc, 64);
        const got = run("cortex-m4", x ? "smlaldx" : "smlald", { rn: xs[i]!, rm: ys[i]!, rdlo: xs[(i + 1) % xs.length]!, rdhi: zs[i]! });
        expect(got.outputs).toEqual({ rdlo: res & 0xffffffffn, rdhi: res >> 32n });
      }
    }
  });
  it("SXTB16/SXTAB16 for every rotation", () => {
    for (let i = 0; i < xs.length; i++)
      for (const r of [0, 8, 16, 24]) {
        const rot = ROR(ys[i]!, r);
        const lo = S(field(rot, 0, 8), 8);
        const hi = S(field(rot, 16, 8), 8);
        expect(run("cortex-m4", "sxtb16", { rm: ys[i]!, ror: BigInt(r) }).outputs.rd).toBe((U(hi, 16) << 16n) | U(lo, 16));
        const alo = U(field(xs[i]!, 0, 16) + lo, 16);
        const ahi = U(field(xs[i]!, 16, 16) + hi, 16);
        expect(run("cortex-m4", "sxtab16", { rn: xs[i]!, rm: ys[i]!, ror: BigInt(r) }).outputs.rd).toBe((ahi << 16n) | alo);
      }
  });
  it("SSAT/USAT for every saturation width; QADD/QSUB; QADD16/QADD8", () => {
    for (const x of xs) {
      for (let sat = 1; sat <= 32; sat++) {
        const v = S(x, 32);
        const hi = (1n << BigInt(sat - 1)) - 1n;
        const lo = -(1n << BigInt(sat - 1));
        const want = v > hi ? hi : v < lo ? lo : v;
        expect(run("cortex-m4", "ssat", { rn: x, sat: BigInt(sat) })).toEqual({ outputs: { rd: U(want, 32) }, q: want !== v });
      }
      for (let sat = 0; sat <= 31; sat++) {
        const v = S(x, 32);
        const hi = (1n << BigInt(sat)) - 1n;
        const want = v > hi ? hi : v < 0n ? 0n : v;
        expect(run("cortex-m4", "usat", { rn: x, sat: BigInt(sat) })).toEqual({ outputs: { rd: U(want, 32) }, q: want !== v });
      }
    }
    for (let i = 0; i < xs.length; i++) {
      for (const sub of [false, true]) {
        const v = sub ? S(xs[i]!, 32) - S(ys[i]!, 32) : S(xs[i]!, 32) + S(ys[i]!, 32);
        const want = v > 0x7fffffffn ? 0x7fffffffn : v < -0x80000000n ? -0x80000000n : v;
        expect(run("cortex-m4", sub ? "qsub" : "qadd", { rm: xs[i]!, rn: ys[i]! })).toEqual({ outputs: { rd: U(want, 32) }, q: want !== v });
      }
      for (const bits of [8, 16]) {
        let want = 0n;
        for (let l = 32 / bits - 1; l >= 0; l--) {
          const v = S(field(xs[i]!, l * bits, bits), bits) + S(field(ys[i]!, l * bits, bits), bits);
          const m = 1n << BigInt(bits - 1);
          want = (want << BigInt(bits)) | U(v >= m ? m - 1n : v < -m ? -m : v, bits);
        }
        expect(run("cortex-m4", `qadd${bits}`, { rn: xs[i]!, rm: ys[i]! }, true)).toEqual({ outputs: { rd: want }, q: true });
      }
    }
  });
});

describe("XpulpV2 and XpulpNN dot products", () => {
  it("pv.sdotsp.b 0 + [−1,1,127,−128]·[1,127,−128,−128] = −1 + 127 − 16256 + 16384 = 254 (issue example)", () => {
    expect(run("cv32e40p", "pv.sdotsp.b", { rd: 0n, rs1: 0x807f01ffn, rs2: 0x80807f01n }).outputs.rd).toBe(0xfen);
  });
  it("sdotup.b 0xffffffff·0xffffffff = 4·255² = 260100 = 0x3f804; sdotusp.b 0xff..·0xff.. = 4·255·(−1) = −1020", () => {
    expect(run("cv32e40p", "pv.sdotup.b", { rd: 0n, rs1: 0xffffffffn, rs2: 0xffffffffn }).outputs.rd).toBe(0x3f804n);
    expect(run("cv32e40p", "pv.sdotusp.b", { rd: 0n, rs1: 0xffffffffn, rs2: 0xffffffffn }).outputs.rd).toBe(U(-1020n, 32));
  });
  it("wraps mod 2^32 with no saturation: 0x7fffffff + 1·1 (.h) = 0x80000000; cv.* names alias pv.*", () => {
    expect(run("cv32e40p", "cv.sdotsp.h", { rd: 0x7fffffffn, rs1: 0x00000001n, rs2: 0x00000001n }).outputs.rd).toBe(0x80000000n);
  });
  it("XpulpNN nibble: pv.sdotsp.n of 0x88888888·0x88888888 = 8·(−8)² = 512; crumb pv.sdotsp.c of all −2 = 16·4 = 64", () => {
    expect(run("cv32e40p-xpulpnn", "pv.sdotsp.n", { rd: 0n, rs1: 0x88888888n, rs2: 0x88888888n }).outputs.rd).toBe(512n);
    expect(run("cv32e40p-xpulpnn", "pv.sdotsp.c", { rd: 0n, rs1: 0xaaaaaaaan, rs2: 0xaaaaaaaan }).outputs.rd).toBe(64n);
    expect(lookupInstruction("cv32e40p", "pv.sdotsp.n").ok).toBe(false);
  });
  it("every sign/lane/mode/accumulate form against the oracle", () => {
    const xs = operands(4, 40);
    const ys = operands(5, 40).reverse();
    const acc = operands(6, 40);
    for (const lane of [["b", 8], ["h", 16], ["n", 4], ["c", 2]] as const)
      for (const sign of ["sp", "up", "usp"] as const)
        for (const mode of ["", "sc.", "sci."])
          for (const a of [true, false]) {
            const name = `pv.${a ? "s" : ""}dot${sign}.${mode}${lane[0]}`;
            const bits = lane[1];
            for (let i = 0; i < xs.length; i++) {
              const imm6 = ys[i]! & 63n;
              let sum = a ? acc[i]! : 0n;
              for (let l = 0; l < 32 / bits; l++) {
                const x = field(xs[i]!, l * bits, bits);
                const yRaw = mode === "sci." ? imm6 : field(ys[i]!, mode === "sc." ? 0 : l * bits, bits);
                const yBits = mode === "sci." ? 6 : bits;
                sum += (sign === "sp" ? S(x, bits) : x) * (sign === "up" ? yRaw : S(yRaw, yBits));
              }
              const inputs: Record<string, bigint> = { rs1: xs[i]!, ...(mode === "sci." ? { imm6 } : { rs2: ys[i]! }), ...(a ? { rd: acc[i]! } : {}) };
              expect(run("cv32e40p-xpulpnn", name, inputs).outputs.rd, name).toBe(U(sum, 32));
            }
          }
  });
});

describe("XpulpV2 bit extract and byte packing (the W4A8 unpacking)", () => {
  it("p.extract rs1, 3, pos sign-extends the nibble at pos: 0x8f3a7c51 → nibbles 1, 5, −4, 7, −6, 3, −1, −8; cv.extract names it too", () => {
    const want = [1, 5, -4, 7, -6, 3, -1, -8];
    want.forEach((v, i) => expect(run("cv32e40p", "p.extract", { rs1: 0x8f3a7c51n, is3: 3n, is2: BigInt(4 * i) }).outputs.rd).toBe(BigInt.asUintN(32, BigInt(v))));
    expect(run("cv32e40p", "cv.extract", { rs1: 0xffn, is3: 7n, is2: 0n }).outputs.rd).toBe(0xffffffffn);
    // Is3 + Is2 past bit 31 stops at bit 31: 4 bits from 30 are bits 31:30 = 0b10 → −2.
    expect(run("cv32e40p", "p.extract", { rs1: 0x80000000n, is3: 3n, is2: 30n }).outputs.rd).toBe(0xfffffffen);
  });
  it("pv.packlo.b / pv.packhi.b fill one half with {rs1[7:0], rs2[7:0]} and keep the other: 0xaabbccdd → 0xaabb0201, then 0x04030201", () => {
    const lo = run("cv32e40p", "pv.packlo.b", { rd: 0xaabbccddn, rs1: 0xff02n, rs2: 0xee01n }).outputs.rd!;
    expect(lo).toBe(0xaabb0201n);
    expect(run("cv32e40p", "pv.packhi.b", { rd: lo, rs1: 0x04n, rs2: 0xfffffe03n }).outputs.rd).toBe(0x04030201n);
  });
});

describe("Helium (MVE) subset", () => {
  const q = (bytes: number[]) => bytes.reduce((v, b, i) => v | (BigInt(b & 0xff) << BigInt(8 * i)), 0n);
  it("VMLADAVA.S8: 100 + 16·(−128·−128) = 262244; wraps at 32 bits", () => {
    const all80 = q(Array(16).fill(0x80));
    expect(run("cortex-m55", "vmladava.s8", { rda: 100n, qn: all80, qm: all80 }).outputs.rda).toBe(262244n);
    expect(run("cortex-m55", "vmladava.s8", { rda: 0x7fffffffn, qn: all80, qm: all80 }).outputs.rda).toBe(U(0x7fffffffn + 262144n, 32));
  });
  it("VMLADAV.S16/S8 against the oracle; VMLA.I8 wraps per lane; VLDRB.S16 sign-extends", () => {
    const rng = createPrng(7);
    for (let t = 0; t < 50; t++) {
      const a = (rng.nextBits(64) << 64n) | rng.nextBits(64);
      const b = (rng.nextBits(64) << 64n) | rng.nextBits(64);
      for (const bits of [8, 16]) {
        let s = 0n;
        for (let l = 0; l < 128 / bits; l++) s += S(field(a, l * bits, bits), bits) * S(field(b, l * bits, bits), bits);
        expect(run("cortex-m55", `vmladav.s${bits}`, { qn: a, qm: b }).outputs.rda).toBe(U(s, 32));
      }
      const rm = BigInt(rng.nextUint32());
      let want = 0n;
      for (let l = 15; l >= 0; l--) want = (want << 8n) | U(field(a, l * 8, 8) + field(b, l * 8, 8) * (rm & 0xffn), 8);
      expect(run("cortex-m55", "vmla.i8", { qda: a, qn: b, rm }).outputs.qda).toBe(want);
    }
    expect(run("cortex-m55", "vldrb.s16", { mem: 0x80ff7f01n }).outputs.qd).toBe(0xff80ffff007f0001n);
  });
});

describe("floating point", () => {
  const f32 = (x: number) => BigInt(new Uint32Array(new Float32Array([x]).buffer)[0]!);
  it("fmadd.s / VFMA.F32 are fused: (1+2^-23)(1−2^-23) + (−1) = −2^-46 exactly; VMLA.F32 rounds the product to 1 first, giving 0", () => {
    const a = f32(1 + 2 ** -23);
    const b = f32(1 - 2 ** -23);
    const c = f32(-1);
    expect(run("cv32e40p", "fmadd.s", { rs1: a, rs2: b, rs3: c }).outputs.rd).toBe(f32(-(2 ** -46)));
    expect(run("cortex-m4", "vfma.f32", { sn: a, sm: b, sd: c }).outputs.sd).toBe(f32(-(2 ** -46)));
    expect(run("cortex-m4", "vmla.f32", { sn: a, sm: b, sd: c }).outputs.sd).toBe(0n);
  });
  it("vfmac.h works per fp16 lane: lane0 1·2 + 3 = 5 (0x4500), lane1 65504·2 + 0 overflows to +inf (0x7c00)", () => {
    expect(run("cv32e40p", "vfmac.h", { rd: 0x00004200n, rs1: 0x7bff3c00n, rs2: 0x40004000n }).outputs.rd).toBe(0x7c004500n);
  });
  it("VCVTB/VCVTT.F32.F16 widen the bottom/top half exactly: 0x7bff (65504) → 0x477fe000, 0x0001 (2^-24) → 0x33800000, 0xfc00 (−inf) → 0xff800000", () => {
    expect(run("cortex-m4", "vcvtb.f32.f16", { sm: 0x00017bffn }).outputs.sd).toBe(0x477fe000n);
    expect(run("cortex-m4", "vcvtt.f32.f16", { sm: 0x00017bffn }).outputs.sd).toBe(0x33800000n);
    expect(run("cortex-m7", "vcvtt.f32.f16", { sm: 0xfc000000n }).outputs.sd).toBe(0xff800000n);
  });
  it("VFMA.F16 by scalar (Helium) broadcasts Rm<15:0> to 8 lanes, fused per lane: lane i = 2·x_i + 3 for x = 0..7; 65504·2 overflows; Rm<31:16> ignored", () => {
    const lanes = (xs: number[]) => xs.reduceRight((v, x) => (v << 16n) | BigInt(x), 0n);
    // fp16 codes of 0..7: 0, 0x3c00, 0x4000, 0x4200, 0x4400, 0x4500, 0x4600, 0x4700; 2·x + 3 = 3, 5, 7, 9, 11, 13, 15, 17.
    const qn = lanes([0, 0x3c00, 0x4000, 0x4200, 0x4400, 0x4500, 0x4600, 0x4700]);
    const qda = lanes(Array(8).fill(0x4200));
    const want = lanes([0x4200, 0x4500, 0x4700, 0x4880, 0x4980, 0x4a80, 0x4b80, 0x4c40]);
    expect(run("cortex-m55", "vfma.f16.rm", { qda, qn, rm: 0xabcd4000n }).outputs.qda).toBe(want);
    expect(run("cortex-m55", "vfma.f16.rm", { qda: 0n, qn: 0x7bffn, rm: 0x4000n }).outputs.qda & 0xffffn).toBe(0x7c00n);
  });
  it("scalar VFMA.F16 (Armv8.1-M) on the low halves, fused, upper half zeroed: 3 + 1·2 = 5 (0x4500) whatever Sn/Sm/Sd<31:16> hold", () => {
    expect(run("cortex-m55", "vfma.f16.scalar", { sd: 0xffff4200n, sn: 0x12343c00n, sm: 0xabcd4000n }).outputs.sd).toBe(0x4500n);
  });
  it("fmadd.s equals a float64 oracle on random fp32 whose products are exact in float64 (24+24 < 53 bits, one rounding via Math.fround)", () => {
    const rng = createPrng(9);
    for (let t = 0; t < 300; t++) {
      const [x, y, z] = [0, 0, 0].map(() => Math.fround((rng.nextFloat64() - 0.5) * 2 ** ((rng.nextUint32() % 20) - 10)));
      // x·y is exact in float64; x·y + z is exact when the exponents are this close (|e| ≤ 20 apart, ≤ 53 bits), so fround rounds once.
      expect(run("cv32e40p", "fmadd.s", { rs1: f32(x!), rs2: f32(y!), rs3: f32(z!) }).outputs.rd).toBe(f32(Math.fround(x! * y! + z!)));
    }
  });
});

describe("W4A8 and fp16 instructions: BigInt oracles on seeded random operands", () => {
  const rng = createPrng(77);
  const r32 = () => BigInt(rng.nextUint32());

  it("p.extract: bits [min(is2 + is3, 31) : is2] of rs1, sign-extended", () => {
    for (let t = 0; t < 400; t++) {
      const rs1 = r32();
      const is2 = rng.nextUint32() % 32;
      const is3 = rng.nextUint32() % 32;
      const msb = Math.min(is2 + is3, 31);
      const want = U(S(field(rs1, is2, msb - is2 + 1), msb - is2 + 1), 32);
      expect(run("cv32e40p", "p.extract", { rs1, is3: BigInt(is3), is2: BigInt(is2) }).outputs.rd, `${rs1} ${is2} ${is3}`).toBe(want);
    }
  });

  it("pv.packlo.b / pv.packhi.b: {rd[31:16], rs1[7:0], rs2[7:0]} and {rs1[7:0], rs2[7:0], rd[15:0]}", () => {
    for (let t = 0; t < 300; t++) {
      const [rd, rs1, rs2] = [r32(), r32(), r32()];
      const pair = (field(rs1, 0, 8) << 8n) | field(rs2, 0, 8);
      expect(run("cv32e40p", "pv.packlo.b", { rd, rs1, rs2 }).outputs.rd).toBe((rd & 0xffff0000n) | pair);
      expect(run("cv32e40p", "pv.packhi.b", { rd, rs1, rs2 }).outputs.rd).toBe((pair << 16n) | (rd & 0xffffn));
    }
  });

  /** An fp16 code's value as N / 2^48 (finite codes; every product of two is a multiple of 2^-48). */
  const fp16Big = (c: bigint): bigint => {
    const e = Number(field(c, 10, 5));
    const m = field(c, 0, 10);
    const mag = (e === 0 ? m : m | 0x400n) << BigInt((e === 0 ? 1 : e) - 15 - 10 + 48);
    return field(c, 15, 1) ? -mag : mag;
  };
  /** N / 2^96 rounded to nearest even into fp16 (subnormals, overflow to ∞); a zero keeps `zeroSign`. */
  const roundFp16Big = (n: bigint, zeroSign: bigint): bigint => {
    const sign = n < 0n ? 1n : n > 0n ? 0n : zeroSign;
    let mag = n < 0n ? -n : n;
    if (mag === 0n) return sign << 15n;
    let e = Math.max(mag.toString(2).length - 1 - 96, -14); // floor(log2), clamped at the subnormal exponent
    const shift = BigInt(e - 10 + 96);
    let q = mag >> shift;
    const rem = mag - (q << shift);
    const half = 1n << (shift - 1n);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
    if (q === 0x800n) {
      q >>= 1n;
      e += 1;
    }
    mag = q;
    if (e > 15) return (sign << 15n) | 0x7c00n;
    if (mag < 0x400n) return (sign << 15n) | mag; // subnormal
    return (sign << 15n) | (BigInt(e + 15) << 10n) | (mag - 0x400n);
  };
  /** One fused fp16 lane: round(c + a·b) once; an exact zero sum is −0 only when c and a·b are both −0 (RNE). */
  const fmaLane = (c: bigint, a: bigint, b: bigint): bigint => {
    const prod = fp16Big(a) * fp16Big(b); // N / 2^96
    const sum = (fp16Big(c) << 48n) + prod;
    const prodNeg = (field(a, 15, 1) ^ field(b, 15, 1)) === 1n;
    const bothNegZero = sum === 0n && field(c, 15, 1) === 1n && fp16Big(c) === 0n && prodNeg && prod === 0n;
    return roundFp16Big(sum, bothNegZero ? 1n : 0n);
  };
  // Finite fp16 codes, half of them near 1 so sums cancel and round at every bit.
  const finite16 = (): bigint => {
    for (;;) {
      const c = rng.nextUint32() % 2 === 0 ? BigInt(rng.nextUint32() & 0xffff) : BigInt((rng.nextUint32() & 0x83ff) | (0x3800 + ((rng.nextUint32() % 4) << 10)));
      if (field(c, 10, 5) !== 31n) return c;
    }
  };
  const lanes = (xs: bigint[]) => xs.reduceRight((v, x) => (v << 16n) | x, 0n);

  it("VFMA.F16 by scalar (Helium), scalar VFMA.F16 and PULP vfmac.h: each lane one fused rounding, against N / 2^96 arithmetic", () => {
    for (let t = 0; t < 200; t++) {
      const qda = Array.from({ length: 8 }, finite16);
      const qn = Array.from({ length: 8 }, finite16);
      const s = finite16();
      const got = run("cortex-m55", "vfma.f16.rm", { qda: lanes(qda), qn: lanes(qn), rm: s }).outputs.qda;
      expect(got).toBe(lanes(qda.map((c, i) => fmaLane(c, qn[i]!, s))));
      const [c, a, b] = [finite16(), finite16(), finite16()];
      expect(run("cortex-m55", "vfma.f16.scalar", { sd: c, sn: a, sm: b }).outputs.sd).toBe(fmaLane(c, a, b));
      const [c2, a2, b2] = [finite16(), finite16(), finite16()];
      const rd = run("cv32e40p", "vfmac.h", { rd: (c2 << 16n) | c, rs1: (a2 << 16n) | a, rs2: (b2 << 16n) | b }).outputs.rd;
      expect(rd).toBe((fmaLane(c2, a2, b2) << 16n) | fmaLane(c, a, b));
    }
  });

  it("VCVTB/VCVTT.F32.F16 widen every finite and infinite fp16 code exactly (oracle: the value built from the fields)", () => {
    const view = new DataView(new ArrayBuffer(4));
    for (let c = 0; c < 0x10000; c++) {
      if ((c & 0x7c00) === 0x7c00 && (c & 0x3ff) !== 0) continue; // NaNs: hand cases cover them
      const e = (c >> 10) & 31;
      const m = c & 0x3ff;
      const v = (c & 0x8000 ? -1 : 1) * (e === 31 ? Infinity : e === 0 ? m * 2 ** -24 : (1024 + m) * 2 ** (e - 25));
      view.setFloat32(0, v);
      const want = BigInt(view.getUint32(0));
      expect(run("cortex-m4", "vcvtb.f32.f16", { sm: BigInt(c) }).outputs.sd, `code ${c}`).toBe(want);
      expect(run("cortex-m7", "vcvtt.f32.f16", { sm: BigInt(c) << 16n }).outputs.sd, `code ${c}`).toBe(want);
    }
  });
});

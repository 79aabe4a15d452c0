import { describe, expect, it } from "vitest";
import { createPrng } from "../../sim/prng.js";
import { DSP48E2_PREADD_MAC, runDsp48e2Chain } from "./dsp48e2.js";
import {
  INT4X4, INT8X2, dsp58Dot3, dsp58Dot3FromPorts, dsp58Dot3Ports, extractFields, int4x4Ports, int8x2Ports, packedAccumulate,
  packedProduct, packedSegments, packingBound, tensorBlockStep, wp486Extract,
} from "./packing.js";

/** Independent oracle: BigInt arithmetic, the packed word built by shifts and read back by BigInt.asIntN. */
function oracleInt8x2(a: number, b: number, c: number): { p: bigint; ac: bigint; bc: bigint } {
  const p = BigInt.asIntN(48, (BigInt(a) * (1n << 18n) + BigInt(b)) * BigInt(c));
  return { p, ac: BigInt(a) * BigInt(c), bc: BigInt(b) * BigInt(c) };
}

describe("INT8×2 packing (WP486)", () => {
  it("the issue's example: a = 3, b = −5, c = 7 gives P = 0x00000053ffdd, ac = 21, bc = −35", () => {
    // (3·2^18 − 5)·7 = 5505024 − 35 = 5504989 = 0x53FFDD; P[17:0] = 0x3FFDD = 262109 → −35; P>>18 = 20, P[17] = 1 → 21.
    const p = packedProduct(int8x2Ports(3, -5, 7));
    expect(p).toBe(0x53ffdd);
    expect(wp486Extract(p)).toEqual({ ac: 21, bc: -35 });
  });

  it("extraction = true products for 2^16 seeded (a, b, c) int8 triples and every corner (the full 2^24 sweep is bench/fpga-int8x2-exhaustive.ts)", () => {
    const rng = createPrng(486);
    const corners = [-128, -127, -1, 0, 1, 126, 127];
    const triples: [number, number, number][] = [];
    for (const a of corners) for (const b of corners) for (const c of corners) triples.push([a, b, c]);
    for (let i = 0; i < 1 << 16; i++) triples.push([(rng.nextUint32() & 0xff) - 128, (rng.nextUint32() & 0xff) - 128, (rng.nextUint32() & 0xff) - 128]);
    for (const [a, b, c] of triples) {
      const p = packedProduct(int8x2Ports(a, b, c));
      const o = oracleInt8x2(a, b, c);
      expect(BigInt(p)).toBe(o.p);
      const e = wp486Extract(p);
      if (BigInt(e.ac) !== o.ac || BigInt(e.bc) !== o.bc) throw new Error(`(${a}, ${b}, ${c}): got ${e.ac}, ${e.bc}`);
    }
  });

  it("the exact accumulation bound is 7: 7 × (−128)·(−128) = 114688 fits the 18-bit low field, 8 × = 131072 = 2^17 does not", () => {
    // Low field [−2^17, 2^17 − 1] = [−131072, 131071]; largest product (−128)² = 16384: ⌊131071/16384⌋ = 7.
    // Smallest product −128·127 = −16256: ⌊131072/16256⌋ = 8, so the positive side binds.
    expect(packingBound(INT8X2)).toBe(7);
    const worst = (n: number) => Array.from({ length: n }, () => int8x2Ports(-128, -128, -128));
    const seven = packedAccumulate(INT8X2, worst(7));
    expect(seven.ok && seven.fields).toEqual([7 * 16384, 7 * 16384]);
    expect(packedAccumulate(INT8X2, worst(8))).toMatchObject({ ok: false, reason: expect.stringMatching(/exceed the exact bound of 7/) });
    // And 8 really would be wrong: the raw P's low field reads −131072, not 131072.
    let p = 0;
    for (const x of worst(8)) p += packedProduct(x);
    expect(extractFields(p, [18])[0]).toBe(-131072);
    expect(wp486Extract(p).bc).toBe(-131072);
  });

  it("a 7-long packed chain in the clocked DSP48E2 engine = two independent dot products", () => {
    const rng = createPrng(7);
    for (let t = 0; t < 30; t++) {
      const n = 1 + (t % 7);
      const r = () => (rng.nextUint32() & 0xff) - 128;
      const a = Array.from({ length: n }, r);
      const b = Array.from({ length: n }, r);
      const c = Array.from({ length: n }, r);
      const ports = a.map((x, i) => int8x2Ports(x, b[i]!, c[i]!));
      const eng = runDsp48e2Chain(DSP48E2_PREADD_MAC, { a: ports.map((x) => x.a), d: ports.map((x) => x.d), b: ports.map((x) => x.b) });
      const { ac, bc } = wp486Extract(eng.p);
      expect(ac).toBe(a.reduce((s, x, i) => s + x * c[i]!, 0));
      expect(bc).toBe(b.reduce((s, x, i) => s + x * c[i]!, 0));
    }
  });

  it("a K = 20 dot product splits into packed segments 7 + 7 + 6", () => {
    expect(packedSegments(20, 7)).toEqual([7, 7, 6]);
  });
});

describe("INT4×4 packing (WP521 count, hwsim's 11-bit layout)", () => {
  it("P = w0x0 + w0x1·2^11 + w1x0·2^22 + w1x1·2^33, every int4 quadruple (2^16) recovered exactly", () => {
    for (let w0 = -8; w0 < 8; w0++)
      for (let w1 = -8; w1 < 8; w1++)
        for (let x0 = -8; x0 < 8; x0++)
          for (let x1 = -8; x1 < 8; x1++) {
            const f = extractFields(packedProduct(int4x4Ports(w0, w1, x0, x1)), INT4X4.lowFieldBits);
            if (f[0] !== w0 * x0 || f[1] !== w0 * x1 || f[2] !== w1 * x0 || f[3] !== w1 * x1) throw new Error(`${w0},${w1},${x0},${x1}: ${f}`);
          }
  });

  it("bound 15: 15 × (−8)·(−8) = 960 fits 11 bits (max 1023), 16 × 64 = 1024 does not", () => {
    expect(packingBound(INT4X4)).toBe(15);
    const worst = (n: number) => Array.from({ length: n }, () => int4x4Ports(-8, -8, -8, -8));
    const ok = packedAccumulate(INT4X4, worst(15));
    expect(ok.ok && ok.fields).toEqual([960, 960, 960, 960]);
    expect(packedAccumulate(INT4X4, worst(16)).ok).toBe(false);
  });

  it("seeded accumulations up to the bound equal four independent dot products", () => {
    const rng = createPrng(521);
    for (let t = 0; t < 200; t++) {
      const n = 1 + (t % 15);
      const r = () => (rng.nextUint32() & 15) - 8;
      const q = Array.from({ length: n }, () => [r(), r(), r(), r()] as const);
      const res = packedAccumulate(INT4X4, q.map(([w0, w1, x0, x1]) => int4x4Ports(w0, w1, x0, x1)));
      if (!res.ok) throw new Error(res.reason);
      const sum = (f: (v: readonly number[]) => number) => q.reduce((s, v) => s + f(v), 0);
      expect(res.fields).toEqual([sum((v) => v[0]! * v[2]!), sum((v) => v[0]! * v[3]!), sum((v) => v[1]! * v[2]!), sum((v) => v[1]! * v[3]!)]);
    }
  });
});

describe("DSP58 dot-3 and the Agilex 5 tensor block", () => {
  it("DSP58 INT8 dot-3: ports round-trip and P = Z + Σ a·b in 58 bits", () => {
    const ports = dsp58Dot3Ports([-128, 127, -1], [127, -128, 5]);
    expect(dsp58Dot3FromPorts(ports.a, ports.b)).toEqual({ a: [-128, 127, -1], b: [127, -128, 5] });
    // −128·127 + 127·(−128) + (−1)·5 = −16256 − 16256 − 5 = −32517.
    expect(dsp58Dot3([-128, 127, -1], [127, -128, 5], 1000)).toBe(1000 - 32517);
    // Wrap at 58 bits: (2^57 − 1) + 1·1 = −2^57.
    expect(dsp58Dot3([1, 0, 0], [1, 0, 0], 2 ** 57 - 1)).toBe(-(2 ** 57));
  });

  it("tensor block: two columns of 10 int8 products each, 32-bit accumulators that wrap", () => {
    const data = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const w1 = Array(10).fill(1);
    const w2 = Array(10).fill(-128);
    // Σ data = 55; Σ −128·data = −7040.
    expect(tensorBlockStep(data, [w1, w2], [0, 100])).toEqual([55, 100 - 7040]);
    // 2^31 − 1 + 55 wraps to −2^31 + 54.
    expect(tensorBlockStep(data, [w1, w2], [2 ** 31 - 1, 0])[0]).toBe(-(2 ** 31) + 54);
  });
});

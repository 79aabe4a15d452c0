/**
 * Co-simulation: the packed DSP48E2 MAC chain and its extraction in Verilog (packing-verilog.ts), run by Icarus
 * Verilog, against hwsim's packing functions (packing.ts: int8x2Ports/int4x4Ports, packedAccumulate,
 * wp486Extract, extractFields) bit for bit, on seeded random and edge vectors. Independently of both, every
 * extracted field is checked against the plain integer sums Σa·c, Σb·c (INT8×2) and Σw_i·x_j (INT4×4).
 * Needs iverilog and vvp (.ci/run installs them).
 */
import { describe, expect, it } from "vitest";
import { createPrng } from "../../sim/prng.js";
import { unwrap } from "../../workloads/result.js";
import { simulateWithIverilog } from "../verilog/run-iverilog.js";
import { INT4X4, INT8X2, extractFields, int4x4Ports, int8x2Ports, packedAccumulate, packingBound, wp486Extract } from "./packing.js";
import { packChainVector, packedChainTestbench, packedChainVerilog, parseChainOutput, type ChainOutput } from "./packing-verilog.js";

/** Chain length: INT8×2's exact bound (7), so the longest legal chain is co-simulated. */
const STAGES = 7;
type Ports = { a: number; d: number; b: number };

function runChain(vectors: readonly (readonly Ports[])[]): ChainOutput[] {
  const lines = unwrap(simulateWithIverilog(packedChainVerilog(STAGES), packedChainTestbench(STAGES, "vectors.hex", vectors.length), "vectors.hex", vectors.map((v) => packChainVector(STAGES, v))));
  expect(lines).toHaveLength(vectors.length);
  return lines.map(parseChainOutput);
}

const rnd = (g: ReturnType<typeof createPrng>, lo: number, hi: number) => lo + (g.nextUint32() % (hi - lo + 1));

describe("packed DSP48E2 MACs: Verilog = hwsim bit for bit (iverilog)", () => {
  it("INT8×2 (WP486) chains of 1..7 on edge and seeded vectors: P, ac, bc match packedAccumulate/wp486Extract and the true sums", () => {
    expect(packingBound(INT8X2)).toBe(STAGES);
    const E = [-128, -127, -1, 0, 1, 126, 127];
    const triples: [number, number, number][][] = [];
    // Edge: one product of every edge corner; and full-length chains of the worst corners (the bound's edge).
    for (const a of E) for (const b of E) for (const c of [-128, -1, 0, 1, 127]) triples.push([[a, b, c]]);
    for (const [a, b, c] of [[-128, -128, -128], [127, 127, 127], [-128, 127, -128], [127, -128, -128], [-128, -128, 127]] as const) triples.push(Array.from({ length: STAGES }, () => [a, b, c]));
    const g = createPrng(486);
    for (let i = 0; i < 300; i++) triples.push(Array.from({ length: 1 + (i % STAGES) }, () => [rnd(g, -128, 127), rnd(g, -128, 127), rnd(g, -128, 127)]));
    const out = runChain(triples.map((t) => t.map(([a, b, c]) => int8x2Ports(a, b, c))));
    const bad: string[] = [];
    triples.forEach((t, i) => {
      const hw = packedAccumulate(INT8X2, t.map(([a, b, c]) => int8x2Ports(a, b, c)));
      if (!hw.ok) throw new Error(hw.reason);
      const w = wp486Extract(hw.p);
      const ac = t.reduce((s, [a, , c]) => s + a * c, 0);
      const bc = t.reduce((s, [, b, c]) => s + b * c, 0);
      const v = out[i]!;
      const same = v.p === hw.p && v.ac === w.ac && v.bc === w.bc && v.ac === ac && v.bc === bc && hw.fields[0] === bc && hw.fields[1] === ac;
      if (!same && bad.length < 5) bad.push(`${JSON.stringify(t)}: verilog p=${v.p} ac=${v.ac} bc=${v.bc}; hwsim p=${hw.p} ac=${w.ac} bc=${w.bc}; true ac=${ac} bc=${bc}`);
    });
    expect(bad).toEqual([]);
  });

  it("INT4×4 (hwsim layout) chains of 1..7: P and the four fields match packedAccumulate/extractFields and the true sums", () => {
    const E = [-8, -7, -1, 0, 1, 7];
    const quads: [number, number, number, number][][] = [];
    for (const w0 of E) for (const w1 of E) for (const x0 of [-8, 0, 7]) for (const x1 of [-8, -1, 7]) quads.push([[w0, w1, x0, x1]]);
    for (const q of [[-8, -8, -8, -8], [7, 7, 7, 7], [-8, 7, -8, 7], [7, -8, -8, 7]] as const) quads.push(Array.from({ length: STAGES }, () => [...q]));
    const g = createPrng(521);
    for (let i = 0; i < 300; i++) quads.push(Array.from({ length: 1 + (i % STAGES) }, () => [rnd(g, -8, 7), rnd(g, -8, 7), rnd(g, -8, 7), rnd(g, -8, 7)]));
    const out = runChain(quads.map((t) => t.map(([w0, w1, x0, x1]) => int4x4Ports(w0, w1, x0, x1))));
    const bad: string[] = [];
    quads.forEach((t, i) => {
      const hw = packedAccumulate(INT4X4, t.map(([w0, w1, x0, x1]) => int4x4Ports(w0, w1, x0, x1)));
      if (!hw.ok) throw new Error(hw.reason);
      // P = w0x0 + w0x1·2^11 + w1x0·2^22 + w1x1·2^33 (packing.ts layout), summed over the chain.
      const sum = (f: (q: [number, number, number, number]) => number) => t.reduce((s, q) => s + f(q), 0);
      const truth = [sum(([w0, , x0]) => w0 * x0), sum(([w0, , , x1]) => w0 * x1), sum(([, w1, x0]) => w1 * x0), sum(([, w1, , x1]) => w1 * x1)];
      const v = out[i]!;
      const same = v.p === hw.p && JSON.stringify(v.fields) === JSON.stringify(hw.fields) && JSON.stringify(hw.fields) === JSON.stringify(truth);
      if (!same && bad.length < 5) bad.push(`${JSON.stringify(t)}: verilog p=${v.p} fields=${v.fields}; hwsim p=${hw.p} fields=${hw.fields}; true ${truth}`);
    });
    expect(bad).toEqual([]);
  });

  it("past the bound the hardware's packed field is wrong, which is why hwsim refuses an 8th accumulation", () => {
    // 8 × (−128)·(−128) = 131,072 = 2^17 does not fit bc's signed 18-bit field: the DSP's extraction wraps it.
    const t = Array.from({ length: 8 }, () => int8x2Ports(-128, -128, -128));
    const eight = unwrap(simulateWithIverilog(packedChainVerilog(8), packedChainTestbench(8, "v.hex", 1), "v.hex", [packChainVector(8, t)])).map(parseChainOutput)[0]!;
    expect(eight.bc).toBe(-131072); // true Σb·c = +131,072
    expect(extractFields(eight.p, [18])[0]).toBe(-131072); // hwsim's extraction agrees with the hardware bits
    expect(packedAccumulate(INT8X2, t).ok).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { createPrng } from "../../prng.js";
import { elaborate } from "../elaborate.js";
import { PIPELINED_MAC_PE_LATENCY_CYCLES, pipelinedMacPe, type MacArithmetic } from "./pipelined-mac-pe.js";

/** int8 code (two's complement bit pattern 0..255) to its value. */
const int8 = (code: number) => (code << 24) >> 24;

/** int8 × int8 products into a wrapping int32 accumulator starting at `start`. */
function int8Int32(start: number): MacArithmetic<number, number> {
  return {
    multiply: (a, b) => int8(a) * int8(b),
    accumulate: (acc, p) => (acc + p) | 0,
    init: () => start,
  };
}

function int8Pe(start: number) {
  return pipelinedMacPe({
    arithmetic: int8Int32(start),
    operandBits: 8,
    product: { widthBits: 16 },
    accumulator: { widthBits: 32 },
  });
}

describe("pipelined MAC PE", () => {
  it("has a latency of 3 cycles: operand, product and accumulator registers", () => {
    expect(PIPELINED_MAC_PE_LATENCY_CYCLES).toBe(3);
    const sim = elaborate(int8Pe(0));
    const { a, b, valid, last, acc, accValid, done } = sim.top;
    sim.poke(a, 3);
    sim.poke(b, 0xfe); // -2
    sim.poke(valid, true);
    sim.poke(last, true);
    sim.step();
    sim.poke(valid, false);
    for (let t = 1; t < 3; t++) {
      expect([sim.peek(acc), sim.peek(accValid), sim.peek(done)]).toEqual([0, false, false]);
      sim.step();
    }
    expect(sim.cycle).toBe(3);
    expect([sim.peek(acc), sim.peek(accValid), sim.peek(done)]).toEqual([-6, true, true]);
    sim.step();
    // acc_valid pulses for one cycle; done and the result are held.
    expect([sim.peek(acc), sim.peek(accValid), sim.peek(done)]).toEqual([-6, false, true]);
  });

  it("multiplies every int8 pair exactly (65536 one-element dot products, back to back)", () => {
    const start = 12345;
    const sim = elaborate(int8Pe(start));
    const { a, b, valid, last, acc, done } = sim.top;
    sim.poke(valid, true);
    sim.poke(last, true);
    let checked = 0;
    const total = 256 * 256;
    for (let t = 0; t < total + PIPELINED_MAC_PE_LATENCY_CYCLES - 1; t++) {
      if (t < total) {
        sim.poke(a, t >> 8);
        sim.poke(b, t & 0xff);
      } else sim.poke(valid, false);
      sim.step();
      const fed = sim.cycle - PIPELINED_MAC_PE_LATENCY_CYCLES; // element now in acc
      if (fed >= 0) {
        const expected = (start + int8(fed >> 8) * int8(fed & 0xff)) | 0;
        if (sim.peek(acc) !== expected || !sim.peek(done)) {
          expect({ fed, acc: sim.peek(acc), done: sim.peek(done) }).toEqual({ fed, acc: expected, done: true });
        }
        checked++;
      }
    }
    expect(checked).toBe(total);
  });

  it("accumulates seeded random vectors with bubbles into a wrapping int32, done exactly 3 cycles after the last element", () => {
    // Start near the int32 maximum so the wrap is exercised.
    const start = 0x7fffff00;
    const L = PIPELINED_MAC_PE_LATENCY_CYCLES;
    let wrapped = 0;
    for (const seed of [1, 2, 3, 4, 5]) {
      const rng = createPrng(seed);
      // Three dot products back to back, lengths 1..40, random bubbles (valid low, garbage operands) between elements.
      const dots = Array.from({ length: 3 }, () =>
        Array.from({ length: 1 + (rng.nextUint32() % 40) }, () => [rng.nextUint32() & 0xff, rng.nextUint32() & 0xff] as const),
      );
      const feed: { v: boolean; x: number; y: number; l: boolean }[] = [];
      const lastAt: number[] = [];
      for (const dot of dots) {
        dot.forEach(([x, y], idx) => {
          while (rng.nextFloat64() < 0.3) feed.push({ v: false, x: rng.nextUint32() & 0xff, y: 7, l: true });
          if (idx === dot.length - 1) lastAt.push(feed.length);
          feed.push({ v: true, x, y, l: idx === dot.length - 1 });
        });
      }
      const expected = dots.map((dot) => dot.reduce((acc, [x, y]) => (acc + int8(x) * int8(y)) | 0, start));

      const sim = elaborate(int8Pe(start));
      const { a, b, valid, last, acc, accValid, done } = sim.top;
      // Reference state: what acc/done hold once elements 0..c-L have been absorbed.
      let refAcc = start;
      let refDone = false;
      for (let t = 0; t < feed.length + L + 2; t++) {
        const f = feed[t] ?? { v: false, x: 0, y: 0, l: false };
        sim.poke(valid, f.v);
        sim.poke(a, f.x);
        sim.poke(b, f.y);
        sim.poke(last, f.l);
        sim.step();
        const absorbed = feed[sim.cycle - L];
        if (absorbed?.v) {
          refAcc = ((refDone ? start : refAcc) + int8(absorbed.x) * int8(absorbed.y)) | 0;
          refDone = absorbed.l;
        }
        expect({ t, acc: sim.peek(acc), done: sim.peek(done), accValid: sim.peek(accValid) }).toEqual({
          t,
          acc: refAcc,
          done: refDone,
          accValid: absorbed?.v ?? false,
        });
      }
      // Each dot product is complete exactly L cycles after its last element was presented.
      const replay = elaborate(int8Pe(start));
      const seen: number[] = [];
      for (let t = 0; t < feed.length + L; t++) {
        const f = feed[t] ?? { v: false, x: 0, y: 0, l: false };
        replay.poke(replay.top.valid, f.v);
        replay.poke(replay.top.a, f.x);
        replay.poke(replay.top.b, f.y);
        replay.poke(replay.top.last, f.l);
        replay.step();
        const d = lastAt.indexOf(replay.cycle - L);
        if (d >= 0) {
          expect(replay.peek(replay.top.done)).toBe(true);
          seen.push(replay.peek(replay.top.acc));
        }
      }
      expect(seen).toEqual(expected);
      for (const dot of dots) {
        const exact = dot.reduce((acc, [x, y]) => acc + int8(x) * int8(y), start);
        if (exact > 2 ** 31 - 1) wrapped++;
      }
      expect(sim.actionTotals()).toEqual({
        "register-write": 4 * (dots[0]!.length + dots[1]!.length + dots[2]!.length),
        multiply: dots[0]!.length + dots[1]!.length + dots[2]!.length,
        add: dots[0]!.length + dots[1]!.length + dots[2]!.length,
      });
    }
    expect(wrapped).toBeGreaterThan(0); // some dot products really wrapped past 2^31 - 1
  });

  it("accumulates exactly into a bigint accumulator", () => {
    const pe = pipelinedMacPe({
      arithmetic: {
        multiply: (x: number, y: number) => int8(x) * int8(y),
        accumulate: (acc: bigint, p: number) => acc + BigInt(p),
        init: () => 1n << 80n,
      },
      operandBits: 8,
      product: { widthBits: 16 },
      accumulator: { type: "bigint", widthBits: 96 },
    });
    const sim = elaborate(pe);
    const rng = createPrng(42);
    let expected = 1n << 80n;
    const n = 200;
    for (let t = 0; t < n; t++) {
      const [x, y] = [rng.nextUint32() & 0xff, rng.nextUint32() & 0xff];
      expected += BigInt(int8(x) * int8(y));
      sim.poke(sim.top.a, x);
      sim.poke(sim.top.b, y);
      sim.poke(sim.top.valid, true);
      sim.poke(sim.top.last, t === n - 1);
      sim.step();
    }
    sim.poke(sim.top.valid, false);
    // The last element was poked before step n-1, so it is in acc at cycle n-1+latency.
    while (sim.cycle < n - 1 + PIPELINED_MAC_PE_LATENCY_CYCLES - 1) sim.step();
    expect(sim.peek(sim.top.done)).toBe(false);
    sim.step();
    expect(sim.peek(sim.top.done)).toBe(true);
    expect(sim.peek(sim.top.acc)).toBe(expected);
  });
});

import { describe, expect, it } from "vitest";
import { createPrng } from "../../prng.js";
import { elaborate } from "../elaborate.js";
import { osReadyCycles, osSystolicArray } from "./os-systolic-array.js";

/** Random non-zero int8 matrix (non-zero so the last term always changes the result). */
function randomMatrix(rows: number, cols: number, seed: number): number[][] {
  const rng = createPrng(seed);
  return Array.from({ length: rows }, () =>
    Array.from({ length: cols }, () => {
      const v = (rng.nextUint32() % 255) - 127; // [-127, 127]
      return v === 0 ? 1 : v;
    }),
  );
}

/** Plain matrix multiply with int32 wrapping, the reference. */
function matmul(a: number[][], b: number[][]): number[][] {
  const k = b.length;
  return a.map((row) =>
    b[0]!.map((_, j) => {
      let acc = 0;
      for (let x = 0; x < k; x++) acc = (acc + row[x]! * b[x]![j]!) | 0;
      return acc;
    }),
  );
}

const cases = [
  { m: 3, n: 3, k: 3 },
  { m: 2, n: 4, k: 5 },
  { m: 4, n: 3, k: 1 },
  { m: 1, n: 1, k: 6 },
];

describe("output-stationary systolic array through the engine", () => {
  for (const style of ["bound", "handles"] as const) {
    for (const productStages of [0, 1, 2]) {
      for (const { m, n, k } of cases) {
        it(`${m}x${n}, K=${k}, ${productStages} product stages, ${style} steps: equals matmul after M+N+K-2+depth cycles`, () => {
          const A = randomMatrix(m, k, 1000 * m + 100 * n + k);
          const B = randomMatrix(k, n, 7 + m + n + k);
          const C = matmul(A, B);
          const sim = elaborate(osSystolicArray, { rows: m, cols: n, operandBits: 8, productStages, style });
          const { aIn, bIn, pes } = sim.top;
          const acc = () => pes.map((row) => row.map((pe) => sim.peek(pe.acc)));
          const expectedReady = m + n + k - 2 + productStages;
          expect(osReadyCycles(m, n, k, productStages)).toBe(expectedReady);

          let readyAt = -1;
          for (let t = 0; t < expectedReady + 4; t++) {
            // Skewed feed: row i gets A[i][t-i], column j gets B[t-j][j], zero outside.
            for (let i = 0; i < m; i++) sim.poke(aIn[i]!, t - i >= 0 && t - i < k ? A[i]![t - i]! : 0);
            for (let j = 0; j < n; j++) sim.poke(bIn[j]!, t - j >= 0 && t - j < k ? B[t - j]![j]! : 0);
            sim.step();
            const done = JSON.stringify(acc()) === JSON.stringify(C);
            if (done && readyAt < 0) readyAt = sim.cycle;
            if (readyAt >= 0) expect(acc()).toEqual(C); // stays correct while zeros stream in
          }
          expect(readyAt).toBe(expectedReady);
          // One MAC per PE per cycle, and 3 + depth register writes.
          const cycles = sim.cycle;
          expect(sim.actionTotals()).toEqual({
            mac: cycles * m * n,
            "register-write": cycles * m * n * (3 + productStages),
          });
        });
      }
    }
  }

  it("PE(i,j) is ready after i + j + K + depth cycles (its last MAC is in cycle i+j+K-1), so outputs finish along anti-diagonals", () => {
    const [m, n, k, depth] = [3, 4, 3, 1];
    const A = randomMatrix(m, k, 5);
    const B = randomMatrix(k, n, 6);
    const C = matmul(A, B);
    const sim = elaborate(osSystolicArray, { rows: m, cols: n, operandBits: 8, productStages: depth });
    const readyAt = C.map((row) => row.map(() => -1));
    for (let t = 0; t < m + n + k + depth; t++) {
      for (let i = 0; i < m; i++) sim.poke(sim.top.aIn[i]!, t - i >= 0 && t - i < k ? A[i]![t - i]! : 0);
      for (let j = 0; j < n; j++) sim.poke(sim.top.bIn[j]!, t - j >= 0 && t - j < k ? B[t - j]![j]! : 0);
      sim.step();
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          if (readyAt[i]![j]! < 0 && sim.peek(sim.top.pes[i]![j]!.acc) === C[i]![j]) readyAt[i]![j] = sim.cycle;
        }
      }
    }
    expect(readyAt).toEqual(C.map((row, i) => row.map((_, j) => i + j + k + depth)));
  });
});

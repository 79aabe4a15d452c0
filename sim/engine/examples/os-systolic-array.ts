import { defineModule } from "../module.js";
import type { Input, Reg } from "../signal.js";

/** Parameters of the toy integer MAC processing element. */
export interface ToyMacPeParams {
  /** Width of the operand registers passed to the neighbours. */
  operandBits: number;
  /** Product registers between the multiplier and the accumulator (0: multiply-accumulate in one cycle). */
  productStages: number;
  /** Step style: "bound" indexes the flat stores with slots resolved at elaboration (fast), "handles" uses s.get/s.next. */
  style?: "bound" | "handles";
}

/** Ports of the toy MAC PE: operand inputs, operand registers forwarded to the neighbours, accumulator. */
export interface ToyMacPePorts {
  a: Input<number>;
  b: Input<number>;
  /** Registered copy of `a`, for the right-hand neighbour. */
  aOut: Reg<number>;
  /** Registered copy of `b`, for the neighbour below. */
  bOut: Reg<number>;
  /** Output-stationary accumulator, int32 wrapping. */
  acc: Reg<number>;
}

/**
 * Output-stationary toy MAC PE: acc ← acc + a·b (int32 wrap, through `productStages` product registers),
 * aOut ← a, bOut ← b. Counts one "mac" per cycle and one "register-write" per register per cycle.
 */
export const toyMacPe = defineModule("toy-mac-pe", (m, p: ToyMacPeParams): ToyMacPePorts => {
  const spec = { widthBits: p.operandBits };
  const a = m.input("a", spec);
  const b = m.input("b", spec);
  const aOut = m.reg("a_out", spec);
  const bOut = m.reg("b_out", spec);
  const acc = m.reg("acc", { widthBits: 32 });
  const products = Array.from({ length: p.productStages }, (_, i) => m.reg(`product_${i}`, { widthBits: 32 }));
  const mac = m.action("mac");
  const regWrite = m.action("register-write");
  const writes = 3 + p.productStages;
  const depth = p.productStages;

  if ((p.style ?? "bound") === "handles") {
    m.step((s) => {
      const av = s.get(a);
      const bv = s.get(b);
      s.next(aOut, av);
      s.next(bOut, bv);
      const addend = depth === 0 ? Math.imul(av, bv) : s.get(products[depth - 1]!);
      s.next(acc, (s.get(acc) + addend) | 0);
      for (let i = depth - 1; i > 0; i--) s.next(products[i]!, s.get(products[i - 1]!));
      if (depth > 0) s.next(products[0]!, Math.imul(av, bv));
      s.count(mac);
      s.count(regWrite, writes);
    });
  } else {
    m.bindStep((slotOf, ctx) => {
      const { cur, nxt, counts } = ctx;
      const ia = slotOf(a);
      const ib = slotOf(b);
      const iaOut = slotOf(aOut);
      const ibOut = slotOf(bOut);
      const iacc = slotOf(acc);
      const ip = products.map(slotOf);
      const ipLast = depth === 0 ? -1 : ip[depth - 1]!;
      const imac = slotOf(mac);
      const iwrite = slotOf(regWrite);
      return () => {
        const av = cur[ia]!;
        const bv = cur[ib]!;
        nxt[iaOut] = av;
        nxt[ibOut] = bv;
        if (depth === 0) {
          nxt[iacc] = (cur[iacc]! + Math.imul(av, bv)) | 0;
        } else {
          nxt[iacc] = (cur[iacc]! + cur[ipLast]!) | 0;
          for (let i = depth - 1; i > 0; i--) nxt[ip[i]!] = cur[ip[i - 1]!]!;
          nxt[ip[0]!] = Math.imul(av, bv);
        }
        counts[imac]++;
        counts[iwrite] += writes;
      };
    });
  }
  return { a, b, aOut, bOut, acc };
});

/** Parameters of the output-stationary array: `rows`×`cols` PEs computing C[rows×cols] = A[rows×K]·B[K×cols]. */
export interface OsSystolicArrayParams extends ToyMacPeParams {
  rows: number;
  cols: number;
}

/** Ports of the array: one left-edge input per row, one top-edge input per column, and every PE. */
export interface OsSystolicArrayPorts {
  /** aIn[i] feeds row i from the left (the testbench skews it: A[i][t−i] at cycle t). */
  aIn: Input<number>[];
  /** bIn[j] feeds column j from the top (B[t−j][j] at cycle t). */
  bIn: Input<number>[];
  /** pes[i][j]: PE in row i, column j. */
  pes: ToyMacPePorts[][];
}

/**
 * Output-stationary systolic array of toy MAC PEs: A flows right through the `aOut` registers, B flows down
 * through the `bOut` registers, and PE(i,j) accumulates C[i][j].
 */
export const osSystolicArray = defineModule("os-systolic-array", (m, p: OsSystolicArrayParams): OsSystolicArrayPorts => {
  const spec = { widthBits: p.operandBits };
  const aIn = Array.from({ length: p.rows }, (_, i) => m.input(`a_in_${i}`, spec));
  const bIn = Array.from({ length: p.cols }, (_, j) => m.input(`b_in_${j}`, spec));
  const pes: ToyMacPePorts[][] = [];
  for (let i = 0; i < p.rows; i++) {
    const row: ToyMacPePorts[] = [];
    for (let j = 0; j < p.cols; j++) {
      const pe = m.instance(`pe_${i}_${j}`, toyMacPe, p);
      m.connect(pe.a, j === 0 ? aIn[i]! : row[j - 1]!.aOut);
      m.connect(pe.b, i === 0 ? bIn[j]! : pes[i - 1]![j]!.bOut);
      row.push(pe);
    }
    pes.push(row);
  }
  return { aIn, bIn, pes };
});

/**
 * Cycles until the last output of an output-stationary array is in its accumulator, with skewed inputs
 * (A[i][k] enters row i at cycle i+k, B[k][j] enters column j at cycle j+k, cycles counted from 0).
 * A[i][k] reaches PE(i,j) after j hops and B[k][j] after i hops, so PE(i,j) multiplies term k in cycle i+j+k.
 * The last term, PE(rows−1, cols−1) with k = K−1, is multiplied in cycle rows+cols+K−3, passes `productStages`
 * product registers, and is committed to the accumulator at the end of the following cycle:
 * ready after rows + cols + K − 2 + productStages cycles.
 */
export function osReadyCycles(rows: number, cols: number, k: number, productStages: number): number {
  return rows + cols + k - 2 + productStages;
}

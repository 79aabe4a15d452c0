import { defineModule, type Input, type Reg } from "../../../sim/engine/index.js";
import { declareMacPipeline, type MacPeParams } from "./pe-common.js";

/** Parameters of the PE (shared with the other PE kind). */
export type OsPeParams = MacPeParams;

/** Ports of the output-stationary PE. */
export interface OsPePorts {
  /** Operand from the left (row edge for column 0) and from above (column edge for row 0), with valid bits. */
  readonly aIn: Input<number>;
  readonly aInValid: Input<boolean>;
  readonly bIn: Input<number>;
  readonly bInValid: Input<boolean>;
  /** Operand registers forwarded right (a) and down (b). */
  readonly a: Reg<number>;
  readonly aValid: Reg<boolean>;
  readonly b: Reg<number>;
  readonly bValid: Reg<boolean>;
  readonly products: readonly Reg<number>[];
  readonly productValid: readonly Reg<boolean>[];
  /** The output-stationary accumulator; `accValid` is high for the cycle after a valid update. */
  readonly acc: Reg<number>;
  readonly accValid: Reg<boolean>;
}

/**
 * Output-stationary MAC PE (float64 register values). A PE fires on a matched operand pair (both inputs valid):
 * it latches and forwards a and b, forms a·b, passes it through `productStages` registers, and then
 * acc ← add(acc, product). PEs outside the fold's rows and columns never see a matched pair, so they stay idle.
 * Counts (valid writes only): operand-register-write (2 per firing), pipeline-register-write,
 * accumulator-register-write and mac.
 */
export const osPe = defineModule("os-pe", (m, p: OsPeParams): OsPePorts => {
  const real = { type: "real" } as const;
  const bool = { type: "bool" } as const;
  const aIn = m.input("a_in", real);
  const aInValid = m.input("a_in_valid", bool);
  const bIn = m.input("b_in", real);
  const bInValid = m.input("b_in_valid", bool);
  const a = m.reg("a", real);
  const aValid = m.reg("a_valid", bool);
  const b = m.reg("b", real);
  const bValid = m.reg("b_valid", bool);
  const stages = p.productStages;
  const { products, productValid, macAction, operandWrite, accWrite, pipeWrite } = declareMacPipeline(m, stages);
  const acc = m.reg("acc", real);
  const accValid = m.reg("acc_valid", bool);
  const add = p.add;

  m.bindStep((slotOf, ctx) => {
    const { cur, nxt, counts } = ctx;
    const [iAIn, iAInV, iBIn, iBInV, iA, iAV, iB, iBV, iAcc, iAccV] = [
      aIn, aInValid, bIn, bInValid, a, aValid, b, bValid, acc, accValid,
    ].map(slotOf) as [number, number, number, number, number, number, number, number, number, number];
    const ip = Int32Array.from(products.map(slotOf));
    const ipv = Int32Array.from(productValid.map(slotOf));
    const [cMac, cOperand, cAcc, cPipe] = [macAction, operandWrite, accWrite, pipeWrite].map(slotOf) as [
      number, number, number, number,
    ];
    const last = stages - 1;
    if (stages === 2) {
      // The default 3-stage MAC, unrolled: the same behaviour as the general loop below with constant slots.
      const [p0, p1] = [ip[0]!, ip[1]!];
      const [v0, v1] = [ipv[0]!, ipv[1]!];
      return () => {
        const fire = cur[iAInV] !== 0 && cur[iBInV] !== 0;
        const valid = cur[v1] !== 0;
        const product = cur[p1]!;
        const mid = cur[v0]!;
        nxt[v1] = mid;
        if (mid !== 0) {
          nxt[p1] = cur[p0]!;
          counts[cPipe]++;
        }
        const f = fire ? 1 : 0;
        nxt[v0] = f;
        nxt[iAV] = f;
        nxt[iBV] = f;
        if (fire) {
          const av = cur[iAIn]!;
          const bv = cur[iBIn]!;
          nxt[p0] = av * bv;
          nxt[iA] = av;
          nxt[iB] = bv;
          counts[cPipe]++;
          counts[cOperand] += 2;
        }
        nxt[iAccV] = valid ? 1 : 0;
        if (valid) {
          nxt[iAcc] = add(cur[iAcc]!, product);
          counts[cMac]++;
          counts[cAcc]++;
        }
      };
    }
    return () => {
      const fire = cur[iAInV] !== 0 && cur[iBInV] !== 0;
      let valid: boolean;
      let product: number;
      if (stages === 0) {
        valid = fire;
        product = fire ? cur[iAIn]! * cur[iBIn]! : 0;
      } else {
        valid = cur[ipv[last]!] !== 0;
        product = cur[ip[last]!]!;
        // Product registers shift with their valid bits; a register is written only when a valid product enters it.
        for (let s = last; s > 0; s--) {
          const v = cur[ipv[s - 1]!]!;
          nxt[ipv[s]!] = v;
          if (v !== 0) {
            nxt[ip[s]!] = cur[ip[s - 1]!]!;
            counts[cPipe]++;
          }
        }
        nxt[ipv[0]!] = fire ? 1 : 0;
        if (fire) {
          nxt[ip[0]!] = cur[iAIn]! * cur[iBIn]!;
          counts[cPipe]++;
        }
      }
      const f = fire ? 1 : 0;
      nxt[iAV] = f;
      nxt[iBV] = f;
      if (fire) {
        nxt[iA] = cur[iAIn]!;
        nxt[iB] = cur[iBIn]!;
        counts[cOperand] += 2;
      }
      nxt[iAccV] = valid ? 1 : 0;
      if (valid) {
        nxt[iAcc] = add(cur[iAcc]!, product);
        counts[cMac]++;
        counts[cAcc]++;
      }
    };
  });
  return { aIn, aInValid, bIn, bInValid, a, aValid, b, bValid, products, productValid, acc, accValid };
});

import { defineModule, type Input, type Reg } from "../../../sim/engine/index.js";
import { declareDotPipeline, dotPipelineSlots, latchWide, stepDotPipeline, wideInput, wideReg, type DotPeParams } from "./dot-pe-common.js";

/** Ports of the output-stationary dot PE: those of the MAC PE (os-pe.ts) with n-wide operands. */
export interface OsDotPePorts {
  /** n-wide operands from the left and from above, lane by lane, with valid bits. */
  readonly aIn: readonly Input<number>[];
  readonly aInValid: Input<boolean>;
  readonly bIn: readonly Input<number>[];
  readonly bInValid: Input<boolean>;
  readonly a: readonly Reg<number>[];
  readonly aValid: Reg<boolean>;
  readonly b: readonly Reg<number>[];
  readonly bValid: Reg<boolean>;
  readonly products: readonly (readonly Reg<number>[])[];
  readonly productValid: readonly Reg<boolean>[];
  readonly acc: Reg<number>;
  readonly accValid: Reg<boolean>;
}

/**
 * Output-stationary dot<n> PE: the MAC PE of os-pe.ts with n-wide a and b registers. A matched pair of n-wide
 * operands forms n products, which pass `productStages` n-wide registers, then acc ← addBlock(acc, products).
 * Counts as the MAC PE does, one per n-wide register write (2 operand writes per firing) and one `mac` per dot step.
 */
export const osDotPe = defineModule("os-dot-pe", (m, p: DotPeParams): OsDotPePorts => {
  const bool = { type: "bool" } as const;
  const { lanes, addBlock } = p;
  const aIn = wideInput(m, "a_in", lanes);
  const aInValid = m.input("a_in_valid", bool);
  const bIn = wideInput(m, "b_in", lanes);
  const bInValid = m.input("b_in_valid", bool);
  const a = wideReg(m, "a", lanes);
  const aValid = m.reg("a_valid", bool);
  const b = wideReg(m, "b", lanes);
  const bValid = m.reg("b_valid", bool);
  const pipe = declareDotPipeline(m, lanes, p.productStages);
  const acc = m.reg("acc", { type: "real" });
  const accValid = m.reg("acc_valid", bool);

  m.bindStep((slotOf, ctx) => {
    const wide = (s: readonly (Input<number> | Reg<number>)[]) => Int32Array.from(s.map(slotOf));
    const [iAIn, iBIn, iA, iB] = [aIn, bIn, a, b].map(wide) as [Int32Array, Int32Array, Int32Array, Int32Array];
    const [iAInV, iBInV, iAV, iBV, iAcc, iAccV] = [aInValid, bInValid, aValid, bValid, acc, accValid].map(slotOf) as [
      number, number, number, number, number, number,
    ];
    const [cOperand, cMac, cAcc] = [pipe.operandWrite, pipe.macAction, pipe.accWrite].map(slotOf) as [number, number, number];
    const slots = dotPipelineSlots(slotOf, lanes, pipe);
    const block = new Float64Array(lanes);
    const { cur, nxt, counts } = ctx;
    return () => {
      const fire = cur[iAInV] !== 0 && cur[iBInV] !== 0;
      const valid = stepDotPipeline(ctx, slots, fire, iAIn, iBIn, block);
      const f = fire ? 1 : 0;
      nxt[iAV] = f;
      nxt[iBV] = f;
      if (fire) {
        latchWide(ctx, iA, iAIn);
        latchWide(ctx, iB, iBIn);
        counts[cOperand] += 2;
      }
      nxt[iAccV] = valid ? 1 : 0;
      if (valid) {
        nxt[iAcc] = addBlock(cur[iAcc]!, block, lanes);
        counts[cMac]++;
        counts[cAcc]++;
      }
    };
  });
  return { aIn, aInValid, bIn, bInValid, a, aValid, b, bValid, products: pipe.products, productValid: pipe.productValid, acc, accValid };
});

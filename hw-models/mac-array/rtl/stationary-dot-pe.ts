import { defineModule, type Input, type Reg } from "../../../sim/engine/index.js";
import type { MacArrayAction } from "../fold-schedule.js";
import { declareDotPipeline, dotPipelineSlots, latchWide, stepDotPipeline, wideInput, wideReg, type DotPeParams } from "./dot-pe-common.js";

/** Ports of the stationary dot PE: those of the MAC PE (stationary-pe.ts) with n-wide operands. */
export interface StationaryDotPePorts {
  readonly load: Input<boolean>;
  /** n-wide stationary element from above (the edge for row 0), lane by lane, and its valid bit. */
  readonly statIn: readonly Input<number>[];
  readonly statInValid: Input<boolean>;
  /** n-wide streamed operand from the left (the edge for column 0) and its valid bit. */
  readonly xIn: readonly Input<number>[];
  readonly xInValid: Input<boolean>;
  readonly psumIn: Input<number>;
  readonly stat: readonly Reg<number>[];
  readonly statValid: Reg<boolean>;
  readonly x: readonly Reg<number>[];
  readonly xValid: Reg<boolean>;
  readonly products: readonly (readonly Reg<number>[])[];
  readonly productValid: readonly Reg<boolean>[];
  readonly psum: Reg<number>;
  readonly psumValid: Reg<boolean>;
}

/**
 * Weight- or input-stationary dot<n> PE: the MAC PE of stationary-pe.ts with n-wide stationary and streamed
 * registers (n elements of K each). A firing forms the n products, passes them through `productStages` n-wide
 * registers, then psum ← addBlock(psumIn, products): one dot-unit step (one alignment, one rounding) per cycle.
 * Counts as the MAC PE does, one per n-wide register write and one `mac` per dot step.
 */
export const stationaryDotPe = defineModule("stationary-dot-pe", (m, p: DotPeParams): StationaryDotPePorts => {
  const bool = { type: "bool" } as const;
  const { lanes, addBlock } = p;
  const load = m.input("load", bool);
  const statIn = wideInput(m, "stat_in", lanes);
  const statInValid = m.input("stat_in_valid", bool);
  const xIn = wideInput(m, "x_in", lanes);
  const xInValid = m.input("x_in_valid", bool);
  const psumIn = m.input("psum_in", { type: "real" });
  const stat = wideReg(m, "stat", lanes);
  const statValid = m.reg("stat_valid", bool);
  const x = wideReg(m, "x", lanes);
  const xValid = m.reg("x_valid", bool);
  const pipe = declareDotPipeline(m, lanes, p.productStages);
  const psum = m.reg("psum", { type: "real" });
  const psumValid = m.reg("psum_valid", bool);
  const statWrite = m.action("stationary-register-write" satisfies MacArrayAction);

  m.bindStep((slotOf, ctx) => {
    const wide = (s: readonly (Input<number> | Reg<number>)[]) => Int32Array.from(s.map(slotOf));
    const [iStatIn, iX, iXIn, iStat] = [statIn, x, xIn, stat].map(wide) as [Int32Array, Int32Array, Int32Array, Int32Array];
    const [iLoad, iStatInV, iStatV, iXInV, iXV, iPsumIn, iPsum, iPsumV] = [
      load, statInValid, statValid, xInValid, xValid, psumIn, psum, psumValid,
    ].map(slotOf) as [number, number, number, number, number, number, number, number];
    const [cStat, cOperand, cMac, cAcc] = [statWrite, pipe.operandWrite, pipe.macAction, pipe.accWrite].map(slotOf) as [number, number, number, number];
    const slots = dotPipelineSlots(slotOf, lanes, pipe);
    const block = new Float64Array(lanes);
    const { cur, nxt, counts } = ctx;
    return () => {
      if (cur[iLoad] !== 0) {
        const sv = cur[iStatInV]!;
        nxt[iStatV] = sv;
        if (sv !== 0) {
          latchWide(ctx, iStat, iStatIn);
          counts[cStat]++;
        }
      }
      // Multiply and forward only with a valid stationary element, so PEs outside the fold stay idle.
      const fire = cur[iXInV] !== 0 && cur[iStatV] !== 0;
      const valid = stepDotPipeline(ctx, slots, fire, iXIn, iStat, block);
      nxt[iXV] = fire ? 1 : 0;
      if (fire) {
        latchWide(ctx, iX, iXIn);
        counts[cOperand]++;
      }
      nxt[iPsumV] = valid ? 1 : 0;
      if (valid) {
        nxt[iPsum] = addBlock(cur[iPsumIn]!, block, lanes);
        counts[cMac]++;
        counts[cAcc]++;
      }
    };
  });
  return { load, statIn, statInValid, xIn, xInValid, psumIn, stat, statValid, x, xValid, products: pipe.products, productValid: pipe.productValid, psum, psumValid };
});

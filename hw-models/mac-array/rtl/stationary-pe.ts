import { defineModule, type Input, type Reg } from "../../../sim/engine/index.js";
import type { MacArrayAction } from "../fold-schedule.js";
import { declareMacPipeline, type MacPeParams } from "./pe-common.js";

/** Parameters of the PE (shared with the other PE kind). */
export type StationaryPeParams = MacPeParams;

/** Ports of the stationary PE: its inputs (driven by neighbours or the array edge) and its registers. */
export interface StationaryPePorts {
  /** Tile-load phase: the stationary register shifts down (broadcast from the array controller). */
  readonly load: Input<boolean>;
  /** Stationary element from above (the edge for row 0) and its valid bit. */
  readonly statIn: Input<number>;
  readonly statInValid: Input<boolean>;
  /** Streamed operand from the left (the edge for column 0) and its valid bit. */
  readonly xIn: Input<number>;
  readonly xInValid: Input<boolean>;
  /** Partial sum from above (the edge, tied to the accumulator's zero, for row 0). */
  readonly psumIn: Input<number>;
  readonly stat: Reg<number>;
  readonly statValid: Reg<boolean>;
  /** Streamed operand forwarded to the right-hand neighbour. */
  readonly x: Reg<number>;
  readonly xValid: Reg<boolean>;
  readonly products: readonly Reg<number>[];
  readonly productValid: readonly Reg<boolean>[];
  /** Partial sum passed down; `psumValid` is high for the cycle after a valid update. */
  readonly psum: Reg<number>;
  readonly psumValid: Reg<boolean>;
}

/**
 * Weight- or input-stationary MAC PE (float64 register values):
 * - while `load` is high the stationary register takes the element from above (tile shifted down from the top);
 * - a streamed operand is multiplied and forwarded only by a PE holding a valid stationary element, so PEs
 *   outside the fold's columns stay idle;
 * - product = streamed · stationary passes `productStages` registers, then psum ← add(psumIn, product).
 * Counts (valid writes only): stationary-register-write, operand-register-write, pipeline-register-write,
 * accumulator-register-write and mac (one per partial-sum update).
 */
export const stationaryPe = defineModule("stationary-pe", (m, p: StationaryPeParams): StationaryPePorts => {
  const real = { type: "real" } as const;
  const bool = { type: "bool" } as const;
  const load = m.input("load", bool);
  const statIn = m.input("stat_in", real);
  const statInValid = m.input("stat_in_valid", bool);
  const xIn = m.input("x_in", real);
  const xInValid = m.input("x_in_valid", bool);
  const psumIn = m.input("psum_in", real);
  const stat = m.reg("stat", real);
  const statValid = m.reg("stat_valid", bool);
  const x = m.reg("x", real);
  const xValid = m.reg("x_valid", bool);
  const stages = p.productStages;
  const { products, productValid, macAction, operandWrite, accWrite, pipeWrite } = declareMacPipeline(m, stages);
  const psum = m.reg("psum", real);
  const psumValid = m.reg("psum_valid", bool);
  const statWrite = m.action("stationary-register-write" satisfies MacArrayAction);
  const add = p.add;

  m.bindStep((slotOf, ctx) => {
    const { cur, nxt, counts } = ctx;
    const [iLoad, iStatIn, iStatInV, iXIn, iXInV, iPsumIn, iStat, iStatV, iX, iXV, iPsum, iPsumV] = [
      load, statIn, statInValid, xIn, xInValid, psumIn, stat, statValid, x, xValid, psum, psumValid,
    ].map(slotOf) as [number, number, number, number, number, number, number, number, number, number, number, number];
    const ip = Int32Array.from(products.map(slotOf));
    const ipv = Int32Array.from(productValid.map(slotOf));
    const [cMac, cOperand, cAcc, cPipe, cStat] = [macAction, operandWrite, accWrite, pipeWrite, statWrite].map(slotOf) as [
      number, number, number, number, number,
    ];
    const last = stages - 1;
    if (stages === 2) {
      // The default 3-stage MAC, unrolled: the same behaviour as the general loop below with constant slots.
      const [p0, p1] = [ip[0]!, ip[1]!];
      const [v0, v1] = [ipv[0]!, ipv[1]!];
      return () => {
        if (cur[iLoad] !== 0) {
          const sv = cur[iStatInV]!;
          nxt[iStatV] = sv;
          if (sv !== 0) {
            nxt[iStat] = cur[iStatIn]!;
            counts[cStat]++;
          }
        }
        const fire = cur[iXInV] !== 0 && cur[iStatV] !== 0;
        const valid = cur[v1] !== 0;
        const product = cur[p1]!;
        const mid = cur[v0]!;
        nxt[v1] = mid;
        if (mid !== 0) {
          nxt[p1] = cur[p0]!;
          counts[cPipe]++;
        }
        nxt[v0] = fire ? 1 : 0;
        nxt[iXV] = fire ? 1 : 0;
        if (fire) {
          const xin = cur[iXIn]!;
          nxt[p0] = xin * cur[iStat]!;
          nxt[iX] = xin;
          counts[cPipe]++;
          counts[cOperand]++;
        }
        nxt[iPsumV] = valid ? 1 : 0;
        if (valid) {
          nxt[iPsum] = add(cur[iPsumIn]!, product);
          counts[cMac]++;
          counts[cAcc]++;
        }
      };
    }
    return () => {
      if (cur[iLoad] !== 0) {
        const sv = cur[iStatInV]!;
        nxt[iStatV] = sv;
        if (sv !== 0) {
          nxt[iStat] = cur[iStatIn]!;
          counts[cStat]++;
        }
      }
      const fire = cur[iXInV] !== 0 && cur[iStatV] !== 0;
      let valid: boolean;
      let product: number;
      if (stages === 0) {
        valid = fire;
        product = fire ? cur[iXIn]! * cur[iStat]! : 0;
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
          nxt[ip[0]!] = cur[iXIn]! * cur[iStat]!;
          counts[cPipe]++;
        }
      }
      nxt[iXV] = fire ? 1 : 0;
      if (fire) {
        nxt[iX] = cur[iXIn]!;
        counts[cOperand]++;
      }
      nxt[iPsumV] = valid ? 1 : 0;
      if (valid) {
        nxt[iPsum] = add(cur[iPsumIn]!, product);
        counts[cMac]++;
        counts[cAcc]++;
      }
    };
  });
  return { load, statIn, statInValid, xIn, xInValid, psumIn, stat, statValid, x, xValid, products, productValid, psum, psumValid };
});

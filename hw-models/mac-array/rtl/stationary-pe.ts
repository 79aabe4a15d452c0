import { defineModule, type Input, type Reg, type StepContext, type StepKernel } from "../../../sim/engine/index.js";
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

  // The slot row of this PE, in the order of the ROW_* offsets (see stationaryPeKernel).
  m.kernelStep(stationaryPeKernel(p), [
    load, statIn, statInValid, xIn, xInValid, psumIn, stat, statValid, x, xValid, psum, psumValid,
    macAction, operandWrite, accWrite, pipeWrite, statWrite, ...products, ...productValid,
  ]);
  return { load, statIn, statInValid, xIn, xInValid, psumIn, stat, statValid, x, xValid, products, productValid, psum, psumValid };
});

// Offsets in a PE's slot row: inputs, registers, action counters, then `stages` product registers and their valid bits.
const ROW_LOAD = 0;
const ROW_STAT_IN = 1;
const ROW_STAT_IN_VALID = 2;
const ROW_X_IN = 3;
const ROW_X_IN_VALID = 4;
const ROW_PSUM_IN = 5;
const ROW_STAT = 6;
const ROW_STAT_VALID = 7;
const ROW_X = 8;
const ROW_X_VALID = 9;
const ROW_PSUM = 10;
const ROW_PSUM_VALID = 11;
const ROW_MAC = 12;
const ROW_OPERAND_WRITE = 13;
const ROW_ACC_WRITE = 14;
const ROW_PIPE_WRITE = 15;
const ROW_STAT_WRITE = 16;
const ROW_PRODUCTS = 17;

/** One kernel per params object, so that the PEs of an array (which share their params) step in one call. */
const kernels = new WeakMap<StationaryPeParams, StepKernel>();

function stationaryPeKernel(p: StationaryPeParams): StepKernel {
  let kernel = kernels.get(p);
  if (!kernel) kernels.set(p, (kernel = new StationaryPeKernel(p.productStages, p.add)));
  return kernel;
}

/**
 * The step of every stationary PE with the same params: each PE reads its slots from its row (ROW_* offsets).
 * @internal Exported for the test that compares the unrolled 3-stage loop with the general one (`unrolled` false).
 */
export class StationaryPeKernel implements StepKernel {
  readonly width: number;
  constructor(
    readonly stages: number,
    readonly add: (acc: number, product: number) => number,
    readonly unrolled = true,
  ) {
    this.width = ROW_PRODUCTS + 2 * stages;
  }

  run(ctx: StepContext, rows: Int32Array, from: number, to: number): void {
    if (this.stages === 2 && this.unrolled) return this.runTwoStages(ctx, rows, from, to);
    const { cur, nxt, counts } = ctx;
    const { stages, add, width } = this;
    const P = ROW_PRODUCTS; // product register s at P + s
    const V = ROW_PRODUCTS + stages; // its valid bit at V + s
    const last = stages - 1;
    for (let r = from; r < to; r += width) {
      if (cur[rows[r + ROW_LOAD]!] !== 0) {
        const sv = cur[rows[r + ROW_STAT_IN_VALID]!]!;
        nxt[rows[r + ROW_STAT_VALID]!] = sv;
        if (sv !== 0) {
          nxt[rows[r + ROW_STAT]!] = cur[rows[r + ROW_STAT_IN]!]!;
          counts[rows[r + ROW_STAT_WRITE]!]++;
        }
      }
      const fire = cur[rows[r + ROW_X_IN_VALID]!] !== 0 && cur[rows[r + ROW_STAT_VALID]!] !== 0;
      let valid: boolean;
      let product: number;
      if (stages === 0) {
        valid = fire;
        product = fire ? cur[rows[r + ROW_X_IN]!]! * cur[rows[r + ROW_STAT]!]! : 0;
      } else {
        valid = cur[rows[r + V + last]!] !== 0;
        product = cur[rows[r + P + last]!]!;
        // Product registers shift with their valid bits; a register is written only when a valid product enters it.
        for (let s = last; s > 0; s--) {
          const v = cur[rows[r + V + s - 1]!]!;
          nxt[rows[r + V + s]!] = v;
          if (v !== 0) {
            nxt[rows[r + P + s]!] = cur[rows[r + P + s - 1]!]!;
            counts[rows[r + ROW_PIPE_WRITE]!]++;
          }
        }
        nxt[rows[r + V]!] = fire ? 1 : 0;
        if (fire) {
          nxt[rows[r + P]!] = cur[rows[r + ROW_X_IN]!]! * cur[rows[r + ROW_STAT]!]!;
          counts[rows[r + ROW_PIPE_WRITE]!]++;
        }
      }
      nxt[rows[r + ROW_X_VALID]!] = fire ? 1 : 0;
      if (fire) {
        nxt[rows[r + ROW_X]!] = cur[rows[r + ROW_X_IN]!]!;
        counts[rows[r + ROW_OPERAND_WRITE]!]++;
      }
      nxt[rows[r + ROW_PSUM_VALID]!] = valid ? 1 : 0;
      if (valid) {
        nxt[rows[r + ROW_PSUM]!] = add(cur[rows[r + ROW_PSUM_IN]!]!, product);
        counts[rows[r + ROW_MAC]!]++;
        counts[rows[r + ROW_ACC_WRITE]!]++;
      }
    }
  }

  /** The default 3-stage MAC, unrolled: the same behaviour as the general loop in `run` with stages = 2. */
  private runTwoStages(ctx: StepContext, rows: Int32Array, from: number, to: number): void {
    const { cur, nxt, counts } = ctx;
    const add = this.add;
    const width = ROW_PRODUCTS + 4;
    for (let r = from; r < to; r += width) {
      if (cur[rows[r + ROW_LOAD]!] !== 0) {
        const sv = cur[rows[r + ROW_STAT_IN_VALID]!]!;
        nxt[rows[r + ROW_STAT_VALID]!] = sv;
        if (sv !== 0) {
          nxt[rows[r + ROW_STAT]!] = cur[rows[r + ROW_STAT_IN]!]!;
          counts[rows[r + ROW_STAT_WRITE]!]++;
        }
      }
      const fire = cur[rows[r + ROW_X_IN_VALID]!] !== 0 && cur[rows[r + ROW_STAT_VALID]!] !== 0;
      const p0 = rows[r + ROW_PRODUCTS]!;
      const p1 = rows[r + ROW_PRODUCTS + 1]!;
      const v0 = rows[r + ROW_PRODUCTS + 2]!;
      const v1 = rows[r + ROW_PRODUCTS + 3]!;
      const valid = cur[v1] !== 0;
      const product = cur[p1]!;
      const mid = cur[v0]!;
      nxt[v1] = mid;
      if (mid !== 0) {
        nxt[p1] = cur[p0]!;
        counts[rows[r + ROW_PIPE_WRITE]!]++;
      }
      nxt[v0] = fire ? 1 : 0;
      nxt[rows[r + ROW_X_VALID]!] = fire ? 1 : 0;
      if (fire) {
        const xin = cur[rows[r + ROW_X_IN]!]!;
        nxt[p0] = xin * cur[rows[r + ROW_STAT]!]!;
        nxt[rows[r + ROW_X]!] = xin;
        counts[rows[r + ROW_PIPE_WRITE]!]++;
        counts[rows[r + ROW_OPERAND_WRITE]!]++;
      }
      nxt[rows[r + ROW_PSUM_VALID]!] = valid ? 1 : 0;
      if (valid) {
        nxt[rows[r + ROW_PSUM]!] = add(cur[rows[r + ROW_PSUM_IN]!]!, product);
        counts[rows[r + ROW_MAC]!]++;
        counts[rows[r + ROW_ACC_WRITE]!]++;
      }
    }
  }
}

import type { Input, ModuleBuilder, Reg, SlotOf, StepContext } from "../../../sim/engine/index.js";
import type { MacArrayAction } from "../fold-schedule.js";

/** Parameters every dot<n> PE takes: its width, its product pipeline and the dot unit's step. */
export interface DotPeParams {
  /** Elements of K taken per cycle (n ≥ 2). */
  readonly lanes: number;
  /** n-wide product registers between the multipliers and the block adder: macPipelineDepth − 1 (≥ 0). */
  readonly productStages: number;
  /** One dot-unit step on float64 register values (Float64BlockAccumulator.addBlock). */
  readonly addBlock: (acc: number, products: Float64Array, count: number) => number;
}

const real = { type: "real" } as const;

/**
 * An n-wide operand register: one float64 register per lane (`name_0` … `name_{n−1}`), so a waveform shows every
 * element. The lanes are written together under one valid bit and count as one register write (the fast model
 * counts n-wide elements).
 */
export function wideReg(m: ModuleBuilder, name: string, lanes: number): Reg<number>[] {
  return Array.from({ length: lanes }, (_, l) => m.reg(`${name}_${l}`, real));
}

/** An n-wide input port, lane by lane (see wideReg). */
export function wideInput(m: ModuleBuilder, name: string, lanes: number): Input<number>[] {
  return Array.from({ length: lanes }, (_, l) => m.input(`${name}_${l}`, real));
}

/** Connect an n-wide input to an n-wide driver, lane by lane. */
export function connectWide(m: ModuleBuilder, input: readonly Input<number>[], driver: readonly (Input<number> | Reg<number>)[]): void {
  input.forEach((s, l) => m.connect(s, driver[l]!));
}

/** The n-wide product pipeline (`product_<stage>_<lane>`, one valid bit per stage) and the actions both dot PEs count. */
export function declareDotPipeline(m: ModuleBuilder, lanes: number, stages: number) {
  return {
    products: Array.from({ length: stages }, (_, s) => wideReg(m, `product_${s}`, lanes)),
    productValid: Array.from({ length: stages }, (_, s): Reg<boolean> => m.reg(`product_valid_${s}`, { type: "bool" })),
    macAction: m.action("mac" satisfies MacArrayAction),
    operandWrite: m.action("operand-register-write" satisfies MacArrayAction),
    accWrite: m.action("accumulator-register-write" satisfies MacArrayAction),
    pipeWrite: m.action("pipeline-register-write" satisfies MacArrayAction),
  };
}

/** Slots of a product pipeline, resolved once at elaboration. */
export interface DotPipelineSlots {
  readonly lanes: number;
  readonly stages: number;
  /** Product register of stage s, lane l at s·lanes + l. */
  readonly products: Int32Array;
  readonly valid: Int32Array;
  readonly write: number;
}

export function dotPipelineSlots(slotOf: SlotOf, lanes: number, pipe: ReturnType<typeof declareDotPipeline>): DotPipelineSlots {
  return {
    lanes,
    stages: pipe.products.length,
    products: Int32Array.from(pipe.products.flat().map(slotOf)),
    valid: Int32Array.from(pipe.productValid.map(slotOf)),
    write: slotOf(pipe.pipeWrite),
  };
}

/**
 * One cycle of the multipliers and the product pipeline. When `fire`, the n products x[l]·w[l] enter stage 0
 * (with no stages they go straight to the adder). Returns whether a valid block reaches the block adder this
 * cycle; its n products are then in `block`. Registers shift with their valid bits and are written (and counted,
 * once per n-wide register) only when a valid block enters them, as in the MAC PEs.
 */
export function stepDotPipeline(ctx: StepContext, pipe: DotPipelineSlots, fire: boolean, x: Int32Array, w: Int32Array, block: Float64Array): boolean {
  const { cur, nxt, counts } = ctx;
  const { lanes, stages, products: p, valid: v } = pipe;
  if (stages === 0) {
    if (fire) for (let l = 0; l < lanes; l++) block[l] = cur[x[l]!]! * cur[w[l]!]!;
    return fire;
  }
  const last = stages - 1;
  const valid = cur[v[last]!] !== 0;
  if (valid) for (let l = 0, o = last * lanes; l < lanes; l++) block[l] = cur[p[o + l]!]!;
  for (let s = last; s > 0; s--) {
    const vs = cur[v[s - 1]!]!;
    nxt[v[s]!] = vs;
    if (vs !== 0) {
      for (let l = 0, o = s * lanes; l < lanes; l++) nxt[p[o + l]!] = cur[p[o - lanes + l]!]!;
      counts[pipe.write]++;
    }
  }
  nxt[v[0]!] = fire ? 1 : 0;
  if (fire) {
    for (let l = 0; l < lanes; l++) nxt[p[l]!] = cur[x[l]!]! * cur[w[l]!]!;
    counts[pipe.write]++;
  }
  return valid;
}

/** Latch an n-wide input into an n-wide register (next values). */
export function latchWide(ctx: StepContext, into: Int32Array, from: Int32Array): void {
  const { cur, nxt } = ctx;
  for (let l = 0; l < into.length; l++) nxt[into[l]!] = cur[from[l]!]!;
}

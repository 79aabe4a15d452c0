/**
 * Example: a pipelined multiply-accumulate processing element with injectable arithmetic.
 *
 * Registers, in pipeline order:
 *   operand registers  a_reg, b_reg, valid_1, last_1   ← inputs a, b, valid, last
 *   stage 1 (multiply) product, valid_2, last_2          ← multiply(a_reg, b_reg)
 *   stage 2 (align/add) wire sum = accumulate(acc or init(), product), combinational
 *   stage 3 (accumulate) acc, acc_valid, done            ← sum
 * The `valid` bit travels with the data; `last` marks the final element of a dot product. The element after a
 * `last` starts a new dot product from `init()`, so dot products can follow each other without bubbles.
 */
import { defineModule, type ModuleDef, type StateSpec } from "../module.js";
import type { Input, Reg, Signal, SignalSpec, SpecFor, Wire } from "../signal.js";
import type { Store } from "../step-context.js";

/**
 * Cycles from presenting an element on the inputs to seeing it in `acc`: a valid element poked before step t
 * is in `acc` (with `acc_valid` high) after step t+3, i.e. when `sim.cycle === t + 3`.
 * The three clock edges are operand register, product register, accumulator register.
 */
export const PIPELINED_MAC_PE_LATENCY_CYCLES = 3;

/** Pure arithmetic plugged into the PE (e.g. the bit-exact `dot()` unit library); P: product, A: accumulator. */
export interface MacArithmetic<P extends number | bigint, A extends number | bigint> {
  /** Product of two operand codes (bit patterns of the operand format). */
  multiply(aCode: number, bCode: number): P;
  /** New accumulator value after adding a product (alignment, rounding and wrapping live here). */
  accumulate(acc: A, product: P): A;
  /** Accumulator value at the start of a dot product. */
  init(): A;
}

/** Configuration of a pipelined MAC PE definition. */
export interface PipelinedMacPeConfig<P extends number | bigint, A extends number | bigint> {
  arithmetic: MacArithmetic<P, A>;
  /** Width of the operand codes. */
  operandBits: number;
  /** Type and width of the product register. */
  product: SpecFor<P>;
  /** Type and width of the accumulator register and the sum wire. */
  accumulator: SpecFor<A>;
}

/** Ports of the pipelined MAC PE. */
export interface PipelinedMacPePorts<P extends number | bigint, A extends number | bigint> {
  a: Input<number>;
  b: Input<number>;
  /** The element on `a`/`b` is valid this cycle. */
  valid: Input<boolean>;
  /** The valid element is the last of its dot product. */
  last: Input<boolean>;
  product: Reg<P>;
  sum: Wire<A>;
  acc: Reg<A>;
  /** `acc` absorbed a product at the last clock edge (the valid bit at the end of the pipeline). */
  accValid: Reg<boolean>;
  /** `acc` holds a complete dot product: its `last` element was absorbed and no later element yet. */
  done: Reg<boolean>;
}

/**
 * Define a pipelined MAC PE for the given arithmetic. Actions per cycle: "register-write" for each data register
 * loaded (operands: 2, product: 1, accumulator: 1), "multiply" in stage 1 and "add" in stage 2 for valid elements.
 */
export function pipelinedMacPe<P extends number | bigint, A extends number | bigint>(
  config: PipelinedMacPeConfig<P, A>,
): ModuleDef<void, PipelinedMacPePorts<P, A>> {
  const { arithmetic, operandBits } = config;
  return defineModule("pipelined-mac-pe", (m) => {
    const opSpec = { widthBits: operandBits };
    const a = m.input("a", opSpec);
    const b = m.input("b", opSpec);
    const valid = m.input("valid", { type: "bool" });
    const last = m.input("last", { type: "bool" });
    const aReg = m.reg("a_reg", opSpec);
    const bReg = m.reg("b_reg", opSpec);
    const valid1 = m.reg("valid_1", { type: "bool" });
    const last1 = m.reg("last_1", { type: "bool" });
    const product = m.reg("product", config.product as SignalSpec) as unknown as Reg<P>;
    const valid2 = m.reg("valid_2", { type: "bool" });
    const last2 = m.reg("last_2", { type: "bool" });
    // Generic specs are checked at run time by the builder (init must match the declared type).
    const accInit = { ...(config.accumulator as SignalSpec), init: arithmetic.init() } as StateSpec<SignalSpec>;
    const sum = m.wire("sum", accInit) as unknown as Wire<A>;
    const acc = m.reg("acc", accInit) as unknown as Reg<A>;
    const accValid = m.reg("acc_valid", { type: "bool" });
    const done = m.reg("done", { type: "bool" });
    const regWrite = m.action("register-write");
    const multiply = m.action("multiply");
    const add = m.action("add");

    // Bound step (see StepContext): slots and stores are resolved once, so a 128×128 array of these stays fast.
    // Bool signals are 1/0 in `cur`/`nxt`; product and accumulator live in the number or bigint store.
    m.bindStep((slotOf, ctx) => {
      const { cur, nxt, counts } = ctx;
      const [ia, ib, iValid, iLast, iaReg, ibReg, iValid1, iLast1, iValid2, iLast2, iAccValid, iDone] = [
        a, b, valid, last, aReg, bReg, valid1, last1, valid2, last2, accValid, done,
      ].map(slotOf);
      const [iProduct, iSum, iAcc] = [product, sum, acc].map(slotOf);
      const [cWrite, cMultiply, cAdd] = [regWrite, multiply, add].map(slotOf);
      const productCur = ctx.curStoreOf(product as Signal<number | bigint>) as Store<P>;
      const productNxt = ctx.nxtStoreOf(product as Reg<number | bigint>) as Store<P>;
      const accCur = ctx.curStoreOf(acc as Signal<number | bigint>) as Store<A>;
      const accNxt = ctx.nxtStoreOf(acc as Reg<number | bigint>) as Store<A>;
      const { multiply: mul, accumulate, init } = arithmetic;
      return () => {
        // Operand registers load only for a valid element; the valid and last bits always move on.
        const inValid = cur[iValid]!;
        if (inValid) {
          nxt[iaReg] = cur[ia]!;
          nxt[ibReg] = cur[ib]!;
          counts[cWrite] += 2;
        }
        nxt[iValid1] = inValid;
        nxt[iLast1] = inValid && cur[iLast]!;

        // Stage 1: multiply the operand registers into the product register.
        const v1 = cur[iValid1]!;
        if (v1) {
          productNxt[iProduct] = mul(cur[iaReg]!, cur[ibReg]!);
          counts[cMultiply]++;
          counts[cWrite]++;
        }
        nxt[iValid2] = v1;
        nxt[iLast2] = cur[iLast1]!;

        // Stage 2: align/add (combinational, onto a fresh init() after a finished dot product);
        // stage 3: the accumulator register takes the sum.
        const v2 = cur[iValid2]!;
        if (v2) {
          const total = accumulate(cur[iDone] ? init() : accCur[iAcc]!, productCur[iProduct]!);
          accCur[iSum] = total;
          accNxt[iAcc] = total;
          nxt[iDone] = cur[iLast2]!;
          counts[cAdd]++;
          counts[cWrite]++;
        }
        nxt[iAccValid] = v2;
      };
    });
    return { a, b, valid, last, product, sum, acc, accValid, done };
  });
}

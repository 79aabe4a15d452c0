/**
 * The Versal DSP58 (DSPCPLX/DSPFP32 aside) as an engine module, bit-exact per AM004 (Versal ACAP DSP Engine
 * Architecture Manual) for the subset MACs use:
 * - ports A[33:0], B[23:0], C[57:0], PCIN[57:0];
 * - DSP_MODE INT24: the 27×24 two's-complement multiplier on A[26:0] × B (51-bit product M);
 * - DSP_MODE INT8: the vector dot unit, A[26:0] as three 9-bit lanes and B as three 8-bit lanes,
 *   M = Σ a_i·b_i (packing.ts dsp58Dot3 gives the same sum as a pure function);
 * - the W/X/Y/Z multiplexers with the DSP48E2 OPMODE encodings MACs use (P = M, P + M, PCIN + M, C + M) and the
 *   58-bit ALU adding (ALUMODE 0000);
 * - AREG/BREG/MREG/PREG (0 or 1) pipeline registers;
 * - PCOUT = P, cascaded into the next DSP58's PCIN.
 * The pre-adder, SIMD modes and the logic unit are not modelled here. A, B and M travel as float64 integers
 * (|M| ≤ 2^26·2^23 = 2^49, exact); the 58-bit C, PCIN and P are bigints, since a 58-bit sum is not exact in float64.
 */
import { defineModule } from "../../sim/engine/module.js";
import type { Input, Reg, Signal } from "../../sim/engine/signal.js";
import { elaborate } from "../../sim/engine/elaborate.js";
import { OPMODE, wrapSigned } from "./dsp48e2.js";

/** INT24: one 27×24 multiply; INT8: the three-lane 9×8 dot product (AM004 "DSP_MODE"). */
export type Dsp58Mode = "INT24" | "INT8";

export interface Dsp58Attributes {
  readonly AREG: 0 | 1;
  readonly BREG: 0 | 1;
  readonly MREG: 0 | 1;
  readonly PREG: 0 | 1;
  readonly DSP_MODE: Dsp58Mode;
}

/** Fully pipelined 27×24 MAC. */
export const DSP58_MAC: Dsp58Attributes = { AREG: 1, BREG: 1, MREG: 1, PREG: 1, DSP_MODE: "INT24" };
/** Fully pipelined INT8 dot-3 (3 MACs per DSP58 per cycle). */
export const DSP58_DOT3: Dsp58Attributes = { AREG: 1, BREG: 1, MREG: 1, PREG: 1, DSP_MODE: "INT8" };

/** M for one cycle: the 27×24 product, or the INT8 three-lane dot product (AM004). */
export function dsp58Multiply(a34: number, b24: number, mode: Dsp58Mode): number {
  if (mode === "INT24") return wrapSigned(a34, 27) * wrapSigned(b24, 24);
  const a27 = ((a34 % 2 ** 27) + 2 ** 27) % 2 ** 27;
  const b = ((b24 % 2 ** 24) + 2 ** 24) % 2 ** 24;
  let s = 0;
  for (let i = 0; i < 3; i++) s += wrapSigned(Math.floor(a27 / 512 ** i) % 512, 9) * wrapSigned(Math.floor(b / 256 ** i) % 256, 8);
  return s;
}

/** OPMODE → ALU result (adding, wrapped to 58 bits): the DSP48E2 encodings for M, P + M, PCIN + M, C + M; others are refused. */
export function dsp58Alu(opmode: number, s: { m: number; p: bigint; c: bigint; pcin: bigint }): bigint {
  const z = ((): bigint => {
    switch (opmode) {
      case OPMODE.M: return 0n;
      case OPMODE.P_PLUS_M: return s.p;
      case OPMODE.PCIN_PLUS_M: return s.pcin;
      case OPMODE.C_PLUS_M: return s.c;
      default: throw new RangeError(`DSP58 OPMODE ${opmode.toString(2)} is not in the modelled subset (M, P+M, PCIN+M, C+M)`);
    }
  })();
  return BigInt.asIntN(58, z + BigInt(s.m));
}

export interface Dsp58Ports {
  readonly a: Input<number>;
  readonly b: Input<number>;
  readonly c: Input<bigint>;
  readonly pcin: Input<bigint>;
  readonly opmode: Input<number>;
  readonly p: Signal<bigint>;
  readonly pcout: Signal<bigint>;
}

/** One DSP58 (PREG = 1: P is a register). Counts `dsp-mac` per product (3 in INT8 mode) and `register-write`. */
export const dsp58 = defineModule("dsp58", (m, attrs: Dsp58Attributes): Dsp58Ports => {
  if (!attrs.PREG) throw new RangeError("DSP58 model: PREG = 1 (P is the accumulator register)");
  if (attrs.AREG !== attrs.BREG) throw new RangeError(`AREG (${attrs.AREG}) and BREG (${attrs.BREG}) must match: A·B would multiply operands of different cycles`);
  const a = m.input("a", { widthBits: 34 });
  const b = m.input("b", { widthBits: 24 });
  const c = m.input("c", { type: "bigint", widthBits: 58 });
  const pcin = m.input("pcin", { type: "bigint", widthBits: 58 });
  const opmode = m.input("opmode", { widthBits: 9 });
  const aReg: Reg<number> | null = attrs.AREG ? m.reg("a1", { widthBits: 34 }) : null;
  const bReg: Reg<number> | null = attrs.BREG ? m.reg("b1", { widthBits: 24 }) : null;
  const mReg: Reg<number> | null = attrs.MREG ? m.reg("m", { widthBits: 51 }) : null;
  const p = m.reg("p", { type: "bigint", widthBits: 58 });
  const macAction = m.action("dsp-mac");
  const regWrite = m.action("register-write");
  const nRegs = (aReg ? 1 : 0) + (bReg ? 1 : 0) + (mReg ? 1 : 0) + 1;
  const lanes = attrs.DSP_MODE === "INT8" ? 3 : 1;
  m.step((s) => {
    const aStage = aReg ? s.get(aReg) : s.get(a);
    const bStage = bReg ? s.get(bReg) : s.get(b);
    const mOut = dsp58Multiply(aStage, bStage, attrs.DSP_MODE);
    const mStage = mReg ? s.get(mReg) : mOut;
    s.next(p, dsp58Alu(s.get(opmode), { m: mStage, p: s.get(p), c: BigInt.asIntN(58, s.get(c)), pcin: s.get(pcin) }));
    if (aReg) s.next(aReg, s.get(a));
    if (bReg) s.next(bReg, s.get(b));
    if (mReg) s.next(mReg, mOut);
    s.count(macAction, lanes);
    s.count(regWrite, nRegs);
  });
  return { a, b, c, pcin, opmode, p, pcout: p };
});

export interface Dsp58ChainPorts {
  readonly a: Input<number>[];
  readonly b: Input<number>[];
  readonly p: Signal<bigint>;
}

/** A systolic chain of `length` DSP58s: slice 0 computes M, slice i PCIN + M (operand i skewed by i cycles). */
export const dsp58Chain = defineModule("dsp58-chain", (m, p: { length: number; attrs: Dsp58Attributes }): Dsp58ChainPorts => {
  const zero58 = m.constant("zero58", { type: "bigint", widthBits: 58 }, 0n);
  const op0 = m.constant("opmode_first", { widthBits: 9 }, OPMODE.M);
  const opi = m.constant("opmode_cascade", { widthBits: 9 }, OPMODE.PCIN_PLUS_M);
  const a: Input<number>[] = [];
  const b: Input<number>[] = [];
  const slices: Dsp58Ports[] = [];
  for (let i = 0; i < p.length; i++) {
    a.push(m.input(`a_${i}`, { widthBits: 34 }));
    b.push(m.input(`b_${i}`, { widthBits: 24 }));
    const s = m.instance(`dsp58_${i}`, dsp58, p.attrs);
    m.connect(s.a, a[i]!);
    m.connect(s.b, b[i]!);
    m.connect(s.c, zero58);
    m.connect(s.opmode, i === 0 ? op0 : opi);
    m.connect(s.pcin, i === 0 ? zero58 : slices[i - 1]!.pcout);
    slices.push(s);
  }
  return { a, b, p: slices[p.length - 1]!.p };
});

/** Cycles from operand 0 at the ports to the chain's result in the last P: AREG + MREG + PREG + (N − 1). */
export function dsp58ChainLatencyCycles(attrs: Dsp58Attributes, length: number): number {
  return attrs.AREG + attrs.MREG + attrs.PREG + (length - 1);
}

/** Run a chain in the clocked engine (A/B port words per slice); operand i is presented at cycle i. */
export function runDsp58Chain(attrs: Dsp58Attributes, a: readonly number[], b: readonly number[]): { p: bigint; cycles: number; actions: Record<string, number> } {
  const n = a.length;
  const sim = elaborate(dsp58Chain, { length: n, attrs });
  const lat = dsp58ChainLatencyCycles(attrs, n);
  for (let t = 0; t < lat; t++) {
    for (let i = 0; i < n; i++) {
      sim.poke(sim.top.a[i]!, t === i ? a[i]! : 0);
      sim.poke(sim.top.b[i]!, t === i ? b[i]! : 0);
    }
    sim.step();
  }
  return { p: sim.peek(sim.top.p), cycles: lat, actions: sim.actionTotals() };
}

/** The chain's fast path: P = wrap58(Σ M_i), at dsp58ChainLatencyCycles. Tests prove it equal to the engine. */
export function dsp58ChainFast(attrs: Dsp58Attributes, a: readonly number[], b: readonly number[]): { p: bigint; cycles: number } {
  let p = 0n;
  for (let i = 0; i < a.length; i++) p = BigInt.asIntN(58, p + BigInt(dsp58Multiply(a[i]!, b[i]!, attrs.DSP_MODE)));
  return { p, cycles: dsp58ChainLatencyCycles(attrs, a.length) };
}

/**
 * The Xilinx DSP48E2 slice (UltraScale/UltraScale+), bit-exact per UG579 (UltraScale Architecture DSP Slice
 * User Guide, v1.11) for the subset MACs use:
 * - ports A[29:0], B[17:0], C[47:0], D[26:0], PCIN[47:0] (UG579 Table 2-1);
 * - the 27-bit pre-adder AD = D ± A[26:0] under INMODE[3:1] (UG579 Table 2-6), wrapping to 27 bits;
 * - the 27×18 two's-complement multiplier (45-bit product M, UG579 Ch. 2 "Multiplier");
 * - the W/X/Y/Z multiplexers under OPMODE[8:0] (UG579 Tables 2-7..2-10) and the 48-bit ALU under ALUMODE[3:0]
 *   (UG579 Table 2-13: 0000 Z+W+X+Y+CIN, 0001 −Z+(W+X+Y+CIN)−1, 0010 −(Z+W+X+Y+CIN)−1, 0011 Z−(W+X+Y+CIN)),
 *   with the SIMD modes ONE48, TWO24 and FOUR12 (carries stop at lane edges; UG579 "SIMD Mode", which needs
 *   USE_MULT = NONE);
 * - the AREG/BREG (0, 1, 2), CREG/DREG/ADREG/MREG/PREG (0, 1) pipeline registers;
 * - PCOUT = P, cascaded into the next slice's PCIN (UG579 "Cascade").
 * OPMODEREG, ALUMODEREG, INMODEREG and CARRYINREG are 0 here: the controls act in the cycle they are given.
 * Values travel as two's-complement integers (signed) in float64, which is exact: the largest intermediate, an
 * ALU sum of four 48-bit operands, is below 2^50.
 */
import { defineModule } from "../../sim/engine/module.js";
import type { Input, Reg, Signal, Wire } from "../../sim/engine/signal.js";
import { elaborate } from "../../sim/engine/elaborate.js";

/** Wrap an integer to a `bits`-wide two's-complement value. */
export function wrapSigned(x: number, bits: number): number {
  const half = 2 ** (bits - 1);
  if (x >= -half && x < half) return x + 0; // + 0 turns −0 into 0
  if (bits > 52) return Number(BigInt.asIntN(bits, BigInt(x)));
  const m = 2 ** bits;
  let r = x % m;
  if (r < 0) r += m;
  return (r >= m / 2 ? r - m : r) + 0;
}

/** The unsigned bit pattern of a `bits`-wide two's-complement value. */
export function toUnsigned(x: number, bits: number): number {
  const m = 2 ** bits;
  const r = x % m;
  return (r < 0 ? r + m : r) + 0;
}

export type SimdMode = "ONE48" | "TWO24" | "FOUR12";

/** Static attributes of one slice (UG579 Table 2-2); register counts are pipeline stages on that path. */
export interface Dsp48e2Attributes {
  readonly AREG: 0 | 1 | 2;
  readonly BREG: 0 | 1 | 2;
  readonly CREG: 0 | 1;
  readonly DREG: 0 | 1;
  readonly ADREG: 0 | 1;
  readonly MREG: 0 | 1;
  readonly PREG: 0 | 1;
  /** Route the pre-adder output AD to the multiplier (else A[26:0] goes straight in). */
  readonly USE_DPORT: boolean;
  readonly USE_MULT: "MULTIPLY" | "NONE";
  readonly USE_SIMD: SimdMode;
}

/** The fully pipelined MAC configuration (AREG = BREG = MREG = PREG = 1), no pre-adder. */
export const DSP48E2_MAC: Dsp48e2Attributes = { AREG: 1, BREG: 1, CREG: 1, DREG: 1, ADREG: 1, MREG: 1, PREG: 1, USE_DPORT: false, USE_MULT: "MULTIPLY", USE_SIMD: "ONE48" };
/** The pre-adder MAC (WP486 packing): A and D registered once, AD once, B twice to stay aligned, M and P. */
export const DSP48E2_PREADD_MAC: Dsp48e2Attributes = { AREG: 1, BREG: 2, CREG: 1, DREG: 1, ADREG: 1, MREG: 1, PREG: 1, USE_DPORT: true, USE_MULT: "MULTIPLY", USE_SIMD: "ONE48" };

/** OPMODE encodings (W[8:7] Z[6:4] Y[3:2] X[1:0], UG579 Tables 2-7..2-10) that MACs use. */
export const OPMODE = {
  /** P = M (X = Y = M, Z = 0). */
  M: 0b00_000_01_01,
  /** P = P + M (Z = P): the accumulator. */
  P_PLUS_M: 0b00_010_01_01,
  /** P = PCIN + M (Z = PCIN): a cascade stage. */
  PCIN_PLUS_M: 0b00_001_01_01,
  /** P = C + M (Z = C). */
  C_PLUS_M: 0b00_011_01_01,
  /** P = PCIN + M + P (W = P, Z = PCIN): a cascade tail that also accumulates. */
  PCIN_PLUS_M_PLUS_P: 0b01_001_01_01,
  /** P = C + A:B (Z = C, X = A:B): the ALU alone (SIMD adds). */
  C_PLUS_AB: 0b00_011_00_11,
  /** P = P + A:B: a SIMD accumulator. */
  P_PLUS_AB: 0b00_010_00_11,
} as const;

/** INMODE encodings (UG579 Table 2-6; INMODE[0] selects A1/A2 and INMODE[4] B1/B2, unused with one register). */
export const INMODE = {
  /** Multiplier takes A (D off). */
  A: 0b00000,
  /** AD = D + A. */
  D_PLUS_A: 0b00100,
  /** AD = D − A. */
  D_MINUS_A: 0b01100,
  /** AD = D (A gated off by INMODE[1]). */
  D: 0b00110,
} as const;

/** UG579 Table 2-6: the pre-adder. A27 = A[26:0]; INMODE[1] zeroes A, INMODE[2] enables D, INMODE[3] subtracts A. */
export function preAdder(a30: number, d27: number, inmode: number, useDport: boolean): number {
  const a27 = wrapSigned(a30, 27);
  const aSel = inmode & 0b10 ? 0 : a27;
  if (!useDport) return aSel;
  const dSel = inmode & 0b100 ? wrapSigned(d27, 27) : 0;
  return wrapSigned(inmode & 0b1000 ? dSel - aSel : dSel + aSel, 27);
}

/** The 27×18 two's-complement multiplier: a 45-bit product (exact in float64: |M| ≤ 2^26·2^17). */
export function multiply(ad27: number, b18: number): number {
  return wrapSigned(ad27, 27) * wrapSigned(b18, 18);
}

/** A:B, the 48-bit concatenation of A[29:0] and B[17:0] (X multiplexer input 11). */
export function concatAB(a30: number, b18: number): number {
  return wrapSigned(toUnsigned(a30, 30) * 2 ** 18 + toUnsigned(b18, 18), 48);
}

/** What the multiplexers may select in a cycle. */
export interface AluSources {
  readonly m: number;
  readonly p: number;
  readonly c: number;
  readonly pcin: number;
  readonly ab: number;
}

/** OPMODE → the W, X, Y, Z operands (UG579 Tables 2-7..2-10); throws on a selection the subset does not model. */
export function muxes(opmode: number, s: AluSources): { w: number; x: number; y: number; z: number } {
  const xs = opmode & 0b11;
  const ys = (opmode >> 2) & 0b11;
  const zs = (opmode >> 4) & 0b111;
  const ws = (opmode >> 7) & 0b11;
  if ((xs === 0b01) !== (ys === 0b01)) throw new RangeError(`OPMODE ${opmode.toString(2)}: the multiplier needs X = Y = 01 (UG579 Table 2-8)`);
  // M is the sum of the X and Y partial products; one full product in X and 0 in Y is the same sum.
  const x = xs === 0b00 ? 0 : xs === 0b01 ? s.m : xs === 0b10 ? s.p : s.ab;
  const y = ys === 0b00 || ys === 0b01 ? 0 : ys === 0b10 ? -1 /* all ones */ : s.c;
  let z: number;
  switch (zs) {
    case 0b000: z = 0; break;
    case 0b001: z = s.pcin; break;
    case 0b010: z = s.p; break;
    case 0b011: z = s.c; break;
    case 0b101: z = Math.floor(s.pcin / 2 ** 17); break; // PCIN >>> 17 (arithmetic)
    case 0b110: z = Math.floor(s.p / 2 ** 17); break;
    default: throw new RangeError(`OPMODE Z = ${zs.toString(2)} is not in the modelled subset (UG579 Table 2-9)`);
  }
  const w = ws === 0b00 ? 0 : ws === 0b01 ? s.p : ws === 0b11 ? s.c : NaN;
  if (Number.isNaN(w)) throw new RangeError("OPMODE W = 10 (RND) is not in the modelled subset");
  return { w, x, y, z };
}

/** The 48-bit ALU (UG579 Table 2-13, arithmetic modes), one 48-bit lane or SIMD lanes of 24 or 12 bits. */
export function alu(op: { w: number; x: number; y: number; z: number }, alumode: number, carryin: number, simd: SimdMode = "ONE48"): number {
  const lanes = simd === "ONE48" ? 1 : simd === "TWO24" ? 2 : 4;
  const lw = 48 / lanes;
  const lm = 2 ** lw;
  const u = (v: number) => toUnsigned(v, 48);
  const parts = [op.w, op.x, op.y, op.z].map(u);
  let out = 0;
  for (let l = 0; l < lanes; l++) {
    const sh = 2 ** (l * lw);
    const [w, x, y, z] = parts.map((v) => Math.floor(v / sh) % lm) as [number, number, number, number];
    // The carry-in enters lane 0 only (UG579: CARRYIN applies to the lowest lane in SIMD).
    const sum = w + x + y + (l === 0 ? carryin : 0);
    let r: number;
    switch (alumode) {
      case 0b0000: r = z + sum; break;
      case 0b0001: r = -z + sum - 1; break;
      case 0b0010: r = -(z + sum) - 1; break;
      case 0b0011: r = z - sum; break;
      default: throw new RangeError(`ALUMODE ${alumode.toString(2).padStart(4, "0")} (logic unit) is not in the modelled subset`);
    }
    out += toUnsigned(r, lw) * sh;
  }
  return wrapSigned(out, 48);
}

/** Per-cycle inputs of a slice. */
export interface Dsp48e2Inputs {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
  readonly pcin: number;
  readonly opmode: number;
  readonly alumode: number;
  readonly inmode: number;
  readonly carryin: number;
}

/** One combinational pass with every register bypassed: P = ALU(muxes(M, Pprev, ...)). */
export function dsp48e2Comb(attrs: Dsp48e2Attributes, i: Dsp48e2Inputs, pPrev: number): number {
  const ad = preAdder(i.a, i.d, i.inmode, attrs.USE_DPORT);
  const m = attrs.USE_MULT === "MULTIPLY" ? multiply(ad, i.b) : 0;
  return alu(muxes(i.opmode, { m, p: pPrev, c: wrapSigned(i.c, 48), pcin: i.pcin, ab: concatAB(i.a, i.b) }), i.alumode, i.carryin, attrs.USE_SIMD);
}

/** Cycles from an operand at the A/B/D ports to its product in M's input (registers on the multiplier path). */
export function multiplierInputLatency(attrs: Dsp48e2Attributes): number {
  return attrs.USE_DPORT ? Math.max(attrs.AREG, attrs.DREG) + attrs.ADREG : attrs.AREG;
}

/** Why an attribute set is not a legal or modelled configuration (UG579 rules), or null. */
export function checkAttributes(attrs: Dsp48e2Attributes): string | null {
  if (attrs.USE_SIMD !== "ONE48" && attrs.USE_MULT !== "NONE") return `USE_SIMD=${attrs.USE_SIMD} requires USE_MULT=NONE (UG579 SIMD mode)`;
  if (attrs.USE_DPORT && attrs.AREG !== attrs.DREG) return `USE_DPORT: AREG (${attrs.AREG}) and DREG (${attrs.DREG}) must match so A and D reach the pre-adder together`;
  if (attrs.USE_MULT === "MULTIPLY" && attrs.BREG !== multiplierInputLatency(attrs)) {
    return `BREG=${attrs.BREG} but the A/D path has ${multiplierInputLatency(attrs)} registers: A·B would multiply operands of different cycles`;
  }
  return null;
}

/** Ports of the slice module. */
export interface Dsp48e2Ports {
  readonly a: Input<number>;
  readonly b: Input<number>;
  readonly c: Input<number>;
  readonly d: Input<number>;
  readonly pcin: Input<number>;
  readonly opmode: Input<number>;
  readonly alumode: Input<number>;
  readonly inmode: Input<number>;
  readonly carryin: Input<number>;
  /** P (a register when PREG = 1, else a wire); PCOUT is the same signal. */
  readonly p: Signal<number>;
  readonly pcout: Signal<number>;
}

/**
 * The DSP48E2 slice as an engine module: input registers (A1/A2, B1/B2, C, D), AD, M and P, each present when
 * its attribute says so. Counts `dsp-mac` per cycle the multiplier feeds the ALU, and `register-write` per
 * register written.
 */
export const dsp48e2 = defineModule("dsp48e2", (m, attrs: Dsp48e2Attributes): Dsp48e2Ports => {
  const bad = checkAttributes(attrs);
  if (bad) throw new RangeError(`DSP48E2: ${bad}`);
  const a = m.input("a", { widthBits: 30 });
  const b = m.input("b", { widthBits: 18 });
  const c = m.input("c", { widthBits: 48 });
  const d = m.input("d", { widthBits: 27 });
  const pcin = m.input("pcin", { widthBits: 48 });
  const opmode = m.input("opmode", { widthBits: 9 });
  const alumode = m.input("alumode", { widthBits: 4 });
  const inmode = m.input("inmode", { widthBits: 5 });
  const carryin = m.input("carryin", { widthBits: 1 });
  const aRegs: Reg<number>[] = Array.from({ length: attrs.AREG }, (_, i) => m.reg(`a${i + 1}`, { widthBits: 30 }));
  const bRegs: Reg<number>[] = Array.from({ length: attrs.BREG }, (_, i) => m.reg(`b${i + 1}`, { widthBits: 18 }));
  const cReg = attrs.CREG ? m.reg("creg", { widthBits: 48 }) : null;
  const dReg = attrs.DREG ? m.reg("dreg", { widthBits: 27 }) : null;
  const adReg = attrs.ADREG && attrs.USE_DPORT ? m.reg("ad", { widthBits: 27 }) : null;
  const mReg = attrs.MREG ? m.reg("m", { widthBits: 45 }) : null;
  const p: Reg<number> | Wire<number> = attrs.PREG ? m.reg("p", { widthBits: 48 }) : m.wire("p", { widthBits: 48 });
  const macAction = m.action("dsp-mac");
  const regWrite = m.action("register-write");
  const nRegs = aRegs.length + bRegs.length + (cReg ? 1 : 0) + (dReg ? 1 : 0) + (adReg ? 1 : 0) + (mReg ? 1 : 0) + (attrs.PREG ? 1 : 0);
  m.step((s) => {
    const aIn = s.get(a);
    const bIn = s.get(b);
    const aStage = aRegs.length ? s.get(aRegs[aRegs.length - 1]!) : aIn;
    const bStage = bRegs.length ? s.get(bRegs[bRegs.length - 1]!) : bIn;
    const cStage = cReg ? s.get(cReg) : s.get(c);
    const dStage = dReg ? s.get(dReg) : s.get(d);
    const im = s.get(inmode);
    const adOut = preAdder(aStage, dStage, im, attrs.USE_DPORT);
    const adStage = adReg ? s.get(adReg) : adOut;
    const mOut = attrs.USE_MULT === "MULTIPLY" ? multiply(adStage, bStage) : 0;
    const mStage = mReg ? s.get(mReg) : mOut;
    const om = s.get(opmode);
    const pPrev = attrs.PREG ? s.get(p) : 0;
    if (!attrs.PREG && (((om >> 4) & 0b111) === 0b010 || (om & 0b11) === 0b10 || ((om >> 7) & 0b11) === 0b01)) {
      throw new RangeError("OPMODE selects P as an ALU input, which needs PREG = 1 (UG579)");
    }
    const out = alu(muxes(om, { m: mStage, p: pPrev, c: wrapSigned(cStage, 48), pcin: s.get(pcin), ab: concatAB(aStage, bStage) }), s.get(alumode), s.get(carryin), attrs.USE_SIMD);
    if (attrs.PREG) s.next(p as Reg<number>, out);
    else s.drive(p as Wire<number>, out);
    for (let i = aRegs.length - 1; i > 0; i--) s.next(aRegs[i]!, s.get(aRegs[i - 1]!));
    if (aRegs.length) s.next(aRegs[0]!, aIn);
    for (let i = bRegs.length - 1; i > 0; i--) s.next(bRegs[i]!, s.get(bRegs[i - 1]!));
    if (bRegs.length) s.next(bRegs[0]!, bIn);
    if (cReg) s.next(cReg, s.get(c));
    if (dReg) s.next(dReg, s.get(d));
    if (adReg) s.next(adReg, adOut);
    if (mReg) s.next(mReg, mOut);
    if (attrs.USE_MULT === "MULTIPLY" && (om & 0b11) === 0b01) s.count(macAction);
    s.count(regWrite, nRegs);
  });
  return { a, b, c, d, pcin, opmode, alumode, inmode, carryin, p, pcout: p };
});

/** A cascaded chain of `length` slices: slice 0 starts from 0 (or accumulates into its P), slice i adds PCIN. */
export interface Dsp48e2ChainParams {
  readonly length: number;
  readonly attrs: Dsp48e2Attributes;
  /** Pre-adder packing: drive D and A together (AD = D + A). */
  readonly preadd?: boolean;
}

export interface Dsp48e2ChainPorts {
  readonly a: Input<number>[];
  readonly b: Input<number>[];
  readonly d: Input<number>[];
  readonly slices: Dsp48e2Ports[];
  /** The last slice's P: the chain's result. */
  readonly p: Signal<number>;
}

/**
 * A systolic dot-product chain (UG579 "Adder Cascade"/systolic FIR form): slice i computes PCIN + A_i·B_i and
 * passes P to slice i+1 through PCOUT→PCIN. Operand i must arrive i cycles after operand 0 (the caller skews).
 */
export const dsp48e2Chain = defineModule("dsp48e2-chain", (m, p: Dsp48e2ChainParams): Dsp48e2ChainPorts => {
  if (!p.attrs.PREG) throw new RangeError("a systolic PCOUT→PCIN chain needs PREG = 1 in every slice");
  const a: Input<number>[] = [];
  const b: Input<number>[] = [];
  const d: Input<number>[] = [];
  const slices: Dsp48e2Ports[] = [];
  const zero48 = m.constant("zero48", { widthBits: 48 }, 0);
  const zero1 = m.constant("zero1", { widthBits: 1 }, 0);
  const alum = m.constant("alumode_add", { widthBits: 4 }, 0);
  const inm = m.constant("inmode", { widthBits: 5 }, p.preadd ? INMODE.D_PLUS_A : INMODE.A);
  const op0 = m.constant("opmode_first", { widthBits: 9 }, OPMODE.M);
  const opi = m.constant("opmode_cascade", { widthBits: 9 }, OPMODE.PCIN_PLUS_M);
  for (let i = 0; i < p.length; i++) {
    a.push(m.input(`a_${i}`, { widthBits: 30 }));
    b.push(m.input(`b_${i}`, { widthBits: 18 }));
    d.push(m.input(`d_${i}`, { widthBits: 27 }));
    const s = m.instance(`dsp_${i}`, dsp48e2, p.attrs);
    m.connect(s.a, a[i]!);
    m.connect(s.b, b[i]!);
    m.connect(s.d, d[i]!);
    m.connect(s.c, zero48);
    m.connect(s.carryin, zero1);
    m.connect(s.alumode, alum);
    m.connect(s.inmode, inm);
    m.connect(s.opmode, i === 0 ? op0 : opi);
    m.connect(s.pcin, i === 0 ? zero48 : slices[i - 1]!.pcout);
    slices.push(s);
  }
  return { a, b, d, slices, p: slices[p.length - 1]!.p };
});

/** Cycles from operand 0 at the ports to the chain's result in the last P register (the closed form). */
export function chainLatencyCycles(attrs: Dsp48e2Attributes, length: number): number {
  return multiplierInputLatency(attrs) + attrs.MREG + attrs.PREG + (length - 1);
}

/** One operand triple per slice: multiplier A-side (A, and D when pre-adding) and B. */
export interface ChainOperands {
  readonly a: readonly number[];
  readonly b: readonly number[];
  readonly d?: readonly number[];
}

/**
 * Run a chain in the clocked engine: operand i is presented at cycle i (held otherwise at 0), and the result is
 * read when it first appears in the last P register. Returns P, the cycles stepped and the engine's action totals.
 */
export function runDsp48e2Chain(attrs: Dsp48e2Attributes, ops: ChainOperands): { p: number; cycles: number; actions: Record<string, number> } {
  const n = ops.a.length;
  const sim = elaborate(dsp48e2Chain, { length: n, attrs, preadd: ops.d !== undefined });
  const lat = chainLatencyCycles(attrs, n);
  for (let t = 0; t < lat; t++) {
    for (let i = 0; i < n; i++) {
      const live = t === i;
      sim.poke(sim.top.a[i]!, live ? ops.a[i]! : 0);
      sim.poke(sim.top.b[i]!, live ? ops.b[i]! : 0);
      sim.poke(sim.top.d[i]!, live && ops.d ? ops.d[i]! : 0);
    }
    sim.step();
  }
  return { p: sim.peek(sim.top.p), cycles: lat, actions: sim.actionTotals() };
}

/**
 * The chain's fast path: P = Σ AD_i·B_i wrapped to 48 bits, at `chainLatencyCycles`. Tests prove it equal to the
 * engine run, bit for bit and cycle for cycle.
 */
export function dsp48e2ChainFast(attrs: Dsp48e2Attributes, ops: ChainOperands): { p: number; cycles: number } {
  let p = 0;
  for (let i = 0; i < ops.a.length; i++) {
    const ad = preAdder(ops.a[i]!, ops.d?.[i] ?? 0, ops.d ? INMODE.D_PLUS_A : INMODE.A, attrs.USE_DPORT);
    p = wrapSigned(p + multiply(ad, ops.b[i]!), 48);
  }
  return { p, cycles: chainLatencyCycles(attrs, ops.a.length) };
}

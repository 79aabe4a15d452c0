import type { IsaUnit } from "./unit.js";
import { imm, reg } from "./unit.js";
import { pack, ror32, sfield, ssat, ufield, usat, wrap } from "./bits.js";

/**
 * ARMv7E-M DSP extension instructions (ARMv7-M Architecture Reference Manual, ARM DDI 0403E.e, §A7.7, each
 * instruction's Operation pseudocode). Sums are formed in infinite precision (JS numbers hold them exactly),
 * wrapped to the register width, and the sticky Q flag is set where the pseudocode says so.
 */
const ARMV7M = "ARM DDI 0403E.e (ARMv7-M ARM) §A7.7";
const n = (x: bigint): number => Number(x);
const r = (x: number): bigint => BigInt(x);

/** SMLAD/SMUAD family: product1 + product2 (+ Ra), Q set when the exact result does not fit 32 bits. */
function dual(name: string, exchange: boolean, accumulate: boolean): IsaUnit {
  return {
    name,
    family: "armv7e-m-dsp",
    inputs: accumulate ? [reg("rn"), reg("rm"), reg("ra")] : [reg("rn"), reg("rm")],
    outputs: [reg("rd")],
    flags: ["q"],
    source: `${ARMV7M} ${name.toUpperCase()}: product1 = SInt(Rn<15:0>)·SInt(op2<15:0>), product2 = SInt(Rn<31:16>)·SInt(op2<31:16>), op2 = ${exchange ? "ROR(Rm,16)" : "Rm"}; result = product1 + product2${accumulate ? " + SInt(Ra)" : ""}; Q if result ≠ SInt(result<31:0>)`,
    exec(x, q) {
      const rn = n(x["rn"]!);
      const op2 = exchange ? ror32(n(x["rm"]!), 16) : n(x["rm"]!);
      const result = sfield(rn, 0, 16) * sfield(op2, 0, 16) + sfield(rn, 16, 16) * sfield(op2, 16, 16) + (accumulate ? sfield(n(x["ra"]!), 0, 32) : 0);
      const fits = result >= -(2 ** 31) && result < 2 ** 31;
      return { outputs: { rd: r(wrap(result, 32)) }, q: q || !fits };
    },
  };
}

/** SMLALD/SMLALDX: 64-bit accumulate into RdHi:RdLo, wrapping; no flags. */
function dualLong(name: string, exchange: boolean): IsaUnit {
  return {
    name,
    family: "armv7e-m-dsp",
    inputs: [reg("rn"), reg("rm"), reg("rdlo"), reg("rdhi")],
    outputs: [reg("rdlo"), reg("rdhi")],
    flags: [],
    source: `${ARMV7M} ${name.toUpperCase()}: result = product1 + product2 + SInt(RdHi:RdLo); RdHi:RdLo = result<63:0> (no flags)`,
    exec(x, q) {
      const rn = n(x["rn"]!);
      const op2 = exchange ? ror32(n(x["rm"]!), 16) : n(x["rm"]!);
      const prod = BigInt(sfield(rn, 0, 16) * sfield(op2, 0, 16) + sfield(rn, 16, 16) * sfield(op2, 16, 16));
      const acc = BigInt.asIntN(64, (x["rdhi"]! << 32n) | x["rdlo"]!);
      const result = BigInt.asUintN(64, acc + prod);
      return { outputs: { rdlo: result & 0xffffffffn, rdhi: result >> 32n }, q };
    },
  };
}

const ROR = imm("ror", [0, 24], { values: [0, 8, 16, 24], default: 0n });

/** SXTB16 / SXTAB16: sign-extend bytes 0 and 2 of ROR(Rm, rotation) to halfwords (SXTAB16 adds Rn's halfwords). */
function sxtb16(add: boolean): IsaUnit {
  const name = add ? "sxtab16" : "sxtb16";
  return {
    name,
    family: "armv7e-m-dsp",
    inputs: add ? [reg("rn"), reg("rm"), ROR] : [reg("rm"), ROR],
    outputs: [reg("rd")],
    flags: [],
    source: `${ARMV7M} ${name.toUpperCase()}: rotated = ROR(Rm, rotation); Rd<15:0> = ${add ? "Rn<15:0> + " : ""}SignExtend(rotated<7:0>), Rd<31:16> = ${add ? "Rn<31:16> + " : ""}SignExtend(rotated<23:16>)`,
    exec(x, q) {
      const rot = ror32(n(x["rm"]!), n(x["ror"] ?? 0n));
      let lo = sfield(rot, 0, 8);
      let hi = sfield(rot, 16, 8);
      if (add) {
        lo += ufield(n(x["rn"]!), 0, 16);
        hi += ufield(n(x["rn"]!), 16, 16);
      }
      return { outputs: { rd: r(pack([lo, hi], 16)) }, q };
    },
  };
}

/** SSAT/USAT Rd, #sat, Rn (shift 0): signed/unsigned saturation, Q set when it saturates. */
function sat(signed: boolean): IsaUnit {
  const name = signed ? "ssat" : "usat";
  return {
    name,
    family: "armv7e-m-dsp",
    inputs: [reg("rn"), signed ? imm("sat", [1, 32]) : imm("sat", [0, 31])],
    outputs: [reg("rd")],
    flags: ["q"],
    source: `${ARMV7M} ${name.toUpperCase()}: (result, sat) = ${signed ? "SignedSatQ" : "UnsignedSatQ"}(SInt(Rn), saturate_to); Q if sat (shift #0 form)`,
    exec(x, q) {
      const v = sfield(n(x["rn"]!), 0, 32);
      const s = signed ? ssat(v, n(x["sat"]!)) : usat(v, n(x["sat"]!));
      return { outputs: { rd: r(wrap(s.value, 32)) }, q: q || s.sat };
    },
  };
}

/** QADD/QSUB: 32-bit signed saturating add/subtract of Rm and Rn, Q set when it saturates. */
function q32(sub: boolean): IsaUnit {
  const name = sub ? "qsub" : "qadd";
  return {
    name,
    family: "armv7e-m-dsp",
    inputs: [reg("rm"), reg("rn")],
    outputs: [reg("rd")],
    flags: ["q"],
    source: `${ARMV7M} ${name.toUpperCase()}: (Rd, sat) = SignedSatQ(SInt(Rm) ${sub ? "−" : "+"} SInt(Rn), 32); Q if sat`,
    exec(x, q) {
      const a = sfield(n(x["rm"]!), 0, 32);
      const b = sfield(n(x["rn"]!), 0, 32);
      const s = ssat(sub ? a - b : a + b, 32);
      return { outputs: { rd: r(wrap(s.value, 32)) }, q: q || s.sat };
    },
  };
}

/** QADD16/QADD8: lane-wise signed saturating add of Rn and Rm; the Q flag is not affected. */
function qaddLanes(bits: 8 | 16): IsaUnit {
  const name = `qadd${bits}`;
  return {
    name,
    family: "armv7e-m-dsp",
    inputs: [reg("rn"), reg("rm")],
    outputs: [reg("rd")],
    flags: [],
    source: `${ARMV7M} ${name.toUpperCase()}: each ${bits}-bit lane SignedSat(SInt(Rn lane) + SInt(Rm lane), ${bits}); APSR.Q unchanged`,
    exec(x, q) {
      const a = n(x["rn"]!);
      const b = n(x["rm"]!);
      const lanes = [];
      for (let i = 0; i < 32 / bits; i++) lanes.push(ssat(sfield(a, i * bits, bits) + sfield(b, i * bits, bits), bits).value);
      return { outputs: { rd: r(pack(lanes, bits)) }, q };
    },
  };
}

/** Base ALU/multiply instructions the kernels use (ARMv7-M §A7.7 ADD, SUB, MUL, MLA, SBFX). */
function alu(name: string, inputs: readonly string[], f: (v: number[]) => number, what: string): IsaUnit {
  return {
    name,
    family: "armv7e-m-dsp",
    inputs: inputs.map((i) => (i === "#width" ? imm("width", [1, 32]) : i.startsWith("#") ? imm(i.slice(1), [0, 31]) : reg(i))),
    outputs: [reg("rd")],
    flags: [],
    source: `${ARMV7M} ${name.toUpperCase()}: ${what} (flags not set)`,
    exec(x, q) {
      const v = inputs.map((i) => n(x[i.replace("#", "")]!));
      return { outputs: { rd: r(wrap(f(v), 32)) }, q };
    },
  };
}

export const ARM_DSP_UNITS: readonly IsaUnit[] = [
  dual("smlad", false, true),
  dual("smladx", true, true),
  dual("smuad", false, false),
  dual("smuadx", true, false),
  dualLong("smlald", false),
  dualLong("smlaldx", true),
  sxtb16(false),
  sxtb16(true),
  sat(true),
  sat(false),
  q32(false),
  q32(true),
  qaddLanes(16),
  qaddLanes(8),
  alu("add", ["rn", "rm"], ([a, b]) => a! + b!, "Rd = Rn + Rm"),
  alu("sub", ["rn", "rm"], ([a, b]) => a! - b!, "Rd = Rn − Rm"),
  alu("mul", ["rn", "rm"], ([a, b]) => Number((BigInt(a!) * BigInt(b!)) & 0xffffffffn), "Rd = (Rn·Rm)<31:0>"),
  alu("mla", ["rn", "rm", "ra"], ([a, b, c]) => Number((BigInt(a!) * BigInt(b!) + BigInt(c!)) & 0xffffffffn), "Rd = (Rn·Rm + Ra)<31:0>"),
  alu("sbfx", ["rn", "#lsb", "#width"], ([a, lsb, w]) => sfield(a!, lsb!, Math.min(w!, 32 - lsb!)), "Rd = SignExtend(Rn<lsb+width−1:lsb>)"),
  // Used by the int4 unpacking (CMSIS-NN read_and_pad_s4): ORR with an LSL-shifted register operand, LSL, ROR.
  alu("orr", ["rn", "rm", "#lsl"], ([a, b, s]) => (a! | (b! << s!)) >>> 0, "Rd = Rn OR LSL(Rm, shift) (shifted-register operand, §A7.4.2)"),
  alu("lsl", ["rm", "#imm"], ([a, s]) => (a! << s!) >>> 0, "Rd = LSL(Rm, imm)"),
  alu("ror", ["rm", "#imm"], ([a, s]) => ror32(a!, s!), "Rd = ROR(Rm, imm)"),
];

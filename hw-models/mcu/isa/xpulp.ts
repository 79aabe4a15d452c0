import type { IsaFamily, IsaUnit, OperandSpec } from "./unit.js";
import { imm, reg } from "./unit.js";
import { sfield, ufield, wrap } from "./bits.js";

/**
 * RISC-V PULP SIMD dot products: XpulpV2 (CV32E40P user manual v1.x, "CORE-V SIMD" §: cv.dot* and cv.sdot*,
 * formerly pv.*) on bytes and halfwords, and the XpulpNN nibble (.n) and crumb (.c) forms (Garofalo et al.,
 * "XpulpNN: accelerating quantized neural networks on RISC-V processors through ISA extensions", DATE 2020,
 * Table I). rD = [rD +] Σ_i op(rs1[i]) · op(rs2[i]) mod 2^32: no saturation, no flags.
 * `.sc` uses rs2's lane 0 in every lane; `.sci` an Imm6 (sign-extended for signed rs2, zero-extended for unsigned).
 */
const CV32E40P = "CV32E40P User Manual (OpenHW) §CORE-V SIMD, dot product instructions";
const XPULPNN = "Garofalo et al., XpulpNN, DATE 2020, Table I (nibble/crumb SIMD dot products)";

export type DotSign = "sp" | "up" | "usp";
export type LaneSuffix = "b" | "h" | "n" | "c";
export type DotMode = "vv" | "sc" | "sci";

export const LANE_BITS: Record<LaneSuffix, number> = { h: 16, b: 8, n: 4, c: 2 };

/** The dot-product unit `pv.[s]dot{sp,up,usp}.[sc.|sci.]{h,b,n,c}`. */
export function pulpDot(sign: DotSign, lane: LaneSuffix, mode: DotMode, accumulate: boolean): IsaUnit {
  const bits = LANE_BITS[lane];
  const lanes = 32 / bits;
  const name = `pv.${accumulate ? "s" : ""}dot${sign}.${mode === "vv" ? "" : mode + "."}${lane}`;
  const s1Signed = sign === "sp";
  const s2Signed = sign !== "up";
  const inputs: OperandSpec[] = [...(accumulate ? [reg("rd")] : []), reg("rs1"), mode === "sci" ? imm("imm6", [0, 63]) : reg("rs2")];
  const family: IsaFamily = bits >= 8 ? "xpulpv2" : "xpulpnn";
  return {
    name,
    family,
    inputs,
    outputs: [reg("rd")],
    flags: [],
    source: `${bits >= 8 ? CV32E40P : XPULPNN}: rD = ${accumulate ? "rD + " : ""}Σ_{i<${lanes}} ${s1Signed ? "S" : "Z"}ext(rs1[i])·${s2Signed ? "S" : "Z"}ext(${mode === "vv" ? "rs2[i]" : mode === "sc" ? "rs2[0]" : "Imm6"}) mod 2^32`,
    exec(x, q) {
      const a = Number(x["rs1"]!);
      const b = mode === "sci" ? Number(x["imm6"]!) : Number(x["rs2"]!);
      const bBits = mode === "sci" ? 6 : bits;
      let sum = accumulate ? Number(x["rd"]!) : 0;
      for (let i = 0; i < lanes; i++) {
        const ai = s1Signed ? sfield(a, i * bits, bits) : ufield(a, i * bits, bits);
        const at = mode === "vv" ? i * bits : 0;
        const bi = s2Signed ? sfield(b, at, bBits) : ufield(b, at, bBits);
        sum += ai * bi;
      }
      return { outputs: { rd: BigInt(wrap(sum, 32)) }, q };
    },
  };
}

/** Every XpulpV2 (.h, .b) or XpulpNN (.n, .c) dot product form. */
export function pulpDotUnits(lanesOf: readonly LaneSuffix[]): IsaUnit[] {
  const out: IsaUnit[] = [];
  for (const accumulate of [true, false])
    for (const sign of ["sp", "up", "usp"] as const)
      for (const mode of ["vv", "sc", "sci"] as const) for (const lane of lanesOf) out.push(pulpDot(sign, lane, mode, accumulate));
  return out;
}

/** RV32IM / CORE-V base instructions the kernels use (RISC-V unprivileged ISA v20191213 §2.4, §7.1; cv.mac). */
function base(name: string, inputs: readonly OperandSpec[], f: (v: number[]) => number, what: string, family: IsaFamily = "rv32"): IsaUnit {
  return {
    name,
    family,
    inputs,
    outputs: [reg("rd")],
    flags: [],
    source: `${family === "rv32" ? "RISC-V unprivileged ISA 20191213 §2.4/§7.1" : CV32E40P}: ${what}`,
    exec(x, q) {
      return { outputs: { rd: BigInt(wrap(f(inputs.map((i) => Number(x[i.name]!))), 32)) }, q };
    },
  };
}
const mul32 = (a: number, b: number) => Number((BigInt(a) * BigInt(b)) & 0xffffffffn);

export const RV32_UNITS: readonly IsaUnit[] = [
  base("add", [reg("rs1"), reg("rs2")], ([a, b]) => a! + b!, "rd = rs1 + rs2"),
  base("addi", [reg("rs1"), imm("imm12", [0, 4095])], ([a, b]) => a! + sfield(b!, 0, 12), "rd = rs1 + Sext(imm12)"),
  base("mul", [reg("rs1"), reg("rs2")], ([a, b]) => mul32(a!, b!), "rd = (rs1·rs2)<31:0>"),
  base("srai", [reg("rs1"), imm("shamt", [0, 31])], ([a, s]) => Math.floor(sfield(a!, 0, 32) / 2 ** s!), "rd = rs1 >>s shamt"),
  base("slli", [reg("rs1"), imm("shamt", [0, 31])], ([a, s]) => a! * 2 ** s!, "rd = rs1 << shamt"),
  base("cv.mac", [reg("rd"), reg("rs1"), reg("rs2")], ([d, a, b]) => mul32(a!, b!) + d!, "rD = rD + rs1·rs2 (mod 2^32)", "xpulpv2"),
];

/** XpulpV2 SIMD shifts and packing used to unpack sub-byte operands and to broadcast halfwords (CV32E40P manual, SIMD ALU). */
function simdShift(name: string, arithmetic: boolean, left: boolean): IsaUnit {
  return {
    name,
    family: "xpulpv2",
    inputs: [reg("rs1"), imm("imm", [0, 7])],
    outputs: [reg("rd")],
    flags: [],
    source: `${CV32E40P}: ${name}: each byte of rs1 ${left ? "<<" : arithmetic ? ">>s" : ">>u"} Imm (bits shifted out of a byte are lost)`,
    exec(x, q) {
      const a = Number(x["rs1"]!);
      const s = Number(x["imm"]!);
      let v = 0;
      for (let i = 3; i >= 0; i--) {
        const b = left ? (ufield(a, i * 8, 8) << s) & 0xff : arithmetic ? wrap(sfield(a, i * 8, 8) >> s, 8) : ufield(a, i * 8, 8) >>> s;
        v = v * 256 + b;
      }
      return { outputs: { rd: BigInt(v) }, q };
    },
  };
}

/** cv.packlo.b / cv.packhi.b: two bytes into the low (or high) half of rD, the other half of rD kept. */
function packBytes(high: boolean): IsaUnit {
  const name = `pv.pack${high ? "hi" : "lo"}.b`;
  const at = high ? 16n : 0n;
  return {
    name,
    family: "xpulpv2",
    inputs: [reg("rd"), reg("rs1"), reg("rs2")],
    outputs: [reg("rd")],
    flags: [],
    source: `${CV32E40P}: cv.pack${high ? "hi" : "lo"}.b: rD[${high ? "31:16" : "15:0"}] = {rs1[7:0], rs2[7:0]}, rD[${high ? "15:0" : "31:16"}] unchanged`,
    exec(x, q) {
      const half = (((x["rs1"]! & 0xffn) << 8n) | (x["rs2"]! & 0xffn)) << at;
      return { outputs: { rd: (x["rd"]! & ~(0xffffn << at) & 0xffffffffn) | half }, q };
    },
  };
}

export const XPULP_SIMD_UNITS: readonly IsaUnit[] = [
  simdShift("pv.sll.sci.b", false, true),
  simdShift("pv.sra.sci.b", true, false),
  {
    name: "p.extract",
    family: "xpulpv2",
    inputs: [reg("rs1"), imm("is3", [0, 31]), imm("is2", [0, 31])],
    outputs: [reg("rd")],
    flags: [],
    source: `${CV32E40P} (bit manipulation): cv.extract (XpulpV2 p.extract) rD, rs1, Is3, Is2: rD = Sext(rs1[min(Is3+Is2, 31):Is2])`,
    exec(x, q) {
      const lsb = Number(x["is2"]!);
      const bits = Math.min(Number(x["is3"]!) + lsb, 31) - lsb + 1;
      return { outputs: { rd: BigInt(wrap(sfield(Number(x["rs1"]!), lsb, bits), 32)) }, q };
    },
  },
  packBytes(false),
  packBytes(true),
  {
    name: "pv.pack",
    family: "xpulpv2",
    inputs: [reg("rs1"), reg("rs2")],
    outputs: [reg("rd")],
    flags: [],
    source: `${CV32E40P}: cv.pack: rD[31:16] = rs1[15:0], rD[15:0] = rs2[15:0]`,
    exec: (x, q) => ({ outputs: { rd: ((x["rs1"]! & 0xffffn) << 16n) | (x["rs2"]! & 0xffffn) }, q }),
  },
  {
    name: "pv.pack.h",
    family: "xpulpv2",
    inputs: [reg("rs1"), reg("rs2")],
    outputs: [reg("rd")],
    flags: [],
    source: `${CV32E40P}: cv.pack.h: rD[31:16] = rs1[31:16], rD[15:0] = rs2[31:16]`,
    exec: (x, q) => ({ outputs: { rd: (x["rs1"]! & 0xffff0000n) | ((x["rs2"]! >> 16n) & 0xffffn) }, q }),
  },
];

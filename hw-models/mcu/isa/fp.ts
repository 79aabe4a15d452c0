import type { FloatFormat } from "../../../sim/numerics/formats/format.js";
import { lookupScalar } from "../../../sim/numerics/formats/registry.js";
import { fma } from "../../../sim/numerics/ops/fma.js";
import { mul } from "../../../sim/numerics/ops/mul.js";
import { add } from "../../../sim/numerics/ops/add.js";
import { convert } from "../../../sim/numerics/codec.js";
import type { IsaFamily, IsaUnit } from "./unit.js";
import { reg } from "./unit.js";
import { lanesOf, packLanes } from "./lanes.js";

/**
 * Floating-point instructions of the MCU kernels, each rounding once (or twice, for the unfused forms) through
 * sim/numerics round-to-nearest-even (the reset rounding mode of FPSCR and of RISC-V frm). NaN results are
 * sim/numerics' canonical quiet NaN (ARM default-NaN mode, RISC-V canonical NaN §11.3); ARM's NaN-propagation
 * with FPSCR.DN = 0 is not modelled. Subnormals are kept (FPSCR.FZ = 0).
 */
function fmt(id: string): FloatFormat {
  const r = lookupScalar(id);
  if (!r.ok || r.format.kind !== "float") throw new Error(`mcu fp: unknown float format ${id}`);
  return r.format;
}
export const FP16 = fmt("fp16");
export const FP32 = fmt("fp32");

export type FpOp = "fma" | "mla" | "mul" | "add";

/** One lane operation on codes of `f`: fma = round(a·b + c); mla = round(c + round(a·b)) (ARM VMLA, chained). */
export function fpLane(op: FpOp, f: FloatFormat, a: bigint, b: bigint, c: bigint): bigint {
  switch (op) {
    case "fma":
      return fma(f, a, b, c).code;
    case "mla":
      return add(f, c, f, mul(f, a, f, b, f).code, f).code;
    case "mul":
      return mul(f, a, f, b, f).code;
    case "add":
      return add(f, a, f, b, f).code;
  }
}

/**
 * A lane-wise float unit: `rd`/`qda` = op(rs1, rs2, rd) on each lane. `acc` names the accumulator input (rd for
 * RISC-V, sd/qda for Arm), `a`, `b` the multiplicands.
 */
export function fpUnit(name: string, family: IsaFamily, op: FpOp, f: FloatFormat, regBits: number, names: { a: string; b: string; acc?: string; out: string }, source: string): IsaUnit {
  const laneBits = f.bits;
  const count = regBits / laneBits;
  const inputs = [reg(names.a, regBits), reg(names.b, regBits), ...(names.acc ? [reg(names.acc, regBits)] : [])];
  return {
    name,
    family,
    inputs,
    outputs: [reg(names.out, regBits)],
    flags: [],
    source,
    exec(x, q) {
      const a = lanesOf(x[names.a]!, laneBits, count);
      const b = lanesOf(x[names.b]!, laneBits, count);
      const c = names.acc ? lanesOf(x[names.acc]!, laneBits, count) : a.map(() => 0n);
      return { outputs: { [names.out]: packLanes(a.map((ai, i) => fpLane(op, f, ai, b[i]!, c[i]!)), laneBits) }, q };
    },
  };
}

const RVF = "RISC-V unprivileged ISA 20191213 §11.6 (F: fmadd.s fused, one rounding; fmul.s, fadd.s)";
const PULP_FP = "FPnew/PULP smallFloat SIMD (Mach et al., IEEE TVLSI 2021 §III; PULP 'Xf16/Xfvec' vfmac.h: lane-wise fused multiply-add)";
const ARM_FP = "ARM DDI 0403E.e §A7.7: VFMA.F32 (fused, one rounding), VMLA.F32 (product rounded, then sum rounded), FPv4-SP";

export const PULP_FP_UNITS: readonly IsaUnit[] = [
  fpUnit("fmadd.s", "pulp-fp", "fma", FP32, 32, { a: "rs1", b: "rs2", acc: "rs3", out: "rd" }, `${RVF}: rd = round(rs1·rs2 + rs3)`),
  fpUnit("fmul.s", "pulp-fp", "mul", FP32, 32, { a: "rs1", b: "rs2", out: "rd" }, `${RVF}: rd = round(rs1·rs2)`),
  fpUnit("fadd.s", "pulp-fp", "add", FP32, 32, { a: "rs1", b: "rs2", out: "rd" }, `${RVF}: rd = round(rs1 + rs2)`),
  fpUnit("vfmac.h", "pulp-fp", "fma", FP16, 32, { a: "rs1", b: "rs2", acc: "rd", out: "rd" }, `${PULP_FP}: rd.h[i] = round16(rs1.h[i]·rs2.h[i] + rd.h[i])`),
  fpUnit("vfmul.h", "pulp-fp", "mul", FP16, 32, { a: "rs1", b: "rs2", out: "rd" }, `${PULP_FP}: rd.h[i] = round16(rs1.h[i]·rs2.h[i])`),
  fpUnit("vfadd.h", "pulp-fp", "add", FP16, 32, { a: "rs1", b: "rs2", out: "rd" }, `${PULP_FP}: rd.h[i] = round16(rs1.h[i] + rs2.h[i])`),
];

export const ARM_FP_UNITS: readonly IsaUnit[] = [
  fpUnit("vfma.f32", "arm-fp", "fma", FP32, 32, { a: "sn", b: "sm", acc: "sd", out: "sd" }, `${ARM_FP}: Sd = round(Sd + Sn·Sm)`),
  fpUnit("vmla.f32", "arm-fp", "mla", FP32, 32, { a: "sn", b: "sm", acc: "sd", out: "sd" }, `${ARM_FP}: Sd = round(Sd + round(Sn·Sm))`),
  {
    name: "vmov",
    family: "arm-fp",
    inputs: [reg("rt")],
    outputs: [reg("sn")],
    flags: [],
    source: "ARM DDI 0403E.e §A7.7 VMOV (between an ARM core register and a single-precision register): Sn = Rt (bit copy)",
    exec(x, q) {
      return { outputs: { sn: x["rt"]! & 0xffffffffn }, q };
    },
  },
  {
    name: "vcvtb.f32.f16",
    family: "arm-fp",
    inputs: [reg("sm")],
    outputs: [reg("sd")],
    flags: [],
    source: "ARM DDI 0403E.e §A7.7 VCVTB: Sd = fp32(Sm<15:0> as fp16) (exact widening)",
    exec(x, q) {
      return { outputs: { sd: convert(FP16, FP32, x["sm"]! & 0xffffn).code }, q };
    },
  },
  {
    name: "vcvtt.f32.f16",
    family: "arm-fp",
    inputs: [reg("sm")],
    outputs: [reg("sd")],
    flags: [],
    source: "ARM DDI 0403E.e §A7.7 VCVTT: Sd = fp32(Sm<31:16> as fp16) (exact widening)",
    exec(x, q) {
      return { outputs: { sd: convert(FP16, FP32, (x["sm"]! >> 16n) & 0xffffn).code }, q };
    },
  },
];

/**
 * Armv8.1-M scalar half precision (FP16 extension of the FPU, Cortex-M55): VFMA.F16 Sd, Sn, Sm on the low halves,
 * fused; the result's upper 16 bits are written as zero. Named `vfma.f16.scalar` here to tell it from the Helium
 * vector VFMA.F16.
 */
export const ARMV81M_FP16_UNITS: readonly IsaUnit[] = [
  // One 16-bit lane of 32-bit S registers: the lane unit masks the inputs to <15:0> and writes zeros above.
  { ...fpUnit("vfma.f16.scalar", "arm-fp", "fma", FP16, 16, { a: "sn", b: "sm", acc: "sd", out: "sd" }, "ARM DDI 0553B (Armv8-M ARM) VFMA (floating-point, half precision): Sd<15:0> = FPMulAdd(Sd<15:0>, Sn<15:0>, Sm<15:0>) fused, Sd<31:16> = 0"), inputs: [reg("sn"), reg("sm"), reg("sd")], outputs: [reg("sd")] },
];

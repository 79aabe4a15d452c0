import type { IsaUnit } from "../isa/unit.js";
import { lookupInstruction } from "../isa/index.js";
import type { Instr, TimingClass } from "../iss/program.js";
import { Q0 } from "../iss/program.js";
import type { Node } from "./tree.js";
import { code, loop } from "./tree.js";

/** Which instruction set a kernel needs. */
export type KernelIsa = "armv7e-m" | "armv8.1-m-mve" | "xpulpv2" | "xpulpnn";

/**
 * A register-blocked GEMM inner loop, C[M×N] = A[M×K]·B[K×N] with A rows and B columns stored K-contiguous
 * (B as the weights' [out, in] layout, or as column panels for the fp16 SIMD kernels): R×C outputs per block held
 * in registers, `kStep` elements of K per inner iteration. The numerics are the accumulator `accumulator`
 * (an hwsim accumulator id) applied in K order per output.
 */
export interface KernelSpec {
  readonly id: string;
  readonly description: string;
  /** The library loop it reproduces. */
  readonly source: string;
  readonly isa: KernelIsa;
  readonly kind: "plain" | "optimized";
  readonly elementBits: number;
  /** "int" operands (two's complement codes) or float codes (fp8 codes are decoded by a table: see `lut`). */
  readonly operand: "int" | "fp16" | "fp32" | "fp8-e4m3" | "fp8-e5m2";
  readonly accumulator: "int32-wrap" | "fp16-fma" | "fp32-fma" | "fp32-seq";
  /**
   * Other accumulators whose result this kernel provably equals (fp8: every fp8×fp8 product is exact in fp32, so
   * round(a·b + c) = round(round(a·b) + c) and one fused kernel is also fp32-seq; kernels.test.ts checks the
   * premise over all 2^16 code pairs).
   */
  readonly equivalentAccumulators?: readonly ("fp32-seq" | "fp32-fma")[];
  /** B element bits when they differ from A's (mixed w4a8: A int8 activations, B int4 weights). */
  readonly bBits?: number;
  /** A 256-entry fp32 table of the fp8 format's values, placed in memory with its base in register LUT_REG. */
  readonly lut?: "fp8-e4m3" | "fp8-e5m2";
  readonly outBytes: number;
  readonly R: number;
  readonly C: number;
  readonly kStep: number;
  /**
   * B stored as column panels of this width ([N/w][K][w]: w columns of one K side by side), one accumulator
   * register holding w outputs of a row (2: the fp16 pair kernel; 8: Helium fp16 vectors). Absent: 1.
   */
  readonly bPanel?: number;
  /** Instructions of one inner iteration, given the register map. */
  body(r: Regs): Instr[];
}

/** Register map of the blocked GEMM: A row pointers, B column pointers, accumulators, temporaries. */
export interface Regs {
  readonly a: readonly number[];
  readonly b: readonly number[];
  /** acc[r·C' + c] (C' = C / bPanel: one register per panel of outputs). */
  readonly acc: readonly number[];
  readonly t: readonly number[];
}

const ARM = "cortex-m4";
const RV = "cv32e40p-xpulpnn";
const U = (target: string, name: string): IsaUnit => {
  const r = lookupInstruction(target, name);
  if (!r.ok) throw new Error(r.reason);
  return r.unit;
};
const op = (target: string, name: string, cls: TimingClass, outs: Record<string, number>, ins: Record<string, number | { imm: number }>): Instr => ({ kind: "unit", unit: U(target, name), outs, ins, cls });
const ld = (rd: number, base: number, bytes: number, signed = false): Instr => ({ kind: "load", rd, base, offset: 0, bytes, signed, postInc: bytes, cls: bytes === 16 ? "vec-load" : "load" });
/** Register-offset table load: rd = mem32[LUT_REG + (index << shift)] (ARM LDR Rt, [Rn, Rm, LSL #2]; XpulpV2 p.lw rd, rs2(rs1)). */
const ldx = (rd: number, index: number, shift: number): Instr => ({ kind: "load", rd, base: LUT_REG, offset: 0, bytes: 4, signed: false, postInc: 0, index, shift, cls: "load" });

/** The register that holds the fp8 decode table's base (free in every R ≤ 3, C ≤ 3 register map). */
export const LUT_REG = 10;

const CMSIS = "CMSIS-NN arm_nn_mat_mult_nt_t_s8 / arm_nn_mat_mult_kernel_s8_s16 (2×2 outputs, read_and_pad: SXTB16 + SXTB16 ROR #8, then SMLAD)";
const PULPNN = "PULP-NN pulp_nn_matmul (Garofalo et al. 2020, Phil. Trans. R. Soc. A 378:20190155, §3: 4×2 register blocking, lw + pv.sdotsp.b in a hardware loop)";
const XPULPNN = "XpulpNN sub-byte matmul (Garofalo et al., DATE 2020: pv.sdotsp.n / pv.sdotsp.c on packed nibbles/crumbs, 4×2 blocking)";

export const KERNELS: readonly KernelSpec[] = [
  {
    id: "arm-int8-plain",
    description: "plain C int8 GEMM: LDRSB, LDRSB, MLA per MAC (arm-none-eabi-gcc -O2 style loop)",
    source: "plain C baseline (CMSIS-NN's own reference: arm_nn_mat_mult_nt_t_s8 without ARM_MATH_DSP)",
    isa: "armv7e-m", kind: "plain", elementBits: 8, operand: "int", accumulator: "int32-wrap", outBytes: 4, R: 1, C: 1, kStep: 1,
    body: ({ a, b, acc, t }) => [ld(t[0]!, a[0]!, 1, true), ld(t[1]!, b[0]!, 1, true), op(ARM, "mla", "mac", { rd: acc[0]! }, { rn: t[0]!, rm: t[1]!, ra: acc[0]! })],
  },
  {
    id: "arm-int8-cmsis",
    description: "CMSIS-NN int8: 2×2 outputs, per 4 K: 4 LDR, 8 SXTB16, 8 SMLAD",
    source: CMSIS,
    isa: "armv7e-m", kind: "optimized", elementBits: 8, operand: "int", accumulator: "int32-wrap", outBytes: 4, R: 2, C: 2, kStep: 4,
    body: ({ a, b, acc, t }) => {
      const [w0, w1, w2, w3, x0, x1, x2, x3] = t as [number, number, number, number, number, number, number, number];
      const words = [w0, w1, w2, w3];
      const lo = [x0, x1, x2, x3];
      const out: Instr[] = [ld(w0, a[0]!, 4), ld(w1, a[1]!, 4), ld(w2, b[0]!, 4), ld(w3, b[1]!, 4)];
      // lo = bytes 0,2 (k, k+2); in place: hi = bytes 1,3 (k+1, k+3).
      for (let i = 0; i < 4; i++) {
        out.push(op(ARM, "sxtb16", "dsp", { rd: lo[i]! }, { rm: words[i]!, ror: { imm: 0 } }));
        out.push(op(ARM, "sxtb16", "dsp", { rd: words[i]! }, { rm: words[i]!, ror: { imm: 8 } }));
      }
      for (let r = 0; r < 2; r++)
        for (let c = 0; c < 2; c++) {
          const d = acc[r * 2 + c]!;
          out.push(op(ARM, "smlad", "dsp", { rd: d }, { rn: lo[r]!, rm: lo[2 + c]!, ra: d }));
          out.push(op(ARM, "smlad", "dsp", { rd: d }, { rn: words[r]!, rm: words[2 + c]!, ra: d }));
        }
      return out;
    },
  },
  {
    id: "mve-int8-vmladava",
    description: "Helium int8: 2×2 outputs, per 16 K: 4 VLDRB.8 (128-bit), 4 VMLADAVA.S8",
    source: "CMSIS-NN arm_nn_mat_mult_nt_t_s8 MVE path (VLDRB + VMLADAVA.S8 per output row/column pair)",
    isa: "armv8.1-m-mve", kind: "optimized", elementBits: 8, operand: "int", accumulator: "int32-wrap", outBytes: 4, R: 2, C: 2, kStep: 16,
    body: ({ a, b, acc }) => {
      const out: Instr[] = [ld(Q0, a[0]!, 16), ld(Q0 + 1, a[1]!, 16), ld(Q0 + 2, b[0]!, 16), ld(Q0 + 3, b[1]!, 16)];
      for (let r = 0; r < 2; r++) for (let c = 0; c < 2; c++) out.push(op("cortex-m55", "vmladava.s8", "vec", { rda: acc[r * 2 + c]! }, { rda: acc[r * 2 + c]!, qn: Q0 + r, qm: Q0 + 2 + c }));
      return out;
    },
  },
  {
    id: "pulp-int8-plain",
    description: "plain C int8 GEMM on RI5CY: p.lb (post-increment), p.lb, cv.mac in a hardware loop (PULP GCC -O3)",
    source: "plain C baseline compiled for XpulpV2 without SIMD (post-increment loads, cv.mac, lp.setup)",
    isa: "xpulpv2", kind: "plain", elementBits: 8, operand: "int", accumulator: "int32-wrap", outBytes: 4, R: 1, C: 1, kStep: 1,
    body: ({ a, b, acc, t }) => [ld(t[0]!, a[0]!, 1, true), ld(t[1]!, b[0]!, 1, true), op(RV, "cv.mac", "mac", { rd: acc[0]! }, { rd: acc[0]!, rs1: t[0]!, rs2: t[1]! })],
  },
  {
    id: "pulp-int8-pulpnn",
    description: "PULP-NN int8: 2 pixels × 4 channels, per 4 K: 6 lw, 8 pv.sdotsp.b",
    source: PULPNN,
    isa: "xpulpv2", kind: "optimized", elementBits: 8, operand: "int", accumulator: "int32-wrap", outBytes: 4, R: 2, C: 4, kStep: 4,
    body: ({ a, b, acc, t }) => dotBlock(a, b, acc, t, "pv.sdotsp.b"),
  },
  ...([4, 2] as const).flatMap((bits): KernelSpec[] => [
    {
      id: `pulp-int${bits}-xpulpnn`,
      description: `XpulpNN int${bits}: 2 × 4 outputs, per ${32 / bits} K: 6 lw, 8 pv.sdotsp.${bits === 4 ? "n" : "c"}`,
      source: XPULPNN,
      isa: "xpulpnn", kind: "optimized", elementBits: bits, operand: "int", accumulator: "int32-wrap", outBytes: 4, R: 2, C: 4, kStep: 32 / bits,
      body: ({ a, b, acc, t }) => dotBlock(a, b, acc, t, bits === 4 ? "pv.sdotsp.n" : "pv.sdotsp.c"),
    },
    {
      id: `pulp-int${bits}-xpulpv2`,
      description: `int${bits} on XpulpV2 (no sub-byte dot product): unpack each word to ${8 / bits} byte words with pv.sll/pv.sra, then pv.sdotsp.b`,
      source: "PULP-NN mixed-precision kernels (Bruschi et al., CF 2020: sub-byte operands unpacked to 8 bits with SIMD shifts before pv.sdotsp.b)",
      isa: "xpulpv2", kind: "plain", elementBits: bits, operand: "int", accumulator: "int32-wrap", outBytes: 4, R: 2, C: bits === 4 ? 4 : 2, kStep: 32 / bits,
      body: (regs) => unpackedBlock(regs, bits, bits === 4 ? 4 : 2),
    },
  ]),
  // W4A8 on XpulpV2 (PULP-NN mixed, Bruschi et al., CF 2020): int4 weights unpacked to int8 in K order (8
  // p.extract of a weight word, packed 4 bytes per word by pv.packlo.b / pv.packhi.b, as pulp_nn_i4_to_i8 does),
  // then pv.sdotsp.b against the int8 activation words. XpulpNN's dot products take equal lane widths, so the
  // XpulpNN core runs the same kernel. pulp-nn-mixed writes the unpacked words to a small buffer and reloads them
  // (2 sw + 2 lw per 8 weights); here they stay in registers. 2 activation rows × 4 weight columns, per 8 K:
  {
    id: "pulp-w4a8-xpulpv2",
    description: "W4A8 on XpulpV2: 2 × 4 outputs, per 8 K: 4 lw (activations) + 4 × (lw, 8 p.extract, 4 pv.pack{lo,hi}.b, 4 pv.sdotsp.b)",
    source: "PULP-NN mixed (Bruschi et al., CF 2020; pulp-platform/pulp-nn-mixed pulp_nn_i4_to_i8: bitext ×8 + pack, then SumDotp4 = pv.sdotsp.b)",
    isa: "xpulpv2", kind: "optimized", elementBits: 8, bBits: 4, operand: "int", accumulator: "int32-wrap", outBytes: 4, R: 2, C: 4, kStep: 8,
    body: ({ a, b, acc, t }) => {
      const aw = t.slice(0, 4); // row r: words aw[2r] (k..k+3), aw[2r+1] (k+4..k+7)
      const bw = [t[4]!, t[9]!]; // weight words of alternate columns (the next one loads early)
      const e = t.slice(5, 9);
      const out: Instr[] = [ld(bw[0]!, b[0]!, 4)];
      a.forEach((p, r) => out.push(ld(aw[2 * r]!, p, 4), ld(aw[2 * r + 1]!, p, 4)));
      const ext = (rd: number, x: number, at: number) => op(RV, "p.extract", "alu", { rd }, { rs1: x, is3: { imm: 3 }, is2: { imm: at } });
      const pack = (rd: number, b0: number, b1: number, b2: number, b3: number) => [
        op(RV, "pv.packlo.b", "alu", { rd }, { rd, rs1: b1, rs2: b0 }),
        op(RV, "pv.packhi.b", "alu", { rd }, { rd, rs1: b3, rs2: b2 }),
      ];
      for (let c = 0; c < 4; c++) {
        const x = bw[c % 2]!;
        const [e0, e1, e2, e3] = e as [number, number, number, number];
        out.push(ext(e0, x, 0), ext(e1, x, 4), ext(e2, x, 8), ext(e3, x, 12), ...pack(e0, e0, e1, e2, e3));
        // The second word reuses e1..e3 and the weight word itself (its last use).
        out.push(ext(e1, x, 16), ext(e2, x, 20), ext(e3, x, 24), ext(x, x, 28), ...pack(e1, e1, e2, e3, x));
        if (c < 3) out.push(ld(bw[(c + 1) % 2]!, b[c + 1]!, 4));
        for (let r = 0; r < 2; r++)
          for (const [i, w] of [[0, e0], [1, e1]] as const) out.push(op(RV, "pv.sdotsp.b", "dsp", { rd: acc[r * 4 + c]! }, { rd: acc[r * 4 + c]!, rs1: aw[2 * r + i]!, rs2: w }));
      }
      return out;
    },
  },
  ...(["fp32-fma", "fp32-seq"] as const).flatMap((accId): KernelSpec[] => [
    {
      id: `arm-fp32-${accId === "fp32-fma" ? "vfma" : "vmla"}`,
      description: `fp32 GEMM on the FPv4/FPv5 FPU: 2×2 outputs, per K: 4 VLDR, 4 ${accId === "fp32-fma" ? "VFMA" : "VMLA"}.F32`,
      source: "CMSIS-DSP arm_mat_mult_f32 style scalar loop, register-blocked",
      isa: "armv7e-m", kind: "optimized", elementBits: 32, operand: "fp32", accumulator: accId, outBytes: 4, R: 2, C: 2, kStep: 1,
      body: ({ a, b, acc, t }) => {
        const out: Instr[] = [ld(t[0]!, a[0]!, 4), ld(t[1]!, a[1]!, 4), ld(t[2]!, b[0]!, 4), ld(t[3]!, b[1]!, 4)];
        for (let r = 0; r < 2; r++) for (let c = 0; c < 2; c++) out.push(op(ARM, accId === "fp32-fma" ? "vfma.f32" : "vmla.f32", "fp-mac", { sd: acc[r * 2 + c]! }, { sd: acc[r * 2 + c]!, sn: t[r]!, sm: t[2 + c]! }));
        return out;
      },
    },
    {
      id: `pulp-fp32-${accId === "fp32-fma" ? "fmadd" : "fmul-fadd"}`,
      description: `fp32 GEMM on RI5CY + FPU: 2×2 outputs, per K: 4 lw, ${accId === "fp32-fma" ? "4 fmadd.s" : "4 fmul.s + 4 fadd.s"}`,
      source: "PULP-TrainLib mm_fp32 (Nadalini et al. 2022) style 2×2 unrolled loop",
      isa: "xpulpv2", kind: "optimized", elementBits: 32, operand: "fp32", accumulator: accId, outBytes: 4, R: 2, C: 2, kStep: 1,
      body: ({ a, b, acc, t }) => {
        const out: Instr[] = [ld(t[0]!, a[0]!, 4), ld(t[1]!, a[1]!, 4), ld(t[2]!, b[0]!, 4), ld(t[3]!, b[1]!, 4)];
        for (let r = 0; r < 2; r++)
          for (let c = 0; c < 2; c++) {
            const d = acc[r * 2 + c]!;
            if (accId === "fp32-fma") out.push(op(RV, "fmadd.s", "fp-mac", { rd: d }, { rs1: t[r]!, rs2: t[2 + c]!, rs3: d }));
            else {
              out.push(op(RV, "fmul.s", "fp", { rd: t[4 + r * 2 + c]! }, { rs1: t[r]!, rs2: t[2 + c]! }));
              out.push(op(RV, "fadd.s", "fp", { rd: d }, { rs1: d, rs2: t[4 + r * 2 + c]! }));
            }
          }
        return out;
      },
    },
  ]),
  {
    id: "pulp-fp16-vfmac",
    description: "fp16 SIMD GEMM: 2 rows × 4 columns (2 column pairs), per 2 K: 6 lw, 4 pv.pack(.h) broadcasts, 8 vfmac.h",
    source: "PULP-TrainLib mm_fp16 SIMD kernels (Nadalini et al. 2023, arXiv:2305.19167 §4: 2-way FP16 SIMD with vfmac)",
    isa: "xpulpv2", kind: "optimized", elementBits: 16, operand: "fp16", accumulator: "fp16-fma", outBytes: 2, R: 2, C: 4, kStep: 2, bPanel: 2,
    body: ({ a, b, acc, t }) => {
      const out: Instr[] = [ld(t[0]!, a[0]!, 4), ld(t[1]!, a[1]!, 4), ld(t[2]!, b[0]!, 4), ld(t[3]!, b[0]!, 4), ld(t[4]!, b[1]!, 4), ld(t[5]!, b[1]!, 4)];
      // Broadcasts: {a_k, a_k} and {a_k+1, a_k+1} per row.
      out.push(op(RV, "pv.pack", "alu", { rd: t[6]! }, { rs1: t[0]!, rs2: t[0]! }), op(RV, "pv.pack.h", "alu", { rd: t[0]! }, { rs1: t[0]!, rs2: t[0]! }));
      out.push(op(RV, "pv.pack", "alu", { rd: t[7]! }, { rs1: t[1]!, rs2: t[1]! }), op(RV, "pv.pack.h", "alu", { rd: t[1]! }, { rs1: t[1]!, rs2: t[1]! }));
      const bc = [[t[6]!, t[0]!], [t[7]!, t[1]!]];
      for (let kk = 0; kk < 2; kk++)
        for (let r = 0; r < 2; r++) for (let q = 0; q < 2; q++) out.push(op(RV, "vfmac.h", "fp-mac", { rd: acc[r * 2 + q]! }, { rd: acc[r * 2 + q]!, rs1: bc[r]![kk]!, rs2: t[2 + q * 2 + kk]! }));
      return out;
    },
  },
  // FP16 on Cortex-M55: Helium VFMA.F16 by scalar, 8 lanes = 8 output columns of one row, so every output still
  // accumulates its K products in order into one fused fp16 lane (as the PULP vfmac.h kernel). B is stored as
  // 8-column panels (one VLDRH.16 per K), A is read one element at a time (LDRH into the scalar operand).
  {
    id: "mve-fp16-vfma",
    description: "Helium fp16 GEMM: 4 rows × 8 columns (4 Q accumulators), per K: 1 VLDRH.16, 4 LDRH, 4 VFMA.F16 (vector by scalar)",
    source: "CMSIS-DSP arm_mat_mult_f16 Helium path style (vfmaq_n_f16: a B row segment times an A scalar, 4 rows per pass)",
    isa: "armv8.1-m-mve", kind: "optimized", elementBits: 16, operand: "fp16", accumulator: "fp16-fma", outBytes: 2, R: 4, C: 8, kStep: 1, bPanel: 8,
    body: ({ a, b, acc, t }) => {
      const out: Instr[] = [ld(Q0, b[0]!, 16), ...a.map((p, r) => ld(t[r]!, p, 2))];
      for (let r = 0; r < 4; r++) out.push(op("cortex-m55", "vfma.f16.rm", "vec", { qda: acc[r]! }, { qda: acc[r]!, qn: Q0, rm: t[r]! }));
      return out;
    },
  },
  // Plain fp16 on Cortex-M55 without Helium: the compiler's scalar loop with Armv8.1-M half-precision VFMA.F16
  // (fused, the same fp16 register as the vector kernel), one output at a time.
  {
    id: "arm-fp16-scalar-vfma",
    description: "plain C fp16 on Cortex-M55 scalar FP16: per MAC 2 VLDR.16, 1 VFMA.F16 (S registers)",
    source: "plain C baseline with _Float16 arithmetic on Armv8.1-M (arm-none-eabi-gcc -mcpu=cortex-m55 -O2 scalar loop)",
    isa: "armv8.1-m-mve", kind: "plain", elementBits: 16, operand: "fp16", accumulator: "fp16-fma", outBytes: 2, R: 1, C: 1, kStep: 1,
    body: ({ a, b, acc, t }) => [ld(t[0]!, a[0]!, 2), ld(t[1]!, b[0]!, 2), op("cortex-m55", "vfma.f16.scalar", "fp-mac", { sd: acc[0]! }, { sd: acc[0]!, sn: t[0]!, sm: t[1]! })],
  },
  // FP16 storage on FPv4-SP / FPv5 cores without FP16 arithmetic (Cortex-M4F, M7): what a compiler emits for
  // __fp16 operands (storage-only: promoted to float) and what CMSIS-DSP's f32 path does after converting:
  // VLDR a word of two fp16 values, VCVTB/VCVTT.F32.F16 (exact widening), VFMA.F32 into fp32 accumulators.
  // An fp16×fp16 product (≤ 22 significant bits, |x| in [2^-48, 2^32]) is exact in fp32, so fused = sequential.
  {
    id: "arm-fp16-vcvt-vfma",
    description: "fp16 operands on an fp32-only FPU: 2×2 outputs, per 2 K: 4 VLDR (word = 2 fp16), 4 VCVTB + 4 VCVTT.F32.F16, 8 VFMA.F32",
    source: "fp16 → fp32 conversion route (ARM DDI 0403E.e §A7.7 VCVTB/VCVTT; CMSIS-DSP arm_mat_mult_f32-style 2×2 loop after widening)",
    isa: "armv7e-m", kind: "optimized", elementBits: 16, operand: "fp16", accumulator: "fp32-fma", equivalentAccumulators: ["fp32-seq"], outBytes: 4, R: 2, C: 2, kStep: 2,
    body: ({ a, b, acc, t }) => {
      const w = t.slice(0, 4);
      const lo = t.slice(4, 8);
      const out: Instr[] = [ld(w[0]!, a[0]!, 4), ld(w[1]!, a[1]!, 4), ld(w[2]!, b[0]!, 4), ld(w[3]!, b[1]!, 4)];
      for (let i = 0; i < 4; i++) out.push(op(ARM, "vcvtb.f32.f16", "fp", { sd: lo[i]! }, { sm: w[i]! }));
      for (let i = 0; i < 4; i++) out.push(op(ARM, "vcvtt.f32.f16", "fp", { sd: w[i]! }, { sm: w[i]! }));
      for (const s of [lo, w]) for (let r = 0; r < 2; r++) for (let c = 0; c < 2; c++) out.push(op(ARM, "vfma.f32", "fp-mac", { sd: acc[r * 2 + c]! }, { sd: acc[r * 2 + c]!, sn: s[r]!, sm: s[2 + c]! }));
      return out;
    },
  },
  // FP8 emulation (no core here has an fp8 instruction). Choice: decode each fp8 code through a 256-entry fp32
  // table (1 KiB), then the core's own fp32 multiply-add, as a production library would: a table load is one
  // instruction per element and handles subnormals, NaN and infinities exactly, where a shift-based decode needs a
  // subnormal/NaN fix-up path; a float MAC keeps the fp8 semantics (an integer-significand MAC would need
  // per-product alignment of exponents up to 2·bias apart). Both operands are decoded inside the loop (no fp32 copy
  // of the operands is kept: that would cost 4× their memory, the point of fp8 on an MCU). Every fp8×fp8 product
  // is exact in fp32, so the fused MAC is also fp32-seq (equivalentAccumulators). 2×2 outputs, per K:
  ...(["fp8-e4m3", "fp8-e5m2"] as const).flatMap((f): KernelSpec[] => [
    {
      id: `arm-${f}-lut-vfma`,
      description: `${f} emulated on the FPv4/FPv5 FPU: 2×2 outputs, per K: 4 LDRB, 4 LDR [lut, code, LSL #2], 4 VMOV S←R, 4 VFMA.F32`,
      source: "hwsim emulation kernel (no Arm library ships an fp8 GEMM for Cortex-M): table decode as in fp8 software paths (e.g. ml_dtypes/PyTorch CPU fp8 → fp32 by table), then the CMSIS-DSP arm_mat_mult_f32-style 2×2 fp32 loop",
      isa: "armv7e-m", kind: "optimized", elementBits: 8, operand: f, accumulator: "fp32-fma", equivalentAccumulators: ["fp32-seq"], lut: f, outBytes: 4, R: 2, C: 2, kStep: 1,
      body: ({ a, b, acc, t }) => {
        const c = t.slice(0, 4);
        const v = t.slice(4, 8);
        const sx = t.slice(8, 12);
        const out: Instr[] = [ld(c[0]!, a[0]!, 1), ld(c[1]!, a[1]!, 1), ld(c[2]!, b[0]!, 1), ld(c[3]!, b[1]!, 1)];
        for (let i = 0; i < 4; i++) out.push(ldx(v[i]!, c[i]!, 2));
        for (let i = 0; i < 4; i++) out.push(op(ARM, "vmov", "fp", { sn: sx[i]! }, { rt: v[i]! }));
        for (let r = 0; r < 2; r++) for (let q = 0; q < 2; q++) out.push(op(ARM, "vfma.f32", "fp-mac", { sd: acc[r * 2 + q]! }, { sd: acc[r * 2 + q]!, sn: sx[r]!, sm: sx[2 + q]! }));
        return out;
      },
    },
    {
      id: `pulp-${f}-lut-fmadd`,
      description: `${f} emulated on RI5CY + FPU (Zfinx-style shared registers): 2×2 outputs, per K: 4 p.lbu, 4 slli, 4 p.lw rd, rs2(lut), 4 fmadd.s`,
      source: "hwsim emulation kernel (PULP libraries ship no fp8 GEMM): table decode, then the PULP-TrainLib mm_fp32-style 2×2 fmadd.s loop",
      isa: "xpulpv2", kind: "optimized", elementBits: 8, operand: f, accumulator: "fp32-fma", equivalentAccumulators: ["fp32-seq"], lut: f, outBytes: 4, R: 2, C: 2, kStep: 1,
      body: ({ a, b, acc, t }) => {
        const c = t.slice(0, 4);
        const v = t.slice(4, 8);
        const out: Instr[] = [ld(c[0]!, a[0]!, 1), ld(c[1]!, a[1]!, 1), ld(c[2]!, b[0]!, 1), ld(c[3]!, b[1]!, 1)];
        for (let i = 0; i < 4; i++) out.push(op(RV, "slli", "alu", { rd: c[i]! }, { rs1: c[i]!, shamt: { imm: 2 } }));
        for (let i = 0; i < 4; i++) out.push(ldx(v[i]!, c[i]!, 0));
        for (let r = 0; r < 2; r++) for (let q = 0; q < 2; q++) out.push(op(RV, "fmadd.s", "fp-mac", { rd: acc[r * 2 + q]! }, { rs1: v[r]!, rs2: v[2 + q]!, rs3: acc[r * 2 + q]! }));
        return out;
      },
    },
  ]),
  // INT4 on Cortex-M (no nibble dot product): CMSIS-NN read_and_pad_s4 (arm_nn_vec_mat_mult_t_s4, ARM_MATH_DSP
  // path): a 16-bit load of 4 nibbles, inA = in | in << 8 (bytes 0 and 2 hold the two source bytes; SXTB16 ignores
  // bytes 1 and 3), lo = SXTB16(ROR(SXTB16(inA << 4), 4)) = (n0, n2), hi = SXTB16(ROR(SXTB16(inA), 4)) = (n1, n3)
  // (SXTB16_RORn with n = 4 is ROR + SXTB16: SXTB16 rotates by multiples of 8 only), then SMLAD. 2×2 outputs.
  {
    id: "arm-int4-cmsis",
    description: "int4 on Cortex-M (CMSIS-NN s4): 2×2 outputs, per 4 K: 4 LDRH, 4×(ORR, LSL, 4 SXTB16, 2 ROR), 8 SMLAD",
    source: "CMSIS-NN arm_nn_vec_mat_mult_t_s4 / read_and_pad_s4 (ARM_MATH_DSP path), 2×2 blocking as arm_nn_mat_mult_nt_t_s8",
    isa: "armv7e-m", kind: "optimized", elementBits: 4, operand: "int", accumulator: "int32-wrap", outBytes: 4, R: 2, C: 2, kStep: 4,
    body: (regs) => armS4Block(regs, 4),
  },
  {
    id: "arm-w4a8-cmsis",
    description: "w4a8 on Cortex-M: 2×2 outputs, per 4 K: 2 LDR + 4 SXTB16 (int8 activations), 2 LDRH + 2×(ORR, LSL, 4 SXTB16, 2 ROR) (int4 weights), 8 SMLAD",
    source: "CMSIS-NN arm_nn_vec_mat_mult_t_s4 (int8 activations through SXTAB16 / SXTAB16_RORn 8, int4 weights through read_and_pad_s4, SMLAD), 2×2 blocking",
    isa: "armv7e-m", kind: "optimized", elementBits: 8, bBits: 4, operand: "int", accumulator: "int32-wrap", outBytes: 4, R: 2, C: 2, kStep: 4,
    body: (regs) => armS4Block(regs, 8),
  },
];

/**
 * Cortex-M int4 block: B columns (and A rows when aBits = 4) unpacked from 4 nibbles per LDRH as CMSIS-NN's
 * read_and_pad_s4; int8 A rows as CMSIS-NN's SXTB16 / SXTB16 ROR #8. Every operand gives lo = elements (0, 2) and
 * hi = elements (1, 3) as int16 pairs; SMLAD(lo, lo) + SMLAD(hi, hi) is the 4-element dot product.
 */
function armS4Block({ a, b, acc, t }: Regs, aBits: 4 | 8): Instr[] {
  const ptrs = [...a, ...b];
  const x = ptrs.map((_, i) => t[i * 3]!);
  const lo = ptrs.map((_, i) => t[i * 3 + 1]!);
  const hi = ptrs.map((_, i) => t[i * 3 + 2]!);
  const out: Instr[] = ptrs.map((p, i) => (i < a.length && aBits === 8 ? ld(x[i]!, p, 4) : ld(x[i]!, p, 2)));
  ptrs.forEach((_, i) => {
    if (i < a.length && aBits === 8) {
      out.push(op(ARM, "sxtb16", "dsp", { rd: lo[i]! }, { rm: x[i]!, ror: { imm: 0 } }), op(ARM, "sxtb16", "dsp", { rd: hi[i]! }, { rm: x[i]!, ror: { imm: 8 } }));
      return;
    }
    out.push(
      op(ARM, "orr", "alu", { rd: x[i]! }, { rn: x[i]!, rm: x[i]!, lsl: { imm: 8 } }),
      op(ARM, "lsl", "alu", { rd: lo[i]! }, { rm: x[i]!, imm: { imm: 4 } }),
      op(ARM, "sxtb16", "dsp", { rd: lo[i]! }, { rm: lo[i]!, ror: { imm: 0 } }),
      op(ARM, "ror", "alu", { rd: lo[i]! }, { rm: lo[i]!, imm: { imm: 4 } }),
      op(ARM, "sxtb16", "dsp", { rd: lo[i]! }, { rm: lo[i]!, ror: { imm: 0 } }),
      op(ARM, "sxtb16", "dsp", { rd: hi[i]! }, { rm: x[i]!, ror: { imm: 0 } }),
      op(ARM, "ror", "alu", { rd: hi[i]! }, { rm: hi[i]!, imm: { imm: 4 } }),
      op(ARM, "sxtb16", "dsp", { rd: hi[i]! }, { rm: hi[i]!, ror: { imm: 0 } }),
    );
  });
  for (let r = 0; r < a.length; r++)
    for (let c = 0; c < b.length; c++) {
      const d = acc[r * b.length + c]!;
      out.push(op(ARM, "smlad", "dsp", { rd: d }, { rn: lo[r]!, rm: lo[a.length + c]!, ra: d }));
      out.push(op(ARM, "smlad", "dsp", { rd: d }, { rn: hi[r]!, rm: hi[a.length + c]!, ra: d }));
    }
  return out;
}

/** R×C dot-product block: one word per A row and per B column, then R·C SIMD dot products. */
function dotBlock(a: readonly number[], b: readonly number[], acc: readonly number[], t: readonly number[], name: string): Instr[] {
  const out: Instr[] = [];
  a.forEach((p, i) => out.push(ld(t[i]!, p, 4)));
  b.forEach((p, i) => out.push(ld(t[a.length + i]!, p, 4)));
  for (let r = 0; r < a.length; r++) for (let c = 0; c < b.length; c++) out.push(op(RV, name, "dsp", { rd: acc[r * b.length + c]! }, { rd: acc[r * b.length + c]!, rs1: t[r]!, rs2: t[a.length + c]! }));
  return out;
}

/** Sub-byte operands on XpulpV2: each packed word becomes 8/bits words of bytes (part p holds elements p, P+p, …). */
function unpackedBlock({ a, b, acc, t }: Regs, bits: number, C: number): Instr[] {
  const P = 8 / bits;
  const out: Instr[] = [];
  const parts = (src: number, dst: readonly number[]) => {
    for (let p = 0; p < P; p++) {
      const left = 8 - bits * (p + 1);
      if (left > 0) out.push(op(RV, "pv.sll.sci.b", "alu", { rd: dst[p]! }, { rs1: src, imm: { imm: left } }));
      out.push(op(RV, "pv.sra.sci.b", "alu", { rd: dst[p]! }, { rs1: left > 0 ? dst[p]! : src, imm: { imm: 8 - bits } }));
    }
  };
  const aw = a.map((_, i) => t[i]!);
  a.forEach((p, i) => out.push(ld(aw[i]!, p, 4)));
  const ap = a.map((_, i) => Array.from({ length: P }, (_, p) => t[a.length + i * P + p]!));
  a.forEach((_, i) => parts(aw[i]!, ap[i]!));
  const bw = t[a.length + a.length * P]!;
  const bp = Array.from({ length: P }, (_, p) => (p === P - 1 ? bw : t[a.length + a.length * P + 1 + p]!));
  for (let c = 0; c < C; c++) {
    out.push(ld(bw, b[c]!, 4));
    parts(bw, bp);
    for (let p = 0; p < P; p++) for (let r = 0; r < a.length; r++) out.push(op(RV, "pv.sdotsp.b", "dsp", { rd: acc[r * C + c]! }, { rd: acc[r * C + c]!, rs1: ap[r]![p]!, rs2: bp[p]! }));
  }
  return out;
}

/** A kernel by id. */
export function kernelById(id: string): KernelSpec {
  const k = KERNELS.find((x) => x.id === id);
  if (!k) throw new Error(`unknown kernel ${id}`);
  return k;
}

/** The blocked GEMM around a kernel's inner iteration, for one core's rows. */
export function gemmProgram(k: KernelSpec, rows: number, n: number, kDim: number, bBase = 0): { nodes: Node[]; regs: Regs } {
  const { R, C, kStep } = k;
  if (rows % R || n % C || kDim % kStep) throw new Error(`${k.id}: shape ${rows}×${n}×${kDim} is not a multiple of ${R}×${C}×${kStep}`);
  const w = k.bPanel ?? 1;
  const accCount = (R * C) / w;
  const regs: Regs = {
    a: Array.from({ length: R }, (_, i) => 7 + i),
    b: Array.from({ length: C / w }, (_, i) => 11 + i),
    acc: Array.from({ length: accCount }, (_, i) => 15 + i),
    t: [...Array.from({ length: 31 - (15 + accCount) + 1 }, (_, i) => 15 + accCount + i), 0],
  };
  const rowBytesA = (kDim * k.elementBits) / 8;
  const rowBytesB = (kDim * w * (k.bBits ?? k.elementBits)) / 8;
  const bLines = C / w;
  const eb = k.outBytes;
  const setup: Instr[] = [
    ...regs.a.map((r, i): Instr => ({ kind: "addi", rd: r, rs: 1, imm: i * rowBytesA, cls: "alu" })),
    ...regs.b.map((r, i): Instr => ({ kind: "addi", rd: r, rs: 2, imm: i * rowBytesB, cls: "alu" })),
    ...regs.acc.map((r): Instr => ({ kind: "li", rd: r, value: 0n, cls: "alu" })),
  ];
  const stores: Instr[] = [];
  for (let r = 0; r < R; r++)
    for (let c = 0; c < accCount / R; c++) stores.push({ kind: "store", rs: regs.acc[r * (accCount / R) + c]!, base: 3, offset: (r * n + c * w) * eb, bytes: w * eb, postInc: 0, cls: "store" });
  const nodes: Node[] = [
    { kind: "loop", trips: rows / R, counter: 6, body: [
      code({ kind: "li", rd: 2, value: BigInt(bBase), cls: "alu" }),
      loop(n / C, 5, [
        code(...setup),
        loop(kDim / kStep, 4, [code(...k.body(regs))]),
        code(...stores, { kind: "addi", rd: 3, rs: 3, imm: C * eb, cls: "alu" }, { kind: "addi", rd: 2, rs: 2, imm: bLines * rowBytesB, cls: "alu" }),
      ]),
      code({ kind: "addi", rd: 1, rs: 1, imm: R * rowBytesA, cls: "alu" }, { kind: "addi", rd: 3, rs: 3, imm: (R - 1) * n * eb, cls: "alu" }),
    ] },
  ];
  return { nodes, regs };
}

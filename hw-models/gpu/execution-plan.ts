import type { Result } from "../../workloads/result.js";
import type { AccumulatorSpec } from "../../sim/numerics/ops/accumulator.js";
import type { FloatFormat } from "../../sim/numerics/formats/format.js";
import { checkSpec, resolveAccumulator } from "../../sim/numerics/ops/accumulator.js";
import { lookupScalar } from "../../sim/numerics/formats/registry.js";
import type { OperandFormat, Precision } from "../precision.js";
import type { GpuArch, TensorKind } from "./gpu-spec.js";
import type { GpuParams } from "./gpu-params.js";

/** What an operand is to a tensor core. */
export type OperandClass =
  | "fp32" | "tf32" | "fp16" | "bf16" | "fp8" | "fp6" | "fp4" | "int8" | "int4"
  | "mxfp8" | "mxfp6" | "mxfp4" | "nvfp4";

/** One operand converted on CUDA cores inside the main loop, before it reaches the tensor core. */
export interface Conversion {
  readonly operand: "a" | "b";
  readonly from: OperandClass;
  readonly to: OperandClass;
  /** CUDA-core instructions (per thread lane) per element converted. */
  readonly opsPerElement: number;
  readonly source: string;
}

/** How a GEMM with these operand formats runs on a GPU: the MMA kind, its accumulator and any emulation. */
export interface ExecutionPlan {
  readonly kind: TensorKind;
  readonly macsPerSmPerClk: number;
  readonly native: boolean;
  readonly conversions: readonly Conversion[];
  /** The tensor core's accumulation (numerics), and products per dot-unit step. */
  readonly accumulator: AccumulatorSpec;
  readonly lanes: number;
  /** K of one MMA instruction. */
  readonly mmaK: number;
  readonly accumulatorSource: string;
  readonly description: string;
}

const FP32 = (() => {
  const r = lookupScalar("fp32");
  if (!r.ok || r.format.kind !== "float") throw new Error("fp32 missing");
  return r.format as FloatFormat;
})();

/** The class of an operand format, or null when no tensor core takes it even after conversion. */
export function operandClass(f: OperandFormat): OperandClass | null {
  if (f.kind === "block") {
    const id = f.format.id;
    if (id.startsWith("mxfp8")) return "mxfp8";
    if (id.startsWith("mxfp6")) return "mxfp6";
    if (id === "mxfp4") return "mxfp4";
    if (id === "nvfp4") return "nvfp4";
    return null;
  }
  const s = f.format;
  if (s.kind === "int") return s.bits <= 4 ? "int4" : s.bits <= 8 ? "int8" : null;
  if (s.kind !== "float") return null;
  const byId: Record<string, OperandClass> = {
    fp32: "fp32", tf32: "tf32", fp16: "fp16", bf16: "bf16", "fp8-e4m3": "fp8", "fp8-e5m2": "fp8",
    "fp6-e2m3": "fp6", "fp6-e3m2": "fp6", "fp4-e2m1": "fp4",
  };
  return byId[s.id] ?? null;
}

/** Operand classes each MMA kind takes (both operands). */
const KIND_OPERANDS: Readonly<Record<TensorKind, readonly OperandClass[]>> = {
  fp16: ["fp16"], "fp16-acc16": ["fp16"], bf16: ["bf16"], tf32: ["tf32"], fp8: ["fp8"], "fp8-acc16": ["fp8"],
  int8: ["int8"], int4: ["int4"], f8f6f4: ["fp8", "fp6", "fp4"], fp4: ["fp4"],
  mxfp8: ["mxfp8", "mxfp6", "mxfp4"], mxfp6: ["mxfp6"], mxfp4: ["mxfp4"], nvfp4: ["nvfp4"],
};

/** K of one MMA instruction per kind (PTX ISA: mma.sync m16n8k16 f16, k8 tf32, k32 8-bit, k64 4-bit; Volta HMMA.884 k4). */
function mmaK(kind: TensorKind, arch: GpuArch): number {
  if (arch === "volta") return 4;
  switch (kind) {
    case "tf32":
      return 8;
    case "fp16": case "fp16-acc16": case "bf16":
      return 16;
    case "int4": case "fp4": case "mxfp4": case "nvfp4":
      return 64;
    default:
      return 32;
  }
}

const QSERVE = "Lin et al., QServe, arXiv:2405.04532 §5.2 (register-level parallelism: 8 UINT4 weights per 32-bit register unpacked with 2 logical ops and zero-point-subtracted with 2 vsub4: 4 ops per 8 elements)";
const LOP3 = "Kim et al., 'Who Says Elephants Can't Run', arXiv:2211.10017 §3.2 (LOP3 + HSUB2/HFMA2 converts 2 int4/int8 elements to fp16/bf16: 2 ops per 2 elements)";
const CVT_FP8 = "PTX ISA 8.x cvt.rn.f16x2.e4m3x2 (sm_89+): 1 instruction per 2 fp8 elements";
const FP8_SW = "derived: without cvt.*.e4m3x2 (sm_80 and older) an fp8 → fp16 pair takes PRMT, 2 shifts/LOP3 and an HMUL2 for the bias: 4 ops per 2 elements";
const BLOCK_DQ = "derived: unpack (LOP3/PRMT, 0.5 op/element), convert (0.5) and multiply by the block scale with a bf16x2 HMUL2 (0.5): 1.5 ops per element";

/** Exact conversions of one operand class on CUDA cores: target, ops per element, source. */
function conversions(from: OperandClass, arch: GpuArch): readonly { to: OperandClass; ops: number; source: string }[] {
  const hwCvt = arch === "ada" || arch === "hopper" || arch === "blackwell";
  switch (from) {
    case "int4":
      return [
        { to: "int8", ops: 0.5, source: QSERVE },
        { to: "fp8", ops: 0.75, source: `${QSERVE}; plus a PRMT table lookup to e4m3 per 4 elements (derived)` },
        { to: "fp16", ops: 1, source: LOP3 },
        { to: "bf16", ops: 1, source: LOP3 },
      ];
    case "int8":
      return [{ to: "fp16", ops: 1, source: LOP3 }, { to: "bf16", ops: 1, source: LOP3 }];
    case "fp8":
      return [
        { to: "fp16", ops: hwCvt ? 0.5 : 2, source: hwCvt ? CVT_FP8 : FP8_SW },
        { to: "bf16", ops: hwCvt ? 1 : 2, source: hwCvt ? `${CVT_FP8}, then a bf16 repack (derived)` : FP8_SW },
      ];
    case "fp6":
    case "fp4":
      return [
        { to: "fp8", ops: 0.75, source: "derived: unpack (LOP3/PRMT) and a PRMT table lookup of the e4m3 code: 3 ops per 4 elements" },
        { to: "fp16", ops: 1, source: LOP3 },
        { to: "bf16", ops: 1, source: LOP3 },
      ];
    case "fp16":
    case "bf16":
      return [{ to: "tf32", ops: 0.5, source: "derived: one shift/PRMT per element pair widens fp16/bf16 into a 32-bit tf32 register" }];
    case "mxfp8":
    case "mxfp6":
    case "mxfp4":
    case "nvfp4":
      // Element × block scale is exact in bf16 (≤ 4 significant bits × a power of two or an e4m3 scale, within bf16's range).
      return arch === "volta" ? [] : [{ to: "bf16", ops: 1.5, source: BLOCK_DQ }];
    default:
      return [];
  }
}

/** Kinds the planner may pick (fp16-accumulating kinds change the numerics: only by explicit request). */
const AUTO_KINDS: readonly TensorKind[] = ["fp16", "bf16", "tf32", "fp8", "int8", "int4", "f8f6f4", "fp4", "mxfp8", "mxfp6", "mxfp4", "nvfp4"];

/**
 * Plan a GEMM A[m×k]·B[k×n] with these operand formats: the native MMA kind when the tensor core takes both
 * operands, else the fastest kind both convert to exactly on CUDA cores (QServe W4A8, Marlin W4A16, FP8 on
 * A100), else a reason.
 */
export function planGemm(params: GpuParams, fa: OperandFormat, fb: OperandFormat, p: Precision): Result<ExecutionPlan> {
  const ca = operandClass(fa);
  const cb = operandClass(fb);
  const name = (f: OperandFormat) => f.format.id;
  if (!ca || !cb) return { ok: false, reason: `no ${params.preset} tensor core takes ${name(ca ? fb : fa)} operands, and no exact conversion to one is modelled` };
  if (ca === "fp32" || cb === "fp32") return { ok: false, reason: `fp32 GEMMs run on CUDA cores, which this model does not time: use tf32, bf16 or fp16` };
  type Cand = { kind: TensorKind; rate: number; conv: Conversion[] };
  const cands: Cand[] = [];
  for (const kind of AUTO_KINDS) {
    const rate = params.tensor[kind];
    if (!rate) continue;
    const takes = KIND_OPERANDS[kind];
    const route = (c: OperandClass, operand: "a" | "b"): Conversion[] | null => {
      if (takes.includes(c)) return [];
      const conv = conversions(c, params.arch).find((x) => takes.includes(x.to));
      return conv ? [{ operand, from: c, to: conv.to, opsPerElement: conv.ops, source: conv.source }] : null;
    };
    // A block-scaled kind takes block operands only (the scales ride with them).
    if (["mxfp8", "mxfp6", "mxfp4", "nvfp4"].includes(kind) && !(takes.includes(ca) && takes.includes(cb))) continue;
    if (kind === "mxfp8" && ca === cb && ca !== "mxfp8") continue; // a pure mxfp6/mxfp4 pair uses its own kind
    const ra = route(ca, "a");
    const rb = route(cb, "b");
    if (ra && rb) cands.push({ kind, rate, conv: [...ra, ...rb] });
  }
  if (cands.length === 0) {
    return { ok: false, reason: `${params.preset} (${params.arch}) has no tensor-core mode for ${name(fa)} × ${name(fb)} and no exact conversion to one (native: ${Object.keys(params.tensor).join(", ")})` };
  }
  const ops = (c: Cand) => c.conv.reduce((s, x) => s + x.opsPerElement, 0);
  cands.sort((x, y) => y.rate - x.rate || ops(x) - ops(y));
  const best = cands[0]!;
  const acc = accumulatorFor(params, best.kind, p);
  if (!acc.ok) return acc;
  const native = best.conv.length === 0;
  const conv = best.conv.map((c) => `${c.operand === "a" ? "A" : "B"} ${c.from}→${c.to} on CUDA cores (${c.opsPerElement} op/element)`).join(", ");
  return {
    ok: true,
    value: {
      kind: best.kind,
      macsPerSmPerClk: best.rate,
      native,
      conversions: best.conv,
      accumulator: acc.value.spec,
      lanes: acc.value.lanes,
      mmaK: mmaK(best.kind, params.arch),
      accumulatorSource: acc.value.source,
      description: native ? `native ${best.kind} MMA` : `${best.kind} MMA after ${conv}`,
    },
  };
}

const tcSpec = (id: string, blockSize: number, neab: number, fracBits: number): AccumulatorSpec => ({
  kind: "tensor-core", id, blockSize, neab, fracBits, outputFormat: FP32, outputRounding: "rtz",
});

// Khattak & Mikaitis, 'Accurate Models of NVIDIA Tensor Cores' (arXiv:2512.07004; ACM TACO), whose bit-accurate models
// are published as MATLAB code (github.com/north-numerical-computing/MATLAB-tensor-core, models/<GPU>TC.m, snapshot
// b12b5a7): per GPU and input format, the products per block FMA (fma), extra alignment bits (neab, relative to fp32's 23
// fraction bits) and the final rounding (RZ into fp32).
const KM = (file: string, what: string) => `Khattak & Mikaitis 2025, arXiv:2512.07004, model ${file} (MATLAB-tensor-core): ${what}`;

/** The tensor core's accumulation for a kind on an architecture (or the user's explicit tensor-core/int preset). */
function accumulatorFor(params: GpuParams, kind: TensorKind, p: Precision): Result<{ spec: AccumulatorSpec; lanes: number; source: string }> {
  const integer = kind === "int8" || kind === "int4";
  if (!p.accumulatorDefaulted) {
    const s = p.accumulator;
    if (integer && s.kind === "int") return { ok: true, value: { spec: s, lanes: 1, source: "given (acc=)" } };
    if (!integer && (s.kind === "tensor-core" || s.kind === "tensor-core-promoted")) return { ok: true, value: { spec: s, lanes: s.blockSize, source: "given (acc=)" } };
    return { ok: false, reason: `a ${kind} tensor core cannot accumulate as '${s.id}': drop acc= (the GPU uses its own) or give ${integer ? "an int preset" : "a tc-* preset"}` };
  }
  if (integer) {
    const r = resolveAccumulator("int32-wrap");
    if (!r.ok) return r;
    return { ok: true, value: { spec: r.spec, lanes: 1, source: "PTX ISA mma .s32 accumulators (wrap without .satfinite); the sum of exact integer products is order-independent mod 2^32" } };
  }
  const preset = (id: string, source: string, overrides?: { blockSize: number }) => {
    const r = resolveAccumulator(id, overrides);
    return r.ok ? { ok: true as const, value: { spec: r.spec, lanes: (r.spec as { blockSize: number }).blockSize, source } } : r;
  };
  // FP8 on Ada and Hopper: 13 fraction bits kept (neab −10 in Khattak & Mikaitis's terms), in blocks of 16 (Ada) or 32
  // (Hopper) products; optional promotion to an fp32 CUDA-core add every N products (DeepSeek-V3's fix).
  const fp8Limited = (block: number, file: string) => {
    const km = KM(file, `fp8 e4m3/e5m2 → fp32: ${block}-product block FMA, neab −10 (13 fraction bits), RZ`);
    if (params.promote > 0) {
      const r = resolveAccumulator("tc-h100-fp8", { promotionInterval: params.promote, ...(block !== 32 ? { blockSize: block } : {}) });
      if (!r.ok) return r;
      return { ok: true as const, value: { spec: r.spec, lanes: block, source: `${km}; DeepSeek-V3 arXiv:2412.19437 §3.3.2 (promotion to an fp32 CUDA-core add every N products)` } };
    }
    const s = checkSpec(tcSpec(block === 32 ? "tc-h100-fp8-nopromote" : `tc-ada-fp8-nopromote`, block, 0, 13));
    if (!s.ok) return s;
    return { ok: true as const, value: { spec: s.spec, lanes: block, source: `${km}; DeepSeek-V3 arXiv:2412.19437 §3.3.2 (H800 FP8 WGMMA keeps ~14 bits: 13 fraction bits; no promotion)` } };
  };
  switch (params.arch) {
    case "volta":
      return preset("tc-v100", `Fasi et al. 2021; ${KM("V100TC.m", "fp16: 4-product blocks, neab 0, RZ")}`);
    case "ampere":
      if (kind === "tf32") return preset("tc-a100", KM("A100TC.m", "tf32: 4-product blocks (half the fp16/bf16 block), neab 1, RZ"), { blockSize: 4 });
      return preset("tc-a100", `Fasi et al. 2021; FTTN 2024; ${KM("A100TC.m", "fp16/bf16: 8-product blocks, neab 1, RZ")}`);
    case "ada":
      if (kind === "fp8") return fp8Limited(16, "AdaTC.m / L40STC.m");
      if (kind === "tf32") return preset("tc-ada", KM("AdaTC.m / L40STC.m", "tf32: 4-product blocks, neab 1, RZ"), { blockSize: 4 });
      return preset("tc-ada", `FTTN 2024; ${KM("AdaTC.m / L40STC.m", "fp16/bf16: 8-product blocks, neab 1, RZ")}`);
    case "hopper":
      if (kind === "fp8") return fp8Limited(32, "H100TC.m");
      if (kind === "tf32") return preset("tc-h100", KM("H100TC.m", "tf32: 8-product blocks, neab 2, RZ"), { blockSize: 8 });
      return preset("tc-h100", `FTTN 2024; ${KM("H100TC.m", "fp16/bf16: 16-product blocks, neab 2, RZ")}`);
    case "blackwell": {
      if (kind === "fp16" || kind === "bf16") return preset("tc-h100", KM("B200TC.m", "fp16/bf16 → fp32: 16-product blocks, neab 2, RZ, as on H100"));
      if (kind === "tf32") return preset("tc-h100", KM("B200TC.m", "tf32: 8-product blocks, neab 2, RZ"), { blockSize: 8 });
      const k = mmaK(kind, "blackwell");
      const s = checkSpec(tcSpec(`tc-b200-k${k}`, k, 2, 23));
      if (!s.ok) return s;
      if (kind === "fp8") {
        // Unlike Hopper's 13 bits, B200's FP8 MMA aligns to fp32 plus 2 bits: DeepGEMM's SM100 FP8 kernels accordingly
        // accumulate over all K in tensor memory without CUDA-core promotion (its SM90 kernels promote).
        return { ok: true, value: { spec: s.spec, lanes: k, source: `${KM("B200TC.m", "fp8 e4m3/e5m2 → fp32: 32-product block FMA (two interleaved 16-product halves), neab 2 (fp32's 23 fraction bits + 2), RZ")}; deepseek-ai/DeepGEMM deep_gemm/include/deep_gemm/impls/sm100_fp8_fp4_gemm_1d1d.cuh (no promotion on SM100)` } };
      }
      return {
        ok: true,
        value: {
          spec: s.spec,
          lanes: k,
          source:
            `assumed for ${kind} (fp6/fp4 and block-scaled kinds): the B200 fp8 alignment (23 + 2 bits, RZ; ${KM("B200TC.m", "covers fp8/fp16/bf16/tf32 inputs only")}) over one K=${k} instruction per block FMA. ` +
            "Supporting evidence, not a B200 measurement: on RTX 5090 (sm_120a) block-scaled FP4 mma (kind::mxf8f6f4 k32, kind::mxf4nvf4 k64) keeps a 25-bit (23 + 2) significand with RZ (github.com/huweim/emulation_sys README, 'Key Findings'). " +
            "Block scales multiply the products inside the MMA: PTX ISA, mma/tcgen05.mma .block_scale (A and B are scaled by scale_A/scale_B before the multiply-accumulate; MX: 32-element blocks, ue8m0; NVFP4: 16-element blocks, ue4m3 — Triton Gluon tutorial 'tcgen05-mma-scaled'). " +
            "The block size (one instruction's K) is not measured",
        },
      };
    }
  }
}

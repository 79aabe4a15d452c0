import type { GpuParams } from "./gpu-params.js";
import { gpuPreset, presetParams } from "./gpu-params.js";
import { planGemm } from "./execution-plan.js";
import { gemmTiming } from "./tile-timing.js";
import { operandBitsPerElement, parsePrecision } from "../precision.js";

/** A published, measured GEMM throughput the tile model is calibrated or checked against. */
export interface CalibrationPoint {
  readonly preset: string;
  readonly precision: string;
  /** C[m×n] = A[m×k]·B[k×n]. */
  readonly m: number;
  readonly n: number;
  readonly k: number;
  readonly measuredTflops: number;
  readonly source: string;
  /** `fit`: the point the preset's `mainLoopEfficiency` was set from; `check`: held out. */
  readonly role: "fit" | "check";
  /** Why the model misses this point where it misses by more than a few percent (empty where it does not). */
  readonly note: string;
}

const PYPTX = "pyptx.dev/performance, 'Blackwell GEMM (tcgen05, bf16)' table, cuBLAS column (B200, PyTorch 2.8 / CUDA 12.8, CUDA events over 20–200 iterations)";
const PYPTX_H = "derived from pyptx.dev/performance, 'Hopper GEMM (warp-specialized, bf16)' table (H100 SXM5, PyTorch 2.8 / CUDA 12.8): pyptx's 815 TFLOPS at 8192³ is stated as +10% over cuBLAS, so cuBLAS ≈ 815 / 1.10 = 741 (±1% from the rounded '+10%')";
const MAMF = (row: string, table: "BF16" | "FP8 (float8_e4m3fn)") =>
  `Bekman, ml-engineering (github.com/stas00/ml-engineering, snapshot 744d01e), compute/accelerator/README.md, 'Maximum Achievable Matmul FLOPS comparison table', ${table}, row '${row}': torch.mm (cuBLAS) mean of 100 iterations after 50 warm-ups at the best shape of a shape sweep (M×N×K)`;
const MAMF_V1 = (row: string, shape: string) =>
  `Bekman, ml-engineering, compute/accelerator/README.md, the older 'v1' MAMF table (bf16, L2 not flushed between iterations; kept below the v2 table as of commit f0cca2f, 2025-08-30), row '${row}', CUDA 12.1: best shape ${shape} M×N×K (printed in M×K×N order in commit 7376725)`;
// zzc0721/torch-performance-test-data's test.py (repo commit 9d82827; unchanged since 6e2382c, 2025-10-06, before both
// issues below): square torch.mm (cuBLAS) at 1024…10240, 10 warm-ups, then 30 back-to-back calls timed by CUDA events.
const ZZC = (issue: string, board: string, table: "FP16" | "BF16") =>
  `zzc0721/torch-performance-test-data (github.com/zzc0721/torch-performance-test-data) issue ${issue}, '详细性能数据' (detailed results) block, ${table} rows: ${board}; square torch.mm (cuBLAS) per test.py, 10 warm-ups then 30 back-to-back calls timed with CUDA events (a crowd-sourced run)`;
const ZZC_V100 = ZZC("#140 (2026-02-14)", "Tesla V100-SXM2-16GB, torch 2.7.0+cu128, bare metal", "FP16");
const ZZC_4090 = ZZC("#78 (2025-10-17)", "NVIDIA GeForce RTX 4090, torch 2.7.0+cu128, cloud instance", "BF16");
const XLA = "openxla/xla (as vendored in tensorflow/tensorflow, commit 372d578), xla/service/gpu/model/matmul_interpolator_data.h, kDefaultMatmulPTable, key sm_90, b: 1, bf16xbf16->bf16 flops (measured per shape; the table names no board, but XLA's sibling per-device table names its sm_90 device 'NVIDIA H100 80GB HBM3', the SXM5 part, and 783 TFLOPS exceeds the H100 PCIe's 756 TFLOPS peak)";

/**
 * Measured GEMMs: one fit point per calibrated preset (V100, A100, H100, RTX 4090, B200) and held-out checks. The
 * errors, rounded up, are asserted per point in model.test.ts.
 */
export const CALIBRATION_POINTS: readonly CalibrationPoint[] = [
  { preset: "a100-sxm4", precision: "bf16", m: 1024, n: 10240, k: 5120, measuredTflops: 271.2, source: `${MAMF("NVIDIA A100 SXM", "BF16")}, torch 2.6.0+cu126`, role: "fit", note: "" },
  { preset: "a100-sxm4", precision: "bf16", m: 6912, n: 2048, k: 16384, measuredTflops: 267.9, source: MAMF_V1("NVIDIA A100 SXM", "6912x2048x16384"), role: "check", note: "" },
  { preset: "h100-sxm5", precision: "bf16", m: 4096, n: 4096, k: 4096, measuredTflops: 783.3, source: XLA, role: "fit", note: "" },
  { preset: "h100-sxm5", precision: "bf16", m: 6144, n: 2816, k: 17920, measuredTflops: 792.1, source: MAMF_V1("NVIDIA H100 SXM", "6144x2816x17920"), role: "check", note: "" },
  { preset: "h100-sxm5", precision: "bf16", m: 2048, n: 2048, k: 13312, measuredTflops: 794.5, source: `${MAMF("NVIDIA H100 SXM", "BF16")}, torch 2.7.0+cu126`, role: "check", note: "" },
  {
    preset: "h100-sxm5", precision: "bf16", m: 2048, n: 2048, k: 2048, measuredTflops: 632.0, source: XLA, role: "check",
    note: "one 128-CTA wave of 256×128 tiles on 132 SMs: the fixed costs the model charges besides the measured 2.5 µs per launch (pipeline fill, epilogue, the wave's ramp-up and tail) are guesses",
  },
  {
    preset: "h100-sxm5", precision: "bf16", m: 8192, n: 8192, k: 8192, measuredTflops: 741, source: PYPTX_H, role: "check",
    note: "H100 SXM's cuBLAS throughput falls from 783 (4096³, XLA) to ≈ 741 TFLOPS at 8192³: longer kernels run at a lower clock under the 700 W limit, which one efficiency per chip cannot follow",
  },
  {
    preset: "h100-sxm5", precision: "fp8", m: 1024, n: 9216, k: 14336, measuredTflops: 1402.6, source: `${MAMF("NVIDIA H100 SXM", "FP8 (float8_e4m3fn)")}, torch._scaled_mm, torch 2.7.0+cu126`, role: "check",
    note: "FP8 runs at 70.9% of peak against bf16's 80.3% on the same board; the same GH100 at 900 W (GH200) gains 9.4% in FP8 but 4.3% in bf16 (same table): FP8 is more power-limited, and the model has no power limit",
  },
  { preset: "v100-sxm2", precision: "fp16", m: 8192, n: 8192, k: 8192, measuredTflops: 97.36, source: ZZC_V100, role: "fit", note: "" },
  { preset: "v100-sxm2", precision: "fp16", m: 4096, n: 4096, k: 4096, measuredTflops: 95.73, source: ZZC_V100, role: "check", note: "" },
  {
    preset: "v100-sxm2", precision: "fp16", m: 2048, n: 2048, k: 2048, measuredTflops: 78.23, source: ZZC_V100, role: "check",
    note: "tile quantization the model does not follow: it picks 64×64 tiles (1024 CTAs, 13 waves on 80 SMs); with cuBLAS's large Volta tiles (256×128: 128 CTAs, 2 waves at 80% occupancy) the fit's 97.6 × 0.8 = 78.1 matches the run (the kernel's tile is not given in the source)",
  },
  {
    preset: "v100-sxm2", precision: "fp16", m: 10240, n: 10240, k: 10240, measuredTflops: 89.37, source: ZZC_V100, role: "check",
    note: "the same run's largest size falls 8% below its 8192³: the longest kernels run hottest and slowest under the 300 W limit (as on H100 SXM at 8192³), which one efficiency per chip cannot follow",
  },
  { preset: "rtx4090", precision: "bf16", m: 8192, n: 8192, k: 8192, measuredTflops: 160.17, source: ZZC_4090, role: "fit", note: "" },
  {
    preset: "rtx4090", precision: "bf16", m: 4096, n: 4096, k: 4096, measuredTflops: 151.5, source: ZZC_4090, role: "check",
    note: "run-to-run scatter on a GeForce card whose clock floats with power and temperature: the same run's fp16 4096³ (the same tensor rate) measured 168.38, 11% above this bf16 figure",
  },
  {
    preset: "rtx4090", precision: "bf16", m: 2048, n: 2048, k: 2048, measuredTflops: 164.81, source: ZZC_4090, role: "check",
    note: "as for 4096³, the other way: this size ran faster than the run's 8192³ (the fit), which the model, smaller kernels carrying more fixed cost, cannot follow",
  },
  {
    preset: "rtx4090", precision: "bf16", m: 2040, n: 2040, k: 2040, measuredTflops: 155.9,
    source: "pytorch/pytorch issue #181718 (2026-04-28), 'Examples' table, N = 2040 row: square bf16 torch matmul on an RTX 4090, 155.9 TF/s (cuBLAS kernel ampere_bf16_s1688gemm_bf16_128x128_ldg8_f2f_stages_32x1_nn)",
    role: "check",
    note: "",
  },
  { preset: "b200", precision: "bf16", m: 8192, n: 8192, k: 8192, measuredTflops: 1610, source: PYPTX, role: "fit", note: "" },
  { preset: "b200", precision: "bf16", m: 4096, n: 4096, k: 4096, measuredTflops: 1532, source: PYPTX, role: "check", note: "" },
  { preset: "b200", precision: "bf16", m: 8192, n: 4096, k: 8192, measuredTflops: 1648, source: PYPTX, role: "check", note: "" },
  {
    preset: "b200", precision: "bf16", m: 2048, n: 2048, k: 2048, measuredTflops: 1006, source: PYPTX, role: "check",
    note: "a 15 µs kernel: fixed costs dominate, and besides the measured 2.5 µs per launch (gpu-params.ts) they are guesses (fill, epilogue, ramp-up and tail)",
  },
  {
    preset: "b200", precision: "bf16", m: 1792, n: 16128, k: 3072, measuredTflops: 1745.0, source: `${MAMF("NVIDIA B200 SXM", "BF16")}, torch 2.7.1+cu128`, role: "check",
    note: "this best-of-sweep point runs at 77.6% of peak where pyptx's 8192³ cuBLAS run (the fit) ran at 71.6% on the same CUDA 12.8: the two B200s or their power settings differ, and one efficiency cannot match both",
  },
  {
    preset: "b200", precision: "fp8", m: 15360, n: 4096, k: 3072, measuredTflops: 3432.5, source: `${MAMF("NVIDIA B200 SXM", "FP8 (float8_e4m3fn)")}, torch._scaled_mm, torch 2.7.1+cu128`, role: "check",
    note: "as for the bf16 best-of-sweep point: this sweep's B200 ran faster than the fit point's",
  },
];

/** The tile model's TFLOPS (2 per MAC) for a point, with the given parameters (default: the preset's). */
export function modelTflops(pt: CalibrationPoint, params?: GpuParams): number {
  const preset = gpuPreset(pt.preset);
  const prec = parsePrecision(pt.precision);
  if (!preset || !prec.ok) throw new Error(`calibration point ${pt.preset}/${pt.precision}`);
  const P = params ?? presetParams(preset);
  const plan = planGemm(P, prec.precision.activations, prec.precision.weights, prec.precision);
  if (!plan.ok) throw new Error(plan.reason);
  // Operands as stored (fp8: 1 byte); C in the input type, as every run cited writes it (mamf-finder.py allocates C in
  // the benchmark dtype; XLA's table is bf16xbf16->bf16).
  const a = operandBitsPerElement(prec.precision.activations) / 8;
  const bytes = { a, b: operandBitsPerElement(prec.precision.weights) / 8, c: a };
  const t = gemmTiming(P, plan.value, { m: pt.m, n: pt.n, k: pt.k }, 1, bytes);
  return (2 * pt.m * pt.n * pt.k) / (t.cycles / (P.clockMhz * 1e6)) / 1e12;
}


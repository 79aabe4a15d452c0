import type { GpuParams } from "./gpu-params.js";
import { gpuPreset, presetParams } from "./gpu-params.js";
import { planGemm } from "./execution-plan.js";
import { gemmTiming } from "./tile-timing.js";
import { parsePrecision } from "../precision.js";

/** A published, measured GEMM throughput the tile model is calibrated or checked against. */
export interface CalibrationPoint {
  readonly preset: string;
  readonly precision: string;
  readonly m: number;
  readonly n: number;
  readonly k: number;
  readonly measuredTflops: number;
  readonly source: string;
  /** `fit`: the point `mainLoopEfficiency` was set from; `check`: held out. */
  readonly role: "fit" | "check";
}

const PYPTX = "pyptx.dev/performance, 'Blackwell GEMM (tcgen05, bf16)' table, cuBLAS column (B200, PyTorch 2.8 / CUDA 12.8, CUDA events over 20–200 iterations)";

/** cuBLAS bf16 GEMMs measured on B200: the fit point (8192³) and two held-out shapes. */
export const CALIBRATION_POINTS: readonly CalibrationPoint[] = [
  { preset: "b200", precision: "bf16", m: 8192, n: 8192, k: 8192, measuredTflops: 1610, source: PYPTX, role: "fit" },
  { preset: "b200", precision: "bf16", m: 4096, n: 4096, k: 4096, measuredTflops: 1532, source: PYPTX, role: "check" },
  { preset: "b200", precision: "bf16", m: 8192, n: 4096, k: 8192, measuredTflops: 1648, source: PYPTX, role: "check" },
  { preset: "b200", precision: "bf16", m: 2048, n: 2048, k: 2048, measuredTflops: 1006, source: PYPTX, role: "check" },
];

/** The tile model's TFLOPS (2 per MAC) for a point, with the given parameters (default: the preset's). */
export function modelTflops(pt: CalibrationPoint, params?: GpuParams): number {
  const preset = gpuPreset(pt.preset);
  const prec = parsePrecision(pt.precision);
  if (!preset || !prec.ok) throw new Error(`calibration point ${pt.preset}/${pt.precision}`);
  const P = params ?? presetParams(preset);
  const plan = planGemm(P, prec.precision.activations, prec.precision.weights, prec.precision);
  if (!plan.ok) throw new Error(plan.reason);
  const b = 2;
  const t = gemmTiming(P, plan.value, { m: pt.m, n: pt.n, k: pt.k }, 1, { a: b, b, c: b });
  return (2 * pt.m * pt.n * pt.k) / (t.cycles / (P.clockMhz * 1e6)) / 1e12;
}


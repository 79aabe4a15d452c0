import type { RoundingMode } from "../../sim/numerics/rounding.js";

/** Which elements share a scale: the whole tensor, each index along `axis`, or runs of `blockSize` along `axis`. */
export type Granularity =
  | { readonly kind: "per-tensor" }
  | { readonly kind: "per-channel"; readonly axis: number }
  | { readonly kind: "per-block"; readonly axis: number; readonly blockSize: number };

/** How the clipping range is found: the largest |x| (or min/max), or a percentile such as 99.99 of |x|. */
export type Calibration = { readonly kind: "absmax" } | { readonly kind: "percentile"; readonly percentile: number };

/**
 * How the scale is chosen from the calibrated range: `fit` maps it exactly onto the format's range
 * (absmax → the largest integer, or a float format's max finite value); `pow2` rounds that scale up to a
 * power of two (never clips more, and x/scale is then exact); `unit` uses scale 1 (a plain cast).
 */
export type ScaleMode = "fit" | "pow2" | "unit";

/** Scale-and-cast quantization to a scalar format from sim/numerics (int or float). */
export interface ScaledScheme {
  readonly kind: "scaled";
  /** A scalar format id understood by lookupScalar (int8, uint8, int4, fp8-e4m3, fp4-e2m1, bf16, ...). */
  readonly formatId: string;
  readonly granularity: Granularity;
  /** Symmetric: zero point 0, range ±threshold. Asymmetric: [min, max] mapped with a zero point. */
  readonly symmetric: boolean;
  readonly calibration: Calibration;
  /** Default "fit". */
  readonly scaleMode?: ScaleMode;
  /** Rounding of x/scale + zeroPoint into the format; default "rne". */
  readonly rounding?: RoundingMode;
  /** Seed and random bits for stochastic rounding (required when rounding is "stochastic"). */
  readonly stochastic?: { readonly seed: number | bigint; readonly bits: number };
}

/**
 * A block format with its own shared-scale rule (OCP MX, NVFP4, BFP, NF4; ids from sim/numerics/formats/block.ts).
 * Blocks run along `axis` (the reduction axis of a GEMM operand: 1 for A[m×k], 0 for B[k×n]).
 */
export interface BlockFormatScheme {
  readonly kind: "block";
  readonly formatId: string;
  readonly axis: number;
  readonly blockSize?: number;
  readonly scaleRule?: "ocp" | "ceil";
  readonly convention?: "ocp" | "microxcaling";
}

/** Any quantization scheme. */
export type QuantScheme = ScaledScheme | BlockFormatScheme;

/** Convenience: symmetric per-tensor absmax quantization to a format. */
export function perTensorSymmetric(formatId: string): ScaledScheme {
  return { kind: "scaled", formatId, granularity: { kind: "per-tensor" }, symmetric: true, calibration: { kind: "absmax" } };
}

import { decode, encode } from "../../sim/numerics/codec.js";
import { fromFloat64, toFloat64 } from "../../sim/numerics/float64.js";
import { maxFiniteCode } from "../../sim/numerics/formats/float.js";
import type { ScalarFormat } from "../../sim/numerics/formats/format.js";
import { intMax, intMin } from "../../sim/numerics/formats/int.js";
import { lookupScalar } from "../../sim/numerics/formats/registry.js";
import type { EncodeOptions } from "../../sim/numerics/round-pack.js";
import { createPrng } from "../../sim/prng.js";
import { float64Encoder } from "../../sim/numerics/fast/encode-float64.js";
import type { Result } from "../result.js";
import { fail, ok } from "../result.js";
import type { Tensor } from "../tensors/tensor.js";
import { calibrateGroups } from "./calibrate.js";
import type { GroupRanges } from "./calibrate.js";
import { groupLayout } from "./groups.js";
import type { QuantScheme } from "./scheme.js";
import { quantizeBlockFormat } from "./block-format.js";

/**
 * A quantized tensor: element i is approximated by (value(codes[i]) − zeroPoints[g]) · scales[g], g its group.
 * Scales and zero points are float64 (not yet rounded to a scale format).
 */
export interface QuantizedTensor {
  readonly shape: readonly number[];
  readonly format: ScalarFormat;
  readonly scheme: QuantScheme;
  /** One code per element, in the format's encoding (sim/numerics codes). */
  readonly codes: BigUint64Array;
  readonly groupShape: readonly number[];
  /** Group of each element (row-major). */
  readonly groupOf: Int32Array;
  readonly scales: Float64Array;
  /** Zero points in code-value units (0 for symmetric schemes; integers for integer formats). */
  readonly zeroPoints: Float64Array;
  /** Elements outside their group's calibrated range (clipped to the format's range). */
  readonly clipped: number;
}

/** The format's value range as used for scaling: [qmin, qmax] (integers) or ±max finite (floats). */
export function formatRange(f: ScalarFormat): { qmin: number; qmax: number } {
  if (f.kind === "int") return { qmin: Number(intMin(f)), qmax: Number(intMax(f)) };
  const max = toFloat64(decode(f, maxFiniteCode(f, 0)));
  return { qmin: f.signed ? -max : 0, qmax: max };
}

/** Round half to even (the zero point of an integer format is itself an integer). */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Smallest power of two ≥ s (s > 0, finite), computed exactly. */
function pow2Ceil(s: number): number {
  let e = Math.ceil(Math.log2(s));
  if (2 ** (e - 1) >= s) e -= 1;
  if (2 ** e < s) e += 1;
  return 2 ** e;
}

/** Options of `quantize` beyond the scheme. */
export interface QuantizeOptions {
  /**
   * Calibrated ranges computed elsewhere, one per group (e.g. the absmax of a whole tensor from a streaming pass,
   * when `t` holds only some of its rows). Without it, `t` itself is calibrated. Block schemes ignore it.
   */
  readonly ranges?: GroupRanges;
}

/**
 * Quantize a tensor: calibrate a range per group, choose scale (and zero point), then encode
 * v = x/scale + zeroPoint into the format with one rounding (sim/numerics encode, saturating at the format's
 * range). x/scale itself is a float64 division, exact when the scale is a power of two (scaleMode "pow2").
 */
export function quantize(t: Tensor, scheme: QuantScheme, options: QuantizeOptions = {}): Result<QuantizedTensor> {
  if (scheme.kind === "block") return quantizeBlockFormat(t, scheme);
  const lf = lookupScalar(scheme.formatId);
  if (!lf.ok) return lf;
  const f = lf.format;
  if (f.kind === "int" && f.bits > 32) return fail(`${f.id}: integer formats wider than 32 bits are not supported as quantization targets`);
  if (!f.signed && f.kind === "float") return fail(`${f.id} is an unsigned scale format, not an element format`);
  if (scheme.symmetric && !f.signed) return fail(`${f.id} is unsigned: use an asymmetric scheme (zero point) or a signed format`);
  if (scheme.calibration.kind === "percentile") {
    const p = scheme.calibration.percentile;
    if (!(p > 50 && p <= 100)) return fail(`percentile ${p} must be in (50, 100]`);
  }
  const rounding = scheme.rounding ?? "rne";
  if (rounding === "stochastic") {
    const s = scheme.stochastic;
    if (!s) return fail("stochastic rounding needs scheme.stochastic = { seed, bits }");
    if (!Number.isInteger(s.bits) || s.bits < 1 || s.bits > 64) return fail(`stochastic bits ${s.bits} must be in 1..64`);
  }
  const layout = groupLayout(t.shape, scheme.granularity);
  if (!layout.ok) return layout;
  const { groupOf, groupCount } = layout.value;
  if (options.ranges && (options.ranges.lo.length !== groupCount || options.ranges.hi.length !== groupCount)) {
    throw new RangeError(`quantize: ${options.ranges.hi.length} given ranges for ${groupCount} groups`);
  }
  const { lo, hi } = options.ranges ?? calibrateGroups(t.data, layout.value, scheme.calibration, scheme.symmetric);
  const { qmin, qmax } = formatRange(f);
  // A symmetric integer range is ±qmax (int8: ±127), so −128 is never produced.
  const vmin = scheme.symmetric ? -qmax : qmin;
  const scales = new Float64Array(groupCount);
  const zeroPoints = new Float64Array(groupCount);
  const mode = scheme.scaleMode ?? "fit";
  for (let g = 0; g < groupCount; g++) {
    if (mode === "unit") {
      scales[g] = 1;
      continue;
    }
    let s = scheme.symmetric ? hi[g]! / qmax : (hi[g]! - lo[g]!) / (qmax - qmin);
    if (!(s > 0) || !Number.isFinite(s)) s = 1; // empty or all-zero group
    if (mode === "pow2") s = pow2Ceil(s);
    scales[g] = s;
    if (!scheme.symmetric) {
      zeroPoints[g] = f.kind === "int"
        ? Math.min(qmax, Math.max(qmin, roundHalfEven(qmin - lo[g]! / s)))
        : -(hi[g]! + lo[g]!) / (2 * s);
    }
  }
  const opts: EncodeOptions = {
    rounding,
    overflow: "saturate",
    ...(scheme.stochastic ? { stochastic: { rng: createPrng(scheme.stochastic.seed), bits: scheme.stochastic.bits } } : {}),
  };
  // Deterministic modes take the float64 kernel (tested equal to encode); stochastic needs the reference path.
  const fast = rounding === "stochastic" ? undefined : float64Encoder(f, opts);
  const fastEncode = fast?.ok ? fast.encode : undefined;
  const codes = new BigUint64Array(t.data.length);
  let clipped = 0;
  for (let i = 0; i < t.data.length; i++) {
    const x = t.data[i]!;
    const g = groupOf[i]!;
    let v = x / scales[g]! + zeroPoints[g]!;
    if (mode === "unit" ? v > qmax || v < vmin : x > hi[g]! || x < lo[g]!) clipped++;
    if (f.kind === "int") v = Math.min(qmax, Math.max(vmin, v)); // clamp first: NaN stays NaN and encodes to 0
    codes[i] = fastEncode ? BigInt(fastEncode(v)) : encode(f, fromFloat64(v), opts).code;
  }
  return ok({
    shape: [...t.shape], format: f, scheme, codes, groupShape: layout.value.groupShape, groupOf,
    scales, zeroPoints, clipped,
  });
}

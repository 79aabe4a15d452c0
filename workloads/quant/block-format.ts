import type { BlockFormat } from "../../sim/numerics/formats/block.js";
import { lookupBlock } from "../../sim/numerics/formats/block.js";
import type { ScalarFormat } from "../../sim/numerics/formats/format.js";
import { intFormat } from "../../sim/numerics/formats/format.js";
import { maxFiniteCode } from "../../sim/numerics/formats/float.js";
import { intMax } from "../../sim/numerics/formats/int.js";
import { quantizeBlocks } from "../../sim/numerics/block-quantize.js";
import { decode } from "../../sim/numerics/codec.js";
import { fromFloat64, toFloat64 } from "../../sim/numerics/float64.js";
import { float64Encoder } from "../../sim/numerics/fast/encode-float64.js";
import { codeValueTable } from "../../sim/numerics/fast/decode-float64.js";
import type { Result } from "../result.js";
import { fail, ok } from "../result.js";
import type { Tensor } from "../tensors/tensor.js";
import { groupLayout } from "./groups.js";
import type { BlockFormatScheme } from "./scheme.js";
import type { QuantizedTensor } from "./quantize.js";

/** floor(log2 x) for finite x > 0, exactly (Math.log2 can land on the wrong side of a power of two). */
function floorLog2(x: number): number {
  let e = Math.floor(Math.log2(x));
  if (2 ** e > x) e -= 1;
  if (2 ** (e + 1) <= x) e += 1;
  return e;
}

/** Blocks counted by the path they took; tests pass one to prove the fast path ran (not the reference twice). */
export interface BlockPathCounts {
  fast: number;
  reference: number;
}

/**
 * Quantize a tensor into a block format along `scheme.axis`. The result is a QuantizedTensor whose
 * groups are the blocks: element i ≈ value(codes[i]) · scales[block], with codes in the element format.
 * MX, BFP (power-of-two scales) and NVFP4 take float64 fast paths that must equal sim's `quantizeBlocks`
 * (tested); blocks they cannot do exactly go through `quantizeBlocks` itself. NF4 is a codebook, not
 * value·scale, and is refused.
 */
export function quantizeBlockFormat(t: Tensor, scheme: BlockFormatScheme, paths?: BlockPathCounts): Result<QuantizedTensor> {
  const lb = lookupBlock(scheme.formatId);
  if (!lb.ok) return lb;
  const fmt = lb.format;
  if (fmt.family === "nf4") {
    return fail("nf4 is a codebook format (weights are looked up, not scaled): it cannot be a GEMM operand here; use int4 or mxfp4");
  }
  const blockSize = scheme.blockSize ?? fmt.defaultBlockSize;
  const layout = groupLayout(t.shape, { kind: "per-block", axis: scheme.axis, blockSize });
  if (!layout.ok) return layout;
  const { groupOf, groupCount } = layout.value;
  const members: number[][] = Array.from({ length: groupCount }, () => []);
  for (let i = 0; i < t.data.length; i++) members[groupOf[i]!]!.push(i);
  const convention = scheme.convention ?? "ocp";
  const elem: ScalarFormat =
    convention === "microxcaling" && fmt.element.kind === "int" && fmt.family === "mx"
      ? intFormat({ id: `${fmt.element.id}-sym`, bits: fmt.element.bits, signed: true, symmetric: true })
      : fmt.element;
  const codes = new BigUint64Array(t.data.length);
  const scales = new Float64Array(groupCount);
  const fast =
    fmt.family === "mx" || fmt.family === "bfp"
      ? pow2Quantizer(fmt, elem, scheme)
      : fmt.family === "nvfp4"
        ? nvfp4Quantizer(fmt, scheme)
        : undefined;
  for (let g = 0; g < groupCount; g++) {
    const idx = members[g]!;
    const xs = idx.map((i) => t.data[i]!);
    const quick = fast?.(xs);
    const q = quick ?? referenceBlock(fmt, xs, scheme, blockSize);
    if (!q.ok) return q;
    if (paths) paths[quick ? "fast" : "reference"]++;
    scales[g] = q.value.scale;
    idx.forEach((i, j) => (codes[i] = BigInt(q.value.codes[j]!)));
  }
  return ok({
    shape: [...t.shape],
    format: elem,
    scheme,
    codes,
    groupShape: layout.value.groupShape,
    groupOf,
    scales,
    zeroPoints: new Float64Array(groupCount),
    clipped: 0,
  });
}

type BlockCodes = Result<{ scale: number; codes: number[] }>;

/** One block through sim's reference quantizer (NVFP4, and MX/BFP blocks with NaN/Inf or extreme range). */
function referenceBlock(fmt: BlockFormat, xs: number[], scheme: BlockFormatScheme, blockSize: number): BlockCodes {
  const r = quantizeBlocks(fmt, xs.map(fromFloat64), { blockSize, scaleRule: scheme.scaleRule, convention: scheme.convention });
  if (!r.ok) return r;
  const b = r.result.blocks[0]!;
  let scale = toFloat64(decode(fmt.scale, b.scaleCode));
  if (fmt.family !== "nvfp4") scale *= 2 ** fmt.elementExp; // MX/BFP: element value · 2^(X + elementExp)
  return ok({ scale, codes: b.codes.map(Number) });
}

/** MX/BFP on float64: X = 2^(floor(log2 amax) − emax) (OCP MX v1.0 §6.3), elements x/X rounded and saturated. */
function pow2Quantizer(fmt: BlockFormat, elem: ScalarFormat, scheme: BlockFormatScheme): ((xs: number[]) => BlockCodes | undefined) | undefined {
  const convention = scheme.convention ?? "ocp";
  const enc = float64Encoder(elem, { rounding: convention === "microxcaling" ? "rna" : "rne", overflow: "saturate", infSaturation: "ml_dtypes" });
  if (!enc.ok) return undefined;
  const encode = enc.encode;
  const maxElemValue = toFloat64(decode(elem, maxCode(elem))) * 2 ** fmt.elementExp;
  return (xs) => {
    let amax = 0;
    for (const x of xs) {
      if (!Number.isFinite(x)) return undefined; // NaN/Inf rules: take the reference path
      const a = Math.abs(x);
      if (a > amax) amax = a;
      if (a !== 0 && (a < 2 ** -900 || a > 2 ** 900)) return undefined; // keep every scaling exact
    }
    let e: number;
    if (amax === 0) e = -127;
    else if (scheme.scaleRule === "ceil") {
      e = floorLog2(amax) - floorLog2(maxElemValue) - 1;
      while (amax > maxElemValue * 2 ** e) e += 1;
    } else if (convention === "microxcaling") e = Math.floor(Math.fround(Math.log2(Math.fround(amax)))) - fmt.elementEmax;
    else e = floorLog2(amax) - fmt.elementEmax;
    e = Math.max(-127, Math.min(127, e));
    const shift = 2 ** (-e - fmt.elementExp);
    return ok({ scale: 2 ** (e + fmt.elementExp), codes: xs.map((x) => encode(x * shift)) });
  };
}

/**
 * NVFP4 on float64 (no tensor scale): scale = E4M3(amax/6), elements E2M1(x/scale), both RNE and saturating, as
 * sim's quantizeBlocks does with exact rationals. A float64 quotient is rounded once more, which can only differ
 * from rounding the exact quotient when it lands exactly on a tie of the target grid; such a tie is detected (RNE
 * and RNA disagree) and accepted only if the quotient was exact (q·divisor == dividend, an exact product here),
 * otherwise the block takes the reference path.
 */
function nvfp4Quantizer(fmt: BlockFormat, scheme: BlockFormatScheme): ((xs: number[]) => BlockCodes | undefined) | undefined {
  if ((scheme.scaleRule ?? "ocp") !== "ocp") return undefined;
  const mk = (f: ScalarFormat, rounding: "rne" | "rna") => float64Encoder(f, { rounding, overflow: "saturate" });
  const scaleNe = mk(fmt.scale, "rne");
  const scaleNa = mk(fmt.scale, "rna");
  const elemNe = mk(fmt.element, "rne");
  const elemNa = mk(fmt.element, "rna");
  if (!scaleNe.ok || !scaleNa.ok || !elemNe.ok || !elemNa.ok) return undefined;
  const scaleValue = codeValueTable(fmt.scale);
  return (xs) => {
    let amax = 0;
    for (const x of xs) {
      if (!Number.isFinite(x)) return undefined;
      const a = Math.abs(x);
      if (a > amax) amax = a;
      if (a !== 0 && (a < 2 ** -900 || a > 2 ** 900)) return undefined;
    }
    const target = amax / 6;
    const scaleCode = scaleNe.encode(target);
    if (scaleCode !== scaleNa.encode(target) && target * 6 !== amax) return undefined; // inexact tie: reference
    const scale = scaleValue[scaleCode]!;
    const codes: number[] = [];
    for (const x of xs) {
      if (scale === 0 || !Number.isFinite(scale)) return undefined;
      const q = x / scale;
      const c = elemNe.encode(q);
      if (c !== elemNa.encode(q) && q * scale !== x) return undefined;
      codes.push(c);
    }
    return ok({ scale, codes });
  };
}

function maxCode(f: ScalarFormat): bigint {
  return f.kind === "int" ? intMax(f) : maxFiniteCode(f, 0);
}

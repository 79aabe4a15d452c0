import type { FiniteRaw, Raw } from "./raw.js";
import { compareRaw, divideWithSticky, leadingExponent, mulExact, addExact, negate, scaleByPowerOfTwo } from "./raw.js";
import type { RoundingMode, StochasticSource } from "./rounding.js";
import type { BlockFormat } from "./formats/block.js";
import type { ScalarFormat } from "./formats/format.js";
import { intFormat } from "./formats/format.js";
import { decode, encode } from "./codec.js";
import { maxFiniteCode } from "./formats/float.js";
import { intMax } from "./formats/int.js";
import { NF4_LEVELS } from "./formats/codebook.js";
import { FP32, fromFloat64, toFloat64 } from "./float64.js";
import { conventionOf } from "./formats/conventions/index.js";

/** `ocp`: floor(log2 amax) − emax_elem (OCP MX v1.0 §6.3, may clip); `ceil`: ceil(log2(amax/max_elem)) (cuBLAS RCEIL, never clips). */
export type ScaleRule = "ocp" | "ceil";
export const SCALE_RULES: readonly ScaleRule[] = ["ocp", "ceil"];

/**
 * `ocp`: the spec (RNE elements, asymmetric MXINT8, NaN/Inf handled per element where the element format can hold them).
 * `microxcaling`: Microsoft's reference emulator (ties-away elements, symmetric MXINT8 ±127/64, any NaN/Inf poisons the
 * whole block, shared exponent from a float32 log2 that can land one binade high just below a power of two).
 */
export type BlockConvention = "ocp" | "microxcaling";
export const BLOCK_CONVENTIONS: readonly BlockConvention[] = ["ocp", "microxcaling"];

export interface BlockQuantizeOptions {
  readonly blockSize?: number;
  readonly scaleRule?: ScaleRule;
  /** Element rounding; defaults to `rne` (ocp) or `rna` (microxcaling). */
  readonly rounding?: RoundingMode;
  readonly convention?: BlockConvention;
  /** NVFP4 only: a per-tensor FP32 scale amax/(6·448) ahead of the E4M3 block scales. */
  readonly tensorScale?: boolean;
  readonly stochastic?: StochasticSource;
}

export interface QuantizedBlock {
  readonly scaleCode: bigint;
  readonly codes: readonly bigint[];
  /** Exact dequantized values: element · scale (· tensor scale). */
  readonly values: readonly Raw[];
}

export interface BlockQuantized {
  readonly format: BlockFormat;
  readonly blockSize: number;
  /** FP32 code of the NVFP4 tensor scale, when used. */
  readonly tensorScaleCode?: bigint;
  readonly blocks: readonly QuantizedBlock[];
}

export type QuantizeOutcome = { ok: true; result: BlockQuantized } | { ok: false; reason: string };

/** Quantize a vector into blocks of a block format. The last block may be short. */
export function quantizeBlocks(fmt: BlockFormat, xs: readonly Raw[], opts: BlockQuantizeOptions = {}): QuantizeOutcome {
  const blockSize = opts.blockSize ?? fmt.defaultBlockSize;
  if (!Number.isInteger(blockSize) || blockSize < 1 || blockSize > 1 << 20) {
    return { ok: false, reason: `block size ${blockSize} is invalid: use an integer from 1 to 1048576` };
  }
  if (opts.tensorScale && fmt.family !== "nvfp4") {
    return { ok: false, reason: `a tensor scale applies to nvfp4 only, not ${fmt.id}` };
  }
  const blocks: QuantizedBlock[] = [];
  let tensorScaleCode: bigint | undefined;
  let tensorScale: Raw | undefined;
  if (fmt.family === "nvfp4" && opts.tensorScale) {
    // arXiv:2509.25149 App. B: s_tensor = amax / (6 · 448), kept in FP32.
    const amax = absMax(xs);
    const raw = amax.cls === "finite" ? divideWithSticky(amax, fromFloat64(2688) as FiniteRaw) : fromFloat64(1);
    tensorScaleCode = encode(FP32, raw).code;
    tensorScale = decode(FP32, tensorScaleCode);
  }
  for (let start = 0; start < xs.length; start += blockSize) {
    const block = xs.slice(start, start + blockSize);
    switch (fmt.family) {
      case "mx":
      case "bfp":
        blocks.push(quantizePow2Block(fmt, block, opts));
        break;
      case "nvfp4":
        blocks.push(quantizeNvfp4Block(fmt, block, opts, tensorScale));
        break;
      case "nf4":
        blocks.push(quantizeNf4Block(block));
        break;
    }
  }
  return { ok: true, result: { format: fmt, blockSize, tensorScaleCode, blocks } };
}

/** Largest finite |x| in the list (zero if none). */
function absMax(xs: readonly Raw[]): Raw {
  let best: Raw = { cls: "zero", sign: 0 };
  for (const x of xs) {
    if (x.cls !== "finite") continue;
    const a: Raw = { ...x, sign: 0 };
    if (compareRaw(a, best) > 0) best = a;
  }
  return best;
}

function nanBlock(scaleCode: bigint, n: number): QuantizedBlock {
  return { scaleCode, codes: new Array<bigint>(n).fill(0n), values: new Array<Raw>(n).fill({ cls: "nan", sign: 0 }) };
}

/** Element format actually used: microxcaling's MXINT8 is symmetric (±127). */
function elementFormat(fmt: BlockFormat, convention: BlockConvention): ScalarFormat {
  if (convention === "microxcaling" && fmt.element.kind === "int" && fmt.family === "mx") {
    return intFormat({ id: `${fmt.element.id}-sym`, bits: fmt.element.bits, signed: true, symmetric: true });
  }
  return fmt.element;
}

/** Largest element value (code value · 2^elementExp) as a raw. */
function maxElementRaw(fmt: BlockFormat, elem: ScalarFormat): FiniteRaw {
  const r = elem.kind === "float" ? decode(elem, maxFiniteCode(elem, 0)) : { cls: "finite" as const, sign: 0 as const, sig: intMax(elem), exp: 0 };
  return scaleByPowerOfTwo(r, fmt.elementExp) as FiniteRaw;
}

/** OCP MX v1.0 §6.3 and BFP: power-of-two shared scale X = 2^e, elements V/X rounded to the element format. */
function quantizePow2Block(fmt: BlockFormat, block: readonly Raw[], opts: BlockQuantizeOptions): QuantizedBlock {
  const convention = opts.convention ?? "ocp";
  const rounding = opts.rounding ?? (convention === "microxcaling" ? "rna" : "rne");
  const elem = elementFormat(fmt, convention);
  const nanScale = 0xffn; // E8M0 NaN: the whole block reads as NaN
  const hasSpecial = block.some((x) => x.cls === "nan" || x.cls === "inf");
  if (hasSpecial) {
    if (convention === "microxcaling") return nanBlock(nanScale, block.length);
    const conv = elem.kind === "float" ? conventionOf(elem.specials) : undefined;
    const elemHoldsAll = block.every(
      (x) => (x.cls !== "nan" || conv?.hasNaN) && (x.cls !== "inf" || conv?.hasInf || conv?.hasNaN),
    );
    if (!elemHoldsAll) return nanBlock(nanScale, block.length);
  }
  const amax = absMax(block);
  let e: number;
  if (amax.cls !== "finite") {
    e = -127; // all-zero block: scale code 0x00 (REFERENCES §3)
  } else if ((opts.scaleRule ?? "ocp") === "ceil") {
    e = ceilScaleExponent(amax, maxElementRaw(fmt, elem));
  } else if (convention === "microxcaling") {
    // float32 log2 as in microxcaling's _shared_exponents: can round up to the next integer just below 2^k.
    const amax32 = Math.fround(toFloat64(amax));
    e = Math.floor(Math.fround(Math.log2(amax32))) - fmt.elementEmax;
  } else {
    e = leadingExponent(amax) - fmt.elementEmax;
  }
  e = Math.max(-127, Math.min(127, e));
  const codes: bigint[] = [];
  const values: Raw[] = [];
  for (const x of block) {
    // Non-finite x here means the element format holds it (checked above): Inf → Inf or NaN per convention.
    const scaled = scaleByPowerOfTwo(x, -e - fmt.elementExp);
    const enc = encode(elem, scaled, {
      rounding,
      overflow: "saturate",
      infSaturation: "ml_dtypes",
      stochastic: opts.stochastic,
    });
    codes.push(enc.code);
    values.push(scaleByPowerOfTwo(decode(elem, enc.code), e + fmt.elementExp));
  }
  return { scaleCode: BigInt(e + 127), codes, values };
}

/** Smallest e with amax ≤ maxElem · 2^e (cuBLAS RCEIL). */
function ceilScaleExponent(amax: FiniteRaw, maxElem: FiniteRaw): number {
  let e = leadingExponent(amax) - leadingExponent(maxElem) - 1;
  while (compareRaw(amax, scaleByPowerOfTwo(maxElem, e)) > 0) e += 1;
  return e;
}

/** NVFP4: E4M3 scale = amax_b / 6 (/ tensor scale), elements V / scale rounded RNE to E2M1, saturating. */
function quantizeNvfp4Block(fmt: BlockFormat, block: readonly Raw[], opts: BlockQuantizeOptions, tensorScale: Raw | undefined): QuantizedBlock {
  const scaleFmt = fmt.scale;
  const nanScale = encode(scaleFmt, { cls: "nan", sign: 0 }).code;
  if (block.some((x) => x.cls === "nan" || x.cls === "inf")) return nanBlock(nanScale, block.length);
  const amax = absMax(block);
  const six = fromFloat64(6) as FiniteRaw;
  let scaleCode = 0n;
  if (amax.cls === "finite") {
    let target = divideWithSticky(amax, six) as FiniteRaw;
    if (tensorScale?.cls === "finite") target = divideWithSticky(target, tensorScale) as FiniteRaw;
    const scaleRounding: RoundingMode = (opts.scaleRule ?? "ocp") === "ceil" ? "rup" : "rne";
    scaleCode = encode(scaleFmt, target, { rounding: scaleRounding, overflow: "saturate" }).code;
  }
  let scale = decode(scaleFmt, scaleCode);
  if (tensorScale?.cls === "finite") scale = mulExact(scale, tensorScale);
  const rounding = opts.rounding ?? "rne";
  const codes: bigint[] = [];
  const values: Raw[] = [];
  for (const x of block) {
    const q = scale.cls === "finite" && x.cls === "finite" ? divideWithSticky(x, scale) : x.cls === "zero" ? x : { cls: "zero" as const, sign: x.sign };
    const enc = encode(fmt.element, q, { rounding, overflow: "saturate", stochastic: opts.stochastic });
    codes.push(enc.code);
    values.push(mulExact(decode(fmt.element, enc.code), scale));
  }
  return { scaleCode, codes, values };
}

/** NF4 (arXiv:2305.14314 §3): FP32 absmax per block, each element the nearest level · absmax (ties to the lower code). */
function quantizeNf4Block(block: readonly Raw[]): QuantizedBlock {
    if (block.some((x) => x.cls === "nan" || x.cls === "inf")) return nanBlock(encode(FP32, { cls: "nan", sign: 0 }).code, block.length);
  const scaleCode = encode(FP32, absMax(block)).code;
  const scale = decode(FP32, scaleCode);
  const levels = NF4_LEVELS.map((l) => mulExact(fromFloat64(l), scale));
  const codes: bigint[] = [];
  const values: Raw[] = [];
  for (const x of block) {
    let best = 0;
    let bestDist: Raw | undefined;
    levels.forEach((lv, i) => {
      const d = addExact(x, negate(lv));
      const dist: Raw = d.cls === "finite" ? { ...d, sign: 0 } : { cls: "zero", sign: 0 };
      if (bestDist === undefined || compareRaw(dist, bestDist) < 0) {
        best = i;
        bestDist = dist;
      }
    });
    codes.push(BigInt(best));
    values.push(levels[best]!);
  }
  return { scaleCode, codes, values };
}


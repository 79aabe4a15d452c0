import type { ScalarFormat } from "../formats/format.js";
import type { AccumulatorSpec } from "../ops/accumulator.js";
import type { ProductInfo } from "./accumulate-float64.js";
import { prepareFloat64Accumulator } from "./accumulate-float64.js";
import type { TcStepFlags } from "./tc-block-step.js";
import { tcBlockStep, tcScratch } from "./tc-block-step.js";
import { tcKernelLimit } from "./tc-dot.js";
import { prepareDotUnitFloat64 } from "./dot-unit-float64.js";

/**
 * A dot-product unit's register stepped on float64 products, `lanes` products per step: the fast path of an
 * array of dot<n> PEs. Integers: the n products are summed exactly (an adder tree) and the sum is added to the
 * register with its wrap or saturation. Tensor-core specs: one block FMA per step (Fasi et al. 2021), the
 * register as c. Tests prove every step equal to the reference `accumulateProducts` (ops/dot.ts).
 */
export interface Float64BlockAccumulator {
  readonly zero: number;
  readonly lanes: number;
  /** One dot-unit step: register ⊕ (p[0] + … + p[count − 1]), count ≤ lanes. */
  addBlock(acc: number, p: Float64Array, count: number): number;
  /** The output buffer's add of a fold's partial sum (the same unit, one addend; an fp32 RNE add when promoting). */
  combine(acc: number, partial: number): number;
  /**
   * Promotion (tensor-core-promoted specs): every `promotionInterval` products the block chain restarts from zero
   * and its partial is added into the fp32 accumulator with `combine` (DeepSeek-V3 §3.3.2). Absent: no promotion.
   */
  readonly promotionInterval?: number;
  code(acc: number): bigint;
  readonly outputFormat: ScalarFormat;
}

export type Float64BlockAccumulatorOutcome = { ok: true; acc: Float64BlockAccumulator } | { ok: false; reason: string };

/** Prepare the stepper, or say why there is none (callers fall back to ops/dot.ts). */
export function prepareFloat64BlockAccumulator(spec: AccumulatorSpec, lanes: number, products: ProductInfo): Float64BlockAccumulatorOutcome {
  const no = (reason: string): Float64BlockAccumulatorOutcome => ({ ok: false, reason: `no float64 dot-unit path for ${spec.id}: ${reason}` });
  if (spec.kind === "int") {
    // The tree sum of `lanes` products is exact in binary64 while lanes·max|p| < 2^50.
    if (products.maxAbs * lanes >= 2 ** 50) return no("tree sums beyond 2^50");
    const one = prepareFloat64Accumulator(spec, { ...products, maxAbs: products.maxAbs * lanes });
    if (!one.ok) return one;
    const acc = one.acc;
    return {
      ok: true,
      acc: {
        zero: acc.zero,
        lanes,
        addBlock(a, p, count) {
          let s = 0;
          for (let j = 0; j < count; j++) s += p[j]!;
          return acc.add(a, s);
        },
        combine: acc.combine,
        code: acc.code,
        outputFormat: acc.outputFormat,
      },
    };
  }
  if (spec.kind === "dot-unit") return prepareDotUnitFloat64(spec, lanes);
  if (spec.kind !== "tensor-core" && spec.kind !== "tensor-core-promoted") return no(`${spec.kind} accumulators are not dot units (use a tensor-core spec)`);
  if (spec.blockSize !== lanes) return no(`block size ${spec.blockSize} is not the PE's ${lanes} lanes`);
  const f = spec.outputFormat;
  if (!(f.expBits === 8 && f.manBits === 23)) return no(`the binary64 kernel keeps binary32 registers, not ${f.id}`);
  const promoted = spec.kind === "tensor-core-promoted";
  const blockRounding = promoted ? spec.partialRounding : spec.outputRounding;
  if (blockRounding !== "rne" && blockRounding !== "rtz") return no(`rounding ${blockRounding}`);
  // The promoted add is Math.fround(acc + partial): correctly rounded to nearest for two binary32 operands.
  if (promoted && spec.outputRounding !== "rne") return no(`promotion rounding ${spec.outputRounding} (the kernel adds with RNE)`);
  const limit = tcKernelLimit({ blockSize: lanes, fracBits: spec.fracBits, neab: spec.neab, blockRounding, promotionInterval: null });
  if (limit) return no(limit);
  const shift = spec.fracBits + spec.neab;
  const rtz = blockRounding === "rtz";
  const scratch = tcScratch();
  const flags: TcStepFlags = { inexact: false, overflow: false, underflow: false };
  const one = new Float64Array(1);
  const view = new DataView(new ArrayBuffer(4));
  const step = (d: number, p: Float64Array, count: number): number => {
    let maxAbs = d < 0 ? -d : d;
    let special = d !== d || maxAbs === Infinity;
    for (let j = 0; j < count; j++) {
      const ap = p[j]! < 0 ? -p[j]! : p[j]!;
      if (ap > maxAbs) maxAbs = ap;
      else if (ap !== ap) special = true;
    }
    if (special || maxAbs === Infinity) return specialSum(d, p, count);
    if (maxAbs === 0) return zeroSum(d, p, count);
    return tcBlockStep(d, p, count, maxAbs, shift, rtz, scratch, flags);
  };
  return {
    ok: true,
    acc: {
      zero: 0,
      lanes,
      addBlock: step,
      combine: promoted
        ? (acc, partial) => Math.fround(acc + partial)
        : (acc, partial) => {
            one[0] = partial;
            return step(acc, one, 1);
          },
      ...(promoted ? { promotionInterval: spec.promotionInterval } : {}),
      code(acc) {
        view.setFloat32(0, acc);
        return BigInt(view.getUint32(0));
      },
      outputFormat: f,
    },
  };
}

/** IEEE rules for a block with a NaN or ∞ addend: NaN if any NaN or ∞ − ∞, else the infinity. */
function specialSum(d: number, p: Float64Array, count: number): number {
  let nan = d !== d;
  let pos = d === Infinity;
  let neg = d === -Infinity;
  for (let j = 0; j < count; j++) {
    const x = p[j]!;
    if (x !== x) nan = true;
    else if (x === Infinity) pos = true;
    else if (x === -Infinity) neg = true;
  }
  return nan || (pos && neg) ? NaN : pos ? Infinity : -Infinity;
}

/** A block of zeros: −0 only if every addend, the register included, is −0 (IEEE 754 §6.3). */
function zeroSum(d: number, p: Float64Array, count: number): number {
  if (!Object.is(d, -0)) return 0;
  for (let j = 0; j < count; j++) if (!Object.is(p[j], -0)) return 0;
  return -0;
}

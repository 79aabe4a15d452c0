import { createPrng } from "../../sim/prng.js";
import type { Prng } from "../../sim/prng.js";
import type { Result } from "../result.js";
import { fail, ok } from "../result.js";
import type { Tensor } from "./tensor.js";
import { shapeSize, stridesOf } from "./tensor.js";
import { counterKey, counterLaplace, counterNormal, counterUniform, NORMAL_ABS_BOUND } from "./counter-rng.js";

/**
 * Value distributions for synthetic tensors. `channel-outliers` models the emergent outlier features of large
 * transformers (Dettmers et al., "LLM.int8(): 8-bit Matrix Multiplication for Transformers at Scale",
 * NeurIPS 2022, arXiv:2208.07339): a normal tensor in which a small fraction of channels (feature dimensions)
 * along `axis` is scaled by a large factor. The defaults (0.5% of channels, 20–60×) are hwsim's choice of a
 * representative stress case, not figures taken from the paper.
 */
export type Distribution =
  | { readonly kind: "normal"; readonly mean?: number; readonly std?: number }
  | { readonly kind: "laplace"; readonly loc?: number; readonly scale?: number }
  | { readonly kind: "uniform"; readonly low?: number; readonly high?: number }
  | {
      readonly kind: "channel-outliers";
      /** Standard deviation of the normal bulk; default 1. */
      readonly std?: number;
      /** Fraction of channels made outliers, in [0, 1]; default 0.005. At least one when > 0. */
      readonly fraction?: number;
      /** Each outlier channel is scaled by a factor drawn uniformly from [factorMin, factorMax]; default 20–60. */
      readonly factorMin?: number;
      readonly factorMax?: number;
      /** Channel axis; negative counts from the end. Default −1 (the feature dimension of [tokens, features]). */
      readonly axis?: number;
    };

/** A generated tensor with the outlier channels (empty unless `channel-outliers`) and their scale factors. */
export interface GeneratedTensor {
  readonly tensor: Tensor;
  readonly outlierChannels: readonly number[];
  readonly outlierFactors: readonly number[];
}

/**
 * A tensor whose elements are made on demand: element i is a pure function of (distribution, seed, i), so any
 * row, column or single element can be drawn without the rest, and the same seed gives the same values however
 * few of them are drawn. `generateTensor` is this, materialised.
 */
export interface LazyTensor {
  readonly shape: readonly number[];
  readonly size: number;
  /** Element at a row-major flat index. */
  at(index: number): number;
  /** Elements start, start + stride, … (count of them) into out[offset …]. */
  fill(out: Float64Array, offset: number, start: number, stride: number, count: number): void;
  /** channel-outliers: the outlier channels (ascending) along `outlierAxis`, and their factors. */
  readonly outlierChannels: readonly number[];
  readonly outlierFactors: readonly number[];
  readonly outlierAxis: number;
  /**
   * A proven bound on |x| for every element outside the outlier channels, from the generator's construction
   * (e.g. Box–Muller never exceeds 8.58σ); Infinity when none. Lets an exact absmax skip the bulk.
   */
  readonly bulkAbsBound: number;
}

const finite = (v: number): boolean => Number.isFinite(v);

/** Draw a tensor of the given shape from a distribution; the same seed always gives the same values. */
export function generateTensor(dist: Distribution, shape: readonly number[], seed: number | bigint): Result<Tensor> {
  const r = generateDetailed(dist, shape, seed);
  return r.ok ? ok(r.value.tensor) : r;
}

/** As generateTensor, also reporting which channels were made outliers. */
export function generateDetailed(dist: Distribution, shape: readonly number[], seed: number | bigint): Result<GeneratedTensor> {
  const lazy = lazyTensor(dist, shape, seed);
  if (!lazy.ok) return lazy;
  const t = lazy.value;
  const data = new Float64Array(t.size);
  t.fill(data, 0, 0, 1, t.size);
  return ok({ tensor: { shape: [...shape], data }, outlierChannels: t.outlierChannels, outlierFactors: t.outlierFactors });
}

/** A lazily drawn tensor (see LazyTensor); parameters are checked here, once. */
export function lazyTensor(dist: Distribution, shape: readonly number[], seed: number | bigint): Result<LazyTensor> {
  if (!shape.every((d) => Number.isSafeInteger(d) && d >= 0)) return fail(`shape [${shape.join(", ")}] must hold non-negative integers`);
  const size = shapeSize(shape);
  if (!Number.isSafeInteger(size)) return fail(`shape [${shape.join(", ")}] has more than 2^53 elements`);
  // Independent keys for the values and for the choice of outlier channels.
  const valuesKey = counterKey(seed);
  const pickSeed = BigInt.asUintN(64, BigInt(seed)) ^ 0x9e3779b97f4a7c15n;
  const make = (valueAt: (i: number) => number, bulkAbsBound: number, outliers?: { channels: number[]; factors: number[]; axis: number }): Result<LazyTensor> =>
    ok({
      shape: [...shape],
      size,
      at: valueAt,
      fill(out, offset, start, stride, count) {
        for (let c = 0, i = start; c < count; c++, i += stride) out[offset + c] = valueAt(i);
      },
      outlierChannels: outliers?.channels ?? [],
      outlierFactors: outliers?.factors ?? [],
      outlierAxis: outliers?.axis ?? -1,
      bulkAbsBound,
    });
  switch (dist.kind) {
    case "normal": {
      const mean = dist.mean ?? 0;
      const std = dist.std ?? 1;
      if (!finite(mean) || !finite(std) || std < 0) return fail(`normal: mean ${mean} and std ${std} must be finite, std ≥ 0`);
      return make((i) => mean + std * counterNormal(valuesKey, i), Infinity);
    }
    case "laplace": {
      const loc = dist.loc ?? 0;
      const b = dist.scale ?? 1;
      if (!finite(loc) || !finite(b) || b < 0) return fail(`laplace: loc ${loc} and scale ${b} must be finite, scale ≥ 0`);
      return make((i) => loc + b * counterLaplace(valuesKey, i), Infinity);
    }
    case "uniform": {
      const lo = dist.low ?? -1;
      const hi = dist.high ?? 1;
      if (!finite(lo) || !finite(hi) || !(lo < hi)) return fail(`uniform: low ${lo} must be below high ${hi}, both finite`);
      return make((i) => lo + (hi - lo) * counterUniform(valuesKey, i, 0), Infinity);
    }
    case "channel-outliers": {
      const std = dist.std ?? 1;
      const fraction = dist.fraction ?? 0.005;
      const fMin = dist.factorMin ?? 20;
      const fMax = dist.factorMax ?? 60;
      const axis = dist.axis ?? -1;
      if (!finite(std) || std < 0) return fail(`channel-outliers: std ${std} must be finite and ≥ 0`);
      if (!(fraction >= 0 && fraction <= 1)) return fail(`channel-outliers: fraction ${fraction} must be in [0, 1]`);
      if (!(fMin >= 1 && fMin <= fMax && finite(fMax))) return fail(`channel-outliers: factors must satisfy 1 ≤ factorMin (${fMin}) ≤ factorMax (${fMax})`);
      const ax = axis < 0 ? shape.length + axis : axis;
      if (!Number.isInteger(ax) || ax < 0 || ax >= shape.length) return fail(`channel-outliers: axis ${axis} is out of range for rank ${shape.length}`);
      const channels = shape[ax]!;
      const count = fraction === 0 || channels === 0 ? 0 : Math.max(1, Math.round(fraction * channels));
      const pickRng = createPrng(pickSeed);
      const picked = pickDistinct(pickRng, channels, count).sort((a, b) => a - b);
      const factors = picked.map(() => fMin + (fMax - fMin) * pickRng.nextFloat64());
      const factorOf = new Float64Array(channels).fill(1);
      picked.forEach((c, j) => (factorOf[c] = factors[j]!));
      const stride = stridesOf(shape)[ax]!;
      return make(
        (i) => std * counterNormal(valuesKey, i) * factorOf[Math.floor(i / stride) % channels]!,
        std * NORMAL_ABS_BOUND,
        { channels: picked, factors, axis: ax },
      );
    }
  }
}

/** `count` distinct integers from [0, n), by a partial Fisher–Yates shuffle over a sparse map (O(count) memory). */
function pickDistinct(rng: Prng, n: number, count: number): number[] {
  const swapped = new Map<number, number>();
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(rng.nextFloat64() * (n - i));
    const vj = swapped.get(j) ?? j;
    swapped.set(j, swapped.get(i) ?? i);
    out.push(vj);
  }
  return out;
}

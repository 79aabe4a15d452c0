import { createPrng } from "../../sim/prng.js";
import type { Prng } from "../../sim/prng.js";
import type { Result } from "../result.js";
import { fail, ok } from "../result.js";
import type { Tensor } from "./tensor.js";
import { shapeSize, stridesOf } from "./tensor.js";

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

const finite = (v: number): boolean => Number.isFinite(v);

/** Draw a tensor of the given shape from a distribution; the same seed always gives the same values. */
export function generateTensor(dist: Distribution, shape: readonly number[], seed: number | bigint): Result<Tensor> {
  const r = generateDetailed(dist, shape, seed);
  return r.ok ? ok(r.value.tensor) : r;
}

/** As generateTensor, also reporting which channels were made outliers. */
export function generateDetailed(dist: Distribution, shape: readonly number[], seed: number | bigint): Result<GeneratedTensor> {
  if (!shape.every((d) => Number.isSafeInteger(d) && d >= 0)) return fail(`shape [${shape.join(", ")}] must hold non-negative integers`);
  const n = shapeSize(shape);
  const root = createPrng(seed);
  const valuesRng = root.fork();
  const data = new Float64Array(n);
  const done = (outlierChannels: number[] = [], outlierFactors: number[] = []): Result<GeneratedTensor> =>
    ok({ tensor: { shape: [...shape], data }, outlierChannels, outlierFactors });
  switch (dist.kind) {
    case "normal": {
      const mean = dist.mean ?? 0;
      const std = dist.std ?? 1;
      if (!finite(mean) || !finite(std) || std < 0) return fail(`normal: mean ${mean} and std ${std} must be finite, std ≥ 0`);
      for (let i = 0; i < n; i++) data[i] = mean + std * valuesRng.nextNormal();
      return done();
    }
    case "laplace": {
      const loc = dist.loc ?? 0;
      const b = dist.scale ?? 1;
      if (!finite(loc) || !finite(b) || b < 0) return fail(`laplace: loc ${loc} and scale ${b} must be finite, scale ≥ 0`);
      for (let i = 0; i < n; i++) data[i] = loc + b * laplaceUnit(valuesRng);
      return done();
    }
    case "uniform": {
      const lo = dist.low ?? -1;
      const hi = dist.high ?? 1;
      if (!finite(lo) || !finite(hi) || !(lo < hi)) return fail(`uniform: low ${lo} must be below high ${hi}, both finite`);
      for (let i = 0; i < n; i++) data[i] = lo + (hi - lo) * valuesRng.nextFloat64();
      return done();
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
      for (let i = 0; i < n; i++) data[i] = std * valuesRng.nextNormal();
      const channels = shape[ax]!;
      const count = fraction === 0 || channels === 0 ? 0 : Math.max(1, Math.round(fraction * channels));
      const pickRng = root.fork();
      const picked = pickDistinct(pickRng, channels, count).sort((a, b) => a - b);
      const factors = picked.map(() => fMin + (fMax - fMin) * pickRng.nextFloat64());
      const factorOf = new Float64Array(channels).fill(1);
      picked.forEach((c, j) => (factorOf[c] = factors[j]!));
      const stride = stridesOf(shape)[ax]!;
      for (let i = 0; i < n; i++) data[i] = data[i]! * factorOf[Math.floor(i / stride) % channels]!;
      return done(picked, factors);
    }
  }
}

/** Standard Laplace sample (scale 1) by inverting the CDF: −sgn(u)·ln(1 − 2|u|), u uniform in (−½, ½). */
function laplaceUnit(rng: Prng): number {
  let f = 0;
  while (f === 0) f = rng.nextFloat64();
  const u = f - 0.5;
  return -Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
}

/** `count` distinct integers from [0, n), by a partial Fisher–Yates shuffle. */
function pickDistinct(rng: Prng, n: number, count: number): number[] {
  const pool = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(rng.nextFloat64() * (n - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}

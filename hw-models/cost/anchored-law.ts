/**
 * A scaling law fitted through calibration anchors. The law gives the shape; each anchor fixes the
 * coefficient c_i = value_i / law(size_i). Between anchors the coefficient is interpolated geometrically in
 * log(size); outside them the nearest anchor's coefficient is used, i.e. the value scales by the law from the
 * nearest anchor. The model therefore reproduces every anchor exactly and follows the law everywhere else.
 */
import { estimate, type CostUnit, type Estimate } from "./estimate.js";
import type { ScalingLaw } from "./scaling-laws.js";

/** One calibration point: a size in the law's units and the sourced value there. */
export interface LawAnchor {
  readonly size: number;
  readonly value: Estimate;
}

/** How a value was obtained. */
export type AnchorMethod = "anchor" | "interpolated" | "extrapolated";

/** A fitted law: evaluate at any positive size. */
export interface AnchoredLaw {
  readonly law: ScalingLaw;
  readonly anchors: readonly LawAnchor[];
  readonly unit: CostUnit;
  /** Value at `size`, with a source naming the law, the anchors used and the method. */
  readonly at: (size: number) => Estimate;
  /** The method `at(size)` uses. */
  readonly methodAt: (size: number) => AnchorMethod;
}

/** Fit `law` through `anchors` (sizes distinct and positive, values positive, one unit). */
export function anchoredLaw(what: string, law: ScalingLaw, anchors: readonly LawAnchor[]): AnchoredLaw {
  if (anchors.length === 0) throw new RangeError(`${what}: no anchors`);
  const sorted = [...anchors].sort((x, y) => x.size - y.size);
  const unit = sorted[0]!.value.unit;
  for (const [i, a] of sorted.entries()) {
    if (!(a.size > 0) || !(a.value.value > 0)) throw new RangeError(`${what}: anchors need positive size and value`);
    if (a.value.unit !== unit) throw new RangeError(`${what}: mixed units ${unit} and ${a.value.unit}`);
    if (i > 0 && a.size === sorted[i - 1]!.size) throw new RangeError(`${what}: duplicate anchor size ${a.size}`);
  }
  const coef = sorted.map((a) => a.value.value / law.at(a.size));
  const lo = sorted[0]!;
  const hi = sorted[sorted.length - 1]!;

  const methodAt = (size: number): AnchorMethod => {
    if (sorted.some((a) => a.size === size)) return "anchor";
    return size > lo.size && size < hi.size ? "interpolated" : "extrapolated";
  };

  const at = (size: number): Estimate => {
    if (!(size > 0) || !Number.isFinite(size)) throw new RangeError(`${what}: size must be positive, got ${size}`);
    const exact = sorted.find((a) => a.size === size);
    if (exact) return estimate(exact.value.value, unit, `${what} at ${size}: anchor (${exact.value.source})`);
    const tail = `law ${law.id} (${law.source})`;
    if (size < lo.size || size > hi.size) {
      const near = size < lo.size ? 0 : sorted.length - 1;
      const a = sorted[near]!;
      const v = coef[near]! * law.at(size);
      return estimate(v, unit, `${what} at ${size}: ${tail}, scaled from nearest anchor ${a.size} (${a.value.source})`);
    }
    const j = sorted.findIndex((a) => a.size > size);
    const a0 = sorted[j - 1]!;
    const a1 = sorted[j]!;
    const t = (Math.log(size) - Math.log(a0.size)) / (Math.log(a1.size) - Math.log(a0.size));
    const c = Math.exp((1 - t) * Math.log(coef[j - 1]!) + t * Math.log(coef[j]!));
    return estimate(
      c * law.at(size),
      unit,
      `${what} at ${size}: ${tail}, coefficient interpolated (geometric in log size) between anchors ${a0.size} (${a0.value.source}) and ${a1.size} (${a1.value.source})`,
    );
  };

  return { law, anchors: sorted, unit, at, methodAt };
}

/** A single-coefficient fit of a law to anchors: how well the law alone explains them. */
export interface LawFit {
  /** Least-squares coefficient in log space (geometric mean of value/law). */
  readonly coefficient: number;
  /** Largest |fit/anchor − 1| over the anchors. */
  readonly maxRelativeError: number;
}

/** Fit value ≈ k·law(size) with one coefficient k, minimising squared log error. */
export function fitSingleCoefficient(law: ScalingLaw, anchors: readonly LawAnchor[]): LawFit {
  if (anchors.length === 0) throw new RangeError("fitSingleCoefficient: no anchors");
  const logs = anchors.map((a) => Math.log(a.value.value / law.at(a.size)));
  const k = Math.exp(logs.reduce((s, x) => s + x, 0) / logs.length);
  const maxRelativeError = Math.max(...anchors.map((a) => Math.abs((k * law.at(a.size)) / a.value.value - 1)));
  return { coefficient: k, maxRelativeError };
}

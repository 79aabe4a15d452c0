/**
 * A counter-based random source: the value at an index is a pure function of (seed, index), so any element of
 * a tensor can be drawn without the ones before it (the idea of Salmon et al., "Parallel Random Numbers: As
 * Easy as 1, 2, 3", SC 2011). The mixing function is MurmurHash3's 32-bit finalizer (Appleby), a bijection with
 * full avalanche, applied in two rounds over the seed key and the 53-bit index, then once per 32-bit lane.
 */

/** MurmurHash3 fmix32. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A 64-bit key expanded from a seed (any integer, negative and above 2^32 included). */
export interface CounterKey {
  readonly k0: number;
  readonly k1: number;
}

export function counterKey(seed: number | bigint): CounterKey {
  const s = BigInt.asUintN(64, BigInt(seed));
  const lo = Number(s & 0xffffffffn);
  const hi = Number(s >> 32n);
  const k0 = fmix32(lo ^ 0x243f6a88);
  return { k0, k1: fmix32(k0 ^ hi ^ 0x85a308d3) };
}

const LANES = [0x9e3779b9, 0x7f4a7c15, 0xf39cc060, 0x5ced8c8b] as const;

/** Two rounds over the key and the 53-bit index: the lanes of one index all start from this. */
function indexHash(key: CounterKey, index: number): number {
  const lo = index >>> 0;
  const hi = Math.floor(index / 4294967296) >>> 0;
  return fmix32(fmix32(lo ^ key.k0) ^ hi ^ key.k1);
}

/** 32 random bits for (key, index, lane); index is a non-negative safe integer, lane 0–3. */
export function counterBits(key: CounterKey, index: number, lane: 0 | 1 | 2 | 3): number {
  return fmix32(indexHash(key, index) ^ LANES[lane]);
}

/** 53 bits from two lanes of one index hash, as an integer in [0, 2^53). */
function bits53(h: number, laneA: number, laneB: number): number {
  return (fmix32(h ^ laneA) >>> 5) * 67108864 + (fmix32(h ^ laneB) >>> 6);
}

/** Uniform in [0, 1) with 53 random bits, from lanes (2p, 2p+1). */
export function counterUniform(key: CounterKey, index: number, pair: 0 | 1): number {
  const h = indexHash(key, index);
  return (pair === 0 ? bits53(h, LANES[0], LANES[1]) : bits53(h, LANES[2], LANES[3])) / 9007199254740992;
}

/** (2j + 1)/2^53 for a 52-bit j: in (0, 1), exactly representable, never 0, 1 or ½. */
function openUniform(h: number, laneA: number, laneB: number): number {
  const j = (fmix32(h ^ laneA) >>> 6) * 67108864 + (fmix32(h ^ laneB) >>> 6); // 26 + 26 bits
  return (2 * j + 1) / 9007199254740992;
}

/**
 * Uniform in the open interval (0, 1): (2j + 1)/2^53 for a 52-bit j, exactly representable, never 0, 1 or ½.
 * Used where a logarithm must stay finite (Box–Muller, the Laplace inverse CDF).
 */
export function counterOpenUniform(key: CounterKey, index: number, pair: 0 | 1): number {
  const h = indexHash(key, index);
  return pair === 0 ? openUniform(h, LANES[0], LANES[1]) : openUniform(h, LANES[2], LANES[3]);
}

/**
 * Largest |z| a counter normal can take: Box–Muller gives |z| ≤ sqrt(−2 ln u) with u ≥ 2^−53, i.e.
 * sqrt(106 ln 2) = 8.5717; the margin covers Math.log/sqrt/cos rounding.
 */
export const NORMAL_ABS_BOUND = 8.58;

/** Standard normal at an index: Box–Muller's cosine branch on two open uniforms (one value per index). */
export function counterNormal(key: CounterKey, index: number): number {
  const h = indexHash(key, index); // one index hash feeds all four lanes
  const u = openUniform(h, LANES[0], LANES[1]);
  const v = bits53(h, LANES[2], LANES[3]) / 9007199254740992;
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Largest |x| of a standard counter Laplace: −ln(1 − 2|u − ½|) with |u − ½| ≤ ½ − 2^−53 gives ≤ 52 ln 2 = 36.04. */
export const LAPLACE_ABS_BOUND = 36.05;

/** Standard Laplace (scale 1) at an index, by inverting the CDF: −sgn(u − ½)·ln(1 − 2|u − ½|). */
export function counterLaplace(key: CounterKey, index: number): number {
  const d = counterOpenUniform(key, index, 0) - 0.5; // exact: same binade arithmetic, never 0
  return -Math.sign(d) * Math.log(1 - 2 * Math.abs(d));
}

/**
 * The only source of randomness in hwsim: a seeded xoshiro128** generator.
 * State lives in the returned object, never at module level, so two runs with the
 * same seed give the same stream (Blackman & Vigna, "Scrambled linear PRNGs", 2018).
 */
export interface Prng {
  /** Next uniformly distributed 32-bit unsigned integer. */
  nextUint32(): number;
  /** Uniform float64 in [0, 1) with 53 random bits. */
  nextFloat64(): number;
  /** r uniformly random bits (0 ≤ r ≤ 64) as a bigint in [0, 2^r). */
  nextBits(r: number): bigint;
  /** Standard normal sample (Box–Muller on two uniforms). */
  nextNormal(): number;
  /** Independent generator derived from this one (for parallel streams). */
  fork(): Prng;
}

/** SplitMix32-style mixing used only to expand a seed into 128 bits of state. */
function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  let z = x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Create a seeded generator. Any integer seed (negative and > 2^32 included) is accepted. */
export function createPrng(seed: number | bigint): Prng {
  const s64 = BigInt.asUintN(64, BigInt(seed));
  let lo = Number(s64 & 0xffffffffn);
  const hi = Number(s64 >> 32n);
  const state = new Uint32Array(4);
  lo = mix32(lo ^ 0x5bd1e995);
  state[0] = mix32(lo);
  state[1] = mix32(state[0]! ^ hi);
  state[2] = mix32(state[1]! + 0x6a09e667);
  state[3] = mix32(state[2]! ^ 0xbb67ae85);
  if ((state[0]! | state[1]! | state[2]! | state[3]!) === 0) state[0] = 1;
  return fromState(state);
}

function fromState(s: Uint32Array): Prng {
  const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;
  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s[1]!, 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1]! << 9) >>> 0;
    s[2] = s[2]! ^ s[0]!;
    s[3] = s[3]! ^ s[1]!;
    s[1] = s[1]! ^ s[2]!;
    s[0] = s[0]! ^ s[3]!;
    s[2] = s[2]! ^ t;
    s[3] = rotl(s[3]!, 11);
    return result;
  };
  let spareNormal: number | null = null;
  const prng: Prng = {
    nextUint32,
    nextFloat64() {
      const a = nextUint32() >>> 5; // 27 bits
      const b = nextUint32() >>> 6; // 26 bits
      return (a * 67108864 + b) / 9007199254740992;
    },
    nextBits(r: number): bigint {
      if (r < 0 || r > 64 || !Number.isInteger(r)) throw new RangeError(`nextBits: r=${r} must be an integer in [0, 64]`);
      if (r === 0) return 0n;
      const v = (BigInt(nextUint32()) << 32n) | BigInt(nextUint32());
      return v >> BigInt(64 - r);
    },
    nextNormal() {
      if (spareNormal !== null) {
        const v = spareNormal;
        spareNormal = null;
        return v;
      }
      let u = 0;
      while (u === 0) u = prng.nextFloat64();
      const v = prng.nextFloat64();
      const rad = Math.sqrt(-2 * Math.log(u));
      spareNormal = rad * Math.sin(2 * Math.PI * v);
      return rad * Math.cos(2 * Math.PI * v);
    },
    fork() {
      const seedLo = nextUint32();
      const seedHi = nextUint32();
      return createPrng((BigInt(seedHi) << 32n) | BigInt(seedLo));
    },
  };
  return prng;
}

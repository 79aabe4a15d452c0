/**
 * Test vectors for co-simulating a generated unit: seeded random steps (mostly finite codes, some of every
 * code, c near the products' range or anywhere, scales near 1 or at their extremes) and hand-picked edge cases
 * (signed zeros, maxima, NaN and ∞ where the format has them, exact cancellation, wrap-around, overflow,
 * underflow). Randomness comes only from the seeded PRNG argument.
 */
import { decode } from "../../sim/numerics/codec.js";
import type { FloatFormat, ScalarFormat } from "../../sim/numerics/formats/format.js";
import { intAccumulatorFormat } from "../../sim/numerics/ops/accumulator.js";
import type { Prng } from "../../sim/prng.js";
import type { UnitVector } from "./unit-reference.js";
import type { UnitSpec } from "./unit-spec.js";

/** Largest finite positive code of a float format (by its special-value policy). */
export function maxFiniteCode(f: FloatFormat): bigint {
  const ones = (1n << BigInt(f.expBits)) - 1n;
  const m = BigInt(f.manBits);
  switch (f.specials) {
    case "ieee":
      return (ones << m) - 1n;
    case "fn":
      return (ones << m) | ((1n << m) - 2n);
    case "e8m0":
      return ones - 1n;
    default:
      return (ones << m) | ((1n << m) - 1n);
  }
}

const signBit = (f: ScalarFormat) => 1n << BigInt(f.bits - 1);

function anyCode(p: Prng, f: ScalarFormat): bigint {
  return p.nextBits(f.bits);
}

function finiteCode(p: Prng, f: FloatFormat): bigint {
  for (;;) {
    const c = p.nextBits(f.bits);
    const cls = decode(f, c).cls;
    if (cls === "finite" || cls === "zero") return c;
  }
}

/** A float code with a random sign and fraction and a biased exponent field drawn from [lo, hi]. */
function codeWithField(p: Prng, f: FloatFormat, lo: number, hi: number): bigint {
  const top = 2 ** f.expBits - (f.specials === "ieee" ? 2 : 1);
  const field = Math.max(0, Math.min(top, lo + (p.nextUint32() % (hi - lo + 1))));
  const code = (BigInt(field) << BigInt(f.manBits)) | p.nextBits(f.manBits);
  return f.signed && p.nextUint32() & 1 ? code | signBit(f) : code;
}

function scaleCode(p: Prng, f: FloatFormat): bigint {
  // Mostly near 1 (what quantizers produce), sometimes anywhere (overflow, underflow, NaN, zero, negative).
  if (p.nextUint32() % 4 !== 0) return codeWithField(p, f, f.bias - 6, f.bias + 6) & (f.signed ? ~signBit(f) : -1n);
  return anyCode(p, f);
}

/** c for a float unit: near the products' exponents (cancellation, truncation), any code, or a signed zero. */
function floatC(p: Prng, u: Extract<UnitSpec, { kind: "float" }>): bigint {
  const out = u.accumulator.outputFormat;
  const r = p.nextUint32() % 8;
  if (r === 0) return anyCode(p, out);
  if (r === 1) return p.nextUint32() & 1 ? signBit(out) : 0n;
  // Random elements have magnitudes around 1, so products do too: c near 2^0 cancels and truncates them.
  const spread = r < 5 ? 4 : 24;
  return codeWithField(p, out, out.bias - spread, out.bias + spread);
}

/** `count` seeded random steps for the unit. */
export function randomVectors(u: UnitSpec, p: Prng, count: number): UnitVector[] {
  const out: UnitVector[] = [];
  for (let k = 0; k < count; k++) {
    if (u.kind === "int") {
      const a = Array.from({ length: u.n }, () => anyCode(p, u.a));
      const b = Array.from({ length: u.n }, () => anyCode(p, u.b));
      out.push({ a, b, sa: 0n, sb: 0n, c: p.nextBits(u.accumulator.widthBits) });
      continue;
    }
    const all = p.nextUint32() % 5 === 0; // one step in five draws from every code (NaN, ∞)
    const el = (f: FloatFormat) => (all ? anyCode(p, f) : finiteCode(p, f));
    const a = Array.from({ length: u.n }, () => el(u.a));
    const b = Array.from({ length: u.n }, () => el(u.b));
    const sa = u.scale ? scaleCode(p, u.scale.format) : 0n;
    const sb = u.scale ? scaleCode(p, u.scale.format) : 0n;
    out.push({ a, b, sa, sb, c: floatC(p, u) });
  }
  return out;
}

/** Hand-picked edge steps for the unit (each names what it checks). */
export function edgeVectors(u: UnitSpec): { what: string; v: UnitVector }[] {
  const n = u.n;
  const fill = (x: bigint) => Array.from({ length: n }, () => x);
  const alt = (x: bigint, y: bigint) => Array.from({ length: n }, (_, i) => (i % 2 === 0 ? x : y));
  const cases: { what: string; v: UnitVector }[] = [];
  const add = (what: string, a: bigint[], b: bigint[], c: bigint, sa = 0n, sb = 0n) => cases.push({ what, v: { a, b, sa, sb, c } });
  if (u.kind === "int") {
    const accF = intAccumulatorFormat(u.accumulator);
    const min = BigInt.asUintN(u.a.bits, -(1n << BigInt(u.a.bits - 1)));
    const max = (1n << BigInt(u.a.bits - 1)) - 1n;
    const accMax = (1n << BigInt(accF.bits - 1)) - 1n;
    const accMin = 1n << BigInt(accF.bits - 1);
    add("zeros", fill(0n), fill(0n), 0n);
    add("min × min in every lane", fill(min), fill(min), 0n);
    add("min × max in every lane", fill(min), fill(max), 0n);
    add("wraps past the accumulator maximum", fill(min), fill(min), accMax);
    add("wraps past the accumulator minimum", fill(min), fill(max), accMin);
    add("exact cancellation of c", fill(1n), fill(1n), BigInt.asUintN(accF.bits, -BigInt(n)));
    return cases;
  }
  const fa = u.a;
  const out = u.accumulator.outputFormat;
  const one = (f: FloatFormat) => BigInt(f.bias) << BigInt(f.manBits);
  const neg = (f: FloatFormat, x: bigint) => x | signBit(f);
  const s1 = u.scale ? one(u.scale.format) : 0n; // scale 1 (E8M0 code 127, E4M3 0x38)
  const maxA = maxFiniteCode(fa);
  const outMax = maxFiniteCode(out);
  add("+0 products and +0 c give +0", fill(0n), fill(0n), 0n, s1, s1);
  add("−0 products and −0 c give −0", fill(neg(fa, 0n)), fill(0n), neg(out, 0n), s1, s1);
  add("−0 products and +0 c give +0", fill(neg(fa, 0n)), fill(0n), 0n, s1, s1);
  add("max × max in every lane", fill(maxA), fill(maxA), 0n, s1, s1);
  add("max × −max in every lane", fill(maxA), fill(neg(fa, maxA)), 0n, s1, s1);
  if (n > 1) add("products cancel exactly to +0", fill(maxA), alt(maxA, neg(fa, maxA)), 0n, s1, s1);
  add("c cancels the product exactly", [one(fa), ...fill(0n).slice(1)], [one(fa), ...fill(0n).slice(1)], neg(out, one(out)), s1, s1);
  add("c at the output maximum, positive products (truncated away)", fill(one(fa)), fill(one(fa)), outMax, s1, s1);
  add("c at −max, products truncated", fill(one(fa)), fill(one(fa)), neg(out, outMax), s1, s1);
  add("smallest subnormal c, zero products", fill(0n), fill(0n), 1n, s1, s1);
  add("smallest subnormal c, one product", [1n, ...fill(0n).slice(1)], [1n, ...fill(0n).slice(1)], 1n, s1, s1);
  // The add of the exact block sum into c: c = 2^p (p the output's significand bits) has an ulp of 2, so a block
  // sum of 1 is a tie (RNE keeps the even c) and a little more rounds up; a c far below the sum becomes sticky.
  const cTie = BigInt(out.bias + out.manBits + 1) << BigInt(out.manBits);
  // 0.5 (a subnormal code when the bias is 1, as in E2M1): 0.5 × 0.5 = 0.25 lies inside every window below 1.
  const half = fa.bias >= 2 ? BigInt(fa.bias - 1) << BigInt(fa.manBits) : 1n << BigInt(fa.manBits - 1);
  const oneAndQuarter = [one(fa), half, ...fill(0n).slice(2)];
  add("block sum 1 on c = 2^p: a tie, rounds to even", [one(fa), ...fill(0n).slice(1)], [one(fa), ...fill(0n).slice(1)], cTie, s1, s1);
  add("−(block sum 1) on −2^p: a tie, rounds to even", [neg(fa, one(fa)), ...fill(0n).slice(1)], [one(fa), ...fill(0n).slice(1)], neg(out, cTie), s1, s1);
  if (n > 1) add("block sum 1.25 on c = 2^p, above the tie, rounds up", oneAndQuarter, oneAndQuarter, cTie, s1, s1);
  add("smallest subnormal −c below a block sum of 1 (sticky subtraction)", [one(fa), ...fill(0n).slice(1)], [one(fa), ...fill(0n).slice(1)], neg(out, 1n), s1, s1);
  const inf = BigInt(2 ** out.expBits - 1) << BigInt(out.manBits);
  add("c = +∞", fill(one(fa)), fill(one(fa)), inf, s1, s1);
  add("c = −∞", fill(one(fa)), fill(one(fa)), neg(out, inf), s1, s1);
  add("c = NaN", fill(one(fa)), fill(one(fa)), inf | 1n, s1, s1);
  if (fa.specials === "ieee") {
    const ainf = BigInt(2 ** fa.expBits - 1) << BigInt(fa.manBits);
    add("∞ × 1 gives ∞", [ainf, ...fill(0n).slice(1)], [one(fa), ...fill(0n).slice(1)], 0n);
    add("∞ × 0 gives NaN", [ainf, ...fill(0n).slice(1)], fill(0n), 0n);
    add("∞ + (−∞) lanes give NaN", [ainf, ...fill(0n).slice(1)], [one(fa), ...fill(0n).slice(1)], neg(out, inf));
    add("−∞ product", [neg(fa, ainf), ...fill(0n).slice(1)], [one(fa), ...fill(0n).slice(1)], 0n);
  }
  if (fa.specials === "ieee" || fa.specials === "fn") {
    const nan = fa.specials === "fn" ? BigInt(2 ** (fa.bits - 1) - 1) : (BigInt(2 ** fa.expBits - 1) << BigInt(fa.manBits)) | 1n;
    add("a NaN element", [nan, ...fill(one(fa)).slice(1)], fill(one(fa)), 0n, s1, s1);
  }
  if (u.scale) {
    const sf = u.scale.format;
    const sMax = maxFiniteCode(sf);
    add("largest scales on the largest elements (output overflow)", fill(maxA), fill(maxA), 0n, sMax, sMax);
    add("smallest scales (underflow below the output's subnormals)", fill(one(fa)), fill(neg(fa, one(fa))), 0n, sf.specials === "e8m0" ? 0n : 1n, sf.specials === "e8m0" ? 0n : 1n);
    const sNan = sf.specials === "e8m0" ? 0xffn : BigInt(2 ** (sf.bits - 1) - 1);
    add("NaN scale", fill(one(fa)), fill(one(fa)), 0n, sNan, s1);
    if (sf.specials !== "e8m0") add("zero scale gives zero products", fill(maxA), fill(maxA), neg(out, 0n), 0n, s1);
  }
  return cases;
}

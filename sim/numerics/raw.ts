/**
 * Encoding-free exact values, in the spirit of Berkeley HardFloat's "raw" form.
 * A finite value is (-1)^sign · sig · 2^exp with sig a positive bigint; nothing is rounded here.
 */
export type Sign = 0 | 1;

export type Raw =
  | { readonly cls: "zero"; readonly sign: Sign }
  | { readonly cls: "inf"; readonly sign: Sign }
  | { readonly cls: "nan"; readonly sign: Sign }
  | { readonly cls: "finite"; readonly sign: Sign; readonly sig: bigint; readonly exp: number };

export type FiniteRaw = Extract<Raw, { cls: "finite" }>;

export const ZERO: Raw = { cls: "zero", sign: 0 };
export const NEG_ZERO: Raw = { cls: "zero", sign: 1 };
export const NAN: Raw = { cls: "nan", sign: 0 };
export const INF: Raw = { cls: "inf", sign: 0 };
export const NEG_INF: Raw = { cls: "inf", sign: 1 };

/** Build a finite raw value; sig = 0 gives a (signed) zero. sig may be negative (sign folded in). */
export function finite(sign: Sign, sig: bigint, exp: number): Raw {
  if (sig < 0n) {
    sig = -sig;
    sign = sign === 0 ? 1 : 0;
  }
  if (sig === 0n) return { cls: "zero", sign };
  return { cls: "finite", sign, sig, exp };
}

/** Number of bits in a positive bigint (bitLength(1) = 1). */
export function bitLength(x: bigint): number {
  if (x <= 0n) return 0;
  // toString(16) is the fastest exact way in V8 for large values; small values take the number path.
  if (x < 0x20000000000000n) return numberBitLength(Number(x));
  const hex = x.toString(16);
  return (hex.length - 1) * 4 + numberBitLength(parseInt(hex[0]!, 16));
}

function numberBitLength(n: number): number {
  if (n < 0x100000000) return 32 - Math.clz32(n);
  return 32 + (32 - Math.clz32(Math.floor(n / 0x100000000)));
}

/** Remove trailing zero bits from sig (canonical form for comparisons). */
export function normalize(x: Raw): Raw {
  if (x.cls !== "finite") return x;
  let { sig, exp } = x;
  if ((sig & 1n) === 1n) return x;
  let tz = 0;
  while (((sig >> BigInt(tz)) & 0xffffffffn) === 0n) tz += 32;
  while (((sig >> BigInt(tz)) & 1n) === 0n) tz += 1;
  sig >>= BigInt(tz);
  exp += tz;
  return { cls: "finite", sign: x.sign, sig, exp };
}

/** Unbiased exponent of the leading bit: floor(log2|x|) for finite nonzero x. */
export function leadingExponent(x: FiniteRaw): number {
  return bitLength(x.sig) - 1 + x.exp;
}

/** Negate (NaN keeps its class; the sign bit flips as in IEEE 754 negate). */
export function negate(x: Raw): Raw {
  const sign: Sign = x.sign === 0 ? 1 : 0;
  return { ...x, sign } as Raw;
}

/** Exact comparison of two non-NaN raws: -1, 0 or 1. Zeros compare equal regardless of sign. */
export function compareRaw(a: Raw, b: Raw): -1 | 0 | 1 {
  if (a.cls === "nan" || b.cls === "nan") throw new RangeError("compareRaw: NaN is unordered");
  const sa = signum(a);
  const sb = signum(b);
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (sa === 0) return 0;
  const mag = compareMagnitude(a, b);
  return (sa > 0 ? mag : -mag) as -1 | 0 | 1;
}

function signum(x: Raw): -1 | 0 | 1 {
  if (x.cls === "zero") return 0;
  return x.sign ? -1 : 1;
}

/** Compare |a| with |b| for nonzero, non-NaN raws. */
function compareMagnitude(a: Raw, b: Raw): -1 | 0 | 1 {
  if (a.cls === "inf") return b.cls === "inf" ? 0 : 1;
  if (b.cls === "inf") return -1;
  if (a.cls !== "finite" || b.cls !== "finite") throw new Error("unreachable");
  const ea = leadingExponent(a);
  const eb = leadingExponent(b);
  if (ea !== eb) return ea < eb ? -1 : 1;
  const e = Math.min(a.exp, b.exp);
  const va = a.sig << BigInt(a.exp - e);
  const vb = b.sig << BigInt(b.exp - e);
  return va === vb ? 0 : va < vb ? -1 : 1;
}

/** Exact sum of two finite-or-zero raws (no rounding). */
export function addExact(a: Raw, b: Raw): Raw {
  if (a.cls === "zero") return b.cls === "zero" ? { cls: "zero", sign: (a.sign & b.sign) as Sign } : b;
  if (b.cls === "zero") return a;
  if (a.cls !== "finite" || b.cls !== "finite") throw new RangeError("addExact: operands must be finite");
  const e = Math.min(a.exp, b.exp);
  const va = (a.sign ? -a.sig : a.sig) << BigInt(a.exp - e);
  const vb = (b.sign ? -b.sig : b.sig) << BigInt(b.exp - e);
  const s = va + vb;
  return finite(0, s, e);
}

/** Exact product of two finite-or-zero raws. */
export function mulExact(a: Raw, b: Raw): Raw {
  const sign = (a.sign ^ b.sign) as Sign;
  if (a.cls === "zero" || b.cls === "zero") return { cls: "zero", sign };
  if (a.cls !== "finite" || b.cls !== "finite") throw new RangeError("mulExact: operands must be finite");
  return { cls: "finite", sign, sig: a.sig * b.sig, exp: a.exp + b.exp };
}

/**
 * a / b as a raw value with `bits` significant bits plus a sticky bit: rounding the result to any
 * format narrower than `bits` gives the correctly rounded quotient (the sticky bit stands for the
 * nonzero remainder below the guard bit). Exact whenever the quotient is dyadic and fits.
 */
export function divideWithSticky(a: FiniteRaw, b: FiniteRaw, bits = 80): Raw {
  const shift = Math.max(0, bits - (bitLength(a.sig) - bitLength(b.sig)));
  const scaled = a.sig << BigInt(shift);
  const q = scaled / b.sig;
  const sticky = scaled % b.sig === 0n ? 0n : 1n;
  return { cls: "finite", sign: (a.sign ^ b.sign) as Sign, sig: (q << 1n) | sticky, exp: a.exp - b.exp - shift - 1 };
}

/** x · 2^k exactly. */
export function scaleByPowerOfTwo(x: Raw, k: number): Raw {
  return x.cls === "finite" ? { ...x, exp: x.exp + k } : x;
}

/**
 * Scalar number formats as parameters, not code (HardFloat style): a float is exponent and
 * significand widths, a bias and a special-value policy; an integer is a width and signedness.
 */

/**
 * Special-value policy of a float format:
 * - `ieee`: all-ones exponent is Inf (fraction 0) or NaN (IEEE 754 §3.4);
 * - `fn`: no Inf, only S.1111.111 is NaN (OCP OFP8 E4M3, ml_dtypes "fn");
 * - `fnuz`: no Inf, no −0, the single NaN is 0x80 (GraphCore/AMD "fnuz");
 * - `finite`: no Inf, no NaN (OCP MX FP6/FP4);
 * - `e8m0`: unsigned powers of two, no zero, 0xFF is NaN (OCP MX v1.0 §5.4.1).
 */
export type SpecialsPolicy = "ieee" | "fn" | "fnuz" | "finite" | "e8m0";

export interface FloatFormat {
  readonly kind: "float";
  readonly id: string;
  /** Total code width in bits. */
  readonly bits: number;
  readonly expBits: number;
  /** Stored fraction bits (the significand has manBits + 1 bits for normals). */
  readonly manBits: number;
  readonly bias: number;
  readonly signed: boolean;
  readonly specials: SpecialsPolicy;
}

export interface IntFormat {
  readonly kind: "int";
  readonly id: string;
  readonly bits: number;
  readonly signed: boolean;
  /** Symmetric range: min = −max, the code −2^(bits−1) is never produced. */
  readonly symmetric: boolean;
}

export type ScalarFormat = FloatFormat | IntFormat;

/** Build a float format, checking the parameters make sense. */
export function floatFormat(p: Omit<FloatFormat, "kind" | "bits"> & { bits?: number }): FloatFormat {
  const bits = (p.signed ? 1 : 0) + p.expBits + p.manBits;
  if (p.bits !== undefined && p.bits !== bits) throw new RangeError(`${p.id}: bits ${p.bits} ≠ sign+exp+man ${bits}`);
  if (p.expBits < 1 || p.manBits < 0 || bits > 64) throw new RangeError(`${p.id}: bad widths e${p.expBits}m${p.manBits}`);
  if (p.specials === "ieee" && p.expBits < 2) throw new RangeError(`${p.id}: ieee specials need at least 2 exponent bits`);
  return { kind: "float", bits, ...p };
}

/** Build an integer format. */
export function intFormat(p: Omit<IntFormat, "kind">): IntFormat {
  if (!Number.isInteger(p.bits) || p.bits < 1 || p.bits > 64) throw new RangeError(`${p.id}: width must be 1..64`);
  if (p.signed && p.bits < 2) throw new RangeError(`${p.id}: a signed integer needs at least 2 bits`);
  return { kind: "int", ...p };
}

/**
 * Structural descriptors of what a datapath handles. Operands are `{kind:"int", bits}` or
 * `{kind:"float", expBits, manBits}`; a `ScalarFormat` from sim/numerics/formats/format.ts fits as is.
 */
import type { ScalarFormat } from "../../sim/numerics/formats/format.js";

/** An operand as the hardware sees it: integer width, or exponent and stored-fraction widths. */
export type OperandCostSpec =
  | { readonly kind: "int"; readonly bits: number }
  | { readonly kind: "float"; readonly expBits: number; readonly manBits: number; readonly signed?: boolean };

/** Throw on malformed widths (a bug in the caller, not an expected failure). */
export function checkOperand(op: OperandCostSpec): void {
  const ok =
    op.kind === "int"
      ? Number.isInteger(op.bits) && op.bits >= 1 && op.bits <= 128
      : Number.isInteger(op.expBits) && Number.isInteger(op.manBits) && op.expBits >= 1 && op.manBits >= 0 && op.expBits + op.manBits <= 127;
  if (!ok) throw new RangeError(`bad operand descriptor ${JSON.stringify(op)}`);
}

/** Significand width the multiplier array sees: `bits` for integers, manBits + 1 (hidden bit) for floats. */
export function significandBits(op: OperandCostSpec): number {
  return op.kind === "int" ? op.bits : op.manBits + 1;
}

/** Exponent width (0 for integers). */
export function exponentBits(op: OperandCostSpec): number {
  return op.kind === "int" ? 0 : op.expBits;
}

/** Stored width in bits (sign included for signed floats; floats are signed unless `signed: false`). */
export function storageBits(op: OperandCostSpec): number {
  return op.kind === "int" ? op.bits : (op.signed === false ? 0 : 1) + op.expBits + op.manBits;
}

/** Short label, e.g. `int8` or `e4m3`. */
export function describeOperand(op: OperandCostSpec): string {
  return op.kind === "int" ? `int${op.bits}` : `e${op.expBits}m${op.manBits}`;
}

/** The cost-relevant part of a simulator format (widths only; specials and bias do not change the datapath). */
export function operandFromFormat(f: ScalarFormat): OperandCostSpec {
  return f.kind === "int" ? { kind: "int", bits: f.bits } : { kind: "float", expBits: f.expBits, manBits: f.manBits, signed: f.signed };
}

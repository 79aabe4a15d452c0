/** Bit helpers on unsigned 32-bit values held in JS numbers (exact: every value is below 2^53). */

export const u32 = (x: number): number => x >>> 0;
/** Signed value of the `bits`-wide field of `x` starting at bit `lsb`. */
export function sfield(x: number, lsb: number, bits: number): number {
  const v = Math.floor(x / 2 ** lsb) % 2 ** bits;
  return v >= 2 ** (bits - 1) ? v - 2 ** bits : v;
}
/** Unsigned value of the `bits`-wide field of `x` starting at bit `lsb`. */
export function ufield(x: number, lsb: number, bits: number): number {
  return Math.floor(x / 2 ** lsb) % 2 ** bits;
}
/** Two's-complement wrap of an exact integer (|x| < 2^53) to `bits`, as an unsigned code. */
export function wrap(x: number, bits: number): number {
  const m = 2 ** bits;
  return ((x % m) + m) % m;
}
/** Rotate a 32-bit value right. */
export function ror32(x: number, n: number): number {
  n &= 31;
  return n === 0 ? x >>> 0 : ((x >>> n) | (x << (32 - n))) >>> 0;
}
/** Signed saturation to `bits` (ARM SignedSatQ): the value and whether it saturated. */
export function ssat(x: number, bits: number): { value: number; sat: boolean } {
  const hi = 2 ** (bits - 1) - 1;
  const lo = -(2 ** (bits - 1));
  return x > hi ? { value: hi, sat: true } : x < lo ? { value: lo, sat: true } : { value: x, sat: false };
}
/** Unsigned saturation to `bits` (ARM UnsignedSatQ). */
export function usat(x: number, bits: number): { value: number; sat: boolean } {
  const hi = 2 ** bits - 1;
  return x > hi ? { value: hi, sat: true } : x < 0 ? { value: 0, sat: true } : { value: x, sat: false };
}
/** Pack unsigned lane codes (lane 0 lowest) of `bits` each into one unsigned number (≤ 32 bits total). */
export function pack(lanes: readonly number[], bits: number): number {
  let v = 0;
  for (let i = lanes.length - 1; i >= 0; i--) v = v * 2 ** bits + wrap(lanes[i]!, bits);
  return v;
}

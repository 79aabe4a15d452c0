/**
 * Direct bit decoders for the 16-bit floats in tensor files. Every binary16 and bfloat16 value is exactly
 * representable in float64, so these are exact (tests compare them with sim/numerics decode on all codes).
 */

/** Value of an IEEE 754 binary16 code (0..0xFFFF): subnormals f·2^-24, normals (1024+f)·2^(e−25), e = 31 Inf/NaN. */
export function decodeF16Bits(code: number): number {
  const sign = code & 0x8000 ? -1 : 1;
  const e = (code >> 10) & 0x1f;
  const f = code & 0x3ff;
  if (e === 0) return sign * f * 2 ** -24;
  if (e === 31) return f === 0 ? sign * Infinity : NaN;
  return sign * (1024 + f) * 2 ** (e - 25);
}

/** Value of a bfloat16 code (0..0xFFFF): the top half of a binary32, so widen and reinterpret. */
export function decodeBf16Bits(code: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setUint32(0, (code & 0xffff) << 16 >>> 0);
  return view.getFloat32(0);
}

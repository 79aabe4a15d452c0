/** Lanes of a register value held as an unsigned bigint (lane 0 in the low bits). */
export function lanesOf(x: bigint, laneBits: number, count: number): bigint[] {
  const mask = (1n << BigInt(laneBits)) - 1n;
  return Array.from({ length: count }, (_, i) => (x >> BigInt(i * laneBits)) & mask);
}
/** Pack unsigned lane codes (lane 0 lowest) into a register value. */
export function packLanes(lanes: readonly bigint[], laneBits: number): bigint {
  const mask = (1n << BigInt(laneBits)) - 1n;
  let v = 0n;
  for (let i = lanes.length - 1; i >= 0; i--) v = (v << BigInt(laneBits)) | (lanes[i]! & mask);
  return v;
}
/** Signed value of a lane code. */
export function signed(code: bigint, bits: number): bigint {
  return BigInt.asIntN(bits, code);
}

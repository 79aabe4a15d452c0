import type { AccumulatorSpec } from "../ops/accumulator.js";
import type { Float64BlockAccumulator, Float64BlockAccumulatorOutcome } from "./block-accumulate-float64.js";

/**
 * The float64 stepper of a dot-unit accumulator (ops/accumulator.ts DotUnitAccumulatorSpec) with a binary32 RNE
 * register: per step, the block's products are aligned to the largest, truncated below 2^(emax − alignBits + 1)
 * and summed — exactly, since each truncated product is an integer multiple of that power of two below
 * 2^alignBits of them, and their sum stays below 2^53 — then added to the register with one rounding. The one
 * rounding is exact too: s = acc + S in float64 with its TwoSum error e is the exact sum; Math.fround(s) is its
 * binary32 RNE rounding unless s lies exactly on a binary32 midpoint with e ≠ 0 (no midpoint can lie strictly
 * between the exact sum and s, which is its nearest double), and then e's sign picks the side.
 * Tests prove every step equal to ops/dot.ts `accumulateProducts`.
 */
export function prepareDotUnitFloat64(spec: AccumulatorSpec, lanes: number): Float64BlockAccumulatorOutcome {
  const no = (reason: string): Float64BlockAccumulatorOutcome => ({ ok: false, reason: `no float64 dot-unit path for ${spec.id}: ${reason}` });
  if (spec.kind !== "dot-unit") return no(`${spec.kind} is not a dot unit`);
  if (spec.blockSize !== lanes) return no(`block size ${spec.blockSize} is not the PE's ${lanes} lanes`);
  const f = spec.outputFormat;
  if (!(f.expBits === 8 && f.manBits === 23)) return no(`the kernel keeps a binary32 register, not ${f.id}`);
  if (spec.outputRounding !== "rne") return no(`rounding ${spec.outputRounding}: only RNE`);
  // Sum of `lanes` truncated products, each below 2^alignBits quanta, must stay below 2^53.
  if (spec.alignBits + Math.ceil(Math.log2(lanes + 1)) > 53) return no(`alignBits ${spec.alignBits} too wide for binary64`);
  const keep = spec.alignBits - 1;
  const f64 = new Float64Array(1);
  const w32 = new Uint32Array(f64.buffer);
  const hi = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
  const pow2 = (e: number): number => {
    // 2^e for −1022 ≤ e ≤ 1023, built from its bits (exact, no Math.pow).
    w32[1 - hi] = 0;
    w32[hi] = (e + 1023) << 20;
    return f64[0]!;
  };
  const blockSum = (p: Float64Array, count: number): number => {
    let maxAbs = 0;
    let special = false;
    for (let j = 0; j < count; j++) {
      const a = Math.abs(p[j]!);
      if (a > maxAbs) maxAbs = a;
      else if (a !== a) special = true;
    }
    if (special || maxAbs === Infinity) {
      let s = 0;
      for (let j = 0; j < count; j++) s += p[j]!; // IEEE: NaN if any NaN or ∞ − ∞, else the ∞
      return s;
    }
    if (maxAbs === 0) {
      for (let j = 0; j < count; j++) if (!Object.is(p[j], -0)) return 0;
      return count > 0 ? -0 : 0;
    }
    f64[0] = maxAbs;
    const emax = ((w32[hi]! >>> 20) & 0x7ff) - 1023;
    const qExp = emax - keep;
    if (emax < -1022 || qExp < -1022 || keep - emax > 1023) {
      // Products near the bottom of binary64: every float64 is already on the grid, nothing is truncated.
      let s = 0;
      for (let j = 0; j < count; j++) s += p[j]!;
      return s;
    }
    const inv = pow2(keep - emax);
    const q = pow2(qExp);
    let s = 0;
    for (let j = 0; j < count; j++) s += Math.trunc(p[j]! * inv);
    return s * q;
  };
  const add = (acc: number, sum: number): number => {
    const s = acc + sum;
    const r = Math.fround(s);
    if (r === s || !Number.isFinite(s)) return r;
    const bb = s - acc;
    const e = acc - (s - bb) + (sum - bb); // TwoSum: s + e = acc + sum exactly
    if (e === 0) return r;
    const other = 2 * s - r; // the other binary32 neighbour, if s is their midpoint
    if (Math.fround(other) !== other || other - s !== s - r) return r;
    return (e > 0) === (other > r) ? other : r;
  };
  const acc: Float64BlockAccumulator = {
    zero: 0,
    lanes,
    addBlock: (a, p, count) => add(a, blockSum(p, count)),
    // The output buffer adds a fold's partial sum (two binary32 values) with one RNE rounding (Figueroa 1995).
    combine: (a, partial) => Math.fround(a + partial),
    code(a) {
      const view = new DataView(new ArrayBuffer(4));
      view.setFloat32(0, a);
      return BigInt(view.getUint32(0));
    },
    outputFormat: f,
  };
  return { ok: true, acc };
}

/**
 * The chunked integer kernels (int-dot.ts) equal the reference ops/dot.ts, code and overflow flag, on vectors long
 * enough to span many chunks, in registers narrow enough that the sum reaches their limits: chunks summed in Int32
 * (far from a limit), chunks stepped one product at a time (near one), and the switches between the two.
 */
import { describe, expect, it } from "vitest";
import { finite } from "../raw.js";
import { createPrng } from "../../prng.js";
import type { Prng } from "../../prng.js";
import type { AccumulatorSpec } from "../ops/accumulator.js";
import type { DotFormats } from "../ops/dot.js";
import { dot } from "../ops/dot.js";
import { prepareDot } from "./dot-auto.js";
import { prepareFastDot } from "./fast-dot.js";
import { F, S, same } from "./testing/every-pair-suite.js";

/** Registers: the presets, and narrow ones that a few chunks of large products cross. */
const REGISTERS: AccumulatorSpec[] = [
  S("int32-sat"),
  S("int48-dsp"),
  S("int32-wrap"),
  S("int32-sat", { widthBits: 24 }),
  S("int32-wrap", { widthBits: 22 }),
  S("int32-sat", { widthBits: 26, signed: false }),
  S("int32-wrap", { widthBits: 25, signed: false }),
];
const PAIRS: [string, string][] = [
  ["int8", "int8"],
  ["int4", "int8"],
  ["uint8", "int8"],
  ["int4", "int4"],
];

/**
 * Random codes; `drift` biases values to one sign so that the sum walks to a limit (and, wrapping, past it);
 * with `turn` the bias flips halfway, so the sum comes back: after saturating, a kernel that missed the limit
 * ends elsewhere.
 */
function codes(rng: Prng, bits: number, n: number, drift: number, turn: boolean): Uint8Array {
  const out = new Uint8Array(n);
  const mask = (1 << bits) - 1;
  for (let i = 0; i < n; i++) {
    const r = rng.nextUint32() & mask;
    const d = turn && i >= n / 2 ? -drift : drift;
    out[i] = d !== 0 && rng.nextUint32() % 4 !== 0 ? (d > 0 ? mask >> 1 : (mask >> 1) + 1) : r;
  }
  return out;
}

/** A register start value as an integer raw: 0, its limits, and points a chunk's reach away from them. */
function starts(spec: AccumulatorSpec): bigint[] {
  if (spec.kind !== "int") throw new Error("integer registers only");
  const w = BigInt(spec.widthBits);
  const lo = spec.signed ? -(1n << (w - 1n)) : 0n;
  const hi = spec.signed ? (1n << (w - 1n)) - 1n : (1n << w) - 1n;
  return [0n, lo, hi, lo + 16_777_216n, hi - 16_777_217n, hi - 300_000n];
}

describe("chunked integer kernels equal the reference across chunks and register limits", () => {
  for (const spec of REGISTERS) {
    if (spec.kind !== "int") continue;
    const name = `${spec.signed ? "" : "u"}int${spec.widthBits}-${spec.overflow}`;
    it(`${name}: ${PAIRS.map((p) => p.join("×")).join(", ")}`, () => {
      const rng = createPrng(spec.widthBits * 7 + (spec.signed ? 1 : 0) + (spec.overflow === "wrap" ? 100 : 0));
      for (const [x, y] of PAIRS) {
        const formats: DotFormats = { a: F(x), b: F(y) };
        const fast = prepareFastDot(spec, formats);
        expect(fast.ok && fast.fast.kernel, `${x}×${y}`).toMatch(x === "int8" && y === "int8" ? /^int8-/ : /^int-table$/);
        const p = prepareDot(spec, formats);
        for (const [t, c] of starts(spec).entries()) {
          const n = [2500, 4097, 1024, 3000, 2049, 5000][t]!;
          const drift = [0, -1, 1, -1, 1, 1][t]!; // toward the nearer limit, and (wrapping) past it
          const a = codes(rng, formats.a.bits, n, drift, t >= 3);
          const b = codes(rng, formats.b.bits, n, drift === 0 ? 0 : 1, false); // a's drift sets the products' sign
          const init = c < 0n ? finite(1, -c, 0) : finite(0, c, 0);
          const ref = dot(Array.from(a, BigInt), Array.from(b, BigInt), init, spec, formats);
          expect(same(p.run(a, b, init), ref), `${x}×${y} start ${c} n=${n}`).toBeNull();
        }
      }
    });
  }

  it("a run into a narrow saturating register ends at its limit with the sticky flag", () => {
    const spec = S("int32-sat", { widthBits: 24 });
    const formats: DotFormats = { a: F("int8"), b: F("int8") };
    const a = new Uint8Array(3000).fill(0x80); // (−128)² = 2^14 per step: 2^23 after 512 steps
    const r = prepareDot(spec, formats).run(a, a, finite(0, 0n, 0));
    const ref = dot(Array.from(a, BigInt), Array.from(a, BigInt), finite(0, 0n, 0), spec, formats);
    expect(same(r, ref)).toBeNull();
    expect(r.ok && r.flags.overflow).toBe(true);
  });
});

/**
 * Test-only: for every pair of codes, one multiply-accumulate step on the fast path equals ops/dot.ts (code and
 * flags), starting from accumulators that stress the register (zeros, ±max, near-overflow, subnormals, ∞).
 * Shared by fast-dot-pairs.test.ts and fast-dot-pairs-tc.test.ts (two files so vitest runs them in parallel).
 */
import { describe, expect, it } from "vitest";
import { lookupScalar } from "../../formats/registry.js";
import type { ScalarFormat } from "../../formats/format.js";
import { finite } from "../../raw.js";
import { fromFloat64 } from "../../float64.js";
import type { AccumulatorOverrides, AccumulatorSpec } from "../../ops/accumulator.js";
import { resolveAccumulator } from "../../ops/accumulator.js";
import type { DotInit, DotOutcome } from "../../ops/dot.js";
import { dot } from "../../ops/dot.js";
import { prepareDot } from "../dot-auto.js";

/** A format by id (throws on a typo: test helper). */
export const F = (id: string): ScalarFormat => {
  const r = lookupScalar(id);
  if (!r.ok) throw new Error(r.reason);
  return r.format;
};
/** An accumulator preset with overrides (throws on a typo: test helper). */
export const S = (name: string, o: AccumulatorOverrides = {}): AccumulatorSpec => {
  const r = resolveAccumulator(name, o);
  if (!r.ok) throw new Error(r.reason);
  return r.spec;
};
/** null when two dot outcomes agree in code and flags, else what differs. */
export const same = (x: DotOutcome, y: DotOutcome): string | null => {
  if (!x.ok || !y.ok) return `not ok: ${!x.ok ? x.reason : ""} ${!y.ok ? y.reason : ""}`;
  if (x.code !== y.code) return `code ${x.code} vs ${y.code}`;
  const a = x.flags;
  const b = y.flags;
  if (a.inexact === b.inexact && a.overflow === b.overflow && a.underflow === b.underflow && a.invalid === b.invalid) {
    return null;
  }
  return `flags ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
};

/** Starting accumulators that stress each register: zeros, ones, values near overflow and underflow. */
function startValues(spec: AccumulatorSpec): DotInit[] {
  if (spec.kind === "int") {
    const w = BigInt(spec.widthBits - 1);
    const hi = (1n << w) - 1n;
    const lo = -(1n << w);
    return [0n, 1n, -7n, hi, hi - 100n, lo, lo + 100n, 12345n].map((v) => finite(0, v, 0));
  }
  const f32 = [0, -0, 1, -1.5, 2 ** 24, 2 ** -140, -(2 ** -126), 3.4e38, -3.4e38, 2 ** 30 + 1, 0.1, Infinity];
  return f32.map((x) => fromFloat64(Math.fround(x)));
}

/** Define the exhaustive every-pair tests for these (preset, [a format, b format]) cases. */
export function everyPairSuite(title: string, cases: readonly [string, readonly [string, string]][]): void {
  describe(title, () => {
    for (const [name, [x, y]] of cases) {
      it(`${name}, ${x} × ${y}`, () => {
        const spec = S(name);
        const formats = { a: F(x), b: F(y) };
        const p = prepareDot(spec, formats);
        expect(p.path).toBe("fast");
        const starts = startValues(spec);
        const bad: string[] = [];
        const a = new Uint8Array(1);
        const b = new Uint8Array(1);
        let n = 0;
        for (let i = 0; i < 1 << formats.a.bits; i++) {
          for (let j = 0; j < 1 << formats.b.bits; j++) {
            a[0] = i;
            b[0] = j;
            const c = starts[n++ % starts.length]!;
            const d = same(p.run(a, b, c), dot([BigInt(i)], [BigInt(j)], c, spec, formats));
            if (d) bad.push(`${i}×${j} from ${JSON.stringify(c, (_k, v) => (typeof v === "bigint" ? String(v) : v))}: ${d}`);
          }
        }
        expect(bad.slice(0, 5)).toEqual([]);
      });
    }
  });
}

/**
 * The WebAssembly loops of fp32TableDot (fp32-dot-wasm.ts) give the same value bits and flags as its JavaScript
 * loops, which fast-dot.test.ts and the every-pair tests prove equal to ops/dot.ts; and fp32-seq through
 * prepareDot (which now runs the WebAssembly loops) equals ops/dot.ts on long vectors. Inputs cover both prefixes
 * (on the products' grid and off it), exact and inexact sums, ±0, ∞, NaN, overflow, and a vector long enough to
 * grow the WebAssembly memory.
 */
import { describe, expect, it } from "vitest";
import type { ScalarFormat } from "../formats/format.js";
import { encode } from "../codec.js";
import { fromFloat64 } from "../float64.js";
import { createPrng } from "../../prng.js";
import type { Prng } from "../../prng.js";
import { dot } from "../ops/dot.js";
import { prepareDot } from "./dot-auto.js";
import { buildProductTable } from "./product-table.js";
import { fp32TableDot } from "./fp32-dot.js";
import { createF32TableKernels } from "./fp32-dot-wasm.js";
import { F, S, same } from "./testing/every-pair-suite.js";

const PAIRS: [string, string][] = [
  ["fp8-e4m3", "fp8-e4m3"],
  ["fp8-e5m2", "fp8-e5m2"],
  ["fp8-e4m3", "fp8-e5m2"],
  ["fp4-e2m1", "fp4-e2m1"],
  ["int8", "fp8-e4m3"],
  ["int4", "int4"],
];
/** Binary32 starts: on the grid of every table (0, ±1, 2^24), off it (0.1, 2^-140), huge, ∞. */
const STARTS = [0, -0, 1, -1.5, 2 ** 24, 2 ** -140, 0.1, 2 ** 30 + 64, 3.4e38, -3.4e38, Infinity].map(Math.fround);

/** Codes: normal values of a random scale; `specials`: some uniform codes (NaN, ∞ where the format has them). */
function codes(rng: Prng, fmt: ScalarFormat, n: number, specials: boolean, scale: number): Uint8Array {
  const v = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (specials && rng.nextUint32() % 100 === 0) v[i] = rng.nextUint32() & ((1 << fmt.bits) - 1);
    else v[i] = Number(encode(fmt, fromFloat64(rng.nextNormal() * scale), { overflow: "saturate" }).code);
  }
  return v;
}

describe("fp32TableDot: WebAssembly loops equal the JavaScript loops", () => {
  it("WebAssembly is available here, so the loops below run", () => {
    expect(createF32TableKernels(new Float64Array(65536))).not.toBeNull();
  });

  for (const [x, y] of PAIRS) {
    it(`${x} × ${y}`, () => {
      const [fa, fb] = [F(x), F(y)];
      const built = buildProductTable(fa, fb);
      if (!built.ok) throw new Error(built.reason);
      const table = built.table;
      const wasm = createF32TableKernels(table.products)!;
      const rng = createPrng(x.length * 31 + y.length);
      let inexact = 0;
      for (let t = 0; t < 60; t++) {
        const n = [0, 1, 7, 100, 1000, 4096][t % 6]!;
        const scale = 2 ** ((rng.nextUint32() % 24) - 8);
        const a = codes(rng, fa, n, t % 5 === 4, scale);
        const b = codes(rng, fb, n, t % 5 === 4, scale);
        const c = STARTS[t % STARTS.length]!;
        const js = fp32TableDot(table, a, b, c);
        const wa = fp32TableDot(table, a, b, c, wasm);
        expect(Object.is(wa.value, js.value) || (Number.isNaN(wa.value) && Number.isNaN(js.value)), `t=${t}: ${wa.value} vs ${js.value}`).toBe(true);
        expect(wa.flags, `t=${t}`).toEqual(js.flags);
        if (js.flags.inexact) inexact++;
      }
      expect(inexact).toBeGreaterThan(0);
    });
  }

  it("a vector longer than the initial memory grows it, and later short ones still agree", () => {
    const f = F("fp8-e4m3");
    const built = buildProductTable(f, f);
    if (!built.ok) throw new Error(built.reason);
    const wasm = createF32TableKernels(built.table.products)!;
    const rng = createPrng(9);
    for (const n of [200_000, 50, 300_000]) {
      const a = codes(rng, f, n, false, 4);
      const b = codes(rng, f, n, false, 4);
      const js = fp32TableDot(built.table, a, b, 0);
      const wa = fp32TableDot(built.table, a, b, 0, wasm);
      expect(Object.is(wa.value, js.value)).toBe(true);
      expect(wa.flags).toEqual(js.flags);
    }
  });
});

describe("fp32-seq through prepareDot (WebAssembly loops) equals ops/dot.ts on long vectors", () => {
  for (const [x, y] of PAIRS.slice(0, 3)) {
    it(`${x} × ${y}`, () => {
      const formats = { a: F(x), b: F(y) };
      const p = prepareDot(S("fp32-seq"), formats);
      expect(p.path).toBe("fast");
      const rng = createPrng(77 + x.length);
      for (let t = 0; t < 4; t++) {
        const a = codes(rng, formats.a, 4096, t === 3, 8);
        const b = codes(rng, formats.b, 4096, t === 3, 8);
        const c = fromFloat64(STARTS[t * 2]!);
        const ref = dot(Array.from(a, BigInt), Array.from(b, BigInt), c, S("fp32-seq"), formats);
        expect(same(p.run(a, b, c), ref), `t=${t}`).toBeNull();
      }
    });
  }
});

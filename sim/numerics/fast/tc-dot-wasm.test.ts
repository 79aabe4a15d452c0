/**
 * The WebAssembly block chain of tcTableDot (tc-dot-wasm.ts) gives the same value bits and flags as its
 * JavaScript loop, which fast-dot-pairs-tc.test.ts and block-accumulate-float64.test.ts prove equal to ops/dot.ts;
 * and the tensor-core presets through prepareDot (which now run the WebAssembly chain) equal ops/dot.ts on long
 * vectors. Inputs cover every tensor-core preset's shape plus odd, ragged and size-1 blocks, promotion intervals
 * that do and do not divide into blocks, RNE and RTZ block rounding, ±0 (zero blocks, −0 chains), ∞ and NaN
 * (special blocks, 0 × ∞), overflow to and past the binary32 range, underflow (e8m0 scales), and vectors long
 * enough to grow the WebAssembly memory.
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
import type { ProductTable } from "./product-table.js";
import type { TcKernelParams } from "./tc-dot.js";
import { tcKernelLimit, tcTableDot } from "./tc-dot.js";
import { createTcTableKernels } from "./tc-dot-wasm.js";
import type { TcTableKernels } from "./tc-dot-wasm.js";
import { F, S, same } from "./testing/every-pair-suite.js";

const P = (blockSize: number, fracBits: number, neab: number, blockRounding: "rne" | "rtz", promotionInterval: number | null): TcKernelParams => ({
  blockSize,
  fracBits,
  neab,
  blockRounding,
  promotionInterval,
});

/** tc-v100, tc-a100/ada, tc-h100 (RTZ and RNE), tc-h100-fp8 (interval 128 and a ragged 100), odd and tiny blocks. */
const PARAMS: TcKernelParams[] = [
  P(4, 23, 0, "rtz", null),
  P(8, 23, 1, "rtz", null),
  P(16, 23, 2, "rtz", null),
  P(16, 23, 2, "rne", null),
  P(32, 13, 0, "rtz", 128),
  P(32, 13, 0, "rtz", 100),
  P(5, 23, 3, "rne", 7),
  P(1, 23, 0, "rtz", null),
  P(3, 10, 0, "rne", 64),
  P(33, 24, 4, "rtz", null),
];

const PAIRS: [string, string][] = [
  ["fp8-e4m3", "fp8-e4m3"],
  ["fp8-e5m2", "fp8-e5m2"],
  ["fp8-e5m2", "fp8-e4m3"],
  ["fp4-e2m1", "fp4-e2m1"],
  ["int8", "fp8-e4m3"],
  ["e8m0", "fp8-e4m3"],
  ["e8m0", "e8m0"],
];

/** Binary32 starts: ±0, ordinary, off every grid, subnormal, near the top of the range, ∞, NaN. */
const STARTS = [0, -0, 1, -1.5, 0.1, 2 ** -140, -(2 ** -130), 2 ** 30 + 64, 3.4e38, -3.4e38, Infinity, NaN].map(Math.fround);

/**
 * Codes: normal values of a random scale (e8m0: a random window of exponents); `specials`: some uniform codes
 * (NaN, ∞ where the format has them); `zeros`: runs of +0 and −0 codes (zero blocks).
 */
function codes(rng: Prng, fmt: ScalarFormat, n: number, specials: boolean, zeros: boolean, scale: number): Uint8Array {
  const v = new Uint8Array(n);
  const e8m0 = fmt.id.startsWith("e8m0");
  const center = rng.nextUint32() % 255;
  for (let i = 0; i < n; i++) {
    if (specials && rng.nextUint32() % 50 === 0) v[i] = rng.nextUint32() & ((1 << fmt.bits) - 1);
    else if (e8m0) v[i] = Math.max(0, Math.min(254, center + (rng.nextUint32() % 9) - 4));
    else v[i] = Number(encode(fmt, fromFloat64(rng.nextNormal() * scale), { overflow: "saturate" }).code);
  }
  if (zeros && !e8m0) {
    const z0 = Number(encode(fmt, fromFloat64(0)).code);
    const z1 = Number(encode(fmt, fromFloat64(-0)).code);
    for (let i = 0; i < n; i++) if (Math.floor(i / 40) % 3 === 1) v[i] = i % 7 === 0 ? z0 : z1;
  }
  return v;
}

function table(x: string, y: string): ProductTable {
  const built = buildProductTable(F(x), F(y));
  if (!built.ok) throw new Error(built.reason);
  return built.table;
}

function expectSame(t: ProductTable, params: TcKernelParams, a: Uint8Array, b: Uint8Array, c: number, wasm: TcTableKernels, what: string): void {
  const js = tcTableDot(t, params, a, b, c, null);
  const wa = tcTableDot(t, params, a, b, c, wasm);
  expect(Object.is(wa.value, js.value) || (Number.isNaN(wa.value) && Number.isNaN(js.value)), `${what}: ${wa.value} vs ${js.value}`).toBe(true);
  expect(wa.flags, what).toEqual(js.flags);
}

describe("tcTableDot: the WebAssembly block chain equals the JavaScript loop", () => {
  it("WebAssembly is available here, so the chain below runs", () => {
    expect(createTcTableKernels(new Float64Array(65536))).not.toBeNull();
  });

  for (const [x, y] of PAIRS) {
    it(`${x} × ${y}`, () => {
      const t = table(x, y);
      const wasm = createTcTableKernels(t.products)!;
      const rng = createPrng(x.length * 131 + y.length * 7 + x.charCodeAt(0));
      const seen = { inexact: 0, overflow: 0, underflow: 0, invalid: 0, nan: 0, negZero: 0 };
      for (const params of PARAMS) {
        if (tcKernelLimit(params)) continue;
        for (let k = 0; k < 36; k++) {
          const n = [0, 1, 2, 7, 31, 33, 100, 129, 1000][k % 9]!;
          const scale = 2 ** ((rng.nextUint32() % 40) - 16);
          const specials = k % 4 === 3;
          const zeros = k % 6 === 5;
          const a = codes(rng, t.a, n, specials, zeros, scale);
          const b = codes(rng, t.b, n, specials, zeros, scale);
          const c = STARTS[k % STARTS.length]!;
          const what = `${JSON.stringify(params)} k=${k} n=${n} c=${c}`;
          expectSame(t, params, a, b, c, wasm, what);
          const r = tcTableDot(t, params, a, b, c, wasm);
          for (const f of ["inexact", "overflow", "underflow", "invalid"] as const) if (r.flags[f]) seen[f]++;
          if (Number.isNaN(r.value)) seen.nan++;
          if (Object.is(r.value, -0)) seen.negZero++;
        }
      }
      expect(seen.inexact).toBeGreaterThan(0);
      if (x === "e8m0") expect(seen.underflow + seen.overflow).toBeGreaterThan(0);
    });
  }

  it("covers overflow, underflow, −0 chains and 0 × ∞ on purpose", () => {
    const rtz = P(16, 23, 2, "rtz", null);
    const rne = P(16, 23, 2, "rne", null);
    const promoted = P(32, 13, 0, "rtz", 128);
    const e4m3 = table("fp8-e4m3", "fp8-e4m3");
    const w = createTcTableKernels(e4m3.products)!;
    const code = (v: number) => Number(encode(F("fp8-e4m3"), fromFloat64(v)).code);
    const fill = (n: number, v: number) => new Uint8Array(n).fill(code(v));
    const max = Math.fround(3.4e38);
    for (const params of [rtz, rne, promoted]) {
      // Overflow past the binary32 range from the top, RTZ to max, RNE to ∞.
      expectSame(e4m3, params, fill(40, 448), fill(40, 448), max, w, "overflow");
      expectSame(e4m3, params, fill(40, -448), fill(40, 448), -max, w, "negative overflow");
      // −0 chains: −0 start and all −0 products stay −0; one +0 makes +0.
      expectSame(e4m3, params, fill(40, -0), fill(40, 1), -0, w, "−0 chain");
      const mixed = fill(40, -0);
      mixed[37] = code(0);
      expectSame(e4m3, params, mixed, fill(40, 1), -0, w, "−0 then +0");
      // Exact cancellation to +0, RTZ steps (one ulp below 1), tiny addends truncated away.
      const a = new Uint8Array([code(1), code(-1), code(2 ** -9), code(-(2 ** -9)), code(448), code(-448)]);
      expectSame(e4m3, params, a, fill(6, 1), 0, w, "cancel");
      expectSame(e4m3, params, fill(3, -(2 ** -9)), fill(3, 2 ** -9), 1, w, "RTZ step");
      expectSame(e4m3, params, fill(17, 2 ** -9), fill(17, 2 ** -9), 2 ** 20, w, "truncated away");
    }
    const e5m2 = table("fp8-e5m2", "fp8-e5m2");
    const w5 = createTcTableKernels(e5m2.products)!;
    const c5 = (v: number) => Number(encode(F("fp8-e5m2"), fromFloat64(v)).code);
    const inf = c5(Infinity);
    const zero = c5(0);
    for (const params of [rtz, rne, promoted]) {
      const a = new Uint8Array(70).fill(c5(3));
      const b = new Uint8Array(70).fill(c5(5));
      a[20] = inf;
      b[20] = zero; // 0 × ∞: invalid
      expectSame(e5m2, params, a, b, 1, w5, "0 × ∞");
      const r = tcTableDot(e5m2, params, a, b, 1, w5);
      expect(r.flags.invalid).toBe(true);
      a[20] = inf;
      b[20] = c5(1);
      a[50] = inf;
      b[50] = c5(-1); // ∞ − ∞ (in one block or across blocks)
      expectSame(e5m2, params, a, b, 0, w5, "∞ − ∞");
      b[50] = c5(1);
      expectSame(e5m2, params, a, b, -Infinity, w5, "−∞ start, +∞ products");
      expectSame(e5m2, params, a, b, NaN, w5, "NaN start");
    }
    // Underflow: e8m0 × e8m0 products 2^-133 and 2^-155 (kept by 25 alignment bits: tiny and inexact in binary32).
    const ue = table("e8m0", "e8m0");
    const wu = createTcTableKernels(ue.products)!;
    const ua = new Uint8Array(50).fill(27); // 2^-100
    const ub = Uint8Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? 94 : 72)); // 2^-33, 2^-55
    for (const params of [rtz, rne, promoted]) {
      expectSame(ue, params, ua, ub, 0, wu, "underflow");
      expectSame(ue, params, ua, ub, 2 ** -140, wu, "underflow from a subnormal start");
      if (params !== promoted) expect(tcTableDot(ue, params, ua, ub, 0, wu).flags.underflow).toBe(true);
    }
  });

  it("small blocks (the keyed kernels for 4 and 8, $blocksFast for 3): the no-truncation fast path and each of its fallbacks", () => {
    const e4m3 = table("fp8-e4m3", "fp8-e4m3");
    const w = createTcTableKernels(e4m3.products)!;
    const code = (v: number) => Number(encode(F("fp8-e4m3"), fromFloat64(v)).code);
    const arr = (vs: number[]) => Uint8Array.from(vs, code);
    const fill = (n: number, v: number) => new Uint8Array(n).fill(code(v));
    const rng = createPrng(77);
    for (const params of [P(4, 23, 0, "rtz", null), P(8, 23, 1, "rtz", null), P(4, 23, 0, "rne", null), P(3, 10, 0, "rne", null), P(4, 10, 0, "rtz", 8)]) {
      const what = (s: string) => `${JSON.stringify(params)} ${s}`;
      // |c| dominates and every product is a multiple of its quantum: the fast path (d + Σ products, one rounding).
      expectSame(e4m3, params, fill(16, 3), fill(16, 5), 2 ** 12 + 8, w, what("fast"));
      // |c| dominates but products have bits below its quantum: truncation relative to c (general path), inexact.
      const tiny = arr([2 ** -9, 3 * 2 ** -9, 1.5, -(2 ** -6), 0.375, 2 ** -8, -3, 2 ** -9]);
      expectSame(e4m3, params, tiny, fill(8, 2 ** -9), 2 ** 20, w, what("c dominates, products truncated"));
      expect(tcTableDot(e4m3, params, tiny, fill(8, 2 ** -9), 2 ** 20, w).flags.inexact, what("truncation is inexact")).toBe(true);
      expectSame(e4m3, params, tiny, fill(8, 1), Math.fround(1 + 2 ** -20), w, what("c with bits below the products' quantum"));
      // The products dominate |c| (emax is the products'), from a small c or across zero.
      expectSame(e4m3, params, fill(12, 448), fill(12, 448), 1, w, what("products dominate"));
      expectSame(e4m3, params, arr([448, -448, 448, -448, 448, -448, 1, 1]), fill(8, 448), Math.fround(-1e5), w, what("c crosses zero"));
      // A result leaving the binary32 normal range (overflow, underflow) or cancelling to 0 from the fast path.
      expectSame(e4m3, params, fill(8, 448), fill(8, 448), Math.fround(3.4e38), w, what("overflow from the fast path"));
      expectSame(e4m3, params, fill(8, -448), fill(8, 448), Math.fround(2 ** 127), w, what("near the top"));
      expectSame(e4m3, params, arr([-1, -1, -1, -1]), fill(4, 1), 4, w, what("cancels to 0"));
      expectSame(e4m3, params, fill(8, 2 ** -9), fill(8, -(2 ** -9)), Math.fround(2 ** -120), w, what("toward underflow"));
      // Zero products in a block with |c| > 0, and a zero block.
      expectSame(e4m3, params, arr([0, 2, 0, -0, 0, 0, 0, 0]), fill(8, 1), 1000, w, what("zeros"));
      // Long vectors where |c| mostly dominates and blocks fall back now and then (bench/dot.ts's data).
      for (let k = 0; k < 4; k++) {
        const a = codes(rng, e4m3.a, 4096, false, false, 8);
        const b = codes(rng, e4m3.b, 4096, false, false, 8);
        expectSame(e4m3, params, a, b, STARTS[k]!, w, what(`random k=${k}`));
      }
    }
  });

  it("a vector longer than the initial memory grows it, and later short ones still agree", () => {
    const t = table("fp8-e4m3", "fp8-e4m3");
    const wasm = createTcTableKernels(t.products)!;
    const rng = createPrng(9);
    for (const n of [200_000, 50, 300_000, 4096]) {
      const a = codes(rng, t.a, n, n === 300_000, false, 4);
      const b = codes(rng, t.b, n, n === 300_000, false, 4);
      for (const params of [P(16, 23, 2, "rtz", null), P(32, 13, 0, "rtz", 128)]) expectSame(t, params, a, b, 0, wasm, `n=${n}`);
    }
  });
});

describe("tensor-core presets through prepareDot (WebAssembly chain) equal ops/dot.ts on long vectors", () => {
  const cases: [string, string, string][] = [
    ["tc-h100", "fp8-e4m3", "fp8-e4m3"],
    ["tc-h100-fp8", "fp8-e5m2", "fp8-e4m3"],
    ["tc-v100", "fp8-e4m3", "fp8-e4m3"],
    ["tc-a100", "fp8-e5m2", "fp8-e5m2"],
  ];
  for (const [acc, x, y] of cases) {
    it(`${acc}, ${x} × ${y}`, () => {
      const formats = { a: F(x), b: F(y) };
      const p = prepareDot(S(acc), formats);
      expect(p.path).toBe("fast");
      const rng = createPrng(31 + acc.length);
      for (let k = 0; k < 3; k++) {
        const a = codes(rng, formats.a, 4096, k === 2, k === 1, 8);
        const b = codes(rng, formats.b, 4096, k === 2, k === 1, 8);
        const c = fromFloat64(STARTS[k * 2]!);
        const ref = dot(Array.from(a, BigInt), Array.from(b, BigInt), c, S(acc), formats);
        expect(same(p.run(a, b, c), ref), `k=${k}`).toBeNull();
      }
    });
  }
});

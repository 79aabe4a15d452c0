/**
 * The keyed WebAssembly kernels of tcTableDot (tc-dot-wasm.ts, `$keyed<bs>` for blocks of 4, 8 and 16) equal
 * the reference ops/dot.ts (value code and IEEE flags) for tc-v100, tc-a100, tc-h100 and tc-h100-fp8 (and
 * tc-h100 with RNE blocks), on seeded random vectors and on adversarial ones: ties at the binary32 rounding
 * point, truncated bits, the block max moving between |c| and the products, overflow, subnormal inputs,
 * NaN/∞ operands, zero blocks and lengths that are not a multiple of the block size. Every case asserts which
 * kernel ran (`kernel(bs)`), and the random vectors assert that the keyed step itself ran (few blocks handed to
 * the general step), so a silent fallback fails.
 */
import { describe, expect, it } from "vitest";
import type { ScalarFormat } from "../formats/format.js";
import { encode } from "../codec.js";
import { fromFloat64 } from "../float64.js";
import { createPrng } from "../../prng.js";
import type { Prng } from "../../prng.js";
import type { AccumulatorSpec } from "../ops/accumulator.js";
import { dot } from "../ops/dot.js";
import { buildProductTable } from "./product-table.js";
import type { ProductTable } from "./product-table.js";
import type { TcKernelParams } from "./tc-dot.js";
import { tcTableDot } from "./tc-dot.js";
import { createTcTableKernels, productKeys } from "./tc-dot-wasm.js";
import type { TcTableKernels } from "./tc-dot-wasm.js";
import { F, S } from "./testing/every-pair-suite.js";

/** The four presets (and tc-h100 with RNE blocks), with the kernel `blocks` must pick for their block size. */
const PRESETS: { name: string; spec: AccumulatorSpec; kernel: string }[] = [
  { name: "tc-v100", spec: S("tc-v100"), kernel: "keyed-4" },
  { name: "tc-a100", spec: S("tc-a100"), kernel: "keyed-8" },
  { name: "tc-h100", spec: S("tc-h100"), kernel: "keyed-16" },
  { name: "tc-h100 rne", spec: S("tc-h100", { outputRounding: "rne" }), kernel: "keyed-16" },
  // Blocks of 32 and promotion: the general step (the keyed kernels have no 32, see tc-dot-wasm.ts).
  { name: "tc-h100-fp8", spec: S("tc-h100-fp8"), kernel: "general" },
];

function paramsOf(spec: AccumulatorSpec): TcKernelParams {
  if (spec.kind === "tensor-core") {
    const r = spec.outputRounding;
    if (r !== "rne" && r !== "rtz") throw new Error(r);
    return { blockSize: spec.blockSize, fracBits: spec.fracBits, neab: spec.neab, blockRounding: r, promotionInterval: null };
  }
  if (spec.kind === "tensor-core-promoted") {
    const r = spec.partialRounding;
    if (r !== "rne" && r !== "rtz") throw new Error(r);
    return { blockSize: spec.blockSize, fracBits: spec.fracBits, neab: spec.neab, blockRounding: r, promotionInterval: spec.promotionInterval };
  }
  throw new Error(spec.kind);
}

const tables = new Map<string, { table: ProductTable; kernels: TcTableKernels }>();
function setup(x: string, y: string): { table: ProductTable; kernels: TcTableKernels } {
  const key = `${x}×${y}`;
  let s = tables.get(key);
  if (s === undefined) {
    const built = buildProductTable(F(x), F(y));
    if (!built.ok) throw new Error(built.reason);
    const kernels = createTcTableKernels(built.table.products);
    if (kernels === null) throw new Error("no WebAssembly");
    s = { table: built.table, kernels };
    tables.set(key, s);
  }
  return s;
}

/**
 * Runs the keyed chain and the reference on one case; returns the number of blocks the keyed kernel handed to
 * the general step. `c` must be a binary32 value.
 */
function check(preset: (typeof PRESETS)[number], x: string, y: string, a: Uint8Array, b: Uint8Array, c: number, what: string): number {
  const { table, kernels } = setup(x, y);
  const params = paramsOf(preset.spec);
  expect(kernels.kernel(params.blockSize), `${preset.name}: kernel`).toBe(preset.kernel);
  const got = tcTableDot(table, params, a, b, c, kernels);
  const slow = kernels.slowBlocks();
  const ref = dot(Array.from(a, BigInt), Array.from(b, BigInt), fromFloat64(c), preset.spec, { a: F(x), b: F(y) });
  if (!ref.ok) throw new Error(ref.reason);
  const code = encode(F("fp32"), fromFloat64(got.value)).code;
  const label = `${preset.name} ${x}×${y} ${what}: ${got.value}`;
  expect(code, label).toBe(ref.code);
  expect(got.flags, label).toEqual(ref.flags);
  return slow;
}

const code = (fmt: string, v: number) => Number(encode(F(fmt), fromFloat64(v)).code);
const fill = (fmt: string, n: number, v: number) => new Uint8Array(n).fill(code(fmt, v));
const arr = (fmt: string, vs: number[]) => Uint8Array.from(vs, (v) => code(fmt, v));

function randomCodes(rng: Prng, fmt: ScalarFormat, n: number, scale: number, specials: boolean): Uint8Array {
  const v = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (specials && rng.nextUint32() % 64 === 0) v[i] = rng.nextUint32() & ((1 << fmt.bits) - 1);
    else v[i] = Number(encode(fmt, fromFloat64(rng.nextNormal() * scale), { overflow: "saturate" }).code);
  }
  return v;
}

describe("productKeys: where the keyed kernels apply", () => {
  it("fp8-e5m2 × fp8-e5m2 spans exactly 64 key bits (2^-32 … 2^31); e8m0 tables do not fit", () => {
    const e5 = setup("fp8-e5m2", "fp8-e5m2").table;
    expect(productKeys(e5.products)?.base).toBe(-32);
    expect(productKeys(setup("fp8-e4m3", "fp8-e4m3").table.products)?.base).toBe(-18);
    const e8 = buildProductTable(F("e8m0"), F("fp8-e4m3"));
    if (!e8.ok) throw new Error(e8.reason);
    expect(productKeys(e8.table.products)).toBeNull();
    expect(createTcTableKernels(e8.table.products)!.kernel(4)).toBe("small");
  });
});

describe("keyed tensor-core kernels equal ops/dot.ts", () => {
  const PAIRS: [string, string][] = [
    ["fp8-e4m3", "fp8-e4m3"],
    ["fp8-e5m2", "fp8-e5m2"],
    ["fp8-e5m2", "fp8-e4m3"],
    ["fp4-e2m1", "fp4-e2m1"],
    ["int8", "fp8-e4m3"],
  ];
  const STARTS = [0, -0, 1, -1.5, 0.1, 2 ** 24 + 2, -(2 ** 20), 2 ** -140, 3.4e38, Infinity, NaN].map(Math.fround);

  for (const preset of PRESETS) {
    it(`${preset.name}: seeded random vectors (the keyed step runs most blocks)`, () => {
      const rng = createPrng(preset.name.length * 97 + 5);
      const bs = paramsOf(preset.spec).blockSize;
      for (const [x, y] of PAIRS) {
        let slow = 0;
        let blocks = 0;
        for (let k = 0; k < 6; k++) {
          const n = [4096, 1000, 37, 256 + 3, 8, 1][k]!;
          const scale = 2 ** ((rng.nextUint32() % 8) - 2);
          const a = randomCodes(rng, F(x), n, scale, k === 2);
          const b = randomCodes(rng, F(y), n, scale, k === 2);
          // k < 2: ordinary starts (a c near 2^128 would truncate every product away, all in the general step).
          const c = k < 2 ? Math.fround([0, 1, -1.5, 0.1][(k + x.length) % 4]!) : STARTS[(k * 3 + x.length) % STARTS.length]!;
          const s = check(preset, x, y, a, b, c, `k=${k} n=${n} c=${c}`);
          if (k < 2) {
            slow += s;
            blocks += Math.floor(n / bs);
          }
        }
        // On long ordinary vectors the keyed step handles most blocks itself (not a silent fallback).
        if (preset.kernel.startsWith("keyed") && blocks > 0) expect(slow, `${preset.name} ${x}×${y}: slow blocks`).toBeLessThan(blocks / 2);
      }
    });

    it(`${preset.name}: adversarial vectors`, () => {
      const bs = paramsOf(preset.spec).blockSize;
      const e4 = "fp8-e4m3";
      const keyed = preset.kernel.startsWith("keyed");
      const run = (a: Uint8Array, b: Uint8Array, c: number, what: string, x = e4, y = e4) => check(preset, x, y, a, b, c, what);
      // Ties at the binary32 rounding point: d + Σ products exactly halfway between two binary32 values, with
      // nothing truncated (|c| sets emax, every product a multiple of Q), so the keyed step rounds them.
      const ones = (n: number, v: number) => {
        const a = fill(e4, n, 0);
        a[0] = code(e4, v);
        return a;
      };
      for (const [c, p] of [
        [2 ** 24 - 2, 3], // 2^24 + 1: halfway between 2^24 and 2^24 + 2
        [2 ** 24 - 1, 4], // 2^24 + 3: halfway between 2^24 + 2 and 2^24 + 4
        [-(2 ** 25 - 4), -10], // −(2^25 + 6): halfway between −(2^25 + 4) and −(2^25 + 8)
      ] as const) {
        const slow = run(ones(bs, p), fill(e4, bs, 1), c, `tie ${c} + ${p}`);
        if (keyed) expect(slow, "the tie ran in the keyed step").toBe(0);
      }
      // Q's edge, Q = 2^(emax − shift): a last bit at Q/2 is truncated (general step), one at Q is not (keyed step).
      // |c| = 2^24 sets emax, a product −Q/2 or −Q against it; then a product 2^(shift − 22) sets emax above
      // c = −(1 + 2^-23), whose last bit 2^-23 is then Q/2. Off-by-one keys or exponents change these results.
      if (preset.name !== "tc-h100-fp8") {
        const shift = paramsOf(preset.spec).fracBits + paramsOf(preset.spec).neab;
        const q = 2 ** (24 - shift);
        const c = Math.fround(-(1 + 2 ** -23));
        const slow = [
          run(ones(bs, -q), fill(e4, bs, 1), 2 ** 24, "product −Q under c = 2^24"),
          run(ones(bs, -q / 2), fill(e4, bs, 1), 2 ** 24, "product −Q/2 under c = 2^24"),
          run(ones(bs, 2 ** (shift - 23)), fill(e4, bs, 1), c, "c's last bit at Q"),
          run(ones(bs, 2 ** (shift - 22)), fill(e4, bs, 1), c, "c's last bit at Q/2"),
        ];
        if (keyed) expect(slow, "on Q's grid: the keyed step; below it: the general step").toEqual([0, 1, 0, 1]);
      }
      // Truncated bits: |c| sets emax and products have bits below Q (general step, inexact).
      const tiny = arr(e4, [2 ** -9, 3 * 2 ** -9, 1.5, -(2 ** -6), 0.375, 2 ** -8, -3, 2 ** -9]);
      const tinyN = new Uint8Array(3 * bs).map((_, i) => tiny[i % 8]!);
      const slowTrunc = run(tinyN, fill(e4, 3 * bs, 2 ** -9), 2 ** 20, "truncated products");
      if (keyed) expect(slowTrunc, "truncation falls back to the general step").toBeGreaterThan(0);
      run(tinyN, fill(e4, 3 * bs, 1), Math.fround(1 + 2 ** -20), "c with bits below the products' quantum");
      // The block max moving between blocks: big, tiny, big products; c crossing zero; c far below the products.
      const moving = new Uint8Array(5 * bs).map((_, i) => code(e4, [448, 2 ** -9, -448, 0.5, 3][Math.floor(i / bs)]!));
      for (const c of [1, Math.fround(-1e5), 2 ** 30, Math.fround(2 ** -100)]) run(moving, fill(e4, 5 * bs, 448), c, `moving max from ${c}`);
      run(arr(e4, Array.from({ length: 4 * bs }, (_, i) => (i % 2 ? 448 : -448))), fill(e4, 4 * bs, 448), Math.fround(-1e5), "cancelling blocks");
      // Overflow: RTZ stops at the binary32 max, RNE goes to ∞; both raise overflow.
      run(fill(e4, 3 * bs, 448), fill(e4, 3 * bs, 448), Math.fround(3.4e38), "overflow");
      run(fill(e4, 3 * bs, -448), fill(e4, 3 * bs, 448), Math.fround(-3.4e38), "negative overflow");
      run(fill(e4, 2 * bs, -448), fill(e4, 2 * bs, 448), Math.fround(2 ** 127), "near the top");
      // The largest fp8-e5m2 products (2^31 · 1.53: key bit 63) and the least (2^-32: key bit 0, subnormal inputs).
      const e5 = "fp8-e5m2";
      run(fill(e5, 3 * bs, 57344), fill(e5, 3 * bs, 57344), 0, "e5m2 largest products", e5, e5);
      run(fill(e5, 3 * bs, 2 ** -16), fill(e5, 3 * bs, 2 ** -16), Math.fround(2 ** -130), "e5m2 least products", e5, e5);
      run(arr(e5, Array.from({ length: 2 * bs }, (_, i) => (i % 3 ? 2 ** -16 : 57344))), fill(e5, 2 * bs, 57344), 1, "both ends", e5, e5);
      // Subnormal inputs and underflow: products 2^-18 from 0, −0 and a binary32 subnormal.
      for (const c of [0, -0, Math.fround(2 ** -140), Math.fround(-(2 ** -127))]) {
        run(fill(e4, 2 * bs + 1, 2 ** -9), fill(e4, 2 * bs + 1, 2 ** -9), c, `subnormal products from ${c}`);
        run(fill(e4, bs, 2 ** -9), fill(e4, bs, -(2 ** -9)), c, `negative subnormal products from ${c}`);
      }
      // NaN and ∞ operands (e4m3 has NaN, e5m2 has ∞), 0 × ∞, ∞ − ∞ across blocks.
      const withNaN = fill(e4, 3 * bs, 3);
      withNaN[bs + 1] = 0x7f; // fp8-e4m3 NaN
      run(withNaN, fill(e4, 3 * bs, 2), 1, "NaN operand");
      const inf = code(e5, Infinity);
      for (const [i, j, c] of [
        [0, 0, 1], // 0 × ∞: invalid
        [1, 2 * bs, 0], // +∞ then −∞ in later blocks
      ] as const) {
        const a = fill(e5, 3 * bs, 3);
        const b = fill(e5, 3 * bs, 5);
        a[i] = inf;
        if (j === 0) b[i] = code(e5, 0);
        else {
          a[j] = inf;
          b[j] = code(e5, -1);
        }
        run(a, b, c, `specials ${i} ${j}`, e5, e5);
      }
      run(fill(e5, 2 * bs, 3), fill(e5, 2 * bs, 5), Infinity, "∞ start", e5, e5);
      run(fill(e5, 2 * bs, 3), fill(e5, 2 * bs, 5), NaN, "NaN start", e5, e5);
      // Zero blocks: +0 and −0 products, from ±0 and from a nonzero c.
      const zeros = fill(e4, 3 * bs, -0);
      for (const c of [-0, 0, 7]) {
        run(zeros, fill(e4, 3 * bs, 1), c, `−0 products from ${c}`);
        const mixed = zeros.slice();
        mixed[bs + 2] = code(e4, 0);
        run(mixed, fill(e4, 3 * bs, 1), c, `−0 and +0 products from ${c}`);
        const gap = fill(e4, 4 * bs, 5);
        gap.fill(code(e4, 0), bs, 2 * bs);
        run(gap, fill(e4, 4 * bs, 3), c, `a zero block between others from ${c}`);
      }
      // Lengths that are not a multiple of the block size (a ragged last block), and shorter than one block.
      const rng = createPrng(4242);
      for (const n of [bs - 1, bs + 1, 2 * bs + bs / 2, 7 * bs + 3, 1]) {
        const a = randomCodes(rng, F(e4), n, 8, false);
        const b = randomCodes(rng, F(e4), n, 8, false);
        run(a, b, Math.fround(100.5), `ragged n=${n}`);
      }
    });
  }
});

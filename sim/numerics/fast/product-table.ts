import type { ScalarFormat } from "../formats/format.js";
import { decode } from "../codec.js";
import { toFloat64 } from "../float64.js";

/** Entries in a product table: every pair of 8-bit codes, index (codeA << 8) | codeB. */
export const PRODUCT_TABLE_SIZE = 65536;

/**
 * Exact products of every pair of codes of two ≤ 8-bit formats, as float64. Exact because a ≤ 8-bit code has
 * at most 8 significant bits, so a product has at most 16 (≪ 53), and every magnitude (2^-300 … 2^254 at the
 * extremes, E8M0) lies inside binary64's normal range. Special products follow IEEE 754: 0 × ∞ is NaN
 * (flagged in `invalid`), a NaN code gives NaN. Codes beyond a narrow format's width index NaN padding.
 */
export interface ProductTable {
  readonly a: ScalarFormat;
  readonly b: ScalarFormat;
  readonly products: Float64Array;
  /** 1 where the product is an invalid operation (0 × ∞). */
  readonly invalid: Uint8Array;
  /** Every finite product is exactly a binary32 value (Math.fround(p) === p). */
  readonly fp32Exact: boolean;
  /** Both formats are integers: every entry is an integer. */
  readonly integer: boolean;
  /** For integer tables, the same products as Int32 (0 in the padding); null otherwise. */
  readonly intProducts: Int32Array | null;
  /** Largest |product| over finite entries. */
  readonly maxAbs: number;
  /** Every finite product is an integer multiple of this power of two (0 if there is none). */
  readonly quantum: number;
}

export type ProductTableOutcome = { ok: true; table: ProductTable } | { ok: false; reason: string };

/** Exact value of every code of a ≤ 8-bit format, NaN-padded to 256 entries. */
export function codeValues(fmt: ScalarFormat): Float64Array {
  const v = new Float64Array(256).fill(NaN);
  for (let c = 0; c < 1 << fmt.bits; c++) v[c] = toFloat64(decode(fmt, BigInt(c)));
  return v;
}

/** Largest power of two dividing every finite nonzero value (0 if there is none). Exact: only ×2 and ÷2. */
export function commonQuantum(values: Float64Array): number {
  let q = Infinity;
  for (const x of values) {
    if (!Number.isFinite(x) || x === 0) continue;
    let y = Math.abs(x);
    let lsb = 1;
    while (y % 1 !== 0) {
      y *= 2;
      lsb /= 2;
    }
    while (y % 2 === 0) {
      y /= 2;
      lsb *= 2;
    }
    q = Math.min(q, lsb);
  }
  return q === Infinity ? 0 : q;
}

/** Build the exact product table of two ≤ 8-bit formats (float, int or mixed). */
export function buildProductTable(a: ScalarFormat, b: ScalarFormat): ProductTableOutcome {
  if (a.bits > 8 || b.bits > 8) {
    return { ok: false, reason: `product tables cover formats of at most 8 bits, not ${a.id}×${b.id}` };
  }
  const va = codeValues(a);
  const vb = codeValues(b);
  const products = new Float64Array(PRODUCT_TABLE_SIZE).fill(NaN);
  const invalid = new Uint8Array(PRODUCT_TABLE_SIZE);
  let fp32Exact = true;
  let maxAbs = 0;
  for (let i = 0; i < 1 << a.bits; i++) {
    for (let j = 0; j < 1 << b.bits; j++) {
      const x = va[i]!;
      const y = vb[j]!;
      const p = x * y; // exact, see above
      const k = (i << 8) | j;
      products[k] = p;
      if ((x === 0 && Math.abs(y) === Infinity) || (y === 0 && Math.abs(x) === Infinity)) invalid[k] = 1;
      if (Number.isFinite(p)) {
        if (Math.fround(p) !== p) fp32Exact = false;
        maxAbs = Math.max(maxAbs, Math.abs(p));
      }
    }
  }
  const integer = a.kind === "int" && b.kind === "int";
  // |product| ≤ 255·255 for ≤ 8-bit integers, so Int32 holds every one exactly.
  const intProducts = integer ? Int32Array.from(products, (p) => (Number.isNaN(p) ? 0 : p)) : null;
  // odd·2^i × odd·2^j = odd·2^(i+j): the products' common quantum is the product of the operands'.
  const quantum = commonQuantum(va) * commonQuantum(vb);
  return { ok: true, table: { a, b, products, invalid, fp32Exact, integer, intProducts, maxAbs, quantum } };
}

/** Deterministic number formatting for reports (no locale, no timestamps). */

/** Significant-digit formatting with engineering-friendly exponents for very large or small values. */
export function sig(x: number, digits = 4): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "∞";
  if (x === -Infinity) return "−∞";
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e7) {
    const s = x.toPrecision(digits);
    return s.includes("e") ? String(Number(s)) : trimZeros(s);
  }
  return x.toExponential(digits - 1).replace(/\.?0+e/, "e");
}

function trimZeros(s: string): string {
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}

/** Integer with thousands separators (always commas, independent of locale). */
export function int(x: number): string {
  if (!Number.isFinite(x)) return sig(x);
  const s = Math.round(x).toString();
  return s.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** A ratio like 1.84×. */
export function ratio(x: number): string {
  return `${sig(x, 3)}×`;
}

/** A percentage with one decimal. */
export function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/** dB with two decimals. */
export function db(x: number): string {
  return Number.isFinite(x) ? x.toFixed(2) : sig(x);
}

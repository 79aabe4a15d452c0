/**
 * Verilog for unpacking one float code into class bits, a sign, an integer significand and the exponent of its
 * least significant bit (value = sig · 2^elsb), the "raw" form hwsim's codec decodes to (HardFloat style).
 */
import type { FloatFormat } from "../../sim/numerics/formats/format.js";
import { asSigned, sconst } from "./verilog-text.js";

/** Significand width of a format's unpacked value (hidden bit + stored fraction). */
export function significandBits(f: FloatFormat): number {
  return f.manBits + 1;
}

/** Largest exponent field that encodes a finite value (IEEE: all-ones is Inf/NaN; E8M0: 0xFF is NaN). */
function maxFiniteField(f: FloatFormat): number {
  const ones = 2 ** f.expBits - 1;
  return f.specials === "ieee" || f.specials === "e8m0" ? ones - 1 : ones;
}

/** Range of the unpacked LSB exponent elsb over the format's finite nonzero values. */
export function lsbExponentRange(f: FloatFormat): { min: number; max: number } {
  const minField = f.specials === "e8m0" ? 0 : 1; // subnormals share the exponent of field 1
  return { min: minField - f.bias - f.manBits, max: maxFiniteField(f) - f.bias - f.manBits };
}

/** Which special-value policies the generator decodes. */
export function decodable(f: FloatFormat): boolean {
  return f.specials === "ieee" || f.specials === "fn" || f.specials === "finite" || f.specials === "e8m0";
}

/**
 * Declarations unpacking `code` (a `f.bits`-wide expression) into `<p>_s, <p>_nan, <p>_inf, <p>_zero,
 * <p>_sig [manBits:0], <p>_elsb` (signed, `ew` bits). Specials follow the format's policy
 * (sim/numerics/formats/conventions/); E8M0 has no sign, no zero and no subnormals (OCP MX v1.0 §5.4.1).
 */
export function floatDecodeLines(p: string, code: string, f: FloatFormat, ew: number): string[] {
  const e = f.expBits;
  const m = f.manBits;
  const ef = `${p}_ef`;
  const x = `${p}_code`;
  const lines = [`  wire [${f.bits - 1}:0] ${x} = ${code};`, `  wire [${e - 1}:0] ${ef} = ${x}[${m + e - 1}:${m}];`];
  lines.push(`  wire ${p}_s = ${f.signed ? `${x}[${f.bits - 1}]` : "1'b0"};`);
  if (m > 0) lines.push(`  wire [${m - 1}:0] ${p}_mf = ${x}[${m - 1}:0];`);
  const mfAny = m > 0 ? `(|${p}_mf)` : "1'b0";
  const mfAll = m > 0 ? `(&${p}_mf)` : "1'b1";
  const efAll = `(&${ef})`;
  if (f.specials === "e8m0") {
    lines.push(
      `  wire ${p}_nan = ${efAll};`,
      `  wire ${p}_inf = 1'b0;`,
      `  wire ${p}_zero = 1'b0;`,
      `  wire [0:0] ${p}_sig = 1'b1;`,
      `  wire signed [${ew - 1}:0] ${p}_elsb = ${asSigned(ef)} - ${sconst(f.bias, ew)};`,
    );
    return lines;
  }
  const nan = f.specials === "ieee" ? `${efAll} & ${mfAny}` : f.specials === "fn" ? `${efAll} & ${mfAll}` : "1'b0";
  const inf = f.specials === "ieee" ? `${efAll} & ~${mfAny}` : "1'b0";
  lines.push(
    `  wire ${p}_nz = |${ef};`,
    `  wire ${p}_nan = ${nan};`,
    `  wire ${p}_inf = ${inf};`,
    `  wire ${p}_zero = ~${p}_nz & ~${mfAny};`,
    `  wire [${m}:0] ${p}_sig = ${m > 0 ? `{${p}_nz, ${p}_mf}` : `${p}_nz`};`,
    // Subnormals (field 0) share field 1's exponent.
    `  wire signed [${ew - 1}:0] ${p}_elsb = (${p}_nz ? ${asSigned(ef)} : ${sconst(1, ew)}) - ${sconst(f.bias + m, ew)};`,
  );
  return lines;
}

import type { FloatFormat, IntFormat, ScalarFormat, SpecialsPolicy } from "./format.js";
import { floatFormat, intFormat } from "./format.js";

/** A named scalar format with its aliases (ml_dtypes names among them). */
export interface NamedFormat {
  readonly format: ScalarFormat;
  readonly aliases: readonly string[];
  readonly description: string;
}

const f = (
  id: string,
  expBits: number,
  manBits: number,
  bias: number,
  specials: SpecialsPolicy,
  aliases: string[],
  description: string,
  signed = true,
): NamedFormat => ({ format: floatFormat({ id, expBits, manBits, bias, signed, specials }), aliases, description });

/**
 * Named float formats. Parameters from ../shared/REFERENCES.md §1: OCP OFP8 v1.0 and arXiv:2209.05433
 * Table 1 (E4M3/E5M2), OCP MX v1.0 §5.3–5.4 (FP6, FP4, E8M0), ml_dtypes README (fnuz, b11, e3m4),
 * IEEE 754-2019 (binary16/32/64), bfloat16 and NVIDIA TF32 (A100 white paper: 8-bit exponent, 10-bit fraction).
 */
export const NAMED_FLOATS: readonly NamedFormat[] = [
  f("fp8-e4m3", 4, 3, 7, "fn", ["fp8", "e4m3", "float8_e4m3fn", "e4m3fn", "fp8-e4m3fn"], "OCP FP8 E4M3: no Inf, NaN = S.1111.111, max 448"),
  f("fp8-e5m2", 5, 2, 15, "ieee", ["e5m2", "float8_e5m2", "bf8"], "OCP FP8 E5M2: IEEE-like, max 57344"),
  f("fp8-e4m3fnuz", 4, 3, 8, "fnuz", ["float8_e4m3fnuz", "e4m3fnuz"], "FNUZ E4M3 (AMD MI300): bias 8, NaN = 0x80, max 240"),
  f("fp8-e5m2fnuz", 5, 2, 16, "fnuz", ["float8_e5m2fnuz", "e5m2fnuz"], "FNUZ E5M2 (AMD MI300): bias 16, NaN = 0x80, max 57344"),
  f("fp8-e4m3b11fnuz", 4, 3, 11, "fnuz", ["float8_e4m3b11fnuz", "e4m3b11fnuz"], "E4M3 with bias 11, fnuz, max 30"),
  f("fp8-e4m3-ieee", 4, 3, 7, "ieee", ["float8_e4m3", "e4m3-ieee"], "IEEE-like E4M3: Inf 0x78, max 240"),
  f("fp8-e3m4", 3, 4, 3, "ieee", ["float8_e3m4", "e3m4"], "IEEE-like E3M4: max 15.5"),
  f("fp6-e2m3", 2, 3, 1, "finite", ["float6_e2m3fn", "e2m3"], "OCP MX FP6 E2M3: no Inf/NaN, max 7.5"),
  f("fp6-e3m2", 3, 2, 3, "finite", ["float6_e3m2fn", "e3m2"], "OCP MX FP6 E3M2: no Inf/NaN, max 28"),
  f("fp4-e2m1", 2, 1, 1, "finite", ["fp4", "float4_e2m1fn", "e2m1"], "OCP MX FP4 E2M1: no Inf/NaN, max 6"),
  f("e8m0", 8, 0, 127, "e8m0", ["float8_e8m0fnu", "e8m0fnu"], "OCP MX E8M0 scale: unsigned powers of two, NaN 0xFF", false),
  f("fp16", 5, 10, 15, "ieee", ["half", "float16", "binary16"], "IEEE 754 binary16"),
  f("bf16", 8, 7, 127, "ieee", ["bfloat16"], "bfloat16 (truncated binary32)"),
  f("tf32", 8, 10, 127, "ieee", ["tensorfloat32"], "NVIDIA TF32 (19 bits: E8M10)"),
  f("fp32", 8, 23, 127, "ieee", ["float", "float32", "single", "binary32"], "IEEE 754 binary32"),
  f("fp64", 11, 52, 1023, "ieee", ["double", "float64", "binary64"], "IEEE 754 binary64"),
];

const i = (id: string, bits: number, signed: boolean, symmetric: boolean, aliases: string[]): NamedFormat => ({
  format: intFormat({ id, bits, signed, symmetric }),
  aliases,
  description: `${symmetric ? "symmetric " : ""}${signed ? "two's-complement" : "unsigned"} ${bits}-bit integer`,
});

/** Commonly used integer widths; any other `intN`, `uintN` or `intN-sym` is made on demand. */
export const NAMED_INTS: readonly NamedFormat[] = [
  i("int2", 2, true, false, []),
  i("int4", 4, true, false, ["i4"]),
  i("int8", 8, true, false, ["i8"]),
  i("int16", 16, true, false, ["i16"]),
  i("int32", 32, true, false, ["i32"]),
  i("uint4", 4, false, false, ["u4"]),
  i("uint8", 8, false, false, ["u8"]),
  i("int4-sym", 4, true, true, []),
  i("int8-sym", 8, true, true, []),
];

export const NAMED_SCALARS: readonly NamedFormat[] = [...NAMED_FLOATS, ...NAMED_INTS];

const INT_PATTERN = /^(u?)int(\d+)(-sym)?$/;
/** Generic minifloat: [fp<N>-]e<E>m<M>[-b<bias>][-ieee|-fn|-fnuz|-finite][-unsigned]; N, if given, is the code width. */
const FLOAT_PATTERN = /^(?:fp(\d+)-)?e(\d+)m(\d+)(?:-b(-?\d+))?(?:-(ieee|fn|fnuz|finite))?(-unsigned)?$/;

/** Result of looking a format up: the format, or a reason with the nearest known id. */
export type Lookup<T> = { ok: true; format: T } | { ok: false; reason: string };

/** Resolve a scalar format id or alias, including generic `intN`, `uintN`, `intN-sym` and `eXmY...` ids. */
export function lookupScalar(name: string): Lookup<ScalarFormat> {
  const key = name.trim().toLowerCase();
  for (const nf of NAMED_SCALARS) {
    if (nf.format.id === key || nf.aliases.includes(key)) return { ok: true, format: nf.format };
  }
  const im = INT_PATTERN.exec(key);
  if (im) {
    const bits = Number(im[2]);
    const signed = im[1] !== "u";
    if (bits < (signed ? 2 : 1) || bits > 64) {
      return { ok: false, reason: `integer width ${bits} in '${name}' is out of range (${signed ? 2 : 1}..64)` };
    }
    if (im[3] && !signed) return { ok: false, reason: `'${name}': only signed integers have a symmetric variant` };
    const format: IntFormat = intFormat({ id: key, bits, signed, symmetric: Boolean(im[3]) });
    return { ok: true, format };
  }
  const fm = FLOAT_PATTERN.exec(key);
  if (fm) {
    const expBits = Number(fm[2]);
    const manBits = Number(fm[3]);
    const specials = (fm[5] ?? "ieee") as SpecialsPolicy;
    const signed = !fm[6];
    const bias = fm[4] !== undefined ? Number(fm[4]) : (1 << (expBits - 1)) - 1;
    if (expBits < 1 || expBits > 11 || manBits > 52 || (signed ? 1 : 0) + expBits + manBits > 64) {
      return { ok: false, reason: `'${name}': exponent bits must be 1..11 and mantissa bits 0..52` };
    }
    // 'fp9-e9m9' would otherwise quietly be a 19-bit format: the stated width must match the fields.
    const bits = (signed ? 1 : 0) + expBits + manBits;
    if (fm[1] !== undefined && Number(fm[1]) !== bits) {
      const sign = signed ? "1 sign + " : "";
      return { ok: false, reason: `'${name}': the name says ${Number(fm[1])} bits but its fields make ${bits} (${sign}${expBits} exponent + ${manBits} mantissa); fix the fpN prefix or drop it` };
    }
    if (specials === "ieee" && expBits < 2) return { ok: false, reason: `'${name}': ieee specials need ≥ 2 exponent bits` };
    // Without these two checks NaN would encode as Inf (no fraction bit to mark it) or as a number (no −0 code to reuse).
    if (specials === "ieee" && manBits < 1) {
      return { ok: false, reason: `'${name}': ieee specials need ≥ 1 mantissa bit to tell NaN from Inf (try -fn or -finite)` };
    }
    if (specials === "fnuz" && !signed) {
      return { ok: false, reason: `'${name}': fnuz keeps NaN in the −0 code, which an unsigned format does not have` };
    }
    const format: FloatFormat = floatFormat({ id: key, expBits, manBits, bias, signed, specials });
    return { ok: true, format };
  }
  return { ok: false, reason: unknownFormatMessage(name, allScalarNames()) };
}

export function allScalarNames(): string[] {
  return NAMED_SCALARS.flatMap((nf) => [nf.format.id, ...nf.aliases]);
}

/** "unknown format 'x': did you mean 'y'?" with the nearest name by edit distance. */
export function unknownFormatMessage(name: string, candidates: readonly string[]): string {
  const nearest = nearestName(name, candidates);
  return `unknown format '${name}'${nearest ? `: did you mean '${nearest}'?` : ""} (run 'hwsim formats' for the list)`;
}

/** Nearest candidate by Levenshtein distance (ties: the earlier candidate). */
export function nearestName(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let r = 1; r <= a.length; r++) {
    const cur = [r];
    for (let c = 1; c <= b.length; c++) {
      cur[c] = Math.min(prev[c]! + 1, cur[c - 1]! + 1, prev[c - 1]! + (a[r - 1] === b[c - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

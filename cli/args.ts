import type { RoundingMode } from "../sim/numerics/rounding.js";
import { ROUNDING_MODES } from "../sim/numerics/rounding.js";
import type { EncodeOptions, OverflowPolicy } from "../sim/numerics/round-pack.js";
import { OVERFLOW_POLICIES } from "../sim/numerics/round-pack.js";
import { createPrng } from "../sim/prng.js";
import type { ScalarFormat } from "../sim/numerics/formats/format.js";
import { lookupScalar } from "../sim/numerics/formats/registry.js";
import { lookupBlock } from "../sim/numerics/formats/block.js";
import type { Raw } from "../sim/numerics/raw.js";
import { parseCode, parseNumber, NumberSyntaxError } from "../sim/numerics/decimal.js";
import { UsageError, orUsage } from "./errors.js";

/** Options shared by the commands that round. */
export const roundingOptions = {
  rounding: { type: "string", choices: ROUNDING_MODES as string[], default: "rne", describe: "rounding mode" },
  overflow: {
    type: "string",
    choices: OVERFLOW_POLICIES as string[],
    describe: "overflow policy (default: non-saturating for floats, saturate for integers)",
  },
  "inf-saturation": {
    type: "string",
    choices: ["nvidia", "ml_dtypes"],
    default: "nvidia",
    describe: "with --overflow saturate: nvidia maps ±Inf to ±max, ml_dtypes keeps Inf or gives NaN",
  },
  seed: { type: "number", default: 1, describe: "PRNG seed for stochastic rounding" },
  "stochastic-bits": { type: "number", default: 16, describe: "random bits r for stochastic rounding (PTX cvt.rs style)" },
} as const;

export interface RoundingArgs {
  rounding: string;
  overflow?: string;
  "inf-saturation": string;
  seed: number;
  "stochastic-bits": number;
}

/** Build encode options from parsed CLI flags. */
export function encodeOptionsFrom(a: RoundingArgs): EncodeOptions {
  const bits = a["stochastic-bits"];
  if (!Number.isInteger(bits) || bits < 1 || bits > 64) throw new UsageError(`--stochastic-bits ${bits} must be an integer from 1 to 64`);
  if (!Number.isSafeInteger(a.seed)) throw new UsageError(`--seed ${a.seed} must be an integer`);
  return {
    rounding: a.rounding as RoundingMode,
    overflow: a.overflow as OverflowPolicy | undefined,
    infSaturation: a["inf-saturation"] as "nvidia" | "ml_dtypes",
    stochastic: a.rounding === "stochastic" ? { rng: createPrng(a.seed), bits } : undefined,
  };
}

/** Resolve a scalar format, or fail with a suggestion (block formats get a pointer to `quantize`). */
export function scalarFormatArg(name: string): ScalarFormat {
  const r = lookupScalar(name);
  if (!r.ok && lookupBlock(name).ok) {
    throw new UsageError(`'${name}' is a block format: use 'hwsim quantize ${name} <values..>'`);
  }
  return orUsage(r);
}

/** Parse a number argument (decimal, hex float, inf, nan). */
export function valueArg(text: string): Raw {
  try {
    return parseNumber(unescapeArg(text));
  } catch (e) {
    if (e instanceof NumberSyntaxError) throw new UsageError(e.message);
    throw e;
  }
}

/** Parse a code argument and check it fits the format's width. */
export function codeArg(text: string, fmt: { id: string; bits: number }): bigint {
  let code: bigint;
  try {
    code = parseCode(unescapeArg(text));
  } catch (e) {
    if (e instanceof NumberSyntaxError) throw new UsageError(e.message);
    throw e;
  }
  if (code >> BigInt(fmt.bits) !== 0n) {
    const maxCode = (1n << BigInt(fmt.bits)) - 1n;
    throw new UsageError(`code ${text} is out of range for ${fmt.id}: it has ${fmt.bits} bits (0x0..0x${maxCode.toString(16)})`);
  }
  return code;
}

/** Hex string of a code, zero-padded to the format width. */
export function hexCode(code: bigint, bits: number): string {
  return "0x" + code.toString(16).padStart(Math.ceil(bits / 4), "0");
}

const NEG_NUMBER = /^-(\d|\.\d|inf|nan|0x)/i;
const ESC = "\u0000";

/**
 * yargs reads `-1e-9` or `-inf` as flags. Negative numbers that are not an option's value are escaped
 * before parsing and unescaped by the value parsers, so `hwsim encode fp8 -448 -inf` just works.
 */
export function escapeNegativeNumbers(argv: readonly string[], valueOptions: ReadonlySet<string>): string[] {
  return argv.map((tok, i) => {
    const prev = i > 0 ? argv[i - 1]! : "";
    const prevTakesValue = prev.startsWith("-") && !prev.includes("=") && valueOptions.has(prev.replace(/^-+/, ""));
    return NEG_NUMBER.test(tok) && !prevTakesValue ? ESC + tok : tok;
  });
}

export function unescapeArg(text: string): string {
  return text.startsWith(ESC) ? text.slice(1) : text;
}

/**
 * An option given twice that takes one value (yargs would hand the command an array): the name, for a one-line
 * error. Options declared as arrays (and the positional lists) may repeat.
 */
export function repeatedOption(args: Record<string, unknown>, arrays: ReadonlySet<string>): string | undefined {
  for (const [k, v] of Object.entries(args)) {
    if (k === "_" || k.startsWith("$") || !Array.isArray(v) || arrays.has(k)) continue;
    return k;
  }
  return undefined;
}

import type { Raw } from "./raw.js";
import type { ScalarFormat } from "./formats/format.js";
import { decodeFloat } from "./formats/float.js";
import { decodeInt } from "./formats/int.js";
import type { EncodeOptions, Encoded } from "./round-pack.js";
import { roundPack } from "./round-pack.js";

/** Exact value of a code in any scalar format. Throws RangeError for a code wider than the format. */
export function decode(fmt: ScalarFormat, code: bigint): Raw {
  return fmt.kind === "float" ? decodeFloat(fmt, code) : decodeInt(fmt, code);
}

/** Round an exact value to a code (one rounding; see round-pack.ts). */
export function encode(fmt: ScalarFormat, x: Raw, opts: EncodeOptions = {}): Encoded {
  return roundPack(x, fmt, opts);
}

/** Code-to-code conversion between any two formats: exact decode, then one rounding. */
export function convert(from: ScalarFormat, to: ScalarFormat, code: bigint, opts: EncodeOptions = {}): Encoded {
  return roundPack(decode(from, code), to, opts);
}

import type { SpecialsPolicy } from "../formats/format.js";
import type { OracleFormatParams } from "./format-model.js";
import { REFERENCE_FORMATS } from "./reference-formats.js";

/**
 * The oracle's own reading of a format name, written apart from formats/registry.ts (token by token, no shared
 * pattern) so that a registry bug in width, signedness, bias or specials shows up as a disagreement instead of
 * building the oracle from the same wrong parameters. The naming rules:
 * - a named float: its row of REFERENCE_FORMATS (ids only; aliases are the registry's business);
 * - `intN`: two's complement, N bits; `uintN`: unsigned, N bits; `intN-sym`: signed with −2^(N−1) unused;
 * - `[fpN-]eXmY[-b<bias>][-ieee|-fn|-fnuz|-finite][-unsigned]`: X exponent and Y mantissa bits, bias
 *   2^(X−1) − 1 unless given, ieee specials unless given, signed unless `-unsigned`; N, if given, is the width.
 * Throws on anything else: a test should only ask for names it knows to be well formed.
 */
export function oracleParamsFromName(name: string): OracleFormatParams {
  const named = REFERENCE_FORMATS.find((r) => r.id === name);
  if (named) return named.params;
  const tokens = name.split("-");
  const head = tokens[0]!;
  const digitsAfter = (prefix: string, t: string): number | undefined =>
    t.startsWith(prefix) && t.length > prefix.length && [...t.slice(prefix.length)].every((ch) => ch >= "0" && ch <= "9")
      ? Number(t.slice(prefix.length))
      : undefined;

  const uintBits = digitsAfter("uint", head);
  const intBits = digitsAfter("int", head);
  if (uintBits !== undefined || intBits !== undefined) {
    const symmetric = tokens[1] === "sym";
    if (tokens.length > (symmetric ? 2 : 1) || (symmetric && uintBits !== undefined)) throw new Error(`oracle: bad integer name '${name}'`);
    return { kind: "int", bits: (uintBits ?? intBits)!, signed: uintBits === undefined, symmetric };
  }

  let i = 0;
  const statedBits = digitsAfter("fp", tokens[0]!);
  if (statedBits !== undefined) i++;
  const em = tokens[i++] ?? "";
  const mAt = em.indexOf("m");
  const expBits = digitsAfter("e", em.slice(0, mAt));
  const manBits = digitsAfter("m", em.slice(mAt));
  if (mAt < 0 || expBits === undefined || manBits === undefined) throw new Error(`oracle: no eXmY in '${name}'`);
  let bias = 2 ** (expBits - 1) - 1;
  let specials: SpecialsPolicy = "ieee";
  let signed = true;
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === "b" && tokens[i + 1] !== undefined) bias = -Number(tokens[++i]); // "-b-2": the minus split the token
    else if (digitsAfter("b", t) !== undefined) bias = digitsAfter("b", t)!;
    else if (t === "ieee" || t === "fn" || t === "fnuz" || t === "finite") specials = t;
    else if (t === "unsigned") signed = false;
    else throw new Error(`oracle: unknown part '${t}' in '${name}'`);
  }
  if (Number.isNaN(bias)) throw new Error(`oracle: bad bias in '${name}'`);
  const width = (signed ? 1 : 0) + expBits + manBits;
  if (statedBits !== undefined && statedBits !== width) throw new Error(`oracle: '${name}' says ${statedBits} bits but its fields make ${width}`);
  return { kind: "float", expBits, manBits, bias, signed, specials };
}

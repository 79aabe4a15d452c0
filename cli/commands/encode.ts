import type { Argv } from "yargs";
import type { CommandSpec } from "../command.js";
import { printJson } from "../command.js";
import type { RoundingArgs } from "../args.js";
import { encodeOptionsFrom, hexCode, roundingOptions, scalarFormatArg, unescapeArg, valueArg } from "../args.js";
import { decode, encode } from "../../sim/numerics/codec.js";
import { rawToDecimal } from "../../sim/numerics/decimal.js";
import type { Flags } from "../../sim/numerics/round-pack.js";

export const encodeCommand: CommandSpec = {
  command: "encode <format> <values..>",
  describe: "Round decimal or hex-float values to codes of a format",
  builder: (y: Argv) =>
    y
      .positional("format", { type: "string", describe: "format id or alias (hwsim formats)" })
      .positional("values", { type: "string", array: true, describe: "decimal (0.1, -1e-9), hex float (0x1.8p-3), inf, -inf, nan" })
      .options(roundingOptions)
      .option("json", { type: "boolean", default: false, describe: "print JSON" }),
  valueOptions: ["rounding", "overflow", "inf-saturation", "seed", "stochastic-bits"],
  examples: [
    ["$0 encode fp8-e4m3 448 464 465", "464 is a tie and rounds to 448; 465 overflows to NaN"],
    ["$0 encode e5m2 0.1 --rounding rtz --json", "round toward zero, JSON output"],
    ["$0 encode fp4 7 -inf --overflow saturate", "saturate to ±6"],
  ],
  run(args: RoundingArgs & { format: string; values: string[]; json: boolean }, ctx) {
    const fmt = scalarFormatArg(args.format);
    const opts = encodeOptionsFrom(args);
    const results = args.values.map((text) => {
      const input = unescapeArg(text);
      const enc = encode(fmt, valueArg(text), opts);
      return { input, code: hexCode(enc.code, fmt.bits), value: rawToDecimal(decode(fmt, enc.code)), flags: enc.flags };
    });
    if (args.json) {
      printJson(ctx, { format: fmt.id, results });
      return;
    }
    for (const r of results) ctx.stdout(`${r.input} -> ${r.code} = ${r.value}${flagText(r.flags)}\n`);
  },
};

/** " [inexact, overflow]" or "". */
export function flagText(flags: Flags): string {
  const set = Object.entries(flags).filter(([, v]) => v).map(([k]) => k);
  return set.length ? `  [${set.join(", ")}]` : "";
}

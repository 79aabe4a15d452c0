import type { Argv } from "yargs";
import type { CommandSpec } from "../command.js";
import { printJson } from "../command.js";
import type { RoundingArgs } from "../args.js";
import { codeArg, encodeOptionsFrom, hexCode, roundingOptions, scalarFormatArg } from "../args.js";
import { convert, decode } from "../../sim/numerics/codec.js";
import { rawToDecimal } from "../../sim/numerics/decimal.js";
import { flagText } from "./encode.js";

export const convertCommand: CommandSpec = {
  command: "convert <from> <to> <codes..>",
  describe: "Convert codes between two formats with one rounding",
  builder: (y: Argv) =>
    y
      .positional("from", { type: "string", describe: "source format" })
      .positional("to", { type: "string", describe: "target format" })
      .positional("codes", { type: "string", array: true, describe: "source codes in hex" })
      .options(roundingOptions)
      .option("json", { type: "boolean", default: false, describe: "print JSON" }),
  valueOptions: ["rounding", "overflow", "inf-saturation", "seed", "stochastic-bits"],
  examples: [
    ["$0 convert fp32 fp8-e4m3 0x43e80001", "fp32 464.0000305 rounds up past the tie: overflow to NaN"],
    ["$0 convert fp16 fp8-e5m2 0x3c01 --rounding rtz", "truncate"],
  ],
  run(args: RoundingArgs & { from: string; to: string; codes: string[]; json: boolean }, ctx) {
    const from = scalarFormatArg(args.from);
    const to = scalarFormatArg(args.to);
    const opts = encodeOptionsFrom(args);
    const results = args.codes.map((text) => {
      const code = codeArg(text, from);
      const enc = convert(from, to, code, opts);
      return {
        input: hexCode(code, from.bits),
        inputValue: rawToDecimal(decode(from, code)),
        code: hexCode(enc.code, to.bits),
        value: rawToDecimal(decode(to, enc.code)),
        flags: enc.flags,
      };
    });
    if (args.json) {
      printJson(ctx, { from: from.id, to: to.id, results });
      return;
    }
    for (const r of results) ctx.stdout(`${r.input} (${r.inputValue}) -> ${r.code} = ${r.value}${flagText(r.flags)}\n`);
  },
};

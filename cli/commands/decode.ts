import type { Argv } from "yargs";
import type { CommandSpec } from "../command.js";
import { printJson } from "../command.js";
import { codeArg, hexCode, scalarFormatArg } from "../args.js";
import { decode } from "../../sim/numerics/codec.js";
import { rawToDecimal } from "../../sim/numerics/decimal.js";

export const decodeCommand: CommandSpec = {
  command: "decode <format> <codes..>",
  describe: "Exact decimal value of codes of a format",
  builder: (y: Argv) =>
    y
      .positional("format", { type: "string", describe: "format id or alias" })
      .positional("codes", { type: "string", array: true, describe: "codes in hex (0x7e), binary (0b0111) or decimal" })
      .option("json", { type: "boolean", default: false, describe: "print JSON" }),
  examples: [
    ["$0 decode fp8-e4m3 0x7e 0x7f 0x01", "448, nan and the smallest subnormal 2^-9"],
    ["$0 decode bf16 0x3f80 --json", "JSON output"],
  ],
  run(args: { format: string; codes: string[]; json: boolean }, ctx) {
    const fmt = scalarFormatArg(args.format);
    const results = args.codes.map((text) => {
      const code = codeArg(text, fmt);
      return { code: hexCode(code, fmt.bits), value: rawToDecimal(decode(fmt, code)) };
    });
    if (args.json) {
      printJson(ctx, { format: fmt.id, results });
      return;
    }
    for (const r of results) ctx.stdout(`${r.code} = ${r.value}\n`);
  },
};

import type { Argv } from "yargs";
import type { CommandSpec } from "../command.js";
import { printJson } from "../command.js";
import { codeArg, hexCode, scalarFormatArg } from "../args.js";
import { UsageError } from "../errors.js";
import type { AccumulatorOverrides } from "../../sim/numerics/ops/accumulator.js";
import { accumulatorOutputFormat, resolveAccumulator } from "../../sim/numerics/ops/accumulator.js";
import { dot } from "../../sim/numerics/ops/dot.js";
import type { DotInit } from "../../sim/numerics/ops/dot.js";
import { rawToDecimal } from "../../sim/numerics/decimal.js";
import { parseKeyValues } from "../../hw-models/mac-array/params.js";

interface DotArgs {
  unit: string;
  "a-format": string;
  "b-format": string;
  "c-format"?: string;
  a: string;
  b: string;
  c?: string;
  json: boolean;
}

/** `preset[:key=value,...]` → accumulator spec. */
function unitArg(text: string) {
  const [name, rest = ""] = text.split(/:(.*)/s) as [string, string?];
  const kv = parseKeyValues(rest);
  if (!kv.ok) throw new UsageError(`--unit ${text}: ${kv.reason}`);
  const r = resolveAccumulator(name, kv.value as AccumulatorOverrides);
  if (!r.ok) throw new UsageError(r.reason);
  return r.spec;
}

export const dotCommand: CommandSpec = {
  command: "dot",
  describe: "Bit-exact dot product c + Σ a_i·b_i on an arithmetic unit (accumulator preset)",
  builder: (y: Argv) =>
    y
      .option("unit", { type: "string", demandOption: true, describe: "accumulator preset (hwsim units), optionally with overrides: tc-h100:neab=3" })
      .option("a-format", { type: "string", demandOption: true, describe: "format of the a codes" })
      .option("b-format", { type: "string", demandOption: true, describe: "format of the b codes" })
      .option("c-format", { type: "string", describe: "format of the c code (default: the accumulator's output format)" })
      .option("a", { type: "string", demandOption: true, describe: "comma-separated hex codes" })
      .option("b", { type: "string", demandOption: true, describe: "comma-separated hex codes" })
      .option("c", { type: "string", describe: "initial accumulator code (default +0)" })
      .option("json", { type: "boolean", default: false, describe: "print JSON" }),
  valueOptions: ["unit", "a-format", "b-format", "c-format", "a", "b", "c"],
  examples: [
    ["$0 dot --unit fp32-seq --a-format fp8-e4m3 --b-format fp8-e4m3 --a 0x38,0x40 --b 0x38,0x38", "1·1 + 2·1 = 3 in fp32"],
    ["$0 dot --unit tc-v100 --a-format fp16 --b-format fp16 --a 0x3c00,0x1400,0x1400,0x1400 --b 0x3c00,0x3c00,0x3c00,0x3c00 --json", "a Fasi et al. style probe"],
    ["$0 dot --unit int32-wrap --a-format int8 --b-format int8 --a 0x7f --b 0x7f --c 0x7fffffff", "wraps, overflow flag set"],
  ],
  run(args: DotArgs, ctx) {
    const spec = unitArg(args.unit);
    const fa = scalarFormatArg(args["a-format"]);
    const fb = scalarFormatArg(args["b-format"]);
    const split = (s: string) => s.split(",").map((x) => x.trim()).filter(Boolean);
    const a = split(args.a).map((c) => codeArg(c, fa));
    const b = split(args.b).map((c) => codeArg(c, fb));
    if (a.length !== b.length) throw new UsageError(`--a has ${a.length} codes but --b has ${b.length}: give vectors of equal length`);
    let c: DotInit = { cls: "zero", sign: 0 };
    if (args.c !== undefined) {
      const cf = args["c-format"] ? scalarFormatArg(args["c-format"]) : accumulatorOutputFormat(spec);
      if (!cf) throw new UsageError(`the ${spec.id} accumulator has no register format: give --c-format`);
      c = { format: cf, code: codeArg(args.c, cf) };
    }
    const r = dot(a, b, c, spec, { a: fa, b: fb });
    if (!r.ok) throw new UsageError(r.reason);
    const out = {
      unit: spec.id,
      format: r.format?.id ?? null,
      code: r.code === null || !r.format ? null : hexCode(r.code, r.format.bits),
      value: rawToDecimal(r.value),
      flags: r.flags,
    };
    if (args.json) {
      printJson(ctx, out);
      return;
    }
    const set = Object.entries(r.flags).filter(([, v]) => v).map(([k]) => k);
    ctx.stdout(`${out.code ?? "(exact)"} = ${out.value}${out.format ? ` (${out.format})` : ""}${set.length ? `  [${set.join(", ")}]` : ""}\n`);
  },
};


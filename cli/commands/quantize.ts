import type { Argv } from "yargs";
import type { CommandSpec } from "../command.js";
import { printJson } from "../command.js";
import { hexCode, valueArg } from "../args.js";
import { UsageError, orUsage } from "../errors.js";
import { lookupBlock } from "../../sim/numerics/formats/block.js";
import type { BlockConvention, ScaleRule } from "../../sim/numerics/block-quantize.js";
import { BLOCK_CONVENTIONS, SCALE_RULES, quantizeBlocks } from "../../sim/numerics/block-quantize.js";
import { rawToDecimal } from "../../sim/numerics/decimal.js";
import { decode } from "../../sim/numerics/codec.js";
import type { RoundingMode } from "../../sim/numerics/rounding.js";
import { createPrng } from "../../sim/prng.js";
import { FP32 } from "../../sim/numerics/float64.js";

export const quantizeCommand: CommandSpec = {
  command: "quantize <format> <values..>",
  describe: "Quantize values into a block format (MX, NVFP4, BFP, NF4)",
  builder: (y: Argv) =>
    y
      .positional("format", { type: "string", describe: "block format: mxfp8-e4m3, mxfp8-e5m2, mxfp6-e2m3, mxfp6-e3m2, mxfp4, mxint8, nvfp4, bfpN, nf4" })
      .positional("values", { type: "string", array: true, describe: "decimal or hex-float values" })
      .option("block-size", { type: "number", describe: "elements per block (default: the format's, 32 for MX)" })
      .option("scale-rule", { type: "string", choices: SCALE_RULES as string[], default: "ocp", describe: "ocp: floor(log2 amax) − emax; ceil: cuBLAS RCEIL" })
      .option("rounding", { type: "string", choices: ["rne", "rna", "rtz", "rup", "rdn", "stochastic"], describe: "element rounding (default rne; rna with microxcaling)" })
      .option("convention", { type: "string", choices: BLOCK_CONVENTIONS as string[], default: "ocp", describe: "ocp spec or microxcaling emulator behaviour" })
      .option("tensor-scale", { type: "boolean", default: false, describe: "nvfp4: add the fp32 per-tensor scale amax/(6·448)" })
      .option("seed", { type: "number", default: 1, describe: "seed for stochastic rounding" })
      .option("json", { type: "boolean", default: false, describe: "print JSON" }),
  valueOptions: ["block-size", "scale-rule", "rounding", "convention", "seed"],
  examples: [
    ["$0 quantize mxfp8-e4m3 1 2 3 1000", "one block: E8M0 scale and E4M3 elements"],
    ["$0 quantize nvfp4 0.1 0.2 -3 6 --json", "NVFP4 with an E4M3 block scale"],
    ["$0 quantize mxint8 1.5 -0.25 --convention microxcaling", "microxcaling's symmetric MXINT8"],
  ],
  run(
    args: {
      format: string;
      values: string[];
      "block-size"?: number;
      "scale-rule": string;
      rounding?: string;
      convention: string;
      "tensor-scale": boolean;
      seed: number;
      json: boolean;
    },
    ctx,
  ) {
    const fmt = orUsage(lookupBlock(args.format));
    const xs = args.values.map(valueArg);
    const r = quantizeBlocks(fmt, xs, {
      blockSize: args["block-size"],
      scaleRule: args["scale-rule"] as ScaleRule,
      rounding: args.rounding as RoundingMode | undefined,
      convention: args.convention as BlockConvention,
      tensorScale: args["tensor-scale"],
      stochastic: args.rounding === "stochastic" ? { rng: createPrng(args.seed), bits: 16 } : undefined,
    });
    if (!r.ok) throw new UsageError(r.reason);
    const q = r.result;
    const blocks = q.blocks.map((b) => ({
      scaleCode: hexCode(b.scaleCode, fmt.scale.bits),
      scale: rawToDecimal(decode(fmt.scale, b.scaleCode)),
      codes: b.codes.map((c) => hexCode(c, fmt.element.bits)),
      values: b.values.map(rawToDecimal),
    }));
    const tensorScale = q.tensorScaleCode === undefined ? undefined : {
      code: hexCode(q.tensorScaleCode, 32),
      value: rawToDecimal(decode(FP32, q.tensorScaleCode)),
    };
    if (args.json) {
      printJson(ctx, { format: fmt.id, blockSize: q.blockSize, ...(tensorScale ? { tensorScale } : {}), blocks });
      return;
    }
    if (tensorScale) ctx.stdout(`tensor scale ${tensorScale.code} = ${tensorScale.value}\n`);
    blocks.forEach((b, i) => {
      ctx.stdout(`block ${i}: scale ${b.scaleCode} = ${b.scale}\n`);
      b.codes.forEach((c, j) => ctx.stdout(`  ${c} = ${b.values[j]}\n`));
    });
  },
};

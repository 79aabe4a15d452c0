import type { CommandSpec } from "../command.js";
import { printJson } from "../command.js";
import { NAMED_SCALARS } from "../../sim/numerics/formats/registry.js";
import { NAMED_BLOCKS, bfpFormat } from "../../sim/numerics/formats/block.js";
import type { FormatDescription } from "../../sim/numerics/formats/describe.js";
import { describeBlock, describeScalar } from "../../sim/numerics/formats/describe.js";

/** Every named format with its exact limits. */
export function allFormatDescriptions(): FormatDescription[] {
  return [
    ...NAMED_SCALARS.map((n) => describeScalar(n.format, n.aliases, n.description)),
    ...NAMED_BLOCKS.map(describeBlock),
    describeBlock(bfpFormat(8)),
  ];
}

export const formatsCommand: CommandSpec = {
  command: "formats",
  describe: "List every number format with its parameters and exact limits",
  builder: (y) => y.option("json", { type: "boolean", default: false, describe: "print JSON" }),
  examples: [
    ["$0 formats", "table of all formats"],
    ["$0 formats --json", "machine-readable list"],
  ],
  run(args: { json: boolean }, ctx) {
    const rows = allFormatDescriptions();
    if (args.json) {
      printJson(ctx, { formats: rows });
      return;
    }
    const header = ["id", "kind", "bits", "E", "M", "bias", "specials", "max", "min normal", "min subnormal"];
    const table = rows.map((r) => [
      r.id,
      r.block ? `block/${r.block.family}` : r.kind,
      r.block ? `${r.block.bitsPerElement}` : `${r.bits}`,
      r.expBits ?? "",
      r.manBits ?? "",
      r.bias ?? "",
      r.block ? `${r.block.element}×${r.block.blockSize} + ${r.block.scale}` : (r.specials ?? ""),
      shorten(r.max),
      shorten(r.minNormal ?? ""),
      shorten(r.minSubnormal ?? ""),
    ].map(String));
    const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
    ctx.stdout([line(header), ...table.map(line)].join("\n") + "\n");
    ctx.stdout("Aliases and exact decimal limits: hwsim formats --json. Generic: intN, uintN, intN-sym, eXmY[-b<bias>][-ieee|-fn|-fnuz|-finite], bfpN.\n");
  },
};

/** Long exact decimals are abbreviated in the table only (JSON keeps them exact). */
function shorten(s: string): string {
  if (s.length <= 14) return s;
  const n = Number(s);
  return n.toPrecision(6) + "…";
}

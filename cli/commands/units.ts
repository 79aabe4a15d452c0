import type { CommandSpec } from "../command.js";
import { printJson } from "../command.js";
import { ACCUMULATOR_PRESETS, describeAccumulator } from "../../sim/numerics/ops/accumulator.js";

export const unitsCommand: CommandSpec = {
  command: "units",
  describe: "List the accumulator presets (arithmetic units) and their parameters",
  builder: (y) => y.option("json", { type: "boolean", default: false, describe: "print JSON" }),
  examples: [
    ["$0 units", "table of presets"],
    ["$0 units --json", "every parameter, machine-readable"],
  ],
  run(args: { json: boolean }, ctx) {
    const units = ACCUMULATOR_PRESETS.map((p) => ({ ...describeAccumulator(p.spec), description: p.description, source: p.source }));
    if (args.json) {
      printJson(ctx, { units });
      return;
    }
    const w = Math.max(...units.map((u) => u.id.length));
    for (const u of units) {
      const params = Object.entries(u.params).map(([k, v]) => `${k}=${v}`).join(" ");
      ctx.stdout(`${u.id.padEnd(w)}  ${u.kind.padEnd(20)}  ${u.summary}\n${" ".repeat(w + 2)}${params}\n${" ".repeat(w + 2)}source: ${u.source}\n`);
    }
    ctx.stdout("Override any parameter: hwsim dot --unit tc-h100:neab=3 ... (see hwsim units --json for the keys).\n");
  },
};

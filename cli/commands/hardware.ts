import type { Argv } from "yargs";
import type { CommandSpec } from "../command.js";
import { printJson } from "../command.js";
import { UsageError } from "../errors.js";
import { listHardware, showHardware } from "../../hw-models/hardware-catalog.js";
import type { PeakEntry } from "../../hw-models/hardware-catalog.js";

interface HardwareArgs {
  action: string;
  hw?: string;
  json: boolean;
}

export const hardwareCommand: CommandSpec = {
  command: "hardware <action> [hw]",
  describe: "List the hardware presets of every substrate, or show one with its parameters and dense peaks",
  builder: (y: Argv) =>
    y
      .positional("action", { type: "string", choices: ["list", "show"], describe: "list every preset, or show one" })
      .positional("hw", { type: "string", describe: "with show: a --hw id (mac-array, gpu:h100-sxm5, gpu:b200:clock=1800)" })
      .option("json", { type: "boolean", default: false, describe: "print JSON" }),
  examples: [
    ["$0 hardware list --json", "every preset: [{id, kind, description}]"],
    ["$0 hardware show gpu:h100-sxm5 --json", "params, dense peaks per precision, SMs, clock, bandwidth, L2 and TDP"],
  ],
  run(args: HardwareArgs, ctx) {
    if (args.action === "list") {
      if (args.hw) throw new UsageError(`'hardware list' takes no hardware id (got '${args.hw}'): use 'hardware show ${args.hw}'`);
      const list = listHardware();
      if (args.json) return printJson(ctx, list);
      const w = Math.max(...list.map((e) => e.id.length));
      ctx.stdout(list.map((e) => `${e.id.padEnd(w)}  ${e.kind.padEnd(9)}  ${e.description}`).join("\n") + "\n");
      return;
    }
    if (!args.hw) throw new UsageError("give the hardware to show: hwsim hardware show gpu:h100-sxm5 (hwsim hardware list names them)");
    const r = showHardware(args.hw);
    if (!r.ok) throw new UsageError(r.reason);
    if (args.json) return printJson(ctx, r.value);
    const v = r.value;
    const lines = [`${String(v["id"])} (${String(v["kind"])})`];
    for (const k of ["sms", "clockMhz", "memoryBandwidthGBs", "l2Bytes", "tdpW"]) if (v[k] !== undefined) lines.push(`  ${k} ${String(v[k])}`);
    lines.push("  dense peaks (2 ops per MAC, no sparsity):");
    for (const p of v["peak"] as PeakEntry[]) lines.push(`    ${p.precision.padEnd(10)} ${p.accumulator.padEnd(28)} ${String(p.macsPerCycle).padStart(8)} MAC/cycle  ${p.tops.toFixed(1).padStart(8)} TOPS`);
    ctx.stdout(lines.join("\n") + "\n");
  },
};

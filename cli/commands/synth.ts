import path from "node:path";
import type { Argv } from "yargs";
import type { CommandSpec } from "../command.js";
import { printJson } from "../command.js";
import { UsageError } from "../errors.js";
import { checkWritable, writeAtomically } from "../safe-write.js";
import { peTerms, resolveUnit, type UnitSpec } from "../../hw-models/verilog/unit-spec.js";
import { unitVerilog } from "../../hw-models/verilog/unit-verilog.js";
import { synthRow, type SynthRow } from "../../hw-models/verilog/synth-row.js";
import { yosysScript } from "../../hw-models/verilog/yosys-script.js";
import { yosysVersion } from "../../hw-models/verilog/run-yosys.js";

interface SynthArgs {
  precisions: string[];
  pe: string;
  json: boolean;
  verilog?: string;
  yosys: string;
  force: boolean;
}

/** First line of every Verilog file hwsim writes (lets a rerun replace it without --force). */
const VERILOG_HEAD = "// hwsim synth:";

function units(args: SynthArgs): UnitSpec[] {
  const n = peTerms(args.pe);
  if (!n.ok) throw new UsageError(`--pe: ${n.reason}`);
  return args.precisions.map((p) => {
    const u = resolveUnit(p, n.value);
    if (!u.ok) throw new UsageError(u.reason);
    const v = unitVerilog(u.value);
    if (!v.ok) throw new UsageError(v.reason);
    return u.value;
  });
}

function table(rows: readonly SynthRow[], pe: string): string {
  const head = ["unit", "yosys cells", "transistors", "estimator µm²", "cells ×", "transistors ×", "µm² ×"];
  const base = rows[0]!;
  const ratio = (x: number, y: number) => (x / y).toFixed(2);
  const body = rows.map((r) => [
    r.unit,
    String(r.cells),
    String(r.transistors),
    r.estimatorAreaUm2.toFixed(1),
    ratio(r.cells, base.cells),
    ratio(r.transistors, base.transistors),
    ratio(r.estimatorAreaUm2, base.estimatorAreaUm2),
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join("  ");
  return [
    line(head),
    ...body.map(line),
    `Yosys: generic CMOS gates (abc -g), stat -tech cmos; estimator: hwsim cost library, 45 nm. Ratios against ${base.unit}; PE ${pe}.`,
  ].join("\n") + "\n";
}

export const synthCommand: CommandSpec = {
  command: "synth <precisions..>",
  describe: "Generate a MAC or dot-product unit in Verilog, synthesise it with Yosys, and print its cell and transistor counts beside hwsim's area estimate",
  builder: (y: Argv) =>
    y
      .positional("precisions", { type: "string", array: true, describe: "formats: int8, int4, fp8, fp8-e5m2, mxfp4, nvfp4, ..." })
      .option("pe", { type: "string", default: "dot16", describe: "unit shape: mac or dot<n> (n = 2..64)" })
      .option("json", { type: "boolean", default: false, describe: "print JSON" })
      .option("verilog", { type: "string", describe: "also write the generated Verilog of every unit to this file" })
      .option("yosys", { type: "string", default: "yosys", describe: "the Yosys executable" })
      .option("force", { type: "boolean", default: false, describe: "overwrite a --verilog file hwsim did not write" }),
  valueOptions: ["pe", "verilog", "yosys"],
  examples: [
    ["$0 synth int8 fp8 mxfp4 nvfp4", "dot16 units: Yosys cells and transistors beside the estimator's µm²"],
    ["$0 synth int8 fp8 --pe mac --json", "MAC units, as JSON"],
    ["$0 synth nvfp4 --verilog nvfp4.v", "keep the generated Verilog"],
  ],
  run(args: SynthArgs, ctx) {
    const list = units(args);
    const out = args.verilog ? path.resolve(ctx.cwd, args.verilog) : undefined;
    if (out) checkWritable(out, (h) => h.startsWith(VERILOG_HEAD), args.force, "--verilog");
    const version = yosysVersion(args.yosys);
    if (!version.ok) throw new UsageError(version.reason);
    const rows = list.map((u) => {
      const r = synthRow(u, args.yosys);
      if (!r.ok) throw new UsageError(`${u.id}: ${r.reason}`);
      return r.value;
    });
    if (out) {
      const text = list.map((u) => {
        const v = unitVerilog(u);
        if (!v.ok) throw new Error(v.reason);
        return v.value.text;
      });
      writeAtomically(out, `${VERILOG_HEAD} ${list.map((u) => u.id).join(", ")}\n${text.join("\n")}`);
    }
    if (args.json) {
      printJson(ctx, { yosys: version.value, script: yosysScript("unit.v", "<top>", "stat.txt"), pe: args.pe, units: rows });
      return;
    }
    ctx.stdout(table(rows, args.pe));
  },
};

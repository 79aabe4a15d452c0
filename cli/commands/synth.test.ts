import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../main.js";
import { fakeContext } from "../testing/fake-context.js";

async function run(cwd: string, ...argv: string[]) {
  const ctx = fakeContext(cwd);
  const code = await main(argv, ctx);
  return { code, out: ctx.stdoutText(), err: ctx.stderrText() };
}
const tmp = () => mkdtempSync(path.join(tmpdir(), "hwsim-synth-"));
const kept = JSON.parse(readFileSync(new URL("../../hw-models/verilog/yosys-counts.json", import.meta.url), "utf8")) as {
  units: { unit: string; cells: number; transistors: number; estimatorAreaUm2: number }[];
};

describe("hwsim synth", () => {
  it("prints Yosys's counts beside the estimator's area (JSON), as the committed table has them", async () => {
    const r = await run(tmp(), "synth", "int8", "int4", "--pe", "mac", "--json");
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.yosys).toMatch(/^Yosys /);
    expect(j.units.map((u: { unit: string }) => u.unit)).toEqual(["mac-int8", "mac-int4"]);
    const int8 = kept.units.find((u) => u.unit === "mac-int8")!;
    expect(j.units[0].estimatorAreaUm2).toBe(int8.estimatorAreaUm2);
    expect(j.units[0].transistors).toBeGreaterThan(j.units[1].transistors);
    expect(j.units[0].cellTypes.$_DFF_P_).toBe(32); // the int32 accumulator register
  });

  it("prints a table with ratios and writes the Verilog on request", async () => {
    const dir = tmp();
    const r = await run(dir, "synth", "int4", "int8", "--pe", "mac", "--verilog", "units.v");
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^unit\s+yosys cells\s+transistors\s+estimator µm²/);
    expect(r.out).toMatch(/\nmac-int4 .* 1\.00\s+1\.00\s+1\.00\n/);
    const v = readFileSync(path.join(dir, "units.v"), "utf8");
    expect(v).toMatch(/^\/\/ hwsim synth: mac-int4, mac-int8\n/);
    expect(v).toMatch(/module mac_int8_core\(/);
  });

  it("bad input and a missing yosys exit 2 with one line", async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, "mine.v"), "module mine; endmodule\n");
    for (const [argv, msg] of [
      [["synth", "int9x"], /unknown format 'int9x'/],
      [["synth", "int8", "--pe", "dot99"], /--pe: dot<n> needs n from 2 to 64/],
      [["synth", "nvfp4", "--pe", "dot32"], /two nvfp4 scale blocks/],
      [["synth", "int8", "--yosys", "/nonexistent/yosys"], /yosys not found .*apt-get install yosys/],
      [["synth", "int8", "--verilog", "mine.v"], /--force/],
      [["synth", "fp99"], /unknown format 'fp99'/],
      [["synth", "int8", "--verilog", "."], /is a directory/],
    ] as const) {
      const r = await run(dir, ...argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.err, argv.join(" ")).toMatch(msg);
      expect(r.err.trim().split("\n"), argv.join(" ")).toHaveLength(1);
    }
  });
});

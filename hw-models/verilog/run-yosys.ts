/** Synthesise a generated unit with Yosys and read its gate counts (yosys-script.ts has the recipe). */
import { fail, ok, type Result } from "../../workloads/result.js";
import { inScratchDir, readToolOutput, runTool } from "./run-tool.js";
import { yosysScript } from "./yosys-script.js";
import { parseYosysStat, type YosysCounts } from "./yosys-stat.js";

/** The version line of the Yosys at `yosys` (`Yosys 0.23 (git sha1 …)`). */
export function yosysVersion(yosys = "yosys"): Result<string> {
  return inScratchDir({}, (dir) => {
    const r = runTool(yosys, ["-V"], dir);
    return r.ok ? ok(r.value.trim()) : r;
  });
}

/** Cell and transistor counts of `top` in `verilog`, synthesised onto generic CMOS gates. */
export function synthesizeCounts(verilog: string, top: string, yosys = "yosys"): Result<YosysCounts> {
  return inScratchDir({ "unit.v": verilog }, (dir) => {
    const r = runTool(yosys, ["-q", "-p", yosysScript("unit.v", top, "stat.txt")], dir);
    if (!r.ok) return fail(r.reason);
    return parseYosysStat(readToolOutput(dir, "stat.txt"));
  });
}

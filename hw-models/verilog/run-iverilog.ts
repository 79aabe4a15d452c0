/** Compile a unit and its testbench with Icarus Verilog and run it: the printed lines come back. */
import { fail, ok, type Result } from "../../workloads/result.js";
import { inScratchDir, runTool } from "./run-tool.js";

/**
 * Run testbench module `tb` over `unit` with `vectors` written to `vectorFile` (the name the testbench reads).
 * Returns the lines the simulation printed.
 */
export function simulateWithIverilog(unit: string, testbench: string, vectorFile: string, vectors: readonly string[]): Result<string[]> {
  return inScratchDir({ "unit.v": unit, "tb.v": testbench, [vectorFile]: vectors.join("\n") + "\n" }, (dir) => {
    const c = runTool("iverilog", ["-g2005", "-s", "tb", "-o", "sim.vvp", "unit.v", "tb.v"], dir);
    if (!c.ok) return fail(c.reason);
    const r = runTool("vvp", ["-n", "sim.vvp"], dir);
    if (!r.ok) return fail(r.reason);
    return ok(r.value.split("\n").map((l) => l.trim()).filter((l) => /^[0-9a-fA-Fxz]+$/.test(l)));
  });
}

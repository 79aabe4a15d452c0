/**
 * Makes hw-models/verilog/yosys-counts.json: Yosys's cell and transistor counts for the generated units in
 * SYNTH_UNITS, beside the cost library's area for the same units (hw-models/verilog/synth-row.ts).
 * Run: npx tsc -p tsconfig.json --outDir /tmp/hwsim-dist && node /tmp/hwsim-dist/bench/make-yosys-counts.js
 * (or npm run build && node dist/bench/make-yosys-counts.js). Needs yosys (apt-get install yosys).
 * Writes the file given as the first argument, else the one in the source tree.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { resolveUnit } from "../hw-models/verilog/unit-spec.js";
import { synthRow } from "../hw-models/verilog/synth-row.js";
import { SYNTH_UNITS } from "../hw-models/verilog/synth-units.js";
import { yosysScript } from "../hw-models/verilog/yosys-script.js";
import { yosysVersion } from "../hw-models/verilog/run-yosys.js";
import { unwrap } from "../workloads/result.js";

/** The source tree's hw-models/verilog/yosys-counts.json, from this file in bench/ or dist/bench/. */
function defaultTarget(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = path.basename(path.dirname(here)) === "dist" ? path.resolve(here, "../..") : path.resolve(here, "..");
  return path.join(root, "hw-models/verilog/yosys-counts.json");
}

const target = process.argv[2] ?? defaultTarget();
const version = unwrap(yosysVersion());
const units = SYNTH_UNITS.map(({ precision, n }) => {
  const t0 = Date.now();
  const row = unwrap(synthRow(unwrap(resolveUnit(precision, n))));
  console.log(`${row.unit.padEnd(16)} ${String(row.cells).padStart(6)} cells ${String(row.transistors).padStart(7)} transistors  estimator ${row.estimatorAreaUm2.toFixed(1).padStart(8)} µm²  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  return row;
});
const doc = { yosys: version, script: yosysScript("unit.v", "<top>", "stat.txt"), units };
writeFileSync(target, JSON.stringify(doc, null, 2) + "\n");
console.log(`wrote ${target}`);

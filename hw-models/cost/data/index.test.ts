import { describe, expect, it } from "vitest";
import { COST_TABLES } from "./index.js";

const UNITS = new Set(["pJ", "fJ", "um2", "mm2", "nW", "nW/um2", "pJ/bit", "um2/bit", "bit", "V", "1"]);

/** Every number in a table must sit in an entry { value, unit, source }; returns the problems found. */
function walk(node: unknown, path: string, problems: string[], entries: { path: string }[]): void {
  if (typeof node === "number") {
    problems.push(`${path}: bare number ${node} without unit and source`);
    return;
  }
  if (node === null || typeof node !== "object") {
    problems.push(`${path}: unexpected ${typeof node}`);
    return;
  }
  if ("value" in node) {
    const e = node as { value: unknown; unit: unknown; source: unknown };
    if (typeof e.value !== "number" || !Number.isFinite(e.value)) problems.push(`${path}: value is not a finite number`);
    if (typeof e.unit !== "string" || !UNITS.has(e.unit)) problems.push(`${path}: unit ${String(e.unit)} is not a known unit`);
    if (typeof e.source !== "string" || e.source.trim().length < 10) problems.push(`${path}: missing or empty source`);
    const extra = Object.keys(node).filter((k) => !["value", "unit", "source"].includes(k));
    if (extra.length > 0) problems.push(`${path}: unexpected keys ${extra.join(", ")}`);
    entries.push({ path });
    return;
  }
  for (const [k, v] of Object.entries(node)) walk(v, `${path}.${k}`, problems, entries);
}

describe("cost tables", () => {
  it("every constant carries a value, a known unit and a non-empty source", () => {
    const problems: string[] = [];
    const entries: { path: string }[] = [];
    walk(COST_TABLES, "COST_TABLES", problems, entries);
    expect(problems).toEqual([]);
    expect(entries.length).toBeGreaterThan(60);
  });

  it("the walker itself flags a bare number and an entry without source", () => {
    const problems: string[] = [];
    walk({ a: 1, b: { value: 2, unit: "pJ", source: "" } }, "t", problems, []);
    expect(problems).toHaveLength(2);
  });

  it("holds the Horowitz 45 nm figures of REFERENCES §5", () => {
    const t = COST_TABLES;
    expect([t.HOROWITZ_INT_ADD_ENERGY[8].value, t.HOROWITZ_INT_ADD_ENERGY[16].value, t.HOROWITZ_INT_ADD_ENERGY[32].value]).toEqual([0.03, 0.05, 0.1]);
    expect([t.HOROWITZ_INT_MULT_ENERGY[8].value, t.HOROWITZ_INT_MULT_ENERGY[32].value]).toEqual([0.2, 3.1]);
    expect([t.HOROWITZ_FLOAT.fp16.addEnergy.value, t.HOROWITZ_FLOAT.fp32.addEnergy.value]).toEqual([0.4, 0.9]);
    expect([t.HOROWITZ_FLOAT.fp16.multEnergy.value, t.HOROWITZ_FLOAT.fp32.multEnergy.value]).toEqual([1.1, 3.7]);
    expect([t.HOROWITZ_INT_ADD_AREA[8].value, t.HOROWITZ_INT_ADD_AREA[16].value, t.HOROWITZ_INT_ADD_AREA[32].value]).toEqual([36, 67, 137]);
    expect([t.HOROWITZ_FLOAT.fp16.addArea.value, t.HOROWITZ_FLOAT.fp32.addArea.value]).toEqual([1360, 4184]);
    expect([t.HOROWITZ_INT_MULT_AREA[8].value, t.HOROWITZ_INT_MULT_AREA[32].value]).toEqual([282, 3495]);
    expect([t.HOROWITZ_FLOAT.fp16.multArea.value, t.HOROWITZ_FLOAT.fp32.multArea.value]).toEqual([1640, 7700]);
    expect([t.HOROWITZ_SRAM_READ_64B[8192].value, t.HOROWITZ_SRAM_READ_64B[32768].value, t.HOROWITZ_SRAM_READ_64B[1048576].value]).toEqual([10, 20, 100]);
    expect([t.HOROWITZ_DRAM_64B.low.value, t.HOROWITZ_DRAM_64B.high.value]).toEqual([1300, 2600]);
  });
});

describe("table registry", () => {
  it("COST_TABLES holds every table exported by the data modules", async () => {
    const modules = await Promise.all([
      import("./horowitz-45nm.js"),
      import("./nangate-45nm.js"),
      import("./stillmaker-2017.js"),
      import("./node-extensions.js"),
      import("./array-references.js"),
    ]);
    const registered = new Set<unknown>(Object.values(COST_TABLES));
    const missing = modules.flatMap((m) => Object.entries(m).filter(([, v]) => typeof v === "object" && !registered.has(v)).map(([k]) => k));
    expect(missing).toEqual([]);
  });
});

/**
 * The committed synth_xilinx table (yosys-xilinx-counts.json, made by bench/make-yosys-xilinx-counts.ts) is
 * reproduced by rerunning Yosys on mac-int8, and hwsim's FPGA LUT estimator ranks the units as Yosys does.
 * Needs yosys (.ci/run installs it).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { unwrap } from "../../workloads/result.js";
import { yosysVersion } from "../verilog/run-yosys.js";
import { resolveUnit, unitId } from "../verilog/unit-spec.js";
import { unitVerilog } from "../verilog/unit-verilog.js";
import { parseXilinxStat, synthXilinxRow, synthXilinxScript, verilogSha256, XILINX_UNITS, type XilinxRow } from "./yosys-xilinx.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const table = JSON.parse(readFileSync(path.join(here, "yosys-xilinx-counts.json"), "utf8")) as { yosys: string; scripts: Record<string, string>; units: XilinxRow[] };
const row = (id: string) => {
  const r = table.units.find((u) => u.unit === id);
  if (!r) throw new Error(`${id} is not in yosys-xilinx-counts.json`);
  return r;
};

describe("parseXilinxStat", () => {
  it("sums primitive classes from a stat report (INV counts as a LUT) and refuses unmapped generic cells", () => {
    const text = "   Number of wires: 9\n   Number of cells:                 10\n     CARRY4                          2\n     DSP48E2                         1\n     FDRE                            3\n     INV                             1\n     LUT2                            2\n     LUT6                            1\n";
    const c = unwrap(parseXilinxStat(text));
    expect({ lut: c.lut, ff: c.ff, carry: c.carry, dsp: c.dsp, muxf: c.muxf, cells: c.cells }).toEqual({ lut: 4, ff: 3, carry: 2, dsp: 1, muxf: 0, cells: 10 });
    expect(parseXilinxStat("   Number of cells: 2\n     $_AND_ 1\n     LUT2 1\n").ok).toBe(false);
  });
});

describe("yosys-xilinx-counts.json", () => {
  it("holds every unit of XILINX_UNITS, made with today's scripts", () => {
    expect(table.units.map((u) => u.unit)).toEqual(XILINX_UNITS.map((s) => unitId(s.precision, s.n)));
    expect(table.scripts).toEqual({ dsp: synthXilinxScript("unit.v", "<top>", "stat.txt", "dsp"), nodsp: synthXilinxScript("unit.v", "<top>", "stat.txt", "nodsp") });
  });

  it("is for today's generated Verilog (a changed generator: rerun bench/make-yosys-xilinx-counts.ts)", () => {
    for (const s of XILINX_UNITS) {
      const u = unwrap(resolveUnit(s.precision, s.n));
      expect(verilogSha256(unwrap(unitVerilog(u)).text), u.id).toBe(row(u.id).verilogSha256);
    }
  });

  it("is reproduced by rerunning synth_xilinx on mac-int8 (exactly with the same Yosys version, within 10% with another)", () => {
    const version = unwrap(yosysVersion());
    const fresh = unwrap(synthXilinxRow(unwrap(resolveUnit("int8", 1))));
    const kept = row("mac-int8");
    expect(fresh.verilogSha256).toBe(kept.verilogSha256);
    if (version === table.yosys) {
      expect({ dsp: fresh.dsp, nodsp: fresh.nodsp, estimator: fresh.estimator }).toEqual({ dsp: kept.dsp, nodsp: kept.nodsp, estimator: kept.estimator });
    } else {
      for (const m of ["dsp", "nodsp"] as const) expect(Math.abs(fresh[m].lut / kept[m].lut - 1), `${m} with ${version}`).toBeLessThan(0.1);
    }
  }, 30_000);

  it("puts the int8 multiplier in one DSP48E2 and the int4 and minifloat products in LUTs (DSP_Y_MINWIDTH = 9)", () => {
    expect(row("mac-int8").dsp.dsp).toBe(1);
    expect(row("dot4-int8").dsp.dsp).toBe(4);
    for (const id of ["mac-int4", "dot4-int4", "mac-fp6-e3m2", "mac-fp8-e4m3", "mac-fp8-e5m2"]) expect(row(id).dsp.dsp, id).toBe(0);
    // A DSP48E2 takes the int8 product off the fabric: far fewer LUTs than the -nodsp build.
    expect(row("mac-int8").dsp.lut).toBeLessThan(row("mac-int8").nodsp.lut / 3);
  });
});

describe("the FPGA LUT estimator ranks units as Yosys -nodsp does", () => {
  const est = (id: string) => row(id).estimator!.lut;
  const ys = (id: string) => row(id).nodsp.lut;
  const byYosys = (ids: string[]) => [...ids].sort((x, y) => ys(x) - ys(y));
  const byEstimator = (ids: string[]) => [...ids].sort((x, y) => est(x) - est(y));

  it("int4 < int8 < every minifloat MAC, and dot4-int4 < dot4-int8, in both", () => {
    for (const f of ["mac-fp6-e3m2", "mac-fp8-e4m3", "mac-fp8-e5m2"]) {
      const ids = ["mac-int4", "mac-int8", f];
      expect(byYosys(ids), "yosys").toEqual(ids);
      expect(byEstimator(ids), "estimator").toEqual(ids);
    }
    expect(byYosys(["dot4-int4", "dot4-int8"])).toEqual(["dot4-int4", "dot4-int8"]);
    expect(byEstimator(["dot4-int4", "dot4-int8"])).toEqual(["dot4-int4", "dot4-int8"]);
  });

  // Yosys 0.23 -nodsp: fp6-e3m2 1,387 < fp8-e5m2 1,645 < fp8-e4m3 1,910 LUTs; estimator 272 < 274 < 291 (its fp32
  // accumulator is Ehliar's published 261-LUT logic-only fp32 adder, FPT 2014; lut-estimator.test.ts). The order
  // agrees, but the estimator sits at 0.15–0.20× Yosys's LUTs for these MACs (0.97× for mac-int4, 0.53× for
  // mac-int8): the generated unit is a fused block FMA at the accumulator register's full window, and ABC's LUT
  // mapping is not Vivado's. Ranks are the tested claim here; absolute counts are tied to the published figures.
  it("orders the minifloat MACs as Yosys does (fewer exponent and significand bits, fewer LUTs)", () => {
    const ids = ["mac-fp6-e3m2", "mac-fp8-e4m3", "mac-fp8-e5m2"];
    expect(byEstimator(ids)).toEqual(byYosys(ids));
  });
});

/**
 * Yosys `synth_xilinx` as a cross-check of the FPGA LUT estimator (issue 11 item 6). The unit is the one the
 * Verilog generator in hw-models/verilog/ builds (unitVerilog: combinational core + accumulator register), so the
 * same Verilog is priced in CMOS gates there and in UltraScale+ primitives here.
 *
 * Recipe: `synth_xilinx -family xcup -flatten -noiopad -noclkbuf` (Yosys's UltraScale+ flow: LUT1–6, MUXF7–9,
 * CARRY4 (Yosys 0.23 maps xcup carry chains to CARRY4, not CARRY8), FDRE, DSP48E2), once with DSP inference (`dsp`)
 * and once with `-nodsp` (everything in fabric, which is what the LUT estimator prices). With DSP inference Yosys
 * leaves products narrower than 9 bits in LUTs (synth_xilinx.cc: mul2dsp -D DSP_Y_MINWIDTH=9, "UG901 suggests small
 * multiplies are those 4x4 and smaller"), so int4 and minifloat significand products never reach a DSP48E2. Yosys's LUT counts are relative figures from ABC's LUT mapping, not Vivado's
 * placed-and-routed utilisation; compare ratios and ranks, not absolute counts.
 */
import { createHash } from "node:crypto";
import { fail, ok, type Result } from "../../workloads/result.js";
import { inScratchDir, readToolOutput, runTool } from "../verilog/run-tool.js";
import type { UnitSpec } from "../verilog/unit-spec.js";
import { unitVerilog } from "../verilog/unit-verilog.js";
import type { LaneCost } from "./lut-estimator.js";
import { finnMultiplierLuts, lutMacLane } from "./lut-estimator.js";

/**
 * The units in yosys-xilinx-counts.json (bench/make-yosys-xilinx-counts.ts): MACs for int4, int8 and the
 * minifloats fp8-e4m3, fp8-e5m2, fp6-e3m2 (the FPL 2024 minifloat study's kind of format), and 4-term integer dot
 * units. Small units keep a rerun to seconds.
 */
export const XILINX_UNITS: readonly { readonly precision: string; readonly n: number }[] = [
  { precision: "int4", n: 1 },
  { precision: "int8", n: 1 },
  { precision: "fp6-e3m2", n: 1 },
  { precision: "fp8-e4m3", n: 1 },
  { precision: "fp8-e5m2", n: 1 },
  { precision: "int4", n: 4 },
  { precision: "int8", n: 4 },
];

/** With hard DSP48E2 inference, or all in fabric. */
export type XilinxDspMode = "dsp" | "nodsp";

/** The Yosys commands for `file` with top module `top`; `stat` output goes to `statFile`. */
export function synthXilinxScript(file: string, top: string, statFile: string, mode: XilinxDspMode): string {
  return [
    `read_verilog ${file}`,
    `synth_xilinx -family xcup -flatten -noiopad -noclkbuf${mode === "nodsp" ? " -nodsp" : ""} -top ${top}`,
    `tee -q -o ${statFile} stat`,
  ].join("; ");
}

/** UltraScale+ primitive counts of one synthesised unit. */
export interface XilinxCounts {
  /** LUT1…LUT6 plus INV (an inverter is a LUT1 in the fabric: UG974 UltraScale Libraries Guide, INV). */
  readonly lut: number;
  /** FDRE, FDSE, FDCE, FDPE. */
  readonly ff: number;
  /** CARRY4/CARRY8 carry-chain blocks. */
  readonly carry: number;
  readonly dsp: number;
  /** MUXF7/MUXF8/MUXF9 (wide muxes built from LUT pairs). */
  readonly muxf: number;
  readonly cells: number;
  readonly cellTypes: Readonly<Record<string, number>>;
}

/**
 * Parse the text `stat` prints after synth_xilinx. A cell type outside the known primitive classes (a LUT RAM,
 * an SRL, an unmapped `$` cell) is kept in cellTypes and counted in cells only.
 */
export function parseXilinxStat(text: string): Result<XilinxCounts> {
  const cells = /Number of cells:\s+(\d+)/.exec(text);
  if (!cells) return fail("yosys stat output has no cell count");
  const cellTypes: Record<string, number> = {};
  for (const m of text.matchAll(/^\s+(\$?[A-Za-z_][\w$]*)\s+(\d+)\s*$/gm)) cellTypes[m[1]!] = Number(m[2]);
  const sum = (re: RegExp) => Object.entries(cellTypes).filter(([k]) => re.test(k)).reduce((s, [, v]) => s + v, 0);
  const unmapped = Object.keys(cellTypes).filter((k) => k.startsWith("$"));
  if (unmapped.length) return fail(`synth_xilinx left generic cells unmapped: ${unmapped.join(", ")}`);
  return ok({
    lut: sum(/^(LUT[1-6]|INV)$/),
    ff: sum(/^FD[RSCP]E$/),
    carry: sum(/^CARRY[48]$/),
    dsp: sum(/^DSP48E[12]$/),
    muxf: sum(/^MUXF[789]$/),
    cells: Number(cells[1]),
    cellTypes,
  });
}

/** UltraScale+ primitive counts of `top` in `verilog`. */
export function synthesizeXilinx(verilog: string, top: string, mode: XilinxDspMode, yosys = "yosys"): Result<XilinxCounts> {
  return inScratchDir({ "unit.v": verilog }, (dir) => {
    const r = runTool(yosys, ["-q", "-p", synthXilinxScript("unit.v", top, "stat.txt", mode)], dir);
    if (!r.ok) return fail(r.reason);
    return parseXilinxStat(readToolOutput(dir, "stat.txt"));
  });
}

/**
 * hwsim's FPGA LUT estimator (lut-estimator.ts) for the same unit, all in fabric. A MAC is lutMacLane with the
 * unit's accumulator (int32 for integers; the fp32 aligner/adder/normaliser for floats). An integer dot-n unit is
 * FINN-R's per-PE term: n multipliers + an adder tree of (W+A)·(2n − 1) + the accumulator bits. Float dot-n units
 * and block formats are not estimated here (the estimator has no fabric dot composition for them yet).
 */
export function fabricEstimate(u: UnitSpec): Result<LaneCost> {
  if (u.kind === "float" && u.scale) return fail(`${u.id}: the FPGA LUT estimator has no block-scale fabric composition to compare`);
  if (u.n === 1) return ok(lutMacLane(u.a, u.b, { accBits: u.kind === "int" ? u.accumulator.widthBits : 32, floatAcc: u.kind === "float" }));
  if (u.kind !== "int") return fail(`${u.id}: the FPGA LUT estimator has no float dot-unit composition to compare`);
  const w = u.a.bits + u.b.bits;
  const mult = finnMultiplierLuts(u.a.bits, u.b.bits);
  const tree = w * (2 * u.n - 1);
  const acc = u.accumulator.widthBits;
  return ok({
    lut: u.n * mult + tree + acc,
    ff: u.n * (u.a.bits + u.b.bits) + acc,
    dsp: 0,
    parts: { multipliers: u.n * mult, "adder tree": tree, accumulator: acc },
    source: "FINN-R per-PE LUT term (Blott et al. 2018): SIMD·mult + (W+A)(2·SIMD − 1) + accumulator, without c0/c1",
  });
}

/** One row of yosys-xilinx-counts.json. */
export interface XilinxRow {
  readonly unit: string;
  readonly precision: string;
  readonly n: number;
  /** sha256 of the generated Verilog the counts are for (a changed generator makes the row stale). */
  readonly verilogSha256: string;
  /** With DSP48E2 inference. */
  readonly dsp: XilinxCounts;
  /** `-nodsp`: all in fabric. */
  readonly nodsp: XilinxCounts;
  /** hwsim's FPGA LUT estimator for the same unit in fabric (null where it has no composition for the unit). */
  readonly estimator: { readonly lut: number; readonly ff: number; readonly source: string } | null;
}

/** Generate unit `u` with hw-models/verilog and synthesise it for UltraScale+ with and without DSPs. */
export function synthXilinxRow(u: UnitSpec, yosys = "yosys"): Result<XilinxRow> {
  const v = unitVerilog(u);
  if (!v.ok) return v;
  const withDsp = synthesizeXilinx(v.value.text, v.value.top, "dsp", yosys);
  if (!withDsp.ok) return fail(`${u.id} (dsp): ${withDsp.reason}`);
  const noDsp = synthesizeXilinx(v.value.text, v.value.top, "nodsp", yosys);
  if (!noDsp.ok) return fail(`${u.id} (-nodsp): ${noDsp.reason}`);
  const est = fabricEstimate(u);
  return ok({
    unit: u.id,
    precision: u.precision,
    n: u.n,
    verilogSha256: verilogSha256(v.value.text),
    dsp: withDsp.value,
    nodsp: noDsp.value,
    estimator: est.ok ? { lut: est.value.lut, ff: est.value.ff, source: est.value.source } : null,
  });
}

/** sha256 (hex) of a Verilog text. */
export function verilogSha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

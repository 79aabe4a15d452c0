import type { CompareRow } from "./compare.js";
import type { FpgaCostResult, FpgaSimResult } from "../hw-models/fpga/model.js";
import { int, pct, sig } from "./format-number.js";

/**
 * The FPGA columns of a substrate's section (empty for other substrates): an FPGA's size axis is DSP/LUT/FF/BRAM
 * and device utilisation, not µm², so the section names the packing, resources, fmax, MACs per DSP per cycle,
 * latency, energy and whether the design fits, plus where a packing bound split a chain.
 */
export function fpgaColumns(rows: readonly CompareRow[]): string[] {
  if (rows.length === 0 || rows[0]!.modelKind !== "fpga") return [];
  const L = [
    "FPGA columns. An FPGA's size axis is its resources (DSP, LUT, FF, BRAM36) and device utilisation; the area columns are not used. LUT/FF counts follow FINN-R's estimator (integers) and hwsim's composition (minifloats); energy is per resource in XPE's form (DSP ops × energy per op at 38 % toggle, LUTs/FFs × cycles at 12.5 % toggle, weight BRAM reads, at the device's VCCINT; UG440/UG1275) plus static power × latency; on UltraScale+ the per-resource coefficients and static power are fitted to published Vivado report_power results (a design's total within about 6 % on held-out reports, one resource type within about ±50 %); Versal and Agilex 5 carry that calibration over and say so (hw-models/fpga/power.ts). The Pareto front's size objectives for these rows are the device fractions of DSP, LUT, FF and BRAM36, one objective each; the table shows the largest (the binding resource: 1 / fraction copies fit the device).",
    "",
    "| precision | mapping | DSP | LUT | FF | BRAM36 | fmax MHz | MACs/DSP/cycle | latency µs | energy µJ | utilisation (DSP, LUT) | device fraction (binding) | fits |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  const notes: string[] = [];
  for (const x of rows) {
    const s = x.sim as FpgaSimResult;
    const u = s.deviceUtilization;
    const size = (x.cost as FpgaCostResult).size;
    L.push(
      `| ${x.precision.id} | ${s.plan.description} | ${int(s.resources.dsp)} | ${int(s.resources.lut)} | ${int(s.resources.ff)} | ${int(s.resources.bram36)} | ${sig(s.fmaxMhz)}${s.fmaxAssumed ? " (assumed)" : ""} | ${s.plan.macsPerDsp} | ${sig(x.cost.latencyUs)} | ${sig(x.cost.energyPj / 1e6)} | ${pct(u["dsp"] ?? 0)}, ${pct(u["lut"] ?? 0)} | ${pct(size.value)} (${size.resource.toUpperCase()}) | ${s.fits ? "yes" : "no"} |`,
    );
    if (!s.fits) notes.push(`- ${x.precision.id}: ${s.fitNote}`);
    if (s.chainSplit) notes.push(`- ${x.precision.id}: the ${s.chainSplit.simd}-lane SIMD chain is split into ${s.chainSplit.segments} segments of at most ${s.chainSplit.bound} (${s.chainSplit.reason}); segment sums are added in fabric.`);
  }
  // The model clocks every design at the hard blocks' fmax; a LUT-fabric float accumulator's loop (align, add,
  // normalise in one cycle) is not timed, so say so where one runs.
  const fabricFloat = rows.filter((x) => (x.sim as FpgaSimResult).plan.resource === "lut" && x.precision.accumulator.kind !== "int");
  if (fabricFloat.length) notes.push(`- ${fabricFloat.map((x) => x.precision.id).join(", ")}: clocked at the hard blocks' fmax; the timing of the fabric accumulator loop (align, add, normalise each cycle) is not modelled, so their latency is a lower bound.`);
  const assumed = rows.find((x) => (x.sim as FpgaSimResult).fmaxAssumed);
  if (assumed) notes.unshift(`- fmax ${sig((assumed.sim as FpgaSimResult).fmaxMhz)} MHz (assumed) is an assumption, not a data-sheet figure: no source was found for this device's hard-block fmax. Latency and static energy scale with it; set clock=<MHz> for a known clock.`);
  L.push("", ...notes, ...(notes.length ? [""] : []));
  return L;
}

import type { CompareResult, CompareRow } from "./compare.js";
import { describePrecision, infeasibility, PARETO_OBJECTIVES, paretoText, sizeAxis } from "./compare.js";
import { ranAccumulatorIds } from "./ran-accumulator.js";
import { db, int, pct, ratio, sig } from "./format-number.js";
import type { SampledErrorMetrics } from "./sample-error.js";
import { bibliography } from "./bibliography.js";
import { operandDistributionNote } from "./notes.js";
import { gpuColumns } from "./gpu-columns.js";
import { mcuColumns } from "./mcu-columns.js";
import { fpgaColumns } from "./fpga-columns.js";
import { folded, splitTable, table } from "./markdown-table.js";

/** Marker on the first line of every report hwsim writes (so reruns may overwrite it without --force). */
export const HWSIM_REPORT_MARKER = "<!-- hwsim report -->";

export interface ReportMeta {
  /** The command line as the user typed it (without the program path). */
  readonly command: string;
  readonly version: string;
  /** Plot file names relative to the report, by key. */
  readonly plots: readonly { readonly key: string; readonly title: string; readonly file: string }[];
  /** Hardware parameters by model id, for the assumptions. */
  readonly hardware: readonly { readonly id: string; readonly params: unknown }[];
}

/** SQNR with its standard error when it was estimated from a sample; "not measured" for timing-only runs. */
export function sqnrText(e: SampledErrorMetrics): string {
  if (!e.measured) return "not measured";
  return e.sqnrDbStdErr > 0 ? `${db(e.sqnrDb)} ± ${e.sqnrDbStdErr.toFixed(2)}` : db(e.sqnrDb);
}

const measuredSig = (e: SampledErrorMetrics, x: number) => (e.measured ? sig(x) : "—");

/** What the report says about which outputs were computed. */
function sampleLine(r: CompareResult): string {
  const o = r.options;
  const computed = r.rows[0] ? `${int(r.rows[0].sim.outputsComputed)} of ${int(r.rows[0].sim.outputsTotal)} outputs` : "";
  if (o.sampleFraction <= 0) return "- Outputs computed bit-exactly: none (`--sample 0`: timing and cost only). No error was measured; cycles, actions, traffic, energy and area are complete.";
  if (o.sampleFraction >= 1) return `- Outputs computed bit-exactly: all of them (100%${computed ? `, ${computed}` : ""})${o.sampleMode === "auto" ? ", within the `--sample auto` budget" : ""}; cycles, actions and traffic are always complete.`;
  const how = o.sampleMode === "auto" ? `\`--sample auto\` (a budget of ${sig(o.sampleBudgetMacs ?? 0)} exact MACs per precision) chose` : "`--sample` asked for";
  return `- Outputs computed bit-exactly: ${how} ${pct(o.sampleFraction)} of each layer's outputs (${computed}), as seeded row × column grids; error figures carry their standard error (±) and cycles, actions and traffic are always complete.`;
}

/**
 * The Markdown report: command, seed and version (no timestamp, so a seed reproduces the file byte for byte),
 * a summary with winners, the Pareto set and ratios, a table per substrate, a per-layer breakdown, plots, and
 * the assumptions with the source of every cost constant.
 */
export function renderMarkdown(r: CompareResult, meta: ReportMeta): string {
  const L: string[] = [];
  const rows = r.rows;
  const precisions = [...new Set(rows.map((x) => x.precision.id))];
  const totalMacs = r.workload.layers.reduce((s, l) => s + l.macs, 0);
  L.push(HWSIM_REPORT_MARKER);
  L.push(`# hwsim report: ${precisions.join(" vs ")}`);
  L.push("");
  L.push(`- Command: \`hwsim ${meta.command}\``);
  L.push(`- hwsim ${meta.version}, seed ${r.options.seed}, timing \`${r.options.timing}\`, energy \`${r.options.energyMode}\``);
  L.push(`- Workload: \`${r.workload.id}\`, ${r.workload.name}: ${r.workload.layers.length} layers, ${int(totalMacs)} MACs. ${r.workload.description}`);
  L.push(sampleLine(r));
  L.push("");
  L.push("## Summary");
  L.push("");
  if (rows.length === 0) {
    L.push("No precision ran on any substrate (see Unsupported below).");
  } else {
    L.push(...summaryTable(r));
  }
  L.push("");
  if (meta.plots.length) {
    L.push("## Plots");
    L.push("");
    for (const p of meta.plots) L.push(`![${p.title}](${p.file})`);
    L.push("");
  }
  for (const modelId of [...new Set(rows.map((x) => x.modelId))]) {
    const mr = rows.filter((x) => x.modelId === modelId);
    L.push(`## ${modelId}`);
    L.push("");
    // Sixteen columns scroll sideways on GitHub: split into tables of at most MAX_TABLE_COLUMNS, precision repeated.
    const head = ["precision", "operands → accumulator", "area mm²", "MAC unit µm²", "energy µJ", "pJ/MAC", "MAC unit pJ", "cycles", "latency µs", "utilization", "SRAM B", "DRAM B", "SQNR dB", "rel. RMSE", "max abs err", "Pareto"];
    L.push(
      ...splitTable(
        head,
        mr.map((x) => [x.precision.id, describePrecision(x.precision, ranAccumulatorIds(x)), sig(x.cost.areaUm2 / 1e6), sig(x.macUnitAreaUm2), sig(x.cost.energyPj / 1e6), sig(x.cost.energyPerMacPj), sig(x.macUnitEnergyPj), int(x.sim.cycles), sig(x.cost.latencyUs), pct(x.sim.utilization), int(x.sim.sramReadBytes + x.sim.sramWriteBytes), int(x.sim.dramBytes), sqnrText(x.error), measuredSig(x.error, x.error.relativeRmse), measuredSig(x.error, x.error.maxAbsError), paretoText(x)]),
        { keyColumns: 1 },
      ),
    );
    L.push("");
    L.push(...gpuColumns(mr));
    L.push(...mcuColumns(mr));
    L.push(...fpgaColumns(mr));
    L.push(...componentTable(mr));
    L.push("Energy breakdown (µJ):");
    L.push("");
    const keys = [...new Set(mr.flatMap((x) => Object.keys(x.cost.energyBreakdownPj)))];
    L.push(...splitTable(["precision", ...keys], mr.map((x) => [x.precision.id, ...keys.map((k) => sig((x.cost.energyBreakdownPj[k] ?? 0) / 1e6))]), { keyColumns: 1 }));
    L.push("");
    L.push("### Per-layer breakdown");
    L.push("");
    // Two columns per precision: folded, and split so that a table holds at most MAX_TABLE_COLUMNS.
    const layerRows = r.workload.layers.map((layer, i) => {
      const g = layer.gemm;
      const shape = `${g.m}×${g.n}×${g.k}${layer.repeat > 1 ? ` (×${layer.repeat})` : ""}`;
      return [layer.name, layer.op, shape, int(layer.macs), ...mr.flatMap((x) => [int(x.sim.layers[i]!.cycles), sqnrText(x.layerErrors[i]!)])];
    });
    const layerHead = ["layer", "op", "M×N×K (×repeat)", "MACs", ...mr.flatMap((x) => [`${x.precision.id} cycles`, `${x.precision.id} SQNR dB`])];
    L.push(...folded(`Cycles and SQNR of ${plural(r.workload.layers.length, "layer")} × ${plural(mr.length, "precision")}`, splitTable(layerHead, layerRows, { keyColumns: 4, groupSize: 2 })));
    L.push("");
  }
  if (rows.some((x) => x.error.measured)) L.push(...errorSourceSection(rows, r.workload.layers.map((l) => l.name)));
  if (r.unsupported.length) {
    L.push("## Unsupported");
    L.push("");
    for (const u of r.unsupported) L.push(`- ${u.precisionId} on ${u.modelId}: ${u.reason}`);
    L.push("");
  }
  L.push("## Assumptions");
  L.push("");
  L.push(...operandDistributionNote());
  L.push(`- Accumulators: ${precisions.map((p) => `${p}: ${describePrecision(rows.find((x) => x.precision.id === p)!.precision)}`).join("; ")}.`);
  if (rows.some((x) => describePrecision(x.precision, ranAccumulatorIds(x)) !== describePrecision(x.precision))) {
    L.push("- Where a substrate's datapath fixes its accumulator (a GPU's tensor core, an MCU kernel, an FPGA hard block), it runs its own, named \"(substrate's)\" in its table; the error columns are measured on that accumulator.");
  }
  L.push("- Errors are measured against a float64 GEMM of the unquantized operands; per-tensor and per-channel scales are applied to the accumulator value in float64 (the rescale stage is not part of the modelled datapath).");
  L.push(...calibrationNote(r));
  if (r.options.sampleFraction > 0 && r.options.sampleFraction < 1) {
    L.push("- Sampled error: each layer's noise and signal sums are scaled to all of its outputs. ± is one standard error of the estimate (delta method over the sampled row × column grids, with row, column and cell variance components after Owen 2007, and a between-repeat term); the JSON and CSV also give 95% intervals. Max abs error is over the computed outputs only.");
  }
  L.push(`- Pareto objectives (all minimised): ${objectivesText(r)}. Exact ties stay on the front together.`);
  for (const h of meta.hardware) L.push(`- Hardware \`${h.id}\`: \`${JSON.stringify(h.params)}\``);
  L.push("");
  const bib = bibliography(r.assumptions);
  L.push("### Cost constants");
  L.push("");
  L.push("Each constant cites the works it is derived from (References below); the JSON output gives every derivation in full.");
  L.push("");
  L.push(...folded(`${plural(r.assumptions.length, "cost constant")} with their sources`, table(["constant", "value", "unit", "sources"], r.assumptions.map((a, i) => [a.name, sig(a.value), a.unit, bib.cites[i]!.map((n) => `[${n}]`).join(" ")]))));
  L.push("");
  L.push("## References");
  L.push("");
  bib.entries.forEach((e, i) => L.push(`${i + 1}. ${e.replace(/\|/g, "\\|")}`));
  L.push("");
  return L.join("\n");
}

/** One sentence: the MAC-unit component whose difference drives the area ratio, and the one for energy. */
function dominantPart(x: CompareRow, base: CompareRow): string {
  const parts = (r: CompareRow) => new Map(r.cost.macUnit.parts.map((p) => [p.component, p]));
  const px = parts(x);
  const pb = parts(base);
  const names = [...new Set([...px.keys(), ...pb.keys()])];
  if (names.length === 0) return "The MAC unit has no component breakdown on this substrate.";
  const delta = (k: "areaUm2" | "energyPj") =>
    names.map((n) => ({ n, d: (px.get(n)?.[k] ?? 0) - (pb.get(n)?.[k] ?? 0) })).reduce((a, b) => (Math.abs(b.d) > Math.abs(a.d) ? b : a));
  const a = delta("areaUm2");
  const e = delta("energyPj");
  const sign = (v: number) => (v >= 0 ? `+${sig(v, 3)}` : `−${sig(-v, 3)}`);
  return `The largest MAC-unit difference is in ${a.n} (${sign(a.d)} µm² of ${sign(x.macUnitAreaUm2 - base.macUnitAreaUm2)} µm²)` +
    (e.n === a.n ? `, and for energy too (${sign(e.d)} of ${sign(x.macUnitEnergyPj - base.macUnitEnergyPj)} pJ).` : `, and in ${e.n} for energy (${sign(e.d)} of ${sign(x.macUnitEnergyPj - base.macUnitEnergyPj)} pJ).`);
}

/** MAC unit area and energy per MAC lane, split into its components, one row per precision. */
function componentTable(mr: readonly CompareRow[]): string[] {
  const names = [...new Set(mr.flatMap((x) => x.cost.macUnit.parts.map((p) => p.component)))];
  if (names.length === 0) return [];
  const L = ["MAC unit by component, per MAC lane (area µm² / energy pJ):", ""];
  const cells = mr.map((x) => {
    const by = new Map(x.cost.macUnit.parts.map((p) => [p.component, p]));
    const parts = names.map((n) => {
      const p = by.get(n);
      return p ? `${sig(p.areaUm2, 3)} / ${sig(p.energyPj, 3)}` : "—";
    });
    return [x.precision.id, ...parts, `${sig(x.macUnitAreaUm2, 4)} / ${sig(x.macUnitEnergyPj, 3)}`];
  });
  L.push(...splitTable(["precision", ...names, "total"], cells, { keyColumns: 1 }));
  L.push("");
  return L;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function objectivesText(r: CompareResult): string {
  const rest = (r.options.sampleFraction > 0 ? PARETO_OBJECTIVES : PARETO_OBJECTIVES.slice(0, 3)).slice(1);
  const axes = [...new Set(r.rows.map((x) => sizeAxis(x.cost).axis))];
  const size = axes.length === 0 ? PARETO_OBJECTIVES[0] : axes.length === 1 ? axes[0]! : `size (per substrate, one front per axis: ${axes.join("; ")})`;
  return [size, ...rest].join(", ");
}

/** How per-tensor scales were calibrated: exact, and by which route (streamed, or derived from the generator's bound). */
function calibrationNote(r: CompareResult): string[] {
  const methods = new Set(r.rows.flatMap((x) => x.sim.layers.flatMap((l) => [l.calibration.a, l.calibration.b])));
  if (!methods.has("streamed") && !methods.has("derived")) return [];
  const routes = [
    methods.has("streamed") ? "streamed over every element of the tensor" : "",
    methods.has("derived") ? "derived from the outlier channels alone where they exceed the bound the generator proves for every other element (8.58σ for Box–Muller normals)" : "",
  ].filter(Boolean);
  return [`- Per-tensor scales use the exact absmax of the whole operand, ${routes.join(", or ")}; operands are made on demand (an element is a pure function of the seed and its index), so a sampled output equals the same output of a full run bit for bit.`];
}

/**
 * Where each precision's error comes from: operand quantization vs accumulation (each an SQNR against the whole
 * signal; the two error vectors add up exactly to the total), and the layers with the lowest SQNR.
 */
function errorSourceSection(rows: readonly CompareRow[], layerNames: readonly string[]): string[] {
  const L = ["## Where the error comes from", ""];
  L.push("Each output is also computed from the same quantized operands with an exact accumulator. Operand quantization is the float64 reference minus that exact result; accumulation is the exact result minus the datapath's output. The two add up to the total error exactly; each SQNR is against the whole signal.");
  L.push("");
  L.push("| precision | substrate | total SQNR dB | operands SQNR dB | accumulation SQNR dB | worst layers (total / operands / accumulation dB) |");
  L.push("|---|---|---|---|---|---|");
  for (const x of rows) {
    const worst = x.layerErrors
      .map((e, i) => ({ i, e }))
      .filter((w) => w.e.measured)
      .sort((p, q) => p.e.sqnrDb - q.e.sqnrDb || p.i - q.i)
      .slice(0, 3)
      .map((w) => `${layerNames[w.i]} ${db(w.e.sqnrDb)} / ${db(x.layerErrorSplits[w.i]!.operand.sqnrDb)} / ${db(x.layerErrorSplits[w.i]!.accumulation.sqnrDb)}`);
    L.push(`| ${x.precision.id} | ${x.modelId} | ${sqnrText(x.error)} | ${sqnrText(x.errorSplit.operand)} | ${sqnrText(x.errorSplit.accumulation)} | ${worst.join("; ")} |`);
  }
  L.push("");
  return L;
}

/**
 * The summary: one table, a row per precision and substrate, ratios against the first precision on the same
 * substrate. A column whose value is the same in every row is left out and named once below the table.
 */
function summaryTable(r: CompareResult): string[] {
  const rows = r.rows;
  const base = new Map<string, CompareRow>();
  for (const x of rows) if (!base.has(x.modelId)) base.set(x.modelId, x);
  const measured = rows.some((x) => x.error.measured);
  type Col = { name: string; value: (x: CompareRow) => number; abs: (x: CompareRow) => string; ratio: boolean };
  const cols: Col[] = [
    { name: "MAC unit area", value: (x) => x.macUnitAreaUm2, abs: (x) => `${sig(x.macUnitAreaUm2)} µm²`, ratio: true },
    { name: "MAC unit energy", value: (x) => x.macUnitEnergyPj, abs: (x) => `${sig(x.macUnitEnergyPj)} pJ`, ratio: true },
    { name: "array area", value: (x) => x.cost.areaUm2, abs: (x) => `${sig(x.cost.areaUm2 / 1e6)} mm²`, ratio: true },
    { name: "workload energy", value: (x) => x.cost.energyPj, abs: (x) => `${sig(x.cost.energyPj / 1e6)} µJ`, ratio: true },
    { name: "latency", value: (x) => x.cost.latencyUs, abs: (x) => `${sig(x.cost.latencyUs)} µs`, ratio: true },
  ];
  const same = cols.filter((c) => rows.every((x) => c.value(x) === c.value(rows[0]!)));
  const shown = cols.filter((c) => !same.includes(c));
  const substrates = [...base.keys()];
  const L: string[] = [];
  L.push(`Ratios against ${substrates.map((m) => `${base.get(m)!.precision.id}${substrates.length > 1 ? ` on ${m}` : ""}`).join(", ")}${substrates.length === 1 ? ` on ${substrates[0]}` : ""} (its own figures in brackets).`);
  L.push("");
  const head = ["precision", ...(substrates.length > 1 ? ["substrate"] : []), ...shown.map((c) => c.name), ...(measured ? ["SQNR dB"] : []), "Pareto"];
  L.push(`| ${head.join(" | ")} |`);
  L.push(`|${head.map(() => "---").join("|")}|`);
  for (const x of rows) {
    const b = base.get(x.modelId)!;
    // A substrate without the figure (an MCU has no µm² area) shows a dash, never NaN×.
    const cells = shown.map((c) => (c.value(b) === 0 || !Number.isFinite(c.value(b)) ? "—" : x === b ? `1 (${c.abs(x)})` : ratio(c.value(x) / c.value(b))));
    L.push(`| ${[x.precision.id, ...(substrates.length > 1 ? [x.modelId] : []), ...cells, ...(measured ? [sqnrText(x.error)] : []), x.onFront ? "★" : ""].join(" | ")} |`);
  }
  L.push("");
  if (same.length) L.push(`Equal for every row: ${same.map((c) => `${c.name} (all at ${c.abs(rows[0]!)})`).join("; ")}.`);
  const unbuildable = r.rows.filter((x) => infeasibility(x.sim)).map((x) => `${x.precision.id} on ${x.modelId}`);
  L.push(`★: on the Pareto front over ${objectivesText(r)}.${unbuildable.length ? ` Off the front because they do not fit their device: ${unbuildable.join(", ")}.` : ""}${measured ? " ± is one standard error where outputs were sampled." : " No error was measured (`--sample 0`)."}`);
  const notes = rows.filter((x) => x !== base.get(x.modelId)).map((x) => `- ${x.precision.id}/${base.get(x.modelId)!.precision.id}${substrates.length > 1 ? ` on ${x.modelId}` : ""}: ${dominantPart(x, base.get(x.modelId)!)}`);
  if (notes.length) {
    L.push("");
    L.push("What drives the MAC-unit ratios:");
    L.push("");
    L.push(...notes);
  }
  return L;
}


import path from "node:path";
import type { Argv } from "yargs";
import { Chalk } from "chalk";
import cliProgress from "cli-progress";
import type { CommandSpec } from "../command.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../errors.js";
import { hardwareArg, hardwareFileArg, precisionArg, sampleArg, seedArg, workloadOrWeights } from "../inputs.js";
import { checkWritable, writeAtomically } from "../safe-write.js";
import { VERSION } from "../version.js";
import type { EnergyMode, HardwareModel, TimingMode } from "../../hw-models/hardware-model.js";
import { runCompare } from "../../reports/compare.js";
import type { CompareResult } from "../../reports/compare.js";
import { HWSIM_REPORT_MARKER, renderMarkdown } from "../../reports/markdown.js";
import { HWSIM_SVG_MARKER } from "../../reports/plot-marker.js";
import { reportCsv, reportJson } from "../../reports/records.js";
import { HWSIM_HTML_HEAD, renderHtml } from "../../reports/html.js";
import { loadVegaRuntime } from "../vega-runtime.js";
import { ratio, sig } from "../../reports/format-number.js";
import { sqnrText } from "../../reports/markdown.js";

interface CompareArgs {
  precisions: string[];
  hw: string[];
  "hw-file"?: string;
  workload: string;
  "weights-file"?: string;
  tokens: number;
  out: string;
  json?: string;
  csv?: string;
  html?: string;
  seed: number;
  sample?: string;
  "sample-budget"?: string;
  node?: number;
  energy: string;
  timing: string;
  force: boolean;
  $rawArgv: readonly string[];
}

const SUBSTRATE_START = /,(?=\s*(?:mac-array|fpga-dsp|fpga|mcu-simd|gpu-tensor-core|gpu)\b)/;

export const compareCommand: CommandSpec = {
  command: "compare <precisions..>",
  describe: "Compare number formats on hardware substrates: area, energy, latency, error and the Pareto front, as a Markdown report",
  builder: (y: Argv) =>
    y
      .positional("precisions", { type: "string", array: true, describe: "formats (int8, fp8, mxfp4, nvfp4), w4a8, or w=<f>,a=<f>[,kv=<f>][,acc=<preset>]" })
      .option("hw", { type: "string", array: true, default: ["mac-array"], describe: "substrates: mac-array[:rows=32,cols=32,dataflow=ws,...]; repeat or comma-separate" })
      .option("hw-file", { type: "string", describe: "YAML or JSON hardware parameters (applied to every --hw)" })
      .option("workload", { type: "string", default: "default", describe: "workload id or SCALE-Sim topology CSV" })
      .option("weights-file", { type: "string", describe: "real weights: w.npy or model.safetensors[:tensor] (one GEMM per tensor)" })
      .option("tokens", { type: "number", default: 16, describe: "activation rows per GEMM with --weights-file" })
      .option("out", { type: "string", default: "hwsim-report.md", describe: "Markdown report; SVG plots are written next to it" })
      .option("json", { type: "string", describe: "also write the results as JSON to this file" })
      .option("csv", { type: "string", describe: "also write the results as CSV to this file" })
      .option("html", { type: "string", describe: "also write the report as one self-contained HTML file with interactive plots (no value: next to --out, .html for .md)" })
      .option("seed", { type: "number", default: 1, describe: "seed for operand tensors and sampling" })
      .option("sample", { type: "string", describe: "outputs computed bit-exactly: auto (default: a budget of exact MACs), 0 (timing and cost only) or a fraction in (0, 1]" })
      .option("sample-budget", { type: "string", describe: "work per precision that --sample auto spends, in MAC-equivalents (default 5e8; one exact MAC = 1, one operand element drawn = 64)" })
      .option("node", { type: "number", describe: "technology node in nm (45, 28, 16, 7, 5)" })
      .option("energy", { type: "string", choices: ["table", "activity"], default: "table", describe: "energy mode" })
      .option("timing", { type: "string", choices: ["pipelined", "scalesim"], default: "pipelined", describe: "timing mode" })
      .option("force", { type: "boolean", default: false, describe: "overwrite output files that hwsim did not write" }),
  valueOptions: ["hw", "hw-file", "workload", "weights-file", "tokens", "out", "json", "csv", "html", "seed", "sample", "sample-budget", "node", "energy", "timing"],
  examples: [
    ["$0 compare int8 fp8", "the default: FP8-E4M3 vs INT8 on a 32×32 MAC array, default workload"],
    ["$0 compare int8 fp8 mxfp4 w4a8 --workload bert-base --sample 0.05", "a BERT layer, 5% of outputs computed exactly"],
    ["$0 compare int8 fp8 nvfp4 mxfp4 --workload llama3-8b-prefill:layers=32", "the whole Llama-3-8B prefill, numerics sampled within the default budget"],
    ["$0 compare int8 fp8 --workload resnet50 --sample 0", "timing and cost only: no numerics"],
    ["$0 compare int8 fp8 mxfp4 --html", "also hwsim-report.html: the same report in one self-contained page, plots interactive"],
    ["$0 compare int8 fp8 --hw mac-array:dataflow=os --hw mac-array:rows=64,cols=64 --node 7 --json out.json", "two arrays at 7 nm"],
  ],
  async run(args: CompareArgs, ctx) {
    const precisions = args.precisions.map(precisionArg);
    const ids = precisions.map((p) => p.id);
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup) throw new UsageError(`precision '${dup}' is given twice`);
    const fileParams = args["hw-file"] ? hardwareFileArg(ctx, args["hw-file"]) : undefined;
    const specs = args.hw.flatMap((h) => h.split(SUBSTRATE_START)).map((s) => s.trim()).filter(Boolean);
    const models: HardwareModel<unknown>[] = specs.map((s) => hardwareArg(s, { fileParams, nodeNm: args.node, timing: args.timing as TimingMode }));
    const workload = workloadOrWeights(ctx, args, args.$rawArgv);
    const sample = sampleArg(args.sample, workload.layers, args["sample-budget"]);
    if (sample.mode === "timing-only" && args.energy === "activity") {
      throw new UsageError("--energy activity measures operand toggles, which needs operand values: use --sample auto or a fraction, or --energy table with --sample 0");
    }
    const seed = seedArg(args.seed);

    // Every target is checked before anything is computed or written: no half-written report sets.
    const out = path.resolve(ctx.cwd, args.out);
    if (!out.toLowerCase().endsWith(".md")) throw new UsageError(`--out '${args.out}' must end in .md (the plots are written next to it)`);
    const base = out.slice(0, -3);
    const plotFiles = { energy: `${base}-energy-vs-error.svg`, area: `${base}-area-vs-error.svg`, latency: `${base}-latency-vs-error.svg` };
    checkWritable(out, (h) => h.startsWith(HWSIM_REPORT_MARKER), args.force, "--out");
    for (const f of Object.values(plotFiles)) checkWritable(f, (h) => h.startsWith(HWSIM_SVG_MARKER), args.force, "--out plot");
    const jsonPath = args.json ? path.resolve(ctx.cwd, args.json) : undefined;
    const csvPath = args.csv ? path.resolve(ctx.cwd, args.csv) : undefined;
    if (jsonPath) checkWritable(jsonPath, (h) => /^\{\s*"hwsim"/.test(h), args.force, "--json");
    if (csvPath) checkWritable(csvPath, (h) => h.startsWith("precision,substrate,"), args.force, "--csv");
    const htmlPath = args.html === undefined ? undefined : args.html === "" ? `${base}.html` : path.resolve(ctx.cwd, args.html);
    if (htmlPath) {
      if (!htmlPath.toLowerCase().endsWith(".html")) throw new UsageError(`--html '${args.html}' must end in .html`);
      checkWritable(htmlPath, (h) => h.startsWith(HWSIM_HTML_HEAD), args.force, "--html");
    }
    const vegaRuntime = htmlPath ? loadVegaRuntime() : undefined;

    const progress = progressReporter(ctx);
    const result = runCompare(precisions, models, workload, {
      seed,
      sampleFraction: sample.fraction,
      sampleMode: sample.mode,
      sampleBudgetMacs: sample.budgetMacs,
      energyMode: args.energy as EnergyMode,
      timing: args.timing as TimingMode,
      onProgress: progress.update,
    });
    progress.stop();
    if (!result.ok) throw new UsageError(result.reason);
    // The recorded command leaves out flags that cannot change the content.
    const command = args.$rawArgv.filter((a) => a !== "--force" && a !== "--no-force").join(" ");
    const { renderPlots } = await import("../../reports/plots.js");
    const plots = await renderPlots(result.value);
    const md = renderMarkdown(result.value, {
      command,
      version: VERSION,
      plots: plots.map((p) => ({ key: p.key, title: p.title, file: path.basename(plotFiles[p.key]) })),
      hardware: models.map((m) => ({ id: m.id, params: m.params })),
    });
    for (const p of plots) writeAtomically(plotFiles[p.key], p.svg);
    if (jsonPath) writeAtomically(jsonPath, JSON.stringify(reportJson(result.value, { command, version: VERSION }), null, 2) + "\n");
    if (csvPath) writeAtomically(csvPath, reportCsv(result.value));
    if (htmlPath) writeAtomically(htmlPath, renderHtml(md, plots.map((p) => ({ file: path.basename(plotFiles[p.key]), title: p.title, spec: p.interactive })), vegaRuntime!));
    writeAtomically(out, md);
    ctx.stdout(terminalSummary(result.value, ctx, path.relative(ctx.cwd, out) || out));
  },
};

/** A progress bar on a TTY, shown only once a run has taken more than a second. */
function progressReporter(ctx: CliContext): { update: (done: number, total: number) => void; stop: () => void } {
  if (!ctx.isTTY) return { update: () => undefined, stop: () => undefined };
  const started = Date.now();
  let bar: cliProgress.SingleBar | undefined;
  return {
    update(done, total) {
      if (!bar && Date.now() - started > 1000) {
        bar = new cliProgress.SingleBar({ format: "simulating [{bar}] {percentage}% | {value}/{total} MACs", stream: process.stderr }, cliProgress.Presets.shades_classic);
        bar.start(total, done);
      }
      bar?.update(done);
    },
    stop() {
      bar?.stop();
    },
  };
}

function terminalSummary(r: CompareResult, ctx: CliContext, outName: string): string {
  const c = new Chalk({ level: ctx.color ? 1 : 0 });
  const o = r.options;
  const sampled = o.sampleFraction <= 0 ? "timing only" : o.sampleFraction >= 1 ? "all outputs exact" : `${(o.sampleFraction * 100).toPrecision(2)}% of outputs exact (${o.sampleMode === "auto" ? "auto" : "--sample"})`;
  const lines = [c.bold(`hwsim compare · ${r.workload.id} · seed ${o.seed} · ${sampled}`)];
  for (const x of r.rows) {
    const mark = x.onFront ? c.green("★") : " ";
    lines.push(
      `${mark} ${x.precision.id.padEnd(12)} ${x.modelId.padEnd(22)} area ${sig(x.cost.areaUm2 / 1e6).padStart(7)} mm²  energy ${sig(x.cost.energyPj / 1e6).padStart(7)} µJ  ` +
        `latency ${sig(x.cost.latencyUs).padStart(7)} µs  SQNR ${(x.error.measured ? sqnrText(x.error) : "—").padStart(6)} dB`,
    );
  }
  const byModel = new Map<string, CompareResult["rows"][number][]>();
  for (const x of r.rows) byModel.set(x.modelId, [...(byModel.get(x.modelId) ?? []), x]);
  for (const [m, xs] of byModel) {
    const b = xs[0]!;
    for (const x of xs.slice(1)) {
      lines.push(c.cyan(`  ${x.precision.id}/${b.precision.id} on ${m}: MAC unit area ${b.macUnitAreaUm2 > 0 ? ratio(x.macUnitAreaUm2 / b.macUnitAreaUm2) : "n/a (no µm² on this substrate)"}, energy ${ratio(x.macUnitEnergyPj / b.macUnitEnergyPj)}`));
    }
  }
  for (const u of r.unsupported) lines.push(c.yellow(`  skipped ${u.precisionId} on ${u.modelId}: ${u.reason}`));
  lines.push(`${c.green("★")} on the Pareto front · report: ${outName}`);
  return lines.join("\n") + "\n";
}

import path from "node:path";
import type { Argv } from "yargs";
import type { CommandSpec } from "../command.js";
import { printJson } from "../command.js";
import { UsageError } from "../errors.js";
import { checkWritable, writeAtomically } from "../safe-write.js";
import { hardwareArg, hardwareFileArg, precisionArg, sampleArg, seedArg, workloadOrWeights } from "../inputs.js";
import type { Precision } from "../../hw-models/precision.js";
import { operandId } from "../../hw-models/precision.js";
import { sampledErrorMetrics } from "../../reports/sample-error.js";
import { jsonRecord, simulateRecord } from "../../reports/simulate-record.js";
import { sqnrText } from "../../reports/markdown.js";
import type { EnergyMode, EngineKind, TimingMode } from "../../hw-models/hardware-model.js";
import { rtlLayerRunner } from "../../hw-models/mac-array/rtl-layer.js";

interface SimulateArgs {
  hw: string;
  "hw-file"?: string;
  format?: string;
  weights?: string;
  activations?: string;
  acc?: string;
  workload: string;
  "weights-file"?: string;
  tokens: number;
  engine: string;
  timing: string;
  energy: string;
  node?: number;
  vcd?: string;
  seed: number;
  sample?: string;
  "sample-budget"?: string;
  json: boolean;
  $rawArgv: readonly string[];
}

/**
 * The precision from --format (any precision string `compare` accepts: int8, w4a8, nvfp4, w=int4,a=fp8,acc=…)
 * or from --weights/--activations, with --acc overriding the accumulator.
 */
export function precisionFromArgs(a: { format?: string; weights?: string; activations?: string; acc?: string }): Precision {
  if (a.format && (a.weights || a.activations)) throw new UsageError("give --format, or --weights and --activations, not both");
  if (a.format) {
    const p = precisionArg(a.format);
    if (!a.acc) return p;
    if (!p.accumulatorDefaulted) throw new UsageError(`--acc ${a.acc} and the accumulator in --format '${a.format}' both set it: give one`);
    const kv = operandId(p.kvCache) !== operandId(p.activations) ? `,kv=${operandId(p.kvCache)}` : "";
    return precisionArg(`w=${operandId(p.weights)},a=${operandId(p.activations)}${kv},acc=${a.acc}`);
  }
  const w = a.weights;
  const x = a.activations;
  if (!w || !x) throw new UsageError("give --format <precision>, or both --weights <f> and --activations <f>");
  if ([w, x].some((f) => f.includes("=") || f.includes(","))) throw new UsageError("--weights and --activations take one format each (int4, fp8); use --format for a w=…,a=… precision");
  return precisionArg(`w=${w},a=${x}${a.acc ? `,acc=${a.acc}` : ""}`);
}

export const simulateCommand: CommandSpec = {
  command: "simulate",
  describe: "Simulate a workload on one hardware model: cycles, actions, traffic, energy, area, bit-exact outputs",
  builder: (y: Argv) =>
    y
      .option("hw", { type: "string", default: "mac-array", describe: "hardware: mac-array[:rows=32,cols=32,dataflow=ws,depth=3,bw=64,...]" })
      .option("hw-file", { type: "string", describe: "YAML or JSON file with hardware parameters" })
      .option("format", { type: "string", describe: "precision, as compare takes it: int8, fp8, nvfp4, w4a8, w=int4,a=fp8[,acc=fp32-seq]" })
      .option("weights", { type: "string", describe: "weight format" })
      .option("activations", { type: "string", describe: "activation format" })
      .option("acc", { type: "string", describe: "accumulator preset (hwsim units); default depends on the formats" })
      .option("workload", { type: "string", default: "default", describe: "workload id (gemm:m=64,n=64,k=64, conv:..., resnet50, ...) or SCALE-Sim CSV file" })
      .option("weights-file", { type: "string", describe: "real weights: w.npy or model.safetensors[:tensor] (one GEMM per tensor)" })
      .option("tokens", { type: "number", default: 16, describe: "activation rows per GEMM with --weights-file" })
      .option("engine", { type: "string", choices: ["fast", "rtl"], default: "fast", describe: "closed-form model or RTL-style engine (small cases)" })
      .option("timing", { type: "string", choices: ["pipelined", "scalesim"], default: "pipelined", describe: "pipelined (MAC latency, DRAM stalls) or SCALE-Sim v2 compute cycles" })
      .option("energy", { type: "string", choices: ["table", "activity"], default: "table", describe: "energy per action, or scaled by measured register toggles" })
      .option("node", { type: "number", describe: "technology node in nm: 45, 28, 16, 7 or 5 (Stillmaker & Baas 2017 scaling)" })
      .option("vcd", { type: "string", describe: "write a VCD waveform (rtl engine)" })
      .option("seed", { type: "number", default: 1, describe: "seed for operand tensors and sampling" })
      .option("sample", { type: "string", describe: "outputs computed bit-exactly: auto (default: a budget of exact MACs), 0 (timing and cost only) or a fraction in (0, 1]" })
      .option("sample-budget", { type: "string", describe: "work that --sample auto spends, in MAC-equivalents (default 5e8; one exact MAC = 1, one operand element drawn = 64)" })
      .option("json", { type: "boolean", default: false, describe: "print JSON" }),
  valueOptions: ["hw", "hw-file", "weights-file", "tokens", "format", "weights", "activations", "acc", "workload", "engine", "timing", "energy", "node", "vcd", "seed", "sample", "sample-budget"],
  examples: [
    ["$0 simulate --format int8 --workload gemm:m=64,n=64,k=64 --json", "one GEMM on the default 32×32 WS array"],
    ["$0 simulate --hw mac-array:rows=8,cols=8,dataflow=os --format fp8 --workload gemm:m=16,n=16,k=16 --engine rtl --vcd pe.vcd", "RTL engine with a waveform"],
    ["$0 simulate --weights int4 --activations int8 --timing scalesim --workload resnet50 --sample 0.001", "SCALE-Sim cycles, sampled outputs"],
    ["$0 simulate --hw mac-array:rows=128,cols=128,dataflow=os --timing scalesim --workload Resnet18.csv --sample 0", "timing and cost only"],
  ],
  run(args: SimulateArgs, ctx) {
    const precision = precisionFromArgs(args);
    const fileParams = args["hw-file"] ? hardwareFileArg(ctx, args["hw-file"]) : undefined;
    const model = hardwareArg(args.hw, { fileParams, nodeNm: args.node, rtl: args.engine === "rtl" ? rtlLayerRunner : undefined, timing: args.timing as TimingMode });
    const workload = workloadOrWeights(ctx, args, args.$rawArgv);
    if (args.vcd && args.engine !== "rtl") throw new UsageError("--vcd needs --engine rtl (the fast model has no waveforms)");
    const vcdTarget = args.vcd ? path.resolve(ctx.cwd, args.vcd) : undefined;
    if (vcdTarget) checkWritable(vcdTarget, () => true, false, "--vcd"); // a directory or a missing folder fails before the run
    const energyMode = args.energy as EnergyMode;
    const sample = sampleArg(args.sample, workload.layers, args["sample-budget"]);
    if (sample.mode === "timing-only" && energyMode === "activity") {
      throw new UsageError("--energy activity measures operand toggles, which needs operand values: use --sample auto or a fraction, or --energy table with --sample 0");
    }
    const sim = model.simulate(workload.layers, precision, {
      engine: args.engine as EngineKind,
      timing: args.timing as TimingMode,
      seed: seedArg(args.seed),
      sampleFraction: sample.fraction,
      sampleIsBudget: sample.mode === "auto",
      vcd: Boolean(args.vcd),
      countToggles: energyMode === "activity",
    });
    if (!sim.ok) throw new UsageError(sim.reason);
    const cost = model.cost(sim.value, precision, { energyMode });
    if (!cost.ok) throw new UsageError(cost.reason);
    const s = sim.value;
    const c = cost.value;
    const error = sampledErrorMetrics(s.layers.map((l) => ({ sample: l.outputSample, reference: l.referenceValues, output: l.outputValues })));
    if (vcdTarget) writeAtomically(vcdTarget, s.layers.map((l) => l.vcd ?? "").find((v) => v) ?? "");
    const out = simulateRecord({ modelId: model.id, modelKind: model.kind, precision, workloadId: workload.id, engine: args.engine, timing: args.timing, sample, sim: s, cost: c, error });
    if (args.json) {
      printJson(ctx, jsonRecord(out));
      return;
    }
    const f = (x: number, d = 3) => (Number.isInteger(x) ? x.toLocaleString("en-US") : x.toPrecision(d + 1));
    ctx.stdout(
      [
        `${model.id} · ${precision.id} (acc ${precision.accumulator.id}) · ${workload.id} · ${args.engine}/${args.timing}`,
        `  cycles ${f(s.cycles)} (compute ${f(s.computeCycles)}, stall ${f(s.stallCycles)}), utilization ${(s.utilization * 100).toFixed(1)}%`,
        `  MACs ${f(s.macs)}, SRAM read ${f(s.sramReadBytes)} B, write ${f(s.sramWriteBytes)} B, DRAM ${f(s.dramBytes)} B`,
        `  energy ${f(c.energyPj / 1e6)} µJ (${c.energyPerMacPj.toFixed(3)} pJ/MAC), area ${(c.areaUm2 / 1e6).toFixed(3)} mm², latency ${c.latencyUs.toFixed(2)} µs at ${c.techNodeNm} nm`,
        error.measured
          ? `  SQNR ${sqnrText(error)} dB, relative RMSE ${error.relativeRmse.toPrecision(4)} over ${f(s.outputsComputed)} of ${f(s.outputsTotal)} outputs (${sample.mode})`
          : "  error not measured (--sample 0: timing and cost only)",
        `  outputs sha256 ${s.outputsSha256}`,
        "",
      ].join("\n"),
    );
  },
};

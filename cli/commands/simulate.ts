import { writeFileSync, renameSync } from "node:fs";
import path from "node:path";
import type { Argv } from "yargs";
import type { CommandSpec } from "../command.js";
import { printJson } from "../command.js";
import { UsageError } from "../errors.js";
import { hardwareArg, hardwareFileArg, precisionArg, sampleArg, seedArg, workloadOrWeights } from "../inputs.js";
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
  sample?: number;
  json: boolean;
  $rawArgv: readonly string[];
}

/** The precision text from --format or --weights/--activations/--acc. */
export function precisionText(a: { format?: string; weights?: string; activations?: string; acc?: string }): string {
  if (a.format && (a.weights || a.activations)) throw new UsageError("give --format, or --weights and --activations, not both");
  const w = a.weights ?? a.format;
  const x = a.activations ?? a.format;
  if (!w || !x) throw new UsageError("give --format <f>, or both --weights <f> and --activations <f>");
  return `w=${w},a=${x}${a.acc ? `,acc=${a.acc}` : ""}`;
}

export const simulateCommand: CommandSpec = {
  command: "simulate",
  describe: "Simulate a workload on one hardware model: cycles, actions, traffic, energy, area, bit-exact outputs",
  builder: (y: Argv) =>
    y
      .option("hw", { type: "string", default: "mac-array", describe: "hardware: mac-array[:rows=32,cols=32,dataflow=ws,depth=3,bw=64,...]" })
      .option("hw-file", { type: "string", describe: "YAML or JSON file with hardware parameters" })
      .option("format", { type: "string", describe: "one format for weights and activations" })
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
      .option("sample", { type: "number", describe: "fraction of output elements computed bit-exactly (default 1)" })
      .option("json", { type: "boolean", default: false, describe: "print JSON" }),
  valueOptions: ["hw", "hw-file", "weights-file", "tokens", "format", "weights", "activations", "acc", "workload", "engine", "timing", "energy", "node", "vcd", "seed", "sample"],
  examples: [
    ["$0 simulate --format int8 --workload gemm:m=64,n=64,k=64 --json", "one GEMM on the default 32×32 WS array"],
    ["$0 simulate --hw mac-array:rows=8,cols=8,dataflow=os --format fp8 --workload gemm:m=16,n=16,k=16 --engine rtl --vcd pe.vcd", "RTL engine with a waveform"],
    ["$0 simulate --weights int4 --activations int8 --timing scalesim --workload resnet50 --sample 0.001", "SCALE-Sim cycles, sampled outputs"],
  ],
  run(args: SimulateArgs, ctx) {
    const precision = precisionArg(precisionText(args));
    const fileParams = args["hw-file"] ? hardwareFileArg(ctx, args["hw-file"]) : undefined;
    const model = hardwareArg(args.hw, { fileParams, nodeNm: args.node, rtl: args.engine === "rtl" ? rtlLayerRunner : undefined });
    const workload = workloadOrWeights(ctx, args, args.$rawArgv);
    if (args.vcd && args.engine !== "rtl") throw new UsageError("--vcd needs --engine rtl (the fast model has no waveforms)");
    const energyMode = args.energy as EnergyMode;
    const sim = model.simulate(workload.layers, precision, {
      engine: args.engine as EngineKind,
      timing: args.timing as TimingMode,
      seed: seedArg(args.seed),
      sampleFraction: sampleArg(args.sample),
      vcd: Boolean(args.vcd),
      countToggles: energyMode === "activity",
    });
    if (!sim.ok) throw new UsageError(sim.reason);
    const cost = model.cost(sim.value, precision, { energyMode });
    if (!cost.ok) throw new UsageError(cost.reason);
    const s = sim.value;
    const c = cost.value;
    if (args.vcd) {
      const text = s.layers.map((l) => l.vcd ?? "").find((v) => v) ?? "";
      const target = path.resolve(ctx.cwd, args.vcd);
      const tmp = `${target}.tmp-${process.pid}`;
      writeFileSync(tmp, text);
      renameSync(tmp, target);
    }
    const out = {
      hardware: model.id,
      precision: precision.id,
      accumulator: precision.accumulator.id,
      workload: workload.id,
      engine: args.engine,
      timing: args.timing,
      cycles: s.cycles,
      computeCycles: s.computeCycles,
      stallCycles: s.stallCycles,
      utilization: s.utilization,
      macs: s.macs,
      actions: s.actions,
      sramReadBytes: s.sramReadBytes,
      sramWriteBytes: s.sramWriteBytes,
      dramBytes: s.dramBytes,
      energyPj: c.energyPj,
      energyBreakdownPj: c.energyBreakdownPj,
      energyPerMacPj: c.energyPerMacPj,
      areaUm2: c.areaUm2,
      areaBreakdownUm2: c.areaBreakdownUm2,
      latencyUs: c.latencyUs,
      techNodeNm: c.techNodeNm,
      sampleFraction: s.sampleFraction,
      outputsSha256: s.outputsSha256,
    };
    if (args.json) {
      printJson(ctx, out);
      return;
    }
    const f = (x: number, d = 3) => (Number.isInteger(x) ? x.toLocaleString("en-US") : x.toPrecision(d + 1));
    ctx.stdout(
      [
        `${model.id} · ${precision.id} (acc ${precision.accumulator.id}) · ${workload.id} · ${args.engine}/${args.timing}`,
        `  cycles ${f(s.cycles)} (compute ${f(s.computeCycles)}, stall ${f(s.stallCycles)}), utilization ${(s.utilization * 100).toFixed(1)}%`,
        `  MACs ${f(s.macs)}, SRAM read ${f(s.sramReadBytes)} B, write ${f(s.sramWriteBytes)} B, DRAM ${f(s.dramBytes)} B`,
        `  energy ${f(c.energyPj / 1e6)} µJ (${c.energyPerMacPj.toFixed(3)} pJ/MAC), area ${(c.areaUm2 / 1e6).toFixed(3)} mm², latency ${c.latencyUs.toFixed(2)} µs at ${c.techNodeNm} nm`,
        `  outputs sha256 ${s.outputsSha256}${s.sampleFraction < 1 ? ` (sampled ${s.sampleFraction})` : ""}`,
        "",
      ].join("\n"),
    );
  },
};

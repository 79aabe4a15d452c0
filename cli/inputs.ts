import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import type { Layer, Workload } from "../workloads/layer.js";
import { lookupWorkload } from "../workloads/registry.js";
import { parseScaleSimTopology } from "../workloads/scalesim-topology.js";
import { tensorWorkload } from "../workloads/tensor-workload.js";
import { parseNpy } from "../workloads/tensors/npy.js";
import { parseSafetensors } from "../workloads/tensors/safetensors.js";
import type { Tensor } from "../workloads/tensors/tensor.js";
import type { HardwareModel } from "../hw-models/hardware-model.js";
import { lookupHardware } from "../hw-models/registry.js";
import type { HardwareSpecOptions } from "../hw-models/registry.js";
import type { Precision } from "../hw-models/precision.js";
import { parsePrecision } from "../hw-models/precision.js";
import type { ResolvedSample } from "../hw-models/numerics/sample-budget.js";
import { DEFAULT_SAMPLE_BUDGET_MACS, parseSampleBudget, parseSampleSpec, resolveSample } from "../hw-models/numerics/sample-budget.js";
import type { CliContext } from "./context.js";
import { UsageError } from "./errors.js";

/** Read a file named on the command line, or fail with a one-line reason. */
export function readInputFile(ctx: CliContext, file: string, what: string): string {
  const p = path.resolve(ctx.cwd, file);
  try {
    return readFileSync(p, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${what} '${file}': ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : code ?? String(e)}`);
  }
}

function isFile(ctx: CliContext, file: string): boolean {
  try {
    return statSync(path.resolve(ctx.cwd, file)).isFile();
  } catch {
    return false;
  }
}

/** A workload id (`default`, `resnet50`, `gemm:m=64,n=64,k=64`) or a SCALE-Sim topology CSV file. */
export function workloadArg(ctx: CliContext, text: string): Workload {
  if (text.toLowerCase().endsWith(".csv") || isFile(ctx, text)) {
    const csv = readInputFile(ctx, text, "workload file");
    const r = parseScaleSimTopology(csv, { name: path.basename(text, path.extname(text)) });
    if (!r.ok) throw new UsageError(`workload file '${text}' line ${r.line}, column ${r.column}: ${r.reason}`);
    return r.value;
  }
  const r = lookupWorkload(text);
  if (!r.ok) throw new UsageError(r.reason);
  return r.value;
}

/** Largest weights file read into memory. */
const MAX_WEIGHTS_FILE_BYTES = 1024 * 1024 * 1024;

/**
 * `--weights-file model.safetensors[:tensor]` or `w.npy`: real weight tensors as a workload (one GEMM per tensor of
 * rank ≥ 2, `tokens` activation rows). Truncated or corrupt files fail with the parser's reason.
 */
export function weightsFileArg(ctx: CliContext, spec: string, tokens: number): Workload {
  const m = /^(.*\.(?:npy|safetensors))(?::(.+))?$/i.exec(spec);
  if (!m) throw new UsageError(`--weights-file '${spec}' must be a .npy or .safetensors file (optionally file.safetensors:tensor_name)`);
  const [, file, only] = m as unknown as [string, string, string | undefined];
  const full = path.resolve(ctx.cwd, file);
  let size: number;
  try {
    size = statSync(full).size;
  } catch {
    throw new UsageError(`cannot read weights file '${file}': no such file`);
  }
  if (size > MAX_WEIGHTS_FILE_BYTES) throw new UsageError(`weights file '${file}' is ${size} bytes, over the 1 GiB limit: extract the tensors you need`);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(full);
  } catch (e) {
    throw new UsageError(`cannot read weights file '${file}': ${(e as NodeJS.ErrnoException).code ?? e}`);
  }
  let tensors: Map<string, Tensor>;
  if (file.toLowerCase().endsWith(".npy")) {
    const r = parseNpy(bytes);
    if (!r.ok) throw new UsageError(`weights file '${file}': ${r.reason}`);
    tensors = new Map([[path.basename(file, ".npy"), r.value]]);
  } else {
    const r = parseSafetensors(bytes);
    if (!r.ok) throw new UsageError(`weights file '${file}': ${r.reason}`);
    tensors = new Map(r.value.tensors);
  }
  if (only !== undefined) {
    const t = tensors.get(only);
    if (!t) throw new UsageError(`weights file '${file}' has no tensor '${only}' (it has: ${[...tensors.keys()].slice(0, 12).join(", ")})`);
    tensors = new Map([[only, t]]);
  }
  const w = tensorWorkload(path.basename(file), tensors, tokens);
  if (!w.ok) throw new UsageError(`weights file '${file}': ${w.reason}`);
  return w.value;
}

/** The workload from --weights-file, else --workload; both at once is an error. */
export function workloadOrWeights(ctx: CliContext, a: { workload: string; "weights-file"?: string; tokens: number }, rawArgv: readonly string[]): Workload {
  if (a["weights-file"] !== undefined) {
    if (rawArgv.some((x) => x === "--workload" || x.startsWith("--workload="))) {
      throw new UsageError("give --workload or --weights-file, not both");
    }
    return weightsFileArg(ctx, a["weights-file"], a.tokens);
  }
  return workloadArg(ctx, a.workload);
}

/** Parameters from a YAML or JSON hardware file. */
export function hardwareFileArg(ctx: CliContext, file: string): unknown {
  const text = readInputFile(ctx, file, "hardware file");
  try {
    return file.toLowerCase().endsWith(".json") ? JSON.parse(text) : YAML.parse(text);
  } catch (e) {
    throw new UsageError(`hardware file '${file}' is not valid ${file.endsWith(".json") ? "JSON" : "YAML"}: ${(e as Error).message.split("\n")[0]}`);
  }
}

export function hardwareArg(spec: string, opts: HardwareSpecOptions): HardwareModel<unknown> {
  const r = lookupHardware(spec, opts);
  if (!r.ok) throw new UsageError(r.reason);
  return r.value as HardwareModel<unknown>;
}

export function precisionArg(text: string): Precision {
  const r = parsePrecision(text);
  if (!r.ok) throw new UsageError(r.reason.includes(`'${text}'`) ? r.reason : `precision '${text}': ${r.reason}`);
  return r.precision;
}

/** `--sample auto|0|F` (default auto) with `--sample-budget` MAC-equivalents, resolved against the workload. */
export function sampleArg(text: string | number | undefined, layers: readonly Layer[], budgetText: string | number | undefined): ResolvedSample {
  const spec = parseSampleSpec(text === undefined ? "auto" : String(text));
  if (!spec.ok) throw new UsageError(spec.reason);
  let budget = DEFAULT_SAMPLE_BUDGET_MACS;
  if (budgetText !== undefined) {
    if (spec.value.kind !== "auto") throw new UsageError(`--sample-budget applies to --sample auto, not --sample ${text}`);
    const b = parseSampleBudget(String(budgetText));
    if (!b.ok) throw new UsageError(b.reason);
    budget = b.value;
  }
  const r = resolveSample(spec.value, layers, budget);
  if (!r.ok) throw new UsageError(r.reason);
  return r.value;
}

export function seedArg(seed: number): number {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new UsageError(`--seed ${seed} must be a non-negative integer`);
  return seed;
}

import type { Result } from "../workloads/result.js";
import type { HardwareModel } from "./hardware-model.js";
import { MacArrayModel } from "./mac-array/model.js";
import type { MacArrayParams } from "./mac-array/params.js";
import { DEFAULT_MAC_ARRAY, parseKeyValues, parseMacArrayParams } from "./mac-array/params.js";
import type { TimingMode } from "./hardware-model.js";
import type { RtlLayerRunner } from "./mac-array/rtl-runner.js";
import { gpuLookup, GPU_PRESET_IDS } from "./gpu/lookup.js";
import { lookupMcu } from "./mcu/model.js";
import { lookupFpga } from "./fpga/model.js";

/** Substrates hwsim models, and the ones on the roadmap (named so a typo and a plan read differently). */
export const SUBSTRATES = ["mac-array", "gpu", "fpga"] as const;
const PLANNED = ["fpga-dsp", "mcu-simd"] as const;

export interface HardwareSpecOptions {
  /** Parameters from a hardware file (YAML/JSON), applied before the inline `key=value` overrides. */
  readonly fileParams?: unknown;
  /** Technology node override (`--node`). */
  readonly nodeNm?: number;
  readonly rtl?: RtlLayerRunner;
  /** `scalesim` timing models SCALE-Sim's one-MAC PEs: the PE defaults to `mac`, and another PE is refused. */
  readonly timing?: TimingMode;
}

/**
 * Build a hardware model from `substrate[:key=value,...]`, e.g. `mac-array:rows=16,cols=16,dataflow=os`.
 * Errors name the bad key or field path and the accepted ones.
 */
export function lookupHardware(spec: string, opts: HardwareSpecOptions = {}): Result<HardwareModel<unknown>> {
  const [name, rest = ""] = spec.split(/:(.*)/s).map((s) => s.trim()) as [string, string?];
  const id = name.toLowerCase();
  if (id === "gpu" || id === "gpu-tensor-core") {
    if (opts.timing === "scalesim") return { ok: false, reason: `--timing scalesim reproduces SCALE-Sim's systolic arrays, not GPUs: use --timing pipelined` };
    return gpuLookup(rest, opts);
  }
  if (id === "fpga") return opts.timing === "scalesim" ? { ok: false, reason: "--timing scalesim models systolic arrays, not FPGA dataflow units: use --timing pipelined" } : lookupFpga(rest, opts.fileParams);
  if (id === "mcu") return opts.timing === "scalesim" ? { ok: false, reason: "--timing scalesim models systolic arrays, not MCUs: use --timing pipelined" } : lookupMcu(rest);
  if ((PLANNED as readonly string[]).includes(id)) {
    return { ok: false, reason: `substrate '${id}' is not modelled yet: available: ${SUBSTRATES.join(", ")}` };
  }
  if (id !== "mac-array") {
    return { ok: false, reason: `unknown hardware '${name}': available: mac-array[:key=value,...] or gpu:<preset>[:key=value,...] (presets: ${GPU_PRESET_IDS.join(", ")})` };
  }
  const kv = parseKeyValues(rest);
  if (!kv.ok) return { ok: false, reason: `--hw ${spec}: ${kv.reason}` };
  const scalesim = opts.timing === "scalesim";
  const defaults: MacArrayParams = scalesim ? { ...DEFAULT_MAC_ARRAY, pe: "mac" } : DEFAULT_MAC_ARRAY;
  const base = parseMacArrayParams(opts.fileParams ?? {}, defaults);
  if (!base.ok) return { ok: false, reason: `hardware file: ${base.reason}` };
  const params = parseMacArrayParams({ ...kv.value, ...(opts.nodeNm !== undefined ? { techNodeNm: opts.nodeNm } : {}) }, base.value);
  if (!params.ok) return params;
  if (scalesim && params.value.pe !== "mac") {
    return { ok: false, reason: `--timing scalesim reproduces SCALE-Sim's one-MAC PEs, not pe=${params.value.pe}: drop pe= or use --timing pipelined` };
  }
  return { ok: true, value: new MacArrayModel(params.value, opts.rtl) as HardwareModel<MacArrayParams> as HardwareModel<unknown> };
}

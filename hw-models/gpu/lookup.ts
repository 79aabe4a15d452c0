import type { Result } from "../../workloads/result.js";
import type { HardwareModel } from "../hardware-model.js";
import { parseKeyValues } from "../mac-array/params.js";
import type { GpuParams } from "./gpu-params.js";
import { applyGpuOverrides, gpuPreset, presetParams } from "./gpu-params.js";
import { GpuModel } from "./model.js";
import { GPU_PRESETS } from "./presets/index.js";

export const GPU_PRESET_IDS: readonly string[] = GPU_PRESETS.map((p) => p.id);

/**
 * `gpu:<preset>[:key=value,...]` (the part after `gpu:`), or a custom GPU from a hardware file that names a
 * `preset` to start from (or gives every figure). `--node` overrides the node the datapath what-if scales to.
 */
export function gpuLookup(rest: string, opts: { fileParams?: unknown; nodeNm?: number }): Result<HardwareModel<unknown>> {
  const [presetName = "", kvText = ""] = rest.split(/:(.*)/s).map((s) => s.trim()) as [string, string?];
  const file = (opts.fileParams ?? undefined) as Record<string, unknown> | undefined;
  if (file !== undefined && (typeof file !== "object" || file === null || Array.isArray(file))) return { ok: false, reason: "hardware file: a GPU file must be a mapping of fields" };
  const filePreset = file?.["preset"];
  if (filePreset !== undefined && typeof filePreset !== "string") return { ok: false, reason: "hardware file: preset must be a GPU preset id" };
  const fromFile = (filePreset ?? "").trim().toLowerCase();
  // A file naming one preset and --hw another is a contradiction: refuse it rather than silently take one.
  if (presetName && fromFile && fromFile !== presetName.toLowerCase()) {
    return { ok: false, reason: `hardware file names preset '${fromFile}' but --hw names '${presetName.toLowerCase()}': drop one (gpu alone takes the file's)` };
  }
  const name = (presetName || fromFile).toLowerCase();
  const preset = gpuPreset(name);
  if (!preset) {
    return { ok: false, reason: name ? `unknown GPU preset '${name}': presets are ${GPU_PRESET_IDS.join(", ")} (e.g. gpu:h100-sxm5)` : `give a GPU preset: gpu:<preset> with ${GPU_PRESET_IDS.join(", ")} (a hardware file may name one as preset:)` };
  }
  let params: GpuParams = presetParams(preset);
  if (file) {
    const r = applyGpuOverrides(params, file, "hardware file");
    if (!r.ok) return r;
    params = r.value;
  }
  const kv = parseKeyValues(kvText);
  if (!kv.ok) return { ok: false, reason: `--hw gpu:${rest}: ${kv.reason}` };
  const over = { ...kv.value, ...(opts.nodeNm !== undefined ? { node: opts.nodeNm } : {}) };
  const r = applyGpuOverrides(params, over, `--hw gpu:${rest}`);
  if (!r.ok) return r;
  // Promotion is the Ada/Hopper FP8 accumulator's option (execution-plan.ts): elsewhere it would change nothing.
  if (r.value.promote > 0 && r.value.arch !== "hopper" && r.value.arch !== "ada") {
    return { ok: false, reason: `--hw gpu:${rest}: promote= applies to the FP8 tensor-core accumulator of Ada and Hopper GPUs; ${preset.id} is ${r.value.arch}` };
  }
  const id = `gpu:${preset.id}${kvText ? `:${kvText.toLowerCase()}` : ""}`;
  return { ok: true, value: new GpuModel(id, r.value) as HardwareModel<GpuParams> as HardwareModel<unknown> };
}

import type { Result } from "../../workloads/result.js";
import type { GpuArch, GpuPreset, Sourced, TensorKind } from "./gpu-spec.js";
import { TENSOR_KINDS, src } from "./gpu-spec.js";
import { GPU_PRESETS } from "./presets/index.js";

/** A GPU's figures as the model uses them (a preset with overrides applied), plain numbers. */
export interface GpuParams {
  readonly preset: string;
  readonly name: string;
  readonly arch: GpuArch;
  readonly sms: number;
  readonly tensorCoresPerSm: number;
  /** The clock the model runs at (MHz): the preset's tensor-peak clock unless overridden. */
  readonly clockMhz: number;
  /** Dense MACs per SM per clock, per native MMA kind. */
  readonly tensor: Readonly<Partial<Record<TensorKind, number>>>;
  readonly cudaFp32LanesPerSm: number;
  readonly cudaInt32LanesPerSm: number;
  readonly memoryBandwidthGBs: number;
  readonly dramPjPerBit: number;
  readonly l2Bytes: number;
  readonly l2BytesPerClk: number;
  readonly smemBytesPerSm: number;
  readonly smemBytesPerClkPerSm: number;
  readonly registerBytesPerSm: number;
  readonly tdpW: number;
  readonly techNodeNm: number;
  readonly dieAreaMm2: number;
  /** Hopper-style FP8 accumulation: promote the tensor-core partial to an fp32 CUDA-core add every N products (0: never). */
  readonly promote: number;
  /** Fraction of the tensor peak a CTA main loop sustains (per preset, calibrated where cited: see calibration.ts). */
  readonly mainLoopEfficiency: number;
  /** Kernel launch overhead (µs). */
  readonly launchUs: number;
  /** DRAM latency that the pipeline prologue waits for (ns). */
  readonly dramLatencyNs: number;
  /** Static (leakage and idle) power as a fraction of TDP. */
  readonly staticPowerFraction: number;
}

/** Model constants that are not datasheet figures, with their sources. */
export const GPU_MODEL_CONSTANTS = {
  launchUs: src(2.5, "measured per-kernel cost of back-to-back launches: Ernst, gpu-benches (github.com/te42kyfo/gpu-benches, commit 1c36d50), gpu-small-kernels/h200.txt (2024-06-21): 10000 tiny SCALE kernels queued on one stream, host-timed, 4096 doubles (64 kB moved) at 26 GB/s = 2.5 µs per kernel on an H200 (A100 80GB 2.7 µs, L40 1.6 µs; 1.3 µs on the H200 when the 10000 launches are one CUDA graph, h200_graph.txt). That is the quantity a back-to-back cuBLAS benchmark (CUDA events around many calls, as every calibration point in calibration.ts) pays, the host enqueueing ahead of the GPU. Not pyptx.dev/performance's ≈ 4 µs per CUDA-graph replay of a trivial kernel (H100 SXM5): each replay there is a separate host launch, so it measures the host's launch path, which back-to-back calls overlap with the previous kernel"),
  staticPowerFraction: src(0.32, "AccelWattch's fitted Volta model (Kandiah et al., MICRO 2021; gpgpu-sim configs/tested-cfgs/SM7_QV100/accelwattch_sass_sim.xml, read in the copy at github.com/qhq-lyh/GPGPUsim commit 59c57fd): constant_power 32.3 W plus static_cat6_flane 48.9 W (static power with INT+FP+TENSOR units active) = 81.2 W on a Quadro GV100, 32% of its 250 W board power (NVIDIA Quadro GV100 datasheet). One Volta fit applied to every preset: an assumption beyond Volta"),
  promote: src(0, "default: no promotion (the WGMMA accumulator alone); promote=128 is DeepSeek-V3's fix (arXiv:2412.19437 §3.3.2)"),
} as const;

/** The preset by id. */
export function gpuPreset(id: string): GpuPreset | undefined {
  return GPU_PRESETS.find((p) => p.id === id);
}

/** A preset's figures as parameters, before overrides. */
export function presetParams(p: GpuPreset): GpuParams {
  const tensor: Partial<Record<TensorKind, number>> = {};
  for (const [k, v] of Object.entries(p.tensor) as [TensorKind, Sourced][]) tensor[k] = v.value;
  return {
    preset: p.id,
    name: p.name,
    arch: p.arch,
    sms: p.sms.value,
    tensorCoresPerSm: p.tensorCoresPerSm.value,
    clockMhz: p.tensorClockMhz.value,
    tensor,
    cudaFp32LanesPerSm: p.cudaFp32LanesPerSm.value,
    cudaInt32LanesPerSm: p.cudaInt32LanesPerSm.value,
    memoryBandwidthGBs: p.dramBandwidthGBs.value,
    dramPjPerBit: p.dramPjPerBit.value,
    l2Bytes: p.l2Bytes.value,
    l2BytesPerClk: p.l2BytesPerClk.value,
    smemBytesPerSm: p.smemBytesPerSm.value,
    smemBytesPerClkPerSm: p.smemBytesPerClkPerSm.value,
    registerBytesPerSm: p.registerBytesPerSm.value,
    tdpW: p.tdpW.value,
    techNodeNm: p.processNm.value,
    dieAreaMm2: p.dieAreaMm2.value,
    promote: GPU_MODEL_CONSTANTS.promote.value,
    mainLoopEfficiency: p.mainLoopEfficiency.value,
    launchUs: GPU_MODEL_CONSTANTS.launchUs.value,
    dramLatencyNs: p.dramLatencyNs.value,
    staticPowerFraction: GPU_MODEL_CONSTANTS.staticPowerFraction.value,
  };
}

/** Inline keys (`gpu:h100-sxm5:clock=1600,bw=3000`) and the parameter each sets. */
const KEY_ALIASES: Readonly<Record<string, keyof GpuParams>> = {
  clock: "clockMhz",
  sms: "sms",
  bw: "memoryBandwidthGBs",
  l2: "l2Bytes",
  tdp: "tdpW",
  node: "techNodeNm",
  promote: "promote",
  eff: "mainLoopEfficiency",
  launch: "launchUs",
};

const NUMERIC_KEYS = [
  "sms", "tensorCoresPerSm", "clockMhz", "cudaFp32LanesPerSm", "cudaInt32LanesPerSm", "memoryBandwidthGBs", "dramPjPerBit",
  "l2Bytes", "l2BytesPerClk", "smemBytesPerSm", "smemBytesPerClkPerSm", "registerBytesPerSm", "tdpW", "techNodeNm", "dieAreaMm2",
  "promote", "mainLoopEfficiency", "launchUs", "dramLatencyNs", "staticPowerFraction",
] as const satisfies readonly (keyof GpuParams)[];
const NODES = [45, 28, 16, 7, 5];
const ARCHES: readonly GpuArch[] = ["volta", "ampere", "ada", "hopper", "blackwell"];

/**
 * Apply overrides (inline `key=value` or the fields of a hardware file, which may name a `preset` to start from
 * and give `tensor: {fp16: 2048, ...}`) to a base. Errors name the field and what it accepts.
 */
export function applyGpuOverrides(base: GpuParams, raw: Record<string, unknown>, where: string): Result<GpuParams> {
  const out: Record<string, unknown> = { ...base, tensor: { ...base.tensor } };
  for (const [key, value] of Object.entries(raw)) {
    if (key === "preset") continue;
    if (key === "name") {
      if (typeof value !== "string") return { ok: false, reason: `${where}: name must be a string` };
      out["name"] = value;
      continue;
    }
    if (key === "arch") {
      if (!ARCHES.includes(value as GpuArch)) return { ok: false, reason: `${where}: arch must be one of ${ARCHES.join(", ")}` };
      out["arch"] = value;
      continue;
    }
    if (key === "tensor") {
      if (typeof value !== "object" || value === null) return { ok: false, reason: `${where}: tensor must map MMA kinds to MACs per SM per clock` };
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (!(TENSOR_KINDS as readonly string[]).includes(k)) return { ok: false, reason: `${where}: tensor.${k} is not an MMA kind (${TENSOR_KINDS.join(", ")})` };
        if (typeof v !== "number" || !(v > 0)) return { ok: false, reason: `${where}: tensor.${k} must be a positive number of MACs per SM per clock` };
        (out["tensor"] as Record<string, number>)[k] = v;
      }
      continue;
    }
    const field = (KEY_ALIASES[key] ?? key) as keyof GpuParams;
    if (!(NUMERIC_KEYS as readonly string[]).includes(field)) {
      return { ok: false, reason: `${where}: unknown key '${key}' (keys: ${[...Object.keys(KEY_ALIASES), ...NUMERIC_KEYS.filter((k) => !Object.values(KEY_ALIASES).includes(k))].join(", ")})` };
    }
    const v = typeof value === "string" && /^-?\d+(\.\d+)?(e-?\d+)?$/i.test(value) ? Number(value) : value;
    if (typeof v !== "number" || !Number.isFinite(v)) return { ok: false, reason: `${where}: ${key} must be a number, got '${String(value)}'` };
    const bad = (what: string) => ({ ok: false as const, reason: `${where}: ${key}=${v} must be ${what}` });
    if (field === "promote") {
      if (!(Number.isInteger(v) && v >= 0 && v % 32 === 0)) return bad("0 (no promotion) or a multiple of 32 products (e.g. 128)");
    } else if (field === "mainLoopEfficiency" || field === "staticPowerFraction") {
      if (!(v > 0 && v <= 1)) return bad("in (0, 1]");
    } else if (field === "techNodeNm") {
      if (!NODES.includes(v)) return bad(`one of ${NODES.join(", ")} nm`);
    } else if (["sms", "tensorCoresPerSm", "cudaFp32LanesPerSm", "cudaInt32LanesPerSm", "l2Bytes", "smemBytesPerSm", "registerBytesPerSm"].includes(field)) {
      if (!(Number.isInteger(v) && v >= 1)) return bad("a positive integer");
    } else if (field === "launchUs" || field === "dramLatencyNs") {
      if (!(v >= 0)) return bad("≥ 0");
    } else if (!(v > 0)) return bad("positive");
    out[field] = v;
  }
  return { ok: true, value: out as unknown as GpuParams };
}

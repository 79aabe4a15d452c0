import { nearestName } from "../sim/numerics/formats/registry.js";
import type { Workload } from "./layer.js";
import { bertBaseLayer } from "./models/bert-base.js";
import { defaultWorkload } from "./models/default-workload.js";
import { llama3_8bDecode, llama3_8bPrefill } from "./models/llama3-8b.js";
import { mobilenetV2 } from "./models/mobilenet-v2.js";
import { resnet18, resnet50 } from "./models/resnet.js";
import { vitB16Layer } from "./models/vit-b16.js";
import { conv2dLayer } from "./ops/conv2d.js";
import { gemmLayer } from "./ops/gemm.js";
import type { Result } from "./result.js";
import { fail, ok } from "./result.js";

/** One parameter of a parametric workload id (`key=value`). */
export interface WorkloadParam {
  readonly description: string;
  /** Absent: the parameter is required. */
  readonly default?: number;
  /** Smallest accepted value (1 unless noted; padding accepts 0). */
  readonly min: number;
  /** Largest accepted value, where there is one (a model's depth). */
  readonly max?: number;
}

/** A registry entry: id, parameters and a builder. */
export interface WorkloadEntry {
  readonly id: string;
  readonly description: string;
  readonly params: Readonly<Record<string, WorkloadParam>>;
  build(params: Readonly<Record<string, number>>, id: string): Result<Workload>;
}

const p = (description: string, dflt?: number, min = 1): WorkloadParam => ({ description, min, ...(dflt === undefined ? {} : { default: dflt }) });
const batchParam = p("batch size", 1);
const depthParam = (depth: number, whole: string): WorkloadParam => ({ description: `layers of the model, 1–${depth}; ${depth} is the whole model, ${whole}`, default: 1, min: 1, max: depth });
const withId = (w: Workload, id: string): Workload => ({ ...w, id });

/** Every built-in workload id, with its parameters. */
export const WORKLOADS: readonly WorkloadEntry[] = [
  { id: "default", description: "small mixed set (3×3, 1×1, depthwise conv, attention projection, QKᵀ, FFN), ≈3.5 M MACs",
    params: {}, build: () => ok(defaultWorkload()) },
  { id: "resnet18", description: "ResNet-18, ImageNet 224×224", params: { b: batchParam }, build: (v, id) => ok(withId(resnet18(v.b), id)) },
  { id: "resnet50", description: "ResNet-50, ImageNet 224×224", params: { b: batchParam }, build: (v, id) => ok(withId(resnet50(v.b), id)) },
  { id: "mobilenetv2", description: "MobileNetV2 1.0, ImageNet 224×224", params: { b: batchParam }, build: (v, id) => ok(withId(mobilenetV2(v.b), id)) },
  { id: "bert-base", description: "BERT-base encoder layers (default one)", params: { s: p("sequence length", 128), b: batchParam, layers: depthParam(12, "with the pooler") },
    build: (v, id) => ok(withId(bertBaseLayer(v.s, v.b, v.layers), id)) },
  { id: "vit-b16", description: "ViT-B/16 encoder layers, 197 tokens (default one)", params: { b: batchParam, layers: depthParam(12, "with patch embedding and head") },
    build: (v, id) => ok(withId(vitB16Layer(v.b, v.layers), id)) },
  { id: "llama3-8b-prefill", description: "Llama-3-8B decoder layers, prefill (default one)", params: { s: p("prompt length", 2048), b: batchParam, layers: depthParam(32, "with the LM head") },
    build: (v, id) => ok(withId(llama3_8bPrefill(v.s, v.b, v.layers), id)) },
  { id: "llama3-8b-decode", description: "Llama-3-8B decoder layers, one decode step (default one)",
    params: { b: batchParam, l: p("context length (cached positions attended, new token included)", 2048), layers: depthParam(32, "with the LM head") },
    build: (v, id) => ok(withId(llama3_8bDecode(v.b, v.l, v.layers), id)) },
  { id: "gemm", description: "one GEMM C[m×n] = A[m×k]·B[k×n]",
    params: { m: p("rows of A and C"), n: p("columns of B and C"), k: p("reduction length"), repeat: p("independent GEMMs", 1) },
    build: (v, id) => {
      const l = gemmLayer({ name: "gemm", m: v.m!, n: v.n!, k: v.k!, repeat: v.repeat });
      return l.ok ? ok({ id, name: `GEMM ${v.m}×${v.n}×${v.k}`, description: `GEMM m=${v.m} n=${v.n} k=${v.k}`, layers: [l.value], source: "parametric" }) : l;
    } },
  { id: "conv", description: "one 2-D convolution (im2col GEMM)",
    params: {
      h: p("input height"), w: p("input width"), c: p("input channels"), k: p("output channels"), r: p("kernel height"), s: p("kernel width"),
      stride: p("stride", 1), pad: p("zero padding per side", 0, 0), dilation: p("kernel dilation", 1), groups: p("channel groups", 1), b: batchParam,
    },
    build: (v, id) => {
      const l = conv2dLayer({ name: "conv", h: v.h!, w: v.w!, c: v.c!, k: v.k!, r: v.r!, s: v.s!, stride: v.stride, pad: v.pad, dilation: v.dilation, groups: v.groups, batch: v.b });
      return l.ok ? ok({ id, name: `Conv ${v.r}×${v.s}`, description: `conv ${id}`, layers: [l.value], source: "parametric" }) : l;
    } },
];

/** Ids of all built-in workloads. */
export function workloadIds(): string[] {
  return WORKLOADS.map((e) => e.id);
}

/**
 * Resolve a workload id: a built-in (`resnet50`), optionally with parameters (`llama3-8b-decode:b=8,l=2048`,
 * `gemm:m=64,n=64,k=64`). Unknown ids suggest the nearest known one; parameter errors name the key and the accepted keys.
 */
export function lookupWorkload(id: string): Result<Workload> {
  const text = id.trim();
  const colon = text.indexOf(":");
  const base = (colon < 0 ? text : text.slice(0, colon)).trim().toLowerCase();
  const entry = WORKLOADS.find((e) => e.id === base);
  if (!entry) {
    const near = nearestName(base, workloadIds());
    return fail(`unknown workload '${base}'${near ? `: did you mean '${near}'?` : ""} (known: ${workloadIds().join(", ")})`);
  }
  const parsed = parseParams(entry, colon < 0 ? "" : text.slice(colon + 1));
  if (!parsed.ok) return parsed;
  const explicit = Object.keys(parsed.value.given);
  const canonical = explicit.length === 0 ? entry.id : `${entry.id}:${Object.keys(entry.params).filter((k) => explicit.includes(k)).map((k) => `${k}=${parsed.value.given[k]}`).join(",")}`;
  try {
    return entry.build(parsed.value.all, canonical);
  } catch (e) {
    // makeLayer refuses MAC counts beyond 2^53 (e.g. an enormous sequence length): a bad input, not a bug.
    if (e instanceof RangeError) return fail(`'${canonical}': ${e.message}`);
    throw e;
  }
}

function parseParams(entry: WorkloadEntry, text: string): Result<{ all: Record<string, number>; given: Record<string, number> }> {
  const keys = Object.keys(entry.params);
  const accepted = keys.length ? `accepted keys: ${keys.join(", ")}` : `'${entry.id}' takes no parameters`;
  const given: Record<string, number> = {};
  if (text.trim() !== "") {
    for (const part of text.split(",")) {
      const eq = part.indexOf("=");
      const key = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
      if (key === "") return fail(`empty parameter in '${entry.id}:${text}' (write key=value pairs separated by commas; ${accepted})`);
      const spec = entry.params[key];
      if (!spec) {
        const near = keys.length ? nearestName(key, keys) : undefined;
        return fail(`unknown parameter '${key}' for '${entry.id}'${near ? `: did you mean '${near}'?` : ""} (${accepted})`);
      }
      if (eq < 0) return fail(`parameter '${key}' of '${entry.id}' has no value (write ${key}=<integer>; ${accepted})`);
      if (key in given) return fail(`parameter '${key}' of '${entry.id}' is given twice`);
      const raw = part.slice(eq + 1).trim();
      const v = /^\d+$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isSafeInteger(v) || v < spec.min || (spec.max !== undefined && v > spec.max)) {
        const range = spec.max !== undefined ? `in ${spec.min}–${spec.max}` : `≥ ${spec.min}`;
        return fail(`parameter '${key}' of '${entry.id}' must be an integer ${range}, got '${raw}' (${accepted})`);
      }
      given[key] = v;
    }
  }
  const all: Record<string, number> = {};
  for (const [key, spec] of Object.entries(entry.params)) {
    const v = given[key] ?? spec.default;
    if (v === undefined) {
      const required = keys.filter((k) => entry.params[k]!.default === undefined);
      return fail(`missing parameter '${key}' for '${entry.id}' (required: ${required.join(", ")}; ${accepted})`);
    }
    all[key] = v;
  }
  return ok({ all, given });
}

import { createHash } from "node:crypto";
import type { Workload } from "../workloads/layer.js";
import type { HardwareModel } from "../hw-models/hardware-model.js";
import type { Precision } from "../hw-models/precision.js";
import { operandId } from "../hw-models/precision.js";

/** Settings every point of a sweep shares. */
export interface SweepSettings {
  readonly seed: number;
  /** `auto`, `0` or a fraction, as `--sample` takes it. */
  readonly sample: string;
  readonly energy: "table" | "activity";
  /** Technology node override (`--node`), when the spec sets one. */
  readonly node?: number;
}

/**
 * One point: the three strings `hwsim simulate --format P --hw H --workload W` accepts as they are, with the
 * shared settings, and the content hash of what they resolve to.
 */
export interface SweepTask extends SweepSettings {
  readonly id: string;
  readonly precision: string;
  readonly hardware: string;
  readonly workload: string;
}

/** What a point's strings resolve to. */
export interface ResolvedPoint {
  readonly precision: Precision;
  readonly model: HardwareModel<unknown>;
  readonly workload: Workload;
}

/** Sweeps always use the fast engine and pipelined timing (`hwsim simulate`'s defaults). */
export const SWEEP_ENGINE = "fast";
export const SWEEP_TIMING = "pipelined";

/**
 * A MAC-array string with the technology node folded in (`mac-array:rows=16` + 7 → `mac-array:rows=16,node=7`),
 * replacing a node the string already sets, so the string alone reproduces the point. Other substrates have
 * their own grammar: their string is kept and the node goes to them as `--node` does.
 */
export function hardwareWithNode(spec: string, node: number | undefined): string {
  const [name, rest = ""] = spec.split(/:(.*)/s) as [string, string?];
  if (node === undefined || name.trim().toLowerCase() !== "mac-array") return spec;
  const kept = rest
    .split(",")
    .map((s) => s.trim())
    .filter((kv) => kv && !/^(node|techNodeNm)\s*=/.test(kv));
  return `${name.trim()}:${[...kept, `node=${node}`].join(",")}`;
}

/** JSON with object keys sorted at every depth (bigints as strings), so equal content hashes equally. */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, x) => {
    if (typeof x === "bigint") return x.toString();
    if (x && typeof x === "object" && !Array.isArray(x) && !ArrayBuffer.isView(x)) {
      return Object.fromEntries(Object.keys(x).sort().map((k) => [k, (x as Record<string, unknown>)[k]]));
    }
    return x;
  });
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/**
 * A point's id: 16 hex digits of SHA-256 over its resolved parameters (operand formats, the full accumulator,
 * the substrate and all its parameters, the workload's layers, seed, sample, energy, engine, timing). Two
 * strings that mean the same point (`mac-array` and `mac-array:rows=32`) share an id; any change of meaning
 * gives a new one.
 */
export function pointId(p: ResolvedPoint, s: SweepSettings): string {
  const content = {
    precision: {
      weights: operandId(p.precision.weights),
      activations: operandId(p.precision.activations),
      kvCache: operandId(p.precision.kvCache),
      accumulator: p.precision.accumulator,
    },
    hardware: { kind: p.model.kind, params: p.model.params },
    workload: { id: p.workload.id, layers: sha256(canonicalJson(p.workload.layers)) },
    seed: s.seed,
    sample: s.sample.trim().toLowerCase() === "auto" ? "auto" : Number(s.sample),
    energy: s.energy,
    node: s.node ?? null,
    engine: SWEEP_ENGINE,
    timing: SWEEP_TIMING,
  };
  return sha256(canonicalJson(content)).slice(0, 16);
}

import { z } from "zod";
import type { Result } from "../workloads/result.js";
import { TECH_NODES_NM } from "../hw-models/cost/tech-scaling.js";
import { parseSampleSpec } from "../hw-models/numerics/sample-budget.js";

/** A sweep as the YAML spec gives it, after validation and defaults. */
export interface SweepSpec {
  readonly precisions: readonly string[];
  readonly hardware: readonly string[];
  readonly workloads: readonly string[];
  readonly seed: number;
  /** `auto`, `0` or a fraction, as `--sample` takes it. */
  readonly sample: string;
  readonly node?: number;
  readonly energy: "table" | "activity";
}

/** Command-line values that replace the spec's (`--seed`, `--sample`, `--node`, `--energy`). */
export interface SweepOverrides {
  readonly seed?: number;
  readonly sample?: string;
  readonly node?: number;
  readonly energy?: string;
}

const entry = z.string().trim().min(1, "must not be empty");
/** One string or a list of them. */
const list = z.preprocess((v) => (typeof v === "string" ? [v] : v), z.array(entry).min(1, "must list at least one entry"));

export const sweepSpecSchema = z
  .object({
    precisions: list,
    hardware: list.default(["mac-array"]),
    workloads: list.default(["default"]),
    seed: z.number().int("must be an integer").min(0).max(Number.MAX_SAFE_INTEGER).default(1),
    sample: z
      .union([z.string(), z.number()])
      .transform((v) => String(v).trim())
      .refine((v) => parseSampleSpec(v).ok, { message: "must be auto, 0 (timing and cost only) or a fraction in (0, 1]" })
      .default("auto"),
    node: z.number().refine((v) => (TECH_NODES_NM as readonly number[]).includes(v), { message: "must be 45, 28, 16, 7 or 5 (nm)" }).optional(),
    energy: z.enum(["table", "activity"]).default("table"),
  })
  .strict();

/** `hardware[1]`, `seed`, or `(root)`: a zod issue path as a field path. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : `${out ? "." : ""}${String(p)}`;
  return out || "(root)";
}

/**
 * Validate a parsed spec document (with the command line's overrides applied on top). The reason names the
 * field path of each problem: `hardware[1]: expected string, received number`.
 */
export function parseSweepSpec(doc: unknown, overrides: SweepOverrides = {}): Result<SweepSpec> {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    return { ok: false, reason: "(root): the spec must be a mapping with precisions, hardware and workloads" };
  }
  const merged: Record<string, unknown> = { ...(doc as Record<string, unknown>) };
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) merged[k] = v;
  const r = sweepSpecSchema.safeParse(merged);
  if (!r.success) {
    const flag = (p: readonly PropertyKey[]) => (p.length === 1 && p[0] !== undefined && String(p[0]) in overrides && (overrides as Record<string, unknown>)[String(p[0])] !== undefined ? ` (--${String(p[0])})` : "");
    return { ok: false, reason: r.error.issues.map((i) => `${fieldPath(i.path)}${flag(i.path)}: ${i.message}`).join("; ") };
  }
  const s = r.data;
  if (s.energy === "activity" && parseSampleSpec(s.sample).ok && s.sample !== "auto" && Number(s.sample) === 0) {
    return { ok: false, reason: "energy: activity measures operand toggles, which needs operand values: use sample auto or a fraction, or energy table with sample 0" };
  }
  return { ok: true, value: { ...s, hardware: s.hardware, workloads: s.workloads, precisions: s.precisions } };
}

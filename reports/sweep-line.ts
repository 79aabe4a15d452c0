import { z } from "zod";
import type { Result } from "../workloads/result.js";
import type { CostResult, SimResult } from "../hw-models/hardware-model.js";
import type { ResolvedSample } from "../hw-models/numerics/sample-budget.js";
import type { SampledErrorMetrics } from "./sample-error.js";
import type { ResolvedPoint, SweepTask } from "./sweep-point.js";
import { SWEEP_ENGINE, SWEEP_TIMING } from "./sweep-point.js";
import { jsonRecord, simulateRecord } from "./simulate-record.js";
import { fieldPath } from "./sweep-spec.js";

/**
 * One line of a sweep's JSONL: `id`, `precision`, `hardware`, `workload` (the point's strings), the shared
 * settings, then every field of `hwsim simulate --json` (its own hardware, precision and workload ids renamed
 * `model`, `precisionId` and `workloadId`), error metrics and their uncertainty included. A point the
 * substrate cannot run has `unsupported: reason` instead of figures.
 */
export type SweepLine = Record<string, unknown> & {
  readonly id: string;
  readonly precision: string;
  readonly hardware: string;
  readonly workload: string;
};

/** The line of a point that ran. */
export function sweepLine(task: SweepTask, p: ResolvedPoint, sample: ResolvedSample, sim: SimResult, cost: CostResult, error: SampledErrorMetrics): SweepLine {
  const { hardware, precision, workload, ...rest } = simulateRecord({
    modelId: p.model.id,
    modelKind: p.model.kind,
    precision: p.precision,
    workloadId: p.workload.id,
    engine: SWEEP_ENGINE,
    timing: SWEEP_TIMING,
    sample,
    sim,
    cost,
    error,
  });
  return jsonRecord({ ...head(task), model: hardware, precisionId: precision, workloadId: workload, ...rest }) as SweepLine;
}

/** The line of a point the substrate cannot run (the reason `hwsim simulate` would exit 2 with). */
export function unsupportedLine(task: SweepTask, reason: string): SweepLine {
  return { ...head(task), unsupported: reason };
}

function head(t: SweepTask): SweepLine {
  return { id: t.id, precision: t.precision, hardware: t.hardware, workload: t.workload, seed: t.seed, sample: t.sample, energy: t.energy, ...(t.node !== undefined ? { node: t.node } : {}) };
}

/** A line as text: one JSON object and a newline (the unit of an atomic append). */
export function lineText(line: SweepLine): string {
  return JSON.stringify(line) + "\n";
}

const lineSchema = z.looseObject({
  id: z.string().regex(/^[0-9a-f]{16}$/, "must be 16 hex digits"),
  precision: z.string(),
  hardware: z.string(),
  workload: z.string(),
});

/** Parse one line of a results file; the reason names the bad field. */
export function parseSweepLine(text: string): Result<SweepLine> {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { ok: false, reason: "not a JSON object" };
  }
  const r = lineSchema.safeParse(v);
  if (!r.success) return { ok: false, reason: r.error.issues.map((i) => `${fieldPath(i.path)}: ${i.message}`).join("; ") };
  return { ok: true, value: r.data as SweepLine };
}

/** A numeric field of a line: null (not measured) and missing read as NaN, "Infinity" strings as ±∞. */
export function lineNumber(line: SweepLine, key: string): number {
  const v = line[key];
  if (typeof v === "number") return v;
  if (v === "Infinity") return Infinity;
  if (v === "-Infinity") return -Infinity;
  return NaN;
}

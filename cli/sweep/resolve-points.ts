import type { Workload } from "../../workloads/layer.js";
import type { HardwareModel } from "../../hw-models/hardware-model.js";
import type { Precision } from "../../hw-models/precision.js";
import type { ResolvedSample } from "../../hw-models/numerics/sample-budget.js";
import { expandGrid } from "../../reports/sweep-grid.js";
import type { SweepSpec } from "../../reports/sweep-spec.js";
import type { ResolvedPoint, SweepSettings, SweepTask } from "../../reports/sweep-point.js";
import { hardwareWithNode, pointId } from "../../reports/sweep-point.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../errors.js";
import { hardwareArg, precisionArg, sampleArg, workloadArg } from "../inputs.js";

/** A context for resolving files relative to `cwd` where nothing is printed (worker threads, queue workers). */
export function quietContext(cwd: string): CliContext {
  return { cwd, isTTY: false, color: false, stdout: () => undefined, stderr: () => undefined };
}

/** Turn a thrown UsageError into one that names the spec field. */
function at<T>(field: string, text: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof UsageError) throw new UsageError(`${field} '${text}': ${e.message}`);
    throw e;
  }
}

function expand(field: string, entries: readonly string[]): { field: string; text: string }[] {
  return entries.flatMap((e, i) => {
    const r = expandGrid(e);
    if (!r.ok) throw new UsageError(`${field}[${i}]: ${r.reason}`);
    return r.value.map((text) => ({ field: `${field}[${i}]`, text }));
  });
}

/** Every point of a spec, resolved and validated (errors name the spec field), deduplicated by id. */
export function resolveSweep(ctx: CliContext, spec: SweepSpec): { tasks: SweepTask[]; merged: number } {
  const settings: SweepSettings = { seed: spec.seed, sample: spec.sample, energy: spec.energy, ...(spec.node !== undefined ? { node: spec.node } : {}) };
  const precisions = expand("precisions", spec.precisions).map((p) => ({ text: p.text, value: at(p.field, p.text, () => precisionArg(p.text)) }));
  const hardware = expand("hardware", spec.hardware).map((h) => {
    const text = hardwareWithNode(h.text, spec.node);
    return { text, value: at(h.field, h.text, () => hardwareArg(text, { nodeNm: spec.node })) };
  });
  const workloads = expand("workloads", spec.workloads).map((w) => {
    const value = at(w.field, w.text, () => workloadArg(ctx, w.text));
    at(w.field, w.text, () => sampleArg(spec.sample, value.layers, undefined));
    return { text: w.text, value };
  });
  const tasks: SweepTask[] = [];
  const seen = new Set<string>();
  let merged = 0;
  for (const w of workloads) {
    for (const h of hardware) {
      for (const p of precisions) {
        const id = pointId({ precision: p.value, model: h.value, workload: w.value }, settings);
        if (seen.has(id)) {
          merged++;
          continue;
        }
        seen.add(id);
        tasks.push({ id, precision: p.text, hardware: h.text, workload: w.text, ...settings });
      }
    }
  }
  return { tasks, merged };
}

/** A task's strings resolved again (on a worker), with the id checked against what they resolve to here. */
export function resolveTask(
  task: SweepTask,
  cwd: string,
  cache: Map<string, Workload> = new Map(),
): { point: ResolvedPoint; sample: ResolvedSample } {
  const ctx = quietContext(cwd);
  const precision: Precision = precisionArg(task.precision);
  const model: HardwareModel<unknown> = hardwareArg(task.hardware, { nodeNm: task.node });
  let workload = cache.get(task.workload);
  if (!workload) cache.set(task.workload, (workload = workloadArg(ctx, task.workload)));
  const point = { precision, model, workload };
  const id = pointId(point, task);
  if (id !== task.id) {
    throw new Error(`point ${task.id} (${task.precision} on ${task.hardware}, ${task.workload}) resolves to ${id} here: the worker runs a different hwsim version or sees a different workload file`);
  }
  return { point, sample: sampleArg(task.sample, workload.layers, undefined) };
}

import type { ResolvedSample } from "../hw-models/numerics/sample-budget.js";
import { sampledErrorMetrics } from "./sample-error.js";
import type { SweepLine } from "./sweep-line.js";
import { sweepLine, unsupportedLine } from "./sweep-line.js";
import type { ResolvedPoint, SweepTask } from "./sweep-point.js";
import { SWEEP_ENGINE, SWEEP_TIMING } from "./sweep-point.js";

/**
 * Run one point exactly as `hwsim simulate --format P --hw H --workload W --seed S --sample X --energy E` does
 * (fast engine, pipelined timing), and make its line. Deterministic: the line depends on the point alone.
 */
export function runSweepPoint(task: SweepTask, p: ResolvedPoint, sample: ResolvedSample): SweepLine {
  const sim = p.model.simulate(p.workload.layers, p.precision, {
    engine: SWEEP_ENGINE,
    timing: SWEEP_TIMING,
    seed: task.seed,
    sampleFraction: sample.fraction,
    sampleIsBudget: sample.mode === "auto",
    vcd: false,
    countToggles: task.energy === "activity",
  });
  if (!sim.ok) return unsupportedLine(task, sim.reason);
  const cost = p.model.cost(sim.value, p.precision, { energyMode: task.energy });
  if (!cost.ok) return unsupportedLine(task, cost.reason);
  const error = sampledErrorMetrics(sim.value.layers.map((l) => ({ sample: l.outputSample, reference: l.referenceValues, output: l.outputValues })));
  return sweepLine(task, p, sample, sim.value, cost.value, error);
}

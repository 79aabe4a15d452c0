import type { SimResult } from "../hw-models/hardware-model.js";
import type { Precision } from "../hw-models/precision.js";
import type { GpuLayerResult } from "../hw-models/gpu/model.js";
import type { McuLayerResult } from "../hw-models/mcu/model.js";
import type { FpgaSimResult } from "../hw-models/fpga/model.js";
import { kernelAccumulator } from "../hw-models/mcu/model.js";
import { kernelById } from "../hw-models/mcu/kernels/library.js";

/**
 * The accumulators a row's substrate actually ran, in layer order without repeats. A GPU runs its tensor core's
 * (per MMA kind), an MCU its kernel's and an FPGA its hard block's, whatever the precision's default would be; the
 * MAC array runs the precision's own.
 */
export function ranAccumulatorIds(row: { readonly modelKind: string; readonly sim: SimResult; readonly precision: Precision }): string[] {
  const ids: string[] = [];
  if (row.modelKind === "gpu") {
    for (const l of row.sim.layers as readonly GpuLayerResult[]) if (l.plan) ids.push(l.plan.accumulator.id);
  } else if (row.modelKind === "mcu") {
    for (const l of row.sim.layers as readonly McuLayerResult[]) if (l.kernel) ids.push(kernelAccumulator(kernelById(l.kernel)).id);
  } else if (row.modelKind === "fpga") {
    const plan = (row.sim as FpgaSimResult).plan;
    if (plan) ids.push(plan.accumulator.id);
  }
  return ids.length ? [...new Set(ids)] : [row.precision.accumulator.id];
}

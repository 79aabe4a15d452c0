import type { CompareResult } from "../compare.js";
import { runCompare } from "../compare.js";
import { lookupHardware } from "../../hw-models/registry.js";
import type { HardwareModel } from "../../hw-models/hardware-model.js";
import { parsePrecision } from "../../hw-models/precision.js";
import { lookupWorkload } from "../../workloads/registry.js";

/** A small compare run for report tests: every output computed (a full run is exact, so it is fast to reason about). */
export function compareFixture(precisions: readonly string[], hw: readonly string[] = ["mac-array:rows=8,cols=8"], workload = "gemm:m=16,n=16,k=48", sampleFraction = 1): CompareResult {
  const ps = precisions.map((t) => {
    const p = parsePrecision(t);
    if (!p.ok) throw new Error(p.reason);
    return p.precision;
  });
  const models = hw.map((h) => {
    const m = lookupHardware(h);
    if (!m.ok) throw new Error(m.reason);
    return m.value as HardwareModel<unknown>;
  });
  const w = lookupWorkload(workload);
  if (!w.ok) throw new Error(w.reason);
  const r = runCompare(ps, models, w.value, { seed: 1, sampleFraction, energyMode: "table", timing: "pipelined" });
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

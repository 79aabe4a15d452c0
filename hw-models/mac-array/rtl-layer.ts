import type { RtlLayerRunner } from "./rtl-runner.js";
import { MAC_ARRAY_ACTIONS } from "./fold-schedule.js";
import type { MacArrayAction } from "./fold-schedule.js";
import { createMacArrayRtl } from "./rtl/run-gemm-rtl.js";
import { accumulatorFor, layerSeeds, repeatOperands } from "../numerics/gemm-numerics.js";
import { peLanes } from "./params.js";

/**
 * The RTL engine for a whole layer: the same seeded, quantized operands the fast model draws (layerSeeds /
 * repeatOperands), every repeat stepped through one elaborated array, every output computed. `p` carries the PE's
 * accumulator (peAccumulator): a dot<n> PE steps the dot unit's float64 register (addBlock) n products a cycle.
 */
export const rtlLayerRunner: RtlLayerRunner = (params, layer, p, seed, vcd) => {
  const { m, n } = layer.gemm;
  const { operandSeeds } = layerSeeds(seed, layer.repeat);
  const actions = Object.fromEntries(MAC_ARRAY_ACTIONS.map((a) => [a, 0])) as Record<MacArrayAction, number>;
  const outputCodes = new BigUint64Array(m * n * layer.repeat);
  let computeCycles = 0;
  let wave: string | undefined;
  let array: ReturnType<typeof createMacArrayRtl> | undefined;
  for (let r = 0; r < layer.repeat; r++) {
    const ops = repeatOperands(layer, p, operandSeeds[r]!);
    if (!ops.ok) return ops;
    const stepper = accumulatorFor(p.accumulator, ops.value.a, ops.value.b, peLanes(params.pe));
    if (!stepper.ok) return { ok: false, reason: `the rtl engine steps float64 registers: ${stepper.reason}` };
    const acc = stepper.acc;
    array ??= createMacArrayRtl({ dataflow: params.dataflow, rows: params.rows, cols: params.cols, macPipelineDepth: params.macPipelineDepth, acc: acc.acc });
    if (!array.ok) return array;
    const run = array.value.runGemm({ gemm: layer.gemm, a: ops.value.a.values, b: ops.value.b.values, vcd: vcd && r === 0 });
    if (!run.ok) return run;
    computeCycles += run.value.computeCycles;
    for (const a of MAC_ARRAY_ACTIONS) actions[a] += run.value.actions[a];
    run.value.outputs.forEach((v, i) => (outputCodes[r * m * n + i] = acc.acc.code(v)));
    wave ??= run.value.vcd;
  }
  return { ok: true, value: { computeCycles, actions, outputCodes, vcd: wave } };
};

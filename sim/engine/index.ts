/**
 * RTL-style clocked simulation engine: modules with registers, wires and inputs, hierarchical wiring,
 * two-phase cycle stepping (evaluate every module, then commit every register together), per-module action
 * counting, and a VCD waveform recorder (IEEE Std 1364-2005 §18).
 *
 * ```ts
 * const counter = defineModule("counter", (m) => {
 *   const count = m.reg("count", { widthBits: 8 });
 *   const add = m.action("add");
 *   m.step((s) => {
 *     s.next(count, (s.get(count) + 1) & 0xff);
 *     s.count(add);
 *   });
 *   return { count };
 * });
 * const sim = elaborate(counter);
 * sim.step(10); // sim.peek(sim.top.count) === 10, sim.actionTotals().add === 10
 * ```
 *
 * Three step styles: `m.step(fn)` reads and writes through handles (clear; fine for small designs),
 * `m.bindStep((slotOf, ctx) => fn)` resolves slots once and indexes the flat stores (use it for PEs that are
 * instantiated thousands of times; see examples/ and bench/engine.ts), and `m.kernelStep(kernel, handles)` shares
 * one step between instances, so a run of PEs in evaluation order costs one call per cycle
 * (hw-models/mac-array/rtl/stationary-pe.ts).
 */
export {
  Action,
  Signal,
  MAX_BIGINT_WIDTH_BITS,
  MAX_INT_WIDTH_BITS,
  type Const,
  type Input,
  type Reg,
  type SignalKind,
  type SignalSpec,
  type SignalType,
  type SignalValue,
  type SpecFor,
  type ValueOfSpec,
  type ValueOfType,
  type Wire,
} from "./signal.js";
export { StepContext, type SlotOf, type StepFn, type Store } from "./step-context.js";
export {
  defineModule,
  type ModuleBuilder,
  type ModuleDef,
  type ParamsArg,
  type StateSpec,
  type StepBinder,
  type StepKernel,
} from "./module.js";
export { elaborate, type ElaborateOptions } from "./elaborate.js";
export { Simulator, type SampleFn } from "./simulator.js";
export { recordVcd, type VcdOptions, type VcdRecorder } from "./vcd-writer.js";
export { vcdIdentifierCode, vcdValue, type VcdTimescale, type VcdTimeUnit } from "./vcd-format.js";
export {
  PIPELINED_MAC_PE_LATENCY_CYCLES,
  pipelinedMacPe,
  type MacArithmetic,
  type PipelinedMacPeConfig,
  type PipelinedMacPePorts,
} from "./examples/pipelined-mac-pe.js";
export {
  osReadyCycles,
  osSystolicArray,
  toyMacPe,
  type OsSystolicArrayParams,
  type OsSystolicArrayPorts,
  type ToyMacPeParams,
  type ToyMacPePorts,
} from "./examples/os-systolic-array.js";

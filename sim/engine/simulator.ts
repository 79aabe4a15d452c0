import type { ElaboratedDesign } from "./elaborate.js";
import { STORE_BIGINT, STORE_BOOL, type Signal, type SignalValue } from "./signal.js";
import type { StepContext, StepFn } from "./step-context.js";

/** Called once per cycle after every module has stepped and before the clock edge (a consistent snapshot). */
export type SampleFn = (cycle: number) => void;

/**
 * Runs an elaborated design cycle by cycle. The simulator owns time: each `step` evaluates every module
 * (registers read their current values, wires settle in dependency order), then all registers commit together.
 */
export class Simulator<Ports = unknown> {
  /** Ports of the top instance, as returned by its build function. */
  readonly top: Ports;
  /** Path (name) of the top instance. */
  readonly topPath: string;
  private readonly design: ElaboratedDesign;
  private readonly ctx: StepContext;
  private readonly steps: StepFn[];
  private readonly curRegs: Float64Array;
  private readonly probes: SampleFn[] = [];
  private readonly byPath: Map<string, Signal>;
  private cycleCount = 0;

  /** @internal Use `elaborate` to create a simulator. */
  constructor(design: ElaboratedDesign) {
    this.design = design;
    this.top = design.root.ports as Ports;
    this.topPath = design.root.path;
    this.ctx = design.ctx;
    this.curRegs = design.ctx.cur.subarray(0, design.numberRegs);
    this.steps = design.steps.slice();
    this.byPath = new Map(design.signals.map((s) => [s.path, s]));
  }

  /** Number of clock edges so far (cycles completed); the current cycle's index. */
  get cycle(): number {
    return this.cycleCount;
  }

  /** Run `cycles` clock cycles (default 1): evaluate all modules, sample probes, then commit every register. */
  step(cycles = 1): void {
    const ctx = this.ctx;
    const steps = this.steps;
    const nSteps = steps.length;
    const nxt = ctx.nxt;
    const curRegs = this.curRegs;
    const bigCur = ctx.bigCur;
    const bigNxt = ctx.bigNxt;
    const nBig = bigNxt.length;
    for (let c = 0; c < cycles; c++) {
      // Registers not written this cycle hold their value.
      nxt.set(curRegs);
      for (let i = 0; i < nBig; i++) bigNxt[i] = bigCur[i]!;
      for (let i = 0; i < nSteps; i++) steps[i]!(ctx);
      if (this.probes.length !== 0) this.sample();
      curRegs.set(nxt);
      for (let i = 0; i < nBig; i++) bigCur[i] = bigNxt[i]!;
      this.cycleCount++;
    }
  }

  /**
   * Current value of a signal. Between steps a register shows its committed value (state of the current cycle)
   * and a wire shows what it was driven to in the last evaluated cycle; inside a probe both belong to the same cycle.
   */
  peek<T extends SignalValue>(sig: Signal<T>): T {
    this.checkOwn(sig);
    return this.ctx.get(sig);
  }

  /** Set a primary input (held until poked again) or deposit a register's current value. */
  poke<T extends SignalValue>(sig: Signal<T>, value: T): void {
    this.checkOwn(sig);
    if (sig.kind !== "reg" && !this.design.primaryInputs.has(sig)) {
      throw new Error(`poke: ${sig.path} is a ${sig.kind}; only primary inputs and registers can be poked`);
    }
    const expected = sig.type === "bigint" ? "bigint" : sig.type === "bool" ? "boolean" : "number";
    if (typeof value !== expected) throw new TypeError(`poke: ${sig.path} expects a ${expected}, got ${typeof value}`);
    if (sig.store === STORE_BIGINT) this.ctx.bigCur[sig.slot] = value as bigint;
    else this.ctx.cur[sig.slot] = sig.store === STORE_BOOL ? (value ? 1 : 0) : (value as number);
  }

  /** Every signal of the design in depth-first declaration order (registers, wires, inputs, constants). */
  signals(): readonly Signal[] {
    return this.design.signals;
  }

  /** The signal with hierarchical path `path` (e.g. `top.pe_0_1.acc`), if any. */
  findSignal(path: string): Signal | undefined {
    return this.byPath.get(path);
  }

  /** Paths of the module instances with a step function, in evaluation order. */
  evaluationOrder(): readonly string[] {
    return this.design.stepPaths;
  }

  /** Total count of each action name over all modules and all cycles so far. */
  actionTotals(): Record<string, number> {
    const totals: Record<string, number> = {};
    const counts = this.ctx.counts;
    for (const a of this.design.actions) totals[a.name] = (totals[a.name] ?? 0) + counts[a.slot]!;
    return totals;
  }

  /** Count of each action per module path (`{ "top.pe_0_0": { mac: 12 } }`) over all cycles so far. */
  actionCountsByModule(): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    const counts = this.ctx.counts;
    for (const a of this.design.actions) (out[a.modulePath] ??= {})[a.name] = counts[a.slot]!;
    return out;
  }

  /** Register a per-cycle probe (e.g. a waveform recorder); returns a function that removes it. */
  onSample(fn: SampleFn): () => void {
    this.probes.push(fn);
    return () => {
      const i = this.probes.indexOf(fn);
      if (i >= 0) this.probes.splice(i, 1);
    };
  }

  private sample(): void {
    for (const p of this.probes) p(this.cycleCount);
  }

  private checkOwn(sig: Signal): void {
    if (sig.design !== this.design.token) throw new Error(`${sig.path} is not a signal of this simulator`);
  }
}

import type { Signal, SignalValue, Simulator } from "../../../sim/engine/index.js";
import { MAC_ARRAY_ACTIONS, type MacArrayAction } from "../fold-schedule.js";

/**
 * Zero-time reset between folds (an asynchronous reset pulse between two clock edges): every register goes back
 * to its reset value, accumulator/partial-sum registers to the accumulator's zero, and the listed primary inputs
 * (edge valid bits, load control) to the given values.
 */
export function foldReset(
  sim: Simulator<unknown>,
  accRegs: readonly Signal<number>[],
  accZero: number,
  inputs: readonly (readonly [Signal<boolean>, boolean])[],
): () => void {
  const isAcc = new Set<Signal>(accRegs);
  const regs = sim.signals().filter((s) => s.kind === "reg");
  const values: SignalValue[] = regs.map((s) => (isAcc.has(s) ? accZero : s.init));
  return () => {
    for (let i = 0; i < regs.length; i++) sim.poke(regs[i]!, values[i]!);
    for (const [sig, v] of inputs) sim.poke(sig, v);
  };
}

/** Every MAC-array action at zero. */
export function zeroActions(): Record<MacArrayAction, number> {
  const out = {} as Record<MacArrayAction, number>;
  for (const a of MAC_ARRAY_ACTIONS) out[a] = 0;
  return out;
}

/** Add the engine's action counts since `before` (a previous `actionTotals()`) to `into`; throws on unknown names. */
export function addEngineActions(into: Record<MacArrayAction, number>, sim: Simulator<unknown>, before: Record<string, number>): void {
  for (const [name, total] of Object.entries(sim.actionTotals())) {
    if (!(MAC_ARRAY_ACTIONS as readonly string[]).includes(name)) throw new Error(`rtl mac array: unknown engine action ${name}`);
    into[name as MacArrayAction] += total - (before[name] ?? 0);
  }
}

/** A generous stepping bound per fold: a fold that runs past it has a design bug (no valid result ever arrives). */
export function foldWatchdogCycles(rows: number, cols: number, t: number, depth: number): number {
  return 4 * (rows + cols + t + depth) + 16;
}

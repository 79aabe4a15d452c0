import { buildInstance, type InstanceNode, type ModuleDef, type ParamsArg, type StepKernel } from "./module.js";
import { STORE_BIGINT, Signal, type Action, type Input } from "./signal.js";
import { Simulator } from "./simulator.js";
import { StepContext, type SlotOf, type StepFn } from "./step-context.js";

/** Options of `elaborate`. */
export interface ElaborateOptions {
  /** Name of the top instance (first path segment); defaults to the definition's name. */
  name?: string;
  /**
   * Step consecutive instances (in evaluation order) that share a kernel (`kernelStep`) with one call per cycle;
   * default true. False steps every instance on its own, which gives the same results (tests compare the two).
   */
  batchKernels?: boolean;
}

/** @internal The flattened design a simulator runs. */
export interface ElaboratedDesign {
  /** Identity stamped on every handle of this design (`Signal.design`). */
  readonly token: object;
  readonly root: InstanceNode;
  /** Every signal handle in depth-first declaration order. */
  readonly signals: readonly Signal[];
  readonly actions: readonly Action[];
  /**
   * Step functions in evaluation order (producers of wires before their readers); one function may step a run of
   * instances that share a kernel.
   */
  readonly steps: readonly StepFn[];
  /** Paths of the stepping instances in evaluation order. */
  readonly stepPaths: readonly string[];
  /** Stores (initialised to reset values) and action counters shared by every step. */
  readonly ctx: StepContext;
  /** Registers occupy slots [0, numberRegs) of `ctx.cur` and [0, bigRegs) of `ctx.bigCur`. */
  readonly numberRegs: number;
  readonly bigRegs: number;
  /** Primary inputs: unconnected inputs of the top instance, which the testbench pokes. */
  readonly primaryInputs: ReadonlySet<Signal>;
}

/**
 * Build a module hierarchy, bind every handle to a flat storage slot, resolve wiring and order the steps.
 * Throws on modelling bugs: unconnected child inputs, wiring loops, combinational loops.
 */
export function elaborate<P, Ports>(
  def: ModuleDef<P, Ports>,
  ...args: [...ParamsArg<P>, options?: ElaborateOptions]
): Simulator<Ports> {
  const params = args[0] as P;
  const options = (args[1] ?? {}) as ElaborateOptions;
  const root = buildInstance(options.name ?? def.name, def, params, undefined);
  return new Simulator<Ports>(flatten(root, options.batchKernels ?? true));
}

function flatten(root: InstanceNode, batchKernels: boolean): ElaboratedDesign {
  const nodes: InstanceNode[] = [];
  const visit = (n: InstanceNode) => {
    nodes.push(n);
    for (const c of n.children) visit(c);
  };
  visit(root);
  const signals = nodes.flatMap((n) => n.signals);
  const actions = nodes.flatMap((n) => n.actions);

  // Registers first in each store, so the commit is one contiguous copy.
  let numberSlots = 0;
  let bigSlots = 0;
  for (const s of signals) {
    if (s.kind === "reg") s.slot = s.store === STORE_BIGINT ? bigSlots++ : numberSlots++;
  }
  const numberRegs = numberSlots;
  const bigRegs = bigSlots;
  const primaryInputs = new Set<Signal>();
  for (const s of signals) {
    const own = s.kind === "wire" || s.kind === "const" || (s.kind === "input" && isPrimary(s as Input, root));
    if (!own) continue;
    s.slot = s.store === STORE_BIGINT ? bigSlots++ : numberSlots++;
    if (s.kind === "input") primaryInputs.add(s);
  }
  const token = {};
  for (const s of signals) s.design = token;
  for (const s of signals) {
    if (s.kind !== "input" || primaryInputs.has(s)) continue;
    const d = rootDriver(s);
    if (d.design !== token) throw new Error(`input ${s.path} is driven by ${d.path}, which is not part of this design`);
    s.slot = d.slot;
  }
  actions.forEach((a, i) => {
    a.slot = i;
    a.design = token;
  });
  const slotOf: SlotOf = (x) => {
    if (x.design !== token) throw new Error(`slotOf: ${x instanceof Signal ? x.path : x.name} is not part of this design`);
    return x.slot;
  };
  const ctx = new StepContext(
    new Float64Array(numberSlots),
    new Float64Array(numberRegs),
    new Array<bigint>(bigSlots).fill(0n),
    new Array<bigint>(bigRegs).fill(0n),
    new Float64Array(actions.length),
  );
  for (const s of signals) {
    if (s.kind === "input" && !primaryInputs.has(s)) continue; // aliases hold no value of their own
    if (s.store === STORE_BIGINT) ctx.bigCur[s.slot] = s.init as bigint;
    else ctx.cur[s.slot] = Number(s.init);
  }
  for (const n of nodes) {
    if (n.bind) n.step = n.bind(slotOf, ctx);
    if (n.kernel) n.step = kernelSteps(n.kernel.kernel, [kernelRow(n, slotOf)]);
  }
  const ordered = orderSteps(nodes);
  return {
    token,
    root,
    signals,
    actions,
    steps: batchKernels ? batchKernelSteps(ordered, slotOf) : ordered.map((n) => n.step!),
    stepPaths: ordered.map((n) => n.path),
    ctx,
    numberRegs,
    bigRegs,
    primaryInputs,
  };
}

/** Slots of a kernel instance's handles, in the kernel's order. */
function kernelRow(n: InstanceNode, slotOf: SlotOf): Int32Array {
  return Int32Array.from(n.kernel!.handles, slotOf);
}

/** One step function that runs `kernel` over the given instance rows, in order. */
function kernelSteps(kernel: StepKernel, rows: readonly Int32Array[]): StepFn {
  const table = new Int32Array(rows.length * kernel.width);
  rows.forEach((row, i) => table.set(row, i * kernel.width));
  const end = table.length;
  return (ctx) => kernel.run(ctx, table, 0, end);
}

/** Steps in evaluation order, with each run of consecutive instances that share a kernel merged into one step. */
function batchKernelSteps(ordered: readonly InstanceNode[], slotOf: SlotOf): StepFn[] {
  const steps: StepFn[] = [];
  for (let i = 0; i < ordered.length; ) {
    const kernel = ordered[i]!.kernel?.kernel;
    let j = i + 1;
    if (kernel) while (j < ordered.length && ordered[j]!.kernel?.kernel === kernel) j++;
    steps.push(kernel && j - i > 1 ? kernelSteps(kernel, ordered.slice(i, j).map((n) => kernelRow(n, slotOf))) : ordered[i]!.step!);
    i = j;
  }
  return steps;
}

function isPrimary(input: Input, root: InstanceNode): boolean {
  if (input.driver) return false;
  if (input.owner !== root) throw new Error(`unconnected input ${input.path}`);
  return true;
}

/** Follow input-to-input connections to the signal that actually holds the value. */
function rootDriver(sig: Signal): Signal {
  let s = sig;
  for (let hops = 0; s.kind === "input" && (s as Input).driver; hops++) {
    if (hops > 1_000_000) throw new Error(`wiring loop through input ${sig.path}`);
    s = (s as Input).driver!;
  }
  return s;
}

/**
 * Order steps so that a wire's owner steps before every module that may read it: modules whose input is
 * connected to the wire, and parents whose children export the wire in their ports. Stable (depth-first order)
 * otherwise; throws on a combinational loop.
 */
function orderSteps(nodes: InstanceNode[]): InstanceNode[] {
  const stepping = nodes.filter((n) => n.step !== undefined);
  const index = new Map<InstanceNode, number>(stepping.map((n, i) => [n, i]));
  const succ: number[][] = stepping.map(() => []);
  const indeg = new Int32Array(stepping.length);
  // Edges run from a wire's owner to each module that may read the wire.
  const addEdgeFrom = (sig: Signal, reader: number) => {
    const d = rootDriver(sig);
    if (d.kind !== "wire") return;
    const w = index.get(d.owner as InstanceNode);
    if (w === undefined || w === reader) return;
    succ[w]!.push(reader);
    indeg[reader]!++;
  };
  stepping.forEach((n, i) => {
    for (const s of n.signals) if (s.kind === "input") addEdgeFrom(s, i);
    for (const c of n.children) for (const s of signalsIn(c.ports)) addEdgeFrom(s, i);
  });
  const queue: number[] = [];
  for (let i = 0; i < stepping.length; i++) if (indeg[i] === 0) queue.push(i);
  const order: InstanceNode[] = [];
  for (let q = 0; q < queue.length; q++) {
    const i = queue[q]!;
    order.push(stepping[i]!);
    for (const j of succ[i]!) if (--indeg[j]! === 0) queue.push(j);
  }
  if (order.length !== stepping.length) {
    const stuck = stepping.filter((_, i) => indeg[i]! > 0).map((n) => n.path);
    throw new Error(`combinational loop among ${stuck.slice(0, 8).join(", ")}${stuck.length > 8 ? ", ..." : ""}`);
  }
  return order;
}

/** Signal handles found in a ports value (objects and arrays, searched recursively). */
function signalsIn(ports: unknown): Signal[] {
  const found: Signal[] = [];
  const seen = new Set<unknown>();
  const walk = (v: unknown) => {
    if (v === null || typeof v !== "object" || seen.has(v)) return;
    seen.add(v);
    if (v instanceof Signal) {
      found.push(v);
      return;
    }
    for (const x of Array.isArray(v) ? v : Object.values(v)) walk(x);
  };
  walk(ports);
  return found;
}

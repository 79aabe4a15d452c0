import {
  Action,
  Signal,
  checkName,
  resolveSpec,
  zeroOf,
  type Const,
  type Input,
  type Reg,
  type SignalKind,
  type SignalSpec,
  type SignalValue,
  type ValueOfSpec,
  type Wire,
} from "./signal.js";
import type { SlotOf, StepContext, StepFn } from "./step-context.js";

/**
 * A step written once for many instances of a module kind (e.g. every PE of an array). Each instance hands
 * `kernelStep` its signals and actions in the kernel's order; elaboration resolves them to a row of `width` slots.
 * `run(ctx, rows, from, to)` steps, in order, the instances whose rows are `rows[from..to)` (`width` entries each),
 * exactly as if each instance had its own step. Consecutive instances in evaluation order that use the same kernel
 * object are stepped by one call per cycle, which saves a function call per instance.
 */
export interface StepKernel {
  /** Slots per instance: the length of the handle list given to `kernelStep`. */
  readonly width: number;
  /** Called as a method of the kernel (a class method keeps one closure for all kernels, which V8 optimizes best). */
  run(ctx: StepContext, rows: Int32Array, from: number, to: number): void;
}

/**
 * A module definition: a name and a build function that declares signals, child instances, wiring and
 * an optional step function, and returns the module's ports (any object holding handles).
 */
export interface ModuleDef<P, Ports> {
  readonly name: string;
  readonly build: (m: ModuleBuilder, params: P) => Ports;
}

/** Define a module type; `build` runs once per instance at elaboration. */
export function defineModule<P = void, Ports = Record<string, never>>(
  name: string,
  build: (m: ModuleBuilder, params: P) => Ports,
): ModuleDef<P, Ports> {
  checkName(name, "module");
  return { name, build };
}

/** Arguments after the definition in `instance`: params are optional when the module takes none. */
export type ParamsArg<P> = [P] extends [void] ? [params?: P] : [params: P];

/** Register and wire declarations accept a reset value. */
export type StateSpec<S extends SignalSpec> = S & { init?: ValueOfSpec<S> };

/** Declares the contents of one module instance while its definition's build function runs. */
export interface ModuleBuilder {
  /** Hierarchical path of this instance (e.g. `top.pe_0_1`). */
  readonly path: string;
  /** Declare an input port; the parent connects a driver to it, or at the top it is a primary input. */
  input<S extends SignalSpec>(name: string, spec: S): Input<ValueOfSpec<S>>;
  /** Declare a clocked register (reset value `init`, default 0 / 0n / false). */
  reg<S extends SignalSpec>(name: string, spec: StateSpec<S>): Reg<ValueOfSpec<S>>;
  /** Declare a combinational wire driven by this module's step (it keeps its value until driven again). */
  wire<S extends SignalSpec>(name: string, spec: StateSpec<S>): Wire<ValueOfSpec<S>>;
  /** Declare a constant signal, e.g. to tie off a child's input. */
  constant<S extends SignalSpec>(name: string, spec: S, value: ValueOfSpec<S>): Const<ValueOfSpec<S>>;
  /** Declare a named action counter (e.g. "mac", "register-write", "sram-read"). */
  action(name: string): Action;
  /** Instantiate a child module and return its ports. */
  instance<P, Ports>(name: string, def: ModuleDef<P, Ports>, ...params: ParamsArg<P>): Ports;
  /** Connect a child's input to a driver (a register, wire, constant or input visible to this module). */
  connect<T extends SignalValue>(input: Input<T>, driver: Signal<T>): void;
  /** Set this module's step function, which reads and writes through handles (at most one step per instance). */
  step(fn: StepFn): void;
  /**
   * Fast alternative to `step`: `bind` runs once after elaboration with `slotOf` and the simulator's context
   * (its stores never move) and returns a step function that indexes the stores directly (at most one step
   * per instance).
   */
  bindStep(bind: StepBinder): void;
  /**
   * Fast alternative to `step` for modules instantiated many times: the instance is stepped by `kernel.run` with
   * the slots of `handles` (exactly `kernel.width` signals and actions, in the kernel's order). Share one kernel
   * object between instances to step them together (at most one step per instance).
   */
  kernelStep(kernel: StepKernel, handles: readonly (Signal | Action)[]): void;
}

/** Factory of a `bindStep` step function: resolve slots and capture stores once, then step without lookups. */
export type StepBinder = (slotOf: SlotOf, ctx: StepContext) => StepFn;

/** @internal One module instance in the elaborated hierarchy. */
export interface InstanceNode {
  readonly name: string;
  readonly path: string;
  readonly defName: string;
  readonly parent: InstanceNode | undefined;
  readonly children: InstanceNode[];
  readonly signals: Signal[];
  readonly actions: Action[];
  step: StepFn | undefined;
  /** Step factory set by `bindStep`, called once slots are known. */
  bind: StepBinder | undefined;
  /** Kernel set by `kernelStep` and the handles whose slots form this instance's row. */
  kernel: { readonly kernel: StepKernel; readonly handles: readonly (Signal | Action)[] } | undefined;
  /** What the definition's build function returned. */
  ports: unknown;
}

/** @internal Build an instance tree by running `def.build` recursively. */
export function buildInstance<P, Ports>(
  name: string,
  def: ModuleDef<P, Ports>,
  params: P,
  parent: InstanceNode | undefined,
): InstanceNode {
  checkName(name, "instance");
  const node: InstanceNode = {
    name,
    path: parent ? `${parent.path}.${name}` : name,
    defName: def.name,
    parent,
    children: [],
    signals: [],
    actions: [],
    step: undefined,
    bind: undefined,
    kernel: undefined,
    ports: undefined,
  };
  const builder = new Builder(node);
  node.ports = def.build(builder, params);
  builder.open = false;
  return node;
}

/** The ModuleBuilder of one instance; closed once its build function returns. */
class Builder implements ModuleBuilder {
  open = true;
  private readonly names = new Set<string>();
  constructor(private readonly node: InstanceNode) {}

  get path(): string {
    return this.node.path;
  }
  input<S extends SignalSpec>(name: string, spec: S): Input<ValueOfSpec<S>> {
    return this.signal(name, "input", spec, undefined) as Input<ValueOfSpec<S>>;
  }
  reg<S extends SignalSpec>(name: string, spec: StateSpec<S>): Reg<ValueOfSpec<S>> {
    return this.signal(name, "reg", spec, spec.init) as Reg<ValueOfSpec<S>>;
  }
  wire<S extends SignalSpec>(name: string, spec: StateSpec<S>): Wire<ValueOfSpec<S>> {
    return this.signal(name, "wire", spec, spec.init) as Wire<ValueOfSpec<S>>;
  }
  constant<S extends SignalSpec>(name: string, spec: S, value: ValueOfSpec<S>): Const<ValueOfSpec<S>> {
    return this.signal(name, "const", spec, value) as Const<ValueOfSpec<S>>;
  }
  action(name: string): Action {
    this.claim(name, "action");
    const a = new Action(name, this.node);
    this.node.actions.push(a);
    return a;
  }
  instance<P, Ports>(name: string, def: ModuleDef<P, Ports>, ...params: ParamsArg<P>): Ports {
    this.claim(name, "instance");
    const child = buildInstance(name, def, params[0] as P, this.node);
    this.node.children.push(child);
    return child.ports as Ports;
  }
  connect<T extends SignalValue>(input: Input<T>, driver: Signal<T>): void {
    const at = this.node.path;
    if (!this.open) throw new Error(`${at}: connect after the build function returned`);
    if (input.kind !== "input") throw new Error(`${at}: connect target ${input.path} is not an input`);
    if ((input.owner as InstanceNode).parent !== this.node) {
      throw new Error(`${at}: ${input.path} is not an input of a child of this module`);
    }
    if (input.driver) throw new Error(`${at}: input ${input.path} is already connected`);
    if (input.type !== driver.type || input.widthBits !== driver.widthBits) {
      throw new Error(
        `${at}: cannot connect ${driver.path} (${driver.type}, ${driver.widthBits} bits) ` +
          `to ${input.path} (${input.type}, ${input.widthBits} bits)`,
      );
    }
    input.driver = driver;
  }
  step(fn: StepFn): void {
    this.checkStep();
    this.node.step = fn;
  }
  bindStep(bind: StepBinder): void {
    this.checkStep();
    this.node.bind = bind;
  }
  kernelStep(kernel: StepKernel, handles: readonly (Signal | Action)[]): void {
    this.checkStep();
    if (handles.length !== kernel.width) {
      throw new Error(`${this.node.path}: kernel step takes ${kernel.width} handles, got ${handles.length}`);
    }
    this.node.kernel = { kernel, handles: handles.slice() };
  }

  private claim(name: string, what: string): void {
    if (!this.open) throw new Error(`${this.node.path}: cannot declare ${what} ${name} after the build function returned`);
    checkName(name, what);
    if (this.names.has(name)) throw new Error(`${this.node.path}: duplicate name ${name}`);
    this.names.add(name);
  }
  private signal(name: string, kind: SignalKind, spec: SignalSpec, init: SignalValue | undefined): Signal {
    this.claim(name, kind);
    const { type, widthBits } = resolveSpec(spec);
    const value = init ?? zeroOf(type);
    checkValueType(value, type, `${this.node.path}.${name}`);
    const sig = new Signal(name, kind, type, widthBits, this.node, value);
    this.node.signals.push(sig);
    return sig;
  }
  private checkStep(): void {
    if (!this.open) throw new Error(`${this.node.path}: step set after the build function returned`);
    if (this.node.step || this.node.bind || this.node.kernel) throw new Error(`${this.node.path}: step already set`);
  }
}

function checkValueType(value: SignalValue, type: string, path: string): void {
  const ok =
    type === "bigint" ? typeof value === "bigint" : type === "bool" ? typeof value === "boolean" : typeof value === "number";
  if (!ok) throw new TypeError(`${path}: initial value ${String(value)} does not match type ${type}`);
}

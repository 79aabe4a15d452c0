/**
 * Signal handles of the RTL-style engine: registers, wires, inputs and constants.
 * A handle is created by a module builder and bound to a flat storage slot at elaboration,
 * so a step function reads and writes typed arrays without lookups by name.
 */

/** Value kinds a signal can carry: integer or bit pattern in a number, wide exact bigint, boolean, or float64. */
export type SignalType = "int" | "bigint" | "bool" | "real";

/** What a signal is: a clocked register, a combinational wire, a module input (alias of its driver) or a constant. */
export type SignalKind = "reg" | "wire" | "input" | "const";

/** JS value carried by each signal type. */
export type ValueOfType<T extends SignalType> = T extends "bigint" ? bigint : T extends "bool" ? boolean : number;

/** Declaration of a signal's type and width; `int` holds integers up to 53 bits (two's complement in waveforms). */
export type SignalSpec =
  | { type?: "int"; widthBits: number }
  | { type: "bigint"; widthBits: number }
  | { type: "bool" }
  | { type: "real" };

/** Value type of a spec (`int`/`real` → number, `bigint` → bigint, `bool` → boolean). */
export type ValueOfSpec<S extends SignalSpec> = S extends { type: "bigint" }
  ? bigint
  : S extends { type: "bool" }
    ? boolean
    : number;

/** A spec whose signals carry values of type `T` (used by generic modules such as the pipelined MAC PE). */
export type SpecFor<T extends SignalValue> = T extends bigint
  ? { type: "bigint"; widthBits: number }
  : T extends boolean
    ? { type: "bool" }
    : { type?: "int"; widthBits: number } | { type: "real" };

/** Any value a signal may hold. */
export type SignalValue = number | bigint | boolean;

/** Storage class of a signal: number store (int, real), number store read as boolean, or bigint store. */
export const STORE_NUMBER = 0;
export const STORE_BOOL = 1;
export const STORE_BIGINT = 2;
export type StoreClass = typeof STORE_NUMBER | typeof STORE_BOOL | typeof STORE_BIGINT;

/** Largest width of an `int` signal: a float64 holds integers exactly up to 2^53. */
export const MAX_INT_WIDTH_BITS = 53;
/** Largest width of a `bigint` signal (a sanity bound for waveforms, not a hardware limit). */
export const MAX_BIGINT_WIDTH_BITS = 65536;

/** Normalised type and width of a spec; throws on an invalid width (a modelling bug). */
export function resolveSpec(spec: SignalSpec): { type: SignalType; widthBits: number } {
  const type: SignalType = spec.type ?? "int";
  if (type === "bool") return { type, widthBits: 1 };
  if (type === "real") return { type, widthBits: 64 };
  const widthBits = (spec as { widthBits: number }).widthBits;
  const max = type === "int" ? MAX_INT_WIDTH_BITS : MAX_BIGINT_WIDTH_BITS;
  if (!Number.isInteger(widthBits) || widthBits < 1 || widthBits > max) {
    throw new RangeError(`signal width ${widthBits} must be an integer in [1, ${max}] for type ${type}`);
  }
  return { type, widthBits };
}

/** Storage class used for a signal type. */
export function storeOf(type: SignalType): StoreClass {
  return type === "bigint" ? STORE_BIGINT : type === "bool" ? STORE_BOOL : STORE_NUMBER;
}

/** Default reset value of a signal type (0, 0n or false). */
export function zeroOf(type: SignalType): SignalValue {
  return type === "bigint" ? 0n : type === "bool" ? false : 0;
}

/** Opaque identity of the module instance that owns a handle (set by the builder). */
export interface OwnerRef {
  readonly path: string;
}

/** Descriptive data of a signal, kept apart from the two hot fields so that handles stay small. */
interface SignalMeta {
  readonly name: string;
  readonly kind: SignalKind;
  readonly type: SignalType;
  readonly widthBits: number;
  readonly owner: OwnerRef;
  readonly init: SignalValue;
  readonly path: string;
  driver: Signal | undefined;
  design: object | undefined;
}

/**
 * A signal handle; `T` is the JS value type. Handles are per module instance.
 * Only `slot` and `store` are read while stepping; everything else lives in a side object (cache-friendly at 128×128).
 */
export class Signal<T extends SignalValue = SignalValue> {
  /** Storage index in the number or bigint store; −1 before elaboration. */
  slot = -1;
  /** Which store holds the value (see STORE_*). */
  readonly store: StoreClass;
  private readonly meta: SignalMeta;
  /** Phantom field so that TypeScript keeps `T` (never set at run time). */
  declare readonly __value?: T;

  constructor(name: string, kind: SignalKind, type: SignalType, widthBits: number, owner: OwnerRef, init: T) {
    this.store = storeOf(type);
    this.meta = { name, kind, type, widthBits, owner, init, path: `${owner.path}.${name}`, driver: undefined, design: undefined };
  }

  /** Name within its module. */
  get name(): string {
    return this.meta.name;
  }
  /** Register, wire, input or constant. */
  get kind(): SignalKind {
    return this.meta.kind;
  }
  /** Value type. */
  get type(): SignalType {
    return this.meta.type;
  }
  /** Declared width (1 for bool, 64 for real), used by waveforms. */
  get widthBits(): number {
    return this.meta.widthBits;
  }
  /** The module instance that declared it. */
  get owner(): OwnerRef {
    return this.meta.owner;
  }
  /** Reset value of a register or wire; the value of a constant. */
  get init(): T {
    return this.meta.init as T;
  }
  /** Hierarchical path, e.g. `top.pe_0_1.acc`. */
  get path(): string {
    return this.meta.path;
  }
  /** For an input: the connected driver (set by `connect`); undefined otherwise. */
  get driver(): Signal<T> | undefined {
    return this.meta.driver as Signal<T> | undefined;
  }
  set driver(d: Signal<T> | undefined) {
    this.meta.driver = d;
  }
  /** @internal The design this handle was bound to by elaboration. */
  get design(): object | undefined {
    return this.meta.design;
  }
  set design(d: object | undefined) {
    this.meta.design = d;
  }
}

/** A clocked register: steps write its next value with `s.next`, visible after the clock edge. */
export interface Reg<T extends SignalValue = SignalValue> extends Signal<T> {
  readonly kind: "reg";
}
/** A combinational wire: its owner's step drives it with `s.drive`, visible to later steps in the same cycle. */
export interface Wire<T extends SignalValue = SignalValue> extends Signal<T> {
  readonly kind: "wire";
}
/** A module input: an alias of whatever signal the parent connects to it (or a primary input at the top). */
export interface Input<T extends SignalValue = SignalValue> extends Signal<T> {
  readonly kind: "input";
}
/** A constant signal (useful to tie off an input). */
export interface Const<T extends SignalValue = SignalValue> extends Signal<T> {
  readonly kind: "const";
}

/** A named action counter of one module instance (e.g. "mac"); `slot` is set by elaboration. */
export class Action {
  /** Index into the action counters; set by elaboration. */
  slot = -1;
  /** @internal The design this action was bound to by elaboration. */
  design: object | undefined = undefined;
  /** Path of the owning module instance. */
  readonly modulePath: string;
  constructor(
    readonly name: string,
    owner: OwnerRef,
  ) {
    this.modulePath = owner.path;
  }
}

/** Names of modules, signals and actions: identifier characters only, so paths and VCD references stay unambiguous. */
export function checkName(name: string, what: string): void {
  if (!/^[A-Za-z_][A-Za-z0-9_$-]*$/.test(name)) {
    throw new Error(`invalid ${what} name ${JSON.stringify(name)}: use letters, digits, '_', '$' or '-'`);
  }
}

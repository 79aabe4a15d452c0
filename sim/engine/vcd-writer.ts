/**
 * Value Change Dump recorder for the engine (IEEE Std 1364-2005 §18): header, scopes from the instance
 * hierarchy, one sample per cycle taken after evaluation and before the clock edge, changes only.
 * Output is deterministic (no `$date` unless given), so the same run gives the same bytes.
 */
import type { Signal, SignalValue } from "./signal.js";
import type { Simulator } from "./simulator.js";
import { vcdIdentifierCode, vcdValue, type VcdTimescale } from "./vcd-format.js";

/** Options of `recordVcd`. */
export interface VcdOptions {
  /** Signals to record: handles, hierarchical paths, or a predicate; default every signal of the design. */
  signals?: readonly (Signal | string)[] | ((sig: Signal) => boolean);
  /** `$timescale`; default "1 ns". */
  timescale?: VcdTimescale;
  /** Timescale units per clock cycle; default 1, or 2 with `clock` (must then be even). */
  cycleTime?: number;
  /** Add a 1-bit `clk` in the top scope that rises at the start of each cycle and falls half-way. */
  clock?: boolean;
  /** `$version` text; default "hwsim rtl engine". */
  version?: string;
  /** `$date` text; omitted by default so the output is reproducible. */
  date?: string;
  /** Receives the output in chunks; by default it is kept in memory and returned by `finish`. */
  sink?: (chunk: string) => void;
}

/** A recorder attached to a simulator. */
export interface VcdRecorder {
  /** Stop recording, write the end time (one cycle after the last sample) and return the text (empty with a sink). */
  finish(): string;
}

interface VcdVar {
  sig: Signal;
  code: string;
  last: SignalValue | undefined;
}

/** Attach a VCD recorder to `sim`; every following `step` adds one sample until `finish`. */
export function recordVcd(sim: Simulator<unknown>, options: VcdOptions = {}): VcdRecorder {
  const clock = options.clock ?? false;
  const cycleTime = options.cycleTime ?? (clock ? 2 : 1);
  if (!Number.isInteger(cycleTime) || cycleTime < 1 || (clock && cycleTime % 2 !== 0)) {
    throw new RangeError(`cycleTime ${cycleTime} must be a positive integer${clock ? ", even with a clock" : ""}`);
  }
  const chunks: string[] = [];
  const emit = options.sink ?? ((chunk: string) => void chunks.push(chunk));
  const selected = selectSignals(sim, options.signals);

  // Signals that share storage (an input and its driver) share an identifier code (§18.2.3.8 allows aliases).
  const codeBySlot = new Map<string, string>();
  let nextCode = clock ? 1 : 0;
  const vars: VcdVar[] = [];
  const uniqueVars: VcdVar[] = [];
  for (const sig of selected) {
    const key = `${sig.store}:${sig.slot}:${sig.type}:${sig.widthBits}`;
    let code = codeBySlot.get(key);
    const fresh = code === undefined;
    if (code === undefined) {
      code = vcdIdentifierCode(nextCode++);
      codeBySlot.set(key, code);
    }
    const v: VcdVar = { sig, code, last: undefined };
    vars.push(v);
    if (fresh) uniqueVars.push(v);
  }
  const clockCode = vcdIdentifierCode(0);

  emit(header(sim.topPath, vars, clock ? clockCode : undefined, options));

  let first = true;
  let lastCycle = -1;
  const sample = (cycle: number) => {
    lastCycle = cycle;
    const t = cycle * cycleTime;
    let out = "";
    if (first) {
      out += `#${t}\n$dumpvars\n`;
      if (clock) out += `1${clockCode}\n`;
      for (const v of uniqueVars) {
        v.last = sim.peek(v.sig);
        out += change(v);
      }
      out += "$end\n";
      first = false;
    } else {
      let changes = clock ? `1${clockCode}\n` : "";
      for (const v of uniqueVars) {
        const value = sim.peek(v.sig);
        // === treats 0 and -0 as equal (same bits in the dump); NaN equals NaN here.
        if (value === v.last || (value !== value && v.last !== v.last)) continue;
        v.last = value;
        changes += change(v);
      }
      if (changes !== "") out += `#${t}\n${changes}`;
    }
    if (clock) out += `#${t + cycleTime / 2}\n0${clockCode}\n`;
    emit(out);
  };
  const detach = sim.onSample(sample);
  let finished = false;

  return {
    finish() {
      if (!finished) {
        finished = true;
        detach();
        if (lastCycle >= 0) emit(`#${(lastCycle + 1) * cycleTime}\n${clock ? `1${clockCode}\n` : ""}`);
      }
      return chunks.join("");
    },
  };
}

function change(v: VcdVar): string {
  const value = vcdValue(v.sig.type, v.sig.widthBits, v.last!);
  // Scalars are written without a space before the code, vectors and reals with one (§18.2.1).
  return v.sig.widthBits === 1 && v.sig.type !== "real" ? `${value}${v.code}\n` : `${value} ${v.code}\n`;
}

function selectSignals(sim: Simulator<unknown>, pick: VcdOptions["signals"]): Signal[] {
  const all = sim.signals();
  if (pick === undefined) return all.slice();
  if (typeof pick === "function") return all.filter(pick);
  const seen = new Set<Signal>();
  for (const p of pick) {
    const sig = typeof p === "string" ? sim.findSignal(p) : p;
    if (!sig || sim.findSignal(sig.path) !== sig) throw new Error(`recordVcd: no signal ${typeof p === "string" ? p : p.path}`);
    seen.add(sig);
  }
  // Keep design order so scopes are written once each.
  return all.filter((s) => seen.has(s));
}

function header(topPath: string, vars: VcdVar[], clockCode: string | undefined, options: VcdOptions): string {
  const lines: string[] = [];
  if (options.date !== undefined) lines.push(`$date ${options.date} $end`);
  lines.push(`$version ${options.version ?? "hwsim rtl engine"} $end`);
  lines.push(`$timescale ${options.timescale ?? "1 ns"} $end`);

  // Scope tree from owner paths, in first-seen order.
  interface Scope {
    name: string;
    vars: VcdVar[];
    children: Map<string, Scope>;
  }
  const root: Scope = { name: topPath, vars: [], children: new Map() };
  for (const v of vars) {
    const parts = v.sig.path.split(".");
    let scope = root;
    for (const part of parts.slice(1, -1)) {
      let child = scope.children.get(part);
      if (!child) {
        child = { name: part, vars: [], children: new Map() };
        scope.children.set(part, child);
      }
      scope = child;
    }
    scope.vars.push(v);
  }
  const writeScope = (scope: Scope, isRoot: boolean) => {
    lines.push(`$scope module ${scope.name} $end`);
    if (isRoot && clockCode !== undefined) {
      let name = "clk";
      while (scope.vars.some((v) => v.sig.name === name)) name += "_";
      lines.push(`$var wire 1 ${clockCode} ${name} $end`);
    }
    for (const v of scope.vars) lines.push(varLine(v));
    for (const child of scope.children.values()) writeScope(child, false);
    lines.push("$upscope $end");
  };
  writeScope(root, true);
  lines.push("$enddefinitions $end");
  return lines.join("\n") + "\n";
}

function varLine(v: VcdVar): string {
  const { sig } = v;
  if (sig.type === "real") return `$var real 64 ${v.code} ${sig.name} $end`;
  const varType = sig.kind === "reg" ? "reg" : "wire";
  const range = sig.widthBits > 1 ? ` [${sig.widthBits - 1}:0]` : "";
  return `$var ${varType} ${sig.widthBits} ${v.code} ${sig.name}${range} $end`;
}

import { describe, expect, it } from "vitest";
import { createPrng } from "../prng.js";
import { elaborate } from "./elaborate.js";
import { defineModule } from "./module.js";
import type { Signal, SignalValue } from "./signal.js";
import { vcdIdentifierCode, vcdValue } from "./vcd-format.js";
import { recordVcd, type VcdOptions } from "./vcd-writer.js";

// ---------------------------------------------------------------------------------------------------------------
// A small VCD reader/validator for the grammar of IEEE Std 1364-2005 §18.2, written independently of the writer.
// ---------------------------------------------------------------------------------------------------------------

const VAR_TYPES = new Set([
  "event", "integer", "parameter", "real", "realtime", "reg", "supply0", "supply1", "time",
  "tri", "triand", "trior", "trireg", "tri0", "tri1", "wand", "wire", "wor",
]);
const SCOPE_TYPES = new Set(["module", "task", "function", "begin", "fork"]);
const DUMP_COMMANDS = new Set(["$dumpvars", "$dumpall", "$dumpon", "$dumpoff"]);

interface VarDecl {
  type: string;
  size: number;
  code: string;
  /** Scope names and reference, joined with dots. */
  path: string;
}
interface ParsedVcd {
  keywords: string[];
  timescale: string;
  vars: VarDecl[];
  /** Per identifier code: [time, value] in file order. */
  changes: Map<string, [number, string][]>;
  firstDump: Set<string>;
  lastTime: number;
}

function parseVcd(text: string): ParsedVcd {
  const tokens = text.split(/\s+/).filter((t) => t !== "");
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`VCD error at token ${i} (${tokens[i] ?? "EOF"}): ${why}`);
  };
  const until$end = (): string[] => {
    const out: string[] = [];
    while (i < tokens.length && tokens[i] !== "$end") {
      if (tokens[i]!.startsWith("$") && tokens[i] !== "$end") fail("keyword inside a section");
      out.push(tokens[i++]!);
    }
    if (i >= tokens.length) fail("missing $end");
    i++;
    return out;
  };
  const isCode = (c: string) => c.length > 0 && [...c].every((ch) => ch.charCodeAt(0) >= 33 && ch.charCodeAt(0) <= 126);

  const keywords: string[] = [];
  const scopes: string[] = [];
  const vars: VarDecl[] = [];
  const sizeOf = new Map<string, VarDecl>();
  let timescale = "";
  // Header and definitions.
  for (;;) {
    const kw = tokens[i++];
    if (kw === undefined) fail("no $enddefinitions");
    keywords.push(kw!);
    if (kw === "$date" || kw === "$version" || kw === "$comment") until$end();
    else if (kw === "$timescale") {
      timescale = until$end().join(" ");
      if (!/^(1|10|100) ?(s|ms|us|ns|ps|fs)$/.test(timescale)) fail(`bad timescale ${timescale}`);
    } else if (kw === "$scope") {
      const body = until$end();
      if (body.length !== 2 || !SCOPE_TYPES.has(body[0]!)) fail(`bad $scope ${body.join(" ")}`);
      scopes.push(body[1]!);
    } else if (kw === "$upscope") {
      if (until$end().length !== 0) fail("$upscope takes no arguments");
      if (scopes.pop() === undefined) fail("$upscope without $scope");
    } else if (kw === "$var") {
      const body = until$end();
      if (body.length !== 4 && body.length !== 5) fail(`bad $var ${body.join(" ")}`);
      const [type, sizeText, code, ref, range] = body as [string, string, string, string, string | undefined];
      if (!VAR_TYPES.has(type)) fail(`bad var type ${type}`);
      if (!/^[1-9][0-9]*$/.test(sizeText)) fail(`bad size ${sizeText}`);
      const size = Number(sizeText);
      if (!isCode(code)) fail(`bad identifier code ${code}`);
      if (scopes.length === 0) fail("$var outside a scope");
      if (range !== undefined) {
        const m = /^\[(\d+):(\d+)\]$/.exec(range);
        if (!m || Number(m[1]) - Number(m[2]) + 1 !== size) fail(`range ${range} does not match size ${size}`);
      }
      const prev = sizeOf.get(code);
      if (prev && (prev.size !== size || (prev.type === "real") !== (type === "real"))) fail(`alias ${code} changes size`);
      const decl = { type, size, code, path: [...scopes, ref].join(".") };
      vars.push(decl);
      sizeOf.set(code, decl);
    } else if (kw === "$enddefinitions") {
      if (until$end().length !== 0) fail("$enddefinitions takes no arguments");
      break;
    } else fail(`unexpected ${kw} in the header`);
  }
  if (scopes.length !== 0) fail("unclosed $scope");
  if (vars.length === 0) fail("no variables");

  // Value changes.
  const changes = new Map<string, [number, string][]>(vars.map((v) => [v.code, []]));
  let time = -1;
  let firstDump: Set<string> | undefined;
  let inDump: Set<string> | undefined;
  const record = (code: string, value: string) => {
    const decl = sizeOf.get(code);
    if (!decl) fail(`undeclared identifier ${code}`);
    if (time < 0) fail("value change before the first #time");
    if (value.startsWith("r") || value.startsWith("R")) {
      if (decl!.type !== "real") fail(`real value for non-real ${code}`);
      if (Number.isNaN(Number(value.slice(1))) && !/^[rR](nan|NaN)$/.test(value)) fail(`bad real ${value}`);
    } else if (value.startsWith("b") || value.startsWith("B")) {
      if (decl!.type === "real") fail(`vector value for real ${code}`);
      if (value.length - 1 !== decl!.size) fail(`value ${value} has ${value.length - 1} bits, ${code} has ${decl!.size}`);
    } else if (decl!.size !== 1 || decl!.type === "real") fail(`scalar value for ${code} of size ${decl!.size}`);
    changes.get(code)!.push([time, value]);
    inDump?.add(code);
  };
  while (i < tokens.length) {
    const tok = tokens[i++]!;
    if (tok.startsWith("#")) {
      if (inDump) fail("#time inside a dump section");
      if (!/^#\d+$/.test(tok)) fail(`bad time ${tok}`);
      const t = Number(tok.slice(1));
      if (t <= time) fail(`time ${t} does not increase (after ${time})`);
      time = t;
    } else if (DUMP_COMMANDS.has(tok)) {
      if (inDump) fail("nested dump section");
      inDump = new Set();
      if (tok === "$dumpvars" && !firstDump) firstDump = inDump;
    } else if (tok === "$end") {
      if (!inDump) fail("$end outside a section");
      inDump = undefined;
    } else if (tok === "$comment") {
      until$end();
    } else if (/^[01xXzZ]/.test(tok)) {
      record(tok.slice(1), tok[0]!);
    } else if (/^[bB][01xXzZ]+$/.test(tok) || /^[rR]\S+$/.test(tok)) {
      const code = tokens[i++];
      if (code === undefined) fail("value without identifier");
      record(code!, tok);
    } else fail(`unexpected token ${tok}`);
  }
  if (inDump) fail("unterminated dump section");
  return { keywords, timescale, vars, changes, firstDump: firstDump ?? new Set(), lastTime: time };
}

/** Value of `code` at time `t` (last change at or before t). */
function valueAt(vcd: ParsedVcd, code: string, t: number): string | undefined {
  let v: string | undefined;
  for (const [time, value] of vcd.changes.get(code)!) {
    if (time > t) break;
    v = value;
  }
  return v;
}

/** Expected VCD text of a value, computed independently of the writer. */
function expectedText(sig: Signal, value: SignalValue): string {
  if (sig.type === "real") return `r${value as number}`;
  if (sig.type === "bool") return value ? "1" : "0";
  const bits = BigInt.asUintN(sig.widthBits, BigInt(value as number | bigint)).toString(2).padStart(sig.widthBits, "0");
  return sig.widthBits === 1 ? bits : `b${bits}`;
}

// ---------------------------------------------------------------------------------------------------------------

const leaf = defineModule("leaf", (m) => {
  const d = m.input("d", { widthBits: 8 });
  const q = m.reg("q", { widthBits: 8 });
  const neg = m.reg("neg", { widthBits: 12 });
  const flag = m.reg("flag", { type: "bool" });
  const wide = m.reg("wide", { type: "bigint", widthBits: 70, init: 1n });
  const big = m.reg("big", { widthBits: 40 });
  const ratio = m.wire("ratio", { type: "real" });
  const bit = m.wire("bit", { widthBits: 1 });
  m.step((s) => {
    const x = s.get(d);
    s.next(q, x);
    s.next(neg, -x); // negative: two's complement in the waveform
    s.next(flag, !s.get(flag));
    s.next(wide, BigInt.asUintN(70, s.get(wide) * 3n + 1n));
    s.next(big, (s.get(big) * 7 + x) % 2 ** 40);
    s.drive(ratio, x / 3);
    s.drive(bit, x & 1);
  });
  return { d, q, neg, flag, wide, big, ratio, bit };
});
const pair = defineModule("pair", (m) => {
  const d = m.input("d", { widthBits: 8 });
  const l0 = m.instance("l0", leaf);
  const l1 = m.instance("l1", leaf);
  m.connect(l0.d, d);
  m.connect(l1.d, l0.q);
  return { d, l0, l1 };
});
const top = defineModule("top", (m) => {
  const x = m.input("x", { widthBits: 8 });
  const p = m.instance("p", pair);
  const tie = m.constant("tie", { widthBits: 4 }, 9);
  m.connect(p.d, x);
  return { x, p, tie };
});

function run(options: VcdOptions, seed: number, cycles: number) {
  const sim = elaborate(top);
  const rec = recordVcd(sim, options);
  const seen = new Map<string, SignalValue[]>();
  sim.onSample(() => {
    for (const s of sim.signals()) {
      let list = seen.get(s.path);
      if (!list) seen.set(s.path, (list = []));
      list.push(sim.peek(s));
    }
  });
  const rng = createPrng(seed);
  for (let t = 0; t < cycles; t++) {
    sim.poke(sim.top.x, rng.nextUint32() & (t % 3 === 0 ? 0xff : 0x3)); // sometimes unchanged values
    sim.step();
  }
  return { sim, text: rec.finish(), seen };
}

describe("VCD writer", () => {
  it("writes VCD that follows the IEEE 1364-2005 §18 grammar and round-trips every sampled value", () => {
    const cycleTime = 10;
    const { sim, text, seen } = run({ clock: true, cycleTime, timescale: "1 ps" }, 5, 30);
    const vcd = parseVcd(text);
    expect(vcd.timescale).toBe("1 ps");
    expect(vcd.keywords).not.toContain("$date"); // reproducible by default
    // Every variable (and the clock) is dumped initially; all signals of the design are declared.
    expect(vcd.firstDump).toEqual(new Set(vcd.vars.map((v) => v.code)));
    const byPath = new Map(vcd.vars.map((v) => [v.path, v]));
    expect([...byPath.keys()].sort()).toEqual([...sim.signals().map((s) => s.path), "top.clk"].sort());
    // Scope nesting follows the instance hierarchy; registers are `reg`, the rest `wire`, reals `real`.
    expect(byPath.get("top.p.l1.wide")).toMatchObject({ type: "reg", size: 70 });
    expect(byPath.get("top.p.l0.ratio")).toMatchObject({ type: "real", size: 64 });
    expect(byPath.get("top.p.l1.d")).toMatchObject({ type: "wire", size: 8 });
    // An input and its driver share storage and therefore an identifier code.
    expect(byPath.get("top.p.l1.d")!.code).toBe(byPath.get("top.p.l0.q")!.code);
    expect(byPath.get("top.p.l0.d")!.code).toBe(byPath.get("top.x")!.code);

    for (const sig of sim.signals()) {
      const decl = byPath.get(sig.path)!;
      seen.get(sig.path)!.forEach((value, cycle) => {
        expect({ path: sig.path, cycle, text: valueAt(vcd, decl.code, cycle * cycleTime) }).toEqual({
          path: sig.path,
          cycle,
          text: expectedText(sig, value),
        });
      });
    }
    // The clock rises at each cycle start and falls half-way; the file ends one cycle after the last sample.
    const clk = byPath.get("top.clk")!.code;
    for (let c = 0; c < 30; c++) {
      expect(valueAt(vcd, clk, c * cycleTime)).toBe("1");
      expect(valueAt(vcd, clk, c * cycleTime + cycleTime / 2)).toBe("0");
    }
    expect(vcd.lastTime).toBe(30 * cycleTime);
    // Only changes are written: a register that keeps its value has no repeated entries.
    for (const [code, list] of vcd.changes) {
      for (let k = 1; k < list.length; k++) expect({ code, same: list[k]![1] === list[k - 1]![1] }).toEqual({ code, same: false });
    }
  });

  it("is deterministic, and writes $date only when given", () => {
    const a = run({}, 11, 20).text;
    const b = run({}, 11, 20).text;
    expect(a).toBe(b);
    expect(run({}, 12, 20).text).not.toBe(a);
    const dated = run({ date: "2025-01-01" }, 11, 20).text;
    expect(parseVcd(dated).keywords[0]).toBe("$date");
    expect(dated.replace("$date 2025-01-01 $end\n", "")).toBe(a);
  });

  it("records a chosen set of signals given as handles or paths, through a sink", () => {
    const sim = elaborate(top);
    const chunks: string[] = [];
    const rec = recordVcd(sim, {
      signals: [sim.top.p.l1.q, "top.p.l0.flag", "top.p.l1.wide"],
      sink: (c) => chunks.push(c),
    });
    sim.poke(sim.top.x, 200);
    sim.step(5);
    expect(rec.finish()).toBe("");
    const vcd = parseVcd(chunks.join(""));
    expect(vcd.vars.map((v) => v.path)).toEqual(["top.p.l0.flag", "top.p.l1.q", "top.p.l1.wide"]);
    expect(vcd.lastTime).toBe(5);
    // Steps after finish are not recorded.
    sim.step(3);
    expect(parseVcd(chunks.join("")).lastTime).toBe(5);
    expect(() => recordVcd(sim, { signals: ["top.nope"] })).toThrow(/no signal top\.nope/);
    expect(() => recordVcd(sim, { clock: true, cycleTime: 3 })).toThrow(/even/);
  });

  it("formats identifier codes and values as the standard requires", () => {
    const codes = new Set<string>();
    const bad: string[] = [];
    for (let k = 0; k < 20000; k++) {
      const c = vcdIdentifierCode(k);
      for (const ch of c) if (ch.charCodeAt(0) < 33 || ch.charCodeAt(0) > 126 || ch === "$") bad.push(c);
      codes.add(c);
    }
    expect(bad).toEqual([]);
    expect(codes.size).toBe(20000);
    expect(vcdIdentifierCode(0)).toBe("!");
    expect(vcdValue("int", 8, -1)).toBe("b11111111");
    expect(vcdValue("int", 4, 10)).toBe("b1010");
    expect(vcdValue("int", 1, 1)).toBe("1");
    expect(vcdValue("int", 32, -2)).toBe(`b${"1".repeat(31)}0`);
    expect(vcdValue("int", 40, 2 ** 39 + 5)).toBe(`b1${"0".repeat(36)}101`);
    expect(vcdValue("int", 3, 2.5)).toBe("bxxx");
    expect(vcdValue("bigint", 3, -1n)).toBe("b111");
    expect(vcdValue("bool", 1, true)).toBe("1");
    expect(vcdValue("real", 64, 0.25)).toBe("r0.25");
  });

  it("the validator rejects malformed files (so the grammar test can fail)", () => {
    const good = run({}, 3, 4).text;
    expect(() => parseVcd(good)).not.toThrow();
    expect(() => parseVcd(good.replace("$enddefinitions $end", ""))).toThrow();
    expect(() => parseVcd(good.replace("#2\n", "#0\n"))).toThrow(/does not increase/);
    expect(() => parseVcd(good.replace("$timescale 1 ns", "$timescale 3 ns"))).toThrow(/timescale/);
    expect(() => parseVcd(`${good}b101 !\n`)).toThrow(/bits/);
    expect(() => parseVcd(`${good}1~~~\n`)).toThrow(/undeclared/);
    expect(() => parseVcd(good.replace("$upscope $end\n$enddefinitions", "$enddefinitions"))).toThrow(/unclosed/);
  });
});

import { describe, expect, it } from "vitest";
import { createPrng } from "../prng.js";
import { elaborate } from "./elaborate.js";
import { defineModule } from "./module.js";
import type { Reg } from "./signal.js";
import type { StepContext } from "./step-context.js";

describe("register commit semantics", () => {
  it("swaps two registers in one cycle (no read-after-write inside a cycle)", () => {
    const swap = defineModule("swap", (m) => {
      const x = m.reg("x", { widthBits: 8, init: 1 });
      const y = m.reg("y", { widthBits: 8, init: 2 });
      const seenAfterWrite = m.reg("seen", { widthBits: 8 });
      m.step((s) => {
        s.next(x, s.get(y));
        s.next(y, s.get(x));
        // Reading after writing the next value still gives the current value.
        s.next(seenAfterWrite, s.get(x));
      });
      return { x, y, seenAfterWrite };
    });
    const sim = elaborate(swap);
    const { x, y, seenAfterWrite } = sim.top;
    expect([sim.peek(x), sim.peek(y)]).toEqual([1, 2]);
    sim.step();
    expect([sim.peek(x), sim.peek(y), sim.peek(seenAfterWrite)]).toEqual([2, 1, 1]);
    sim.step();
    expect([sim.peek(x), sim.peek(y), sim.peek(seenAfterWrite)]).toEqual([1, 2, 2]);
    expect(sim.cycle).toBe(2);
  });

  it("rotates registers around a ring of modules regardless of evaluation order", () => {
    // Each cell's register takes its left neighbour's register; all update together, so a ring rotates by one.
    const cell = defineModule("cell", (m, init: number) => {
      const left = m.input("left", { widthBits: 16 });
      const q = m.reg("q", { widthBits: 16, init });
      m.bindStep((slotOf) => {
        const il = slotOf(left);
        const iq = slotOf(q);
        return (s) => {
          s.nxt[iq] = s.cur[il]!;
        };
      });
      return { left, q };
    });
    const n = 5;
    const ring = defineModule("ring", (m) => {
      const cells = Array.from({ length: n }, (_, i) => m.instance(`c${i}`, cell, 100 + i));
      cells.forEach((c, i) => m.connect(c.left, cells[(i + n - 1) % n]!.q));
      return { cells };
    });
    const sim = elaborate(ring);
    for (let k = 0; k <= 2 * n; k++) {
      const values = sim.top.cells.map((c) => sim.peek(c.q));
      expect(values).toEqual(Array.from({ length: n }, (_, i) => 100 + ((i - k) % n + n) % n));
      sim.step();
    }
  });

  it("holds a register that is not written, and step(n) equals n single steps", () => {
    const gated = defineModule("gated", (m) => {
      const en = m.input("en", { type: "bool" });
      const q = m.reg("q", { widthBits: 8 });
      m.step((s) => {
        if (s.get(en)) s.next(q, (s.get(q) + 1) & 0xff);
      });
      return { en, q };
    });
    const a = elaborate(gated);
    const b = elaborate(gated);
    a.poke(a.top.en, true);
    b.poke(b.top.en, true);
    a.step(7);
    for (let i = 0; i < 7; i++) b.step();
    expect(a.peek(a.top.q)).toBe(7);
    expect(b.peek(b.top.q)).toBe(7);
    a.poke(a.top.en, false);
    a.step(5);
    expect(a.peek(a.top.q)).toBe(7);
    expect(a.cycle).toBe(12);
  });

  it("keeps bigint, bool and int registers exact", () => {
    const wide = defineModule("wide", (m) => {
      const acc = m.reg("acc", { type: "bigint", widthBits: 128, init: 5n });
      const flip = m.reg("flip", { type: "bool" });
      const big = m.reg("big", { widthBits: 53, init: 2 ** 52 });
      m.step((s) => {
        s.next(acc, s.get(acc) + (1n << 100n));
        s.next(flip, !s.get(flip));
        s.next(big, s.get(big) + 1);
      });
      return { acc, flip, big };
    });
    const sim = elaborate(wide);
    sim.step(3);
    expect(sim.peek(sim.top.acc)).toBe(5n + 3n * (1n << 100n));
    expect(sim.peek(sim.top.flip)).toBe(true);
    expect(sim.peek(sim.top.big)).toBe(2 ** 52 + 3);
    sim.poke(sim.top.acc, -1n);
    sim.step();
    expect(sim.peek(sim.top.acc)).toBe((1n << 100n) - 1n);
  });
});

describe("hierarchy and wiring", () => {
  const delay = defineModule("delay", (m) => {
    const d = m.input("d", { widthBits: 8 });
    const q = m.reg("q", { widthBits: 8 });
    m.step((s) => s.next(q, s.get(d)));
    return { d, q };
  });
  // Two delays in series, with the parent's input passed straight to the first child's input.
  const delay2 = defineModule("delay2", (m) => {
    const d = m.input("d", { widthBits: 8 });
    const first = m.instance("first", delay);
    const second = m.instance("second", delay);
    m.connect(first.d, d);
    m.connect(second.d, first.q);
    return { d, q: second.q };
  });
  const delay6 = defineModule("delay6", (m) => {
    const d = m.input("d", { widthBits: 8 });
    const parts = [m.instance("p0", delay2), m.instance("p1", delay2), m.instance("p2", delay2)];
    m.connect(parts[0]!.d, d);
    m.connect(parts[1]!.d, parts[0]!.q);
    m.connect(parts[2]!.d, parts[1]!.q);
    return { d, q: parts[2]!.q };
  });

  it("delays a stream by one cycle per register through three levels of hierarchy", () => {
    const sim = elaborate(delay6, undefined, { name: "top" });
    const rng = createPrng(7);
    const fed: number[] = [];
    for (let t = 0; t < 40; t++) {
      const v = rng.nextUint32() & 0xff;
      fed.push(v);
      sim.poke(sim.top.d, v);
      sim.step();
      // After step t the output holds what was fed at cycle t-5 (six registers, the sixth committed this edge).
      expect(sim.peek(sim.top.q)).toBe(t >= 5 ? fed[t - 5] : 0);
    }
    expect(sim.findSignal("top.p1.second.q")).toBeDefined();
    expect(sim.findSignal("top.p1.second.d")!.kind).toBe("input");
    expect(sim.signals().filter((s) => s.kind === "reg")).toHaveLength(6);
  });

  it("orders combinational producers before consumers declared earlier", () => {
    const adder = defineModule("adder", (m) => {
      const a = m.input("a", { widthBits: 16 });
      const b = m.input("b", { widthBits: 16 });
      const sum = m.wire("sum", { widthBits: 16 });
      m.step((s) => s.drive(sum, (s.get(a) + s.get(b)) & 0xffff));
      return { a, b, sum };
    });
    const doubler = defineModule("doubler", (m) => {
      const x = m.input("x", { widthBits: 16 });
      const y = m.wire("y", { widthBits: 16 });
      m.step((s) => s.drive(y, (2 * s.get(x)) & 0xffff));
      return { x, y };
    });
    const sink = defineModule("sink", (m) => {
      const d = m.input("d", { widthBits: 16 });
      const q = m.reg("q", { widthBits: 16 });
      m.step((s) => s.next(q, s.get(d)));
      return { d, q };
    });
    const top = defineModule("top", (m) => {
      const a = m.input("a", { widthBits: 16 });
      const b = m.input("b", { widthBits: 16 });
      // Consumers first, so depth-first order alone would evaluate them too early.
      const out = m.instance("out", sink);
      const dbl = m.instance("dbl", doubler);
      const add = m.instance("add", adder);
      m.connect(out.d, dbl.y);
      m.connect(dbl.x, add.sum);
      m.connect(add.a, a);
      m.connect(add.b, b);
      // Glue logic in the parent reads a child's wire through its ports.
      const glue = m.reg("glue", { widthBits: 16 });
      m.step((s) => s.next(glue, s.get(dbl.y) + 1));
      return { a, b, q: out.q, y: dbl.y, glue };
    });
    const sim = elaborate(top);
    expect(sim.evaluationOrder()).toEqual(["top.add", "top.dbl", "top", "top.out"]);
    sim.poke(sim.top.a, 20);
    sim.poke(sim.top.b, 3);
    sim.step();
    expect(sim.peek(sim.top.y)).toBe(46);
    expect(sim.peek(sim.top.q)).toBe(46);
    expect(sim.peek(sim.top.glue)).toBe(47);
  });

  it("rejects modelling bugs: combinational loops, unconnected inputs, mismatched connections, foreign handles", () => {
    const buf = defineModule("buf", (m) => {
      const i = m.input("i", { widthBits: 4 });
      const o = m.wire("o", { widthBits: 4 });
      m.step((s) => s.drive(o, s.get(i)));
      return { i, o };
    });
    const loop = defineModule("loop", (m) => {
      const x = m.instance("x", buf);
      const y = m.instance("y", buf);
      m.connect(x.i, y.o);
      m.connect(y.i, x.o);
      return {};
    });
    expect(() => elaborate(loop)).toThrow(/combinational loop/);

    const dangling = defineModule("dangling", (m) => {
      m.instance("x", buf);
      return {};
    });
    expect(() => elaborate(dangling)).toThrow(/unconnected input dangling\.x\.i/);

    const mismatch = defineModule("mismatch", (m) => {
      const x = m.instance("x", buf);
      const w = m.constant("w", { widthBits: 5 }, 3);
      m.connect(x.i, w as never);
      return {};
    });
    expect(() => elaborate(mismatch)).toThrow(/cannot connect/);

    const twice = defineModule("twice", (m) => {
      m.reg("r", { widthBits: 1 });
      m.reg("r", { widthBits: 1 });
      return {};
    });
    expect(() => elaborate(twice)).toThrow(/duplicate name r/);

    const a = elaborate(buf);
    const b = elaborate(buf);
    expect(() => a.peek(b.top.o)).toThrow(/not a signal of this simulator/);
    expect(() => a.poke(a.top.o, 1)).toThrow(/only primary inputs and registers/);
    expect(() => a.poke(a.top.i, true as never)).toThrow(/expects a number/);
  });

  it("binds steps to slots and stores once, and rejects handles of another design", () => {
    let other: ReturnType<typeof elaborate<void, { q: Reg<number> }>> | undefined;
    const counter = defineModule("counter", (m) => {
      const q = m.reg("q", { widthBits: 8 });
      const big = m.reg("big", { type: "bigint", widthBits: 64, init: 7n });
      const flag = m.wire("flag", { type: "bool" });
      m.bindStep((slotOf, ctx) => {
        if (other) expect(() => slotOf(other!.top.q)).toThrow(/not part of this design/);
        expect(() => ctx.curStoreOf(flag as never)).toThrow(/bool/);
        const iq = slotOf(q);
        const ib = slotOf(big);
        const bigCur = ctx.curStoreOf(big);
        const bigNxt = ctx.nxtStoreOf(big);
        const { cur, nxt } = ctx;
        return () => {
          nxt[iq] = (cur[iq]! + 1) & 0xff;
          bigNxt[ib] = bigCur[ib]! * 2n;
        };
      });
      return { q, big };
    });
    other = elaborate(counter);
    const sim = elaborate(counter);
    sim.step(9);
    expect(sim.peek(sim.top.q)).toBe(9);
    expect(sim.peek(sim.top.big)).toBe(7n << 9n);
  });

  it("keeps a wire's value in cycles where its owner does not drive it", () => {
    const latchy = defineModule("latchy", (m) => {
      const en = m.input("en", { type: "bool" });
      const d = m.input("d", { widthBits: 8 });
      const w = m.wire("w", { widthBits: 8, init: 42 });
      m.step((s) => {
        if (s.get(en)) s.drive(w, s.get(d));
      });
      return { en, d, w };
    });
    const sim = elaborate(latchy);
    sim.step();
    expect(sim.peek(sim.top.w)).toBe(42);
    sim.poke(sim.top.en, true);
    sim.poke(sim.top.d, 5);
    sim.step();
    sim.poke(sim.top.en, false);
    sim.poke(sim.top.d, 6);
    sim.step();
    expect(sim.peek(sim.top.w)).toBe(5);
  });

  it("ties off an input with a constant", () => {
    const top = defineModule("top", (m) => {
      const five = m.constant("five", { widthBits: 8 }, 5);
      const d = m.instance("d", defineModule("delay", (c) => {
        const i = c.input("i", { widthBits: 8 });
        const q = c.reg("q", { widthBits: 8 });
        c.step((s) => s.next(q, s.get(i)));
        return { i, q };
      }));
      m.connect(d.i, five);
      return { q: d.q };
    });
    const sim = elaborate(top);
    sim.step();
    expect(sim.peek(sim.top.q)).toBe(5);
  });
});

describe("action counts", () => {
  it("aggregates counts by action name and by module path", () => {
    // Each counter counts "add" when its input is odd and one "register-write" every cycle.
    const counter = defineModule("counter", (m) => {
      const x = m.input("x", { widthBits: 8 });
      const odd = m.reg("odd", { widthBits: 16 });
      const add = m.action("add");
      const write = m.action("register-write");
      m.step((s) => {
        if (s.get(x) & 1) {
          s.next(odd, s.get(odd) + 1);
          s.count(add);
        }
        s.count(write);
      });
      return { x, odd };
    });
    const top = defineModule("top", (m) => {
      const units = [0, 1, 2].map((i) => {
        const u = m.instance(`u${i}`, counter);
        return { ...u, feed: m.input(`x${i}`, { widthBits: 8 }) };
      });
      for (const u of units) m.connect(u.x, u.feed);
      const sram = m.action("sram-read");
      m.step((s) => s.count(sram, 4));
      return { units };
    });
    const sim = elaborate(top);
    const rng = createPrng(99);
    const odd = [0, 0, 0];
    const cycles = 50;
    for (let t = 0; t < cycles; t++) {
      sim.top.units.forEach((u, i) => {
        const v = rng.nextUint32() & 0xff;
        if (v & 1) odd[i]!++;
        sim.poke(u.feed, v);
      });
      sim.step();
    }
    expect(sim.actionTotals()).toEqual({
      "sram-read": 4 * cycles,
      add: odd[0]! + odd[1]! + odd[2]!,
      "register-write": 3 * cycles,
    });
    const byModule = sim.actionCountsByModule();
    expect(byModule["top"]).toEqual({ "sram-read": 4 * cycles });
    for (let i = 0; i < 3; i++) {
      expect(byModule[`top.u${i}`]).toEqual({ add: odd[i], "register-write": cycles });
      expect(sim.peek(sim.top.units[i]!.odd)).toBe(odd[i]);
    }
  });
});

describe("kernel steps", () => {
  // A shift cell: q ← left + bias (a wire of the parent, so the kernel runs after its driver), counting "add".
  const kernel = {
    width: 3,
    run(ctx: StepContext, rows: Int32Array, from: number, to: number) {
      for (let r = from; r < to; r += 3) {
        ctx.nxt[rows[r + 1]!] = (ctx.cur[rows[r]!]! * 5 + 1) % 97;
        ctx.counts[rows[r + 2]!]++;
      }
    },
  };
  const cell = defineModule("cell", (m) => {
    const left = m.input("left", { widthBits: 16 });
    const q = m.reg("q", { widthBits: 16 });
    const a = m.action("add");
    m.kernelStep(kernel, [left, q, a]);
    return { left, q };
  });
  const chain = defineModule("chain", (m, n: number) => {
    const seed = m.input("seed", { widthBits: 16 });
    const w = m.wire("w", { widthBits: 16 });
    const cells = Array.from({ length: n }, (_, i) => m.instance(`c${i}`, cell));
    cells.forEach((c, i) => m.connect(c.left, i === 0 ? w : cells[i - 1]!.q));
    m.step((s) => s.drive(w, s.get(seed) + 1));
    return { seed, cells };
  });

  it("steps a run of instances in one call with the same results as one call per instance", () => {
    const sims = [elaborate(chain, 6), elaborate(chain, 6, { batchKernels: false })];
    const rng = createPrng(5);
    for (let t = 0; t < 20; t++) {
      const seed = rng.nextUint32() & 0xff;
      for (const sim of sims) {
        sim.poke(sim.top.seed, seed);
        sim.step();
      }
      const [a, b] = sims as [(typeof sims)[0], (typeof sims)[0]];
      expect(a.top.cells.map((c) => a.peek(c.q))).toEqual(b.top.cells.map((c) => b.peek(c.q)));
    }
    // c0 reads the parent's wire, so it steps after the parent and apart from the run c1..c5.
    const order = ["chain", "chain.c1", "chain.c2", "chain.c3", "chain.c4", "chain.c5", "chain.c0"];
    expect(sims[0]!.evaluationOrder()).toEqual(order);
    expect(sims[1]!.evaluationOrder()).toEqual(order);
    expect(sims[0]!.actionCountsByModule()).toEqual(sims[1]!.actionCountsByModule());
    expect(sims[0]!.actionTotals()).toEqual({ add: 6 * 20 });
  });

  it("rejects a handle list of the wrong length and a second step", () => {
    const bad = defineModule("bad", (m) => {
      const q = m.reg("q", { widthBits: 8 });
      m.kernelStep(kernel, [q]);
    });
    expect(() => elaborate(bad)).toThrow(/kernel step takes 3 handles, got 1/);
    const twice = defineModule("twice", (m) => {
      const q = m.reg("q", { widthBits: 8 });
      m.step(() => {});
      m.kernelStep(kernel, [q, q, m.action("a")]);
    });
    expect(() => elaborate(twice)).toThrow(/step already set/);
  });
});

import { describe, expect, it } from "vitest";
import { MacArrayModel } from "./model.js";
import { DEFAULT_MAC_ARRAY, parseMacArrayParams } from "./params.js";
import type { MacArrayParams } from "./params.js";
import { rtlLayerRunner } from "./rtl-layer.js";
import { scalesimComputeCycles } from "./scalesim-timing.js";
import { foldCycles, foldSizes, gemmSchedule, mapGemm } from "./fold-schedule.js";
import { parsePrecision } from "../precision.js";
import type { Precision } from "../precision.js";
import { gemmLayer } from "../../workloads/ops/gemm.js";
import { conv2dLayer } from "../../workloads/ops/conv2d.js";
import { defaultWorkload } from "../../workloads/models/default-workload.js";
import { unwrap } from "../../workloads/result.js";
import type { SimOptions } from "../hardware-model.js";
import { intAdderCost, intMultiplierCost, macUnitCost } from "../cost/index.js";
import { createPrng } from "../../sim/prng.js";

const prec = (t: string): Precision => {
  const r = parsePrecision(t);
  if (!r.ok) throw new Error(r.reason);
  return r.precision;
};
/** These tests are about one-MAC PEs (hand-derived MAC folds, SCALE-Sim, the RTL engine): pe=mac throughout. */
const MAC_ARRAY: MacArrayParams = { ...DEFAULT_MAC_ARRAY, pe: "mac" };
const params = (o: Partial<MacArrayParams>) => unwrap(parseMacArrayParams({ pe: "mac", ...o }));
const FAST: SimOptions = { engine: "fast", timing: "pipelined", seed: 1, sampleFraction: 1 };

describe("mac-array model", () => {
  it("hand-derived cycles: 64×64×64 on the default 32×32 WS array with a 3-stage MAC", () => {
    // WS: rows ← k = 64 (2 folds of 32), cols ← n = 64 (2 folds), streamed m = 64.
    // Per fold 2r + c + T − 2 + (d − 1) = 64 + 32 + 64 − 2 + 2 = 160 cycles; 4 folds → 640.
    const m = new MacArrayModel(MAC_ARRAY);
    const s = unwrap(m.simulate([unwrap(gemmLayer({ name: "g", m: 64, n: 64, k: 64 }))], prec("int8"), FAST));
    expect(s.computeCycles).toBe(640);
    expect(s.macs).toBe(64 ** 3);
    expect(s.actions["mac"]).toBe(64 ** 3);
    // The tile load shifts row i's weight through i+1 registers: Σ_{i<32} (i+1) = 528 per column, 2 row folds, 64 columns.
    expect(s.actions["stationary-register-write"]).toBe(528 * 2 * 64);
  });

  it("the closed form equals the sum of per-fold cycles over every fold", () => {
    const rng = createPrng(17);
    for (let t = 0; t < 300; t++) {
      const df = (["os", "ws", "is"] as const)[t % 3];
      const [rows, cols, depth] = [1 + (rng.nextUint32() % 9), 1 + (rng.nextUint32() % 9), 1 + (rng.nextUint32() % 4)];
      const g = { m: 1 + (rng.nextUint32() % 40), n: 1 + (rng.nextUint32() % 40), k: 1 + (rng.nextUint32() % 40) };
      const { x, y, t: len } = mapGemm(df, g);
      let sum = 0;
      for (const r of foldSizes(x, rows)) for (const c of foldSizes(y, cols)) sum += foldCycles(df, r, c, len, depth);
      expect(gemmSchedule(df, g, rows, cols, depth).computeCycles).toBe(sum);
    }
  });

  it("OS and IS hand-derived cycles", () => {
    const g = [unwrap(gemmLayer({ name: "g", m: 20, n: 10, k: 7 }))];
    // OS 8×8, d=1: rows ← m = 20 (folds 8, 8, 4), cols ← n = 10 (8, 2), T = k = 7.
    // Σ (r + c + T − 2) = colFolds·X + rowFolds·Y + folds·(T − 2) = 2·20 + 3·10 + 6·5 = 100.
    const os = new MacArrayModel(params({ rows: 8, cols: 8, dataflow: "os", macPipelineDepth: 1 }));
    expect(unwrap(os.simulate(g, prec("int8"), FAST)).computeCycles).toBe(100);
    // IS 8×8, d=2: rows ← k = 7 (one fold of 7), cols ← m = 20 (8, 8, 4), T = n = 10.
    // Σ (2r + c + T − 2 + 1) = 3·(14 + 9) + 20 = 89.
    const is = new MacArrayModel(params({ rows: 8, cols: 8, dataflow: "is", macPipelineDepth: 2 }));
    expect(unwrap(is.simulate(g, prec("int8"), FAST)).computeCycles).toBe(89);
  });

  it("scalesim timing reports SCALE-Sim's compute cycles for every layer", () => {
    const layers = defaultWorkload().layers;
    for (const dataflow of ["os", "ws", "is"] as const) {
      const p = params({ rows: 16, cols: 8, dataflow });
      const s = unwrap(new MacArrayModel(p).simulate(layers, prec("int8"), { ...FAST, timing: "scalesim", sampleFraction: 0.01 }));
      s.layers.forEach((l) => {
        const one = unwrap(scalesimComputeCycles({ rows: 16, cols: 8, dataflow }, { sr: l.layer.gemm.m, sc: l.layer.gemm.n, t: l.layer.gemm.k }));
        expect(l.computeCycles).toBe(one.computeCycles * l.layer.repeat);
      });
    }
  });

  it("invariants: MACs = Σ m·n·k·repeat, cycles ≥ MACs / PEs, utilization ≤ 1", () => {
    const rng = createPrng(5);
    for (let t = 0; t < 30; t++) {
      const dims = () => 1 + (rng.nextUint32() % 50);
      const p = params({ rows: 1 + (rng.nextUint32() % 16), cols: 1 + (rng.nextUint32() % 16), dataflow: (["os", "ws", "is"] as const)[t % 3], macPipelineDepth: 1 + (t % 4) });
      const layers = [unwrap(gemmLayer({ name: "a", m: dims(), n: dims(), k: dims() })), unwrap(conv2dLayer({ name: "c", h: 6, w: 6, c: 4, k: 8, r: 3, s: 3, groups: 2 }))];
      const s = unwrap(new MacArrayModel(p).simulate(layers, prec("fp8"), { ...FAST, sampleFraction: 0.05 }));
      expect(s.macs).toBe(layers.reduce((a, l) => a + l.gemm.m * l.gemm.n * l.gemm.k * l.repeat, 0));
      expect(s.cycles * p.rows * p.cols).toBeGreaterThanOrEqual(s.macs);
      expect(s.utilization).toBeLessThanOrEqual(1);
    }
  });

  it("DRAM stalls appear when bandwidth cannot keep up", () => {
    const layers = [unwrap(gemmLayer({ name: "g", m: 256, n: 256, k: 256 }))];
    const fast = unwrap(new MacArrayModel(params({ dramBandwidthBytesPerCycle: 1024 })).simulate(layers, prec("int8"), { ...FAST, sampleFraction: 0.001 }));
    const slow = unwrap(new MacArrayModel(params({ dramBandwidthBytesPerCycle: 1 })).simulate(layers, prec("int8"), { ...FAST, sampleFraction: 0.001 }));
    expect(fast.stallCycles).toBe(0);
    expect(slow.stallCycles).toBe(Math.ceil(slow.dramBytes / 1) - slow.computeCycles);
    expect(slow.computeCycles).toBe(fast.computeCycles);
  });

  it("MAC energy is MACs × the MAC unit composed from its cited parts", () => {
    const m = new MacArrayModel(MAC_ARRAY);
    const p = prec("int8");
    const s = unwrap(m.simulate([unwrap(gemmLayer({ name: "g", m: 32, n: 32, k: 32 }))], p, FAST));
    const c = unwrap(m.cost(s, p, { energyMode: "table" }));
    const mac = unwrap(macUnitCost({ kind: "int", bits: 8 }, { kind: "int", bits: 8 }, { kind: "int", bits: 32 }));
    expect(c.energyBreakdownPj["mac"]).toBeCloseTo(32 ** 3 * mac.energyPj.value, 6);
    // The int8 multiplier and int32 adder inside are the Horowitz anchors (0.2 pJ and 0.1 pJ).
    expect(intMultiplierCost(8, 8).energyPj.value).toBeCloseTo(0.2, 12);
    expect(intAdderCost(32).energyPj.value).toBeCloseTo(0.1, 12);
    expect(c.latencyUs).toBeCloseTo(s.cycles / 1000, 12);
  });

  it("costs do not depend on the seed; outputs do", () => {
    const m = new MacArrayModel(MAC_ARRAY);
    const layers = [unwrap(gemmLayer({ name: "g", m: 16, n: 16, k: 16 }))];
    const a = unwrap(m.simulate(layers, prec("fp8"), { ...FAST, seed: 1 }));
    const b = unwrap(m.simulate(layers, prec("fp8"), { ...FAST, seed: 2 }));
    expect(unwrap(m.cost(a, prec("fp8"), { energyMode: "table" })).energyPj).toBe(unwrap(m.cost(b, prec("fp8"), { energyMode: "table" })).energyPj);
    expect(a.outputsSha256).not.toBe(b.outputsSha256);
  });

  it("activity mode rescales the MAC energy by measured toggles and leaves the rest at table values", () => {
    const m = new MacArrayModel(MAC_ARRAY);
    const p = prec("fp8");
    const layers = [unwrap(gemmLayer({ name: "g", m: 32, n: 32, k: 64 }))];
    const s = unwrap(m.simulate(layers, p, { ...FAST, countToggles: true }));
    const table = unwrap(m.cost(s, p, { energyMode: "table" }));
    const act = unwrap(m.cost(s, p, { energyMode: "activity" }));
    expect(act.energyBreakdownPj["mac"]).not.toBe(table.energyBreakdownPj["mac"]);
    expect(act.energyBreakdownPj["sram"]).toBe(table.energyBreakdownPj["sram"]);
    expect(unwrap(m.cost(s, p, { energyMode: "activity" })).energyPj).toBe(act.energyPj);
  });

  it("refuses what the array cannot run, with a reason", () => {
    const m = new MacArrayModel(MAC_ARRAY);
    expect(m.supports(prec("w=fp8,a=fp8,acc=tc-h100"))).toMatchObject({ ok: false });
    expect(m.supports(prec("w=fp8,a=fp8,acc=int32-wrap"))).toMatchObject({ ok: false });
    expect(m.supports(prec("fp64"))).toMatchObject({ ok: false });
  });

  it("hardware parameters are validated with field paths", () => {
    const r = parseMacArrayParams({ rows: 0, dataflow: "xs", bogus: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/rows: .*; dataflow: .*|bogus/);
  });
});

describe("rtl and fast engines agree on whole layers", () => {
  it("cycles, actions and output hash, every dataflow, int8 / fp8 / mxfp4 / bf16", () => {
    const layers = [
      unwrap(gemmLayer({ name: "g", m: 13, n: 7, k: 19 })),
      unwrap(conv2dLayer({ name: "dw", h: 5, w: 5, c: 3, k: 3, r: 3, s: 3, groups: 3 })),
    ];
    for (const dataflow of ["os", "ws", "is"] as const) {
      const p = params({ rows: 4, cols: 5, dataflow, macPipelineDepth: 2 });
      for (const t of ["int8", "fp8", "mxfp4", "w=bf16,a=bf16,acc=fp16-seq"]) {
        const fast = unwrap(new MacArrayModel(p).simulate(layers, prec(t), FAST));
        const rtl = unwrap(new MacArrayModel(p, rtlLayerRunner).simulate(layers, prec(t), { ...FAST, engine: "rtl" }));
        expect(rtl.computeCycles, `${dataflow} ${t}`).toBe(fast.computeCycles);
        expect(rtl.actions).toEqual(fast.actions);
        expect(rtl.outputsSha256, `${dataflow} ${t}`).toBe(fast.outputsSha256);
      }
    }
  });
});

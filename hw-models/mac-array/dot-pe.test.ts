import { describe, expect, it } from "vitest";
import { MacArrayModel } from "./model.js";
import { DEFAULT_MAC_ARRAY, parseMacArrayParams } from "./params.js";
import type { MacArrayParams } from "./params.js";
import { macArrayDatapath } from "./datapath-cost.js";
import { peAccumulator } from "./pe-accumulator.js";
import { gemmNumerics } from "../numerics/gemm-numerics.js";
import { parsePrecision } from "../precision.js";
import type { Precision } from "../precision.js";
import { gemmLayer } from "../../workloads/ops/gemm.js";
import { unwrap } from "../../workloads/result.js";

const prec = (t: string): Precision => {
  const r = parsePrecision(t);
  if (!r.ok) throw new Error(r.reason);
  return r.precision;
};
const params = (o: Partial<MacArrayParams>) => unwrap(parseMacArrayParams(o));
const FAST = { engine: "fast", timing: "pipelined", seed: 1, sampleFraction: 1 } as const;

describe("dot-product PEs", () => {
  it("fold cycles run over ⌈K/n⌉ wide elements (hand-derived, OS dot8)", () => {
    // 16×16×40 on 8×8 OS dot8, depth 3: x = m = 16, y = n = 16, t = ⌈40/8⌉ = 5; 2 row folds × 2 column folds.
    // OS cycles = colFolds·x + rowFolds·y + rowFolds·colFolds·(t − 2 + depth − 1) = 32 + 32 + 4·5 = 84.
    const m = new MacArrayModel(params({ rows: 8, cols: 8, dataflow: "os", pe: "dot8" }));
    const s = unwrap(m.simulate([unwrap(gemmLayer({ name: "g", m: 16, n: 16, k: 40 }))], prec("int8"), FAST));
    expect(s.computeCycles).toBe(84);
    expect(s.actions["mac"]).toBe(16 * 16 * 5); // one dot op per output per wide element
    expect(m.peCount).toBe(8 * 8 * 8); // MAC lanes
    expect(s.utilization).toBeCloseTo((16 * 16 * 40) / (s.cycles * 512), 12);
  });

  for (const [text, pe] of [
    ["int8", "dot16"],
    ["w=int8,a=int8,acc=int32-sat", "dot8"],
    ["fp8", "dot16"],
    ["w=fp8-e5m2,a=fp8-e4m3", "dot4"],
    ["mxfp4", "dot16"],
    ["nvfp4", "dot16"],
    ["mxfp8-e4m3", "dot32"],
    ["bf16", "dot8"],
    ["w=fp8,a=fp8,acc=tc-a100", "dot8"],
    ["w=bf16,a=bf16,acc=tc-v100", "dot4"],
  ] as const) {
    it(`${text} on ${pe}: the float64 dot unit equals ops/dot.ts's block FMA bit for bit, WS and OS orders`, () => {
      const lanes = Number(pe.slice(3));
      const p = prec(text);
      const acc = unwrap(peAccumulator(p.accumulator, lanes));
      const pp = { ...p, accumulator: acc };
      const layer = unwrap(gemmLayer({ name: "g", m: 7, n: 5, k: 3 * lanes + 3 }));
      for (const chunk of [layer.gemm.k, 2 * lanes]) {
        const fast = unwrap(gemmNumerics(layer, pp, { chunk, lanes }, 4, 1));
        const ref = unwrap(gemmNumerics(layer, pp, { chunk, lanes }, 4, 1, { path: "reference" }));
        expect([fast.path, ref.path]).toEqual(["fast", "reference"]);
        expect(Array.from(fast.codes)).toEqual(Array.from(ref.codes));
      }
    });
  }

  it("tc presets run where the PE matches their block, and say which PE they need elsewhere", () => {
    expect(new MacArrayModel(params({ pe: "dot8" })).supports(prec("w=fp8,a=fp8,acc=tc-a100")).ok).toBe(true);
    const wrong = new MacArrayModel(params({ pe: "dot16" })).supports(prec("w=fp8,a=fp8,acc=tc-a100"));
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.reason).toMatch(/use pe=dot8/);
    const mac = new MacArrayModel(params({ pe: "mac" })).supports(prec("w=fp8,a=fp8,acc=tc-a100"));
    expect(mac.ok).toBe(false);
  });

  it("a float accumulator on a dot PE becomes a dot unit in its own format, its window set by the operands", () => {
    const p = (t: string) => prec(t);
    const dot = (t: string) => unwrap(peAccumulator(p(t).accumulator, 16, { a: p(t).activations, b: p(t).weights }));
    // fp8-e4m3 products span 8 significand bits + 2·17 binades = 42 bits: capped at 23 + 1 + 3 = 27.
    expect(dot("fp8")).toMatchObject({ kind: "dot-unit", blockSize: 16, alignBits: 27, outputRounding: "rne" });
    // E2M1 products: 4 bits + 2·3 binades = 10 (exact); MX's E8M0 scale adds nothing, NVFP4's two E4M3 scales 4 + 4.
    expect(dot("mxfp4")).toMatchObject({ kind: "dot-unit", alignBits: 10 });
    expect(dot("nvfp4")).toMatchObject({ kind: "dot-unit", alignBits: 18 });
  });
});

describe("dot-unit costs on the default PE (issue 9 goals, derived from components)", () => {
  const mac = (t: string) => {
    const p = prec(t);
    const d = unwrap(macArrayDatapath(DEFAULT_MAC_ARRAY, p, p.activations, p.weights));
    return { areaUm2: d.mac.areaUm2.value, energyPj: d.mac.energyPj.value, groups: d.mac.parts.map((g) => g.component) };
  };

  it("NVFP4 over MXFP4 MAC-unit area is in [1.05, 1.20]: the E4M3 scale multiply is the only difference", () => {
    const r = mac("nvfp4").areaUm2 / mac("mxfp4").areaUm2;
    expect(r).toBeGreaterThanOrEqual(1.05);
    expect(r).toBeLessThanOrEqual(1.2);
  });

  it("MXFP4 per MAC is clearly cheaper than FP8; FP8 stays in Qualcomm's 1.5–2.8× INT8 band", () => {
    expect(mac("mxfp4").areaUm2).toBeLessThan(0.7 * mac("fp8").areaUm2);
    expect(mac("mxfp4").energyPj).toBeLessThan(0.7 * mac("fp8").energyPj);
    for (const k of ["areaUm2", "energyPj"] as const) {
      const r = mac("fp8")[k] / mac("int8")[k];
      expect(r, k).toBeGreaterThanOrEqual(1.5);
      expect(r, k).toBeLessThanOrEqual(2.8);
    }
  });

  it("the unit is reported in its component groups", () => {
    expect(mac("nvfp4").groups).toEqual([
      "multipliers", "exponent adders", "exponent max tree", "alignment shifters", "adder tree", "normalise and round", "accumulator", "scale path", "pipeline registers",
    ]);
    expect(mac("int8").groups).toEqual(["multipliers", "adder tree", "accumulator", "pipeline registers"]);
  });
});

describe("timing-only runs", () => {
  it("price exactly what a full run prices, for every accumulator width and PE", () => {
    const layers = [unwrap(gemmLayer({ name: "g", m: 24, n: 20, k: 40 })), unwrap(gemmLayer({ name: "h", m: 8, n: 40, k: 12, repeat: 3 }))];
    for (const pe of ["mac", "dot8"] as const) {
      const model = new MacArrayModel(params({ rows: 8, cols: 8, pe, ofmapSramKb: 1 }));
      for (const t of ["int8", "w=fp8,a=fp8,acc=fp16-seq", "nvfp4"]) {
        const full = unwrap(model.simulate(layers, prec(t), FAST));
        const none = unwrap(model.simulate(layers, prec(t), { ...FAST, sampleFraction: 0 }));
        expect(none.outputsComputed).toBe(0);
        for (const k of ["cycles", "computeCycles", "stallCycles", "sramReadBytes", "sramWriteBytes", "dramBytes"] as const) expect(none[k], `${pe} ${t} ${k}`).toBe(full[k]);
        expect(none.actions).toEqual(full.actions);
        const cf = unwrap(model.cost(full, prec(t), { energyMode: "table" }));
        const cn = unwrap(model.cost(none, prec(t), { energyMode: "table" }));
        expect([cn.energyPj, cn.areaUm2, cn.latencyUs]).toEqual([cf.energyPj, cf.areaUm2, cf.latencyUs]);
      }
    }
  });
});

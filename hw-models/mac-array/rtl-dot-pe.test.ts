import { describe, expect, it } from "vitest";
import { createPrng } from "../../sim/prng.js";
import { gemmLayer } from "../../workloads/ops/gemm.js";
import { unwrap } from "../../workloads/result.js";
import { parsePrecision, type Precision } from "../precision.js";
import { MacArrayModel, type MacArrayLayerResult } from "./model.js";
import { parseMacArrayParams, type PeKind } from "./params.js";
import { rtlLayerRunner } from "./rtl-layer.js";

const prec = (t: string): Precision => {
  const r = parsePrecision(t);
  if (!r.ok) throw new Error(r.reason);
  return r.precision;
};

// Every PE-accumulator family a dot PE runs: exact integer trees (wrap, saturate), float block FMAs on fp32
// registers from narrow, block-scaled and 16-bit operands, and a tensor-core preset at its own block size.
const PRECISIONS = ["int8", "w=int8,a=int8,acc=int32-sat", "fp8", "mxfp4", "nvfp4", "bf16", "w=fp8,a=fp8,acc=tc-a100"] as const;
const LANES = [2, 3, 4, 8, 16] as const;

describe("rtl engine on dot<n> PEs", () => {
  it("200 seeded configurations: cycles, every action and every output code equal the fast model", () => {
    const rng = createPrng(9_200);
    const int = (lo: number, hi: number) => lo + (rng.nextUint32() % (hi - lo + 1));
    const seen = { kBelowLanes: 0, kRagged: 0, kWhole: 0, dataflows: new Set<string>(), precisions: new Set<string>() };
    for (let trial = 0; trial < 200; trial++) {
      const text = PRECISIONS[int(0, PRECISIONS.length - 1)]!;
      // tc-a100 sums 8-term blocks, so it runs on dot8 only (peAccumulator refuses other widths).
      const lanes = text.endsWith("tc-a100") ? 8 : LANES[int(0, LANES.length - 1)]!;
      const dataflow = (["ws", "os", "is"] as const)[int(0, 2)]!;
      const params = unwrap(parseMacArrayParams({ rows: int(1, 6), cols: int(1, 6), dataflow, macPipelineDepth: int(1, 3), pe: `dot${lanes}` as PeKind }));
      // K from 1 to 3n + 2: below n, ragged (the last wide element zero-padded) and whole multiples of n.
      const k = int(1, 3 * lanes + 2);
      const layer = unwrap(gemmLayer({ name: "g", m: int(1, 9), n: int(1, 9), k, repeat: int(1, 4) === 1 ? 2 : 1 }));
      const what = `trial ${trial}: ${text} ${JSON.stringify(params)} ${JSON.stringify(layer.gemm)} x${layer.repeat}`;
      const opts = { timing: "pipelined", seed: trial + 1, sampleFraction: 1 } as const;
      const fast = unwrap(new MacArrayModel(params).simulate([layer], prec(text), { ...opts, engine: "fast" }));
      const rtl = new MacArrayModel(params, rtlLayerRunner).simulate([layer], prec(text), { ...opts, engine: "rtl" });
      if (!rtl.ok) throw new Error(`${what}: ${rtl.reason}`);
      expect(rtl.value.computeCycles, what).toBe(fast.computeCycles);
      expect(rtl.value.cycles, what).toBe(fast.cycles);
      expect(rtl.value.actions, what).toEqual(fast.actions);
      const codes = (s: typeof fast) => Array.from((s.layers[0] as MacArrayLayerResult).outputCodes);
      expect(codes(rtl.value), what).toEqual(codes(fast));
      expect(codes(fast).length, what).toBe(layer.gemm.m * layer.gemm.n * layer.repeat);
      expect(rtl.value.outputsSha256, what).toBe(fast.outputsSha256);
      if (k < lanes) seen.kBelowLanes++;
      else if (k % lanes) seen.kRagged++;
      else seen.kWhole++;
      seen.dataflows.add(dataflow);
      seen.precisions.add(text);
    }
    // The draw covers what the test claims to cover.
    expect(seen.kBelowLanes).toBeGreaterThan(10);
    expect(seen.kRagged).toBeGreaterThan(50);
    expect(seen.kWhole).toBeGreaterThan(10);
    expect(seen.dataflows.size).toBe(3);
    expect(seen.precisions.size).toBe(PRECISIONS.length);
  });
});

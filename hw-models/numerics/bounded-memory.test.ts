import { describe, expect, it } from "vitest";
import { WORKLOADS, lookupWorkload } from "../../workloads/registry.js";
import { unwrap } from "../../workloads/result.js";
import { resolveSample } from "./sample-budget.js";
import { gridPlan } from "./output-sample.js";

/** Operand elements a sampled run may hold at once: 2^23 float64s (64 MiB per copy). */
const BOUND_ELEMENTS = 2 ** 23;

const MODELS = WORKLOADS.filter((e) => !["gemm", "conv"].includes(e.id)).map((e) => e.id);
const WHOLE = ["llama3-8b-prefill:layers=32", "llama3-8b-decode:layers=32", "bert-base:layers=12", "vit-b16:layers=12", "resnet50:b=8"];

describe("bounded memory under --sample auto", () => {
  for (const id of [...MODELS, ...WHOLE]) {
    it(`${id}: no grid holds more than 2^23 operand elements, and sampled layers never draw a whole operand`, () => {
      const w = unwrap(lookupWorkload(id));
      const s = unwrap(resolveSample({ kind: "auto" }, w.layers));
      let outputs = 0;
      for (const l of w.layers) {
        const { m, n, k } = l.gemm;
        const total = l.repeat * m * n;
        if (s.fraction >= 1) continue; // small workloads run in full
        for (const g of gridPlan(l.repeat, m, n, s.fraction * total)) {
          expect((g.rows + g.cols) * k).toBeLessThanOrEqual(BOUND_ELEMENTS);
          // A whole operand is drawn only when it is small (a row of A is the whole of A when m = 1).
          if (g.rows === m) expect(m * k).toBeLessThanOrEqual(BOUND_ELEMENTS);
          if (g.cols === n) expect(n * k).toBeLessThanOrEqual(BOUND_ELEMENTS);
          outputs += g.rows * g.cols;
        }
      }
      // Each computed output keeps a value, a reference and a code (24 bytes): bounded too.
      expect(outputs).toBeLessThan(4e6);
    });
  }
});

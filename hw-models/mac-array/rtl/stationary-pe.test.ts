import { describe, expect, it } from "vitest";
import { elaborate, StepContext } from "../../../sim/engine/index.js";
import { createPrng, type Prng } from "../../../sim/prng.js";
import { stationaryArray } from "./stationary-array.js";
import { StationaryPeKernel } from "./stationary-pe.js";

// A non-linear, order-sensitive add, so that a wrong operand or a missed update shows in the results.
const add = (acc: number, product: number) => (acc * 3 + product) % 1_000_003;

const bit = (rng: Prng) => rng.nextUint32() & 1;
const value = (rng: Prng) => (rng.nextUint32() % 2001) - 1000;

describe("stationary PE kernel", () => {
  it("the unrolled 3-stage loop equals the general loop on random states of random PE rows", () => {
    const rng = createPrng(8);
    for (let trial = 0; trial < 200; trial++) {
      const pes = 1 + (rng.nextUint32() % 6);
      const general = new StationaryPeKernel(2, add, false);
      const unrolled = new StationaryPeKernel(2, add);
      const width = general.width;
      // Rows of distinct register/counter slots; inputs may alias any number slot (as neighbours' registers do).
      const nSlots = pes * width + 8;
      const perm = Array.from({ length: nSlots }, (_, i) => i);
      for (let i = nSlots - 1; i > 0; i--) {
        const j = rng.nextUint32() % (i + 1);
        [perm[i], perm[j]] = [perm[j]!, perm[i]!];
      }
      const rows = Int32Array.from({ length: pes * width }, (_, i) => perm[i]!);
      for (let p = 0; p < pes; p++) for (let k = 0; k < 6; k++) rows[p * width + k] = rng.nextUint32() % nSlots;
      const cur = Float64Array.from({ length: nSlots }, () => (bit(rng) ? value(rng) : bit(rng)));
      const run = (kernel: StationaryPeKernel) => {
        const nxt = Float64Array.from({ length: nSlots }, (_, i) => -i);
        const counts = Float64Array.from({ length: nSlots }, (_, i) => i);
        kernel.run(new StepContext(cur, nxt, [], [], counts), rows, 0, rows.length);
        return { nxt, counts };
      };
      expect(run(unrolled)).toEqual(run(general));
    }
  });

  it("an array stepped one kernel call per cycle equals one call per PE (random sizes, depths and inputs)", () => {
    const rng = createPrng(9);
    for (let trial = 0; trial < 12; trial++) {
      const rows = 1 + (rng.nextUint32() % 5);
      const cols = 1 + (rng.nextUint32() % 5);
      const productStages = rng.nextUint32() % 4;
      const params = { rows, cols, productStages, add };
      const sims = [elaborate(stationaryArray, params), elaborate(stationaryArray, params, { batchKernels: false })];
      for (let t = 0; t < 60; t++) {
        const load = bit(rng) === 1;
        const pokes: [number, number][] = [];
        for (let k = 0; k < 2 * (rows + cols) + cols; k++) pokes.push([bit(rng), value(rng)]);
        for (const sim of sims) {
          const { top } = sim;
          let k = 0;
          sim.poke(top.load, load);
          for (let j = 0; j < cols; j++) {
            sim.poke(top.statInValid[j]!, pokes[k]![0] === 1);
            sim.poke(top.statIn[j]!, pokes[k++]![1]);
            sim.poke(top.psumIn[j]!, pokes[k++]![1]);
          }
          for (let i = 0; i < rows; i++) {
            sim.poke(top.xInValid[i]!, pokes[k]![0] === 1);
            sim.poke(top.xIn[i]!, pokes[k++]![1]);
          }
          sim.step();
        }
        const [a, b] = sims as [(typeof sims)[0], (typeof sims)[0]];
        expect(a.signals().map((s) => a.peek(s))).toEqual(b.signals().map((s) => b.peek(s)));
        expect(a.actionCountsByModule()).toEqual(b.actionCountsByModule());
      }
      expect(sims[0]!.actionTotals()["mac"]).toBeGreaterThan(0);
    }
  });
});

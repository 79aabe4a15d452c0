import { describe, expect, it } from "vitest";
import { unwrap } from "../../workloads/result.js";
import { arrayArea } from "./array-area.js";
import { estimate } from "./estimate.js";
import { macUnitCost } from "./mac-unit.js";
import { sramAreaPerBit } from "./sram.js";

describe("arrayArea", () => {
  const pe = unwrap(macUnitCost({ kind: "int", bits: 8 }));
  const spec = { pe, peCount: 256, buffers: [{ name: "weights", capacityBytes: 65536 }, { name: "activations", capacityBytes: 32768 }] };

  it("breaks the total into PEs, SRAM and control that add up", () => {
    const a = arrayArea(spec);
    expect(a.totalUm2.value).toBeCloseTo(a.peArrayUm2.value + a.sramUm2.value + a.controlUm2.value, 6);
    expect(a.peArrayUm2.value).toBeCloseTo(256 * pe.areaUm2.value, 6);
    expect(a.sramUm2.value).toBeCloseTo((65536 + 32768) * 8 * sramAreaPerBit().value, 3);
    expect(a.buffersUm2.weights!.value).toBeCloseTo(2 * a.buffersUm2.activations!.value, 6);
  });

  it("control is the configured fraction of the total (TPUv1's 2% by default)", () => {
    expect(arrayArea(spec).controlUm2.value / arrayArea(spec).totalUm2.value).toBeCloseTo(0.02, 12);
    const custom = arrayArea({ ...spec, controlFraction: estimate(0.1, "1", "test fraction") });
    expect(custom.controlUm2.value / custom.totalUm2.value).toBeCloseTo(0.1, 12);
  });

  it("rejects a control fraction of 1 or more and duplicate buffer names", () => {
    expect(() => arrayArea({ ...spec, controlFraction: estimate(1, "1", "test fraction") })).toThrow();
    expect(() => arrayArea({ ...spec, buffers: [spec.buffers[0]!, spec.buffers[0]!] })).toThrow();
  });
});

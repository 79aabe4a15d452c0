import { describe, expect, it } from "vitest";
import * as hwsim from "./index.js";

describe("package entry point", () => {
  it("exposes each layer's main API", () => {
    const f = hwsim.lookupScalar("fp8");
    if (!f.ok) throw new Error(f.reason);
    expect(hwsim.rawToDecimal(hwsim.decode(f.format, 0x7en))).toBe("448");
    const p = hwsim.parsePrecision("w4a8");
    const hw = hwsim.lookupHardware("mac-array:rows=4,cols=4");
    const wl = hwsim.lookupWorkload("gemm:m=4,n=4,k=4");
    if (!p.ok || !hw.ok || !wl.ok) throw new Error("lookup failed");
    const sim = hw.value.simulate(wl.value.layers, p.precision, { engine: "fast", timing: "pipelined", seed: 1, sampleFraction: 1 });
    if (!sim.ok) throw new Error(sim.reason);
    expect(sim.value.macs).toBe(64);
    expect(typeof hwsim.main).toBe("function");
  });
});

import { describe, expect, it } from "vitest";
import { gemmLayer } from "./gemm.js";

describe("gemmLayer", () => {
  it("counts m·n·k·repeat MACs with default weight roles", () => {
    const r = gemmLayer({ name: "g", m: 3, n: 5, k: 7, repeat: 2 });
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.macs).toBe(210);
    expect(r.value.op).toBe("gemm");
    expect(r.value.roles.b).toBe("weights");
  });
  it("rejects non-positive or fractional sizes", () => {
    expect(gemmLayer({ name: "g", m: 0, n: 1, k: 1 }).ok).toBe(false);
    expect(gemmLayer({ name: "g", m: 1, n: 1.5, k: 1 }).ok).toBe(false);
    const r = gemmLayer({ name: "g", m: 1, n: 1, k: 1, repeat: -2 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/repeat/);
  });
});

import { describe, expect, it } from "vitest";
import { makeLayer, operandElements, totalMacs, WEIGHT_ROLES } from "./layer.js";

describe("makeLayer", () => {
  it("computes macs = m·n·k·repeat and operand element counts", () => {
    const l = makeLayer({ name: "x", op: "gemm", gemm: { m: 2, n: 3, k: 4 }, repeat: 5, roles: WEIGHT_ROLES });
    expect(l.macs).toBe(120);
    expect(operandElements(l)).toEqual({ a: 40, b: 60, c: 30 });
    expect(totalMacs([l, l])).toBe(240);
    expect(totalMacs({ id: "w", name: "w", description: "", layers: [l], source: "" })).toBe(120);
  });
  it("throws on invalid dimensions or MAC counts beyond 2^53 (bugs in a builder)", () => {
    expect(() => makeLayer({ name: "x", op: "gemm", gemm: { m: 0, n: 1, k: 1 }, repeat: 1, roles: WEIGHT_ROLES })).toThrow(/m=0/);
    expect(() => makeLayer({ name: "x", op: "gemm", gemm: { m: 2 ** 20, n: 2 ** 20, k: 2 ** 20 }, repeat: 1, roles: WEIGHT_ROLES })).toThrow(/2\^53/);
  });
});

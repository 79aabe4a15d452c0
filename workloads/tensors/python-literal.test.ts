import { describe, expect, it } from "vitest";
import { parsePythonLiteral } from "./python-literal.js";

describe("parsePythonLiteral", () => {
  it("parses numpy header dicts", () => {
    const r = parsePythonLiteral("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }   \n");
    expect(r).toEqual({ ok: true, value: { descr: "<f4", fortran_order: false, shape: [3, 4] } });
    expect(parsePythonLiteral("{'shape': (), 'x': None, 'y': [1, -2], 'z': (5L,)}")).toEqual({
      ok: true, value: { shape: [], x: null, y: [1, -2], z: [5] },
    });
  });
  it("rejects malformed text", () => {
    expect(parsePythonLiteral("{'descr': '<f4'").ok).toBe(false);
    expect(parsePythonLiteral("{'a' 1}").ok).toBe(false);
    expect(parsePythonLiteral("{1: 2}").ok).toBe(false);
    expect(parsePythonLiteral("{'a': 1} junk").ok).toBe(false);
    expect(parsePythonLiteral("{'a': 'open}").ok).toBe(false);
  });
});

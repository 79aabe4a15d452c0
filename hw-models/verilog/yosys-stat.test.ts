import { describe, expect, it } from "vitest";
import { parseYosysStat } from "./yosys-stat.js";

const STAT = `
=== mac ===

   Number of wires:                945
   Number of cells:               1059
     $_ANDNOT_                      16
     $_DFF_P_                       32
     $_XOR_                        218

   Estimated number of transistors:       7794
`;

describe("parseYosysStat", () => {
  it("reads cells, transistors and cells per type", () => {
    expect(parseYosysStat(STAT)).toEqual({ ok: true, value: { cells: 1059, transistors: 7794, cellTypes: { $_ANDNOT_: 16, $_DFF_P_: 32, $_XOR_: 218 } } });
  });

  it("refuses a lower-bound transistor count (a cell without a CMOS cost) and a report without counts", () => {
    const r = parseYosysStat(STAT.replace("7794", "7164+"));
    expect(r.ok ? "" : r.reason).toMatch(/lower bound/);
    expect(parseYosysStat("nothing here").ok).toBe(false);
  });
});

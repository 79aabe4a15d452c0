import { describe, expect, it } from "vitest";
import { bibliography } from "./bibliography.js";

const A = (name: string, source: string) => ({ name, value: 1, unit: "pJ", source });

describe("numbered bibliography", () => {
  const list = [
    A("adder", "int adder energy: anchor (Horowitz, ISSCC 2014 paper 1.1, energy table) × 0.5"),
    A("shifter", "27 × 5 muxes (Weste & Harris, CMOS VLSI Design 4th ed., ch. 11) × NanGate FreePDK45 Open Cell Library: cell MUX2_X1 area"),
    A("register", "NanGate FreePDK45 …: cell DFF_X1 area"),
    A("odd", "a source no pattern knows"),
    A("adder again", "Horowitz, ISSCC 2014 keynote, area chart"),
  ];

  it("cites each work once, numbered in order of first citation; unknown sources are their own entry", () => {
    const b = bibliography(list);
    // Horowitz first [1]; the shifter cites NanGate and Weste & Harris, numbered in the list's pattern order: [2, 3].
    expect(b.cites).toEqual([[1], [2, 3], [2], [4], [1]]);
    expect(b.entries[1]).toMatch(/^NanGate/);
    expect(b.entries).toHaveLength(4);
    expect(b.entries[0]).toMatch(/^M\. Horowitz/);
    expect(b.entries[3]).toBe("a source no pattern knows");
  });

  it("is stable: the same input gives the same numbers", () => {
    expect(bibliography(list)).toEqual(bibliography([...list]));
  });
});

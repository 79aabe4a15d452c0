import { describe, expect, it } from "vitest";
import { HOROWITZ_FLOAT, HOROWITZ_INT_ADD_AREA, HOROWITZ_INT_MULT_AREA } from "./data/horowitz-45nm.js";
import { NANGATE_CELL_AREA as CELL } from "./data/nangate-45nm.js";
import { floatAdderCost } from "./float-adder.js";
import { floatAdderIntegerParts, floatAdderWidths } from "./float-adder-structure.js";
import { IEEE_ANCHOR_FORMATS, leadingZeroCounterArea, lzcNormaliserCost, shifterArea, shifterCost } from "./shifter.js";

const MUX = CELL.MUX2_X1.value;
const AND2 = CELL.AND2_X1.value;
const FA = CELL.FA_X1.value;
const HA = CELL.HA_X1.value;

/** Ripple-carry adder from cells: one FA_X1 per bit. */
const rippleAdder = (n: number) => n * FA;
/** n×n carry-save array multiplier from cells: n² AND2, n(n−2) full adders, n half adders. */
const arrayMultiplier = (n: number) => n * n * AND2 + n * (n - 2) * FA + n * HA;

/** An IEEE float adder composed from cells only, stage widths from float-adder-structure.ts. */
function cellFloatAdder(fmt: keyof typeof IEEE_ANCHOR_FORMATS): number {
  const { expBits, manBits } = IEEE_ANCHOR_FORMATS[fmt];
  const w = floatAdderWidths(expBits, manBits);
  const stages = Math.ceil(Math.log2(w.datapathBits));
  const shifterMuxes = w.datapathBits * stages;
  const lzc = (w.datapathBits - 1) * AND2 + (w.datapathBits - 1 - stages) * MUX;
  const integerBits = 2 * (expBits + 1) + (w.datapathBits + 1) + w.significandBits;
  return rippleAdder(integerBits) + 2 * shifterMuxes * MUX + lzc;
}

describe("shift-network area from NanGate cells", () => {
  it("a barrel shifter is w·⌈log2 w⌉ MUX2_X1 cells", () => {
    expect(shifterArea(27).value).toBeCloseTo(27 * 5 * 1.862, 9);
    expect(shifterArea(16).value).toBeCloseTo(16 * 4 * 1.862, 9);
    expect(shifterArea(17).value).toBeCloseTo(17 * 5 * 1.862, 9);
    expect(shifterArea(2).value).toBeCloseTo(2 * 1.862, 9);
    expect(shifterCost(27).areaUm2.value).toBe(shifterArea(27).value);
  });

  it("a leading-zero counter tree is w − 1 AND2_X1 plus w − 1 − log2 w count muxes", () => {
    expect(leadingZeroCounterArea(32).value).toBeCloseTo(31 * 1.064 + 26 * 1.862, 9);
    expect(leadingZeroCounterArea(4).value).toBeCloseTo(3 * 1.064 + 1 * 1.862, 9);
    expect(leadingZeroCounterArea(2).value).toBeCloseTo(1.064, 9);
  });

  it("an LZC + normaliser costs its LZC tree more than a plain shifter, at the same energy", () => {
    for (const w of [5, 14, 27, 50]) {
      const lzc = lzcNormaliserCost(w);
      expect(lzc.areaUm2.value - shifterCost(w).areaUm2.value).toBeCloseTo(leadingZeroCounterArea(w).value, 9);
      expect(lzc.energyPj.value).toBe(shifterCost(w).energyPj.value);
    }
  });

  it("area grows with width and widths below 2 are rejected", () => {
    for (let w = 2; w < 80; w++) {
      expect(shifterArea(w + 1).value).toBeGreaterThan(shifterArea(w).value);
      expect(leadingZeroCounterArea(w + 1).value).toBeGreaterThan(leadingZeroCounterArea(w).value);
    }
    expect(() => shifterArea(1)).toThrow();
    expect(() => leadingZeroCounterArea(1.5)).toThrow();
    expect(() => lzcNormaliserCost(0)).toThrow();
  });
});

describe("why float datapath area is composed from cells (decision in shifter.ts)", () => {
  it("the Horowitz integer area anchors agree with cell-level composition", () => {
    for (const [bits, ref] of Object.entries(HOROWITZ_INT_ADD_AREA)) {
      expect(Math.abs(rippleAdder(Number(bits)) / ref.value - 1)).toBeLessThan(0.1);
    }
    // 8×8: 64 AND2 + 48 FA + 8 HA ≈ 294 µm² against the 282 µm² anchor.
    expect(Math.abs(arrayMultiplier(8) / HOROWITZ_INT_MULT_AREA[8].value - 1)).toBeLessThan(0.25);
  });

  it("the recalled Horowitz float-add areas are more than 3× a cell-level composition of the same adder", () => {
    for (const fmt of ["fp16", "fp32"] as const) {
      expect(HOROWITZ_FLOAT[fmt].addArea.value / cellFloatAdder(fmt)).toBeGreaterThan(3);
    }
    // fp32: Horowitz 4184 µm², cells ≈ 867 µm².
    expect(HOROWITZ_FLOAT.fp32.addArea.value / cellFloatAdder("fp32")).toBeGreaterThan(4.5);
  });

  it("fitting the shift networks to those anchors would charge > 5 MUX2_X1 per mux bit", () => {
    for (const fmt of ["fp16", "fp32"] as const) {
      const { expBits, manBits } = IEEE_ANCHOR_FORMATS[fmt];
      const w = floatAdderWidths(expBits, manBits).datapathBits;
      const integer = floatAdderIntegerParts(expBits, manBits, "operands").reduce((s, p) => s + p.areaUm2.value, 0);
      const perMuxBit = (HOROWITZ_FLOAT[fmt].addArea.value - integer) / 2 / (w * Math.ceil(Math.log2(w)));
      expect(perMuxBit / MUX).toBeGreaterThan(5);
    }
  });

  it("the library's float adders match the cell-level composition within 5% (integer stages use the Horowitz law)", () => {
    for (const fmt of ["fp16", "fp32"] as const) {
      const { expBits, manBits } = IEEE_ANCHOR_FORMATS[fmt];
      expect(Math.abs(floatAdderCost(expBits, manBits).areaUm2.value / cellFloatAdder(fmt) - 1)).toBeLessThan(0.05);
    }
  });
});

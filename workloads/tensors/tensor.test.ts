import { describe, expect, it } from "vitest";
import { makeTensor, shapeSize, stridesOf } from "./tensor.js";

describe("tensor helpers", () => {
  it("computes sizes and row-major strides", () => {
    expect(shapeSize([])).toBe(1);
    expect(shapeSize([2, 3, 4])).toBe(24);
    expect(shapeSize([5, 0])).toBe(0);
    expect(stridesOf([2, 3, 4])).toEqual([12, 4, 1]);
  });
  it("checks data length against the shape", () => {
    expect(makeTensor([2, 2]).data).toHaveLength(4);
    expect(() => makeTensor([2, 2], new Float64Array(3))).toThrow(/4 elements/);
    expect(() => makeTensor([-1])).toThrow();
  });
});

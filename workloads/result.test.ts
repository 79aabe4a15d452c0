import { describe, expect, it } from "vitest";
import { fail, ok, unwrap } from "./result.js";

describe("Result helpers", () => {
  it("wraps values and reasons; unwrap throws on a failure", () => {
    expect(ok(3)).toEqual({ ok: true, value: 3 });
    expect(fail("nope")).toEqual({ ok: false, reason: "nope" });
    expect(unwrap(ok("v"))).toBe("v");
    expect(() => unwrap(fail("broken"))).toThrow(/broken/);
  });
});

import { describe, expect, it } from "vitest";
import { float64Decoder } from "./decode-float64.js";
import { NAMED_SCALARS, lookupScalar } from "../formats/registry.js";
import type { ScalarFormat } from "../formats/format.js";
import { decode } from "../codec.js";
import { toFloat64 } from "../float64.js";
import { createPrng } from "../../prng.js";

const same = (x: number, y: number) => Object.is(x, y) || (Number.isNaN(x) && Number.isNaN(y));

describe("fast decoder equals decode", () => {
  for (const nf of NAMED_SCALARS.filter((n) => n.format.bits <= 16)) {
    it(`${nf.format.id}: every code`, () => {
      const dec = float64Decoder(nf.format)!;
      for (let c = 0; c < 2 ** nf.format.bits; c++) {
        const want = toFloat64(decode(nf.format, BigInt(c)));
        if (!same(dec(c), want)) expect(`${c}: ${dec(c)}`).toBe(`${c}: ${want}`);
      }
    });
  }
  it("fp32, tf32, int32, uint8: seeded random codes and the specials", () => {
    const rng = createPrng(8);
    for (const id of ["fp32", "tf32", "int32", "uint32", "e8m0"]) {
      const f = (lookupScalar(id) as { ok: true; format: ScalarFormat }).format;
      const dec = float64Decoder(f)!;
      const codes = [0, 1, 2 ** f.bits - 1, 2 ** (f.bits - 1), 2 ** (f.bits - 1) - 1];
      for (let i = 0; i < 20000; i++) codes.push(rng.nextUint32() % 2 ** f.bits);
      for (const c of codes) {
        const want = toFloat64(decode(f, BigInt(c)));
        if (!same(dec(c), want)) expect(`${id} ${c}: ${dec(c)}`).toBe(`${id} ${c}: ${want}`);
      }
    }
  });
  it("declines formats wider than 32 bits", () => {
    expect(float64Decoder((lookupScalar("fp64") as { ok: true; format: ScalarFormat }).format)).toBeUndefined();
  });
});

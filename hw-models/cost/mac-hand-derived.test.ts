// Hand-derived MAC costs for int8, fp8-e4m3, bf16 and mxfp4, at 45 nm and after Stillmaker scaling to 7 nm. Every
// number is worked out here from the constants of hw-models/cost/data/* typed in as literals, following the rules the
// modules document (anchored laws, stage widths, register energy), without calling any composing function. The
// other cost tests check compositions against their own parts; these pin the result.
import { describe, expect, it } from "vitest";
import { unwrap } from "../../workloads/result.js";
import type { ComponentCost } from "./estimate.js";
import { blockMacCost } from "./block-mac.js";
import { macUnitCost } from "./mac-unit.js";
import type { OperandCostSpec } from "./operand.js";
import { MX_BLOCK_SCALE } from "./scale-unit.js";
import { scaleToNode } from "./tech-scaling.js";

/** Geometric interpolation of a per-bit coefficient between two anchors (anchored-law.ts): c0^(1−t)·c1^t. */
const geo = (c0: number, c1: number, t: number) => c0 ** (1 - t) * c1 ** t;

// --- Integer adder (Horowitz: 8b 0.03 pJ / 36 µm², 16b 0.05 / 67, 32b 0.1 / 137; law ∝ n). Per-bit coefficients:
// energy 0.03/8 = 0.00375, 0.05/16 = 0.003125, 0.1/32 = 0.003125; area 36/8 = 4.5, 67/16 = 4.1875, 137/32 = 4.28125.
// Below 8 bits the 8-bit coefficient holds; between anchors t = log2(n/n0) (anchors double).
const addE6 = 6 * 0.00375; // 0.0225 pJ
const addA6 = 6 * 4.5; // 27 µm²
const addE4 = 4 * 0.00375; // 0.015 pJ
const addA4 = 4 * 4.5; // 18 µm²
const addE9 = 9 * geo(0.00375, 0.003125, Math.log2(9 / 8)); // ≈ 0.032720 pJ
const addA9 = 9 * geo(4.5, 4.1875, Math.log2(9 / 8)); // ≈ 40.0077 µm²
const addE10 = 10 * geo(0.00375, 0.003125, Math.log2(10 / 8)); // ≈ 0.035362 pJ
const addA10 = 10 * geo(4.5, 4.1875, Math.log2(10 / 8)); // ≈ 43.9693 µm²
const addA24 = 24 * geo(4.1875, 4.28125, Math.log2(24 / 16)); // ≈ 101.810 µm²
const addA28 = 28 * geo(4.1875, 4.28125, Math.log2(28 / 16)); // ≈ 119.365 µm²

// --- Integer multiplier (Horowitz: 8×8 0.2 pJ / 282 µm², 32×32 3.1 / 3495; law ∝ partial products n·m).
// Below 64 partial products the 8×8 coefficient holds: 0.2/64 = 0.003125 pJ, 282/64 = 4.40625 µm² per product.
const mulE64 = 0.2; // 8×8 anchor (int8, and bf16's 8×8 significand array)
const mulA64 = 282;
const mulE16 = 16 * 0.003125; // E4M3 significands 4×4: 0.05 pJ
const mulA16 = 16 * 4.40625; // 70.5 µm²
const mulE4 = 4 * 0.003125; // E2M1 significands 2×2: 0.0125 pJ
const mulA4 = 4 * 4.40625; // 17.625 µm²

// --- Register, one NanGate DFF_X1 per bit, energies moved from 1.1 V to 0.9 V by (0.9/1.1)², toggle rate 0.5.
// Hold (CK, D = Q), mean of D=0/D=1: ((4.497803 + 2.441622) + (4.265302 + 2.627385))/2 = 6.916056 fJ.
// Toggle: D-pin mean (4.28235 + 3.12316 + 4.225775 + 3.083037)/4 = 3.6785805 fJ, plus capture edge mean
// (7.580013 + 7.53989)/2 = 7.5599515 fJ, minus the hold 6.916056 → 4.322476 fJ.
// Per bit per cycle: (6.916056 + 0.5·4.322476)·(0.81/1.21)/1000 ≈ 0.00607654 pJ. Area 4.522 µm² per bit.
const regBitE = ((6.916056 + 0.5 * 4.322476) * (0.9 / 1.1) ** 2) / 1000;
const reg32E = 32 * regBitE; // ≈ 0.194449 pJ
const reg32A = 32 * 4.522; // 144.704 µm²

// --- fp32 float adder (E8M23, datapath 24 + 3 GRS = 27 bits).
// Energy: the two 27-bit shift networks are fitted so that the adder reproduces Horowitz's 32b FP add, 0.9 pJ
// (shifter.ts: each network is (0.9 − integer stages)/2, the integer stages being 9, 28, 24 and 9 bits).
const fp32AddE = 0.9;
// Area: integer stages exp-diff 9b + significand adder 28b + rounder 24b + exp-adjust 9b, then cells:
// alignment shifter 27·⌈log2 27⌉ = 135 MUX2_X1 · 1.862 = 251.37; LZC tree (27 − 1)·AND2_X1 1.064 + (27 − 1 − 5)·1.862
// = 27.664 + 39.102 = 66.766, plus its own 251.37 normalising shifter. Total ≈ 870.696 µm².
const fp32AddA = addA9 + addA28 + addA24 + addA9 + 135 * 1.862 + (26 * 1.064 + 21 * 1.862 + 135 * 1.862);
// fp32 accumulator per MAC: the adder and a 1 + 8 + 23 = 32-bit register.
const fp32AccE = fp32AddE + reg32E; // ≈ 1.094449 pJ
const fp32AccA = fp32AddA + reg32A; // ≈ 1015.400 µm²

// --- Stillmaker & Baas 45 → 7 nm: area 0.059; energy EF_HP7(0.8)/EF_LP45(0.8) =
// (0.1776·0.64 − 0.09097·0.8 + 0.02447)/(1.103·0.64 − 0.362·0.8 + 0.2767) = 0.065358/0.69302 ≈ 0.0943090.
const AREA_7NM = 0.059;
const ENERGY_7NM = (0.1776 * 0.64 - 0.09097 * 0.8 + 0.02447) / (1.103 * 0.64 - 0.362 * 0.8 + 0.2767);

const HAND: Record<string, { energyPj: number; areaUm2: number }> = {
  // 8×8 multiplier + int32 accumulator (32b adder anchor 0.1 pJ / 137 µm², 32-bit register).
  // 0.2 + 0.1 + 0.194449 ≈ 0.494449 pJ; 282 + 137 + 144.704 = 563.704 µm².
  int8: { energyPj: mulE64 + 0.1 + reg32E, areaUm2: mulA64 + 137 + reg32A },
  // 4×4 significand array + (4 + 2)-bit exponent adder, exact product into fp32 (max(23, 4 + 4 − 1) = 23 fraction bits).
  // 0.05 + 0.0225 + 1.094449 ≈ 1.166949 pJ; 70.5 + 27 + 1015.400 ≈ 1112.900 µm².
  "fp8-e4m3": { energyPj: mulE16 + addE6 + fp32AccE, areaUm2: mulA16 + addA6 + fp32AccA },
  // 8×8 significand array + (8 + 2)-bit exponent adder into fp32 (max(23, 15) = 23).
  // 0.2 + 0.035362 + 1.094449 ≈ 1.329811 pJ; 282 + 43.969 + 1015.400 ≈ 1341.370 µm².
  bf16: { energyPj: mulE64 + addE10 + fp32AccE, areaUm2: mulA64 + addA10 + fp32AccA },
  // E2M1 MAC: 2×2 array + (2 + 2)-bit exponent adder into fp32, plus one E8M0 scale unit per 32 MACs: shared-exponent
  // add (8 + 1 = 9b), scale-exponent add on the fp32 partial (9b), fp32 merge adder and 32-bit register.
  // 0.0125 + 0.015 + 1.094449 + (2·0.032720 + 0.9 + 0.194449)/32 ≈ 1.158196 pJ;
  // 17.625 + 18 + 1015.400 + (2·40.008 + 870.696 + 144.704)/32 ≈ 1085.257 µm².
  mxfp4: {
    energyPj: mulE4 + addE4 + fp32AccE + (2 * addE9 + fp32AddE + reg32E) / 32,
    areaUm2: mulA4 + addA4 + fp32AccA + (2 * addA9 + fp32AddA + reg32A) / 32,
  },
};

const E2M1: OperandCostSpec = { kind: "float", expBits: 2, manBits: 1 };
const COMPUTED: Record<keyof typeof HAND, () => ComponentCost> = {
  int8: () => unwrap(macUnitCost({ kind: "int", bits: 8 })),
  "fp8-e4m3": () => unwrap(macUnitCost({ kind: "float", expBits: 4, manBits: 3 })),
  bf16: () => unwrap(macUnitCost({ kind: "float", expBits: 8, manBits: 7 })),
  // As the MAC array prices mxfp4 (datapath-cost.ts): E2M1 elements, the OCP MX E8M0/32 scale, fp32-seq accumulator.
  mxfp4: () => unwrap(blockMacCost(E2M1, E2M1, MX_BLOCK_SCALE, { kind: "float", expBits: 8, manBits: 23 })),
};

/** Relative agreement to 1e-12: both sides are the same arithmetic in a different order. */
function expectClose(got: number, want: number, what: string): void {
  expect(Math.abs(got / want - 1), `${what}: got ${got}, hand ${want}`).toBeLessThan(1e-12);
}

describe("MAC unit costs worked out by hand from the data tables", () => {
  it.each(Object.keys(HAND))("%s at 45 nm", (id) => {
    const c = COMPUTED[id]!();
    expectClose(c.energyPj.value, HAND[id]!.energyPj, `${id} energy`);
    expectClose(c.areaUm2.value, HAND[id]!.areaUm2, `${id} area`);
  });

  it.each(Object.keys(HAND))("%s at 7 nm (Stillmaker & Baas 2017)", (id) => {
    const c = scaleToNode(COMPUTED[id]!(), { nodeNm: 7, method: "stillmaker-2017" });
    expectClose(c.energyPj.value, HAND[id]!.energyPj * ENERGY_7NM, `${id} energy at 7 nm`);
    expectClose(c.areaUm2.value, HAND[id]!.areaUm2 * AREA_7NM, `${id} area at 7 nm`);
  });

  it("fp8-e4m3's two parts, so that errors cannot cancel: multiplier and fp32 accumulator", () => {
    const [mult, acc] = COMPUTED["fp8-e4m3"]!().parts;
    expectClose(mult!.energyPj.value, mulE16 + addE6, "multiplier energy"); // 0.05 + 0.0225 = 0.0725 pJ
    expectClose(mult!.areaUm2.value, mulA16 + addA6, "multiplier area"); // 70.5 + 27 = 97.5 µm²
    expectClose(acc!.energyPj.value, fp32AccE, "accumulator energy");
    expectClose(acc!.areaUm2.value, fp32AccA, "accumulator area");
  });
});

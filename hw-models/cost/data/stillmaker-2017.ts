/**
 * Technology scaling from A. Stillmaker and B. Baas, "Scaling equations for the accurate prediction of CMOS
 * device performance from 180 nm to 7 nm", Integration, the VLSI Journal 58 (2017) 74–81,
 * doi:10.1016/j.vlsi.2017.02.002.
 * - Area: the paper's node-to-node area scaling-factor table, row "from 45 nm".
 * - Energy: per-node energy-factor polynomials EF(V) = a·V² + b·V + c (the coefficient tables; the authors'
 *   corrigendum names Table 5 for the HP coefficients, e.g. HP32 = 0.8367, −0.4341, 0.1701). Energy from node
 *   X to Y scales by EF_Y(V)/EF_X(V).
 * Values cross-checked against two independent transcriptions: UCLA NanoCAD `nodeScale.py`
 * (github.com/wromaszkan/nodeScale) and the Accelergy/hwcomponents technology-scaling module, whose
 * LP45 → HP7 pairing at 0.8 V gives the 0.094× that hwsim REFERENCES §5 quotes.
 */
import type { Estimate } from "../estimate.js";

const SB = "Stillmaker & Baas 2017, Integration 58:74–81";
const AREA = `${SB}, area scaling-factor table, row 45 nm`;

const f = (value: number, to: string): Estimate => ({ value, unit: "1", source: `${AREA} → ${to}` });

/** Area factor from 45 nm to each tabulated node (dimensionless). */
export const STILLMAKER_AREA_FROM_45NM = {
  45: f(1, "45 nm"),
  32: f(0.46, "32 nm"),
  20: f(0.21, "20 nm"),
  16: f(0.19, "16 nm"),
  14: f(0.17, "14 nm"),
  10: f(0.1, "10 nm"),
  7: f(0.059, "7 nm"),
} as const satisfies Readonly<Record<number, Estimate>>;

/** One energy-factor polynomial a·V² + b·V + c for a node and device flavour. */
export interface EnergyPolynomial {
  readonly a: Estimate;
  readonly b: Estimate;
  readonly c: Estimate;
}

const poly = (device: string, a: number, b: number, c: number): EnergyPolynomial => {
  const s = `${SB}, energy-factor polynomial coefficients, ${device}`;
  return {
    a: { value: a, unit: "1", source: `${s}: V² term` },
    b: { value: b, unit: "1", source: `${s}: V term` },
    c: { value: c, unit: "1", source: `${s}: constant` },
  };
};

/** Energy-factor polynomials (V in volts). LP = low-power PTM devices, HP = high-performance. */
export const STILLMAKER_ENERGY_POLY = {
  LP45: poly("LP 45 nm", 1.103, -0.362, 0.2767),
  HP45: poly("HP 45 nm", 1.018, -0.3107, 0.1539),
  LP32: poly("LP 32 nm", 0.9559, -0.7823, 0.471),
  HP32: poly("HP 32 nm (Table 5, per corrigendum)", 0.8367, -0.4341, 0.1701),
  HP20: poly("HP 20 nm", 0.373, -0.1582, 0.04104),
  HP16: poly("HP 16 nm", 0.2958, -0.1241, 0.03024),
  HP14: poly("HP 14 nm", 0.2363, -0.09675, 0.02239),
  HP10: poly("HP 10 nm", 0.2068, -0.09311, 0.02375),
  HP7: poly("HP 7 nm", 0.1776, -0.09097, 0.02447),
} as const satisfies Readonly<Record<string, EnergyPolynomial>>;

/** Supply at which both ends are evaluated by default (hwsim REFERENCES §5: "energy 0.094× at 0.8 V"). */
export const STILLMAKER_DEFAULT_VDD: Estimate = {
  value: 0.8,
  unit: "V",
  source: "hwsim REFERENCES §5 (Stillmaker & Baas 45→7 nm energy 0.094× quoted at 0.8 V)",
};

/**
 * `hwsim isa <dsp-target> <instruction>`: FPGA hard-block primitives, bit-exact. Register-like outputs are
 * lower-case hex with the full width; decoded integers are numbers.
 */
import { dsp48e2Comb, toUnsigned, wrapSigned } from "./dsp48e2.js";
import { INT4X4, dsp58Dot3, dsp58Dot3FromPorts, extractFields, int4x4Ports, int8x2Ports, packedProduct, wp486Extract } from "./packing.js";

export interface DspOperand {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly default?: number;
}

export interface DspInstruction {
  readonly name: string;
  readonly description: string;
  readonly inputs: readonly DspOperand[];
  exec(v: Readonly<Record<string, number>>): Record<string, string | number>;
}

const hex = (x: number, bits: number) => "0x" + toUnsigned(x, bits).toString(16).padStart(Math.ceil(bits / 4), "0");
const s = (name: string, bits: number, def?: number): DspOperand => ({ name, min: -(2 ** (bits - 1)), max: 2 ** bits - 1, ...(def !== undefined ? { default: def } : {}) });
const int = (name: string, lo: number, hi: number): DspOperand => ({ name, min: lo, max: hi });

export const DSP_TARGETS: Readonly<Record<string, readonly DspInstruction[]>> = {
  dsp48e2: [
    {
      name: "pack-int8x2",
      description: "WP486: P = (a·2^18 + b)·c through the pre-adder; ac = (P >> 18) + P[17], bc = SignExtend(P[17:0])",
      inputs: [int("a", -128, 127), int("b", -128, 127), int("c", -128, 127)],
      exec: (v) => {
        const p = packedProduct(int8x2Ports(v["a"]!, v["b"]!, v["c"]!));
        const { ac, bc } = wp486Extract(p);
        return { p: hex(p, 48), ac, bc };
      },
    },
    {
      name: "pack-int4x4",
      description: "WP521-style: AD = w0 + w1·2^22, B = x0 + x1·2^11; P fields (11, 11, 11, 15 bits) = w0x0, w0x1, w1x0, w1x1",
      inputs: [int("w0", -8, 7), int("w1", -8, 7), int("x0", -8, 7), int("x1", -8, 7)],
      exec: (v) => {
        const p = packedProduct(int4x4Ports(v["w0"]!, v["w1"]!, v["x0"]!, v["x1"]!));
        const [w0x0, w0x1, w1x0, w1x1] = extractFields(p, INT4X4.lowFieldBits) as [number, number, number, number];
        return { p: hex(p, 48), w0x0, w0x1, w1x0, w1x1 };
      },
    },
    {
      name: "alu",
      description: "one pass with registers bypassed: AD = D ± A (INMODE), M = AD·B, P = ALU(W, X, Y, Z) per OPMODE/ALUMODE (UG579)",
      inputs: [s("a", 30, 0), s("b", 18, 0), s("c", 48, 0), s("d", 27, 0), s("pcin", 48, 0), s("p", 48, 0), int("opmode", 0, 511), int("alumode", 0, 15), int("inmode", 0, 31), int("carryin", 0, 1)].map((o) => (o.default === undefined && o.name !== "opmode" ? { ...o, default: 0 } : o)),
      exec: (v) => {
        const p = dsp48e2Comb({ AREG: 0, BREG: 0, CREG: 0, DREG: 0, ADREG: 0, MREG: 0, PREG: 1, USE_DPORT: true, USE_MULT: "MULTIPLY", USE_SIMD: "ONE48" },
          { a: wrapSigned(v["a"]!, 30), b: wrapSigned(v["b"]!, 18), c: wrapSigned(v["c"]!, 48), d: wrapSigned(v["d"]!, 27), pcin: wrapSigned(v["pcin"]!, 48), opmode: v["opmode"]!, alumode: v["alumode"]!, inmode: v["inmode"]!, carryin: v["carryin"]! }, wrapSigned(v["p"]!, 48));
        return { p: hex(p, 48) };
      },
    },
  ],
  dsp58: [
    {
      name: "dot3",
      description: "AM004 INT8 vector dot product: A = three 9-bit lanes, B = three 8-bit lanes; P = C + Σ a_i·b_i (58 bits)",
      inputs: [int("a", 0, 2 ** 27 - 1), int("b", 0, 2 ** 24 - 1), { ...s("c", 58, 0), max: 2 ** 53 - 1 }],
      exec: (v) => {
        const { a, b } = dsp58Dot3FromPorts(v["a"]!, v["b"]!);
        const p = dsp58Dot3(a, b, v["c"]!);
        return { p: hex(p, 58), dot: p - v["c"]! };
      },
    },
  ],
};

export function dspOperandNames(): string[] {
  return [...new Set(Object.values(DSP_TARGETS).flatMap((set) => set.flatMap((u) => u.inputs.map((i) => i.name))))].sort();
}

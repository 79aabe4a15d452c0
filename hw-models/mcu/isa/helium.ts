import type { IsaUnit } from "./unit.js";
import { reg } from "./unit.js";
import { FP16, FP32, fpUnit } from "./fp.js";
import { lanesOf, packLanes, signed } from "./lanes.js";

/**
 * The Armv8.1-M MVE (Helium) subset NN kernels use (Armv8-M Architecture Reference Manual, ARM DDI 0553B,
 * §C2.4 instruction descriptions), unpredicated (all lanes active), beat-wise results as one instruction.
 */
const MVE = "ARM DDI 0553B (Armv8-M ARM) §C2.4";

/** VMLADAV[A].S8/S16 Rda, Qn, Qm: Rda = [Rda +] Σ lanes Qn[i]·Qm[i], kept to 32 bits. */
function vmladav(bits: 8 | 16, accumulate: boolean): IsaUnit {
  const name = `vmladav${accumulate ? "a" : ""}.s${bits}`;
  return {
    name,
    family: "armv8.1-m-mve",
    inputs: [...(accumulate ? [reg("rda")] : []), reg("qn", 128), reg("qm", 128)],
    outputs: [reg("rda")],
    flags: [],
    source: `${MVE} ${name.toUpperCase()}: Rda = ${accumulate ? "Rda + " : ""}Σ_{i<${128 / bits}} SInt(Qn[i])·SInt(Qm[i]), result<31:0>`,
    exec(x, q) {
      const a = lanesOf(x["qn"]!, bits, 128 / bits);
      const b = lanesOf(x["qm"]!, bits, 128 / bits);
      let sum = accumulate ? x["rda"]! : 0n;
      for (let i = 0; i < a.length; i++) sum += signed(a[i]!, bits) * signed(b[i]!, bits);
      return { outputs: { rda: BigInt.asUintN(32, sum) }, q };
    },
  };
}

/** VMLA.I8/I16/I32 Qda, Qn, Rm: Qda[i] = Qda[i] + Qn[i]·Rm<esize−1:0>, wrapping per lane. */
function vmla(bits: 8 | 16 | 32): IsaUnit {
  const name = `vmla.i${bits}`;
  return {
    name,
    family: "armv8.1-m-mve",
    inputs: [reg("qda", 128), reg("qn", 128), reg("rm")],
    outputs: [reg("qda", 128)],
    flags: [],
    source: `${MVE} VMLA (vector by scalar): Qda[i] = (Qda[i] + Qn[i]·Rm<${bits - 1}:0>)<${bits - 1}:0>`,
    exec(x, q) {
      const count = 128 / bits;
      const a = lanesOf(x["qda"]!, bits, count);
      const nn = lanesOf(x["qn"]!, bits, count);
      const s = x["rm"]! & ((1n << BigInt(bits)) - 1n);
      return { outputs: { qda: packLanes(a.map((v, i) => v + nn[i]! * s), bits) }, q };
    },
  };
}

/** VLDRB.S16/U16/S32/U32 Qd, [Rn]: load 128/esize bytes, widen each to esize bits. `mem` holds them, byte 0 lowest. */
function vldrb(signedLoad: boolean, bits: 16 | 32): IsaUnit {
  const name = `vldrb.${signedLoad ? "s" : "u"}${bits}`;
  const count = 128 / bits;
  return {
    name,
    family: "armv8.1-m-mve",
    inputs: [reg("mem", count * 8)],
    outputs: [reg("qd", 128)],
    flags: [],
    source: `${MVE} VLDRB (widening): Qd[i] = ${signedLoad ? "SignExtend" : "ZeroExtend"}(MemU[Rn + i, 1], ${bits}) for i < ${count}`,
    exec(x, q) {
      const bytes = lanesOf(x["mem"]!, 8, count);
      return { outputs: { qd: packLanes(bytes.map((b) => (signedLoad ? signed(b, 8) : b)), bits) }, q };
    },
  };
}

/**
 * VFMA.F16 Qda, Qn, Rm (vector by scalar plus vector): Qda[i] = FPMulAdd(Qda[i], Qn[i], Rm<15:0>), fused, for the
 * 8 half-precision lanes. Named `vfma.f16.rm` here to tell it from the vector-by-vector form.
 */
function vfmaByScalarF16(): IsaUnit {
  const lane = fpUnit("vfma.f16", "armv8.1-m-mve", "fma", FP16, 128, { a: "qn", b: "qm", acc: "qda", out: "qda" }, "");
  return {
    name: "vfma.f16.rm",
    family: "armv8.1-m-mve",
    inputs: [reg("qda", 128), reg("qn", 128), reg("rm")],
    outputs: [reg("qda", 128)],
    flags: [],
    source: `${MVE} VFMA (vector by scalar plus vector), F16: Qda[i] = FPMulAdd(Qda[i], Qn[i], Rm<15:0>) for i < 8 (fused)`,
    exec(x, q) {
      const s = x["rm"]! & 0xffffn;
      return lane.exec({ qda: x["qda"]!, qn: x["qn"]!, qm: packLanes(Array.from({ length: 8 }, () => s), 16) }, q);
    },
  };
}

export const HELIUM_UNITS: readonly IsaUnit[] = [
  vmladav(8, false),
  vmladav(8, true),
  vmladav(16, false),
  vmladav(16, true),
  vmla(8),
  vmla(16),
  vmla(32),
  fpUnit("vfma.f16", "armv8.1-m-mve", "fma", FP16, 128, { a: "qn", b: "qm", acc: "qda", out: "qda" }, `${MVE} VFMA.F16: Qda[i] = FPMulAdd(Qda[i], Qn[i], Qm[i]) (fused)`),
  vfmaByScalarF16(),
  fpUnit("vfma.f32", "armv8.1-m-mve", "fma", FP32, 128, { a: "qn", b: "qm", acc: "qda", out: "qda" }, `${MVE} VFMA.F32: Qda[i] = FPMulAdd(Qda[i], Qn[i], Qm[i]) (fused)`),
  vldrb(true, 16),
  vldrb(false, 16),
  vldrb(true, 32),
  vldrb(false, 32),
];

import type { IsaUnit } from "../isa/unit.js";

/**
 * A kernel program: a flat list of decoded instructions. Registers are numbered: 0..31 the integer (and, on the
 * PULP cores with Zfinx-style shared FPU registers, float) file, 32..39 Helium Q0..Q7. Register 0 is an ordinary
 * register here (kernels never rely on RISC-V's hard-wired x0).
 */
export type TimingClass = "alu" | "mul" | "mac" | "dsp" | "load" | "store" | "fp" | "fp-mac" | "vec" | "vec-load" | "branch" | "loop-setup";

export const Q0 = 32;

export type Instr =
  | { readonly kind: "unit"; readonly unit: IsaUnit; readonly ins: Readonly<Record<string, number | { imm: number }>>; readonly outs: Readonly<Record<string, number>>; readonly cls: TimingClass }
  /**
   * rd = mem[base + offset + (index << shift)] (bytes LE, sign- or zero-extended, or widened through `widen`);
   * base += postInc. `index` is the register-offset form (ARM LDR Rt, [Rn, Rm, LSL #s]; XpulpV2 p.lw rd, rs2(rs1)).
   */
  | { readonly kind: "load"; readonly rd: number; readonly base: number; readonly offset: number; readonly bytes: number; readonly signed: boolean; readonly postInc: number; readonly widen?: IsaUnit; readonly index?: number; readonly shift?: number; readonly cls: TimingClass }
  | { readonly kind: "store"; readonly rs: number; readonly base: number; readonly offset: number; readonly bytes: number; readonly postInc: number; readonly cls: TimingClass }
  | { readonly kind: "li"; readonly rd: number; readonly value: bigint; readonly cls: TimingClass }
  | { readonly kind: "addi"; readonly rd: number; readonly rs: number; readonly imm: number; readonly cls: TimingClass }
  /** if rs ≠ 0 goto target (after this instruction's own update). */
  | { readonly kind: "bnez"; readonly rs: number; readonly target: number; readonly cls: TimingClass }
  /** Hardware loop (RI5CY lp.setup): run [pc+1, end] `count` times (count from a register), zero overhead. */
  | { readonly kind: "lpsetup"; readonly level: 0 | 1; readonly countReg: number; readonly end: number; readonly cls: TimingClass }
  | { readonly kind: "halt"; readonly cls: TimingClass };

/** Registers an instruction reads. */
export function sourcesOf(i: Instr): number[] {
  switch (i.kind) {
    case "unit":
      return Object.values(i.ins).filter((v): v is number => typeof v === "number");
    case "load":
      return i.index === undefined ? [i.base] : [i.base, i.index];
    case "store":
      return [i.rs, i.base];
    case "addi":
    case "bnez":
      return [i.rs];
    case "lpsetup":
      return [i.countReg];
    default:
      return [];
  }
}

/** Registers an instruction writes (a post-incremented base is written by the address unit: see timing). */
export function destsOf(i: Instr): number[] {
  switch (i.kind) {
    case "unit":
      return Object.values(i.outs);
    case "load":
      return [i.rd];
    case "li":
    case "addi":
      return [i.rd];
    default:
      return [];
  }
}

/** Registers updated by post-increment (available to the next instruction without a stall). */
export function addressUpdatesOf(i: Instr): number[] {
  return (i.kind === "load" || i.kind === "store") && i.postInc !== 0 ? [i.base] : [];
}

/**
 * An instruction as data: its operands (manual names), outputs, the flags it defines, its source and a pure
 * `exec`. Register values are unsigned bigints of the register's width (32 bits; 128 for Helium Q registers);
 * immediates are small non-negative integers. `exec` never touches machine state: the ISS and `hwsim isa` both
 * call it.
 */
export interface IsaUnit {
  /** Lower-case mnemonic, e.g. `smlad`, `pv.sdotsp.b`, `vmladava.s8`. */
  readonly name: string;
  readonly family: IsaFamily;
  /** Register inputs in manual order; for RISC-V the accumulator input is `rd`. */
  readonly inputs: readonly OperandSpec[];
  /** Register outputs (e.g. `rd`, or `rdlo`/`rdhi`). */
  readonly outputs: readonly OperandSpec[];
  /** Flags the instruction defines (only ARM's sticky Q here). */
  readonly flags: readonly "q"[];
  /** Manual section the semantics follow. */
  readonly source: string;
  exec(inputs: Readonly<Record<string, bigint>>, q: boolean): IsaOutcome;
}

export interface IsaOutcome {
  readonly outputs: Readonly<Record<string, bigint>>;
  /** The Q flag after the instruction (sticky: stays set if it was set). */
  readonly q: boolean;
}

export type IsaFamily = "armv7e-m-dsp" | "armv8.1-m-mve" | "arm-fp" | "rv32" | "xpulpv2" | "xpulpnn" | "pulp-fp";

export interface OperandSpec {
  readonly name: string;
  /** Register width in bits; 0 for an immediate. */
  readonly widthBits: number;
  /** Accepted immediate values (inclusive range), for immediates. */
  readonly range?: readonly [number, number];
  /** Immediates that must be one of these (e.g. ROR #0/8/16/24). */
  readonly values?: readonly number[];
  /** Default when the operand is not given (immediates such as a rotation). */
  readonly default?: bigint;
}

export const reg = (name: string, widthBits = 32): OperandSpec => ({ name, widthBits });
export const imm = (name: string, range: readonly [number, number], extra: Partial<OperandSpec> = {}): OperandSpec => ({ name, widthBits: 0, range, ...extra });

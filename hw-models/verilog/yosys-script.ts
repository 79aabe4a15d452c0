/**
 * The Yosys recipe behind every cell and transistor count hwsim reports: generic synthesis (flattened, without
 * its own ABC pass), flip-flops legalised to plain D flip-flops (the clear becomes logic, so every flop has a
 * CMOS transistor cost), one `abc -fast` mapping onto two-input CMOS gates and 2:1 muxes, and `stat -tech cmos`
 * (Yosys's per-gate transistor costs: NOT 2, NAND/NOR 4, AND/OR/ANDNOT/ORNOT 6, XOR/XNOR 12, MUX 12, DFF 16).
 * `-fast` keeps a dot16 unit to seconds; ABC's full script took 11 minutes on dot16-int8 for 12% fewer
 * transistors (63,620 against 72,264 with Yosys 0.23), the same for every unit kind to first order.
 */

/** ABC's gate library: two-input CMOS gates and a 2:1 mux (NOT is always included). */
export const ABC_GATES = "AND,NAND,OR,NOR,XOR,XNOR,ANDNOT,ORNOT,MUX";

/** The Yosys commands for `file` with top module `top`; statistics go to `statFile`. */
export function yosysScript(file: string, top: string, statFile: string): string {
  return [
    `read_verilog ${file}`,
    `synth -flatten -noabc -top ${top}`,
    `dfflegalize -cell $_DFF_P_ x`,
    `abc -fast -g ${ABC_GATES}`,
    `opt_clean`,
    `tee -q -o ${statFile} stat -tech cmos`,
  ].join("; ");
}

/**
 * Testbenches for co-simulation with iverilog: one drives the combinational core with a vector per line of a
 * hex file and prints d; the other clocks the registered top through step sequences and prints acc after each
 * clock. Vectors are packed {c, sb, sa, b, a} (lane 0 of a in the low bits), one hex word per line.
 */
import type { UnitVector } from "./unit-reference.js";
import type { UnitPorts } from "./unit-verilog.js";

/** Hex word of one core vector. */
export function packVector(p: UnitPorts, v: UnitVector, laneBits: { a: number; b: number }): string {
  const pack = (codes: readonly bigint[], bits: number) => codes.reduce((acc, x, i) => acc | (BigInt.asUintN(bits, x) << BigInt(i * bits)), 0n);
  let word = pack(v.a, laneBits.a);
  let at = BigInt(p.aBits);
  word |= pack(v.b, laneBits.b) << at;
  at += BigInt(p.bBits);
  if (p.scaleBits) {
    word |= BigInt.asUintN(p.scaleBits, v.sa) << at;
    at += BigInt(p.scaleBits);
    word |= BigInt.asUintN(p.scaleBits, v.sb) << at;
    at += BigInt(p.scaleBits);
  }
  word |= BigInt.asUintN(p.accBits, v.c) << at;
  return word.toString(16);
}

function slices(p: UnitPorts): { a: string; b: string; sa: string; sb: string; c: string; width: number } {
  let at = 0;
  const take = (bits: number) => {
    const s = `v[${at + bits - 1}:${at}]`;
    at += bits;
    return s;
  };
  const a = take(p.aBits);
  const b = take(p.bBits);
  const sa = p.scaleBits ? take(p.scaleBits) : "";
  const sb = p.scaleBits ? take(p.scaleBits) : "";
  const c = take(p.accBits);
  return { a, b, sa, sb, c, width: at };
}

/** Testbench for `core`: reads `count` vectors from `file`, prints d (hex) for each. */
export function coreTestbench(core: string, p: UnitPorts, file: string, count: number): string {
  const s = slices(p);
  const scale = p.scaleBits ? `, .sa(${s.sa}), .sb(${s.sb})` : "";
  return [
    "module tb;",
    `  reg [${s.width - 1}:0] mem [0:${count - 1}];`,
    `  reg [${s.width - 1}:0] v;`,
    `  wire [${p.accBits - 1}:0] d;`,
    "  integer i;",
    `  ${core} dut(.a(${s.a}), .b(${s.b})${scale}, .c(${s.c}), .d(d));`,
    "  initial begin",
    `    $readmemh("${file}", mem);`,
    `    for (i = 0; i < ${count}; i = i + 1) begin v = mem[i]; #1 $display("%h", d); end`,
    "    $finish;",
    "  end",
    "endmodule",
    "",
  ].join("\n");
}

/**
 * Testbench for the registered `top`: each line of `file` is {clr, sb, sa, b, a} (c unused, as 0); one clock per
 * line, acc printed (hex) after each.
 */
export function topTestbench(top: string, p: UnitPorts, file: string, count: number): string {
  const s = slices(p);
  const clr = s.width; // the clear bit sits above the packed vector
  const scale = p.scaleBits ? `, .sa(${s.sa}), .sb(${s.sb})` : "";
  return [
    "module tb;",
    `  reg [${s.width}:0] mem [0:${count - 1}];`,
    `  reg [${s.width}:0] v;`,
    "  reg clk = 0;",
    `  wire [${p.accBits - 1}:0] acc;`,
    "  integer i;",
    `  ${top} dut(.clk(clk), .clr(v[${clr}]), .a(${s.a}), .b(${s.b})${scale}, .acc(acc));`,
    "  initial begin",
    `    $readmemh("${file}", mem);`,
    `    for (i = 0; i < ${count}; i = i + 1) begin v = mem[i]; #1 clk = 1; #1 clk = 0; $display("%h", acc); end`,
    "    $finish;",
    "  end",
    "endmodule",
    "",
  ].join("\n");
}

/** Hex word of one top-level line: a step, or a clear (`clr` set). */
export function packTopLine(p: UnitPorts, v: UnitVector, laneBits: { a: number; b: number }, clr: boolean): string {
  const width = BigInt(p.aBits + p.bBits + 2 * p.scaleBits + p.accBits);
  const word = BigInt(`0x${packVector(p, { ...v, c: 0n }, laneBits)}`) | (clr ? 1n << width : 0n);
  return word.toString(16);
}

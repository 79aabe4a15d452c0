/**
 * Verilog for an integer MAC / n-term dot unit: d = wrap(c + Σ a_i·b_i) in the accumulator width. Products are
 * exact (an n-bit × n-bit array multiplier each), the adder tree is exact up to the accumulator width and the
 * result wraps once; two's-complement wrapping is modular, so this equals hwsim's per-product wrap in
 * `dot()` with an `int` wrap accumulator (sim/numerics/ops/dot.ts).
 */
import { fail, ok, type Result } from "../../workloads/result.js";
import { moduleName } from "./float-unit-verilog.js";
import type { IntUnitSpec } from "./unit-spec.js";
import { signedAdderTree } from "./verilog-text.js";

/** The combinational core `<name>_core(a, b, c) → d`; a and b hold n codes, lane 0 in the low bits. */
export function intUnitCore(u: IntUnitSpec): Result<string> {
  const acc = u.accumulator;
  if (acc.overflow !== "wrap") return fail(`${u.id}: only wrapping integer accumulators are generated (saturation is sequential per product)`);
  const wa = u.a.bits;
  const wb = u.b.bits;
  const aw = acc.widthBits;
  // Unsigned operands get a zero bit so every product is a signed multiply of the right values.
  const ext = (f: { signed: boolean }, slice: string) => (f.signed ? `$signed(${slice})` : `$signed({1'b0, ${slice}})`);
  const pw = wa + wb + (u.a.signed ? 0 : 1) + (u.b.signed ? 0 : 1);
  const lines = [`module ${moduleName(u.id)}_core(input [${u.n * wa - 1}:0] a, input [${u.n * wb - 1}:0] b, input [${aw - 1}:0] c, output [${aw - 1}:0] d);`];
  const leaves = [];
  for (let i = 0; i < u.n; i++) {
    lines.push(`  wire signed [${pw - 1}:0] p${i} = ${ext(u.a, `a[${(i + 1) * wa - 1}:${i * wa}]`)} * ${ext(u.b, `b[${(i + 1) * wb - 1}:${i * wb}]`)};`);
    leaves.push({ expr: `p${i}`, width: pw });
  }
  const products = signedAdderTree("sum", leaves, aw);
  lines.push(...products.lines);
  // The accumulator register holds c as raw bits; adding modulo 2^width is the same for signed and unsigned.
  lines.push(`  wire [${aw - 1}:0] ps = ${products.root.expr};`, `  assign d = c + ps;`, `endmodule`);
  return ok(lines.join("\n") + "\n");
}

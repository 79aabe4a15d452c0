/**
 * Verilog for a float or block-scaled MAC / n-term dot unit that equals hwsim's tensor-core block FMA
 * (sim/numerics/ops/block-fma.ts) bit for bit: d = round(c + Σ a_i·b_i) with
 * 1. exact products (significand multipliers, exponent adders);
 * 2. emax = max floor(log₂|x|) over the nonzero addends, c included (exponent max tree);
 * 3. every addend truncated toward zero below 2^(emax − fracBits − neab) (alignment shifters, width
 *    w = fracBits + neab + 1);
 * 4. an adder tree of width w + ⌈log₂(n+1)⌉ + 1 over the signed aligned addends;
 * 5. one leading-zero count, normalisation and rounding into the output format (subnormals, overflow and
 *    signed zeros as IEEE 754 §4.3, §7.4).
 * Block scales enter once per step: MX E8M0 scales as one exponent add, NVFP4 E4M3 scales as one significand
 * product and one exponent add; the scale significand then re-scales each lane's product, because the block FMA
 * truncates each scaled product on its own (block-fma.ts).
 */
import type { FloatFormat } from "../../sim/numerics/formats/format.js";
import { fail, ok, type Result } from "../../workloads/result.js";
import { decodable, floatDecodeLines, lsbExponentRange, significandBits } from "./float-decode-verilog.js";
import type { FloatUnitSpec } from "./unit-spec.js";
import { asSigned, bitLengthFunction, ceilLog2, sconst, signedAdderTree, signedMaxTree, unsignedBits } from "./verilog-text.js";

/** Widths the generated float datapath uses (reported with the unit). */
export interface FloatUnitWidths {
  /** Exact product significand width, scale included. */
  readonly productBits: number;
  /** Aligned addend width w = fracBits + neab + 1. */
  readonly alignBits: number;
  /** Adder-tree output width (signed). */
  readonly sumBits: number;
  /** Signed exponent datapath width. */
  readonly exponentBits: number;
}

const ROUNDINGS = ["rtz", "rne"] as const;

/** Why a float unit cannot be generated, or null. */
export function floatUnitUnsupported(u: FloatUnitSpec): string | null {
  const acc = u.accumulator;
  const out = acc.outputFormat;
  if (out.specials !== "ieee" || !out.signed) return `${u.id}: output format ${out.id} must be an IEEE-style float with Inf and NaN`;
  if (!(ROUNDINGS as readonly string[]).includes(acc.outputRounding)) return `${u.id}: output rounding ${acc.outputRounding} is not generated (rtz, rne)`;
  for (const f of [u.a, u.b]) if (!decodable(f) || f.specials === "e8m0") return `${u.id}: element format ${f.id} is not generated`;
  if (u.scale && u.scale.format.specials !== "e8m0" && u.scale.format.specials !== "fn" && u.scale.format.specials !== "finite") {
    return `${u.id}: scale format ${u.scale.format.id} is not generated (E8M0 or a float without Inf)`;
  }
  if (acc.fracBits + acc.neab + 1 < significandBits(out)) return `${u.id}: alignment width below the output significand is not generated`;
  return null;
}

/** Datapath widths of a float unit. */
export function floatUnitWidths(u: FloatUnitSpec): FloatUnitWidths {
  const acc = u.accumulator;
  const out = acc.outputFormat;
  const scaleSig = u.scale && u.scale.format.manBits > 0 ? 2 * significandBits(u.scale.format) : 0;
  const productBits = significandBits(u.a) + significandBits(u.b) + scaleSig;
  const alignBits = acc.fracBits + acc.neab + 1;
  const sumBits = alignBits + ceilLog2(u.n + 1) + 1;
  const ra = lsbExponentRange(u.a);
  const rb = lsbExponentRange(u.b);
  const rs = u.scale ? lsbExponentRange(u.scale.format) : { min: 0, max: 0 };
  const ro = lsbExponentRange(out);
  const lsbMin = ra.min + rb.min;
  const lsbMax = ra.max + rb.max;
  const emaxMin = Math.min(ro.min, lsbMin + 2 * rs.min);
  const emaxMax = Math.max(ro.max + out.manBits, lsbMax + productBits - 1 + 2 * rs.max);
  const fn = acc.fracBits + acc.neab;
  // Every exponent quantity (emax, shifts, q, the subnormal shift, the packed exponent) is bounded by this.
  const bound =
    Math.abs(emaxMin) + Math.abs(emaxMax) + 2 * Math.abs(rs.min) + 2 * Math.abs(rs.max) + Math.abs(lsbMin) + Math.abs(ro.min) + fn + sumBits + 2 * out.manBits + 4;
  return { productBits, alignBits, sumBits, exponentBits: unsignedBits(bound) + 2 };
}

/** Verilog module name of a unit id (`dot16-fp8-e4m3` → `dot16_fp8_e4m3`). */
export function moduleName(id: string): string {
  return id.replace(/[^A-Za-z0-9_]/g, "_");
}

/**
 * The combinational core `<name>_core(a, b, [sa, sb,] c) → d`: a is n codes packed lane 0 in the low bits,
 * sa / sb the operands' scale codes, c and d codes of the output format.
 */
export function floatUnitCore(u: FloatUnitSpec): Result<string> {
  const why = floatUnitUnsupported(u);
  if (why) return fail(why);
  const acc = u.accumulator;
  const out: FloatFormat = acc.outputFormat;
  const { productBits: pp, alignBits: w, sumBits: ws, exponentBits: ew } = floatUnitWidths(u);
  const n = u.n;
  const fn = acc.fracBits + acc.neab;
  const pa = significandBits(u.a);
  const pb = significandBits(u.b);
  const po = significandBits(out);
  const mw = ws - 1; // magnitude bits of the signed sum
  const lines: string[] = [];
  const ports = [`input [${n * u.a.bits - 1}:0] a`, `input [${n * u.b.bits - 1}:0] b`];
  if (u.scale) ports.push(`input [${u.scale.format.bits - 1}:0] sa`, `input [${u.scale.format.bits - 1}:0] sb`);
  ports.push(`input [${out.bits - 1}:0] c`, `output [${out.bits - 1}:0] d`);
  lines.push(`module ${moduleName(u.id)}_core(${ports.join(", ")});`);
  lines.push(bitLengthFunction("bitlen_p", pp), bitLengthFunction("bitlen_c", po), bitLengthFunction("bitlen_m", mw));
  const neg = sconst(-(2 ** (ew - 1)), ew); // max-tree identity for lanes without a finite nonzero product

  // Scale path: once per step.
  let scaleSig = "";
  let scaleExp = sconst(0, ew);
  let scaleNan = "1'b0";
  let scaleZeroA = "1'b0";
  let scaleZeroB = "1'b0";
  let scaleSign = "1'b0";
  if (u.scale) {
    const sf = u.scale.format;
    lines.push(...floatDecodeLines("xa", "sa", sf, ew), ...floatDecodeLines("xb", "sb", sf, ew));
    lines.push(`  wire signed [${ew - 1}:0] es = xa_elsb + xb_elsb; // shared-scale exponent, added once`);
    scaleExp = "es";
    scaleNan = "(xa_nan | xb_nan)";
    scaleZeroA = "xa_zero";
    scaleZeroB = "xb_zero";
    scaleSign = "(xa_s ^ xb_s)";
    if (sf.manBits > 0) {
      const ps = 2 * significandBits(sf);
      lines.push(`  wire [${ps - 1}:0] ms = xa_sig * xb_sig; // scale significand product, once per step`);
      scaleSig = "ms";
    }
  }

  // Output-format c addend.
  lines.push(...floatDecodeLines("cc", "c", out, ew));
  lines.push(
    `  wire c_fin = ~cc_nan & ~cc_inf & ~cc_zero;`,
    `  wire signed [${ew - 1}:0] c_lead = cc_elsb + ${asSigned("bitlen_c(cc_sig)")} - ${sconst(1, ew)};`,
  );

  // Lanes: decode, exact product, lead exponent.
  const leadNames: string[] = [];
  for (let i = 0; i < n; i++) {
    const l = `l${i}`;
    lines.push(`  // lane ${i}`);
    lines.push(...floatDecodeLines(`${l}a`, `a[${(i + 1) * u.a.bits - 1}:${i * u.a.bits}]`, u.a, ew));
    lines.push(...floatDecodeLines(`${l}b`, `b[${(i + 1) * u.b.bits - 1}:${i * u.b.bits}]`, u.b, ew));
    const sig = scaleSig ? `${l}a_sig * ${l}b_sig * ${scaleSig}` : `${l}a_sig * ${l}b_sig`;
    lines.push(
      `  wire ${l}_za = ${l}a_zero | ${scaleZeroA};`,
      `  wire ${l}_zb = ${l}b_zero | ${scaleZeroB};`,
      `  wire ${l}_nan = ${l}a_nan | ${l}b_nan | (${l}a_inf & ${l}_zb) | (${l}_za & ${l}b_inf);`,
      `  wire ${l}_inf = (${l}a_inf | ${l}b_inf) & ~${l}_nan;`,
      `  wire ${l}_zero = (${l}_za | ${l}_zb) & ~${l}_nan;`,
      `  wire ${l}_fin = ~${l}_nan & ~${l}_inf & ~${l}_zero;`,
      `  wire ${l}_s = ${l}a_s ^ ${l}b_s ^ ${scaleSign};`,
      `  wire [${pp - 1}:0] ${l}_sig = ${sig};`,
      `  wire signed [${ew - 1}:0] ${l}_elsb = ${l}a_elsb + ${l}b_elsb;`,
      `  wire signed [${ew - 1}:0] ${l}_lead = ${l}_fin ? ${l}_elsb + ${asSigned(`bitlen_p(${l}_sig)`)} - ${sconst(1, ew)} : ${neg};`,
    );
    leadNames.push(`${l}_lead`);
  }
  const lanes = (f: (i: number) => string, op: string) => Array.from({ length: n }, (_, i) => f(i)).join(` ${op} `);

  // Specials (IEEE 754 §6: NaN wins, then ∞; ∞ − ∞ is NaN) and the all-zero sign rule.
  lines.push(
    `  wire pos_inf = (cc_inf & ~cc_s) | ${lanes((i) => `(l${i}_inf & ~l${i}_s)`, "|")};`,
    `  wire neg_inf = (cc_inf & cc_s) | ${lanes((i) => `(l${i}_inf & l${i}_s)`, "|")};`,
    `  wire any_nan = ${scaleNan} | cc_nan | ${lanes((i) => `l${i}_nan`, "|")} | (pos_inf & neg_inf);`,
    `  wire any_pfin = ${lanes((i) => `l${i}_fin`, "|")};`,
    `  wire zero_sign = cc_s & ${lanes((i) => `l${i}_s`, "&")};`,
  );

  // Exponent max tree over the products (unscaled), then the scale added once and c compared.
  const mt = signedMaxTree("pmax", leadNames, ew);
  lines.push(...mt.lines);
  lines.push(
    `  wire signed [${ew - 1}:0] p_emax = ${mt.root} + ${scaleExp};`,
    `  wire signed [${ew - 1}:0] emax = any_pfin ? ((c_fin && c_lead > p_emax) ? c_lead : p_emax) : c_lead;`,
    `  wire signed [${ew - 1}:0] emax_p = emax - ${scaleExp}; // emax in the lanes' unscaled frame`,
  );

  // Alignment: value sig·2^elsb becomes floor(sig·2^(elsb − q)), q = emax − fn; the shift is emax − elsb ≥ 0.
  const leaves: { expr: string; width: number }[] = [];
  const alignLine = (x: string, sig: string, sigBits: number, shift: string, fin: string, sign: string) => {
    lines.push(
      `  wire [${ew - 1}:0] ${x}_sh = ${shift};`,
      `  wire [${sigBits + fn - 1}:0] ${x}_wide = {${sig}, ${fn}'d0} >> ${x}_sh;`,
      `  wire [${w - 1}:0] ${x}_mag = ${fin} ? ${x}_wide[${w - 1}:0] : ${w}'d0;`,
      `  wire signed [${w}:0] ${x}_al = ${sign} ? -$signed({1'b0, ${x}_mag}) : $signed({1'b0, ${x}_mag});`,
    );
    leaves.push({ expr: `${x}_al`, width: w + 1 });
  };
  alignLine("ac", "cc_sig", po, "emax - cc_elsb", "c_fin", "cc_s");
  for (let i = 0; i < n; i++) alignLine(`a${i}`, `l${i}_sig`, pp, `emax_p - l${i}_elsb`, `l${i}_fin`, `l${i}_s`);

  // Adder tree over the n + 1 aligned addends (exact: ⌈log₂(n+1)⌉ carry bits).
  const tree = signedAdderTree("sum", leaves);
  lines.push(...tree.lines);
  lines.push(`  wire signed [${ws - 1}:0] s = ${tree.root.expr};`);

  // One normalisation and rounding (round-pack): keep po bits, or fewer for a subnormal result.
  const eminO = 1 - out.bias;
  const g = mw + 1; // a shift past the magnitude leaves only sticky bits
  const cw = ew + po + 1;
  const infCode = (2 ** out.expBits - 1) * 2 ** out.manBits;
  const inc = acc.outputRounding === "rne" ? "rb & (st | keep[0])" : "1'b0";
  lines.push(
    `  wire s_neg = s[${ws - 1}];`,
    `  wire [${ws - 1}:0] s_abs = s_neg ? -s : s;`,
    `  wire [${mw - 1}:0] mag = s_abs[${mw - 1}:0];`,
    `  wire signed [${ew - 1}:0] q = emax - ${sconst(fn, ew)};`,
    `  wire signed [${ew - 1}:0] lead = ${asSigned("bitlen_m(mag)")} - ${sconst(1, ew)};`,
    `  wire signed [${ew - 1}:0] k_norm = lead - ${sconst(out.manBits, ew)};`,
    `  wire signed [${ew - 1}:0] k_sub = ${sconst(eminO - out.manBits, ew)} - q;`,
    `  wire signed [${ew - 1}:0] k = (k_norm > k_sub) ? k_norm : k_sub;`,
    `  wire [${ew - 1}:0] k_right = (k > ${sconst(g, ew)}) ? ${g} : k;`,
    `  wire [${mw + g - 1}:0] rs_word = {mag, ${g}'d0} >> k_right;`,
    `  wire [${mw - 1}:0] left_word = mag << (${sconst(0, ew)} - k);`,
    `  wire k_pos = k > ${sconst(0, ew)};`,
    `  wire [${po - 1}:0] keep = k_pos ? rs_word[${g + po - 1}:${g}] : left_word[${po - 1}:0];`,
    `  wire rb = k_pos & rs_word[${g - 1}];`,
    `  wire st = k_pos & (|rs_word[${g - 2}:0]);`,
    `  wire inc = ${inc};`,
    `  wire signed [${ew - 1}:0] exp_base = q + k + ${sconst(out.manBits - eminO, ew)};`,
    `  wire [${cw - 1}:0] packed = ({${cw - ew}'d0, exp_base} << ${out.manBits}) + keep + inc;`,
    `  wire ovf = packed >= ${cw}'d${infCode};`,
    `  wire [${out.bits - 2}:0] d_mag = ovf ? ${out.bits - 1}'d${acc.outputRounding === "rtz" ? infCode - 1 : infCode} : packed[${out.bits - 2}:0];`,
  );
  const nanCode = infCode + 2 ** (out.manBits - 1);
  lines.push(
    `  assign d = any_nan ? ${out.bits}'d${nanCode}`,
    `           : pos_inf ? ${out.bits}'d${infCode}`,
    `           : neg_inf ? {1'b1, ${out.bits - 1}'d${infCode}}`,
    `           : (~any_pfin & ~c_fin) ? {zero_sign, ${out.bits - 1}'d0}`,
    `           : (s == ${ws}'sd0) ? ${out.bits}'d0`,
    `           : {s_neg, d_mag};`,
    `endmodule`,
  );
  return ok(lines.join("\n") + "\n");
}

/**
 * Verilog for a float or block-scaled MAC / n-term dot unit that equals hwsim's dot() bit for bit.
 *
 * The dot unit (the default; ops/accumulator.ts "dot-unit", reference accumulateDotUnit in ops/dot.ts):
 * d = round(c + S), S = Σ a_i·b_i with
 * 1. exact element products (significand multipliers, exponent adders);
 * 2. alignment to the LARGEST PRODUCT, the register taking no part: emax = max floor(log₂|p_i|) (exponent max
 *    tree), each product truncated toward zero below 2^(emax − alignBits + 1) (alignment shifters). When the
 *    products' whole exact range fits the window nothing is ever truncated, and the products are placed at a
 *    fixed LSB instead (no max tree: the E2M1 products of MXFP4 / NVFP4);
 * 3. an exact adder tree;
 * 4. block scales once per step: MX E8M0 scales as one exponent add to the tree sum, NVFP4 E4M3 scales as one
 *    8-bit significand product that multiplies the tree sum once and one exponent add (hwsim folds the scales
 *    into the elements; its window of scaled products is exact for NVFP4, so the two are equal — checked below);
 * 5. a fused add of the exact (scaled) tree sum into c: both normalised (leading-zero count), the smaller shifted
 *    right with a sticky bit, one add, then one normalisation and rounding into the output format (subnormals,
 *    overflow and signed zeros as IEEE 754 §4.3, §6.3, §7.4).
 *
 * The tensor-core block FMA (tc-* presets; sim/numerics/ops/block-fma.ts, Fasi et al. 2021) is generated when its
 * spec is given: c is an addend of the alignment (emax over c and the products), every addend truncated below
 * 2^(emax − fracBits − neab), one adder tree over the n + 1 addends, one rounding; NVFP4's scale significand then
 * re-scales each lane's product, because the block FMA truncates each scaled product on its own.
 */
import type { FloatFormat } from "../../sim/numerics/formats/format.js";
import { fail, ok, type Result } from "../../workloads/result.js";
import { decodable, floatDecodeLines, lsbExponentRange, significandBits } from "./float-decode-verilog.js";
import type { FloatUnitSpec } from "./unit-spec.js";
import type { DotUnitAccumulatorSpec, TensorCoreAccumulatorSpec } from "../../sim/numerics/ops/accumulator.js";
import { asSigned, bitLengthFunction, ceilLog2, sconst, signedAdderTree, signedMaxTree, unsignedBits } from "./verilog-text.js";

/** Widths the generated float datapath uses (reported with the unit). */
export interface FloatUnitWidths {
  /** Exact product significand width (the NVFP4 scale significands included for a tensor-core unit). */
  readonly productBits: number;
  /** Aligned product width: the dot unit's element window, or the block FMA's w = fracBits + neab + 1. */
  readonly alignBits: number;
  /** Adder-tree output width (signed). */
  readonly sumBits: number;
  /** Signed exponent datapath width. */
  readonly exponentBits: number;
}

type DotFloatUnit = FloatUnitSpec & { readonly accumulator: DotUnitAccumulatorSpec };
type TcFloatUnit = FloatUnitSpec & { readonly accumulator: TensorCoreAccumulatorSpec };
const isDotUnit = (u: FloatUnitSpec): u is DotFloatUnit => u.accumulator.kind === "dot-unit";

const ROUNDINGS = ["rtz", "rne"] as const;

/** Significand bits of the scale product a non-power-of-two block scale brings (0 for E8M0 or no scale). */
function scaleSigBits(u: FloatUnitSpec): number {
  return u.scale && u.scale.format.manBits > 0 ? 2 * significandBits(u.scale.format) : 0;
}

/**
 * The dot unit's element window: `exact` when the element products' whole range (LSB of the smallest to the
 * leading bit of the largest) fits the window, so nothing is ever truncated and the products sit at a fixed LSB.
 */
function dotWindow(u: DotFloatUnit): { exact: boolean; bits: number; lsbMin: number; span: number } {
  const ra = lsbExponentRange(u.a);
  const rb = lsbExponentRange(u.b);
  const lsbMin = ra.min + rb.min;
  const leadMax = ra.max + rb.max + significandBits(u.a) + significandBits(u.b) - 1;
  const span = leadMax - lsbMin + 1;
  // hwsim folds the block scales into the elements and aligns the scaled products: a scale significand widens
  // their range by its bits, so the window must hold that too for the tree sum × scale product to equal it.
  const exact = span + scaleSigBits(u) <= u.accumulator.alignBits;
  return { exact, bits: exact ? span : u.accumulator.alignBits, lsbMin, span };
}

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
  if (isDotUnit(u)) {
    if (u.accumulator.alignBits < 1) return `${u.id}: alignment window of ${u.accumulator.alignBits} bits`;
    if (scaleSigBits(u) > 0 && !dotWindow(u).exact) {
      return `${u.id}: a ${u.accumulator.alignBits}-bit window truncates the scaled products; only an exact window is generated with a non-power-of-two scale`;
    }
    return null;
  }
  const tc = u.accumulator as TensorCoreAccumulatorSpec;
  if (tc.fracBits + tc.neab + 1 < significandBits(out)) return `${u.id}: alignment width below the output significand is not generated`;
  return null;
}

/** Datapath widths of a float unit. */
export function floatUnitWidths(u: FloatUnitSpec): FloatUnitWidths {
  const out = u.accumulator.outputFormat;
  const ra = lsbExponentRange(u.a);
  const rb = lsbExponentRange(u.b);
  const rs = u.scale ? lsbExponentRange(u.scale.format) : { min: 0, max: 0 };
  const ro = lsbExponentRange(out);
  const lsbMin = ra.min + rb.min;
  const lsbMax = ra.max + rb.max;
  if (isDotUnit(u)) {
    const productBits = significandBits(u.a) + significandBits(u.b);
    const win = dotWindow(u);
    const sumBits = win.bits + ceilLog2(u.n) + 1;
    const fused = Math.max(significandBits(out), sumBits - 1 + scaleSigBits(u)) + 3;
    const bound =
      Math.abs(ro.min) + Math.abs(ro.max) + 2 * out.manBits + Math.abs(lsbMin) + Math.abs(lsbMax) + productBits + 2 * (Math.abs(rs.min) + Math.abs(rs.max)) +
      scaleSigBits(u) + u.accumulator.alignBits + sumBits + 2 * fused + 8;
    return { productBits, alignBits: win.bits, sumBits, exponentBits: unsignedBits(bound) + 2 };
  }
  const acc = u.accumulator as TensorCoreAccumulatorSpec;
  const productBits = significandBits(u.a) + significandBits(u.b) + scaleSigBits(u);
  const alignBits = acc.fracBits + acc.neab + 1;
  const sumBits = alignBits + ceilLog2(u.n + 1) + 1;
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
  return ok((isDotUnit(u) ? dotUnitLines(u) : tensorCoreLines(u as TcFloatUnit)).join("\n") + "\n");
}

/** What the shared front end declares: scale wires, c's decode and the lanes (with `lanes` for joins). */
interface FrontEnd {
  readonly scaleSig: string;
  readonly scaleExp: string;
  readonly leadNames: string[];
  readonly lanes: (f: (i: number) => string, op: string) => string;
}

/**
 * Module header, the scale decode (once per step), c's decode and the n lanes (decode, exact product, lead
 * exponent), then the specials (IEEE 754 §6: NaN wins, then ∞; ∞ − ∞ is NaN) and the all-zero sign rule.
 * `scaledProducts`: each lane's product includes the scale significand (the block FMA's per-lane re-scale).
 */
function frontEnd(u: FloatUnitSpec, lines: string[], ew: number, pp: number, scaledProducts: boolean): FrontEnd {
  const out = u.accumulator.outputFormat;
  const n = u.n;
  const po = significandBits(out);
  const ports = [`input [${n * u.a.bits - 1}:0] a`, `input [${n * u.b.bits - 1}:0] b`];
  if (u.scale) ports.push(`input [${u.scale.format.bits - 1}:0] sa`, `input [${u.scale.format.bits - 1}:0] sb`);
  ports.push(`input [${out.bits - 1}:0] c`, `output [${out.bits - 1}:0] d`);
  lines.push(`module ${moduleName(u.id)}_core(${ports.join(", ")});`);
  lines.push(bitLengthFunction("bitlen_p", pp), bitLengthFunction("bitlen_c", po));
  const neg = sconst(-(2 ** (ew - 1)), ew); // max-tree identity for lanes without a finite nonzero product

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

  lines.push(...floatDecodeLines("cc", "c", out, ew));
  lines.push(
    `  wire c_fin = ~cc_nan & ~cc_inf & ~cc_zero;`,
    `  wire signed [${ew - 1}:0] c_lead = cc_elsb + ${asSigned("bitlen_c(cc_sig)")} - ${sconst(1, ew)};`,
  );

  const leadNames: string[] = [];
  for (let i = 0; i < n; i++) {
    const l = `l${i}`;
    lines.push(`  // lane ${i}`);
    lines.push(...floatDecodeLines(`${l}a`, `a[${(i + 1) * u.a.bits - 1}:${i * u.a.bits}]`, u.a, ew));
    lines.push(...floatDecodeLines(`${l}b`, `b[${(i + 1) * u.b.bits - 1}:${i * u.b.bits}]`, u.b, ew));
    const sig = scaledProducts && scaleSig ? `${l}a_sig * ${l}b_sig * ${scaleSig}` : `${l}a_sig * ${l}b_sig`;
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
  lines.push(
    `  wire pos_inf = (cc_inf & ~cc_s) | ${lanes((i) => `(l${i}_inf & ~l${i}_s)`, "|")};`,
    `  wire neg_inf = (cc_inf & cc_s) | ${lanes((i) => `(l${i}_inf & l${i}_s)`, "|")};`,
    `  wire any_nan = ${scaleNan} | cc_nan | ${lanes((i) => `l${i}_nan`, "|")} | (pos_inf & neg_inf);`,
    `  wire any_pfin = ${lanes((i) => `l${i}_fin`, "|")};`,
    `  wire zero_sign = cc_s & ${lanes((i) => `l${i}_s`, "&")};`,
  );
  return { scaleSig, scaleExp, leadNames, lanes };
}

/**
 * Product alignment: value sig·2^elsb becomes floor(sig·2^(elsb − q)) with q = emax − fn, i.e. the shift is
 * emax − elsb ≥ 0; the magnitude keeps w bits and is negated for a negative addend. Returns the signed leaf.
 */
function alignLines(lines: string[], x: string, sig: string, sigBits: number, shift: string, fin: string, sign: string, fn: number, w: number, ew: number) {
  lines.push(
    `  wire [${ew - 1}:0] ${x}_sh = ${shift};`,
    `  wire [${sigBits + fn - 1}:0] ${x}_wide = {${sig}, ${fn}'d0} >> ${x}_sh;`,
    `  wire [${w - 1}:0] ${x}_mag = ${fin} ? ${x}_wide[${w - 1}:0] : ${w}'d0;`,
    `  wire signed [${w}:0] ${x}_al = ${sign} ? -$signed({1'b0, ${x}_mag}) : $signed({1'b0, ${x}_mag});`,
  );
  return { expr: `${x}_al`, width: w + 1 };
}

/**
 * One normalisation and rounding (round-pack) of the signed sum `s` (`ws` bits, LSB exponent `q`) into the
 * output format: keep po bits, or fewer for a subnormal result; overflow to ∞ (RNE) or the maximum (RTZ).
 * Declares `s_neg` and `d_mag`.
 */
function roundPackLines(lines: string[], out: FloatFormat, rounding: string, ws: number, ew: number) {
  const po = significandBits(out);
  const mw = ws - 1; // magnitude bits of the signed sum
  const eminO = 1 - out.bias;
  const g = mw + 1; // a shift past the magnitude leaves only sticky bits
  const cw = ew + po + 1;
  const infCode = (2 ** out.expBits - 1) * 2 ** out.manBits;
  const inc = rounding === "rne" ? "rb & (st | keep[0])" : "1'b0";
  lines.push(
    bitLengthFunction("bitlen_m", mw),
    `  wire s_neg = s[${ws - 1}];`,
    `  wire [${ws - 1}:0] s_abs = s_neg ? -s : s;`,
    `  wire [${mw - 1}:0] mag = s_abs[${mw - 1}:0];`,
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
    `  wire [${out.bits - 2}:0] d_mag = ovf ? ${out.bits - 1}'d${rounding === "rtz" ? infCode - 1 : infCode} : packed[${out.bits - 2}:0];`,
  );
}

/** The output select: NaN, ∞, the all-zero sign, an exact zero sum (+0 in RNE and RTZ), else the rounded sum. */
function outputLines(lines: string[], out: FloatFormat, ws: number) {
  const infCode = (2 ** out.expBits - 1) * 2 ** out.manBits;
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
}

/** The dot unit: products-only alignment, exact tree, (scale,) fused add into c with one rounding. */
function dotUnitLines(u: DotFloatUnit): string[] {
  const acc = u.accumulator;
  const out = acc.outputFormat;
  const { productBits: pp, alignBits: w, sumBits: tw, exponentBits: ew } = floatUnitWidths(u);
  const win = dotWindow(u);
  const n = u.n;
  const po = significandBits(out);
  const lines: string[] = [];
  const fe = frontEnd(u, lines, ew, pp, false);

  // Products aligned to the largest product (the register takes no part), then an exact tree.
  const leaves: { expr: string; width: number }[] = [];
  if (win.exact) {
    // Nothing is ever truncated: every product at the fixed LSB 2^lsbMin, no exponent max tree.
    lines.push(`  // exact ${w}-bit product window at LSB 2^${win.lsbMin}: no truncation, no max tree`);
    for (let i = 0; i < n; i++) {
      const l = `l${i}`;
      lines.push(
        `  wire [${ew - 1}:0] a${i}_sh = l${i}_elsb - ${sconst(win.lsbMin, ew)};`,
        `  wire [${w - 1}:0] a${i}_mag = ${l}_fin ? (${w > pp ? `{${w - pp}'d0, ${l}_sig}` : `${l}_sig`} << a${i}_sh) : ${w}'d0;`,
        `  wire signed [${w}:0] a${i}_al = ${l}_s ? -$signed({1'b0, a${i}_mag}) : $signed({1'b0, a${i}_mag});`,
      );
      leaves.push({ expr: `a${i}_al`, width: w + 1 });
    }
    lines.push(`  wire signed [${ew - 1}:0] qt = ${sconst(win.lsbMin, ew)}; // LSB exponent of the tree sum`);
  } else {
    const fn = w - 1;
    const mt = signedMaxTree("pmax", fe.leadNames, ew);
    lines.push(...mt.lines);
    lines.push(`  wire signed [${ew - 1}:0] emax = ${mt.root}; // largest product's leading-bit exponent`);
    for (let i = 0; i < n; i++) leaves.push(alignLines(lines, `a${i}`, `l${i}_sig`, pp, `emax - l${i}_elsb`, `l${i}_fin`, `l${i}_s`, fn, w, ew));
    lines.push(`  wire signed [${ew - 1}:0] qt = emax - ${sconst(fn, ew)}; // LSB exponent of the tree sum`);
  }
  const tree = signedAdderTree("sum", leaves);
  lines.push(...tree.lines);
  lines.push(`  wire signed [${tw - 1}:0] t = ${tree.root.expr};`);

  // Block scale, once per step: the scale significand product multiplies the tree sum, the exponent is added.
  const mtw = tw - 1;
  const ssb = scaleSigBits(u);
  const tb = mtw + ssb; // scaled tree-sum magnitude bits
  lines.push(
    `  wire t_neg = t[${tw - 1}];`,
    `  wire [${tw - 1}:0] t_abs = t_neg ? -t : t;`,
    fe.scaleSig
      ? `  wire [${tb - 1}:0] t_sig = t_abs[${mtw - 1}:0] * ${fe.scaleSig}; // tree sum × scale product, once per step`
      : `  wire [${tb - 1}:0] t_sig = t_abs[${mtw - 1}:0];`,
    `  wire signed [${ew - 1}:0] qs = qt + ${fe.scaleExp};`,
  );

  // Fused add: c and the tree sum, both normalised to P bits; the one with the larger leading exponent (X) sits
  // at the top of a P + 3-bit window, the other (Y) is shifted right with its lost bits ORed into bit 0 (sticky).
  // Lost bits only occur for a shift ≥ 4, where the sum keeps its leading bit within one place of X's, so the
  // rounding position lies above bit 1 and the sticky bit rounds as the exact bits would.
  const P = Math.max(po, tb);
  const W = P + 3;
  lines.push(bitLengthFunction("bitlen_t", tb));
  lines.push(
    `  wire t_ok = |t_sig;`,
    `  wire [${unsignedBits(tb) - 1}:0] t_len = bitlen_t(t_sig);`,
    `  wire signed [${ew - 1}:0] t_lead = qs + ${asSigned("t_len")} - ${sconst(1, ew)};`,
    `  wire [${P - 1}:0] t_norm = {t_sig${P > tb ? `, ${P - tb}'d0` : ""}} << (${tb} - t_len);`,
    `  wire [${P - 1}:0] c_norm = {cc_sig${P > po ? `, ${P - po}'d0` : ""}} << (${po} - bitlen_c(cc_sig));`,
    `  wire x_is_c = c_fin & (~t_ok | (c_lead > t_lead));`,
    `  wire [${P - 1}:0] x_norm = x_is_c ? c_norm : t_norm;`,
    `  wire [${P - 1}:0] y_norm = x_is_c ? (t_ok ? t_norm : ${P}'d0) : (c_fin ? c_norm : ${P}'d0);`,
    `  wire x_s = x_is_c ? cc_s : t_neg;`,
    `  wire y_s = x_is_c ? t_neg : cc_s;`,
    `  wire signed [${ew - 1}:0] x_lead = x_is_c ? c_lead : t_lead;`,
    `  wire signed [${ew - 1}:0] y_lead = x_is_c ? t_lead : c_lead;`,
    `  wire signed [${ew - 1}:0] dxy = (c_fin & t_ok) ? x_lead - y_lead : ${sconst(W + 1, ew)};`,
    `  wire [${ew - 1}:0] dcl = (dxy > ${sconst(W + 1, ew)}) ? ${W + 1} : dxy;`,
    `  wire [${2 * W - 1}:0] y_wide = {y_norm, 3'd0, ${W}'d0} >> dcl;`,
    `  wire [${W - 1}:0] y_al = {y_wide[${2 * W - 1}:${W + 1}], y_wide[${W}] | (|y_wide[${W - 1}:0])};`,
    `  wire [${W - 1}:0] x_al = {x_norm, 3'd0};`,
    `  wire signed [${W + 1}:0] xs = x_s ? -$signed({2'b0, x_al}) : $signed({2'b0, x_al});`,
    `  wire signed [${W + 1}:0] ys = y_s ? -$signed({2'b0, y_al}) : $signed({2'b0, y_al});`,
    `  wire signed [${W + 1}:0] s = xs + ys;`,
    `  wire signed [${ew - 1}:0] q = x_lead - ${sconst(W - 1, ew)}; // exponent of the window's bit 0`,
  );
  roundPackLines(lines, out, acc.outputRounding, W + 2, ew);
  outputLines(lines, out, W + 2);
  return lines;
}

/** The tensor-core block FMA: c aligned with the products, one tree over n + 1 addends, one rounding. */
function tensorCoreLines(u: TcFloatUnit): string[] {
  const acc = u.accumulator;
  const out: FloatFormat = acc.outputFormat;
  const { productBits: pp, alignBits: w, sumBits: ws, exponentBits: ew } = floatUnitWidths(u);
  const n = u.n;
  const fn = acc.fracBits + acc.neab;
  const po = significandBits(out);
  const lines: string[] = [];
  const fe = frontEnd(u, lines, ew, pp, true);

  // Exponent max tree over the products (unscaled), then the scale added once and c compared.
  const mt = signedMaxTree("pmax", fe.leadNames, ew);
  lines.push(...mt.lines);
  lines.push(
    `  wire signed [${ew - 1}:0] p_emax = ${mt.root} + ${fe.scaleExp};`,
    `  wire signed [${ew - 1}:0] emax = any_pfin ? ((c_fin && c_lead > p_emax) ? c_lead : p_emax) : c_lead;`,
    `  wire signed [${ew - 1}:0] emax_p = emax - ${fe.scaleExp}; // emax in the lanes' unscaled frame`,
  );
  const leaves = [alignLines(lines, "ac", "cc_sig", po, "emax - cc_elsb", "c_fin", "cc_s", fn, w, ew)];
  for (let i = 0; i < n; i++) leaves.push(alignLines(lines, `a${i}`, `l${i}_sig`, pp, `emax_p - l${i}_elsb`, `l${i}_fin`, `l${i}_s`, fn, w, ew));

  // Adder tree over the n + 1 aligned addends (exact: ⌈log₂(n+1)⌉ carry bits).
  const tree = signedAdderTree("sum", leaves);
  lines.push(...tree.lines);
  lines.push(`  wire signed [${ws - 1}:0] s = ${tree.root.expr};`, `  wire signed [${ew - 1}:0] q = emax - ${sconst(fn, ew)};`);
  roundPackLines(lines, out, acc.outputRounding, ws, ew);
  outputLines(lines, out, ws);
  return lines;
}

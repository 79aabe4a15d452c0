import type { FloatFormat, IntFormat, ScalarFormat } from "../formats/format.js";
import { intFormat } from "../formats/format.js";
import { lookupScalar, nearestName } from "../formats/registry.js";
import type { RoundingMode } from "../rounding.js";
import { ROUNDING_MODES } from "../rounding.js";

/**
 * How a dot product is accumulated, as data. Each kind is one hardware behaviour; presets below give the
 * named units and any field can be overridden with `resolveAccumulator(name, overrides)`.
 */
export type AccumulatorSpec =
  | IntAccumulatorSpec
  | FloatAccumulatorSpec
  | ExactAccumulatorSpec
  | TensorCoreAccumulatorSpec
  | PromotedAccumulatorSpec
  | DotUnitAccumulatorSpec;

export type AccumulatorKind = AccumulatorSpec["kind"];

/** What an integer register does when a sum leaves its range. */
export type IntOverflowMode = "wrap" | "saturate";

/**
 * Two's-complement (or unsigned) integer register of `widthBits`. Per product: acc = wrap|sat(acc + a·b),
 * with a·b exact. The overflow flag is sticky (ARM's Q flag): it is raised whenever an exact intermediate
 * sum leaves the range, even if later products bring the wrapped sum back to the true value.
 */
export interface IntAccumulatorSpec {
  readonly kind: "int";
  readonly id: string;
  readonly widthBits: number;
  readonly signed: boolean;
  readonly overflow: IntOverflowMode;
}

/**
 * Sequential float accumulation in one scalar format, left to right.
 * `fused: true`  — acc = round(acc + a·b): one rounding per step (an FMA per step, "fp32-fma").
 * `fused: false` — acc = round(acc + round(a·b)): the product is rounded to `format` first ("fp32-seq").
 */
export interface FloatAccumulatorSpec {
  readonly kind: "float";
  readonly id: string;
  readonly format: FloatFormat;
  readonly rounding: RoundingMode;
  readonly fused: boolean;
}

/**
 * Exact (Kulisch-style) accumulation: no rounding until the end, then one rounding to `outputFormat`.
 * With `outputFormat: null` nothing is ever rounded and the dot product returns the exact sum (no code).
 */
export interface ExactAccumulatorSpec {
  readonly kind: "exact";
  readonly id: string;
  readonly outputFormat: ScalarFormat | null;
  readonly rounding: RoundingMode;
}

/**
 * Tensor-core block FMA (Fasi, Higham, Mikaitis, Pranesh 2021, PeerJ CS 7:e330; FTTN 2024):
 * d = c + Σ of `blockSize` exact products. All addends, c included, are aligned to the largest exponent
 * emax (floor(log2|x|) of each exact addend) and truncated toward zero below 2^(emax − fracBits − neab);
 * the aligned addends are summed exactly (as many carry bits as needed, ≥ 3 as measured), normalized once,
 * and rounded once to `outputFormat` with `outputRounding`. Long dot products chain blocks in order, d
 * becoming the next block's c.
 */
export interface TensorCoreAccumulatorSpec {
  readonly kind: "tensor-core";
  readonly id: string;
  readonly blockSize: number;
  /** Extra alignment bits below the fp32 fraction (V100 0, A100/Ada 1, H100 2). */
  readonly neab: number;
  /** Fraction bits kept below the leading bit of the largest addend (23 for an fp32 datapath). */
  readonly fracBits: number;
  readonly outputFormat: FloatFormat;
  readonly outputRounding: RoundingMode;
}

/**
 * Limited-precision tensor-core accumulation with periodic promotion (DeepSeek-V3 technical report,
 * arXiv:2412.19437, §3.3.2): a tensor-core block FMA chain whose truncation keeps only `fracBits` fraction
 * bits (block partials held in `outputFormat`, rounded with `partialRounding`); every `promotionInterval`
 * products the partial sum is added into a full `outputFormat` accumulator with `outputRounding` (the
 * CUDA-core FP32 add) and the partial restarts from zero. The initial c lives in the full accumulator.
 */
export interface PromotedAccumulatorSpec {
  readonly kind: "tensor-core-promoted";
  readonly id: string;
  readonly blockSize: number;
  readonly neab: number;
  readonly fracBits: number;
  readonly partialRounding: RoundingMode;
  /** Products per promotion; a multiple of blockSize. */
  readonly promotionInterval: number;
  readonly outputFormat: FloatFormat;
  readonly outputRounding: RoundingMode;
}

/**
 * An n-term dot-product unit (OCP MX v1.0 §6.2 dot product; Rouhani et al., ISCA 2023): each block of
 * `blockSize` exact products is aligned to its largest product, emax = max floor(log2|p|), and truncated toward
 * zero below 2^(emax − alignBits + 1) (alignBits counts the leading bit; a window as wide as the products' exact
 * range drops nothing), summed exactly in fixed point, and added to the register with ONE rounding into
 * `outputFormat`. Unlike a tensor-core block FMA the register does not take part in the alignment: the block sum
 * is formed first, as MX and NVFP4 datapaths do before applying their block scales.
 */
export interface DotUnitAccumulatorSpec {
  readonly kind: "dot-unit";
  readonly id: string;
  readonly blockSize: number;
  readonly alignBits: number;
  readonly outputFormat: FloatFormat;
  readonly outputRounding: RoundingMode;
}

/** Fields that can be overridden on a preset; formats may be given by id. */
export interface AccumulatorOverrides {
  readonly widthBits?: number;
  readonly signed?: boolean;
  readonly overflow?: IntOverflowMode;
  readonly format?: FloatFormat | string;
  readonly rounding?: RoundingMode;
  readonly fused?: boolean;
  readonly outputFormat?: ScalarFormat | string | null;
  readonly outputRounding?: RoundingMode;
  readonly blockSize?: number;
  readonly neab?: number;
  readonly fracBits?: number;
  readonly partialRounding?: RoundingMode;
  readonly promotionInterval?: number;
  readonly alignBits?: number;
}

/** Which override keys each kind takes. */
const KIND_KEYS: Record<AccumulatorKind, readonly (keyof AccumulatorOverrides)[]> = {
  int: ["widthBits", "signed", "overflow"],
  float: ["format", "rounding", "fused"],
  exact: ["outputFormat", "rounding"],
  "tensor-core": ["blockSize", "neab", "fracBits", "outputFormat", "outputRounding"],
  "dot-unit": ["blockSize", "alignBits", "outputFormat", "outputRounding"],
  "tensor-core-promoted": [
    "blockSize",
    "neab",
    "fracBits",
    "partialRounding",
    "promotionInterval",
    "outputFormat",
    "outputRounding",
  ],
};

const fmt = (id: string): ScalarFormat => {
  const r = lookupScalar(id);
  if (!r.ok) throw new Error(`accumulator presets: unknown format ${id}`);
  return r.format;
};
const FP32 = fmt("fp32") as FloatFormat;
const FP16 = fmt("fp16") as FloatFormat;

/** A named accumulator with its source. */
export interface AccumulatorPreset {
  readonly spec: AccumulatorSpec;
  readonly description: string;
  readonly source: string;
}

const tc = (id: string, blockSize: number, neab: number, source: string): AccumulatorPreset => ({
  spec: { kind: "tensor-core", id, blockSize, neab, fracBits: 23, outputFormat: FP32, outputRounding: "rtz" },
  description: `tensor-core block FMA, ${blockSize} products per block, neab=${neab}, RTZ to fp32`,
  source,
});

/** The named accumulators (`hwsim units`). */
export const ACCUMULATOR_PRESETS: readonly AccumulatorPreset[] = [
  {
    spec: { kind: "exact", id: "exact", outputFormat: null, rounding: "rne" },
    description: "exact sum, never rounded (reference for error metrics)",
    source: "definition",
  },
  {
    spec: { kind: "float", id: "fp32-seq", format: FP32, rounding: "rne", fused: false },
    description: "fp32 left to right: product rounded to fp32, then a rounded fp32 add (two roundings per step)",
    source: "IEEE 754-2019 §5.4.1 (separate multiply and add, as on a CUDA core without FMA contraction)",
  },
  {
    spec: { kind: "float", id: "fp32-fma", format: FP32, rounding: "rne", fused: true },
    description: "fp32 left to right, one fused multiply-add per step (one rounding per step)",
    source: "IEEE 754-2019 §5.4.1 fusedMultiplyAdd",
  },
  {
    spec: { kind: "float", id: "fp16-seq", format: FP16, rounding: "rne", fused: false },
    description: "fp16 left to right: product rounded to fp16, then a rounded fp16 add",
    source: "IEEE 754-2019 §5.4.1 (binary16 arithmetic)",
  },
  {
    spec: { kind: "int", id: "int32-wrap", widthBits: 32, signed: true, overflow: "wrap" },
    description: "32-bit two's-complement accumulator, wraps mod 2^32 (sticky overflow flag)",
    source: "ARMv7-M SMLAD (Q flag sticky); RISC-V PULP cv.sdotsp (wraps, no flag)",
  },
  {
    spec: { kind: "int", id: "int32-sat", widthBits: 32, signed: true, overflow: "saturate" },
    description: "32-bit accumulator, saturating each add to [−2^31, 2^31−1] (sticky overflow flag)",
    source: "ARMv7-M QADD-style saturating accumulation",
  },
  {
    spec: { kind: "int", id: "int48-dsp", widthBits: 48, signed: true, overflow: "wrap" },
    description: "Xilinx DSP48E2 48-bit P register, wraps mod 2^48",
    source: "Xilinx UG579 (UltraScale DSP48E2: 27×18 multiplier, 48-bit accumulator P)",
  },
  {
    spec: { kind: "exact", id: "kulisch", outputFormat: FP32, rounding: "rne" },
    description: "Kulisch long accumulator: exact sum, one RNE rounding to fp32 at the end",
    source: "Kulisch & Miranker, exact dot product (long fixed-point accumulator)",
  },
  tc("tc-v100", 4, 0, "Fasi et al. 2021 PeerJ CS 7:e330 (V100: 4-element blocks, no extra alignment bits)"),
  tc("tc-a100", 8, 1, "Fasi et al. 2021 (A100); FTTN 2024 (A100 fp16/bf16: 8-element blocks, 1 extra bit)"),
  tc("tc-ada", 8, 1, "FTTN 2024 (Ada, like A100: 8-element blocks, 1 extra alignment bit)"),
  tc("tc-h100", 16, 2, "FTTN 2024 (H100 fp16/bf16: ≥ 16-element blocks, ≥ 2 extra alignment bits)"),
  {
    spec: {
      kind: "tensor-core-promoted",
      id: "tc-h100-fp8",
      blockSize: 32,
      neab: 0,
      fracBits: 13,
      partialRounding: "rtz",
      promotionInterval: 128,
      outputFormat: FP32,
      outputRounding: "rne",
    },
    description: "H100 FP8 GEMM: 13 fraction bits kept in the tensor core, promoted to an fp32 RNE add every 128 products",
    source:
      "DeepSeek-V3 report arXiv:2412.19437 §3.3.2 (H800 FP8 accumulation retains ~14 bits = 13 fraction bits + " +
      "leading bit; promotion every N_C = 128 elements = 4 WGMMAs); block of 32 = the K of one FP8 MMA " +
      "(PTX m16n8k32, assumed)",
  },
];

/** Names of all presets. */
export function accumulatorNames(): string[] {
  return ACCUMULATOR_PRESETS.map((p) => p.spec.id);
}

export type AccumulatorLookup = { ok: true; spec: AccumulatorSpec } | { ok: false; reason: string };

/**
 * A preset by name with optional overrides, e.g. `resolveAccumulator("tc-h100", { neab: 3 })`.
 * Unknown names, keys that do not apply to the preset's kind and invalid values come back as reasons.
 * For the tensor-core kind, overriding `outputFormat` alone picks the measured rounding: RTZ for fp32, RNE else.
 */
export function resolveAccumulator(name: string, overrides: AccumulatorOverrides = {}): AccumulatorLookup {
  const key = name.trim().toLowerCase();
  const preset = ACCUMULATOR_PRESETS.find((p) => p.spec.id === key);
  if (!preset) {
    const near = nearestName(key, accumulatorNames());
    return { ok: false, reason: `unknown accumulator '${name}'${near ? `: did you mean '${near}'?` : ""}` };
  }
  return applyOverrides(preset.spec, overrides);
}

/** Apply overrides to any spec (validated as in `resolveAccumulator`). */
export function applyOverrides(base: AccumulatorSpec, overrides: AccumulatorOverrides): AccumulatorLookup {
  const given = (Object.keys(overrides) as (keyof AccumulatorOverrides)[]).filter((k) => overrides[k] !== undefined);
  if (given.length === 0) return checkSpec(base);
  const allowed = KIND_KEYS[base.kind];
  for (const k of given) {
    if (!allowed.includes(k)) {
      return {
        ok: false,
        reason: `override '${k}' does not apply to ${base.kind} accumulator '${base.id}' (it takes ${allowed.join(", ")})`,
      };
    }
  }
  const id = `${base.id}(${given.map((k) => `${k}=${showValue(overrides[k])}`).join(",")})`;
  const float = (v: FloatFormat | ScalarFormat | string, what: string): FloatFormat | string => {
    const f = typeof v === "string" ? lookupScalar(v) : ({ ok: true, format: v } as const);
    if (!f.ok) return f.reason;
    if (f.format.kind !== "float") return `${what} must be a float format, got '${f.format.id}'`;
    return f.format;
  };
  switch (base.kind) {
    case "int":
      return checkSpec({
        ...base,
        id,
        widthBits: overrides.widthBits ?? base.widthBits,
        signed: overrides.signed ?? base.signed,
        overflow: overrides.overflow ?? base.overflow,
      });
    case "float": {
      let format = base.format;
      if (overrides.format !== undefined) {
        const f = float(overrides.format, "format");
        if (typeof f === "string") return { ok: false, reason: f };
        format = f;
      }
      return checkSpec({
        ...base,
        id,
        format,
        rounding: overrides.rounding ?? base.rounding,
        fused: overrides.fused ?? base.fused,
      });
    }
    case "exact": {
      let outputFormat = base.outputFormat;
      if (overrides.outputFormat !== undefined) {
        if (overrides.outputFormat === null) outputFormat = null;
        else if (typeof overrides.outputFormat === "string") {
          const f = lookupScalar(overrides.outputFormat);
          if (!f.ok) return { ok: false, reason: f.reason };
          outputFormat = f.format;
        } else outputFormat = overrides.outputFormat;
      }
      return checkSpec({ ...base, id, outputFormat, rounding: overrides.rounding ?? base.rounding });
    }
    case "dot-unit": {
      let outputFormat = base.outputFormat;
      if (overrides.outputFormat !== undefined) {
        if (overrides.outputFormat === null) return { ok: false, reason: "dot-unit needs an output format" };
        const f = float(overrides.outputFormat, "outputFormat");
        if (typeof f === "string") return { ok: false, reason: f };
        outputFormat = f;
      }
      return checkSpec({
        ...base,
        id,
        blockSize: overrides.blockSize ?? base.blockSize,
        alignBits: overrides.alignBits ?? base.alignBits,
        outputFormat,
        outputRounding: overrides.outputRounding ?? base.outputRounding,
      });
    }
    case "tensor-core":
    case "tensor-core-promoted": {
      let outputFormat = base.outputFormat;
      let outputRounding = overrides.outputRounding ?? base.outputRounding;
      if (overrides.outputFormat !== undefined) {
        if (overrides.outputFormat === null) return { ok: false, reason: `${base.kind} needs an output format` };
        const f = float(overrides.outputFormat, "outputFormat");
        if (typeof f === "string") return { ok: false, reason: f };
        outputFormat = f;
        // Fasi et al. 2021: fp32 outputs are rounded toward zero, fp16 outputs to nearest.
        if (base.kind === "tensor-core" && overrides.outputRounding === undefined) {
          outputRounding = f.id === "fp32" ? "rtz" : "rne";
        }
      }
      const common = {
        blockSize: overrides.blockSize ?? base.blockSize,
        neab: overrides.neab ?? base.neab,
        fracBits: overrides.fracBits ?? base.fracBits,
        outputFormat,
        outputRounding,
      };
      if (base.kind === "tensor-core") return checkSpec({ ...base, id, ...common });
      return checkSpec({
        ...base,
        id,
        ...common,
        partialRounding: overrides.partialRounding ?? base.partialRounding,
        promotionInterval: overrides.promotionInterval ?? base.promotionInterval,
      });
    }
  }
}

const showValue = (v: unknown): string =>
  v === null ? "none" : typeof v === "object" && v !== null && "id" in v ? String((v as { id: string }).id) : String(v);

/** Check a spec's parameters; the reason names the bad field. */
export function checkSpec(spec: AccumulatorSpec): AccumulatorLookup {
  const bad = (reason: string): AccumulatorLookup => ({ ok: false, reason: `${spec.id}: ${reason}` });
  const isInt = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;
  const mode = (m: RoundingMode, what: string) => (ROUNDING_MODES.includes(m) ? null : `${what} '${m}' is not a rounding mode`);
  switch (spec.kind) {
    case "int":
      if (!isInt(spec.widthBits, spec.signed ? 2 : 1, 64)) return bad(`widthBits ${spec.widthBits} must be an integer in ${spec.signed ? 2 : 1}..64`);
      if (spec.overflow !== "wrap" && spec.overflow !== "saturate") return bad(`overflow must be 'wrap' or 'saturate'`);
      break;
    case "float": {
      const m = mode(spec.rounding, "rounding");
      if (m) return bad(m);
      break;
    }
    case "exact": {
      const m = mode(spec.rounding, "rounding");
      if (m) return bad(m);
      break;
    }
    case "dot-unit": {
      if (!isInt(spec.blockSize, 1, 1 << 20)) return bad(`blockSize ${spec.blockSize} must be a positive integer`);
      if (!isInt(spec.alignBits, 1, 1024)) return bad(`alignBits ${spec.alignBits} must be a positive integer`);
      const m = mode(spec.outputRounding, "outputRounding");
      if (m) return bad(m);
      break;
    }
    case "tensor-core":
    case "tensor-core-promoted": {
      if (!isInt(spec.blockSize, 1, 1 << 20)) return bad(`blockSize ${spec.blockSize} must be a positive integer`);
      if (!isInt(spec.neab, 0, 1024)) return bad(`neab ${spec.neab} must be a non-negative integer`);
      if (!isInt(spec.fracBits, 0, 1024)) return bad(`fracBits ${spec.fracBits} must be a non-negative integer`);
      const m = mode(spec.outputRounding, "outputRounding");
      if (m) return bad(m);
      if (spec.kind === "tensor-core-promoted") {
        const pm = mode(spec.partialRounding, "partialRounding");
        if (pm) return bad(pm);
        if (!isInt(spec.promotionInterval, 1, 1 << 30) || spec.promotionInterval % spec.blockSize !== 0) {
          return bad(`promotionInterval ${spec.promotionInterval} must be a positive multiple of blockSize ${spec.blockSize}`);
        }
      }
      break;
    }
  }
  return { ok: true, spec };
}

/** The register format a dot product returns its code in (null: exact accumulator with no output rounding). */
export function accumulatorOutputFormat(spec: AccumulatorSpec): ScalarFormat | null {
  switch (spec.kind) {
    case "int":
      return intAccumulatorFormat(spec);
    case "float":
      return spec.format;
    case "exact":
      return spec.outputFormat;
    case "tensor-core":
    case "tensor-core-promoted":
    case "dot-unit":
      return spec.outputFormat;
  }
}

/** The integer format of an integer accumulator register. */
export function intAccumulatorFormat(spec: IntAccumulatorSpec): IntFormat {
  const id = `${spec.signed ? "" : "u"}int${spec.widthBits}`;
  return intFormat({ id, bits: spec.widthBits, signed: spec.signed, symmetric: false });
}

/** One row of `hwsim units`: what the accumulator does and its parameters. */
export interface AccumulatorDescription {
  readonly id: string;
  readonly kind: AccumulatorKind;
  readonly summary: string;
  readonly params: Readonly<Record<string, string | number | boolean | null>>;
}

/** Describe a spec for listings: a one-line summary plus every parameter. */
export function describeAccumulator(spec: AccumulatorSpec): AccumulatorDescription {
  switch (spec.kind) {
    case "int":
      return {
        id: spec.id,
        kind: spec.kind,
        summary: `${spec.signed ? "signed" : "unsigned"} ${spec.widthBits}-bit integer register, ${spec.overflow === "wrap" ? `wraps mod 2^${spec.widthBits}` : "saturates"} per add; sticky overflow flag`,
        params: { widthBits: spec.widthBits, signed: spec.signed, overflow: spec.overflow },
      };
    case "float":
      return {
        id: spec.id,
        kind: spec.kind,
        summary: spec.fused
          ? `sequential ${spec.format.id}: acc = round(acc + a·b), one ${spec.rounding} rounding per step`
          : `sequential ${spec.format.id}: acc = round(acc + round(a·b)), two ${spec.rounding} roundings per step`,
        params: { format: spec.format.id, rounding: spec.rounding, fused: spec.fused },
      };
    case "exact":
      return {
        id: spec.id,
        kind: spec.kind,
        summary: spec.outputFormat
          ? `exact sum, one ${spec.rounding} rounding to ${spec.outputFormat.id} at the end`
          : "exact sum, never rounded",
        params: { outputFormat: spec.outputFormat ? spec.outputFormat.id : null, rounding: spec.rounding },
      };
    case "tensor-core":
      return {
        id: spec.id,
        kind: spec.kind,
        summary:
          `block FMA: c + ${spec.blockSize} exact products aligned to the largest exponent, truncated below ` +
          `2^(emax−${spec.fracBits + spec.neab}), summed exactly, one ${spec.outputRounding} rounding to ${spec.outputFormat.id}`,
        params: {
          blockSize: spec.blockSize,
          neab: spec.neab,
          fracBits: spec.fracBits,
          outputFormat: spec.outputFormat.id,
          outputRounding: spec.outputRounding,
        },
      };
    case "dot-unit":
      return {
        id: spec.id,
        kind: spec.kind,
        summary:
          `dot unit: ${spec.blockSize} exact products aligned to the largest, ${spec.alignBits} bits kept (truncated below), ` +
          `summed exactly, added to the register with one ${spec.outputRounding} rounding to ${spec.outputFormat.id}`,
        params: { blockSize: spec.blockSize, alignBits: spec.alignBits, outputFormat: spec.outputFormat.id, outputRounding: spec.outputRounding },
      };
    case "tensor-core-promoted":
      return {
        id: spec.id,
        kind: spec.kind,
        summary:
          `limited block FMA (${spec.blockSize} products, truncated below 2^(emax−${spec.fracBits + spec.neab}), ` +
          `${spec.partialRounding} partials), promoted into ${spec.outputFormat.id} (${spec.outputRounding} add) every ${spec.promotionInterval} products`,
        params: {
          blockSize: spec.blockSize,
          neab: spec.neab,
          fracBits: spec.fracBits,
          partialRounding: spec.partialRounding,
          promotionInterval: spec.promotionInterval,
          outputFormat: spec.outputFormat.id,
          outputRounding: spec.outputRounding,
        },
      };
  }
}

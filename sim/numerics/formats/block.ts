import type { ScalarFormat } from "./format.js";
import { intFormat } from "./format.js";
import type { Lookup } from "./registry.js";
import { lookupScalar, nearestName, NAMED_SCALARS } from "./registry.js";

/**
 * Block-scaled formats: a block of `blockSize` element codes shares one scale code.
 * - `mx`: OCP Microscaling v1.0 (§5, §6.3): E8M0 power-of-two scale, block 32.
 * - `nvfp4`: NVIDIA NVFP4: E2M1 elements, E4M3 block scale, block 16, optional fp32 tensor scale
 *   (arXiv:2509.25149 App. B).
 * - `bfp`: block floating point: a shared power-of-two exponent and N-bit two's-complement mantissas.
 * - `nf4`: QLoRA NormalFloat4 codebook with an fp32 absmax scale per block of 64 (arXiv:2305.14314).
 */
export type BlockFamily = "mx" | "nvfp4" | "bfp" | "nf4";

export interface BlockFormat {
  readonly kind: "block";
  readonly id: string;
  readonly aliases: readonly string[];
  readonly family: BlockFamily;
  /** Element code format (for nf4 the 4-bit codebook index, as uint4). */
  readonly element: ScalarFormat;
  /** Elements are element-code value · 2^elementExp (MXINT8: k/64, so −6; BFP: set by the shared exponent). */
  readonly elementExp: number;
  /** emax of the element format: floor(log2(max element)) — OCP MX v1.0 §6.3 shared-exponent rule. */
  readonly elementEmax: number;
  readonly scale: ScalarFormat;
  readonly defaultBlockSize: number;
  readonly description: string;
}

const scalar = (id: string): ScalarFormat => {
  const r = lookupScalar(id);
  if (!r.ok) throw new Error(`block registry: ${r.reason}`);
  return r.format;
};

const mx = (id: string, elem: string, emax: number, aliases: string[], elementExp = 0): BlockFormat => ({
  kind: "block",
  id,
  aliases,
  family: "mx",
  element: scalar(elem),
  elementExp,
  elementEmax: emax,
  scale: scalar("e8m0"),
  defaultBlockSize: 32,
  description: `OCP MX v1.0 ${id.toUpperCase()}: ${elem} elements, E8M0 scale per block of 32`,
});

/** Named block formats. emax per element: OCP MX v1.0 Table 2 (E4M3 8, E5M2 15, E2M3 2, E3M2 4, E2M1 2, INT8 0). */
export const NAMED_BLOCKS: readonly BlockFormat[] = [
  mx("mxfp8-e4m3", "fp8-e4m3", 8, ["mxfp8"]),
  mx("mxfp8-e5m2", "fp8-e5m2", 15, []),
  mx("mxfp6-e2m3", "fp6-e2m3", 2, ["mxfp6"]),
  mx("mxfp6-e3m2", "fp6-e3m2", 4, []),
  mx("mxfp4", "fp4-e2m1", 2, ["mxfp4-e2m1"]),
  mx("mxint8", "int8", 0, [], -6),
  {
    kind: "block",
    id: "nvfp4",
    aliases: [],
    family: "nvfp4",
    element: scalar("fp4-e2m1"),
    elementExp: 0,
    elementEmax: 2,
    scale: scalar("fp8-e4m3"),
    defaultBlockSize: 16,
    description: "NVIDIA NVFP4: E2M1 elements, E4M3 scale per block of 16, optional fp32 tensor scale",
  },
  {
    kind: "block",
    id: "nf4",
    aliases: ["normalfloat4"],
    family: "nf4",
    element: intFormat({ id: "uint4", bits: 4, signed: false, symmetric: false }),
    elementExp: 0,
    elementEmax: 0,
    scale: scalar("fp32"),
    defaultBlockSize: 64,
    description: "QLoRA NormalFloat4 codebook, fp32 absmax scale per block of 64",
  },
];

const BFP_PATTERN = /^bfp(\d+)$/;

/** A BFP format with N-bit two's-complement mantissas and an 8-bit shared exponent (block 16 by default, as MSFP). */
export function bfpFormat(mantissaBits: number): BlockFormat {
  return {
    kind: "block",
    id: `bfp${mantissaBits}`,
    aliases: [],
    family: "bfp",
    element: intFormat({ id: `int${mantissaBits}`, bits: mantissaBits, signed: true, symmetric: false }),
    elementExp: 0,
    // A block whose amax is in [2^E, 2^(E+1)) gets mantissas k·2^(E−(N−2)), so |k| < 2^(N−1) fits.
    elementEmax: mantissaBits - 2,
    scale: scalar("e8m0"),
    defaultBlockSize: 16,
    description: `block floating point: ${mantissaBits}-bit two's-complement mantissas, E8M0 shared exponent`,
  };
}

/** Resolve a block format id or alias (`mxfp8`, `nvfp4`, `bfp8`, `nf4`, ...). */
export function lookupBlock(name: string): Lookup<BlockFormat> {
  const key = name.trim().toLowerCase();
  const found = NAMED_BLOCKS.find((b) => b.id === key || b.aliases.includes(key));
  if (found) return { ok: true, format: found };
  const m = BFP_PATTERN.exec(key);
  if (m) {
    const bits = Number(m[1]);
    if (bits < 2 || bits > 32) return { ok: false, reason: `'${name}': BFP mantissa width must be 2..32` };
    return { ok: true, format: bfpFormat(bits) };
  }
  const names = NAMED_BLOCKS.flatMap((b) => [b.id, ...b.aliases]).concat(["bfp8"]);
  const scalarHit = NAMED_SCALARS.some((s) => s.format.id === key || s.aliases.includes(key));
  if (scalarHit) {
    return { ok: false, reason: `'${name}' is a scalar format; quantize takes a block format (${names.join(", ")})` };
  }
  return { ok: false, reason: `unknown block format '${name}': did you mean '${nearestName(key, names)}'? (run 'hwsim formats')` };
}

/** Storage bits per element, scales included (OCP MX: 8 + 8/32 = 8.25; NVFP4: 4 + 8/16 = 4.5). */
export function bitsPerElement(f: BlockFormat, blockSize = f.defaultBlockSize): number {
  return f.element.bits + f.scale.bits / blockSize;
}

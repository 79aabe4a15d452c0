import type { Raw } from "../raw.js";
import { scaleByPowerOfTwo } from "../raw.js";
import { parseNumber } from "../decimal.js";
import { fromFloat64 } from "../float64.js";
import { NF4_LEVELS } from "./codebook.js";
import { rawToDecimal } from "../decimal.js";
import { decode } from "../codec.js";
import type { ScalarFormat } from "./format.js";
import { maxFiniteCode, minNormalCode, minPositiveCode } from "./float.js";
import { intMax, intMin } from "./int.js";
import { conventionOf } from "./conventions/index.js";
import type { BlockFormat } from "./block.js";
import { bitsPerElement } from "./block.js";

/** One row of `hwsim formats`: every limit as an exact decimal string. */
export interface FormatDescription {
  id: string;
  aliases: string[];
  kind: "float" | "int" | "block";
  bits: number;
  expBits: number | null;
  manBits: number | null;
  bias: number | null;
  specials: string | null;
  max: string;
  /** Smallest positive normal (floats), 1 for integers. */
  minNormal: string | null;
  /** Smallest positive value (floats: min subnormal, or min normal if the format has none). */
  minSubnormal: string | null;
  /** Most negative value (integers and unsigned formats). */
  min: string;
  description: string;
  /** Block formats only. */
  block?: { family: string; element: string; scale: string; blockSize: number; bitsPerElement: number };
}

const dec = (x: Raw) => rawToDecimal(x);

/** Describe a scalar format with its exact limits. */
export function describeScalar(f: ScalarFormat, aliases: readonly string[], description: string): FormatDescription {
  if (f.kind === "int") {
    return {
      id: f.id,
      aliases: [...aliases],
      kind: "int",
      bits: f.bits,
      expBits: null,
      manBits: null,
      bias: null,
      specials: f.symmetric ? "symmetric" : null,
      max: intMax(f).toString(),
      minNormal: "1",
      minSubnormal: "1",
      min: intMin(f).toString(),
      description,
    };
  }
  const conv = conventionOf(f.specials);
  const max = decode(f, maxFiniteCode(f, 0));
  return {
    id: f.id,
    aliases: [...aliases],
    kind: "float",
    bits: f.bits,
    expBits: f.expBits,
    manBits: f.manBits,
    bias: f.bias,
    specials: f.specials,
    max: dec(max),
    minNormal: dec(decode(f, minNormalCode(f))),
    minSubnormal: conv.hasSubnormals ? dec(decode(f, minPositiveCode(f))) : dec(decode(f, 0n)),
    min: f.signed ? dec({ ...max, sign: 1 } as Raw) : dec(decode(f, 0n)),
    description,
  };
}

/** Describe a block format: the element's limits, and the block layout. */
export function describeBlock(b: BlockFormat): FormatDescription {
  const elem = describeScalar(b.element, [], "");
  const scaled = (s: string | null) => (s === null ? null : dec(scaleByPowerOfTwo(parseNumber(s), b.elementExp)));
  // Element limits before the block scale; NF4 elements are codebook levels in [−1, 1].
  const limits =
    b.family === "nf4"
      ? { max: "1", min: "-1", minNormal: null, minSubnormal: dec(fromFloat64(NF4_LEVELS[8]!)) }
      : { max: scaled(elem.max)!, min: scaled(elem.min)!, minNormal: scaled(elem.minNormal), minSubnormal: scaled(elem.minSubnormal) };
  return {
    ...elem,
    ...limits,
    id: b.id,
    aliases: [...b.aliases],
    kind: "block",
    description: b.description,
    block: {
      family: b.family,
      element: b.element.id,
      scale: b.scale.id,
      blockSize: b.defaultBlockSize,
      bitsPerElement: bitsPerElement(b),
    },
  };
}

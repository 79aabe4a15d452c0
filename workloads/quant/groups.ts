import type { Result } from "../result.js";
import { fail, ok } from "../result.js";
import { shapeSize, stridesOf } from "../tensors/tensor.js";
import type { Granularity } from "./scheme.js";

/** Which scale group each element belongs to, and the shape of the scale tensor. */
export interface GroupLayout {
  /** Shape of the scales: [] per tensor, [channels] per channel, the tensor shape with axis → ceil(dim/blockSize) per block. */
  readonly groupShape: readonly number[];
  readonly groupCount: number;
  /** Group index of every element (row-major). */
  readonly groupOf: Int32Array;
}

/** Lay out scale groups for a tensor shape; negative axes count from the end. */
export function groupLayout(shape: readonly number[], g: Granularity): Result<GroupLayout> {
  const n = shapeSize(shape);
  const groupOf = new Int32Array(n);
  if (g.kind === "per-tensor") return ok({ groupShape: [], groupCount: 1, groupOf });
  const ax = g.axis < 0 ? shape.length + g.axis : g.axis;
  if (!Number.isInteger(ax) || ax < 0 || ax >= shape.length) return fail(`${g.kind}: axis ${g.axis} is out of range for a rank-${shape.length} tensor`);
  const dim = shape[ax]!;
  const inner = stridesOf(shape)[ax]!;
  if (g.kind === "per-channel") {
    for (let i = 0; i < n; i++) groupOf[i] = Math.floor(i / inner) % dim;
    return ok({ groupShape: [dim], groupCount: dim, groupOf });
  }
  if (!Number.isSafeInteger(g.blockSize) || g.blockSize < 1) return fail(`per-block: blockSize ${g.blockSize} must be a positive integer`);
  const blocks = Math.ceil(dim / g.blockSize);
  for (let i = 0; i < n; i++) {
    const outer = Math.floor(i / (dim * inner));
    const a = Math.floor(i / inner) % dim;
    groupOf[i] = (outer * blocks + Math.floor(a / g.blockSize)) * inner + (i % inner);
  }
  const groupShape = shape.map((d, i) => (i === ax ? blocks : d));
  return ok({ groupShape, groupCount: shapeSize(groupShape), groupOf });
}

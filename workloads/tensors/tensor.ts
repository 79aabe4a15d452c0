/** A dense row-major (C-order) tensor of float64 values. */
export interface Tensor {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

/** Number of elements of a shape (1 for a scalar, shape []). */
export function shapeSize(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Row-major strides in elements. */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i]!;
  }
  return strides;
}

/** Build a tensor; data defaults to zeros. A length that does not match the shape is a bug (throws). */
export function makeTensor(shape: readonly number[], data?: Float64Array): Tensor {
  for (const d of shape) {
    if (!Number.isSafeInteger(d) || d < 0) throw new RangeError(`bad dimension ${d} in shape [${shape.join(", ")}]`);
  }
  const n = shapeSize(shape);
  const values = data ?? new Float64Array(n);
  if (values.length !== n) throw new RangeError(`shape [${shape.join(", ")}] has ${n} elements but data has ${values.length}`);
  return { shape: [...shape], data: values };
}

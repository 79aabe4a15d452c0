/** An expected failure is a value with a reason; `throw` is kept for bugs. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** Wrap a value as a success. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** A failure with a human-readable reason. */
export function fail<T = never>(reason: string): Result<T> {
  return { ok: false, reason };
}

/** The value of a result that cannot fail for valid built-in inputs; a failure here is a bug. */
export function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`unexpected failure: ${r.reason}`);
  return r.value;
}

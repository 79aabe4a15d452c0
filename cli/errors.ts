/** Bad input from the user: reported as one line, exit code 2, never with a stack trace (unless --debug). */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** Unwrap a value-or-reason result, turning the reason into a UsageError. */
export function orUsage<T>(r: { ok: true; format: T } | { ok: false; reason: string }): T {
  if (!r.ok) throw new UsageError(r.reason);
  return r.format;
}

import type { Flags } from "../round-pack.js";

/** A fresh set of IEEE 754 §7 flags, all clear. */
export function emptyFlags(): Flags {
  return { inexact: false, overflow: false, underflow: false, invalid: false };
}

/** Bitwise OR of two flag sets (flags are sticky: once raised they stay raised). */
export function orFlags(a: Flags, b: Partial<Flags>): Flags {
  return {
    inexact: a.inexact || Boolean(b.inexact),
    overflow: a.overflow || Boolean(b.overflow),
    underflow: a.underflow || Boolean(b.underflow),
    invalid: a.invalid || Boolean(b.invalid),
  };
}

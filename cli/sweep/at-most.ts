/**
 * Bounded waits on promises that a dead Redis connection may never settle. The timers are normal (ref'd) ones,
 * cleared afterwards: an unref'd timer lets Node's event loop run dry mid-await, and the process then exits with
 * code 13 (an unsettled top-level await) instead of its one-line exit 2.
 */

/** Wait for p, but at most ms; p's rejection is ignored. */
export async function atMost(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p.catch(() => undefined), new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}

/** p's value, or a rejection naming `what` after ms. */
export async function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

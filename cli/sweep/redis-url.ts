import { UsageError } from "../errors.js";

/** ioredis connection fields from `redis://[user:password@]host[:port][/db]` (or `rediss://` for TLS). */
export interface RedisTarget {
  readonly host: string;
  readonly port: number;
  readonly username?: string;
  readonly password?: string;
  readonly db: number;
  readonly tls?: Record<string, never>;
}

export function parseRedisUrl(text: string, flag = "--queue"): RedisTarget {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new UsageError(`${flag} '${text}' is not a URL: give redis://host:port`);
  }
  if (u.protocol !== "redis:" && u.protocol !== "rediss:") throw new UsageError(`${flag} '${text}' must start with redis:// (or rediss:// for TLS)`);
  if (!u.hostname) throw new UsageError(`${flag} '${text}' has no host: give redis://host:port`);
  const port = u.port === "" ? 6379 : Number(u.port);
  const dbText = u.pathname.replace(/^\//, "");
  if (!/^\d*$/.test(dbText) || Number(dbText) > 15) throw new UsageError(`${flag} '${text}': the path must be a database number from 0 to 15`);
  if (u.search || u.hash) throw new UsageError(`${flag} '${text}' takes no query or fragment`);
  return {
    host: u.hostname.replace(/^\[|\]$/g, ""),
    port,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    db: dbText === "" ? 0 : Number(dbText),
    ...(u.protocol === "rediss:" ? { tls: {} } : {}),
  };
}

/** A URL for messages, without the password. */
export function redisLabel(text: string): string {
  return text.replace(/\/\/([^@/]*)@/, (_m, cred: string) => `//${cred.includes(":") ? `${cred.split(":")[0]}:***` : cred}@`);
}

/**
 * Connection options that give up after `giveUpMs` of failed reconnects (ioredis would otherwise retry
 * forever), so a lost Redis ends the run with a message instead of a hang.
 */
export function connectionOptions(t: RedisTarget, giveUpMs: number, extra: Record<string, unknown> = {}) {
  const stepMs = 250;
  return {
    ...t,
    maxRetriesPerRequest: null,
    connectTimeout: Math.max(1000, Math.min(giveUpMs, 10_000)),
    retryStrategy: (times: number) => (times * stepMs > giveUpMs ? null : stepMs),
    ...extra,
  };
}

/** Connection-level failures (as opposed to a failing point). */
export function isConnectionError(e: unknown): boolean {
  const m = e instanceof Error ? `${(e as NodeJS.ErrnoException).code ?? ""} ${e.message}` : String(e);
  return /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN|EPIPE|Connection is closed|connect|enableOfflineQueue|Stream isn't writeable|timed out|NOAUTH|WRONGPASS/i.test(m);
}

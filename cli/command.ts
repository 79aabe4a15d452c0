import type { Argv } from "yargs";
import type { CliContext } from "./context.js";

/** One CLI command: yargs wiring plus a handler that writes only through ctx. */
export interface CommandSpec {
  readonly command: string;
  readonly describe: string;
  readonly builder: (y: Argv) => Argv;
  readonly examples?: readonly [string, string][];
  /** Options that take a value (so a following negative number is their value, not a positional). */
  readonly valueOptions?: readonly string[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  run(args: any, ctx: CliContext): void | Promise<void>;
}

/** Print a JSON document (stable key order as built, 2-space indent). */
export function printJson(ctx: CliContext, value: unknown): void {
  ctx.stdout(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2) + "\n");
}

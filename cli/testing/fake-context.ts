import type { CliContext } from "../context.js";

/** A CliContext that records output, for driving `main(argv, ctx)` in tests. */
export interface FakeContext extends CliContext {
  readonly out: string[];
  readonly err: string[];
  stdoutText(): string;
  stderrText(): string;
}

export function fakeContext(cwd = process.cwd()): FakeContext {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    cwd,
    isTTY: false,
    color: false,
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    stdoutText: () => out.join(""),
    stderrText: () => err.join(""),
  };
}

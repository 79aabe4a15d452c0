/**
 * Everything a command may touch in the outside world. `main(argv, ctx)` takes it as an argument so
 * tests drive the CLI in-process with a fake context (no spawned processes, no stubbed globals).
 */
export interface CliContext {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Working directory for relative paths. */
  readonly cwd: string;
  /** True when stdout is an interactive terminal (colours, progress bars). */
  readonly isTTY: boolean;
  /** Colour output (chalk level 0 disables). */
  readonly color: boolean;
}

import cliProgress from "cli-progress";
import type { CliContext } from "../context.js";

/** A progress bar with ETA on a TTY (stderr); nothing otherwise (the command prints a one-line summary). */
export function sweepProgress(ctx: CliContext, total: number): { tick: () => void; stop: () => void } {
  if (!ctx.isTTY || total === 0) return { tick: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { format: "sweep [{bar}] {percentage}% | {value}/{total} points | ETA {eta_formatted}", stream: process.stderr, etaBuffer: 8 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { tick: () => bar.increment(), stop: () => bar.stop() };
}

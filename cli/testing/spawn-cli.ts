import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The compiled CLI that tests spawn as real processes (signals, worker threads): `$HWSIM_DIST/cli/bin.js`, else
 * the checkout's dist/ (`npm test` builds it first).
 */
export function distBin(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith(".js")) return path.join(path.dirname(here), "..", "bin.js"); // already running compiled (bench)
  const dist = process.env["HWSIM_DIST"] ?? path.resolve(path.dirname(here), "../../dist");
  const bin = path.join(dist, "cli", "bin.js");
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run npm run build (npm test does) or set HWSIM_DIST to a build`);
  return bin;
}

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Start `hwsim <args>` in `cwd`; `done` resolves when it has exited. */
export function startCli(args: readonly string[], cwd: string): { child: ChildProcess; done: Promise<CliRun> } {
  const child = spawn(process.execPath, [distBin(), ...args], { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  const done = new Promise<CliRun>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

export function runCli(args: readonly string[], cwd: string): Promise<CliRun> {
  return startCli(args, cwd).done;
}

/** Complete lines of a file (missing = none). */
export function fileLines(file: string): string[] {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, "utf8");
  return text.split("\n").slice(0, -1);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Poll until `cond` holds (or fail after `ms`). */
export async function waitFor(cond: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(10);
  }
}

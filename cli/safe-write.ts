import { closeSync, openSync, readSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { UsageError } from "./errors.js";

/** What marks a file as written by hwsim (so a rerun may replace it without --force). */
export type Ownership = (head: string) => boolean;

/** First bytes of a file, or null when it does not exist. */
function head(file: string, bytes = 4096): string | null {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new UsageError(`cannot open '${file}': ${(e as NodeJS.ErrnoException).code ?? e}`);
  }
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n).toString("utf8");
  } finally {
    closeSync(fd);
  }
}

/**
 * Refuse (UsageError) to replace an existing file that hwsim did not write, unless forced; refuse a
 * directory or a missing parent. Call for every target before writing any, so a run never half-writes.
 */
export function checkWritable(file: string, owned: Ownership, force: boolean, flag: string): void {
  const dir = path.dirname(file);
  try {
    if (!statSync(dir).isDirectory()) throw new UsageError(`${flag} '${file}': '${dir}' is not a directory`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${flag} '${file}': the directory '${dir}' does not exist`);
  }
  try {
    if (statSync(file).isDirectory()) throw new UsageError(`${flag} '${file}' is a directory: give a file name`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
  }
  const h = head(file);
  if (h !== null && !force && !owned(h)) {
    throw new UsageError(`${flag} '${file}' exists and is not an hwsim output: pass --force to overwrite it, or choose another path`);
  }
}

/** Write via a temporary file in the same directory and rename over the target (atomic on POSIX). */
export function writeAtomically(file: string, content: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing to clean up
    }
    throw new UsageError(`cannot write '${file}': ${(e as NodeJS.ErrnoException).code ?? e}`);
  }
}

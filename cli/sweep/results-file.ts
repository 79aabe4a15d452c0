import { closeSync, fdatasyncSync, openSync, readFileSync, truncateSync, unlinkSync, writeSync } from "node:fs";
import type { SweepLine } from "../../reports/sweep-line.js";
import { parseSweepLine } from "../../reports/sweep-line.js";
import { UsageError } from "../errors.js";

/** The lines of a results file; a last line without its newline (a write cut off by a kill) is reported apart. */
export interface ResultsContent {
  readonly lines: SweepLine[];
  /** Bytes after the last newline: a line that was being written when the process died. */
  readonly tornBytes: number;
  /** Length of the complete part of the file. */
  readonly completeBytes: number;
}

/**
 * Read a results file (missing = empty). Every complete line must be a sweep line, else the file is not ours
 * (or was edited) and we refuse it with the line number. `name` is how the user named the file.
 */
export function readResults(file: string, name: string): ResultsContent {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { lines: [], tornBytes: 0, completeBytes: 0 };
    throw new UsageError(`cannot read '${name}': ${code === "EISDIR" ? "it is a directory" : code ?? e}`);
  }
  const completeBytes = buf.lastIndexOf(0x0a) + 1;
  const text = buf.subarray(0, completeBytes).toString("utf8");
  const lines: SweepLine[] = [];
  const rows = text.split("\n");
  rows.pop();
  rows.forEach((row, i) => {
    const r = parseSweepLine(row);
    if (!r.ok) {
      const what = i === 0 ? "is not an hwsim sweep results file" : "is not a sweep result";
      throw new UsageError(`'${name}' line ${i + 1} ${what} (${r.reason}): choose another --out, or fix or remove that line`);
    }
    lines.push(r.value);
  });
  return { lines, tornBytes: buf.length - completeBytes, completeBytes };
}

/** True when a process with this id is running. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** An open results file: one writer (a lock file next to it), append-only, one atomic line at a time. */
export interface ResultsWriter {
  /** Lines already in the file when it was opened (after a torn last line, if any, was dropped). */
  readonly existing: readonly SweepLine[];
  readonly tornBytes: number;
  /** Ids in the file. */
  readonly ids: ReadonlySet<string>;
  /** Append a line unless its id is already in the file; true when written. */
  append(id: string, text: string): boolean;
  close(): void;
}

/**
 * Open a results file for a sweep. A lock file (`<file>.lock`, holding the pid) keeps a second sweep from
 * appending at the same time; a lock left by a killed sweep is taken over. A torn last line is cut off. Each
 * line goes out in a single write on an O_APPEND descriptor and is flushed to disk before the next.
 */
export function openResults(file: string, name: string): ResultsWriter {
  const lock = `${file}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lock, "wx");
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw new UsageError(`cannot lock '${name}': ${(e as NodeJS.ErrnoException).code ?? e}`);
      let pid = NaN;
      try {
        pid = Number(readFileSync(lock, "utf8").trim());
      } catch {
        // vanished meanwhile: retry
      }
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new UsageError(`'${name}' is in use by another hwsim sweep (pid ${pid}): wait for it, or remove ${lock} if that process is not hwsim`);
      }
      try {
        unlinkSync(lock);
      } catch {
        // already gone
      }
    }
  }
  try {
    const content = readResults(file, name);
    if (content.tornBytes > 0) truncateSync(file, content.completeBytes);
    const ids = new Set(content.lines.map((l) => l.id));
    let handle: number | undefined; // opened at the first line, so a run refused later creates no file
    return {
      existing: content.lines,
      tornBytes: content.tornBytes,
      ids,
      append(id, text) {
        if (ids.has(id)) return false;
        handle ??= openSync(file, "a");
        const bytes = Buffer.from(text, "utf8");
        let off = 0;
        while (off < bytes.length) off += writeSync(handle, bytes, off, bytes.length - off);
        fdatasyncSync(handle);
        ids.add(id);
        return true;
      },
      close() {
        if (handle !== undefined) closeSync(handle);
        unlinkSync(lock);
      },
    };
  } catch (e) {
    unlinkSync(lock);
    throw e;
  }
}


/**
 * Markdown table helpers for reports that must read well on GitHub: GitHub renders a wide table as a strip that
 * scrolls sideways, so a table wider than MAX_TABLE_COLUMNS is split into several, each repeating the key columns.
 */

/** Widest table a report writes (key columns included): about what a GitHub page shows without scrolling. */
export const MAX_TABLE_COLUMNS = 10;

/** One Markdown table: header, separator and rows (cells are already escaped). */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)];
}

/**
 * A table split into tables of at most `max` columns: the first `keyColumns` columns are repeated in each, and the
 * other columns are cut only between groups of `groupSize` (so a precision's "cycles | SQNR" pair stays together).
 * Tables are separated by a blank line; a table narrow enough comes back whole.
 */
export function splitTable(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  opts: { keyColumns: number; groupSize?: number; max?: number },
): string[] {
  const k = opts.keyColumns;
  const g = opts.groupSize ?? 1;
  const max = opts.max ?? MAX_TABLE_COLUMNS;
  const rest = head.length - k;
  if (rest % g !== 0) throw new RangeError(`splitTable: ${rest} value columns do not form groups of ${g}`);
  const perTable = Math.max(1, Math.floor((max - k) / g)) * g;
  if (head.length <= max) return table(head, rows);
  const tables = Math.ceil(rest / perTable);
  // Even chunks (10 columns in tables of 8 split as 5 + 5, not 8 + 2), still cut on group boundaries.
  const groups = rest / g;
  const groupsPer = Math.ceil(groups / tables);
  const L: string[] = [];
  for (let start = 0; start < groups; start += groupsPer) {
    const cols = [...Array(k).keys(), ...Array.from({ length: Math.min(groupsPer, groups - start) * g }, (_, i) => k + start * g + i)];
    if (L.length) L.push("");
    L.push(...table(cols.map((c) => head[c]!), rows.map((r) => cols.map((c) => r[c]!))));
  }
  return L;
}

/** A block folded on GitHub: `<details>` with a one-line summary, blank lines around the Markdown inside. */
export function folded(summary: string, body: readonly string[]): string[] {
  return ["<details>", `<summary>${summary}</summary>`, "", ...body, "", "</details>"];
}

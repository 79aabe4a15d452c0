/** A point to rank: lower is better on every objective. */
export interface ParetoInput {
  readonly id: string;
  readonly objectives: readonly number[];
}

export interface ParetoRow {
  readonly id: string;
  readonly onFront: boolean;
  /** Ids of rows that dominate this one (empty on the front). */
  readonly dominatedBy: readonly string[];
}

/** a dominates b: no worse on every objective and strictly better on at least one (NaN counts as worst). */
export function dominates(a: readonly number[], b: readonly number[]): boolean {
  let strictly = false;
  for (let i = 0; i < a.length; i++) {
    const x = Number.isNaN(a[i]!) ? Infinity : a[i]!;
    const y = Number.isNaN(b[i]!) ? Infinity : b[i]!;
    if (x > y) return false;
    if (x < y) strictly = true;
  }
  return strictly;
}

/**
 * Pareto front over minimised objectives. Ties are handled: identical points do not dominate each other,
 * so duplicates are all kept on the front. O(n²), fine for report-sized sets.
 */
export function paretoFront(rows: readonly ParetoInput[]): ParetoRow[] {
  const width = rows[0]?.objectives.length ?? 0;
  if (rows.some((r) => r.objectives.length !== width)) throw new RangeError("paretoFront: rows have different objective counts");
  return rows.map((r) => {
    const dominatedBy = rows.filter((o) => o !== r && dominates(o.objectives, r.objectives)).map((o) => o.id);
    return { id: r.id, onFront: dominatedBy.length === 0, dominatedBy };
  });
}

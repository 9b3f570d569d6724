// Column and sort state shared by DataTable and the pages that drive it.

export type Align = 'start' | 'end';

export interface Column<S extends string = string> {
  /** Stable id, also passed to the cell snippet so it knows what to render. */
  id: string;
  label: string;
  /** Present when the column can be sorted by this key. */
  sortKey?: S;
  align?: Align;
  /** Hide the label visually (e.g. an actions column) while keeping it for screen readers. */
  hideLabel?: boolean;
}

export interface SortState<S extends string = string> {
  key: S;
  descending: boolean;
}

export function ariaSort<S extends string>(sort: SortState<S> | null | undefined, key: S): 'ascending' | 'descending' | 'none' {
  if (!sort || sort.key !== key) return 'none';
  return sort.descending ? 'descending' : 'ascending';
}

/**
 * Clicking the sorted column flips direction; clicking another starts it in its natural order
 * (counts read best largest-first, text A→Z).
 */
export function toggleSort<S extends string>(
  sort: SortState<S>,
  key: S,
  descendingFirst: readonly S[] = [],
): SortState<S> {
  if (sort.key === key) return { key, descending: !sort.descending };
  return { key, descending: descendingFirst.includes(key) };
}

/** Client-side sort for small lists that arrive whole (programs). Nulls sort last. */
export function sortRows<T, S extends string>(
  rows: readonly T[],
  sort: SortState<S>,
  value: (row: T, key: S) => string | number | boolean | null,
): T[] {
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  const dir = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = value(a, sort.key);
    const y = value(b, sort.key);
    if (x === y) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    if (typeof x === 'string' && typeof y === 'string') return collator.compare(x, y) * dir;
    return (x < y ? -1 : 1) * dir;
  });
}

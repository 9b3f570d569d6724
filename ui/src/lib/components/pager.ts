// Page arithmetic for server-side lists: which page an offset is on, how many pages there are,
// and which page numbers the pager shows (always the first and last, a window around the
// current one, and a gap where numbers are left out).

/** The page sizes a list offers. */
export const PAGE_SIZES: readonly number[] = [25, 50, 100, 200];

export function isPageSize(value: unknown): value is number {
  return typeof value === 'number' && PAGE_SIZES.includes(value);
}

/** Number of pages for `total` rows; an empty list still has one (empty) page. */
export function pageCount(total: number, limit: number): number {
  if (limit <= 0) return 1;
  return Math.max(1, Math.ceil(total / limit));
}

/** The 1-based page that shows the row at `offset`. */
export function pageOf(offset: number, limit: number): number {
  if (limit <= 0) return 1;
  return Math.floor(Math.max(0, offset) / limit) + 1;
}

/** The offset of a 1-based page, clamped to the pages that exist. */
export function offsetOfPage(page: number, limit: number, total: number): number {
  const last = pageCount(total, limit);
  const clamped = Math.min(Math.max(1, Math.trunc(page)), last);
  return (clamped - 1) * limit;
}

/** A page number to show, or a gap standing for the pages left out. */
export type PageItem = { kind: 'page'; page: number } | { kind: 'gap'; key: string };

/**
 * The page buttons: first, last, and `around` pages either side of the current one. A gap that
 * would hide a single page shows that page instead (a "…" in place of one number helps nobody).
 */
export function pageWindow(current: number, pages: number, around = 2): PageItem[] {
  const shown = new Set<number>([1, pages]);
  for (let page = current - around; page <= current + around; page++) {
    if (page >= 1 && page <= pages) shown.add(page);
  }
  const sorted = [...shown].sort((a, b) => a - b);
  const items: PageItem[] = [];
  let previous = 0;
  for (const page of sorted) {
    if (page - previous === 2) items.push({ kind: 'page', page: previous + 1 });
    else if (page - previous > 2) items.push({ kind: 'gap', key: `gap-${previous}` });
    items.push({ kind: 'page', page });
    previous = page;
  }
  return items;
}

/** A typed page number ("12", " 3 "), or null when it is not a page of this list. */
export function parsePage(text: string, pages: number): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const page = Number(trimmed);
  return page >= 1 && page <= pages ? page : null;
}

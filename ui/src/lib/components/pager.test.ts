import { describe, expect, it } from 'vitest';
import { isPageSize, offsetOfPage, pageCount, pageOf, pageWindow, parsePage, type PageItem } from './pager';

/** Compact picture of a window: pages as numbers, gaps as '…'. */
function picture(items: PageItem[]): (number | '…')[] {
  return items.map((item) => (item.kind === 'page' ? item.page : '…'));
}

describe('page arithmetic', () => {
  it('counts pages, an empty list having one', () => {
    expect(pageCount(0, 50)).toBe(1);
    expect(pageCount(50, 50)).toBe(1);
    expect(pageCount(51, 50)).toBe(2);
    expect(pageCount(96568, 50)).toBe(1932);
  });

  it('maps offsets to pages and back, clamping out-of-range pages', () => {
    expect(pageOf(0, 50)).toBe(1);
    expect(pageOf(49, 50)).toBe(1);
    expect(pageOf(50, 50)).toBe(2);
    expect(offsetOfPage(2, 50, 120)).toBe(50);
    expect(offsetOfPage(99, 50, 120)).toBe(100);
    expect(offsetOfPage(0, 50, 120)).toBe(0);
  });

  it('offers 25, 50, 100 and 200 rows a page only', () => {
    expect(isPageSize(100)).toBe(true);
    expect(isPageSize(30)).toBe(false);
    expect(isPageSize('50')).toBe(false);
  });
});

describe('pageWindow', () => {
  it('lists every page of a short list', () => {
    expect(picture(pageWindow(1, 1))).toEqual([1]);
    expect(picture(pageWindow(3, 5))).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps first and last with gaps around the current page', () => {
    expect(picture(pageWindow(1, 1932))).toEqual([1, 2, 3, '…', 1932]);
    expect(picture(pageWindow(500, 1932))).toEqual([1, '…', 498, 499, 500, 501, 502, '…', 1932]);
    expect(picture(pageWindow(1932, 1932))).toEqual([1, '…', 1930, 1931, 1932]);
  });

  it('shows the one page a gap would hide', () => {
    expect(picture(pageWindow(5, 10))).toEqual([1, 2, 3, 4, 5, 6, 7, '…', 10]);
  });

  it('gives each gap its own key', () => {
    const gaps = pageWindow(500, 1932).filter((item) => item.kind === 'gap');
    expect(new Set(gaps.map((gap) => (gap.kind === 'gap' ? gap.key : ''))).size).toBe(2);
  });
});

describe('parsePage', () => {
  it('accepts a page of the list only', () => {
    expect(parsePage(' 12 ', 1932)).toBe(12);
    expect(parsePage('0', 1932)).toBeNull();
    expect(parsePage('1933', 1932)).toBeNull();
    expect(parsePage('2.5', 10)).toBeNull();
    expect(parsePage('', 10)).toBeNull();
  });
});

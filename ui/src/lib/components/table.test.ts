import { describe, expect, it } from 'vitest';
import { ariaSort, sortRows, toggleSort } from './table';

describe('ariaSort', () => {
  it('describes the sorted column only', () => {
    expect(ariaSort({ key: 'a', descending: false }, 'a')).toBe('ascending');
    expect(ariaSort({ key: 'a', descending: true }, 'a')).toBe('descending');
    expect(ariaSort({ key: 'a', descending: true }, 'b')).toBe('none');
    expect(ariaSort(null, 'b')).toBe('none');
  });
});

describe('toggleSort', () => {
  it('flips the current column and starts others in their natural order', () => {
    expect(toggleSort({ key: 'name', descending: false }, 'name')).toEqual({ key: 'name', descending: true });
    expect(toggleSort({ key: 'name', descending: true }, 'id')).toEqual({ key: 'id', descending: false });
    expect(toggleSort({ key: 'name', descending: false }, 'completions', ['completions'])).toEqual({
      key: 'completions',
      descending: true,
    });
  });
});

describe('sortRows', () => {
  const rows = [
    { t: 'b10', n: 2 as number | null },
    { t: 'B2', n: null },
    { t: 'a', n: 5 },
  ];
  it('sorts text naturally and case-insensitively', () => {
    const sorted = sortRows(rows, { key: 't', descending: false }, (r, k) => (k === 't' ? r.t : r.n));
    expect(sorted.map((r) => r.t)).toEqual(['a', 'B2', 'b10']);
  });
  it('keeps nulls last in both directions', () => {
    const asc = sortRows(rows, { key: 'n', descending: false }, (r) => r.n);
    const desc = sortRows(rows, { key: 'n', descending: true }, (r) => r.n);
    expect(asc.map((r) => r.n)).toEqual([2, 5, null]);
    expect(desc.map((r) => r.n)).toEqual([5, 2, null]);
  });
});

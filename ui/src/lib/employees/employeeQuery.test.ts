import { describe, expect, it } from 'vitest';
import { initialEmployeeListState, isFiltered, toEmployeeQuery } from './employeeQuery';

describe('toEmployeeQuery', () => {
  it('sends nulls for empty filters and the page window', () => {
    expect(toEmployeeQuery(initialEmployeeListState())).toEqual({
      search: null,
      department: null,
      role: null,
      manager_id: null,
      include_inactive: false,
      sort: 'full_name',
      descending: false,
      offset: 0,
      limit: 50,
    });
  });

  it('passes filters, sort and offset through', () => {
    const state = {
      ...initialEmployeeListState(),
      search: '  ada ',
      department: 'R&D',
      includeInactive: true,
      sort: { key: 'completions' as const, descending: true },
      offset: 100,
    };
    expect(toEmployeeQuery(state, 20)).toMatchObject({
      search: 'ada',
      department: 'R&D',
      role: null,
      include_inactive: true,
      sort: 'completions',
      descending: true,
      offset: 100,
      limit: 20,
    });
  });
});

describe('isFiltered', () => {
  it('ignores whitespace-only search and the inactive toggle', () => {
    expect(isFiltered({ ...initialEmployeeListState(), search: '  ', includeInactive: true })).toBe(false);
    expect(isFiltered({ ...initialEmployeeListState(), role: 'Engineer' })).toBe(true);
  });
});

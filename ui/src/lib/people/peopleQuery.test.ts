import { describe, expect, it } from 'vitest';
import type { Filters } from '../api';
import { noFilters } from '../dashboard/dashboardQuery';
import { isPooled, parsePeopleParams, peopleChips, peopleHref } from './peopleQuery';

const NO_FILTERS: Filters = { ...noFilters(), current: false };

function searchOf(href: string): string {
  return href.slice(href.indexOf('?') + 1);
}

describe('peopleHref and parsePeopleParams', () => {
  it('carry a bar of the generation chart, untrained, with the report filters', () => {
    const filters = { ...NO_FILTERS, department: 'Sales & Ops', as_of: '2026-06-30', include_inactive: true };
    const href = peopleHref(filters, { generation: 'Baby Boomers' }, false);
    expect(href.startsWith('#/people?')).toBe(true);
    expect(parsePeopleParams(searchOf(href))).toEqual({
      filters,
      generation: 'Baby Boomers',
      role: null,
      location: null,
      age_band: null,
      trained: false,
    });
  });

  it('leave out what is not set', () => {
    expect(peopleHref(NO_FILTERS, {}, null)).toBe('#/people?');
    expect(parsePeopleParams('trained=maybe&nonsense=1').trained).toBeNull();
  });
});

describe('peopleChips', () => {
  it('names each applied filter and links to the list without it', () => {
    const search = searchOf(peopleHref({ ...NO_FILTERS, department: 'Data' }, { generation: 'Gen Z' }, false));
    const chips = peopleChips(search);
    expect(chips.map((c) => c.text)).toEqual(['Generation: Gen Z', 'Trained: not yet', 'Department: Data']);
    const withoutGeneration = parsePeopleParams(searchOf(chips[0]!.without));
    expect(withoutGeneration.generation).toBeNull();
    expect(withoutGeneration.trained).toBe(false);
    expect(withoutGeneration.filters.department).toBe('Data');
  });
});

describe('isPooled', () => {
  it('knows the pooled row by the core wording only', () => {
    expect(isPooled('Other (3 roles, 6 people)')).toBe(true);
    expect(isPooled('Other (2 departments, 1,204 people)')).toBe(true);
    expect(isPooled('Other (contract)')).toBe(false);
    expect(isPooled('Analyst')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import {
  clearFilters,
  dashboardChips,
  DEFAULT_MIN_GROUP,
  initialDashboardFilters,
  isFiltered,
  removeChip,
  reportRequest,
  toDashboardQuery,
  type DashboardFilterState,
} from './dashboardQuery';

const state = (change: Partial<DashboardFilterState> = {}): DashboardFilterState => ({ ...initialDashboardFilters(), ...change });

describe('toDashboardQuery', () => {
  it('sends null, never "", for filters left blank, and the default k and threshold', () => {
    expect(toDashboardQuery(state())).toEqual({
      ok: true,
      query: {
        filters: {
          skill_area: null,
          program_format: null,
          program_id: null,
          from: null,
          to: null,
          as_of: null,
          department: null,
          manager_id: null,
          include_inactive: false,
        },
        min_group: 5,
        threshold: 10,
        pool_small: true,
      },
    });
  });

  it('trims what was typed and passes every filter under its IPC key', () => {
    const result = toDashboardQuery(
      state({
        skillArea: 'Prompt engineering',
        programFormat: 'vendor_certification',
        programId: ' AWS-MLS ',
        from: '2025-01-01',
        to: '2025-12-31',
        asOf: '2026-06-30',
        department: 'Data',
        managerId: ' E00002 ',
        includeInactive: true,
        minGroup: '0',
        poolSmall: false,
      }),
      15,
    );
    expect(result).toEqual({
      ok: true,
      query: {
        filters: {
          skill_area: 'Prompt engineering',
          program_format: 'vendor_certification',
          program_id: 'AWS-MLS',
          from: '2025-01-01',
          to: '2025-12-31',
          as_of: '2026-06-30',
          department: 'Data',
          manager_id: 'E00002',
          include_inactive: true,
        },
        min_group: 0,
        threshold: 15,
        pool_small: false,
      },
    });
  });

  it('a blank k means the default', () => {
    const result = toDashboardQuery(state({ minGroup: ' ' }));
    expect(result.ok && result.query.min_group).toBe(DEFAULT_MIN_GROUP);
  });

  it('holds back half-typed dates and a k that is not a count, naming the fields as the core does', () => {
    expect(toDashboardQuery(state({ from: '2025-1', asOf: '2026-02-30', minGroup: '-1' }))).toEqual({
      ok: false,
      errors: {
        from: 'A date as YYYY-MM-DD.',
        as_of: 'A date as YYYY-MM-DD.',
        min_group: 'A whole number from 0 (no suppression) to 1000.',
      },
    });
    expect(toDashboardQuery(state({ minGroup: '2.5' })).ok).toBe(false);
    expect(toDashboardQuery(state({ minGroup: '1001' })).ok).toBe(false);
  });

  it('drops a format it does not know rather than sending it', () => {
    const result = toDashboardQuery(state({ programFormat: 'webinar' }));
    expect(result.ok && result.query.filters.program_format).toBeNull();
  });
});

describe('isFiltered / clearFilters', () => {
  it('counts every filter but k', () => {
    expect(isFiltered(state())).toBe(false);
    expect(isFiltered(state({ minGroup: '10' }))).toBe(false);
    expect(isFiltered(state({ managerId: 'E1' }))).toBe(true);
    expect(isFiltered(state({ includeInactive: true }))).toBe(true);
    expect(isFiltered(state({ department: '  ' }))).toBe(false);
  });

  it('clears the filters and keeps k', () => {
    const filters = state({ department: 'Data', managerId: 'E1', asOf: '2026-01-01', minGroup: '3' });
    clearFilters(filters);
    expect(filters).toEqual(state({ minGroup: '3' }));
  });
});

describe('reportRequest', () => {
  const result = toDashboardQuery(state({ department: 'Data', minGroup: '3' }), 12);
  if (!result.ok) throw new Error('valid filters');
  const query = result.query;

  it('asks each coverage panel for its dimensions under the same filters and k', () => {
    expect(reportRequest('by_generation', query)).toEqual({
      kind: 'coverage',
      query: { dims: ['generation'], filters: query.filters, min_group: 3 },
    });
    expect(reportRequest('by_skill_area', query).query).toMatchObject({ dims: ['skill_area'] });
    expect(reportRequest('role_by_generation', query).query).toMatchObject({ dims: ['role', 'generation'] });
    expect(reportRequest('by_department', query).query).toMatchObject({ dims: ['department'] });
  });

  it('asks the gap list for gaps by generation with the threshold', () => {
    expect(reportRequest('gaps_by_generation', query)).toEqual({
      kind: 'gaps',
      query: { dim: 'generation', filters: query.filters, min_group: 3, threshold: 12 },
    });
  });

  it('copies the filters, so a later edit cannot change a request already made', () => {
    const request = reportRequest('by_role', query);
    expect(request.query.filters).not.toBe(query.filters);
  });
});

describe('dashboardChips', () => {
  it('shows nothing when nothing narrows the numbers', () => {
    expect(dashboardChips(state())).toEqual([]);
    expect(dashboardChips(state({ department: '  ', minGroup: String(DEFAULT_MIN_GROUP) }))).toEqual([]);
  });

  it('names each filter in the form order, with titles and names instead of ids', () => {
    const chips = dashboardChips(
      state({ programId: 'P1', managerId: 'E7', department: 'Data', programFormat: 'workshop', asOf: '2026-01-31', minGroup: '3', includeInactive: true }),
      { program: (id) => (id === 'P1' ? 'Prompting 101' : null), managerName: 'Maya Haddad' },
    );
    expect(chips.map((c) => c.key)).toEqual(['department', 'managerId', 'includeInactive', 'programFormat', 'programId', 'asOf', 'minGroup']);
    expect(chips.map((c) => c.text)).toEqual([
      'Department: Data',
      'Team of Maya Haddad',
      'Including inactive',
      'Format: Workshop',
      'Program: Prompting 101',
      'As of 2026-01-31',
      'Smallest group shown: 3',
    ]);
  });

  it('falls back to the id while a name is unknown', () => {
    expect(dashboardChips(state({ managerId: 'E7', programId: 'P9' }), { program: () => null }).map((c) => c.text)).toEqual([
      'Team of E7',
      'Program: P9',
    ]);
  });

  it('says when small groups are shown apart, and removing that chip pools them again', () => {
    const filters = state({ poolSmall: false });
    expect(dashboardChips(filters).map((c) => c.text)).toEqual(['Small groups apart']);
    expect(isFiltered(filters)).toBe(false);
    clearFilters(filters);
    expect(filters.poolSmall).toBe(false);
    removeChip(filters, 'poolSmall');
    expect(filters.poolSmall).toBe(true);
    expect(dashboardChips(filters)).toEqual([]);
  });

  it('removing a chip resets that filter only, and k to the default', () => {
    const filters = state({ department: 'Data', skillArea: 'Ethics', minGroup: '2' });
    removeChip(filters, 'department');
    expect(filters).toEqual(state({ skillArea: 'Ethics', minGroup: '2' }));
    removeChip(filters, 'minGroup');
    expect(filters.minGroup).toBe(String(DEFAULT_MIN_GROUP));
    expect(dashboardChips(filters).map((c) => c.key)).toEqual(['skillArea']);
  });
});

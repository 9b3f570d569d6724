import { describe, expect, it } from 'vitest';
import type { CoverageReport, CoverageRow } from '../api';
import {
  barWidth,
  coverageText,
  gapLabel,
  generationYears,
  heatLegend,
  heatLevel,
  HEAT_LEVELS,
  percentLabel,
  populationText,
  sortCoverage,
  suppressionNote,
  hiddenReason,
  toGrid,
} from './coverageView';

const row = (group: string, headcount: number, trained: number | null, suppressed = false): CoverageRow => ({
  groups: [group],
  headcount,
  trained: suppressed ? null : trained,
  coverage_pct: suppressed || trained === null || headcount === 0 ? null : Math.round((1000 * trained) / headcount) / 10,
  suppressed,
});

describe('coverage labels', () => {
  it('shows one decimal', () => {
    expect(percentLabel(47.2)).toBe('47.2%');
    expect(percentLabel(40)).toBe('40.0%');
    expect(percentLabel(0)).toBe('0.0%');
  });

  it('reads "fewer than k" for a small group, never a number', () => {
    expect(coverageText(row('Silent Generation', 3, null, true), 5)).toBe('fewer than 5');
    expect(coverageText(row('Gen Z', 1, null, true), 10)).toBe('fewer than 10');
    expect(suppressionNote(row('Gen Z', 1, null, true), 5)).toMatch(/^Fewer than 5 people/);
  });

  it('says "hidden" for a group hidden only to protect a small one (it is not small)', () => {
    expect(coverageText(row('Sales', 41, null, true), 5)).toBe('hidden');
    expect(suppressionNote(row('Sales', 41, null, true), 5)).toMatch(/cannot be worked out by subtraction/);
  });

  it('writes the reason a group is hidden from its headcount and k, and none for a shown group', () => {
    expect(`${coverageText(row('Executive', 1, null, true), 5)} ${hiddenReason(row('Executive', 1, null, true), 5)}`).toBe(
      'fewer than 5 people: kept hidden to protect individuals',
    );
    expect(hiddenReason(row('Sales', 41, null, true), 5)).toBe('so that a group of fewer than 5 cannot be worked out');
    expect(hiddenReason(row('Sales', 4, null, true), 3)).toMatch(/fewer than 3 cannot/);
    expect(hiddenReason(row('Sales', 41, 50), 5)).toBeNull();
  });

  it('shows 0.0% for a real zero and a dash for an empty group', () => {
    expect(coverageText(row('Analytics engineer', 5, 0), 5)).toBe('0.0%');
    expect(coverageText(row('Nobody', 0, 0), 0)).toBe('–');
    expect(suppressionNote(row('Analytics engineer', 5, 0), 5)).toBeNull();
  });

  it('signs gaps with a real minus sign', () => {
    expect(gapLabel(8.5)).toBe('+8.5');
    expect(gapLabel(-18.3)).toBe('−18.3');
    expect(gapLabel(0)).toBe('0.0');
    expect(gapLabel(-0.04)).toBe('0.0');
    expect(gapLabel(null)).toBe('–');
  });

  it('keeps bars inside their track', () => {
    expect(barWidth(47.2)).toBe(47.2);
    expect(barWidth(null)).toBe(0);
    expect(barWidth(-3)).toBe(0);
    expect(barWidth(140)).toBe(100);
  });
});

describe('the heatmap colour scale', () => {
  it('steps every 10 points and tops out at 60 %', () => {
    expect(heatLevel(0)).toBe(0);
    expect(heatLevel(9.9)).toBe(0);
    expect(heatLevel(10)).toBe(1);
    expect(heatLevel(47.2)).toBe(4);
    expect(heatLevel(60)).toBe(6);
    expect(heatLevel(100)).toBe(HEAT_LEVELS - 1);
    expect(heatLevel(Number.NaN)).toBe(0);
  });

  it('has a legend entry per step', () => {
    const legend = heatLegend();
    expect(legend).toHaveLength(HEAT_LEVELS);
    expect(legend[0]?.label).toBe('0–9.9%');
    expect(legend[4]?.label).toBe('40–49.9%');
    expect(legend.at(-1)?.label).toBe('60% or more');
  });
});

describe('toGrid', () => {
  it('lays a two-dimension report out by its axes, with gaps where nobody is', () => {
    const report: CoverageReport = {
      dims: ['role', 'generation'],
      axes: [
        ['Accountant', 'Data engineer'],
        ['Gen X', 'Millennials'],
      ],
      rows: [
        { groups: ['Accountant', 'Gen X'], headcount: 11, trained: 2, coverage_pct: 18.2, suppressed: false },
        { groups: ['Data engineer', 'Gen X'], headcount: 5, trained: 3, coverage_pct: 60, suppressed: false },
        { groups: ['Data engineer', 'Millennials'], headcount: 2, trained: null, coverage_pct: null, suppressed: true },
      ],
      total: { groups: [], headcount: 18, trained: 6, coverage_pct: 33.3, suppressed: false },
      notes: {} as CoverageReport['notes'],
    };
    const grid = toGrid(report);
    expect(grid.rows).toEqual(['Accountant', 'Data engineer']);
    expect(grid.columns).toEqual(['Gen X', 'Millennials']);
    expect(grid.cell('Accountant', 'Gen X')?.coverage_pct).toBe(18.2);
    expect(grid.cell('Data engineer', 'Millennials')?.suppressed).toBe(true);
    expect(grid.cell('Accountant', 'Millennials')).toBeNull();
  });
});

describe('sortCoverage', () => {
  const rows = [row('Data', 55, 19), row('Executive', 1, null, true), row('Engineering', 60, 29), row('Sales', 41, null, true), row('Finance', 54, 18)];
  const names = (sorted: CoverageRow[]): string[] => sorted.map((r) => r.groups[0] ?? '');

  it('keeps the report order for the group column (generations by age, Unknown last)', () => {
    expect(names(sortCoverage(rows, { key: 'group', descending: false }))).toEqual(['Data', 'Executive', 'Engineering', 'Sales', 'Finance']);
    expect(names(sortCoverage(rows, { key: 'group', descending: true }))).toEqual(['Finance', 'Sales', 'Engineering', 'Executive', 'Data']);
  });

  it('sorts by coverage with hidden groups last in both directions', () => {
    expect(names(sortCoverage(rows, { key: 'coverage', descending: false }))).toEqual(['Finance', 'Data', 'Engineering', 'Executive', 'Sales']);
    expect(names(sortCoverage(rows, { key: 'coverage', descending: true }))).toEqual(['Engineering', 'Data', 'Finance', 'Executive', 'Sales']);
  });

  it('sorts by headcount', () => {
    expect(names(sortCoverage(rows, { key: 'headcount', descending: true }))).toEqual(['Engineering', 'Data', 'Finance', 'Sales', 'Executive']);
  });
});

describe('definitions in words', () => {
  it('states generation birth years, open ends included', () => {
    expect(generationYears({ label: 'Baby Boomers', first_year: 1946, last_year: 1964 })).toBe('1946–1964');
    expect(generationYears({ label: 'Silent Generation', first_year: null, last_year: 1945 })).toBe('1945 or earlier');
    expect(generationYears({ label: 'Gen Alpha', first_year: 2013, last_year: null })).toBe('2013 or later');
  });

  it('names the population', () => {
    expect(populationText({ include_inactive: false, department: null, manager_id: null })).toBe('active employees');
    expect(populationText({ include_inactive: true, department: 'Data', manager_id: 'E00003' })).toBe(
      'active and inactive employees in Data in the team of E00003',
    );
    expect(populationText({ include_inactive: false, department: null, manager_id: 'E00003' }, 'Maya Haddad')).toBe(
      'active employees in the team of Maya Haddad',
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { CoverageReport, GapReport } from '../api';
import { chartMax, generationChartData } from './generationChartData';

const notes = {} as CoverageReport['notes'];

const report: CoverageReport = {
  dims: ['generation'],
  axes: [['Silent Generation', 'Baby Boomers', 'Gen X', 'Millennials', 'Gen Z']],
  rows: [
    { groups: ['Silent Generation'], headcount: 2, trained: null, coverage_pct: null, suppressed: true },
    { groups: ['Baby Boomers'], headcount: 54, trained: 11, coverage_pct: 20.4, suppressed: false },
    { groups: ['Gen X'], headcount: 148, trained: 50, coverage_pct: 33.8, suppressed: false },
    { groups: ['Millennials'], headcount: 199, trained: 94, coverage_pct: 47.2, suppressed: false },
    { groups: ['Gen Z'], headcount: 87, trained: null, coverage_pct: null, suppressed: true },
  ],
  total: { groups: [], headcount: 490, trained: 189, coverage_pct: 38.6, suppressed: false },
  notes,
};

const gaps: GapReport = {
  dim: 'generation',
  threshold: 10,
  total: report.total,
  rows: report.rows.map((r) => ({
    group: r.groups[0] ?? '',
    headcount: r.headcount,
    trained: r.trained,
    coverage_pct: r.coverage_pct,
    suppressed: r.suppressed,
    gap_pts: r.coverage_pct === null ? null : Math.round((r.coverage_pct - 38.6) * 10) / 10,
    flagged: r.coverage_pct !== null && r.coverage_pct - 38.6 <= -10,
  })),
  divide: null,
  notes,
};

describe('generationChartData', () => {
  const data = generationChartData(report, gaps, 5);

  it('draws one bar per generation in age order, hidden groups without a value (never a zero bar)', () => {
    expect(data.bars.map((b) => [b.label, b.pct, b.text])).toEqual([
      ['Silent Generation', null, 'fewer than 5'],
      ['Baby Boomers', 20.4, '20.4%'],
      ['Gen X', 33.8, '33.8%'],
      ['Millennials', 47.2, '47.2%'],
      ['Gen Z', null, 'hidden'],
    ]);
    expect(data.bars.map((b) => b.hidden)).toEqual([true, false, false, false, true]);
  });

  it('flags the generations the gap report flags, and draws everyone as a line', () => {
    expect(data.bars.filter((b) => b.flagged).map((b) => b.label)).toEqual(['Baby Boomers']);
    expect(data.overall).toBe(38.6);
    expect(data.max).toBe(60);
  });

  it('describes the chart in a sentence', () => {
    expect(data.description).toBe(
      'Bar chart of AI training coverage by generation: Silent Generation fewer than 5 of 2, Baby Boomers 20.4% of 54, Gen X 33.8% of 148, Millennials 47.2% of 199, Gen Z hidden of 87; all employees 38.6%.',
    );
  });

  it('draws no line when everyone’s coverage is hidden', () => {
    const small = generationChartData({ ...report, total: { ...report.total, suppressed: true, coverage_pct: null } }, null, 5);
    expect(small.overall).toBeNull();
    expect(small.bars.every((b) => !b.flagged)).toBe(true);
  });
});

describe('chartMax', () => {
  it('leaves room above the tallest bar for its label, in steps of 10', () => {
    expect(chartMax([47.2, 20.4, null])).toBe(60);
    expect(chartMax([50])).toBe(60);
    expect(chartMax([0])).toBe(10);
    expect(chartMax([])).toBe(10);
    expect(chartMax([null])).toBe(10);
    expect(chartMax([97])).toBe(100);
  });
});

describe('survey reference marks', () => {
  it('are off unless asked for, and then only on the generations the survey has', async () => {
    const { generationChartData: data, SURVEY_FIGURES } = await import('./generationChartData');
    const row = (label: string) => ({ groups: [label], headcount: 10, trained: 1, coverage_pct: 10, suppressed: false });
    const report = {
      dims: ['generation'],
      rows: [row('Millennials'), row('Gen X'), row('Gen Z')],
      total: { groups: [], headcount: 30, trained: 3, coverage_pct: 10, suppressed: false },
      notes: {},
    } as unknown as Parameters<typeof data>[0];
    expect(data(report, null, 5).bars.map((b) => b.reference)).toEqual([null, null, null]);
    const on = data(report, null, 5, true);
    expect(on.bars.map((b) => b.reference)).toEqual([SURVEY_FIGURES.Millennials, null, SURVEY_FIGURES['Gen Z']]);
    expect(on.max).toBeGreaterThanOrEqual(50);
  });
});

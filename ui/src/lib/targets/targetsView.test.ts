import { describe, expect, it } from 'vitest';
import type { CoverageRow, TargetRow, TrendReport } from '../api';
import {
  blankTargetForm,
  goalText,
  seriesRuns,
  sparkline,
  targetFormToInput,
  tenths,
  TARGET_STATUS_INFO,
  trendQuery,
  trendSeries,
  validateTargetForm,
} from './targetsView';

const row = (over: Partial<TargetRow> = {}): TargetRow => ({
  target_id: 'T1',
  title: 'Engineering to 80%',
  metric: 'coverage',
  value: 80,
  due: '2027-06-30',
  current: 50,
  value_180_days_ago: 40,
  forecast_at_due: 75,
  status: 'off_track',
  reach_date: null,
  ...over,
});

describe('target words', () => {
  it('labels every status and the goal', () => {
    expect(TARGET_STATUS_INFO.off_track.label).toBe('Off track');
    expect(TARGET_STATUS_INFO.insufficient_data.label).toBe('Not enough data');
    expect(goalText(row())).toBe('80% coverage');
    expect(goalText(row({ metric: 'divide', value: 10 }))).toBe('a divide of at most 10 points');
    expect(tenths(null)).toBe('–');
    expect(tenths(47.25)).toBe('47.3');
  });
});

describe('sparkline', () => {
  it('puts past, today, forecast and target on a 0–100 scale', () => {
    const s = sparkline(row(), 100, 50);
    expect(s.past).toEqual([
      { x: 0, y: 30 },
      { x: 50, y: 25 },
    ]);
    expect(s.forecast[1]).toEqual({ x: 100, y: 12.5 });
    expect(s.target).toBe(10);
  });
  it('draws nothing it has no value for', () => {
    const s = sparkline(row({ current: null, value_180_days_ago: null, forecast_at_due: null }), 100, 50);
    expect([s.past.length, s.forecast.length]).toEqual([0, 0]);
  });
});

describe('trend', () => {
  const cov = (groups: string[], pct: number | null, suppressed = false): CoverageRow => ({
    groups,
    headcount: 10,
    trained: pct === null ? null : 1,
    coverage_pct: pct,
    suppressed,
  });
  const report: TrendReport = {
    dims: ['generation'],
    every: 'quarter',
    points: [
      { period_end: '2026-03-31', rows: [cov(['Gen Z'], 20), cov(['Gen X'], null, true)], total: cov([], 30) },
      { period_end: '2026-06-30', rows: [cov(['Gen Z'], 25), cov(['Gen X'], 40)], total: cov([], 35) },
    ],
    notes: { lines: [] } as unknown as TrendReport['notes'],
  };
  it('makes one series per group plus everyone, hidden points null', () => {
    const { ends, series } = trendSeries(report);
    expect(ends).toEqual(['2026-03-31', '2026-06-30']);
    expect(series.map((s) => s.label)).toEqual(['Gen Z', 'Gen X', 'All employees']);
    expect(series[1]?.values).toEqual([null, 40]);
    expect(series[2]?.values).toEqual([30, 35]);
  });
  it('breaks a line at a hidden point', () => {
    expect(seriesRuns([10, null, 20, 30], 300, 100).map((r) => r.length)).toEqual([1, 2]);
  });
  it('asks for the last years up to today', () => {
    const q = trendQuery('generation', 'quarter', '2026-12-05', 2, 5);
    expect([q.from, q.to, q.every, q.min_group]).toEqual(['2024-12-05', '2026-12-05', 'quarter', 5]);
  });
});

describe('target form', () => {
  it('sends blanks as null and the value as a number', () => {
    const input = targetFormToInput({ ...blankTargetForm(), target_id: ' T9 ', title: 'X', department: 'Sales', value: '72,5', due: '2027-01-01' });
    expect(input).toMatchObject({ target_id: 'T9', department: 'Sales', role: null, metric: 'coverage', value: 72.5, due: '2027-01-01' });
    expect(targetFormToInput({ ...blankTargetForm(), value: '' }).value).toBeNull();
  });
  it('flags only a value that is not a number (the core checks the range)', () => {
    expect(validateTargetForm({ ...blankTargetForm(), value: 'lots' }).value).toBeDefined();
    expect(validateTargetForm({ ...blankTargetForm(), value: '150' })).toEqual({});
  });
});

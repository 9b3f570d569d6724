// What the dashboard's Targets panel and trend chart show, worked out from the core's answers:
// status words and tones, the trend's series, SVG geometry for the small trend lines and the
// trend chart (pure, so tested), the trend request, and the add-target form.
import type { Dimension, Period, TargetInput, TargetMetric, TargetRow, TargetStatus, TrendQuery, TrendReport } from '../api';
import { noFilters } from '../dashboard/dashboardQuery';

export const TARGET_STATUS_INFO: Readonly<Record<TargetStatus, { label: string; tone: 'bad' | 'warn' | 'ok' | 'neutral' }>> = {
  met: { label: 'Met', tone: 'ok' },
  on_track: { label: 'On track', tone: 'ok' },
  off_track: { label: 'Off track', tone: 'warn' },
  missed: { label: 'Missed', tone: 'bad' },
  insufficient_data: { label: 'Not enough data', tone: 'neutral' },
};

/** A figure as the core rounds it: one decimal, "–" when there is none. */
export function tenths(value: number | null): string {
  return value === null ? '–' : value.toFixed(1);
}

/** "80% coverage" / "at most 10 points of divide". */
export function goalText(row: { metric: TargetMetric; value: number }): string {
  return row.metric === 'coverage' ? `${row.value}% coverage` : `a divide of at most ${row.value} points`;
}

export interface Point {
  x: number;
  y: number;
}

/** Maps a percentage (0–100) to a y in a box of `height` (0 at the bottom). */
function yOf(pct: number, height: number): number {
  return height - (Math.max(0, Math.min(100, pct)) / 100) * height;
}

/**
 * The small trend line of one target: 180 days ago → today (solid), today → due (the forecast,
 * dashed), and the target's level. Null pieces where the core had no value.
 */
export function sparkline(row: TargetRow, width: number, height: number): { past: Point[]; forecast: Point[]; target: number } {
  const now = width * 0.5;
  const past: Point[] = [];
  if (row.value_180_days_ago !== null) past.push({ x: 0, y: yOf(row.value_180_days_ago, height) });
  if (row.current !== null) past.push({ x: now, y: yOf(row.current, height) });
  const forecast: Point[] =
    row.current !== null && row.forecast_at_due !== null
      ? [
          { x: now, y: yOf(row.current, height) },
          { x: width, y: yOf(row.forecast_at_due, height) },
        ]
      : [];
  return { past, forecast, target: yOf(row.value, height) };
}

export function pointsAttr(points: readonly Point[]): string {
  return points.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
}

/** One line of the trend chart: a group's coverage at each point (null where hidden). */
export interface TrendSeries {
  label: string;
  values: (number | null)[];
}

/** The trend's series: one per group of the first dimension, then "All employees". */
export function trendSeries(report: TrendReport): { ends: string[]; series: TrendSeries[] } {
  const ends = report.points.map((p) => p.period_end);
  const labels: string[] = [];
  for (const p of report.points) for (const r of p.rows) if (r.groups[0] && !labels.includes(r.groups[0])) labels.push(r.groups[0]);
  const series = labels.map((label) => ({
    label,
    values: report.points.map((p) => {
      const row = p.rows.find((r) => r.groups[0] === label);
      return row && !row.suppressed ? row.coverage_pct : null;
    }),
  }));
  series.push({ label: 'All employees', values: report.points.map((p) => (p.total.suppressed ? null : p.total.coverage_pct)) });
  return { ends, series };
}

/** SVG polyline runs of a series (a hidden point breaks the line, never draws as 0). */
export function seriesRuns(values: readonly (number | null)[], width: number, height: number): Point[][] {
  const runs: Point[][] = [];
  let run: Point[] = [];
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  values.forEach((v, i) => {
    if (v === null) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push({ x: i * step, y: yOf(v, height) });
  });
  if (run.length) runs.push(run);
  return runs;
}

export function pctY(pct: number, height: number): number {
  return yOf(pct, height);
}

/** The trend for the dashboard: `dim` at the end of every period over the last `years`. */
export function trendQuery(dim: Dimension, every: Period, today: string, years: number, minGroup: number): TrendQuery {
  const from = `${Number(today.slice(0, 4)) - years}${today.slice(4)}`;
  return { dims: [dim], filters: noFilters(), min_group: minGroup, from, to: today, every };
}

/** The add-target form as typed. */
export interface TargetForm {
  target_id: string;
  title: string;
  department: string;
  role: string;
  location: string;
  generation: string;
  skill_area: string;
  manager_id: string;
  metric: string;
  value: string;
  due: string;
}

export const TARGET_FIELDS = [
  'target_id',
  'title',
  'department',
  'role',
  'location',
  'generation',
  'skill_area',
  'manager_id',
  'metric',
  'value',
  'due',
] as const;

export function blankTargetForm(): TargetForm {
  return {
    target_id: '',
    title: '',
    department: '',
    role: '',
    location: '',
    generation: '',
    skill_area: '',
    manager_id: '',
    metric: 'coverage',
    value: '',
    due: '',
  };
}

const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

/**
 * What the core gets. The value is sent as typed (a number, or null when blank or not a
 * number): range, past due dates and a scope that matches nobody are the core's field errors.
 */
export function targetFormToInput(form: TargetForm): TargetInput {
  const value = form.value.trim().replace(',', '.');
  const n = value === '' ? null : Number(value);
  return {
    target_id: form.target_id.trim(),
    title: form.title.trim(),
    department: orNull(form.department),
    role: orNull(form.role),
    location: orNull(form.location),
    generation: orNull(form.generation),
    skill_area: orNull(form.skill_area),
    manager_id: orNull(form.manager_id),
    metric: form.metric === 'divide' ? 'divide' : 'coverage',
    value: n === null || Number.isNaN(n) ? null : n,
    due: form.due.trim(),
  };
}

/** Only what the core cannot say about a form it never receives: a value that is not a number. */
export function validateTargetForm(form: TargetForm): Record<string, string> {
  const errors: Record<string, string> = {};
  const value = form.value.trim().replace(',', '.');
  if (value !== '' && Number.isNaN(Number(value))) errors.value = 'Enter a number from 0 to 100.';
  return errors;
}

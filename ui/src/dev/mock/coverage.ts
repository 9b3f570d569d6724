// Coverage figures for the mock, computed roughly from its record: the dashboard, coverage and
// gap reports, the people behind a figure, the trend and the targets. It follows the core's
// definitions loosely (population, trained, generations, k-suppression of small groups) so that
// pages look plausible; it is not the core, and complementary suppression is left out.
import type { AgeBand } from '../../lib/api/bindings/AgeBand';
import type { CoverageReport } from '../../lib/api/bindings/CoverageReport';
import type { CoverageRow } from '../../lib/api/bindings/CoverageRow';
import type { Dashboard } from '../../lib/api/bindings/Dashboard';
import type { DashboardQuery } from '../../lib/api/bindings/DashboardQuery';
import type { Dimension } from '../../lib/api/bindings/Dimension';
import type { Filters } from '../../lib/api/bindings/Filters';
import type { GapReport } from '../../lib/api/bindings/GapReport';
import type { GapRow } from '../../lib/api/bindings/GapRow';
import type { GenerationBand } from '../../lib/api/bindings/GenerationBand';
import type { PeopleQuery } from '../../lib/api/bindings/PeopleQuery';
import type { PersonRow } from '../../lib/api/bindings/PersonRow';
import type { Period } from '../../lib/api/bindings/Period';
import type { ReportNotes } from '../../lib/api/bindings/ReportNotes';
import type { Target } from '../../lib/api/bindings/Target';
import type { TargetRow } from '../../lib/api/bindings/TargetRow';
import type { TargetsQuery } from '../../lib/api/bindings/TargetsQuery';
import type { TargetsReport } from '../../lib/api/bindings/TargetsReport';
import type { TrendQuery } from '../../lib/api/bindings/TrendQuery';
import type { TrendReport } from '../../lib/api/bindings/TrendReport';
import type { MockRecord, StoredCompletion, StoredEmployee } from './record';

export const UNKNOWN = 'Unknown';

export const GENERATIONS: GenerationBand[] = [
  { label: 'Silent Generation', first_year: null, last_year: 1945 },
  { label: 'Baby Boomers', first_year: 1946, last_year: 1964 },
  { label: 'Gen X', first_year: 1965, last_year: 1980 },
  { label: 'Millennials', first_year: 1981, last_year: 1996 },
  { label: 'Gen Z', first_year: 1997, last_year: 2012 },
  { label: 'Gen Alpha', first_year: 2013, last_year: null },
];

export const AGE_BANDS: AgeBand[] = [
  { label: '<25', min_age: null, max_age: 24 },
  { label: '25-34', min_age: 25, max_age: 34 },
  { label: '35-44', min_age: 35, max_age: 44 },
  { label: '45-54', min_age: 45, max_age: 54 },
  { label: '55-64', min_age: 55, max_age: 64 },
  { label: '65+', min_age: 65, max_age: null },
];

// ---- dates (YYYY-MM-DD strings, UTC) ----

/** The mock's today. The mock, unlike the core, may read the clock. */
export const today = (): string => new Date().toISOString().slice(0, 10);

const toDate = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
const toIso = (d: Date): string => d.toISOString().slice(0, 10);
export const addDays = (iso: string, days: number): string => toIso(new Date(toDate(iso).getTime() + days * 86_400_000));
export const daysBetween = (from: string, to: string): number => Math.round((toDate(to).getTime() - toDate(from).getTime()) / 86_400_000);
export function addMonths(iso: string, months: number): string {
  const d = toDate(iso);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return toIso(d);
}
const monthEnd = (year: number, month0: number): string => toIso(new Date(Date.UTC(year, month0 + 1, 0)));

// ---- groups ----

export function generationOf(birthYear: number | null): string {
  if (birthYear === null) return UNKNOWN;
  const band = GENERATIONS.find((g) => (g.first_year === null || birthYear >= g.first_year) && (g.last_year === null || birthYear <= g.last_year));
  return band?.label ?? UNKNOWN;
}

export function ageBandOf(birthYear: number | null, asOf: string): string {
  if (birthYear === null) return UNKNOWN;
  const age = Number(asOf.slice(0, 4)) - birthYear;
  const band = AGE_BANDS.find((b) => (b.min_age === null || age >= b.min_age) && (b.max_age === null || age <= b.max_age));
  return band?.label ?? UNKNOWN;
}

/** Report order: generations and age bands by age, the others alphabetically, Unknown last. */
function orderLabels(dim: Dimension, labels: Iterable<string>): string[] {
  const fixed = dim === 'generation' ? GENERATIONS.map((g) => g.label) : dim === 'age_band' ? AGE_BANDS.map((b) => b.label) : null;
  const rank = (label: string): number => (label === UNKNOWN ? 1e6 : fixed ? fixed.indexOf(label) : 0);
  return [...new Set(labels)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

// ---- population and trained ----

/** Filters with blanks cleared and as_of filled in, as the core reports them. */
export function appliedFilters(filters: Filters): Filters & { as_of: string } {
  const blank = (v: string | null): string | null => (v && v.trim() ? v.trim() : null);
  return {
    ...filters,
    skill_area: blank(filters.skill_area),
    program_id: blank(filters.program_id),
    from: blank(filters.from),
    to: blank(filters.to),
    department: blank(filters.department),
    manager_id: blank(filters.manager_id),
    as_of: blank(filters.as_of) ?? today(),
  };
}

/** Everyone below `managerId`, at any depth (not the manager). */
export function below(record: MockRecord, managerId: string): Set<string> {
  const found = new Set<string>();
  const queue = [managerId];
  while (queue.length > 0) {
    const boss = queue.shift();
    for (const e of record.employees) {
      if (e.manager_id === boss && !found.has(e.employee_id)) {
        found.add(e.employee_id);
        queue.push(e.employee_id);
      }
    }
  }
  return found;
}

/** The employees a report counts: active (unless asked), hired by the as-of date, in scope. */
export function population(record: MockRecord, filters: Filters & { as_of: string }): StoredEmployee[] {
  const team = filters.manager_id ? below(record, filters.manager_id) : null;
  return record.employees.filter(
    (e) =>
      (filters.include_inactive || e.active) &&
      (!e.hire_date || e.hire_date <= filters.as_of) &&
      (!filters.department || e.department === filters.department) &&
      (!team || team.has(e.employee_id)),
  );
}

/** When a completion stops counting as current (null: never). */
export function expiresOn(record: MockRecord, c: StoredCompletion): string | null {
  const months = record.programs.find((p) => p.program_id === c.program_id)?.validity_months ?? null;
  return months === null ? null : addMonths(c.completed_on, months);
}

/** Each employee's latest completion that the filters count (restricted to `area` if given). */
export function latestCounted(record: MockRecord, filters: Filters & { as_of: string }, area: string | null = null): Map<string, string> {
  const programs = new Map(record.programs.map((p) => [p.program_id, p]));
  const latest = new Map<string, string>();
  for (const c of record.completions) {
    const p = programs.get(c.program_id);
    if (!p) continue;
    if (c.completed_on > filters.as_of) continue;
    if (filters.from && c.completed_on < filters.from) continue;
    if (filters.to && c.completed_on > filters.to) continue;
    if (filters.skill_area && p.skill_area !== filters.skill_area) continue;
    if (area && p.skill_area !== area) continue;
    if (filters.program_format && p.format !== filters.program_format) continue;
    if (filters.program_id && p.program_id !== filters.program_id) continue;
    if (filters.current) {
      const until = expiresOn(record, c);
      if (until !== null && until <= filters.as_of) continue;
    }
    const seen = latest.get(c.employee_id);
    if (!seen || seen < c.completed_on) latest.set(c.employee_id, c.completed_on);
  }
  return latest;
}

// ---- reports ----

const pct = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((1000 * part) / whole) / 10);

function row(groups: string[], headcount: number, trained: number, minGroup: number): CoverageRow {
  const suppressed = minGroup > 0 && headcount < minGroup;
  if (suppressed) {
    const who = groups.join(' × ') || 'The population';
    return {
      groups,
      headcount,
      trained: null,
      coverage_pct: null,
      suppressed,
      hidden_reason: `hidden so that ${who} (${headcount} ${headcount === 1 ? 'person' : 'people'}) cannot be worked out`,
    };
  }
  return { groups, headcount, trained, coverage_pct: pct(trained, headcount), suppressed };
}

export function reportNotes(filters: Filters & { as_of: string }, minGroup: number): ReportNotes {
  return {
    as_of: filters.as_of,
    min_group: minGroup,
    filters,
    generations: GENERATIONS,
    age_bands: AGE_BANDS,
    lines: [
      `As of ${filters.as_of}: employees hired after it and completions after it are not counted.`,
      'Trained: at least one completion that the filters count (mock backend: figures are rough).',
      `Groups of fewer than ${minGroup} employees show their headcount only.`,
      `Generations by birth year (Pew Research Center): ${GENERATIONS.map((g) => g.label).join(', ')}.`,
    ],
  };
}

/** The labels an employee falls under for `dim`; every skill area for `skill_area`. */
function labelsOf(record: MockRecord, dim: Dimension, e: StoredEmployee, asOf: string): string[] {
  switch (dim) {
    case 'generation':
      return [generationOf(e.birth_year)];
    case 'age_band':
      return [ageBandOf(e.birth_year, asOf)];
    case 'role':
      return [e.role];
    case 'department':
      return [e.department];
    case 'location':
      return [e.location ?? UNKNOWN];
    case 'skill_area':
      return [...new Set(record.programs.map((p) => p.skill_area))];
  }
}

export function coverageReport(record: MockRecord, dims: Dimension[], rawFilters: Filters, minGroup: number): CoverageReport {
  const filters = appliedFilters(rawFilters);
  const people = population(record, filters);
  const trained = latestCounted(record, filters);
  const byArea = new Map<string, Map<string, string>>();
  const trainedIn = (area: string | null): Map<string, string> => {
    if (area === null) return trained;
    let found = byArea.get(area);
    if (!found) byArea.set(area, (found = latestCounted(record, filters, area)));
    return found;
  };
  const areaIndex = dims.indexOf('skill_area');
  const cells = new Map<string, { groups: string[]; headcount: number; trained: number }>();
  for (const e of people) {
    let combos: string[][] = [[]];
    for (const dim of dims) combos = combos.flatMap((c) => labelsOf(record, dim, e, filters.as_of).map((l) => [...c, l]));
    for (const groups of combos) {
      const key = groups.join('\u0000');
      const cell = cells.get(key) ?? { groups, headcount: 0, trained: 0 };
      cell.headcount += 1;
      if (trainedIn(areaIndex >= 0 ? (groups[areaIndex] ?? null) : null).has(e.employee_id)) cell.trained += 1;
      cells.set(key, cell);
    }
  }
  const axes = dims.map((dim, i) => orderLabels(dim, [...cells.values()].map((c) => c.groups[i] ?? '')));
  const position = (groups: string[]): number[] => groups.map((g, i) => axes[i]?.indexOf(g) ?? 0);
  const rows = [...cells.values()]
    .sort((a, b) => {
      const [x, y] = [position(a.groups), position(b.groups)];
      return (x[0] ?? 0) - (y[0] ?? 0) || (x[1] ?? 0) - (y[1] ?? 0);
    })
    .map((c) => row(c.groups, c.headcount, c.trained, minGroup));
  const total = row([], people.length, people.filter((e) => trained.has(e.employee_id)).length, minGroup);
  return { dims, axes, rows, total, notes: reportNotes(filters, minGroup) };
}

export function gapReport(record: MockRecord, dim: Dimension, filters: Filters, minGroup: number, threshold: number): GapReport {
  const report = coverageReport(record, [dim], filters, minGroup);
  const org = report.total.coverage_pct;
  const rows: GapRow[] = report.rows.map((r) => {
    const gap = r.coverage_pct === null || org === null ? null : Math.round(10 * (r.coverage_pct - org)) / 10;
    return {
      group: r.groups[0] ?? '',
      headcount: r.headcount,
      trained: r.trained,
      coverage_pct: r.coverage_pct,
      suppressed: r.suppressed,
      ...(r.hidden_reason ? { hidden_reason: r.hidden_reason } : {}),
      gap_pts: gap,
      flagged: gap !== null && gap <= -threshold,
    };
  });
  const shown = rows.filter((r): r is GapRow & { coverage_pct: number } => r.coverage_pct !== null && r.group !== UNKNOWN);
  const sorted = [...shown].sort((a, b) => b.coverage_pct - a.coverage_pct);
  const [high, low] = [sorted[0], sorted.at(-1)];
  const divide =
    high && low && sorted.length >= 2
      ? {
          highest: high.group,
          highest_pct: high.coverage_pct,
          lowest: low.group,
          lowest_pct: low.coverage_pct,
          gap_pts: Math.round(10 * (high.coverage_pct - low.coverage_pct)) / 10,
          text: `${high.group} ${high.coverage_pct.toFixed(1)}% vs ${low.group} ${low.coverage_pct.toFixed(1)}%: ${(high.coverage_pct - low.coverage_pct).toFixed(1)} points`,
        }
      : null;
  return { dim, threshold, total: report.total, rows, divide, notes: report.notes };
}

export function dashboard(record: MockRecord, query: DashboardQuery): Dashboard {
  const report = (dims: Dimension[]): CoverageReport => coverageReport(record, dims, query.filters, query.min_group);
  const by_generation = report(['generation']);
  return {
    total: by_generation.total,
    by_generation,
    by_role: report(['role']),
    by_department: report(['department']),
    role_by_generation: report(['role', 'generation']),
    by_skill_area: report(['skill_area']),
    gaps_by_generation: gapReport(record, 'generation', query.filters, query.min_group, query.threshold),
    notes: by_generation.notes,
  };
}

// ---- the people behind a figure ----

export function people(record: MockRecord, query: PeopleQuery): { rows: PersonRow[]; as_of: string } {
  const filters = appliedFilters(query.filters);
  const trained = latestCounted(record, filters);
  const rows = population(record, filters)
    .filter(
      (e) =>
        (!query.role || e.role === query.role) &&
        (!query.location || (e.location ?? UNKNOWN) === query.location) &&
        (!query.generation || generationOf(e.birth_year) === query.generation) &&
        (!query.age_band || ageBandOf(e.birth_year, filters.as_of) === query.age_band) &&
        (query.trained === null || trained.has(e.employee_id) === query.trained),
    )
    .sort((a, b) => a.employee_id.localeCompare(b.employee_id))
    .map((e) => ({
      employee_id: e.employee_id,
      full_name: e.full_name,
      email: e.email,
      role: e.role,
      department: e.department,
      manager_id: e.manager_id,
      trained: trained.has(e.employee_id),
      last_completed_on: trained.get(e.employee_id) ?? null,
    }));
  return { rows, as_of: filters.as_of };
}

// ---- trend and targets ----

/** The ends of the periods from the one holding `from` to `to` (the last one: `to` itself). */
export function periodEnds(from: string, to: string, every: Period): string[] {
  const step = every === 'month' ? 1 : every === 'quarter' ? 3 : 12;
  const start = toDate(from);
  const firstMonth = every === 'year' ? 0 : Math.floor(start.getUTCMonth() / step) * step;
  const ends: string[] = [];
  let year = start.getUTCFullYear();
  let month = firstMonth;
  // A cap keeps a silly range (or a typo in a year) from freezing the page.
  while (ends.length < 240) {
    const end = monthEnd(year, month + step - 1);
    if (end >= to) {
      ends.push(to);
      break;
    }
    ends.push(end);
    month += step;
    year += Math.floor(month / 12);
    month %= 12;
  }
  return from <= to ? ends : [];
}

export function trendReport(record: MockRecord, query: TrendQuery): TrendReport {
  const points = periodEnds(query.from, query.to, query.every).map((period_end) => {
    const report = coverageReport(record, query.dims, { ...query.filters, as_of: period_end }, query.min_group);
    return { period_end, rows: report.rows, total: report.total };
  });
  const notes = reportNotes(appliedFilters({ ...query.filters, as_of: query.to }), query.min_group);
  notes.lines.push(`One point at the end of each ${query.every} from ${query.from} to ${query.to}.`);
  return { dims: query.dims, every: query.every, points, notes };
}

/** A target's metric on one date: coverage %, or the divide in points; null when too small. */
function targetValue(record: MockRecord, target: Target, asOf: string, minGroup: number): number | null {
  const filters = appliedFilters({
    skill_area: target.skill_area,
    program_format: null,
    program_id: null,
    from: null,
    to: null,
    as_of: asOf,
    department: target.department,
    manager_id: target.manager_id,
    include_inactive: false,
  });
  const scope = population(record, filters).filter(
    (e) =>
      (!target.role || e.role === target.role) &&
      (!target.location || e.location === target.location) &&
      (!target.generation || generationOf(e.birth_year) === target.generation),
  );
  const trained = latestCounted(record, filters);
  const coverage = (group: StoredEmployee[]): number | null =>
    group.length < Math.max(minGroup, 1) ? null : (100 * group.filter((e) => trained.has(e.employee_id)).length) / group.length;
  if (target.metric === 'coverage') return coverage(scope);
  const shown = GENERATIONS.map((g) => coverage(scope.filter((e) => generationOf(e.birth_year) === g.label))).filter(
    (v): v is number => v !== null,
  );
  return shown.length < 2 ? null : Math.max(...shown) - Math.min(...shown);
}

const oneDecimal = (v: number | null): number | null => (v === null ? null : Math.round(10 * v) / 10);

export function targetsReport(record: MockRecord, query: TargetsQuery): TargetsReport {
  const asOf = query.as_of ?? today();
  const rows: TargetRow[] = record.targets.map((t) => {
    const current = targetValue(record, t, asOf, query.min_group);
    const past = targetValue(record, t, addDays(asOf, -180), query.min_group);
    const lowerIsBetter = t.metric === 'divide';
    const reached = (v: number): boolean => (lowerIsBetter ? v <= t.value : v >= t.value);
    const base = { target_id: t.target_id, title: t.title, metric: t.metric, value: t.value, due: t.due };
    if (current === null) {
      return { ...base, current: null, value_180_days_ago: oneDecimal(past), forecast_at_due: null, status: 'insufficient_data', reach_date: null };
    }
    const slope = past === null ? 0 : (current - past) / 180;
    const daysLeft = Math.max(0, daysBetween(asOf, t.due));
    const forecast = Math.min(100, Math.max(0, current + slope * daysLeft));
    const status = t.due < asOf ? (reached(current) ? 'met' : 'missed') : reached(current) ? 'met' : reached(forecast) ? 'on_track' : 'off_track';
    const towards = lowerIsBetter ? -slope : slope;
    const reach_date =
      reached(current) || towards <= 0 ? null : addDays(asOf, Math.ceil(Math.abs(t.value - current) / towards));
    return { ...base, current: oneDecimal(current), value_180_days_ago: oneDecimal(past), forecast_at_due: oneDecimal(forecast), status, reach_date };
  });
  return {
    as_of: asOf,
    min_group: query.min_group,
    rows,
    lines: [
      `As of ${asOf}; a scope of fewer than ${query.min_group} employees is not shown.`,
      'Forecast: the line through the value 180 days ago and today, carried to the due date (mock backend: rough).',
    ],
  };
}

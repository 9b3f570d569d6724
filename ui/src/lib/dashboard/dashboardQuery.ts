// The dashboard's filters as the user edits them (strings, as inputs hold them) and how they
// become the DashboardQuery the core answers, and the query of each exportable report panel.
import type { DashboardQuery, Dimension, Filters, GapQuery, ProgramFormat, ReportOptions, ReportQuery } from '../api';
import { integerOrNull, textOrNull, type FieldErrors } from '../forms';
import { parseIsoDate } from '../format';
import { FORMAT_LABELS } from '../programs/programForm';

/** k: groups of fewer employees show their headcount only (the core's default). */
export const DEFAULT_MIN_GROUP = 5;
/** Gap list: groups this many points or more below everyone are flagged (the core's default). */
export const DEFAULT_THRESHOLD = 10;
/** How long filters must be left alone before the dashboard asks again. */
export const FILTER_DEBOUNCE_MS = 300;
/** The largest k the form accepts (anything larger hides every group anyway). */
export const MAX_MIN_GROUP = 1000;

/** Filters that filter nothing: the whole population as of today. */
export function noFilters(): Filters {
  return {
    skill_area: null,
    program_format: null,
    program_id: null,
    from: null,
    to: null,
    as_of: null,
    department: null,
    manager_id: null,
    include_inactive: false,
  };
}

export interface DashboardFilterState {
  skillArea: string;
  /** '' or a ProgramFormat. */
  programFormat: string;
  programId: string;
  from: string;
  to: string;
  asOf: string;
  department: string;
  /** A manager's employee id: their whole team below them, at any depth. */
  managerId: string;
  includeInactive: boolean;
  /** k as typed; blank means the default. */
  minGroup: string;
  /** Tiny groups as one "Other (N roles, M people)" row: on unless the user turns it off. */
  poolSmall: boolean;
}

export function initialDashboardFilters(): DashboardFilterState {
  return {
    skillArea: '',
    programFormat: '',
    programId: '',
    from: '',
    to: '',
    asOf: '',
    department: '',
    managerId: '',
    includeInactive: false,
    minGroup: String(DEFAULT_MIN_GROUP),
    poolSmall: true,
  };
}

function isProgramFormat(value: string): value is ProgramFormat {
  return Object.hasOwn(FORMAT_LABELS, value);
}

export type QueryResult = { ok: true; query: DashboardQuery } | { ok: false; errors: FieldErrors };

const DATE_HINT = 'A date as YYYY-MM-DD.';

/**
 * The query for the filters, or the problems (keyed like the core's field errors, so one map
 * shows both) that would only make the core say no: a half-typed date, a k that is not a count.
 * Everything that needs the record (an unknown manager, from after to) is left to the core.
 */
export function toDashboardQuery(state: DashboardFilterState, threshold = DEFAULT_THRESHOLD): QueryResult {
  const errors: FieldErrors = {};
  const date = (field: string, value: string): string | null => {
    const text = textOrNull(value);
    if (text !== null && !parseIsoDate(text)) errors[field] = DATE_HINT;
    return text;
  };
  const from = date('from', state.from);
  const to = date('to', state.to);
  const asOf = date('as_of', state.asOf);
  const k = integerOrNull(state.minGroup);
  if (k !== null && (Number.isNaN(k) || k < 0 || k > MAX_MIN_GROUP)) {
    errors.min_group = `A whole number from 0 (no suppression) to ${MAX_MIN_GROUP}.`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const format = state.programFormat.trim();
  const filters: Filters = {
    skill_area: textOrNull(state.skillArea),
    program_format: isProgramFormat(format) ? format : null,
    program_id: textOrNull(state.programId),
    from,
    to,
    as_of: asOf,
    department: textOrNull(state.department),
    manager_id: textOrNull(state.managerId),
    include_inactive: state.includeInactive,
  };
  return { ok: true, query: { filters, min_group: k ?? DEFAULT_MIN_GROUP, threshold, pool_small: state.poolSmall } };
}

/** How the groups are laid out, not who or what is counted: kept by "Clear filters". */
const LAYOUT_KEYS: readonly (keyof DashboardFilterState)[] = ['minGroup', 'poolSmall'];

/** True when anything narrows the population or the completions counted (k and pooling aside). */
export function isFiltered(state: DashboardFilterState): boolean {
  const initial = initialDashboardFilters();
  return (Object.keys(initial) as (keyof DashboardFilterState)[]).some(
    (key) => !LAYOUT_KEYS.includes(key) && String(state[key]).trim() !== String(initial[key]),
  );
}

/** Resets every filter but k and pooling. */
export function clearFilters(state: DashboardFilterState): void {
  const { minGroup, poolSmall } = state;
  Object.assign(state, initialDashboardFilters(), { minGroup, poolSmall });
}

/** The dashboard's panels that can be exported, each one core report. */
export type ReportKind =
  | 'by_generation'
  | 'by_role'
  | 'by_department'
  | 'by_skill_area'
  | 'role_by_generation'
  | 'gaps_by_generation';

export type ReportRequest = { kind: 'coverage'; query: ReportQuery } | { kind: 'gaps'; query: GapQuery };

const DIMS: Readonly<Record<Exclude<ReportKind, 'gaps_by_generation'>, Dimension[]>> = {
  by_generation: ['generation'],
  by_role: ['role'],
  by_department: ['department'],
  by_skill_area: ['skill_area'],
  role_by_generation: ['role', 'generation'],
};

/** The core report behind a panel, under the dashboard's filters, k and threshold; its layout
 * (pooling) is `reportOptions(query)`. */
export function reportRequest(report: ReportKind, query: DashboardQuery): ReportRequest {
  const filters = { ...query.filters };
  if (report === 'gaps_by_generation') {
    return { kind: 'gaps', query: { dim: 'generation', filters, min_group: query.min_group, threshold: query.threshold } };
  }
  return { kind: 'coverage', query: { dims: [...DIMS[report]], filters, min_group: query.min_group } };
}

/** One applied dashboard filter, shown as a removable chip in the filter bar. */
export interface DashboardChip {
  key: keyof DashboardFilterState;
  text: string;
}

/** Words for the values the filters hold as ids. */
export interface ChipNames {
  /** The program's title for an id, or null when unknown (the id is shown). */
  program?: (id: string) => string | null;
  /** The team's manager by name, once known. */
  managerName?: string | null;
}

/**
 * The filters that narrow the numbers, in the order the form lists them, with k when it is not
 * the default (it hides groups, so it belongs in view). Values as the user sees them: a
 * program's title, a manager's name, a format's label.
 */
export function dashboardChips(state: DashboardFilterState, names: ChipNames = {}): DashboardChip[] {
  const chips: DashboardChip[] = [];
  const add = (key: keyof DashboardFilterState, text: string | null): void => {
    if (text !== null) chips.push({ key, text });
  };
  const text = (value: string): string | null => textOrNull(value);
  const department = text(state.department);
  add('department', department && `Department: ${department}`);
  const manager = text(state.managerId);
  add('managerId', manager && `Team of ${names.managerName ?? manager}`);
  add('includeInactive', state.includeInactive ? 'Including inactive' : null);
  const skillArea = text(state.skillArea);
  add('skillArea', skillArea && `Skill area: ${skillArea}`);
  const format = state.programFormat.trim();
  add('programFormat', isProgramFormat(format) ? `Format: ${FORMAT_LABELS[format]}` : null);
  const program = text(state.programId);
  add('programId', program && `Program: ${names.program?.(program) ?? program}`);
  const from = text(state.from);
  add('from', from && `Completed from ${from}`);
  const to = text(state.to);
  add('to', to && `Completed to ${to}`);
  const asOf = text(state.asOf);
  add('asOf', asOf && `As of ${asOf}`);
  const k = state.minGroup.trim();
  add('minGroup', k !== '' && k !== String(DEFAULT_MIN_GROUP) ? `Smallest group shown: ${k}` : null);
  add('poolSmall', state.poolSmall ? null : 'Small groups apart');
  return chips;
}

/** Takes one chip's filter back to its initial value (k back to the default). */
export function removeChip(state: DashboardFilterState, key: keyof DashboardFilterState): void {
  const initial = initialDashboardFilters();
  Object.assign(state, { [key]: initial[key] });
}

/** The layout a panel's export asks for: the one the page shows. */
export function reportOptions(query: DashboardQuery): ReportOptions {
  return { pool_small: query.pool_small };
}

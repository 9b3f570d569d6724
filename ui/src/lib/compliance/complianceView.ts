// What the Compliance and Requirements pages show, worked out from the core's answers: status
// words (a cell is always labelled, never colour alone), the matrix and list requests, the
// requirement form, and the dashboard card's sentence. Every number comes from the core.
import type { ComplianceQuery, ComplianceRow, MatrixCell, MatrixQuery, Requirement, RequirementInput, Status } from '../api';
import type { Option } from '../components/options';

/** The word each status is shown with; the tone picks its colour (the word is always there). */
export const STATUS_INFO: Readonly<Record<Status, { label: string; tone: 'bad' | 'warn' | 'ok' | 'neutral' }>> = {
  overdue: { label: 'Overdue', tone: 'bad' },
  expired: { label: 'Expired', tone: 'bad' },
  expiring: { label: 'Expiring', tone: 'warn' },
  due: { label: 'Due', tone: 'neutral' },
  compliant: { label: 'Compliant', tone: 'ok' },
  exempt: { label: 'Exempt', tone: 'neutral' },
};

/** The action list's order (the core sorts the same way). */
export const STATUS_ORDER: readonly Status[] = ['overdue', 'expired', 'expiring', 'due', 'compliant', 'exempt'];

export const STATUS_OPTIONS: readonly Option[] = STATUS_ORDER.map((s) => ({ value: s, label: STATUS_INFO[s].label }));

/** A matrix cell's text: the status word, or "Not required" where the requirement does not apply. */
export function cellLabel(cell: MatrixCell | null): string {
  return cell ? STATUS_INFO[cell.status].label : 'Not required';
}

/** Whose matrix: a team (below a manager), a department, a role, or everyone. */
export type MatrixScope = 'everyone' | 'manager' | 'department' | 'role';

export const SCOPE_OPTIONS: readonly Option[] = [
  { value: 'everyone', label: 'Everyone' },
  { value: 'manager', label: 'A team (manager)' },
  { value: 'department', label: 'A department' },
  { value: 'role', label: 'A role' },
];

export const PAGE_SIZE = 50;

/** The compliance query on `asOf` for a scope (W = 90 days, the default). */
export function complianceQuery(scope: MatrixScope, value: string, asOf: string): ComplianceQuery {
  const v = value.trim() || null;
  return {
    as_of: asOf,
    expiring_days: 90,
    requirement_id: null,
    department: scope === 'department' ? v : null,
    manager_id: scope === 'manager' ? v : null,
  };
}

/** One page of the matrix for a scope. */
export function matrixQuery(scope: MatrixScope, value: string, asOf: string, offset: number, limit = PAGE_SIZE): MatrixQuery {
  return {
    query: complianceQuery(scope, value, asOf),
    role: scope === 'role' ? value.trim() || null : null,
    offset,
    limit,
  };
}

/** Whether the scope still needs its value chosen before anything can be shown. */
export function scopeIncomplete(scope: MatrixScope, value: string): boolean {
  return scope !== 'everyone' && value.trim() === '';
}

/** The dashboard card: "82.4% compliant" and the counts behind it. */
export function complianceSummary(total: ComplianceRow): { pct: string; detail: string } {
  const pct = total.compliance_pct === null ? '–' : `${total.compliance_pct.toFixed(1)}%`;
  const n = (v: number | null): number => v ?? 0;
  const detail =
    `${n(total.compliant)} compliant, ${n(total.expiring)} expiring, ${n(total.expired)} expired, ` +
    `${n(total.overdue)} overdue, ${n(total.due)} due, ${n(total.exempt)} exempt of ${n(total.obligations)} obligations`;
  return { pct, detail };
}

/** The requirement form as typed (every field text). */
export interface RequirementForm {
  requirement_id: string;
  title: string;
  role: string;
  department: string;
  location: string;
  /** 'program' or 'skill_area': what satisfies it. */
  satisfied_by: string;
  program_id: string;
  skill_area: string;
  due_days: string;
  effective_from: string;
}

export const REQUIREMENT_FIELDS = [
  'requirement_id',
  'title',
  'role',
  'department',
  'location',
  'program_id',
  'skill_area',
  'due_days',
  'effective_from',
] as const;

export function blankRequirementForm(): RequirementForm {
  return {
    requirement_id: '',
    title: '',
    role: '',
    department: '',
    location: '',
    satisfied_by: 'program',
    program_id: '',
    skill_area: '',
    due_days: '90',
    effective_from: '',
  };
}

export function requirementToForm(r: Requirement): RequirementForm {
  return {
    requirement_id: r.requirement_id,
    title: r.title,
    role: r.role ?? '',
    department: r.department ?? '',
    location: r.location ?? '',
    satisfied_by: r.program_id ? 'program' : 'skill_area',
    program_id: r.program_id ?? '',
    skill_area: r.skill_area ?? '',
    due_days: String(r.due_days),
    effective_from: r.effective_from,
  };
}

const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

/**
 * What the core gets: blanks become null, only the chosen one of program and skill area is
 * sent, due days as a number (a non-number is sent as NaN's absence and caught here).
 */
export function requirementFormToInput(form: RequirementForm): RequirementInput {
  const days = form.due_days.trim();
  return {
    requirement_id: form.requirement_id.trim(),
    title: form.title.trim(),
    role: orNull(form.role),
    department: orNull(form.department),
    location: orNull(form.location),
    program_id: form.satisfied_by === 'program' ? orNull(form.program_id) : null,
    skill_area: form.satisfied_by === 'skill_area' ? orNull(form.skill_area) : null,
    due_days: days === '' ? null : Number(days),
    effective_from: orNull(form.effective_from),
  };
}

/** Checks the form can be sent; the core checks everything else (unknown program, ...). */
export function validateRequirementForm(form: RequirementForm): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!form.requirement_id.trim()) errors.requirement_id = 'Enter an ID.';
  if (!form.title.trim()) errors.title = 'Enter a title.';
  if (form.satisfied_by === 'program' && !form.program_id.trim()) errors.program_id = 'Choose the program that satisfies it.';
  if (form.satisfied_by === 'skill_area' && !form.skill_area.trim()) errors.skill_area = 'Choose a skill area.';
  const days = form.due_days.trim();
  if (days !== '' && !/^\d+$/.test(days)) errors.due_days = 'Enter a whole number of days, 0 or more.';
  if (form.effective_from.trim() && !/^\d{4}-\d{2}-\d{2}$/.test(form.effective_from.trim()))
    errors.effective_from = 'Enter a date as YYYY-MM-DD.';
  return errors;
}

/** Who a requirement applies to, in words. */
export function scopeText(r: Requirement): string {
  const parts = [r.role, r.department, r.location].filter((p): p is string => !!p);
  return parts.length === 0 ? 'Everyone' : parts.join(' · ');
}

/** What satisfies it, in words. */
export function satisfiedByText(r: Requirement): string {
  return r.program_id ? `Program ${r.program_id}` : `Any program in ${r.skill_area ?? ''}`;
}

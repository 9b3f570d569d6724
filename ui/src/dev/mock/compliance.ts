// Required training for the mock: which requirement applies to whom, each obligation's status
// on a date, and the report, action list and matrix built from them. Rough, like the rest of
// the mock (the core's `compliance` module is the definition), but computed from the record.
import type { ComplianceDim } from '../../lib/api/bindings/ComplianceDim';
import type { ComplianceQuery } from '../../lib/api/bindings/ComplianceQuery';
import type { ComplianceReport } from '../../lib/api/bindings/ComplianceReport';
import type { ComplianceRow } from '../../lib/api/bindings/ComplianceRow';
import type { MatrixPage } from '../../lib/api/bindings/MatrixPage';
import type { MatrixQuery } from '../../lib/api/bindings/MatrixQuery';
import type { Obligation } from '../../lib/api/bindings/Obligation';
import type { Requirement } from '../../lib/api/bindings/Requirement';
import type { Status } from '../../lib/api/bindings/Status';
import { addDays, ageBandOf, below, expiresOn, generationOf, UNKNOWN } from './coverage';
import type { MockRecord, StoredEmployee } from './record';

/** The action list's order. */
export const STATUSES: Status[] = ['overdue', 'expired', 'expiring', 'due', 'compliant', 'exempt'];

const same = (rule: string | null, value: string | null): boolean => !rule || rule.toLowerCase() === (value ?? '').toLowerCase();

export function applies(r: Requirement, e: StoredEmployee): boolean {
  return same(r.role, e.role) && same(r.department, e.department) && same(r.location, e.location);
}

/** The requirements in effect on `asOf`. */
function inEffect(record: MockRecord, asOf: string, requirementId: string | null = null): Requirement[] {
  return record.requirements
    .filter((r) => !r.retired && r.effective_from <= asOf && (!requirementId || r.requirement_id === requirementId))
    .sort((a, b) => a.requirement_id.localeCompare(b.requirement_id));
}

/** Where `e` stands on `r` on `query.as_of`. */
export function obligation(record: MockRecord, r: Requirement, e: StoredEmployee, query: Pick<ComplianceQuery, 'as_of' | 'expiring_days'>): Obligation {
  const asOf = query.as_of;
  const start = e.hire_date && e.hire_date > r.effective_from ? e.hire_date : r.effective_from;
  const due_on = addDays(start, r.due_days);
  const areaOf = new Map(record.programs.map((p) => [p.program_id, p.skill_area]));
  const done = record.completions
    .filter(
      (c) =>
        c.employee_id === e.employee_id &&
        c.completed_on <= asOf &&
        (r.program_id ? c.program_id === r.program_id : areaOf.get(c.program_id) === r.skill_area),
    )
    .sort((a, b) => b.completed_on.localeCompare(a.completed_on));
  const latest = done[0] ?? null;
  const expires_on = latest ? expiresOn(record, latest) : null;
  const exempt = record.exemptions.some(
    (x) => x.employee_id === e.employee_id && x.requirement_id === r.requirement_id && (x.until === null || x.until >= asOf),
  );
  let status: Status;
  if (exempt) status = 'exempt';
  else if (!latest) status = due_on < asOf ? 'overdue' : 'due';
  else if (expires_on !== null && expires_on <= asOf) status = 'expired';
  else if (expires_on !== null && expires_on <= addDays(asOf, query.expiring_days)) status = 'expiring';
  else status = 'compliant';
  return {
    employee_id: e.employee_id,
    full_name: e.full_name,
    role: e.role,
    department: e.department,
    manager_id: e.manager_id,
    location: e.location,
    requirement_id: r.requirement_id,
    status,
    due_on,
    last_completed_on: latest?.completed_on ?? null,
    expires_on,
  };
}

/** The people a compliance query selects: active, hired by D, in the department or team. */
function selected(record: MockRecord, query: ComplianceQuery): StoredEmployee[] {
  const team = query.manager_id ? below(record, query.manager_id) : null;
  return record.employees.filter(
    (e) =>
      e.active &&
      (!e.hire_date || e.hire_date <= query.as_of) &&
      (!query.department || e.department === query.department) &&
      (!team || team.has(e.employee_id)),
  );
}

export function obligations(record: MockRecord, query: ComplianceQuery): Obligation[] {
  const requirements = inEffect(record, query.as_of, query.requirement_id);
  return selected(record, query).flatMap((e) => requirements.filter((r) => applies(r, e)).map((r) => obligation(record, r, e, query)));
}

/** The action list: by status (overdue first), then due date, then person. */
export function actionList(record: MockRecord, query: ComplianceQuery, statuses: Status[]): Obligation[] {
  return obligations(record, query)
    .filter((o) => statuses.length === 0 || statuses.includes(o.status))
    .sort(
      (a, b) =>
        STATUSES.indexOf(a.status) - STATUSES.indexOf(b.status) ||
        a.due_on.localeCompare(b.due_on) ||
        a.employee_id.localeCompare(b.employee_id) ||
        a.requirement_id.localeCompare(b.requirement_id),
    );
}

function complianceRow(groups: string[], found: Obligation[], minGroup: number): ComplianceRow {
  const people = new Set(found.map((o) => o.employee_id)).size;
  if (minGroup > 0 && people < minGroup) {
    return { groups, people, obligations: null, compliant: null, expiring: null, expired: null, overdue: null, due: null, exempt: null, compliance_pct: null, suppressed: true };
  }
  const count = (s: Status): number => found.filter((o) => o.status === s).length;
  const exempt = count('exempt');
  const counted = found.length - exempt;
  const good = count('compliant') + count('expiring');
  return {
    groups,
    people,
    obligations: found.length,
    compliant: count('compliant'),
    expiring: count('expiring'),
    expired: count('expired'),
    overdue: count('overdue'),
    due: count('due'),
    exempt,
    compliance_pct: counted === 0 ? null : Math.round((1000 * good) / counted) / 10,
    suppressed: false,
  };
}

export function complianceReport(record: MockRecord, query: ComplianceQuery, dims: ComplianceDim[], minGroup: number): ComplianceReport {
  const all = obligations(record, query);
  const people = new Map(record.employees.map((e) => [e.employee_id, e]));
  const label = (dim: ComplianceDim, o: Obligation): string => {
    const e = people.get(o.employee_id);
    switch (dim) {
      case 'generation':
        return generationOf(e?.birth_year ?? null);
      case 'age_band':
        return ageBandOf(e?.birth_year ?? null, query.as_of);
      case 'role':
        return o.role;
      case 'department':
        return o.department;
      case 'location':
        return o.location ?? UNKNOWN;
      case 'requirement':
        return o.requirement_id;
    }
  };
  const groups = new Map<string, { labels: string[]; found: Obligation[] }>();
  for (const o of all) {
    const labels = dims.map((d) => label(d, o));
    const key = labels.join('\u0000');
    const group = groups.get(key) ?? { labels, found: [] };
    group.found.push(o);
    groups.set(key, group);
  }
  const rows = [...groups.values()]
    .sort((a, b) => a.labels.join('\u0000').localeCompare(b.labels.join('\u0000')))
    .map((g) => complianceRow(g.labels, g.found, minGroup));
  return {
    dims,
    rows,
    total: complianceRow([], all, minGroup),
    notes: {
      as_of: query.as_of,
      expiring_days: query.expiring_days,
      min_group: minGroup,
      filters: query,
      lines: [
        `As of ${query.as_of}; a completion that expires within ${query.expiring_days} days is expiring.`,
        'Compliance: (compliant + expiring) / (obligations − exempt) (mock backend: rough).',
        `Groups of fewer than ${minGroup} people show their headcount only.`,
      ],
    },
  };
}

export function matrix(record: MockRecord, q: MatrixQuery): MatrixPage {
  const requirements = inEffect(record, q.query.as_of, q.query.requirement_id);
  const people = selected(record, q.query).filter((e) => !q.role || e.role === q.role);
  const rows = people.slice(q.offset, q.offset + q.limit).map((e) => ({
    employee_id: e.employee_id,
    full_name: e.full_name,
    role: e.role,
    department: e.department,
    cells: requirements.map((r) => {
      if (!applies(r, e)) return null;
      const o = obligation(record, r, e, q.query);
      return { status: o.status, due_on: o.due_on, last_completed_on: o.last_completed_on };
    }),
  }));
  return {
    as_of: q.query.as_of,
    requirements: requirements.map((r) => ({ requirement_id: r.requirement_id, title: r.title })),
    rows,
    total_people: people.length,
    offset: q.offset,
    limit: q.limit,
  };
}

// The mock's in-memory record: what `npm run dev:mock` shows, and what every mock handler reads
// and writes. Deterministic (no randomness, no clock) so that screenshots are stable.
import type { Employee } from '../../lib/api/bindings/Employee';
import type { Entity } from '../../lib/api/bindings/Entity';
import type { Entry } from '../../lib/api/bindings/Entry';
import type { Action } from '../../lib/api/bindings/Action';
import type { Exemption } from '../../lib/api/bindings/Exemption';
import type { CompletionInput } from '../../lib/api/bindings/CompletionInput';
import type { Program } from '../../lib/api/bindings/Program';
import type { Requirement } from '../../lib/api/bindings/Requirement';
import type { RunningWork } from '../../lib/api/bindings/RunningWork';
import type { SavedMapping } from '../../lib/api/bindings/SavedMapping';
import type { Target } from '../../lib/api/bindings/Target';

export type StoredEmployee = Omit<Employee, 'manager_name' | 'completions'>;
export type StoredProgram = Omit<Program, 'completions'>;
export type StoredCompletion = CompletionInput & { id: number };
export type StoredExemption = Omit<Exemption, 'employee_name'>;

export interface MockRecord {
  employees: StoredEmployee[];
  programs: StoredProgram[];
  completions: StoredCompletion[];
  requirements: Requirement[];
  exemptions: StoredExemption[];
  targets: Target[];
  mappings: SavedMapping[];
  /** The audit trail, oldest first (the History page shows it newest first). */
  history: Entry[];
  /** The long write that is running (a simulated import), or null. */
  running: RunningWork | null;
  /** Set by cancel_import; the simulated import stops at its next step. */
  cancelRequested: boolean;
  nextCompletionId: number;
}

export const DB_PATH = '/home/you/.local/share/upskill/upskill.db';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
export const employeeId = (i: number): string => `E${pad(i, 4)}`;

/** The mock's sample organisation; `size` people (the demo loads more than the default). */
export function seed(size: number): MockRecord {
  const first = ['Ada', 'Grace', 'Alan', 'Katherine', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Frances', 'Edsger', 'Radia'];
  const last = ['Lovelace', 'Hopper', 'Turing', 'Johnson', 'Torvalds', 'Hamilton', 'Ritchie', 'Liskov', 'Thompson', 'Allen', 'Dijkstra', 'Perlman'];
  const departments = ['Engineering', 'Data', 'Finance', 'Operations', 'Sales', 'People'];
  const roles = ['Engineer', 'Analyst', 'Manager', 'Specialist', 'Director'];
  const locations = ['Berlin', 'Lisbon', 'Austin', 'Toronto', null];
  const employees: StoredEmployee[] = [];
  for (let i = 1; i <= size; i++) {
    employees.push({
      employee_id: employeeId(i),
      full_name: `${first[i % first.length]} ${last[(i + Math.floor(i / first.length)) % last.length]}`,
      email: i % 9 === 0 ? null : `person${i}@example.com`,
      role: i <= 6 ? 'Director' : (roles[i % roles.length] ?? 'Engineer'),
      department: departments[i % departments.length] ?? 'Engineering',
      manager_id: i <= 6 ? null : employeeId(((i - 1) % 6) + 1),
      // 1958–2001 and a few unknown: every generation from Boomers to Gen Z has people.
      birth_year: i % 23 === 0 ? null : 1958 + ((i * 7) % 44),
      hire_date: `20${pad(10 + (i % 15))}-${pad((i % 12) + 1)}-${pad((i % 27) + 1)}`,
      location: locations[i % locations.length] ?? null,
      active: i % 17 !== 0,
    });
  }
  const programs: StoredProgram[] = [
    { program_id: 'AI-101', title: 'AI literacy for everyone', skill_area: 'AI literacy', format: 'e_learning', provider: 'In-house', hours: 3, validity_months: 24, retired: false },
    { program_id: 'PROMPT-201', title: 'Prompt engineering in practice', skill_area: 'Prompt engineering', format: 'workshop', provider: 'In-house', hours: 6, validity_months: 24, retired: false },
    { program_id: 'AWS-MLS', title: 'AWS Certified Machine Learning – Specialty', skill_area: 'ML engineering', format: 'vendor_certification', provider: 'AWS', hours: 40, validity_months: 36, retired: false },
    { program_id: 'NV-DLI', title: 'Building GPU clusters', skill_area: 'GPU & high-density infrastructure', format: 'hands_on_lab', provider: 'NVIDIA', hours: 8, validity_months: null, retired: false },
    { program_id: 'DS-BOOT', title: 'Data science bootcamp', skill_area: 'Data science & engineering', format: 'bootcamp', provider: 'Le Wagon', hours: 360, validity_months: null, retired: false },
    { program_id: 'OLD-ML', title: 'Intro to machine learning (2019)', skill_area: 'ML engineering', format: 'e_learning', provider: 'Coursera', hours: 20, validity_months: 12, retired: true },
  ];
  const completions: StoredCompletion[] = [];
  // Younger people have trained more often (a visible generational divide), spread over
  // 2024–2026 so that the trend rises.
  for (const e of employees) {
    const i = Number(e.employee_id.slice(1));
    const young = (e.birth_year ?? 1970) >= 1981;
    const chance = young ? 3 : 5;
    if (i % chance !== 0 && i % 7 !== 0) continue;
    const program = programs[i % 5];
    if (!program) continue;
    completions.push({
      id: completions.length + 1,
      employee_id: e.employee_id,
      program_id: program.program_id,
      // 2024 to October 2026: nothing in the future of the mock's today.
      completed_on: `${2024 + (i % 3)}-${pad((i % (i % 3 === 2 ? 10 : 12)) + 1)}-${pad((i % 27) + 1)}`,
      score: i % 4 === 0 ? null : 60 + (i % 40),
      certificate_id: program.format === 'vendor_certification' ? `CERT-${1000 + i}` : null,
    });
  }
  // The required AI literacy course: about half the company, so compliance is mixed.
  for (const e of employees) {
    const i = Number(e.employee_id.slice(1));
    const young = (e.birth_year ?? 1970) >= 1981;
    if (i % 5 !== 0 && (young ? i % 2 === 0 : i % 4 === 0)) {
      completions.push({
        id: completions.length + 1,
        employee_id: e.employee_id,
        program_id: 'AI-101',
        completed_on: `${2025 + (i % 2)}-${pad((i % 10) + 1)}-15`,
        score: null,
        certificate_id: null,
      });
    }
  }
  const requirements: Requirement[] = [
    { requirement_id: 'REQ-AI-LIT', title: 'AI literacy for everyone', role: null, department: null, location: null, program_id: 'AI-101', skill_area: null, due_days: 90, effective_from: '2025-01-01', retired: false },
    { requirement_id: 'REQ-PROMPT-ENG', title: 'Prompt engineering for analysts', role: 'Analyst', department: null, location: null, program_id: null, skill_area: 'Prompt engineering', due_days: 180, effective_from: '2025-06-01', retired: false },
  ];
  const exemptions: StoredExemption[] =
    employees.length > 20 ? [{ employee_id: employeeId(20), requirement_id: 'REQ-AI-LIT', reason: 'On parental leave', until: '2027-03-31' }] : [];
  const targets: Target[] = [
    { target_id: 'T-ALL-60', title: '60% trained across the company', department: null, role: null, location: null, generation: null, skill_area: null, manager_id: null, metric: 'coverage', value: 60, due: '2027-12-31' },
    { target_id: 'T-DIVIDE-10', title: 'Generational divide under 10 points', department: null, role: null, location: null, generation: null, skill_area: null, manager_id: null, metric: 'divide', value: 10, due: '2027-06-30' },
  ];
  // An empty record is empty throughout: the first-run screens (`?empty`) and the demo need it.
  const some = <T>(rows: T[]): T[] => (size > 0 ? rows : []);
  const record: MockRecord = {
    employees,
    programs: some(programs),
    completions,
    requirements: some(requirements),
    exemptions,
    targets: some(targets),
    mappings: some([
      {
        name: 'Workday export',
        kind: 'employees',
        toml: 'version = 1\nkind = "employees"\nname = "Workday export"\n',
        headers: ['Staff No', 'Given', 'Family', 'Function', 'Dept', 'Joined', 'State'],
        created_at: '2026-11-20T08:30:00Z',
        updated_at: '2026-11-20T08:30:00Z',
      },
    ]),
    history: [],
    running: null,
    cancelRequested: false,
    nextCompletionId: completions.length + 1,
  };
  if (size > 0) {
    audit(record, 'import', 'record', 'employees.csv', 'import', null, `{"rows":${employees.length}}`, '2026-11-02T09:00:00Z');
    audit(record, 'import', 'record', 'completions.csv', 'import', null, `{"rows":${completions.length}}`, '2026-11-02T09:05:00Z');
    for (const r of requirements) audit(record, 'app', 'requirements', r.requirement_id, 'insert', null, JSON.stringify(r), '2026-11-03T10:00:00Z');
  }
  return record;
}

/** A stand-in for the chain hash: stable, 64 hex digits, different for each entry. */
function fakeHash(text: string): string {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return h.toString(16).padStart(8, '0').repeat(8);
}

/** Appends an entry to the trail, as the core does in each write's transaction. */
export function audit(
  record: MockRecord,
  source: Entry['source'],
  entity: Entity,
  key: string,
  action: Action,
  before: string | null,
  after: string | null,
  at: string = new Date().toISOString().slice(0, 19) + 'Z',
): void {
  const prev = record.history.at(-1);
  const id = (prev?.id ?? 0) + 1;
  const prev_hash = prev?.hash ?? '';
  record.history.push({ id, at, actor: 'you', source, entity, key, action, before, after, prev_hash, hash: fakeHash(`${id}${prev_hash}${key}${after ?? ''}`) });
}

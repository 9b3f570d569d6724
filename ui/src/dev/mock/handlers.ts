// The mock's answer to every command the desktop shell registers (src-tauri/src/lib.rs), one
// named function per command with the command's argument keys and return type, so that
// `npm run check` catches a shape that drifted from the bindings. Figures are computed from the
// in-memory record (see coverage.ts and compliance.ts); validation is deliberately rough.
// handlers.test.ts checks this table against lib.rs.
import type { Channel } from '@tauri-apps/api/core';
import type { Commands } from '../../lib/api/commands';
import type { ReportOptions } from '../../lib/api/bindings/ReportOptions';
import type { AppInfo } from '../../lib/api/bindings/AppInfo';
import type { BackupEntry } from '../../lib/api/bindings/BackupEntry';
import type { BackupInfo } from '../../lib/api/bindings/BackupInfo';
import type { CohortInput } from '../../lib/api/bindings/CohortInput';
import type { CohortResult } from '../../lib/api/bindings/CohortResult';
import type { Completion } from '../../lib/api/bindings/Completion';
import type { CompletionInput } from '../../lib/api/bindings/CompletionInput';
import type { CompletionPage } from '../../lib/api/bindings/CompletionPage';
import type { CompletionQuery } from '../../lib/api/bindings/CompletionQuery';
import type { ComplianceDim } from '../../lib/api/bindings/ComplianceDim';
import type { ComplianceQuery } from '../../lib/api/bindings/ComplianceQuery';
import type { ComplianceReport } from '../../lib/api/bindings/ComplianceReport';
import type { CoverageReport } from '../../lib/api/bindings/CoverageReport';
import type { Delimiter } from '../../lib/api/bindings/Delimiter';
import type { Dashboard } from '../../lib/api/bindings/Dashboard';
import type { DashboardQuery } from '../../lib/api/bindings/DashboardQuery';
import type { DateFormat } from '../../lib/api/bindings/DateFormat';
import type { DemoSummary } from '../../lib/api/bindings/DemoSummary';
import type { Employee } from '../../lib/api/bindings/Employee';
import type { EmployeeInput } from '../../lib/api/bindings/EmployeeInput';
import type { EmployeePage } from '../../lib/api/bindings/EmployeePage';
import type { EmployeeQuery } from '../../lib/api/bindings/EmployeeQuery';
import type { Exemption } from '../../lib/api/bindings/Exemption';
import type { ExemptionInput } from '../../lib/api/bindings/ExemptionInput';
import type { ExportSummary } from '../../lib/api/bindings/ExportSummary';
import type { ExportTable } from '../../lib/api/bindings/ExportTable';
import type { Facets } from '../../lib/api/bindings/Facets';
import type { FieldProblem } from '../../lib/api/bindings/FieldProblem';
import type { GapQuery } from '../../lib/api/bindings/GapQuery';
import type { GapReport } from '../../lib/api/bindings/GapReport';
import type { HistoryPage } from '../../lib/api/bindings/HistoryPage';
import type { HistoryQuery } from '../../lib/api/bindings/HistoryQuery';
import type { ImportColumns } from '../../lib/api/bindings/ImportColumns';
import type { ImportKind } from '../../lib/api/bindings/ImportKind';
import type { ImportProgress } from '../../lib/api/bindings/ImportProgress';
import type { ImportReport } from '../../lib/api/bindings/ImportReport';
import type { LeadershipQuery } from '../../lib/api/bindings/LeadershipQuery';
import type { MappingDraft } from '../../lib/api/bindings/MappingDraft';
import type { MatrixPage } from '../../lib/api/bindings/MatrixPage';
import type { MatrixQuery } from '../../lib/api/bindings/MatrixQuery';
import type { Obligation } from '../../lib/api/bindings/Obligation';
import type { PackQuery } from '../../lib/api/bindings/PackQuery';
import type { PackSummary } from '../../lib/api/bindings/PackSummary';
import type { PastedPeople } from '../../lib/api/bindings/PastedPeople';
import type { PastedProblem } from '../../lib/api/bindings/PastedProblem';
import type { PdfSummary } from '../../lib/api/bindings/PdfSummary';
import type { PeoplePage } from '../../lib/api/bindings/PeoplePage';
import type { PeopleQuery } from '../../lib/api/bindings/PeopleQuery';
import type { PersonMatch } from '../../lib/api/bindings/PersonMatch';
import type { Program } from '../../lib/api/bindings/Program';
import type { ProgramInput } from '../../lib/api/bindings/ProgramInput';
import type { ReportQuery } from '../../lib/api/bindings/ReportQuery';
import type { Requirement } from '../../lib/api/bindings/Requirement';
import type { RequirementInput } from '../../lib/api/bindings/RequirementInput';
import type { RestoreInfo } from '../../lib/api/bindings/RestoreInfo';
import type { RunningWork } from '../../lib/api/bindings/RunningWork';
import type { SavedMapping } from '../../lib/api/bindings/SavedMapping';
import type { StartupReport } from '../../lib/api/bindings/StartupReport';
import type { Stats } from '../../lib/api/bindings/Stats';
import type { Status } from '../../lib/api/bindings/Status';
import type { Target } from '../../lib/api/bindings/Target';
import type { TargetInput } from '../../lib/api/bindings/TargetInput';
import type { TargetsQuery } from '../../lib/api/bindings/TargetsQuery';
import type { TargetsReport } from '../../lib/api/bindings/TargetsReport';
import type { TrendQuery } from '../../lib/api/bindings/TrendQuery';
import type { TrendReport } from '../../lib/api/bindings/TrendReport';
import type { Verification } from '../../lib/api/bindings/Verification';
import { actionList, complianceReport, matrix, obligations } from './compliance';
import { below, coverageReport, dashboard as dashboardFigures, gapReport, people, periodEnds, targetsReport, today, trendReport } from './coverage';
import { fail, invalid } from './errors';
import { importColumns, importReport } from './imports';
import { audit, DB_PATH, seed, type MockRecord, type StoredCompletion, type StoredEmployee, type StoredProgram } from './record';

/** How the running mock talks back, beyond return values. */
export interface MockHooks {
  /** The `running-work` event (a long write started, progressed or ended). */
  onRunningWork?: (work: RunningWork | null) => void;
  /** The pause between the simulated import's steps (0 in tests). */
  stepMs?: number;
  /** The `?damaged`… switches of the page's address (startup_status). */
  search?: () => string;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const nowUtc = (): string => new Date().toISOString().slice(0, 19) + 'Z';
const distinct = (values: (string | null)[]): string[] =>
  [...new Set(values.filter((v): v is string => Boolean(v)))].sort((a, b) => a.localeCompare(b));
const fileName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

/** Every command's handler (lib.rs), over one in-memory record. */
export function mockHandlers(record: MockRecord, hooks: MockHooks = {}) {
  const stepMs = hooks.stepMs ?? 200;

  // ---- lookups and views ----
  const employee = (id: string): StoredEmployee =>
    record.employees.find((e) => e.employee_id === id) ?? fail('not_found', `No employee with ID ${id}.`);
  const program = (id: string): StoredProgram =>
    record.programs.find((p) => p.program_id === id) ?? fail('not_found', `No program with ID ${id}.`);
  const requirement = (id: string): Requirement =>
    record.requirements.find((r) => r.requirement_id === id) ?? fail('not_found', `No requirement with ID ${id}.`);
  const target = (id: string): Target => record.targets.find((t) => t.target_id === id) ?? fail('not_found', `No target with ID ${id}.`);

  const viewEmployee = (e: StoredEmployee): Employee => ({
    ...e,
    manager_name: e.manager_id ? (record.employees.find((m) => m.employee_id === e.manager_id)?.full_name ?? null) : null,
    completions: record.completions.filter((c) => c.employee_id === e.employee_id).length,
  });
  const viewProgram = (p: StoredProgram): Program => ({
    ...p,
    completions: record.completions.filter((c) => c.program_id === p.program_id).length,
  });
  const viewCompletion = (c: StoredCompletion): Completion => {
    const p = program(c.program_id);
    return { ...c, employee_name: employee(c.employee_id).full_name, program_title: p.title, skill_area: p.skill_area };
  };
  const viewExemption = (x: Omit<Exemption, 'employee_name'>): Exemption => ({
    ...x,
    employee_name: record.employees.find((e) => e.employee_id === x.employee_id)?.full_name ?? x.employee_id,
  });
  const newestFirst = (a: StoredCompletion, b: StoredCompletion): number => b.completed_on.localeCompare(a.completed_on) || b.id - a.id;

  /** Writes are refused while a long write runs, as docs/ipc.md says. */
  function notBusy(): void {
    if (record.running) fail('busy', `Waiting for ${record.running.label} to finish: nothing was changed.`);
  }

  function filteredEmployees(q: EmployeeQuery): Employee[] {
    const search = q.search?.toLowerCase() ?? null;
    const team = q.manager_id ? below(record, q.manager_id) : null;
    const rows = record.employees
      .filter((e) => q.include_inactive || e.active)
      .filter((e) => !q.department || e.department === q.department)
      .filter((e) => !q.role || e.role === q.role)
      .filter((e) => !team || team.has(e.employee_id))
      .filter(
        (e) =>
          !search ||
          e.full_name.toLowerCase().includes(search) ||
          e.employee_id.toLowerCase().includes(search) ||
          (e.email ?? '').toLowerCase().includes(search),
      )
      .map(viewEmployee);
    const key = q.sort;
    return rows.sort((a, b) => {
      const x = a[key];
      const y = b[key];
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x ?? '').localeCompare(String(y ?? ''));
      return (q.descending ? -order : order) || a.employee_id.localeCompare(b.employee_id);
    });
  }

  function checkEmployee(input: EmployeeInput): void {
    const fields: FieldProblem[] = [];
    if (!input.employee_id) fields.push({ field: 'employee_id', message: 'must not be empty' });
    if (!input.full_name) fields.push({ field: 'full_name', message: 'must not be empty' });
    if (input.birth_year !== null && (input.birth_year < 1900 || input.birth_year > 2015)) {
      fields.push({ field: 'birth_year', message: 'must be between 1900 and 2015' });
    }
    if (input.manager_id && !record.employees.some((e) => e.employee_id === input.manager_id)) {
      fields.push({ field: 'manager_id', message: `no employee with ID ${input.manager_id}` });
    }
    invalid(fields);
  }

  function checkRequirement(input: RequirementInput): Requirement {
    const fields: FieldProblem[] = [];
    if (!input.requirement_id) fields.push({ field: 'requirement_id', message: 'must not be empty' });
    if (!input.title) fields.push({ field: 'title', message: 'must not be empty' });
    if (Boolean(input.program_id) === Boolean(input.skill_area)) {
      fields.push({ field: 'program_id', message: 'name exactly one of a program and a skill area' });
    }
    if (input.program_id && !record.programs.some((p) => p.program_id === input.program_id)) {
      fields.push({ field: 'program_id', message: `no program with ID ${input.program_id}` });
    }
    if (input.skill_area && !record.programs.some((p) => p.skill_area === input.skill_area)) {
      fields.push({ field: 'skill_area', message: `no program is in the skill area '${input.skill_area}'` });
    }
    invalid(fields);
    const blank = (v: string | null): string | null => (v && v.trim() ? v.trim() : null);
    return {
      requirement_id: input.requirement_id,
      title: input.title,
      role: blank(input.role),
      department: blank(input.department),
      location: blank(input.location),
      program_id: blank(input.program_id),
      skill_area: blank(input.skill_area),
      due_days: input.due_days ?? 90,
      effective_from: input.effective_from ?? today(),
      retired: false,
    };
  }

  function checkTarget(input: TargetInput): Target {
    const fields: FieldProblem[] = [];
    if (!input.target_id) fields.push({ field: 'target_id', message: 'must not be empty' });
    if (!input.title) fields.push({ field: 'title', message: 'must not be empty' });
    if (input.value === null || input.value < 0 || input.value > 100) fields.push({ field: 'value', message: 'must be between 0 and 100' });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.due) || input.due < today()) fields.push({ field: 'due', message: 'must be a date (YYYY-MM-DD) not in the past' });
    invalid(fields);
    return { ...input, value: input.value ?? 0 };
  }

  function checkExemption(input: ExemptionInput): void {
    employee(input.employee_id);
    requirement(input.requirement_id);
    if (!input.reason.trim()) invalid([{ field: 'reason', message: 'must not be empty' }]);
  }

  const exported = (path: string, rows: number): ExportSummary => ({ path, rows });

  // ---- backups and start-up (lib/api/backup.ts) ----
  // `?damaged`, `?locked`, `?too_new` in the address show the recovery screen; `?synced` the
  // location warning.
  function startup_status(): StartupReport {
    const params = new URLSearchParams(hooks.search?.() ?? '');
    const problemKind = (['damaged', 'locked', 'too_new'] as const).find((k) => params.has(k));
    const messages = {
      damaged: `${DB_PATH} is damaged or is not a database (quick_check: *** in database main *** Page 3: btreeInitPage() returns error code 11). The file was left as it is: restore a backup, or choose another file`,
      locked: `${DB_PATH} is in use by another program (another Upskill window or command?) and stayed locked for 5 seconds; nothing was changed. Close the other program and try again`,
      too_new: `${DB_PATH} was made by a newer version of Upskill (schema 9, this build knows up to 2); it was not changed. Open it with the newer Upskill`,
    };
    return {
      db_path: DB_PATH,
      problem: problemKind ? { kind: problemKind, message: messages[problemKind], fields: [] } : null,
      location_warning: params.has('synced')
        ? `${DB_PATH} is in a Dropbox folder: SQLite's file locking is not reliable there, and syncing can copy a half-written database, which can damage the record. Keep the database on a local disk (the default place), and put backups in the shared folder instead.`
        : null,
      latest_backup: problemKind && !params.has('nobackup') ? '/home/you/.local/share/upskill/backups/upskill.20261129-101500.before-upgrade-1-to-2.db' : null,
    };
  }
  const backup_now = ({ path }: { path: string }): BackupInfo => ({ path, bytes: 2_457_600, schema_version: 3, created_at: nowUtc() });
  const list_backups = (): BackupEntry[] => [
    { path: '/home/you/.local/share/upskill/backups/upskill.20261130-091200.before-restore.db', file_name: 'upskill.20261130-091200.before-restore.db', bytes: 2_310_144, created_at: '2026-11-30T09:12:00', reason: 'before restore' },
    { path: '/home/you/.local/share/upskill/backups/upskill.20261129-101500.before-upgrade-1-to-2.db', file_name: 'upskill.20261129-101500.before-upgrade-1-to-2.db', bytes: 1_982_464, created_at: '2026-11-29T10:15:00', reason: 'before upgrade from schema 1 to 2' },
  ];
  function restore_backup({ path }: { path: string }): RestoreInfo {
    notBusy();
    audit(record, 'app', 'record', fileName(path), 'restore', null, null);
    return { db_path: DB_PATH, restored_from: path, schema_version: 2, previous_kept_at: '/home/you/.local/share/upskill/backups/upskill.20261130-091200.before-restore.db', previous_was_damaged: false };
  }
  const restore_latest_backup = (): RestoreInfo => fail('not_found', 'there is no good automatic backup to restore (mock)');
  const quit_app = (): null => null;

  // ---- the record as a whole ----
  const app_info = (): AppInfo => ({ db_path: `${DB_PATH} (mock)`, version: '0.1.0-mock', commit: 'mock', schema_version: 3, demo: false });
  const stats = (): Stats => ({
    employees_active: record.employees.filter((e) => e.active).length,
    employees_inactive: record.employees.filter((e) => !e.active).length,
    programs: record.programs.filter((p) => !p.retired).length,
    programs_retired: record.programs.filter((p) => p.retired).length,
    completions: record.completions.length,
  });
  const facets = (): Facets => ({
    departments: distinct(record.employees.map((e) => e.department)),
    roles: distinct(record.employees.map((e) => e.role)),
    locations: distinct(record.employees.map((e) => e.location)),
    skill_areas: distinct(record.programs.map((p) => p.skill_area)),
  });
  /** The mock has one record: the demo "file" is that record, filled with the demo when empty. */
  function fillDemo(): DemoSummary {
    notBusy();
    if (record.employees.length === 0 && record.programs.length === 0) {
      const demo = seed(500);
      Object.assign(record, { ...demo, mappings: record.mappings, history: record.history });
      audit(record, 'app', 'record', 'demo', 'import', null, `{"employees":${demo.employees.length}}`);
    }
    return { employees: record.employees.length, programs: record.programs.length, completions: record.completions.length };
  }
  const running_work = (): RunningWork | null => record.running;
  const open_log_folder = (): string => '/home/you/.local/share/upskill/logs';

  // ---- the database file (lib/api/database.ts): the mock keeps its one record; a switch only
  // answers the path (the window then reloads onto the same mock) ----
  const open_database = ({ path }: { path: string }): string => path;
  const new_database = ({ path }: { path: string }): string => path;
  const recent_databases = (): string[] => ['/home/you/Documents/other-organisation.db'];
  const open_demo = (): string => {
    fillDemo();
    return '/home/you/.local/share/upskill/upskill-demo.db';
  };
  const leave_demo = (): string => DB_PATH;

  // ---- employees ----
  function list_employees({ query }: { query: EmployeeQuery }): EmployeePage {
    const rows = filteredEmployees(query);
    return { rows: rows.slice(query.offset, query.offset + query.limit), total: rows.length };
  }
  const employee_ids = ({ query }: { query: EmployeeQuery }): string[] =>
    filteredEmployees(query)
      .map((e) => e.employee_id)
      .sort();
  const get_employee = ({ employee_id }: { employee_id: string }): Employee => viewEmployee(employee(employee_id));
  function create_employee({ input }: { input: EmployeeInput }): Employee {
    notBusy();
    checkEmployee(input);
    if (record.employees.some((e) => e.employee_id === input.employee_id)) {
      fail('conflict', `An employee with ID ${input.employee_id} already exists.`, [{ field: 'employee_id', message: 'is already taken' }]);
    }
    record.employees.push({ ...input });
    audit(record, 'app', 'employees', input.employee_id, 'insert', null, JSON.stringify(input));
    return viewEmployee(employee(input.employee_id));
  }
  function update_employee({ input }: { input: EmployeeInput }): Employee {
    notBusy();
    const current = employee(input.employee_id);
    checkEmployee(input);
    const before = JSON.stringify(current);
    Object.assign(current, input);
    audit(record, 'app', 'employees', input.employee_id, 'update', before, JSON.stringify(current));
    return viewEmployee(current);
  }
  function set_employee_active({ employee_id, active }: { employee_id: string; active: boolean }): Employee {
    notBusy();
    const current = employee(employee_id);
    current.active = active;
    audit(record, 'app', 'employees', employee_id, 'update', null, JSON.stringify({ active }));
    return viewEmployee(current);
  }
  function search_people({ text, limit }: { text: string; limit: number }): PersonMatch[] {
    const words = text.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) return [];
    return record.employees
      .filter((e) => words.every((w) => `${e.employee_id} ${e.full_name} ${e.email ?? ''}`.toLowerCase().includes(w)))
      .sort((a, b) => Number(b.active) - Number(a.active) || a.full_name.localeCompare(b.full_name) || a.employee_id.localeCompare(b.employee_id))
      .slice(0, limit)
      .map(({ employee_id, full_name, email, role, department, active }) => ({ employee_id, full_name, email, role, department, active }));
  }

  // ---- programs ----
  const list_programs = ({ include_retired }: { include_retired: boolean }): Program[] =>
    record.programs.filter((p) => include_retired || !p.retired).map(viewProgram);
  function create_program({ input }: { input: ProgramInput }): Program {
    notBusy();
    if (record.programs.some((p) => p.program_id === input.program_id)) {
      fail('conflict', `A program with ID ${input.program_id} already exists.`, [{ field: 'program_id', message: 'is already taken' }]);
    }
    record.programs.push({ ...input, retired: false });
    audit(record, 'app', 'programs', input.program_id, 'insert', null, JSON.stringify(input));
    return viewProgram(program(input.program_id));
  }
  function update_program({ input }: { input: ProgramInput }): Program {
    notBusy();
    const current = program(input.program_id);
    Object.assign(current, input);
    audit(record, 'app', 'programs', input.program_id, 'update', null, JSON.stringify(input));
    return viewProgram(current);
  }
  function set_program_retired({ program_id, retired }: { program_id: string; retired: boolean }): Program {
    notBusy();
    const current = program(program_id);
    current.retired = retired;
    audit(record, 'app', 'programs', program_id, 'update', null, JSON.stringify({ retired }));
    return viewProgram(current);
  }

  // ---- completions ----
  function list_completions({ query }: { query: CompletionQuery }): CompletionPage {
    const rows = record.completions
      .filter((c) => !query.employee_id || c.employee_id === query.employee_id)
      .filter((c) => !query.program_id || c.program_id === query.program_id)
      .sort(newestFirst);
    return { rows: rows.slice(query.offset, query.offset + query.limit).map(viewCompletion), total: rows.length };
  }
  const employee_history = ({ employee_id }: { employee_id: string }): Completion[] =>
    record.completions
      .filter((c) => c.employee_id === employee(employee_id).employee_id)
      .sort(newestFirst)
      .map(viewCompletion);
  function log_completion({ input }: { input: CompletionInput }): Completion {
    notBusy();
    const fields: FieldProblem[] = [];
    if (!record.employees.some((e) => e.employee_id === input.employee_id)) {
      fields.push({ field: 'employee_id', message: `no employee with ID ${input.employee_id}` });
    }
    if (input.score !== null && (input.score < 0 || input.score > 100)) fields.push({ field: 'score', message: 'must be between 0 and 100' });
    invalid(fields);
    program(input.program_id);
    const stored = { ...input, id: record.nextCompletionId++ };
    record.completions.push(stored);
    audit(record, 'app', 'completions', `${input.employee_id}/${input.program_id}/${input.completed_on}`, 'insert', null, JSON.stringify(input));
    return viewCompletion(stored);
  }
  function log_cohort({ input }: { input: CohortInput }): CohortResult {
    notBusy();
    program(input.program_id);
    for (const id of input.employee_ids) employee(id);
    let logged = 0;
    let already_logged = 0;
    for (const employee_id of input.employee_ids) {
      const exists = record.completions.some(
        (c) => c.employee_id === employee_id && c.program_id === input.program_id && c.completed_on === input.completed_on,
      );
      if (exists) already_logged++;
      else {
        record.completions.push({ id: record.nextCompletionId++, employee_id, program_id: input.program_id, completed_on: input.completed_on, score: input.score, certificate_id: null });
        logged++;
      }
    }
    audit(record, 'app', 'completions', `${input.program_id}/${input.completed_on}`, 'insert', null, JSON.stringify({ logged }));
    return { logged, already_logged };
  }
  /** Ids, e-mails or unique full names, one per line or separated by `,` `;` or tab. */
  function resolve_pasted_people({ text }: { text: string }): PastedPeople {
    const ids: string[] = [];
    const unknown: PastedProblem[] = [];
    const entries = text.split(/[\n\r,;\t]+/).map((t) => t.trim()).filter(Boolean);
    entries.forEach((entry, index) => {
      const lower = entry.toLowerCase();
      const found = record.employees.filter(
        (e) => e.employee_id.toLowerCase() === lower || (e.email ?? '').toLowerCase() === lower || e.full_name.toLowerCase() === lower,
      );
      const position = index + 1;
      if (found.length === 0) unknown.push({ text: entry, position, reason: 'no employee has this id, e-mail or full name' });
      else if (found.length > 1) unknown.push({ text: entry, position, reason: `${found.length} employees have this name; paste their ids instead` });
      else if (found[0] && !ids.includes(found[0].employee_id)) ids.push(found[0].employee_id);
    });
    return { ids, unknown };
  }
  function delete_completion({ id }: { id: number }): null {
    notBusy();
    const index = record.completions.findIndex((c) => c.id === id);
    if (index < 0) fail('not_found', `No completion with id ${id}.`);
    const [gone] = record.completions.splice(index, 1);
    if (gone) audit(record, 'app', 'completions', `${gone.employee_id}/${gone.program_id}/${gone.completed_on}`, 'delete', JSON.stringify(gone), null);
    return null;
  }

  // ---- import (canned: imports.ts) ----
  type ImportArgs = { kind: ImportKind; path: string; date_format: DateFormat; mapping?: string | null };
  const import_preview = ({ kind, path }: ImportArgs): ImportReport => importReport(kind, path, true, false);
  /** Runs a pretend import of a few steps, reporting progress, that cancel_import can stop. */
  async function import_file({
    kind,
    path,
    skip_invalid,
    on_progress,
  }: ImportArgs & { skip_invalid: boolean; on_progress: Channel<ImportProgress> }): Promise<ImportReport> {
    notBusy();
    const report = importReport(kind, path, false, skip_invalid);
    const total_bytes = 64_000;
    record.cancelRequested = false;
    const work: RunningWork = { kind: 'import', file_name: fileName(path), import_kind: kind, progress: null, cancellable: true, label: `the import of ${fileName(path)}` };
    try {
      for (const [step, phase] of (['checking', 'checking', 'writing', 'saving'] as const).entries()) {
        const progress: ImportProgress = { phase, rows: Math.round(((step + 1) / 4) * report.rows), bytes_read: ((step + 1) * total_bytes) / 4, total_bytes };
        record.running = { ...work, progress };
        on_progress.onmessage(progress);
        hooks.onRunningWork?.(record.running);
        await sleep(stepMs);
        if (record.cancelRequested) fail('cancelled', `The import of ${fileName(path)} was cancelled: nothing was changed.`);
      }
    } finally {
      record.running = null;
      hooks.onRunningWork?.(null);
    }
    if (report.outcome === 'imported') audit(record, 'import', 'record', fileName(path), 'import', null, JSON.stringify({ rows: report.rows }));
    return report;
  }
  function cancel_import(): null {
    record.cancelRequested = true;
    return null;
  }
  const save_import_template = (_args: { kind: ImportKind; path: string }): null => null;
  const import_columns = ({ kind, path }: ImportArgs): ImportColumns => importColumns(kind, path);
  const mapping_toml = ({ kind, draft }: { kind: ImportKind; draft: MappingDraft }): string =>
    `version = 1\nkind = "${kind}"\n# (mock) ${JSON.stringify(draft)}\n`;
  const list_mappings = (): SavedMapping[] =>
    [...record.mappings].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
  const matching_mappings = ({ kind, headers }: { kind: ImportKind; headers: string[] }): SavedMapping[] =>
    record.mappings.filter((m) => m.kind === kind && m.headers.join('\u0000') === headers.join('\u0000'));
  function save_mapping({ name, kind, toml, headers }: { name: string; kind: ImportKind; toml: string; headers: string[] }): SavedMapping {
    const now = nowUtc();
    const created_at = record.mappings.find((m) => m.name === name)?.created_at ?? now;
    const saved: SavedMapping = { name, kind, toml, headers, created_at, updated_at: now };
    record.mappings = [saved, ...record.mappings.filter((m) => m.name !== name)];
    return saved;
  }
  function delete_mapping({ name }: { name: string }): null {
    if (!record.mappings.some((m) => m.name === name)) fail('not_found', `there is no saved mapping named '${name}'`);
    record.mappings = record.mappings.filter((m) => m.name !== name);
    return null;
  }

  // ---- exports: nothing is written; the row count is what the file would have ----
  type Written = { path: string; delimiter: Delimiter };
  function export_table({ table, path }: Written & { table: ExportTable }): ExportSummary {
    const rows = {
      employees: record.employees.length,
      programs: record.programs.length,
      completions: record.completions.length,
      requirements: record.requirements.length,
      exemptions: record.exemptions.length,
      targets: record.targets.length,
    }[table];
    return exported(path, rows);
  }

  // ---- reports ----
  const dashboard = ({ query }: { query: DashboardQuery }): Dashboard => dashboardFigures(record, query);
  const coverage_report = ({ query }: { query: ReportQuery }): CoverageReport => coverageReport(record, query.dims, query.filters, query.min_group);
  const gap_report = ({ query }: { query: GapQuery }): GapReport => gapReport(record, query.dim, query.filters, query.min_group, query.threshold);
  function people_page({ query, offset, limit }: { query: PeopleQuery; offset: number; limit: number }): PeoplePage {
    const found = people(record, query);
    return { rows: found.rows.slice(offset, offset + limit), total: found.rows.length, as_of: found.as_of };
  }
  const people_ids = ({ query }: { query: PeopleQuery }): string[] => people(record, query).rows.map((r) => r.employee_id);
  // The mock's reports never pool small groups, so `options` changes no row count here.
  const export_coverage = ({ query, path }: Written & { query: ReportQuery; options: ReportOptions; with_notes: boolean }): ExportSummary =>
    exported(path, coverage_report({ query }).rows.length + 1);
  const export_gaps = ({ query, path }: Written & { query: GapQuery; options: ReportOptions; with_notes: boolean }): ExportSummary =>
    exported(path, gap_report({ query }).rows.length);
  const export_pdf = ({ query, path }: { query: LeadershipQuery; path: string }): PdfSummary => {
    coverageReport(record, ['generation'], query.filters, query.min_group);
    return { path, pages: query.beside_organisation ? 4 : 3 };
  };
  function export_team_pack({ manager_id, query, folder }: { manager_id: string; query: PackQuery; folder: string }): PackSummary {
    const manager = employee(manager_id);
    const asOf = query.as_of ?? today();
    const team = below(record, manager_id);
    const active = record.employees.filter((e) => team.has(e.employee_id) && e.active);
    if (active.length < Math.max(query.min_group, 1)) {
      fail('invalid', `${manager.full_name} has ${active.length} people below them, fewer than k = ${query.min_group}: no pack was written.`);
    }
    const actions = actionList(record, { as_of: asOf, expiring_days: 90, requirement_id: null, department: null, manager_id }, ['overdue', 'expired', 'expiring', 'due']);
    const slug = manager.full_name.replace(/[^A-Za-z0-9]+/g, '-');
    return { manager_id, path: `${folder}/${manager_id}-${slug}`, people: active.length, actions: actions.length };
  }

  // ---- compliance ----
  const list_requirements = ({ include_retired }: { include_retired: boolean }): Requirement[] =>
    record.requirements.filter((r) => include_retired || !r.retired).sort((a, b) => a.requirement_id.localeCompare(b.requirement_id));
  const list_requirements_naming_program = ({ program_id }: { program_id: string }): Requirement[] =>
    record.requirements.filter((r) => !r.retired && r.program_id === program_id);
  const list_exemptions = ({ employee_id, requirement_id }: { employee_id: string | null; requirement_id: string | null }): Exemption[] =>
    record.exemptions
      .filter((x) => (!employee_id || x.employee_id === employee_id) && (!requirement_id || x.requirement_id === requirement_id))
      .map(viewExemption);
  const compliance_report = ({ query, by, min_group }: { query: ComplianceQuery; by: ComplianceDim[]; min_group: number }): ComplianceReport =>
    complianceReport(record, query, by, min_group);
  const compliance_list = ({ query, statuses }: { query: ComplianceQuery; statuses: Status[] }): Obligation[] => actionList(record, query, statuses);
  const compliance_matrix = ({ query }: { query: MatrixQuery }): MatrixPage => matrix(record, query);
  function employee_obligations({ employee_id }: { employee_id: string }): Obligation[] {
    const e = employee(employee_id);
    return obligations(record, { as_of: today(), expiring_days: 90, requirement_id: null, department: e.department, manager_id: null }).filter(
      (o) => o.employee_id === employee_id,
    );
  }
  const export_compliance_list = ({ query, statuses, path }: Written & { query: ComplianceQuery; statuses: Status[] }): ExportSummary =>
    exported(path, actionList(record, query, statuses).length);
  const export_compliance_matrix = ({ query, path }: Written & { query: MatrixQuery }): ExportSummary =>
    exported(path, matrix(record, { ...query, offset: 0, limit: record.employees.length }).rows.length);
  function create_requirement({ input }: { input: RequirementInput }): Requirement {
    notBusy();
    const made = checkRequirement(input);
    if (record.requirements.some((r) => r.requirement_id === made.requirement_id)) {
      fail('conflict', `A requirement with ID ${made.requirement_id} already exists.`, [{ field: 'requirement_id', message: 'is already taken' }]);
    }
    record.requirements.push(made);
    audit(record, 'app', 'requirements', made.requirement_id, 'insert', null, JSON.stringify(made));
    return made;
  }
  function update_requirement({ input }: { input: RequirementInput }): Requirement {
    notBusy();
    const current = requirement(input.requirement_id);
    const made = checkRequirement({ ...input, effective_from: input.effective_from ?? current.effective_from });
    Object.assign(current, { ...made, retired: current.retired });
    audit(record, 'app', 'requirements', current.requirement_id, 'update', null, JSON.stringify(current));
    return current;
  }
  function set_requirement_retired({ requirement_id, retired }: { requirement_id: string; retired: boolean }): Requirement {
    notBusy();
    const current = requirement(requirement_id);
    current.retired = retired;
    audit(record, 'app', 'requirements', requirement_id, 'update', null, JSON.stringify({ retired }));
    return current;
  }
  function create_exemption({ input }: { input: ExemptionInput }): Exemption {
    notBusy();
    checkExemption(input);
    if (record.exemptions.some((x) => x.employee_id === input.employee_id && x.requirement_id === input.requirement_id)) {
      fail('conflict', `${input.employee_id} is already exempt from ${input.requirement_id}.`);
    }
    record.exemptions.push({ ...input });
    audit(record, 'app', 'exemptions', `${input.employee_id}/${input.requirement_id}`, 'insert', null, JSON.stringify(input));
    return viewExemption(input);
  }
  function update_exemption({ input }: { input: ExemptionInput }): Exemption {
    notBusy();
    checkExemption(input);
    const current =
      record.exemptions.find((x) => x.employee_id === input.employee_id && x.requirement_id === input.requirement_id) ??
      fail('not_found', `${input.employee_id} has no exemption from ${input.requirement_id}.`);
    Object.assign(current, input);
    audit(record, 'app', 'exemptions', `${input.employee_id}/${input.requirement_id}`, 'update', null, JSON.stringify(input));
    return viewExemption(current);
  }
  function delete_exemption({ employee_id, requirement_id }: { employee_id: string; requirement_id: string }): null {
    notBusy();
    const before = record.exemptions.length;
    record.exemptions = record.exemptions.filter((x) => !(x.employee_id === employee_id && x.requirement_id === requirement_id));
    if (record.exemptions.length === before) fail('not_found', `${employee_id} has no exemption from ${requirement_id}.`);
    audit(record, 'app', 'exemptions', `${employee_id}/${requirement_id}`, 'delete', null, null);
    return null;
  }

  // ---- history (the audit trail) ----
  function history_page({ query }: { query: HistoryQuery }): HistoryPage {
    for (const day of [query.from, query.to]) {
      if (day !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(day)) fail('invalid', `'${day}' is not a date; write it as YYYY-MM-DD`);
    }
    const found = record.history
      .filter(
        (e) =>
          (!query.entity || e.entity === query.entity) &&
          (!query.key || e.key === query.key) &&
          (!query.from || e.at.slice(0, 10) >= query.from) &&
          (!query.to || e.at.slice(0, 10) <= query.to),
      )
      .reverse();
    return { entries: found.slice(query.offset, query.offset + query.limit), total: found.length };
  }
  const verify_history = (): Verification => ({ entries: record.history.length, head: record.history.at(-1)?.hash ?? '', breaks: [] });

  // ---- trend and targets ----
  const list_targets = (): Target[] => [...record.targets].sort((a, b) => a.target_id.localeCompare(b.target_id));
  const trend_report = ({ query }: { query: TrendQuery }): TrendReport => trendReport(record, query);
  const targets_report = ({ query }: { query: TargetsQuery }): TargetsReport => targetsReport(record, query);
  const export_trend = ({ query, path }: Written & { query: TrendQuery; with_notes: boolean }): ExportSummary =>
    exported(path, periodEnds(query.from, query.to, query.every).length);
  const export_targets_report = ({ query, path }: Written & { query: TargetsQuery; with_notes: boolean }): ExportSummary =>
    exported(path, targetsReport(record, query).rows.length);
  function add_target({ input }: { input: TargetInput }): Target {
    notBusy();
    const made = checkTarget(input);
    if (record.targets.some((t) => t.target_id === made.target_id)) {
      fail('conflict', `A target with ID ${made.target_id} already exists.`, [{ field: 'target_id', message: 'is already taken' }]);
    }
    record.targets.push(made);
    audit(record, 'app', 'targets', made.target_id, 'insert', null, JSON.stringify(made));
    return made;
  }
  function update_target({ input }: { input: TargetInput }): Target {
    notBusy();
    const current = target(input.target_id);
    Object.assign(current, checkTarget(input));
    audit(record, 'app', 'targets', current.target_id, 'update', null, JSON.stringify(current));
    return current;
  }
  function delete_target({ target_id }: { target_id: string }): null {
    notBusy();
    target(target_id);
    record.targets = record.targets.filter((t) => t.target_id !== target_id);
    audit(record, 'app', 'targets', target_id, 'delete', null, null);
    return null;
  }

  // One key per command, each `(args) => result`, checked whole against the generated
  // contract (lib/api/commands.ts): a missing command or a wrong shape fails `npm run check`.
  const commands = {
    startup_status, backup_now, list_backups, restore_backup, restore_latest_backup, quit_app,
    app_info, stats, facets, running_work, open_log_folder,
    open_database, new_database, recent_databases, open_demo, leave_demo,
    list_employees, employee_ids, get_employee, create_employee, update_employee, set_employee_active, search_people,
    list_programs, create_program, update_program, set_program_retired,
    list_completions, employee_history, log_completion, log_cohort, resolve_pasted_people, delete_completion,
    import_preview, import_file, cancel_import, save_import_template, import_columns, mapping_toml,
    list_mappings, matching_mappings, save_mapping, delete_mapping,
    export_table,
    dashboard, coverage_report, people_page, people_ids, gap_report, export_coverage, export_gaps, export_pdf, export_team_pack,
    list_requirements, list_requirements_naming_program, list_exemptions, compliance_report, compliance_list, compliance_matrix,
    employee_obligations, export_compliance_list, export_compliance_matrix, create_requirement, update_requirement,
    set_requirement_retired, create_exemption, update_exemption, delete_exemption,
    history_page, verify_history,
    list_targets, trend_report, targets_report, export_trend, export_targets_report, add_target, update_target, delete_target,
  } satisfies CommandTable;
  return commands;
}

/** What a mock of every command looks like: the generated contract's arguments and results. */
type CommandTable = {
  [K in keyof Commands]: (args: Commands[K]['args']) => Commands[K]['result'] | Promise<Commands[K]['result']>;
};

/** The Tauri plugins the UI calls (dialogs, paths): not commands of lib.rs. */
export const PLUGIN_HANDLERS = {
  'plugin:dialog|open': ({ options }: { options: { directory?: boolean } }): string =>
    options.directory ? '/home/you/Documents/packs' : '/home/you/Downloads/hr-export.csv',
  'plugin:dialog|save': ({ options }: { options: { defaultPath?: string } }): string =>
    `/home/you/Documents/${fileName(options.defaultPath ?? 'export.csv')}`,
  'plugin:path|resolve_directory': (): string => '/home/you/Documents',
  'plugin:path|join': ({ paths }: { paths: string[] }): string => paths.join('/').replace(/\/+/g, '/'),
  'plugin:path|dirname': ({ path }: { path: string }): string => path.replace(/\/[^/]*$/, '') || '/',
};

export type CommandHandlers = ReturnType<typeof mockHandlers>;
/** Everything the mock answers: the commands and the plugins. */
export type MockHandlers = CommandHandlers & typeof PLUGIN_HANDLERS;

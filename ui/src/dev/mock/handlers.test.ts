// The mock's handlers: exactly the commands the desktop shell registers (a command added to
// `generate_handler![...]` in src-tauri/src/lib.rs without a mock handler fails here, and so does
// a handler for a command that no longer exists); each answering plausible arguments; and the
// mock's figures checked against the record they are computed from.
import type { Channel } from '@tauri-apps/api/core';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ApiError } from '../../lib/api/bindings/ApiError';
import type { ComplianceQuery } from '../../lib/api/bindings/ComplianceQuery';
import type { EmployeeInput } from '../../lib/api/bindings/EmployeeInput';
import type { EmployeeQuery } from '../../lib/api/bindings/EmployeeQuery';
import type { Filters } from '../../lib/api/bindings/Filters';
import type { ImportProgress } from '../../lib/api/bindings/ImportProgress';
import type { MappingDraft } from '../../lib/api/bindings/MappingDraft';
import type { PeopleQuery } from '../../lib/api/bindings/PeopleQuery';
import { generationOf } from './coverage';
import { mockHandlers, PLUGIN_HANDLERS, type MockHandlers } from './handlers';
import { seed, type MockRecord } from './record';

/** The last path segment of every entry of `generate_handler![...]`. */
function registeredCommands(source: string): string[] {
  const list = /generate_handler!\s*\[([^\]]*)\]/.exec(source)?.[1];
  if (list === undefined) throw new Error('lib.rs has no generate_handler![...]');
  return list
    .replace(/\/\/[^\n]*/g, '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => entry.split('::').pop() ?? entry);
}

describe('the mock handlers and lib.rs', () => {
  // The file as it is in the tree, not a copy; vitest runs in ui/ (`npm test`).
  const registered = registeredCommands(readFileSync('../src-tauri/src/lib.rs', 'utf8'));
  const mocked = Object.keys(mockHandlers(seed(0)));

  it('reads the command list of lib.rs', () => {
    // A parse that found nothing would make the next checks pass vacuously.
    expect(registered.length).toBeGreaterThan(50);
    expect(registered).toContain('list_employees');
    expect(registered.every((name) => /^[a-z_][a-z0-9_]*$/.test(name))).toBe(true);
  });

  it('answers every command lib.rs registers', () => {
    expect(Object.keys(PLUGIN_HANDLERS).every((name) => name.startsWith('plugin:'))).toBe(true);
    expect(registered.filter((name) => !mocked.includes(name))).toEqual([]);
  });

  it('answers no command lib.rs does not register', () => {
    const extra = mocked.filter((name) => !registered.includes(name));
    expect(extra).toEqual([]);
  });

  it('finds the last path segment of each entry', () => {
    const source = 'tauri::generate_handler![\n  commands::a::one, // note\n  two,\n  commands::b::c::three,\n]';
    expect(registeredCommands(source)).toEqual(['one', 'two', 'three']);
  });
});

const AS_OF = '2026-11-30';
const filters = (more: Partial<Filters> = {}): Filters => ({
  skill_area: null, program_format: null, program_id: null, from: null, to: null,
  as_of: AS_OF, department: null, manager_id: null, include_inactive: false, ...more,
});
const employeeQuery: EmployeeQuery = {
  search: null, department: null, role: null, manager_id: null, include_inactive: false,
  sort: 'full_name', descending: false, offset: 0, limit: 50,
};
const complianceQuery: ComplianceQuery = { as_of: AS_OF, expiring_days: 90, requirement_id: null, department: null, manager_id: null };
const peopleQuery: PeopleQuery = { filters: filters(), role: null, location: null, generation: null, age_band: null, trained: null };
const employeeInput: EmployeeInput = {
  employee_id: 'N0001', full_name: 'Nia New', email: null, role: 'Analyst', department: 'Data',
  manager_id: 'E0001', birth_year: 1990, hire_date: '2026-01-05', location: null, active: true,
};
const draft: MappingDraft = {
  name: null, header_row: null, fields: [], keep_column: null, keep_values: [],
  unknown_employee: null, unknown_program: null, unknown_manager: null,
};
const progress = (heard: ImportProgress[] = []): Channel<ImportProgress> =>
  ({ onmessage: (p: ImportProgress) => heard.push(p) }) as unknown as Channel<ImportProgress>;
const csv = { path: '/tmp/out.csv', delimiter: 'comma' as const };

/** Plausible arguments for every handler, typed by the handler's own parameters. */
const SAMPLES: { [K in keyof MockHandlers]: Parameters<MockHandlers[K]> } = {
  'plugin:dialog|open': [{ options: {} }],
  'plugin:dialog|save': [{ options: { defaultPath: '/home/you/Documents/coverage.csv' } }],
  'plugin:path|resolve_directory': [],
  'plugin:path|join': [{ paths: ['/home/you', 'coverage.csv'] }],
  'plugin:path|dirname': [{ path: '/home/you/coverage.csv' }],
  startup_status: [],
  backup_now: [{ path: '/tmp/backup.db' }],
  list_backups: [],
  restore_backup: [{ path: '/tmp/backup.db' }],
  restore_latest_backup: [],
  quit_app: [],
  app_info: [],
  stats: [],
  facets: [],
  open_demo: [],
  leave_demo: [],
  running_work: [],
  open_log_folder: [],
  open_database: [{ path: '/tmp/other.db' }],
  new_database: [{ path: '/tmp/new.db' }],
  recent_databases: [],
  list_employees: [{ query: employeeQuery }],
  employee_ids: [{ query: employeeQuery }],
  get_employee: [{ employee_id: 'E0007' }],
  create_employee: [{ input: employeeInput }],
  update_employee: [{ input: { ...employeeInput, employee_id: 'E0007' } }],
  set_employee_active: [{ employee_id: 'E0007', active: false }],
  search_people: [{ text: 'ada', limit: 5 }],
  list_programs: [{ include_retired: true }],
  create_program: [{ input: { program_id: 'NEW-1', title: 'New', skill_area: 'AI literacy', format: 'workshop', provider: null, hours: 2, validity_months: null } }],
  update_program: [{ input: { program_id: 'AI-101', title: 'AI literacy', skill_area: 'AI literacy', format: 'e_learning', provider: null, hours: 3, validity_months: 12 } }],
  set_program_retired: [{ program_id: 'AI-101', retired: true }],
  list_completions: [{ query: { employee_id: null, program_id: null, offset: 0, limit: 20 } }],
  employee_history: [{ employee_id: 'E0003' }],
  log_completion: [{ input: { employee_id: 'E0002', program_id: 'AI-101', completed_on: '2026-11-01', score: 90, certificate_id: null } }],
  log_cohort: [{ input: { program_id: 'AI-101', completed_on: '2026-11-02', score: null, employee_ids: ['E0002', 'E0004'] } }],
  resolve_pasted_people: [{ text: 'E0002\nperson4@example.com; Nobody Here' }],
  delete_completion: [{ id: 1 }],
  import_preview: [{ kind: 'employees', path: '/tmp/people.csv', date_format: 'iso' }],
  import_file: [{ kind: 'employees', path: '/tmp/people.csv', date_format: 'iso', mapping: null, skip_invalid: false, on_progress: progress() }],
  cancel_import: [],
  save_import_template: [{ kind: 'employees', path: '/tmp/employees.csv' }],
  import_columns: [{ kind: 'employees', path: '/tmp/vendor.csv', date_format: 'iso', mapping: null }],
  mapping_toml: [{ kind: 'employees', draft }],
  list_mappings: [],
  matching_mappings: [{ kind: 'employees', headers: ['a', 'b'] }],
  save_mapping: [{ name: 'HR', kind: 'employees', toml: 'version = 1', headers: ['a', 'b'] }],
  delete_mapping: [{ name: 'Workday export' }],
  export_table: [{ table: 'employees', ...csv }],
  dashboard: [{ query: { filters: filters(), min_group: 5, threshold: 10, pool_small: false } }],
  coverage_report: [{ query: { dims: ['department', 'generation'], filters: filters(), min_group: 5 } }],
  people_page: [{ query: peopleQuery, offset: 0, limit: 25 }],
  people_ids: [{ query: peopleQuery }],
  gap_report: [{ query: { dim: 'role', filters: filters(), min_group: 5, threshold: 10 } }],
  export_coverage: [{ query: { dims: ['role'], filters: filters(), min_group: 5 }, options: { pool_small: true }, with_notes: true, ...csv }],
  export_gaps: [{ query: { dim: 'role', filters: filters(), min_group: 5, threshold: 10 }, options: { pool_small: false }, with_notes: false, ...csv }],
  export_pdf: [{ query: { filters: filters(), min_group: 5, title: null, beside_organisation: false }, path: '/tmp/report.pdf' }],
  export_team_pack: [{ manager_id: 'E0001', query: { as_of: AS_OF, min_group: 5 }, folder: '/tmp/packs' }],
  list_requirements: [{ include_retired: true }],
  list_requirements_naming_program: [{ program_id: 'AI-101' }],
  list_exemptions: [{ employee_id: null, requirement_id: null }],
  compliance_report: [{ query: complianceQuery, by: ['department'], min_group: 5 }],
  compliance_list: [{ query: complianceQuery, statuses: [] }],
  compliance_matrix: [{ query: { query: complianceQuery, role: null, offset: 0, limit: 50 } }],
  employee_obligations: [{ employee_id: 'E0007' }],
  export_compliance_list: [{ query: complianceQuery, statuses: ['overdue'], ...csv }],
  export_compliance_matrix: [{ query: { query: complianceQuery, role: null, offset: 0, limit: 50 }, ...csv }],
  create_requirement: [{ input: { requirement_id: 'REQ-NEW', title: 'New', role: null, department: 'Data', location: null, program_id: 'NV-DLI', skill_area: null, due_days: null, effective_from: null } }],
  update_requirement: [{ input: { requirement_id: 'REQ-AI-LIT', title: 'AI literacy', role: null, department: null, location: null, program_id: 'AI-101', skill_area: null, due_days: 60, effective_from: null } }],
  set_requirement_retired: [{ requirement_id: 'REQ-AI-LIT', retired: true }],
  create_exemption: [{ input: { employee_id: 'E0007', requirement_id: 'REQ-AI-LIT', reason: 'Leaving soon', until: null } }],
  update_exemption: [{ input: { employee_id: 'E0020', requirement_id: 'REQ-AI-LIT', reason: 'Leave extended', until: '2027-06-30' } }],
  delete_exemption: [{ employee_id: 'E0020', requirement_id: 'REQ-AI-LIT' }],
  history_page: [{ query: { offset: 0, limit: 50 } }],
  verify_history: [],
  list_targets: [],
  trend_report: [{ query: { dims: ['generation'], filters: filters(), min_group: 5, from: '2024-11-30', to: AS_OF, every: 'quarter' } }],
  targets_report: [{ query: { as_of: AS_OF, min_group: 5 } }],
  export_trend: [{ query: { dims: ['generation'], filters: filters(), min_group: 5, from: '2025-01-01', to: AS_OF, every: 'month' }, with_notes: false, ...csv }],
  export_targets_report: [{ query: { as_of: AS_OF, min_group: 5 }, with_notes: false, ...csv }],
  add_target: [{ input: { target_id: 'T-NEW', title: 'Data at 80%', department: 'Data', role: null, location: null, generation: null, skill_area: null, manager_id: null, metric: 'coverage', value: 80, due: '2030-01-01' } }],
  update_target: [{ input: { target_id: 'T-ALL-60', title: '70% trained', department: null, role: null, location: null, generation: null, skill_area: null, manager_id: null, metric: 'coverage', value: 70, due: '2030-01-01' } }],
  delete_target: [{ target_id: 'T-ALL-60' }],
};

/** Commands that reject on purpose with the seeded record, and with what kind. */
const REJECTS: Partial<Record<keyof MockHandlers, ApiError['kind']>> = {
  restore_latest_backup: 'not_found',
};

type Untyped = (...args: unknown[]) => unknown;
function call(record: MockRecord, name: keyof MockHandlers): Promise<unknown> {
  const handler = { ...PLUGIN_HANDLERS, ...mockHandlers(record, { stepMs: 0 }) }[name] as Untyped;
  return Promise.resolve().then(() => handler(...SAMPLES[name]));
}

describe('every mock handler', () => {
  it.each(Object.keys(SAMPLES) as (keyof MockHandlers)[])('%s answers plausible arguments', async (name) => {
    const record = seed(240);
    const rejects = REJECTS[name];
    if (rejects) {
      await expect(call(record, name)).rejects.toMatchObject({ kind: rejects, message: expect.any(String), fields: [] });
    } else {
      // Well-formed: a value (null for the commands that return nothing), JSON as IPC sends it.
      const result = await call(record, name);
      expect(result).not.toBeUndefined();
      expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    }
  });
});

describe('the mock figures follow its record', () => {
  const hired = (record: MockRecord) => record.employees.filter((e) => e.active && (!e.hire_date || e.hire_date <= AS_OF));
  const trainedIds = (record: MockRecord) => new Set(record.completions.filter((c) => c.completed_on <= AS_OF).map((c) => c.employee_id));

  it('counts the dashboard from the employees and their completions', () => {
    const record = seed(240);
    const board = mockHandlers(record).dashboard({ query: { filters: filters(), min_group: 5, threshold: 10, pool_small: false } });
    const population = hired(record);
    const trained = trainedIds(record);
    expect(board.total.headcount).toBe(population.length);
    expect(board.total.trained).toBe(population.filter((e) => trained.has(e.employee_id)).length);
    // The generations partition the population, each counted from birth years.
    expect(board.by_generation.rows.reduce((n, r) => n + r.headcount, 0)).toBe(population.length);
    for (const row of board.by_generation.rows) {
      expect(row.headcount).toBe(population.filter((e) => generationOf(e.birth_year) === row.groups[0]).length);
    }
    expect(board.role_by_generation.axes).toEqual([
      [...new Set(board.role_by_generation.rows.map((r) => r.groups[0]))],
      expect.arrayContaining(board.by_generation.axes[0] ?? []),
    ]);
  });

  it('hides the figures of groups smaller than k', () => {
    const record = seed(240);
    const report = mockHandlers(record).coverage_report({ query: { dims: ['department', 'generation'], filters: filters(), min_group: 8 } });
    const small = report.rows.filter((r) => r.headcount < 8);
    expect(small.length).toBeGreaterThan(0);
    for (const row of report.rows) {
      expect(row.suppressed).toBe(row.headcount < 8);
      expect(row.trained === null).toBe(row.suppressed);
      if (row.trained !== null) expect(row.coverage_pct).toBeCloseTo((100 * row.trained) / row.headcount, 1);
    }
  });

  it('moves when a completion is logged', () => {
    const record = seed(240);
    const mock = mockHandlers(record);
    const query = { query: { filters: filters(), min_group: 5, threshold: 10, pool_small: false } };
    const before = mock.dashboard(query).total.trained ?? 0;
    const untrained = hired(record).find((e) => !trainedIds(record).has(e.employee_id));
    if (!untrained) throw new Error('the seed trains everyone');
    mock.log_completion({ input: { employee_id: untrained.employee_id, program_id: 'AI-101', completed_on: '2026-11-01', score: null, certificate_id: null } });
    expect(mock.dashboard(query).total.trained).toBe(before + 1);
    expect(mock.history_page({ query: { entity: 'completions', offset: 0, limit: 5 } }).entries[0]?.key).toBe(`${untrained.employee_id}/AI-101/2026-11-01`);
  });

  it('lists the people behind a generation bar as the bar counts them', () => {
    const mock = mockHandlers(seed(240));
    const bar = mock.dashboard({ query: { filters: filters(), min_group: 5, threshold: 10, pool_small: false } }).by_generation.rows.find((r) => r.groups[0] === 'Gen X');
    const page = mock.people_page({ query: { ...peopleQuery, generation: 'Gen X', trained: false }, offset: 0, limit: 500 });
    expect(bar?.trained).not.toBeNull();
    expect(page.total).toBe((bar?.headcount ?? 0) - (bar?.trained ?? 0));
    expect(page.rows.every((r) => !r.trained && r.last_completed_on === null)).toBe(true);
  });

  it('gives every applying person a status on each requirement', () => {
    const record = seed(240);
    const mock = mockHandlers(record);
    const report = mock.compliance_report({ query: complianceQuery, by: ['requirement'], min_group: 5 });
    const everyone = report.rows.find((r) => r.groups[0] === 'REQ-AI-LIT');
    // Everyone active and hired by D has the everyone-requirement.
    expect(everyone?.people).toBe(hired(record).length);
    const t = report.total;
    expect((t.compliant ?? 0) + (t.expiring ?? 0) + (t.expired ?? 0) + (t.overdue ?? 0) + (t.due ?? 0) + (t.exempt ?? 0)).toBe(t.obligations);
    expect(t.exempt).toBeGreaterThan(0);
    const list = mock.compliance_list({ query: complianceQuery, statuses: ['overdue'] });
    expect(list.length).toBe(t.overdue);
    const page = mock.compliance_matrix({ query: { query: complianceQuery, role: null, offset: 0, limit: 10 } });
    expect(page.rows).toHaveLength(10);
    expect(page.rows.every((r) => r.cells.length === page.requirements.length)).toBe(true);
  });

  it('puts a trend point at the end of each period, the last on `to`', () => {
    const mock = mockHandlers(seed(240));
    const trend = mock.trend_report({ query: { dims: ['generation'], filters: filters(), min_group: 5, from: '2025-02-10', to: '2026-11-30', every: 'quarter' } });
    expect(trend.points.map((p) => p.period_end)).toEqual([
      '2025-03-31', '2025-06-30', '2025-09-30', '2025-12-31', '2026-03-31', '2026-06-30', '2026-09-30', '2026-11-30',
    ]);
    const trained = trend.points.map((p) => p.total.trained ?? 0);
    expect(trained).toEqual([...trained].sort((a, b) => a - b));
  });

  it('reports every target', () => {
    const record = seed(240);
    const report = mockHandlers(record).targets_report({ query: { as_of: AS_OF, min_group: 5 } });
    expect(report.rows.map((r) => r.target_id)).toEqual(record.targets.map((t) => t.target_id));
    expect(report.rows.every((r) => r.current !== null && r.status !== 'insufficient_data')).toBe(true);
  });

  it('runs an import step by step, refuses other writes meanwhile, and cancels', async () => {
    const record = seed(240);
    const mock = mockHandlers(record, { stepMs: 5 });
    const heard: ImportProgress[] = [];
    const running = mock.import_file({ kind: 'completions', path: '/tmp/big.csv', date_format: 'iso', mapping: null, skip_invalid: false, on_progress: progress(heard) });
    expect(mock.running_work()?.label).toBe('the import of big.csv');
    expect(() => mock.create_employee({ input: employeeInput })).toThrow(expect.objectContaining({ kind: 'busy' }));
    mock.cancel_import();
    await expect(running).rejects.toMatchObject({ kind: 'cancelled' });
    expect(heard.length).toBeGreaterThan(0);
    expect(mock.running_work()).toBeNull();
  });

  it('opens the demo: an empty record is filled with it, a full one is left alone', () => {
    const record = seed(0);
    expect(mockHandlers(record).open_demo()).toMatch(/upskill-demo\.db$/);
    expect(record.employees.length).toBeGreaterThan(240);
    const full = seed(240);
    mockHandlers(full).open_demo();
    expect(full.employees).toHaveLength(240);
  });

  it('finds people by name, id or e-mail, at most `limit`', () => {
    const found = mockHandlers(seed(240)).search_people({ text: 'ada', limit: 3 });
    expect(found).toHaveLength(3);
    for (const p of found) {
      expect(Object.keys(p).sort()).toEqual(['active', 'department', 'email', 'employee_id', 'full_name', 'role']);
      expect(p.full_name.toLowerCase()).toContain('ada');
    }
  });
});

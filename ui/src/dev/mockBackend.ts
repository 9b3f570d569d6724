// An in-memory stand-in for the Rust commands, for `npm run dev:mock` only: it lets the UI be
// run, looked at and clicked through in a plain browser without building the desktop shell.
// It follows docs/ipc.md (argument keys, return shapes, ApiError rejections) but is not the
// real core: validation here is deliberately rough. Never imported by production builds
// (main.ts loads it only in the "mock" mode, which Vite resolves at build time).
import { mockIPC } from '@tauri-apps/api/mocks';
import type { ApiError } from '../lib/api/bindings/ApiError';
import type { CohortInput } from '../lib/api/bindings/CohortInput';
import type { Completion } from '../lib/api/bindings/Completion';
import type { CompletionInput } from '../lib/api/bindings/CompletionInput';
import type { CompletionQuery } from '../lib/api/bindings/CompletionQuery';
import type { Employee } from '../lib/api/bindings/Employee';
import type { EmployeeInput } from '../lib/api/bindings/EmployeeInput';
import type { EmployeeQuery } from '../lib/api/bindings/EmployeeQuery';
import type { FieldProblem } from '../lib/api/bindings/FieldProblem';
import type { ImportColumns } from '../lib/api/bindings/ImportColumns';
import type { ImportKind } from '../lib/api/bindings/ImportKind';
import type { SavedMapping } from '../lib/api/bindings/SavedMapping';
import type { ImportReport } from '../lib/api/bindings/ImportReport';
import type { Program } from '../lib/api/bindings/Program';
import type { PersonMatch } from '../lib/api/bindings/PersonMatch';
import type { ProgramInput } from '../lib/api/bindings/ProgramInput';

type StoredEmployee = Omit<Employee, 'manager_name' | 'completions'>;
type StoredProgram = Omit<Program, 'completions'>;
type StoredCompletion = CompletionInput & { id: number };

function fail(kind: ApiError['kind'], message: string, fields: FieldProblem[] = []): never {
  const error: ApiError = { kind, message, fields };
  throw error;
}

function invalid(fields: FieldProblem[]): void {
  if (fields.length > 0) fail('invalid', fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields);
}

/** Deterministic sample data, so screenshots are stable. */
function seed(empty: boolean): { employees: StoredEmployee[]; programs: StoredProgram[]; completions: StoredCompletion[] } {
  if (empty) return { employees: [], programs: [], completions: [] };
  const first = ['Ada', 'Grace', 'Alan', 'Katherine', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Frances', 'Edsger', 'Radia'];
  const last = ['Lovelace', 'Hopper', 'Turing', 'Johnson', 'Torvalds', 'Hamilton', 'Ritchie', 'Liskov', 'Thompson', 'Allen', 'Dijkstra', 'Perlman'];
  const departments = ['Engineering', 'Data', 'Finance', 'Operations', 'Sales', 'People'];
  const roles = ['Engineer', 'Analyst', 'Manager', 'Specialist', 'Director'];
  const locations = ['Berlin', 'Lisbon', 'Austin', 'Toronto', null];
  const employees: StoredEmployee[] = [];
  for (let i = 1; i <= 240; i++) {
    employees.push({
      employee_id: `E${String(i).padStart(4, '0')}`,
      full_name: `${first[i % first.length]} ${last[(i + Math.floor(i / first.length)) % last.length]}`,
      email: i % 9 === 0 ? null : `person${i}@example.com`,
      role: i <= 6 ? 'Director' : (roles[i % roles.length] ?? 'Engineer'),
      department: departments[i % departments.length] ?? 'Engineering',
      manager_id: i <= 6 ? null : `E${String(((i - 1) % 6) + 1).padStart(4, '0')}`,
      birth_year: 1960 + (i % 40),
      hire_date: `20${String(10 + (i % 15)).padStart(2, '0')}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
      location: locations[i % locations.length] ?? null,
      active: i % 17 !== 0,
    });
  }
  const programs: StoredProgram[] = [
    { program_id: 'AI-101', title: 'AI literacy for everyone', skill_area: 'AI literacy', format: 'e_learning', provider: 'In-house', hours: 3, validity_months: null, retired: false },
    { program_id: 'PROMPT-201', title: 'Prompt engineering in practice', skill_area: 'Prompt engineering', format: 'workshop', provider: 'In-house', hours: 6, validity_months: 24, retired: false },
    { program_id: 'AWS-MLS', title: 'AWS Certified Machine Learning – Specialty', skill_area: 'ML engineering', format: 'vendor_certification', provider: 'AWS', hours: 40, validity_months: 36, retired: false },
    { program_id: 'NV-DLI', title: 'Building GPU clusters', skill_area: 'GPU & high-density infrastructure', format: 'hands_on_lab', provider: 'NVIDIA', hours: 8, validity_months: null, retired: false },
    { program_id: 'DS-BOOT', title: 'Data science bootcamp', skill_area: 'Data science & engineering', format: 'bootcamp', provider: 'Le Wagon', hours: 360, validity_months: null, retired: false },
    { program_id: 'OLD-ML', title: 'Intro to machine learning (2019)', skill_area: 'ML engineering', format: 'e_learning', provider: 'Coursera', hours: 20, validity_months: 12, retired: true },
  ];
  const completions: StoredCompletion[] = [];
  let id = 1;
  for (let i = 1; i <= 240; i += 3) {
    const program = programs[i % 5];
    if (!program) continue;
    completions.push({
      id: id++,
      employee_id: `E${String(i).padStart(4, '0')}`,
      program_id: program.program_id,
      completed_on: `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
      score: i % 4 === 0 ? null : 60 + (i % 40),
      certificate_id: program.format === 'vendor_certification' ? `CERT-${1000 + i}` : null,
    });
  }
  return { employees, programs, completions };
}

export function installMockBackend(options: { empty?: boolean } = {}): void {
  const db = seed(options.empty ?? false);
  let nextCompletionId = db.completions.length + 1;

  const employee = (id: string): StoredEmployee =>
    db.employees.find((e) => e.employee_id === id) ?? fail('not_found', `No employee with ID ${id}.`);
  const program = (id: string): StoredProgram =>
    db.programs.find((p) => p.program_id === id) ?? fail('not_found', `No program with ID ${id}.`);

  const viewEmployee = (e: StoredEmployee): Employee => ({
    ...e,
    manager_name: e.manager_id ? (db.employees.find((m) => m.employee_id === e.manager_id)?.full_name ?? null) : null,
    completions: db.completions.filter((c) => c.employee_id === e.employee_id).length,
  });
  const viewProgram = (p: StoredProgram): Program => ({
    ...p,
    completions: db.completions.filter((c) => c.program_id === p.program_id).length,
  });
  const viewCompletion = (c: StoredCompletion): Completion => {
    const p = program(c.program_id);
    return {
      ...c,
      employee_name: employee(c.employee_id).full_name,
      program_title: p.title,
      skill_area: p.skill_area,
      score: c.score,
      certificate_id: c.certificate_id,
    };
  };
  const newestFirst = (a: StoredCompletion, b: StoredCompletion): number =>
    b.completed_on.localeCompare(a.completed_on) || b.id - a.id;

  function below(managerId: string): Set<string> {
    const found = new Set<string>();
    const queue = [managerId];
    while (queue.length > 0) {
      const boss = queue.shift();
      for (const e of db.employees) {
        if (e.manager_id === boss && !found.has(e.employee_id)) {
          found.add(e.employee_id);
          queue.push(e.employee_id);
        }
      }
    }
    return found;
  }

  function checkEmployee(input: EmployeeInput): void {
    const fields: FieldProblem[] = [];
    if (!input.employee_id) fields.push({ field: 'employee_id', message: 'must not be empty' });
    if (!input.full_name) fields.push({ field: 'full_name', message: 'must not be empty' });
    if (input.birth_year !== null && (input.birth_year < 1900 || input.birth_year > 2015)) {
      fields.push({ field: 'birth_year', message: 'must be between 1900 and 2015' });
    }
    if (input.manager_id && !db.employees.some((e) => e.employee_id === input.manager_id)) {
      fields.push({ field: 'manager_id', message: `no employee with ID ${input.manager_id}` });
    }
    invalid(fields);
  }

  function listEmployees(q: EmployeeQuery): { rows: Employee[]; total: number } {
    const search = q.search?.toLowerCase() ?? null;
    const team = q.manager_id ? below(q.manager_id) : null;
    const rows = db.employees
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
    rows.sort((a, b) => {
      const x = a[key];
      const y = b[key];
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x ?? '').localeCompare(String(y ?? ''));
      return (q.descending ? -order : order) || a.employee_id.localeCompare(b.employee_id);
    });
    return { rows: rows.slice(q.offset, q.offset + q.limit), total: rows.length };
  }

  /** `search_people`, ranked as the core does: whole text, prefix, a later word's prefix, anywhere. */
  function searchPeople(text: string, limit: number): PersonMatch[] {
    if (limit < 1 || limit > 100) fail('invalid', `a search returns 1 to 100 matches; ${limit} asked for`, [{ field: 'limit', message: 'out of range' }]);
    const t = text.trim().toLowerCase();
    if (!t) return [];
    const rank = (e: StoredEmployee): number => {
      const fields = [e.employee_id, e.full_name, e.email ?? ''].map((f) => f.toLowerCase());
      if (fields.some((f) => f === t)) return 0;
      if (fields.some((f) => f.startsWith(t))) return 1;
      if (e.full_name.toLowerCase().split(/[ -]/).slice(1).some((w) => w.startsWith(t))) return 2;
      return fields.some((f) => f.includes(t)) ? 3 : 4;
    };
    return db.employees
      .map((e) => ({ e, r: rank(e) }))
      .filter(({ r }) => r < 4)
      .sort((a, b) => a.r - b.r || Number(b.e.active) - Number(a.e.active) || a.e.full_name.localeCompare(b.e.full_name))
      .slice(0, limit)
      .map(({ e }) => ({ employee_id: e.employee_id, full_name: e.full_name, email: e.email, role: e.role, department: e.department, active: e.active }));
  }

  const distinct = (values: (string | null)[]): string[] =>
    [...new Set(values.filter((v): v is string => Boolean(v)))].sort((a, b) => a.localeCompare(b));

  /**
   * A canned check of an import file: any path works; one whose name contains "bad" has an
   * invalid row, "missing" is refused as a whole. Nothing is really read or written.
   */
  function importReport(kind: ImportKind, path: string, dryRun: boolean, skipInvalid: boolean): ImportReport {
    const name = path.split(/[\\/]/).pop() ?? path;
    if (name.includes('nofile')) fail('io', `${path}: No such file or directory (os error 2)`);
    const refused = name.includes('missing');
    const bad = name.includes('bad');
    const problems = refused
      ? [{ file: path, line: 1, column: 'department', message: 'the required column "department" is missing' }]
      : bad
        ? [{ file: path, line: 4, column: 'birth_year', message: "'nineteen' is not a year or a date; write it as YYYY or as YYYY-MM-DD or DD.MM.YYYY" }]
        : [];
    const rows = refused ? 0 : 5;
    const rejected = bad ? 1 : 0;
    const written = !refused && (!bad || skipInvalid || dryRun);
    return {
      kind,
      file: path,
      encoding: name.includes('1252') ? 'windows1252' : 'utf8',
      bom: false,
      delimiter: name.includes('semi') ? 'semicolon' : 'comma',
      date_format: 'iso',
      dry_run: dryRun,
      outcome: !written || (bad && !skipInvalid) ? 'rejected' : dryRun ? 'dry_run' : 'imported',
      header_line: 1,
      mapping: [],
      mapping_name: null,
      notes: [],
      skipped: 0,
      columns: ['employee_id', 'full_name', 'role', 'department', 'birth_year', 'badge_colour'],
      ignored_columns: ['badge_colour'],
      warnings: ['column \'badge_colour\' is not one of the employees columns; it was ignored'],
      rows,
      inserted: written ? 3 : 0,
      updated: written ? 1 : 0,
      unchanged: written ? 1 - rejected : 0,
      rejected,
      problems,
      problems_omitted: 0,
      preview_columns: refused ? [] : ['employee_id', 'full_name', 'role', 'department', 'birth_year'],
      preview: refused
        ? []
        : ['Ada Lovelace', 'Grace Hopper', 'Ned Bad', 'Zoë Müller', 'Alan Turing'].map((full, i) => ({
            line: i + 2,
            cells: [`N${i + 1}`, full, 'Analyst', 'Data', bad && i === 2 ? 'nineteen' : String(1980 + i)],
            rejected: bad && i === 2,
          })),
    };
  }

  let savedMappings: SavedMapping[] = [];

  /**
   * A canned Match columns step: a path whose name contains "vendor" has an HR system's
   * headers (the step shows); any other is in Upskill's own format (straight to the preview).
   */
  function importColumns(kind: ImportKind, path: string): ImportColumns {
    const name = path.split(/[\\/]/).pop() ?? path;
    if (name.includes('nofile')) fail('io', `${path}: No such file or directory (os error 2)`);
    const vendor = name.includes('vendor') && kind === 'employees';
    const headers = vendor
      ? ['Staff No', 'Given', 'Family', 'Function', 'Dept', 'Joined', 'State']
      : ['employee_id', 'full_name', 'role', 'department'];
    const samples: Record<string, string[]> = {
      'Staff No': ['A-001', 'A-002'],
      Given: ['Ada', 'Grace'],
      Family: ['Lovelace', 'Hopper'],
      Function: ['Analyst', 'Engineer'],
      Dept: ['Data', 'Ops'],
      Joined: ['15/03/2015', '01/02/2019'],
      State: ['Current', 'Gone'],
    };
    const fields = ['employee_id', 'full_name', 'role', 'department', 'email', 'manager_id', 'birth_year', 'hire_date', 'location', 'active'];
    const known: Record<string, string> = vendor ? { department: 'Dept', hire_date: 'Joined' } : { employee_id: 'employee_id', full_name: 'full_name', role: 'role', department: 'department' };
    return {
      kind,
      header_line: 1,
      columns: headers.map((h, i) => ({ name: h, letter: String.fromCharCode(65 + i), samples: samples[h] ?? ['x'], recognised: null })),
      fields,
      required: ['employee_id', 'full_name', 'role', 'department'],
      mapping: Object.entries(known).map(([field, column]) => ({
        field,
        columns: [column],
        letters: [String.fromCharCode(65 + headers.indexOf(column))],
        value: null,
        chosen: vendor ? 'recognised' : 'own name',
        reads: null,
      })),
      draft: {
        name: null,
        header_row: null,
        fields: fields.map((field) => ({ field, columns: known[field] ? [known[field]] : [], value: null, values: [], format: null, matching: null })),
        keep_column: null,
        keep_values: [],
        unknown_employee: null,
        unknown_program: null,
        unknown_manager: null,
      },
      words: vendor ? [{ word: 'Current', rows: 4, reading: null }, { word: 'Gone', rows: 1, reading: null }] : [],
      ambiguous_dates: vendor ? [{ field: 'hire_date', example: '01/02/2019', line: 3 }] : [],
      questions: vendor ? ["no column looks like employee_id; choose one", "no column looks like full_name; choose one"] : [],
      suggestion: '',
    };
  }

  const handlers: Record<string, (args: Record<string, unknown>) => unknown> = {
    'plugin:dialog|open': () => '/home/you/Downloads/hr-export.csv',
    'plugin:dialog|save': (a) => `/home/you/Documents/${String((a.options as { defaultPath?: string }).defaultPath ?? 'export.csv')}`,
    import_preview: (a) => importReport(a.kind as ImportKind, a.path as string, true, false),
    import_file: (a) => importReport(a.kind as ImportKind, a.path as string, false, a.skip_invalid as boolean),
    cancel_import: () => null,
    save_import_template: () => null,
    import_columns: (a) => importColumns(a.kind as ImportKind, a.path as string),
    mapping_toml: (a) => `version = 1\nkind = "${String(a.kind)}"\n# (mock) ${JSON.stringify(a.draft)}\n`,
    list_mappings: () => savedMappings,
    matching_mappings: (a) =>
      savedMappings.filter((m) => m.kind === a.kind && m.headers.join('\u0000') === (a.headers as string[]).join('\u0000')),
    save_mapping: (a) => {
      const now = new Date().toISOString().slice(0, 19) + 'Z';
      const saved: SavedMapping = {
        name: a.name as string,
        kind: a.kind as ImportKind,
        toml: a.toml as string,
        headers: a.headers as string[],
        created_at: now,
        updated_at: now,
      };
      savedMappings = [saved, ...savedMappings.filter((m) => m.name !== saved.name)];
      return saved;
    },
    delete_mapping: (a) => {
      if (!savedMappings.some((m) => m.name === a.name)) fail('not_found', `there is no saved mapping named '${String(a.name)}'`);
      savedMappings = savedMappings.filter((m) => m.name !== a.name);
      return null;
    },
    export_table: (a) => ({
      path: a.path,
      rows: a.table === 'employees' ? db.employees.length : a.table === 'programs' ? db.programs.length : db.completions.length,
    }),
    app_info: () => ({ db_path: '/home/you/.local/share/upskill/upskill.sqlite3 (mock)', version: '0.1.0-mock', commit: 'mock' }),
    stats: () => ({
      employees_active: db.employees.filter((e) => e.active).length,
      employees_inactive: db.employees.filter((e) => !e.active).length,
      programs: db.programs.filter((p) => !p.retired).length,
      programs_retired: db.programs.filter((p) => p.retired).length,
      completions: db.completions.length,
    }),
    facets: () => ({
      departments: distinct(db.employees.map((e) => e.department)),
      roles: distinct(db.employees.map((e) => e.role)),
      locations: distinct(db.employees.map((e) => e.location)),
      skill_areas: distinct(db.programs.map((p) => p.skill_area)),
    }),
    list_employees: (a) => listEmployees(a.query as EmployeeQuery),
    search_people: (a) => searchPeople(a.text as string, a.limit as number),
    get_employee: (a) => viewEmployee(employee(a.employee_id as string)),
    create_employee: (a) => {
      const input = a.input as EmployeeInput;
      checkEmployee(input);
      if (db.employees.some((e) => e.employee_id === input.employee_id)) {
        fail('conflict', `An employee with ID ${input.employee_id} already exists.`, [
          { field: 'employee_id', message: 'is already taken' },
        ]);
      }
      db.employees.push({ ...input });
      return viewEmployee(employee(input.employee_id));
    },
    update_employee: (a) => {
      const input = a.input as EmployeeInput;
      const current = employee(input.employee_id);
      checkEmployee(input);
      Object.assign(current, input);
      return viewEmployee(current);
    },
    set_employee_active: (a) => {
      const current = employee(a.employee_id as string);
      current.active = a.active as boolean;
      return viewEmployee(current);
    },
    list_programs: (a) => db.programs.filter((p) => a.include_retired || !p.retired).map(viewProgram),
    create_program: (a) => {
      const input = a.input as ProgramInput;
      if (db.programs.some((p) => p.program_id === input.program_id)) {
        fail('conflict', `A program with ID ${input.program_id} already exists.`, [{ field: 'program_id', message: 'is already taken' }]);
      }
      db.programs.push({ ...input, retired: false });
      return viewProgram(program(input.program_id));
    },
    update_program: (a) => {
      const input = a.input as ProgramInput;
      const current = program(input.program_id);
      Object.assign(current, input);
      return viewProgram(current);
    },
    set_program_retired: (a) => {
      const current = program(a.program_id as string);
      current.retired = a.retired as boolean;
      return viewProgram(current);
    },
    list_completions: (a) => {
      const q = a.query as CompletionQuery;
      const rows = db.completions
        .filter((c) => !q.employee_id || c.employee_id === q.employee_id)
        .filter((c) => !q.program_id || c.program_id === q.program_id)
        .sort(newestFirst);
      return { rows: rows.slice(q.offset, q.offset + q.limit).map(viewCompletion), total: rows.length };
    },
    employee_history: (a) =>
      db.completions.filter((c) => c.employee_id === employee(a.employee_id as string).employee_id).sort(newestFirst).map(viewCompletion),
    log_completion: (a) => {
      const input = a.input as CompletionInput;
      const fields: FieldProblem[] = [];
      if (!db.employees.some((e) => e.employee_id === input.employee_id)) {
        fields.push({ field: 'employee_id', message: `no employee with ID ${input.employee_id}` });
      }
      if (input.score !== null && (input.score < 0 || input.score > 100)) fields.push({ field: 'score', message: 'must be between 0 and 100' });
      invalid(fields);
      program(input.program_id);
      const stored = { ...input, id: nextCompletionId++ };
      db.completions.push(stored);
      return viewCompletion(stored);
    },
    log_cohort: (a) => {
      const input = a.input as CohortInput;
      program(input.program_id);
      let logged = 0;
      let already = 0;
      for (const id of input.employee_ids) employee(id);
      for (const employee_id of input.employee_ids) {
        const exists = db.completions.some(
          (c) => c.employee_id === employee_id && c.program_id === input.program_id && c.completed_on === input.completed_on,
        );
        if (exists) already++;
        else {
          db.completions.push({ id: nextCompletionId++, employee_id, program_id: input.program_id, completed_on: input.completed_on, score: input.score, certificate_id: null });
          logged++;
        }
      }
      return { logged, already_logged: already };
    },
    delete_completion: (a) => {
      const index = db.completions.findIndex((c) => c.id === a.id);
      if (index < 0) fail('not_found', `No completion with id ${String(a.id)}.`);
      db.completions.splice(index, 1);
      return null;
    },
    // Start-up and backups. `?damaged`, `?locked`, `?too_new` show the recovery screen;
    // `?synced` the location warning.
    startup_status: () => {
      const params = new URLSearchParams(window.location.search);
      const dbPath = '/home/you/.local/share/upskill/upskill.db';
      const problemKind = (['damaged', 'locked', 'too_new'] as const).find((k) => params.has(k));
      const messages = {
        damaged: `${dbPath} is damaged or is not a database (quick_check: *** in database main *** Page 3: btreeInitPage() returns error code 11). The file was left as it is: restore a backup, or choose another file`,
        locked: `${dbPath} is in use by another program (another Upskill window or command?) and stayed locked for 5 seconds; nothing was changed. Close the other program and try again`,
        too_new: `${dbPath} was made by a newer version of Upskill (schema 9, this build knows up to 2); it was not changed. Open it with the newer Upskill`,
      };
      return {
        db_path: dbPath,
        problem: problemKind ? { kind: problemKind, message: messages[problemKind], fields: [] } : null,
        location_warning: params.has('synced')
          ? `${dbPath} is in a Dropbox folder: SQLite's file locking is not reliable there, and syncing can copy a half-written database, which can damage the record. Keep the database on a local disk (the default place), and put backups in the shared folder instead.`
          : null,
        latest_backup: problemKind && !params.has('nobackup') ? '/home/you/.local/share/upskill/backups/upskill.20261129-101500.before-upgrade-1-to-2.db' : null,
      };
    },
    backup_now: (a) => ({ path: a.path as string, bytes: 2_457_600, schema_version: 3, created_at: '2026-11-29T10:15:00' }),
    list_backups: () => [
      { path: '/home/you/.local/share/upskill/backups/upskill.20261130-091200.before-restore.db', file_name: 'upskill.20261130-091200.before-restore.db', bytes: 2_310_144, created_at: '2026-11-30T09:12:00', reason: 'before restore' },
      { path: '/home/you/.local/share/upskill/backups/upskill.20261129-101500.before-upgrade-1-to-2.db', file_name: 'upskill.20261129-101500.before-upgrade-1-to-2.db', bytes: 1_982_464, created_at: '2026-11-29T10:15:00', reason: 'before upgrade from schema 1 to 2' },
    ],
    restore_backup: (a) => ({ db_path: '/home/you/.local/share/upskill/upskill.db', restored_from: a.path as string, schema_version: 2, previous_kept_at: '/home/you/.local/share/upskill/backups/upskill.20261130-091200.before-restore.db', previous_was_damaged: false }),
    restore_latest_backup: () => fail('not_found', 'there is no good automatic backup to restore (mock)'),
    quit_app: () => null,
  };

  mockIPC(async (cmd, payload) => {
    const handler = handlers[cmd] ?? fail('internal', `command ${cmd} not found`);
    // A little latency makes loading states visible, as with a real database.
    await new Promise((resolve) => setTimeout(resolve, 60));
    return handler((payload ?? {}) as Record<string, unknown>);
  });
}

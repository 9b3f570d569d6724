// Canned import steps for the mock: nothing is read or written, the file's name picks what the
// check finds, so every state of the Import page can be looked at in a plain browser.
import type { ImportColumns } from '../../lib/api/bindings/ImportColumns';
import type { ImportKind } from '../../lib/api/bindings/ImportKind';
import type { ImportReport } from '../../lib/api/bindings/ImportReport';
import { fail } from './errors';

/**
 * A canned check of an import file: any path works; one whose name contains "bad" has an
 * invalid row, "missing" is refused as a whole. Nothing is really read or written.
 */
export function importReport(kind: ImportKind, path: string, dryRun: boolean, skipInvalid: boolean): ImportReport {
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

/**
 * A canned Match columns step: a path whose name contains "vendor" has an HR system's
 * headers (the step shows); any other is in Upskill's own format (straight to the preview).
 */
export function importColumns(kind: ImportKind, path: string): ImportColumns {
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


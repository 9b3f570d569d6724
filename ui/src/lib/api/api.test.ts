import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeChannel, tauriCore } from '../testing/tauri';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => tauriCore(invoke));

const api = await import('./index');
const database = await import('./database');

// Braces matter: a function returned from beforeEach is run as teardown, and mockReset returns the mock.
beforeEach(() => {
  invoke.mockReset();
});

describe('command arguments follow docs/ipc.md (snake_case keys)', () => {
  it.each([
    [() => api.appInfo(), 'app_info', undefined],
    [() => api.getEmployee('E1'), 'get_employee', { employee_id: 'E1' }],
    [() => api.setEmployeeActive('E1', false), 'set_employee_active', { employee_id: 'E1', active: false }],
    [() => api.listPrograms(true), 'list_programs', { include_retired: true }],
    [() => api.setProgramRetired('P1', true), 'set_program_retired', { program_id: 'P1', retired: true }],
    [() => api.employeeHistory('E1'), 'employee_history', { employee_id: 'E1' }],
    [() => api.deleteCompletion(7), 'delete_completion', { id: 7 }],
    [() => api.importPreview('completions', '/a.csv', 'day_first'), 'import_preview', { kind: 'completions', path: '/a.csv', date_format: 'day_first', mapping: null }],
    [() => api.cancelImport(), 'cancel_import', undefined],
    [() => api.saveImportTemplate('programs', '/t.csv'), 'save_import_template', { kind: 'programs', path: '/t.csv' }],
    [() => api.exportTable('employees', '/e.csv', 'semicolon'), 'export_table', { table: 'employees', path: '/e.csv', delimiter: 'semicolon' }],
    [() => database.openDatabase('/d/other.db'), 'open_database', { path: '/d/other.db' }],
    [() => database.newDatabase('/d/new.db'), 'new_database', { path: '/d/new.db' }],
    [() => database.recentDatabases(), 'recent_databases', undefined],
  ])('%#: calls %s', async (run, command, args) => {
    invoke.mockResolvedValue(null);
    await run();
    expect(invoke).toHaveBeenCalledWith(command, args);
  });

  it('wraps structured inputs under `query` / `input`', async () => {
    invoke.mockResolvedValue({ rows: [], total: 0 });
    const query = {
      search: null, department: 'Ops', role: null, manager_id: null, include_inactive: false,
      sort: 'full_name', descending: false, offset: 0, limit: 50,
    } as const;
    await api.listEmployees(query);
    expect(invoke).toHaveBeenCalledWith('list_employees', { query });
    const cohort = { program_id: 'P1', completed_on: '2024-05-01', score: null, employee_ids: ['E1'] };
    await api.logCohort(cohort);
    expect(invoke).toHaveBeenLastCalledWith('log_cohort', { input: cohort });
  });
});

describe('import_file', () => {
  it('sends the progress channel as on_progress and hands its messages to the caller', async () => {
    invoke.mockImplementation((_command: string, args: { on_progress: FakeChannel }) => {
      args.on_progress.onmessage({ phase: 'checking', rows: 1, bytes_read: 1, total_bytes: 2 });
      return Promise.resolve({ outcome: 'imported' });
    });
    const heard: unknown[] = [];
    await api.importFile('employees', '/e.csv', { skip_invalid: true, date_format: 'iso' }, (p) => heard.push(p));
    expect(invoke).toHaveBeenCalledWith('import_file', {
      kind: 'employees',
      path: '/e.csv',
      skip_invalid: true,
      date_format: 'iso',
      mapping: null,
      on_progress: expect.any(FakeChannel),
    });
    expect(heard).toEqual([{ phase: 'checking', rows: 1, bytes_read: 1, total_bytes: 2 }]);
  });
});

describe('errors', () => {
  it('keeps the core error shape', async () => {
    invoke.mockRejectedValue({
      kind: 'invalid',
      message: 'birth_year: too early; email: not an email',
      fields: [
        { field: 'birth_year', message: 'too early' },
        { field: 'email', message: 'not an email' },
      ],
    });
    const error = await api.createEmployee({} as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(api.ApiError);
    expect((error as InstanceType<typeof api.ApiError>).kind).toBe('invalid');
    expect(api.fieldErrors(error)).toEqual({ birth_year: 'too early', email: 'not an email' });
  });

  it('joins several problems on one field', () => {
    const error = api.toApiError({
      kind: 'invalid', message: 'x',
      fields: [{ field: 'a', message: 'One.' }, { field: 'a', message: 'Two.' }],
    });
    expect(api.fieldErrors(error)).toEqual({ a: 'One. Two.' });
  });

  it("normalises Tauri's string errors and exceptions", () => {
    expect(api.toApiError('command foo not found')).toMatchObject({ kind: 'internal', message: 'command foo not found', fields: [] });
    expect(api.toApiError(new TypeError('boom'))).toMatchObject({ kind: 'internal', message: 'boom' });
    expect(api.toApiError(undefined).message).toBeTruthy();
    expect(api.toApiError({ kind: 'weird', message: 'm' }).kind).toBe('internal');
    expect(api.toApiError({ kind: 'conflict', message: 'taken' })).toMatchObject({ kind: 'conflict', fields: [] });
    expect(api.errorMessage({ kind: 'not_found', message: 'No employee E9', fields: [] })).toBe('No employee E9');
  });
});

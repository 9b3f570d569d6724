// The Import page's flow with the Rust commands and the native dialog mocked: check → preview →
// confirm (or cancel) → progress → summary. The real thing runs end to end in tests/e2e.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeChannel, nativeDialogs, tauriCore } from '../testing/tauri';
import type { ImportColumns, ImportProgress, ImportReport, SavedMapping } from '../api';

const invoke = vi.fn();
/** The Match columns step's commands, apart from `invoke` so the flow's call counts stay as they were. */
const stepInvoke = vi.fn();
const STEP = new Set(['import_columns', 'matching_mappings', 'mapping_toml', 'save_mapping']);
const chooseFileToOpen = vi.fn();
const chooseFileToSave = vi.fn();

vi.mock('@tauri-apps/api/core', () =>
  tauriCore((command: string, args?: unknown) => (STEP.has(command) ? stepInvoke(command, args) : invoke(command, args))),
);
vi.mock('../api/dialogs', () => nativeDialogs({ chooseFileToOpen, chooseFileToSave }));

// jsdom has <dialog> without its modal methods.
HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
  this.open = true;
};
HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
  this.open = false;
};

const { default: ImportPage } = await import('./ImportPage.svelte');
const { toasts } = await import('../components/toast.svelte');
const { consumeRun, importRun } = await import('./importRun.svelte');

function report(over: Partial<ImportReport> = {}): ImportReport {
  return {
    kind: 'employees',
    file: '/data/people.csv',
    encoding: 'windows1252',
    bom: false,
    delimiter: 'semicolon',
    date_format: 'iso',
    dry_run: true,
    outcome: 'dry_run',
    columns: ['employee_id', 'full_name', 'role', 'department', 'shoe_size'],
    ignored_columns: ['shoe_size'],
    warnings: ['column "shoe_size" is not one of the employees columns; it was ignored'],
    rows: 3,
    inserted: 2,
    updated: 1,
    unchanged: 0,
    rejected: 0,
    problems: [],
    problems_omitted: 0,
    preview_columns: ['employee_id', 'full_name', 'role', 'department'],
    preview: [
      { line: 2, cells: ['E1', 'Zoë Müller', 'Analyst', 'Data'], rejected: false },
      { line: 3, cells: ['E2', 'Bo', 'Analyst', 'Data'], rejected: false },
      { line: 4, cells: ['E3', 'Cy', 'Analyst', 'Data'], rejected: false },
    ],
    header_line: 1,
    mapping: [],
    mapping_name: null,
    notes: [],
    skipped: 0,
    ...over,
  };
}

const FIELDS = ['employee_id', 'full_name', 'role', 'department', 'email', 'manager_id', 'birth_year', 'hire_date', 'location', 'active'];

/** What import_columns says of a file: Upskill's own format unless `vendor`. */
function columnsOf(vendor: boolean): ImportColumns {
  const headers = vendor ? ['Staff No', 'Given', 'Family', 'Function', 'Dept', 'Joined', 'State'] : ['employee_id', 'full_name', 'role', 'department'];
  const known: Record<string, string> = vendor ? { department: 'Dept' } : { employee_id: 'employee_id', full_name: 'full_name', role: 'role', department: 'department' };
  return {
    kind: 'employees',
    header_line: 1,
    columns: headers.map((name, i) => ({ name, letter: String.fromCharCode(65 + i), samples: name === 'State' ? ['Current', 'Gone'] : [`${name} 1`], recognised: null })),
    fields: FIELDS,
    required: ['employee_id', 'full_name', 'role', 'department'],
    mapping: Object.entries(known).map(([field, column]) => ({ field, columns: [column], letters: ['A'], value: null, chosen: vendor ? 'recognised' : 'own name', reads: null })),
    draft: {
      name: null,
      header_row: null,
      fields: FIELDS.map((field) => ({ field, columns: known[field] ? [known[field]] : [], value: null, values: [], format: null, matching: null })),
      keep_column: null,
      keep_values: [],
      unknown_employee: null,
      unknown_program: null,
      unknown_manager: null,
    },
    words: vendor ? [{ word: 'Current', rows: 2, reading: null }, { word: 'Gone', rows: 1, reading: null }] : [],
    ambiguous_dates: vendor ? [{ field: 'hire_date', example: '15/03/2015', line: 2 }] : [],
    questions: vendor ? ['no column looks like employee_id'] : [],
    suggestion: '',
  };
}

const withBadRow = (): ImportReport =>
  report({
    outcome: 'rejected',
    inserted: 1,
    rejected: 1,
    problems: [{ file: '/data/people.csv', line: 3, column: 'email', message: "'bo@' is not an email address" }],
    preview: [
      { line: 2, cells: ['E1', 'Zoë Müller', 'Analyst', 'Data'], rejected: false },
      { line: 3, cells: ['E2', 'Bo', 'Analyst', 'Data'], rejected: true },
      { line: 4, cells: ['E3', 'Cy', 'Analyst', 'Data'], rejected: false },
    ],
  });

const text = (testid: string): string => screen.getByTestId(testid).textContent?.trim() ?? '';

async function checkFile(path = '/data/people.csv'): Promise<void> {
  await fireEvent.input(screen.getByLabelText('CSV file'), { target: { value: path } });
  await fireEvent.click(screen.getByTestId('import-check'));
  await screen.findByTestId('import-preview');
}

beforeEach(() => {
  invoke.mockReset();
  stepInvoke.mockReset();
  stepInvoke.mockImplementation((command: string) =>
    command === 'import_columns' ? Promise.resolve(columnsOf(false)) : command === 'matching_mappings' ? Promise.resolve([]) : Promise.resolve(null),
  );
  chooseFileToOpen.mockReset();
  chooseFileToSave.mockReset();
  toasts.splice(0);
  // An import left running by a test would be found by the next test's page.
  const left = importRun();
  if (left) consumeRun(left);
});

describe('ImportPage', () => {
  it('checks a typed path and shows what importing would do', async () => {
    invoke.mockResolvedValue(report());
    render(ImportPage);
    expect((screen.getByTestId('import-check') as HTMLButtonElement).disabled).toBe(true);
    await checkFile();
    expect(invoke).toHaveBeenCalledWith('import_preview', { kind: 'employees', path: '/data/people.csv', date_format: 'iso', mapping: null });
    expect([text('import-count-new'), text('import-count-updated'), text('import-count-unchanged'), text('import-count-invalid')]).toEqual([
      '2',
      '1',
      '0',
      '0',
    ]);
    expect(text('import-encoding')).toBe('Windows-1252');
    expect(text('import-delimiter')).toBe('Semicolon ( ; )');
    expect(text('import-warnings')).toContain('shoe_size');
    expect(screen.getAllByTestId('import-preview-row')).toHaveLength(3);
    expect(screen.queryByTestId('import-problem')).toBeNull();
    expect(text('import-confirm')).toBe('Import 3 rows');
  });

  it('imports with progress and ends on a summary linking to the list', async () => {
    invoke.mockResolvedValueOnce(report());
    render(ImportPage);
    await checkFile();

    let finish: (r: ImportReport) => void = () => undefined;
    invoke.mockImplementationOnce((_cmd: string, args: { on_progress: FakeChannel<ImportProgress> }) => {
      args.on_progress.onmessage({ phase: 'writing', rows: 2, bytes_read: 50, total_bytes: 100 });
      return new Promise<ImportReport>((resolve) => (finish = resolve));
    });
    await fireEvent.click(screen.getByTestId('import-confirm'));
    expect(invoke).toHaveBeenLastCalledWith(
      'import_file',
      expect.objectContaining({ kind: 'employees', path: '/data/people.csv', skip_invalid: false, date_format: 'iso' }),
    );
    const bar = await screen.findByTestId('import-progress');
    expect(bar.textContent).toContain('Writing… 2 rows');
    expect((bar.querySelector('progress') as HTMLProgressElement).value).toBeCloseTo(0.75);

    finish(report({ dry_run: false, outcome: 'imported' }));
    const summary = await screen.findByTestId('import-summary');
    expect(summary.textContent).toContain('Imported 3 employees from people.csv: 2 added, 1 updated.');
    expect(text('import-summary-new')).toBe('2');
    expect(within(summary).getByTestId('import-open-list').getAttribute('href')).toBe('#/employees');
    expect(screen.queryByTestId('import-preview')).toBeNull();
  });

  it('lists problems by line and imports the valid rows only after confirming', async () => {
    invoke.mockResolvedValueOnce(withBadRow());
    render(ImportPage);
    await checkFile();
    const problems = screen.getAllByTestId('import-problem');
    expect(problems).toHaveLength(1);
    expect(problems[0]?.textContent).toContain('Line 3');
    expect(problems[0]?.textContent).toContain("'bo@' is not an email address");
    expect(text('import-count-invalid')).toBe('1');
    expect(screen.getAllByTestId('import-preview-row').map((r) => r.dataset.rejected)).toEqual(['false', 'true', 'false']);

    expect(text('import-confirm')).toBe('Import the 2 valid rows, skip 1 invalid');
    await fireEvent.click(screen.getByTestId('import-confirm'));
    expect(invoke).toHaveBeenCalledTimes(1); // nothing yet: a dialog asks first
    invoke.mockResolvedValueOnce({ ...withBadRow(), dry_run: false, outcome: 'imported' });
    await fireEvent.click(await screen.findByTestId('confirm'));
    expect(invoke).toHaveBeenCalledWith('import_file', expect.objectContaining({ skip_invalid: true }));
    const summary = await screen.findByTestId('import-summary');
    expect(within(summary).getByTestId('import-problem').textContent).toContain('Line 3');
  });

  it('cancels back to the start without writing', async () => {
    invoke.mockResolvedValueOnce(withBadRow());
    render(ImportPage);
    await checkFile();
    await fireEvent.click(screen.getByTestId('import-cancel'));
    expect(screen.queryByTestId('import-preview')).toBeNull();
    expect(invoke).toHaveBeenCalledTimes(1);
    expect(invoke).not.toHaveBeenCalledWith('import_file', expect.anything());
  });

  it('cancels a running import in the core and goes back to the preview, nothing changed', async () => {
    invoke.mockResolvedValueOnce(report());
    render(ImportPage);
    await checkFile();

    let fail: (reason: unknown) => void = () => undefined;
    invoke.mockImplementation((command: string) => {
      if (command === 'import_file') return new Promise((_, reject) => (fail = reject));
      if (command === 'cancel_import') {
        // The core stops the import, rolls back and rejects it.
        queueMicrotask(() => fail({ kind: 'cancelled', message: 'the import was cancelled; nothing was changed', fields: [] }));
        return Promise.resolve(null);
      }
      throw new Error(`unexpected ${command}`);
    });
    await fireEvent.click(screen.getByTestId('import-confirm'));
    await screen.findByTestId('import-progress');
    await fireEvent.click(screen.getByTestId('import-stop'));
    expect(invoke).toHaveBeenCalledWith('cancel_import', undefined);
    expect(await screen.findByTestId('import-notice')).toHaveProperty('textContent', 'Import cancelled. Nothing was changed.');
    expect(screen.queryByTestId('import-progress')).toBeNull();
    expect(screen.queryByTestId('error-banner')).toBeNull();
    // The same preview can be imported again.
    expect((screen.getByTestId('import-confirm') as HTMLButtonElement).disabled).toBe(false);
  });

  it('shows the summary when the import had already committed when Cancel arrived', async () => {
    invoke.mockResolvedValueOnce(report());
    render(ImportPage);
    await checkFile();
    let finish: (r: ImportReport) => void = () => undefined;
    invoke.mockImplementation((command: string) =>
      command === 'import_file' ? new Promise<ImportReport>((resolve) => (finish = resolve)) : Promise.resolve(null),
    );
    await fireEvent.click(screen.getByTestId('import-confirm'));
    await fireEvent.click(await screen.findByTestId('import-stop'));
    expect(text('import-stop')).toBe('Cancelling…');
    expect(screen.getByTestId('import-progress').textContent).toContain('Cancelling');
    finish(report({ dry_run: false, outcome: 'imported' }));
    expect((await screen.findByTestId('import-summary')).textContent).toContain('Imported 3 employees');
  });

  it('keeps a running import when the page is left, and shows it again on coming back', async () => {
    invoke.mockResolvedValueOnce(report());
    const first = render(ImportPage);
    await checkFile();
    let finish: (r: ImportReport) => void = () => undefined;
    invoke.mockImplementation((command: string, args: { on_progress?: FakeChannel<ImportProgress> }) => {
      if (command !== 'import_file') return Promise.resolve(null);
      args.on_progress?.onmessage({ phase: 'writing', rows: 2, bytes_read: 50, total_bytes: 100 });
      return new Promise<ImportReport>((resolve) => (finish = resolve));
    });
    await fireEvent.click(screen.getByTestId('import-confirm'));
    await screen.findByTestId('import-progress');
    first.unmount();

    // Back on the page: the same file, its preview, the progress so far and Cancel.
    render(ImportPage);
    expect((screen.getByLabelText('CSV file') as HTMLInputElement).value).toBe('/data/people.csv');
    expect(screen.getByTestId('import-progress').textContent).toContain('Writing… 2 rows');
    expect(screen.getByTestId('import-preview')).toBeTruthy();
    await fireEvent.click(screen.getByTestId('import-stop'));
    expect(invoke).toHaveBeenCalledWith('cancel_import', undefined);
    expect(text('import-stop')).toBe('Cancelling…');
    finish(report({ dry_run: false, outcome: 'imported' }));
    expect((await screen.findByTestId('import-summary')).textContent).toContain('Imported 3 employees');
    expect(importRun()).toBeNull();
  });

  it('shows how an import ended while the page was closed, once', async () => {
    invoke.mockResolvedValueOnce(report());
    const first = render(ImportPage);
    await checkFile();
    let fail: (reason: unknown) => void = () => undefined;
    invoke.mockImplementation((command: string) =>
      command === 'import_file' ? new Promise((_, reject) => (fail = reject)) : Promise.resolve(null),
    );
    await fireEvent.click(screen.getByTestId('import-confirm'));
    first.unmount();
    fail({ kind: 'cancelled', message: 'cancelled', fields: [] });
    await waitFor(() => expect(importRun()?.outcome).toBeTruthy());

    const second = render(ImportPage);
    expect(text('import-notice')).toBe('Import cancelled. Nothing was changed.');
    expect(screen.queryByTestId('import-progress')).toBeNull();
    second.unmount();
    render(ImportPage);
    expect(screen.queryByTestId('import-notice')).toBeNull();
    expect(screen.queryByTestId('import-preview')).toBeNull();
  });

  it('stops a running check in the core before another can start', async () => {
    let stopCheck: (reason: unknown) => void = () => undefined;
    invoke.mockImplementation((command: string) => {
      if (command === 'import_preview') return new Promise((_, reject) => (stopCheck = reject));
      if (command === 'cancel_import') {
        stopCheck({ kind: 'cancelled', message: 'cancelled', fields: [] });
        return Promise.resolve(null);
      }
      throw new Error(`unexpected ${command}`);
    });
    render(ImportPage);
    await fireEvent.input(screen.getByLabelText('CSV file'), { target: { value: '/data/big.csv' } });
    await fireEvent.click(screen.getByTestId('import-check'));
    await fireEvent.click(screen.getByTestId('import-cancel'));
    expect(invoke).toHaveBeenCalledWith('cancel_import', undefined);
    await waitFor(() => expect((screen.getByTestId('import-check') as HTMLButtonElement).disabled).toBe(false));
    expect(screen.queryByTestId('import-preview')).toBeNull();
    expect(screen.queryByTestId('error-banner')).toBeNull();
  });

  it('drops the preview when the kind changes', async () => {
    invoke.mockResolvedValueOnce(report());
    render(ImportPage);
    await checkFile();
    await fireEvent.change(screen.getByTestId('import-kind'), { target: { value: 'programs' } });
    expect(screen.queryByTestId('import-preview')).toBeNull();
  });

  it('refuses a file the core refused, with nothing to confirm', async () => {
    invoke.mockResolvedValueOnce(
      report({
        outcome: 'rejected',
        rows: 0,
        inserted: 0,
        updated: 0,
        preview: [],
        problems: [{ file: '/data/people.csv', line: 1, column: 'role', message: 'the required column "role" is missing' }],
      }),
    );
    render(ImportPage);
    await checkFile();
    expect(screen.getByTestId('import-refused')).toBeTruthy();
    expect((screen.getByTestId('import-confirm') as HTMLButtonElement).disabled).toBe(true);
    expect(text('import-problem')).toContain('Line 1');
  });

  it('shows a command error in a banner', async () => {
    invoke.mockRejectedValueOnce({ kind: 'io', message: '/nope.csv: No such file or directory', fields: [] });
    render(ImportPage);
    await fireEvent.input(screen.getByLabelText('CSV file'), { target: { value: '/nope.csv' } });
    await fireEvent.click(screen.getByTestId('import-check'));
    const banner = await screen.findByTestId('error-banner');
    expect(banner.textContent).toContain('/nope.csv: No such file or directory');
    expect(screen.queryByTestId('import-preview')).toBeNull();
  });

  it('checks the file chosen in the native dialog at once', async () => {
    chooseFileToOpen.mockResolvedValue('/home/ada/picked.csv');
    invoke.mockResolvedValue(report({ file: '/home/ada/picked.csv' }));
    render(ImportPage);
    await fireEvent.click(screen.getByTestId('import-choose'));
    await screen.findByTestId('import-preview');
    expect((screen.getByLabelText('CSV file') as HTMLInputElement).value).toBe('/home/ada/picked.csv');
    expect(invoke).toHaveBeenCalledWith('import_preview', expect.objectContaining({ path: '/home/ada/picked.csv' }));
  });

  it('saves a template where the save dialog says', async () => {
    chooseFileToSave.mockResolvedValue('/home/ada/programs-template.csv');
    invoke.mockResolvedValue(null);
    render(ImportPage);
    await fireEvent.click(screen.getByTestId('template-programs'));
    await waitFor(() => expect(toasts[0]?.message).toBe('Saved the programs template to /home/ada/programs-template.csv.'));
    expect(chooseFileToSave).toHaveBeenCalledWith('Save the programs template', 'programs-template.csv', expect.any(Array));
    expect(invoke).toHaveBeenCalledWith('save_import_template', { kind: 'programs', path: '/home/ada/programs-template.csv' });
  });

  it('saves no template when the dialog is cancelled', async () => {
    chooseFileToSave.mockResolvedValue(null);
    render(ImportPage);
    await fireEvent.click(screen.getByTestId('template-employees'));
    await waitFor(() => expect(chooseFileToSave).toHaveBeenCalled());
    expect(invoke).not.toHaveBeenCalled();
  });
});

describe('ImportPage: Match columns', () => {
  const acme: SavedMapping = {
    name: 'Acme',
    kind: 'employees',
    toml: 'version = 1\nkind = "employees"\nname = "Acme"\n',
    headers: ['Staff No', 'Given', 'Family', 'Function', 'Dept', 'Joined', 'State'],
    created_at: '2025-01-01T00:00:00Z',
    updated_at: '2025-01-01T00:00:00Z',
  };

  function vendorSteps(saved: SavedMapping[] = []): void {
    stepInvoke.mockImplementation((command: string, args: unknown) => {
      if (command === 'import_columns') {
        const info = columnsOf(true);
        // Read again with a mapping (a refresh, or a saved one): the core's draft follows it.
        if ((args as { mapping: string | null }).mapping !== null) {
          for (const f of info.draft.fields) {
            if (f.field === 'hire_date') f.columns = ['Joined'];
            if (f.field === 'active') f.columns = ['State'];
          }
        }
        return Promise.resolve(info);
      }
      if (command === 'matching_mappings') return Promise.resolve(saved);
      if (command === 'mapping_toml') return Promise.resolve('version = 1\n# built\n');
      if (command === 'save_mapping') return Promise.resolve({ ...acme, toml: 'version = 1\n# built\n' });
      return Promise.resolve(null);
    });
  }

  async function openStep(): Promise<void> {
    await fireEvent.input(screen.getByLabelText('CSV file'), { target: { value: '/data/vendor.csv' } });
    await fireEvent.click(screen.getByTestId('import-check'));
    await screen.findByTestId('import-match');
  }

  const select = (testid: string, value: string) => fireEvent.change(screen.getByTestId(testid), { target: { value } });

  it('goes straight to the preview for a file in Upskill’s own format', async () => {
    invoke.mockResolvedValue(report());
    render(ImportPage);
    await checkFile();
    expect(screen.queryByTestId('import-match')).toBeNull();
    expect(stepInvoke).toHaveBeenCalledWith('import_columns', { kind: 'employees', path: '/data/people.csv', date_format: 'iso', mapping: null });
  });

  it('builds a mapping from the choices, previews and imports with it', async () => {
    vendorSteps();
    invoke.mockResolvedValueOnce(report());
    render(ImportPage);
    await openStep();
    expect(screen.getByTestId('import-match-questions').textContent).toContain('no column looks like employee_id');
    expect(text('import-match-status')).toContain('Still required: Employee ID, Full name, Role.');
    // The columns of dates and of active decide what else is asked: the core reads the file again.
    await select('match-active', 'State');
    await waitFor(() => expect(stepInvoke).toHaveBeenCalledWith('import_columns', expect.objectContaining({ mapping: 'version = 1\n# built\n' })));
    await waitFor(() => expect((screen.getByTestId('match-hire_date') as HTMLSelectElement).value).toBe('Joined'));
    expect(document.activeElement).toBe(screen.getByTestId('match-active'));
    await select('match-employee_id', 'Staff No');
    await select('match-full_name', 'Given');
    await select('match-full_name-join', 'Family');
    await select('match-role', 'Function');
    await select('match-hire_date-format', '%d/%m/%Y');
    await select('match-word-Current', 'true');
    await select('match-word-Gone', 'false');
    expect(screen.getAllByTestId('import-match-word-effect').map((e) => e.textContent)).toEqual(['Current → active', 'Gone → inactive']);
    expect(text('match-full_name-samples')).toContain('Given 1 + Family 1');
    await fireEvent.click(screen.getByTestId('match-continue'));
    await screen.findByTestId('import-preview');
    const [, { draft }] = [...stepInvoke.mock.calls].reverse().find(([c]) => c === 'mapping_toml') as [string, { draft: { fields: { field: string; columns: string[]; values: [string, string][]; format: string | null }[] } }];
    const field = (f: string) => draft.fields.find((d) => d.field === f);
    expect(field('full_name')?.columns).toEqual(['Given', 'Family']);
    expect(field('hire_date')?.format).toBe('%d/%m/%Y');
    expect(field('active')?.values).toEqual([['Current', 'true'], ['Gone', 'false']]);
    expect(invoke).toHaveBeenCalledWith('import_preview', { kind: 'employees', path: '/data/vendor.csv', date_format: 'iso', mapping: 'version = 1\n# built\n' });

    invoke.mockResolvedValueOnce(report({ dry_run: false, outcome: 'imported' }));
    await fireEvent.click(screen.getByTestId('import-confirm'));
    await screen.findByTestId('import-summary');
    expect(invoke).toHaveBeenLastCalledWith('import_file', expect.objectContaining({ mapping: 'version = 1\n# built\n' }));
  });

  it('saves the mapping under a name', async () => {
    vendorSteps();
    render(ImportPage);
    await openStep();
    await fireEvent.input(screen.getByLabelText('Save this mapping as'), { target: { value: ' Acme ' } });
    await fireEvent.click(screen.getByTestId('match-save'));
    await waitFor(() => expect(text('import-match-using')).toContain("Saved the mapping 'Acme'"));
    expect(toasts).toHaveLength(0);
    const call = stepInvoke.mock.calls.find(([c]) => c === 'save_mapping');
    expect(call?.[1]).toEqual({ name: 'Acme', kind: 'employees', toml: 'version = 1\n# built\n', headers: acme.headers });
    const toml = stepInvoke.mock.calls.find(([c]) => c === 'mapping_toml');
    expect((toml?.[1] as { draft: { name: string } }).draft.name).toBe('Acme');
  });

  it('offers a saved mapping for the same header row and uses its text as is', async () => {
    vendorSteps([acme]);
    invoke.mockResolvedValueOnce(report());
    render(ImportPage);
    await openStep();
    expect(screen.getByTestId('import-match-offer').textContent).toContain("This file matches the saved mapping 'Acme'.");
    await fireEvent.click(screen.getByTestId('import-match-use'));
    expect(await screen.findByTestId('import-match-using')).toHaveProperty('textContent', "Using the saved mapping 'Acme'.");
    expect(stepInvoke).toHaveBeenCalledWith('import_columns', expect.objectContaining({ mapping: acme.toml }));
    await fireEvent.click(screen.getByTestId('match-continue'));
    await screen.findByTestId('import-preview');
    expect(invoke).toHaveBeenCalledWith('import_preview', expect.objectContaining({ mapping: acme.toml }));
    expect(stepInvoke).not.toHaveBeenCalledWith('mapping_toml', expect.anything());
  });
});

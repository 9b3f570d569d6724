import { beforeEach, describe, expect, it, vi } from 'vitest';
import { nativeDialogs, tauriCore } from '../testing/tauri';

// The native dialog and the command are mocked: this is the flow between them.
const chooseFileToSave = vi.fn();
const invoke = vi.fn();
vi.mock('../api/dialogs', () => nativeDialogs({ chooseFileToSave }));
vi.mock('@tauri-apps/api/core', () => tauriCore(invoke));

const { exportedMessage, exportToCsv, suggestedExportName } = await import('./exportCsv');
const { updatePreferences } = await import('../settings/preferences');
const { ApiError } = await import('../api');

beforeEach(() => {
  chooseFileToSave.mockReset();
  invoke.mockReset();
  localStorage.clear();
});

// 29 Nov 2026, 23:30 local time: still the 29th here, already the 30th in UTC.
const lateEvening = new Date(2026, 10, 29, 23, 30);

describe('suggestedExportName', () => {
  it('names the table and today in local time', () => {
    expect(suggestedExportName('employees', 'comma', lateEvening)).toBe('employees-2026-11-29.csv');
    expect(suggestedExportName('completions', 'semicolon', lateEvening)).toBe('completions-2026-11-29.csv');
  });

  it('gives tab-separated files the extension spreadsheets expect', () => {
    expect(suggestedExportName('programs', 'tab', lateEvening)).toBe('programs-2026-11-29.tsv');
  });
});

describe('exportedMessage', () => {
  it('names the path and the row count', () => {
    expect(exportedMessage('employees', { path: '/tmp/e.csv', rows: 1240 })).toBe('Exported 1,240 employees to /tmp/e.csv.');
    expect(exportedMessage('programs', { path: 'C:\\x\\p.csv', rows: 1 })).toBe('Exported 1 program to C:\\x\\p.csv.');
  });
});

describe('exportToCsv', () => {
  it('asks where to save, then exports with the delimiter from Settings', async () => {
    updatePreferences({ csvDelimiter: 'semicolon' });
    chooseFileToSave.mockResolvedValue('/home/ada/out.csv');
    invoke.mockResolvedValue({ path: '/home/ada/out.csv', rows: 3 });
    await expect(exportToCsv('employees', lateEvening)).resolves.toEqual({ path: '/home/ada/out.csv', rows: 3 });
    expect(chooseFileToSave).toHaveBeenCalledWith('Export employees', 'employees-2026-11-29.csv');
    expect(invoke).toHaveBeenCalledWith('export_table', { table: 'employees', path: '/home/ada/out.csv', delimiter: 'semicolon' });
  });

  it('writes nothing when the dialog is cancelled', async () => {
    chooseFileToSave.mockResolvedValue(null);
    await expect(exportToCsv('programs', lateEvening)).resolves.toBeNull();
    expect(invoke).not.toHaveBeenCalled();
  });

  it('passes on the core error when the file cannot be written', async () => {
    chooseFileToSave.mockResolvedValue('/read-only/x.csv');
    invoke.mockRejectedValue({ kind: 'io', message: '/read-only/x.csv: permission denied', fields: [] });
    const error = await exportToCsv('completions', lateEvening).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as Error).message).toBe('/read-only/x.csv: permission denied');
  });
});

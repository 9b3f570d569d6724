import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { nativeDialogs, tauriCore } from '../testing/tauri';

const chooseFileToSave = vi.fn();
const invoke = vi.fn();
vi.mock('../api/dialogs', () => nativeDialogs({ chooseFileToSave }));
vi.mock('@tauri-apps/api/core', () => tauriCore(invoke));

const { default: ExportButton } = await import('./ExportButton.svelte');
const { toasts } = await import('../components/toast.svelte');

beforeEach(() => {
  chooseFileToSave.mockReset();
  invoke.mockReset();
  toasts.splice(0);
  localStorage.clear();
});

describe('ExportButton', () => {
  it('exports and confirms where the file went', async () => {
    chooseFileToSave.mockResolvedValue('/home/ada/employees.csv');
    invoke.mockResolvedValue({ path: '/home/ada/employees.csv', rows: 12 });
    render(ExportButton, { table: 'employees' });
    await fireEvent.click(screen.getByTestId('export-csv'));
    await waitFor(() => expect(toasts.map((t) => t.message)).toEqual(['Exported 12 employees to /home/ada/employees.csv.']));
    expect(invoke).toHaveBeenCalledWith('export_table', { table: 'employees', path: '/home/ada/employees.csv', delimiter: 'comma' });
    expect((screen.getByTestId('export-csv') as HTMLButtonElement).disabled).toBe(false);
  });

  it('says nothing when the dialog is cancelled', async () => {
    chooseFileToSave.mockResolvedValue(null);
    render(ExportButton, { table: 'programs' });
    await fireEvent.click(screen.getByTestId('export-csv'));
    await waitFor(() => expect(chooseFileToSave).toHaveBeenCalled());
    expect(invoke).not.toHaveBeenCalled();
    expect(toasts).toHaveLength(0);
  });

  it('shows a failure as an error toast that stays', async () => {
    chooseFileToSave.mockResolvedValue('/nope/c.csv');
    invoke.mockRejectedValue({ kind: 'io', message: '/nope/c.csv: no such directory', fields: [] });
    render(ExportButton, { table: 'completions' });
    await fireEvent.click(screen.getByTestId('export-csv'));
    await waitFor(() => expect(toasts[0]?.kind).toBe('error'));
    expect(toasts[0]?.message).toBe('Could not export the completions: /nope/c.csv: no such directory');
  });
});

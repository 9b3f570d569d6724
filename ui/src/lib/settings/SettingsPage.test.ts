import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { tauriCore } from '../testing/tauri';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => tauriCore(invoke));

const { default: SettingsPage } = await import('./SettingsPage.svelte');
const { csvDelimiter } = await import('./preferences');

beforeEach(() => {
  invoke.mockReset();
  invoke.mockResolvedValue({ db_path: '/tmp/u.db', version: '0.1.0', commit: 'abc1234', schema_version: 5 });
  localStorage.clear();
});

describe('SettingsPage', () => {
  it('keeps the CSV delimiter that exports use', async () => {
    render(SettingsPage);
    const select = screen.getByLabelText('CSV delimiter') as HTMLSelectElement;
    expect(select.value).toBe('comma');
    await fireEvent.change(select, { target: { value: 'semicolon' } });
    expect(csvDelimiter()).toBe('semicolon');
  });

  it('shows the version and the commit of the build (the About box)', async () => {
    invoke.mockResolvedValue({ db_path: '/d/u.db', version: '9.8.7', commit: 'f00dfee', schema_version: 5 });
    render(SettingsPage);
    expect(await screen.findByText('9.8.7')).toHaveProperty('dataset.testid', 'app-version');
    expect(screen.getByTestId('app-commit').textContent).toBe('f00dfee');
    expect(invoke).toHaveBeenCalledWith('app_info', undefined);
  });

  it('shows the saved delimiter when it opens', () => {
    localStorage.setItem('upskill.preferences', JSON.stringify({ csvDelimiter: 'tab' }));
    render(SettingsPage);
    expect((screen.getByTestId('setting-csv-delimiter') as HTMLSelectElement).value).toBe('tab');
  });
});

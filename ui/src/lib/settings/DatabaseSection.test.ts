// Settings → Database with the Rust commands and the native dialogs mocked.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { nativeDialogs, tauriCore } from '../testing/tauri';
import type { AppInfo } from '../api';

const invoke = vi.fn();
const chooseFileToSave = vi.fn();
const chooseFileToOpen = vi.fn();
vi.mock('@tauri-apps/api/core', () => tauriCore(invoke));
vi.mock('../api/dialogs', () => nativeDialogs({ chooseFileToSave, chooseFileToOpen }));

const { default: DatabaseSection } = await import('./DatabaseSection.svelte');

const info = (demo: boolean): AppInfo => ({ db_path: '/d/upskill.db', version: '1', commit: 'c', schema_version: 9, demo });

beforeEach(() => {
  invoke.mockReset();
  chooseFileToSave.mockReset();
  chooseFileToOpen.mockReset();
  invoke.mockImplementation(async (command: string, args: { path?: string } = {}) => {
    if (command === 'recent_databases') return ['/d/other.db'];
    if (command === 'new_database' && args.path === '/d/taken.db') throw { kind: 'conflict', message: '/d/taken.db already exists', fields: [] };
    return args.path ?? '/d/upskill-demo.db';
  });
});

describe('DatabaseSection', () => {
  it('creates a new database where the save dialog says, then reloads onto it', async () => {
    const reload = vi.fn();
    chooseFileToSave.mockResolvedValue('/d/new.db');
    render(DatabaseSection, { info: info(false), reload });
    await fireEvent.click(screen.getByTestId('new-database'));
    await waitFor(() => expect(reload).toHaveBeenCalledTimes(1));
    expect(invoke).toHaveBeenCalledWith('new_database', { path: '/d/new.db' });
  });

  it('says why a switch was refused and stays on the database it has', async () => {
    const reload = vi.fn();
    chooseFileToSave.mockResolvedValue('/d/taken.db');
    render(DatabaseSection, { info: info(false), reload });
    await fireEvent.click(screen.getByTestId('new-database'));
    expect((await screen.findByTestId('database-error')).textContent).toContain('already exists');
    expect(reload).not.toHaveBeenCalled();
  });

  it('does nothing when the dialog is cancelled', async () => {
    const reload = vi.fn();
    chooseFileToOpen.mockResolvedValue(null);
    render(DatabaseSection, { info: info(false), reload });
    await fireEvent.click(screen.getByTestId('open-database'));
    await waitFor(() => expect(chooseFileToOpen).toHaveBeenCalled());
    expect(invoke).not.toHaveBeenCalledWith('open_database', expect.anything());
    expect(reload).not.toHaveBeenCalled();
  });

  it('opens a recent file with one click', async () => {
    const reload = vi.fn();
    render(DatabaseSection, { info: info(false), reload });
    await fireEvent.click(await screen.findByTestId('recent-database'));
    await waitFor(() => expect(reload).toHaveBeenCalled());
    expect(invoke).toHaveBeenCalledWith('open_database', { path: '/d/other.db' });
  });

  it('opens the demo, or leaves it when the demo is open', async () => {
    const reload = vi.fn();
    const view = render(DatabaseSection, { info: info(false), reload });
    expect(screen.queryByTestId('db-demo')).toBeNull();
    await fireEvent.click(screen.getByTestId('settings-demo'));
    await waitFor(() => expect(invoke).toHaveBeenCalledWith('open_demo', undefined));
    view.unmount();
    render(DatabaseSection, { info: info(true), reload });
    expect(screen.getByTestId('db-demo').textContent).toBe('Demo data');
    expect(screen.getByTestId('settings-demo').textContent?.trim()).toBe('Leave demo');
    await fireEvent.click(screen.getByTestId('settings-demo'));
    await waitFor(() => expect(invoke).toHaveBeenCalledWith('leave_demo', undefined));
  });
});

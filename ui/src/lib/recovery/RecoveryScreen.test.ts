// The recovery screen and the start-up gate with the Rust commands and the native dialog mocked.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { nativeDialogs, tauriCore } from '../testing/tauri';
import type { StartupReport } from '../api/bindings/StartupReport';

const invoke = vi.fn();
const chooseFileToOpen = vi.fn();
vi.mock('@tauri-apps/api/core', () => tauriCore(invoke));
vi.mock('../api/dialogs', () => nativeDialogs({ chooseFileToOpen }));

// jsdom has <dialog> without its modal methods.
HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
  this.open = true;
};
HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
  this.open = false;
};

const { default: RecoveryScreen } = await import('./RecoveryScreen.svelte');
const { default: StartupGate } = await import('./StartupGate.svelte');
const { takeNotice } = await import('./notice');

const DB = '/home/ann/.local/share/upskill/upskill.db';
const LATEST = '/home/ann/.local/share/upskill/backups/upskill.20261129-101500.before-upgrade-1-to-2.db';
const damaged = { kind: 'damaged' as const, message: `${DB} is damaged or is not a database (truncated)`, fields: [] };
const restored = { db_path: DB, restored_from: LATEST, schema_version: 1, previous_kept_at: '/k.db', previous_was_damaged: true };

beforeEach(() => {
  invoke.mockReset();
  chooseFileToOpen.mockReset();
  sessionStorage.clear();
});

describe('RecoveryScreen', () => {
  it('says what happened, names the file and says it was not changed', () => {
    render(RecoveryScreen, { problem: damaged, dbPath: DB, latestBackup: LATEST });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('This database file is damaged');
    expect(screen.getByTestId('recovery-message').textContent).toContain(`${DB} is damaged`);
    expect(screen.getByTestId('recovery-path').textContent).toBe(DB);
    expect(screen.getByTestId('recovery').textContent).toContain('has not changed');
    expect(screen.getByTestId('restore-latest').textContent).toContain('upskill.20261129-101500.before-upgrade-1-to-2.db, Nov 29, 2026');
    expect(screen.queryByTestId('retry')).toBeNull();
  });

  it('restores the latest backup only after the confirmation, then reloads', async () => {
    const reload = vi.fn();
    invoke.mockResolvedValue(restored);
    render(RecoveryScreen, { problem: damaged, dbPath: DB, latestBackup: LATEST, reload });
    await fireEvent.click(screen.getByTestId('restore-latest'));
    expect(invoke).not.toHaveBeenCalled();
    expect(screen.getByRole('dialog').textContent).toContain('kept as it is in the backups folder');
    await fireEvent.click(screen.getByTestId('confirm'));
    await waitFor(() => expect(reload).toHaveBeenCalledOnce());
    expect(invoke).toHaveBeenCalledWith('restore_latest_backup', undefined);
    expect(takeNotice()).toContain('The damaged database was kept, unchanged, at /k.db');
  });

  it('shows why a restore failed, in the dialog, and does not reload', async () => {
    const reload = vi.fn();
    invoke.mockRejectedValue({ kind: 'invalid', message: '/x/notes.db is a SQLite database, but not an Upskill one', fields: [] });
    chooseFileToOpen.mockResolvedValue('/x/notes.db');
    render(RecoveryScreen, { problem: damaged, dbPath: DB, latestBackup: null, reload });
    expect(screen.queryByTestId('restore-latest')).toBeNull();
    await fireEvent.click(screen.getByTestId('restore-file'));
    await fireEvent.click(await screen.findByTestId('confirm'));
    expect((await screen.findByRole('alert')).textContent).toContain('not an Upskill one');
    expect(invoke).toHaveBeenCalledWith('restore_backup', { path: '/x/notes.db' });
    expect(reload).not.toHaveBeenCalled();
  });

  it('offers Try again when another program holds the file, and quits on Quit', async () => {
    const reload = vi.fn();
    render(RecoveryScreen, {
      problem: { kind: 'locked', message: `${DB} is in use by another program`, fields: [] },
      dbPath: DB,
      latestBackup: null,
      reload,
    });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('Another program is using');
    await fireEvent.click(screen.getByTestId('retry'));
    expect(reload).toHaveBeenCalledOnce();
    invoke.mockResolvedValue(null);
    await fireEvent.click(screen.getByTestId('quit'));
    expect(invoke).toHaveBeenCalledWith('quit_app', undefined);
  });

  it('says "made by a newer version" for a newer schema', () => {
    render(RecoveryScreen, { problem: { kind: 'too_new', message: `${DB} was made by a newer version`, fields: [] }, dbPath: DB, latestBackup: null });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('made by a newer version of Upskill');
  });
});

describe('StartupGate', () => {
  const app = createRawSnippet(() => ({ render: () => '<p data-testid="the-app">app</p>' }));
  const report = (over: Partial<StartupReport>): StartupReport => ({
    db_path: DB,
    problem: null,
    location_warning: null,
    latest_backup: null,
    ...over,
  });

  it('shows the app when the database opened', async () => {
    invoke.mockResolvedValue(report({}));
    render(StartupGate, { children: app });
    await screen.findByTestId('the-app');
    expect(screen.queryByTestId('recovery')).toBeNull();
    expect(screen.queryByTestId('location-warning')).toBeNull();
  });

  it('shows the recovery screen instead of the app for a damaged database', async () => {
    invoke.mockResolvedValue(report({ problem: damaged, latest_backup: LATEST }));
    render(StartupGate, { children: app });
    await screen.findByTestId('recovery');
    expect(screen.queryByTestId('the-app')).toBeNull();
    expect(screen.getByTestId('restore-latest')).toBeTruthy();
  });

  it('warns about a risky place above the app, until dismissed', async () => {
    invoke.mockResolvedValue(report({ location_warning: `${DB} is in a Dropbox folder: SQLite's file locking is not reliable there` }));
    render(StartupGate, { children: app });
    await screen.findByTestId('the-app');
    expect(screen.getByTestId('location-warning').textContent).toContain('Dropbox');
    await fireEvent.click(screen.getByTestId('location-warning-dismiss'));
    expect(screen.queryByTestId('location-warning')).toBeNull();
  });

  it('shows the note a restore left before the reload', async () => {
    sessionStorage.setItem('upskill.notice', 'Restored from good.db.');
    invoke.mockResolvedValue(report({}));
    const { toasts } = await import('../components/toast.svelte');
    render(StartupGate, { children: app });
    await screen.findByTestId('the-app');
    await waitFor(() => expect(toasts.map((t) => t.message)).toContain('Restored from good.db.'));
  });
});

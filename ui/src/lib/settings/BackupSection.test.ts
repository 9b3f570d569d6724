// Settings → Backups with the Rust commands and the native dialogs mocked.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { nativeDialogs, tauriCore } from '../testing/tauri';
import type { BackupEntry } from '../api/bindings/BackupEntry';

const invoke = vi.fn();
const chooseFileToSave = vi.fn();
vi.mock('@tauri-apps/api/core', () => tauriCore(invoke));
vi.mock('../api/dialogs', () => nativeDialogs({ chooseFileToSave }));

HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
  this.open = true;
};
HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
  this.open = false;
};

const { default: BackupSection } = await import('./BackupSection.svelte');
const { toasts } = await import('../components/toast.svelte');

const BACKUPS: BackupEntry[] = [
  {
    path: '/d/backups/u.20261130-091200.before-restore.db',
    file_name: 'u.20261130-091200.before-restore.db',
    bytes: 2_310_144,
    created_at: '2026-11-30T09:12:00',
    reason: 'before restore',
  },
  {
    path: '/d/backups/u.20261129-101500.before-upgrade-1-to-2.db',
    file_name: 'u.20261129-101500.before-upgrade-1-to-2.db',
    bytes: 1536,
    created_at: '2026-11-29T10:15:00',
    reason: 'before upgrade from schema 1 to 2',
  },
];

function backend(handlers: Record<string, (args: Record<string, unknown>) => unknown>): void {
  invoke.mockImplementation(async (command: string, args: Record<string, unknown> = {}) => {
    const handler = handlers[command];
    if (!handler) throw new Error(`unexpected command ${command}`);
    return handler(args);
  });
}

beforeEach(() => {
  invoke.mockReset();
  chooseFileToSave.mockReset();
  toasts.splice(0);
  sessionStorage.clear();
});

describe('BackupSection', () => {
  it('lists the automatic backups with time, reason and size, and states the rotation policy', async () => {
    backend({ list_backups: () => BACKUPS });
    render(BackupSection);
    const rows = await screen.findAllByTestId('backup-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain('Nov 30, 2026');
    expect(rows[0]?.textContent).toContain('Before restore');
    expect(rows[0]?.textContent).toContain('2.2 MB');
    expect(rows[1]?.textContent).toContain('1.5 KB');
    expect(screen.getByTestId('rotation-policy').textContent).toMatch(/newest 10 automatic backups are kept/);
    expect(screen.getByTestId('rotation-policy').textContent).toMatch(/before every upgrade .* and before every restore/);
  });

  it('says so when there are none', async () => {
    backend({ list_backups: () => [] });
    render(BackupSection);
    expect((await screen.findByTestId('no-backups')).textContent).toContain('No automatic backups yet');
  });

  it('backs up to the file the save dialog returns, suggesting a dated name, and says where and how big', async () => {
    backend({
      list_backups: () => [],
      backup_now: (a) => ({ path: a.path, bytes: 2_457_600, schema_version: 2, created_at: '2026-11-29T10:15:00' }),
    });
    chooseFileToSave.mockResolvedValue('/usb/upskill-backup-2026-11-29.db');
    render(BackupSection);
    await fireEvent.click(screen.getByTestId('backup-now'));
    await waitFor(() => expect(toasts.map((t) => t.message)).toContain('Backed up and checked: /usb/upskill-backup-2026-11-29.db (2.3 MB).'));
    expect(chooseFileToSave.mock.calls[0]?.[1]).toMatch(/^upskill-backup-\d{4}-\d{2}-\d{2}\.db$/);
    expect(invoke).toHaveBeenCalledWith('backup_now', { path: '/usb/upskill-backup-2026-11-29.db' });
  });

  it('does nothing when the save dialog is cancelled, and shows a failed backup as an error', async () => {
    backend({
      list_backups: () => [],
      backup_now: () => {
        throw { kind: 'disk_full', message: 'disk full: there is no space left', fields: [] };
      },
    });
    chooseFileToSave.mockResolvedValueOnce(null);
    render(BackupSection);
    await fireEvent.click(screen.getByTestId('backup-now'));
    await waitFor(() => expect(screen.getByTestId('backup-now').hasAttribute('disabled')).toBe(false));
    expect(invoke).not.toHaveBeenCalledWith('backup_now', expect.anything());

    chooseFileToSave.mockResolvedValueOnce('/full/b.db');
    await fireEvent.click(screen.getByTestId('backup-now'));
    await waitFor(() => expect(toasts.find((t) => t.kind === 'error')?.message).toContain('disk full'));
  });

  it('restores a listed backup after a confirmation that says the current database is kept, then reloads', async () => {
    const reload = vi.fn();
    backend({
      list_backups: () => BACKUPS,
      restore_backup: (a) => ({ db_path: '/d/u.db', restored_from: a.path, schema_version: 1, previous_kept_at: '/d/backups/k.db', previous_was_damaged: false }),
    });
    render(BackupSection, { reload });
    const rows = await screen.findAllByTestId('backup-row');
    await fireEvent.click(within(rows[1] as HTMLElement).getByTestId('backup-restore'));
    const dialog = screen.getByRole('dialog');
    expect(dialog.textContent).toContain('current database is first kept in the backups folder');
    expect(dialog.textContent).toContain('before upgrade from schema 1 to 2');
    expect(invoke).not.toHaveBeenCalledWith('restore_backup', expect.anything());
    await fireEvent.click(within(dialog).getByTestId('confirm'));
    await waitFor(() => expect(reload).toHaveBeenCalledOnce());
    expect(invoke).toHaveBeenCalledWith('restore_backup', { path: BACKUPS[1]?.path });
  });
});

// The backup commands' names and snake_case argument keys, and their errors' kinds.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { tauriCore } from '../testing/tauri';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => tauriCore(invoke));

const backup = await import('./backup');
const { ApiError, toApiError } = await import('./errors');

beforeEach(() => {
  invoke.mockReset();
  invoke.mockResolvedValue(null);
});

describe('backup commands', () => {
  it.each([
    [() => backup.startupStatus(), 'startup_status', undefined],
    [() => backup.backupNow('/b/u.db'), 'backup_now', { path: '/b/u.db' }],
    [() => backup.listBackups(), 'list_backups', undefined],
    [() => backup.restoreBackup('/b/u.db'), 'restore_backup', { path: '/b/u.db' }],
    [() => backup.restoreLatestBackup(), 'restore_latest_backup', undefined],
    [() => backup.quitApp(), 'quit_app', undefined],
  ] as const)('%#: calls %s with its arguments', async (run, command, args) => {
    await run();
    expect(invoke).toHaveBeenCalledWith(command, args);
  });

  it('rejects with the core error, kind and message kept', async () => {
    invoke.mockRejectedValue({ kind: 'damaged', message: '/x/b.db is damaged or is not a database (truncated)', fields: [] });
    const error: unknown = await backup.restoreBackup('/x/b.db').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: 'damaged', message: '/x/b.db is damaged or is not a database (truncated)' });
  });

  it('keeps every start-up and storage kind (not "internal")', () => {
    for (const kind of ['damaged', 'locked', 'too_new', 'disk_full'] as const) {
      expect(toApiError({ kind, message: 'm', fields: [] }).kind).toBe(kind);
    }
  });
});

// Backups, restore and the start-up check (docs/ipc.md conventions: snake_case argument keys,
// rejections normalised to ApiError). Like client.ts, one of the few places that call invoke().
import { invoke } from '@tauri-apps/api/core';
import type { FileFilter } from './dialogs';
import { toApiError } from './errors';
import type { BackupEntry } from './bindings/BackupEntry';
import type { BackupInfo } from './bindings/BackupInfo';
import type { RestoreInfo } from './bindings/RestoreInfo';
import type { StartupReport } from './bindings/StartupReport';

export type { BackupEntry, BackupInfo, RestoreInfo, StartupReport };

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toApiError(reason);
  }
}

/** What the window shows first: the database, why it did not open (if so), and what could fix it. */
export const startupStatus = (): Promise<StartupReport> => call('startup_status');

/** Writes a verified copy of the database to `path` (replaced only by a complete copy). */
export const backupNow = (path: string): Promise<BackupInfo> => call('backup_now', { path });

/** The automatic backups in `backups/` beside the database, newest first. */
export const listBackups = (): Promise<BackupEntry[]> => call('list_backups');

/**
 * Replaces the database with the backup at `path`, after checking it; the current database is
 * kept in `backups/` first. The shell reopens the database: reload the window afterwards.
 */
export const restoreBackup = (path: string): Promise<RestoreInfo> => call('restore_backup', { path });

/** [`restoreBackup`] with the newest automatic backup that passes the checks. */
export const restoreLatestBackup = (): Promise<RestoreInfo> => call('restore_latest_backup');

/** Ends Upskill, leaving the database file as it is. */
export const quitApp = (): Promise<null> => call('quit_app');

/** What the open and save dialogs offer for backups. */
export const BACKUP_FILTERS: readonly FileFilter[] = [
  { name: 'Upskill databases', extensions: ['db', 'sqlite', 'sqlite3'] },
  { name: 'All files', extensions: ['*'] },
];

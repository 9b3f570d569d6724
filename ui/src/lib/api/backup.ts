// Backups, restore and the start-up check: the generated commands and what the dialogs offer.
import { DATABASE_FILTERS } from './database';
import type { BackupEntry } from './bindings/BackupEntry';
import type { BackupInfo } from './bindings/BackupInfo';
import type { RestoreInfo } from './bindings/RestoreInfo';
import type { StartupReport } from './bindings/StartupReport';

export type { BackupEntry, BackupInfo, RestoreInfo, StartupReport };
// The commands themselves are generated (commands.ts) with their documentation.
export { startupStatus, backupNow, listBackups, restoreBackup, restoreLatestBackup, quitApp } from './commands';

/** What the open and save dialogs offer for backups: database files. */
export const BACKUP_FILTERS = DATABASE_FILTERS;

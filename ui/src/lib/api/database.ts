// Which database file the window works on: open another, create a new one, the recent files,
// the demo in its own file. Each switch resolves to the path now open; the window then reloads.
import type { FileFilter } from './dialogs';

export { openDatabase, newDatabase, recentDatabases, openDemo, leaveDemo } from './commands';

/** What the open and save dialogs offer for database files (backups are databases too). */
export const DATABASE_FILTERS: readonly FileFilter[] = [
  { name: 'Upskill databases', extensions: ['db', 'sqlite', 'sqlite3'] },
  { name: 'All files', extensions: ['*'] },
];

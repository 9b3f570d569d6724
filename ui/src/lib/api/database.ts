// Which database file the window works on: open another, create a new one, the recent files.
// Until the app can switch files while running, open and new reject with kind `unsupported`.
export { openDatabase, newDatabase, recentDatabases } from './commands';

// Which database file the window works on: open another, create a new one, the recent files.
// Like client.ts, one of the few places that call invoke(); rejections become ApiError. Until the
// app can switch files while running, open and new reject with kind `unsupported`.
import { invoke } from '@tauri-apps/api/core';
import { toApiError } from './errors';

const run = <T>(command: string, args?: Record<string, unknown>): Promise<T> =>
  invoke<T>(command, args).catch((reason: unknown) => Promise.reject(toApiError(reason)));

export const openDatabase = (path: string): Promise<void> => run('open_database', { path });
export const newDatabase = (path: string): Promise<void> => run('new_database', { path });
export const recentDatabases = (): Promise<string[]> => run('recent_databases');

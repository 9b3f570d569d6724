// The native open / save dialogs (tauri-plugin-dialog). Like client.ts, the only place that
// talks to the plugin: pages ask for a path and get a plain string, or null when the user
// cancelled. The dialogs only pick paths; reading and writing files is left to Rust commands.
import { open, save } from '@tauri-apps/plugin-dialog';
import { toApiError } from './errors';

export interface FileFilter {
  name: string;
  extensions: string[];
}

/** What Upskill reads and writes: CSV, and the tab-separated and text files spreadsheets save. */
export const CSV_FILTERS: readonly FileFilter[] = [
  { name: 'CSV files', extensions: ['csv', 'tsv', 'txt'] },
  { name: 'All files', extensions: ['*'] },
];

/** Asks for one existing file to read. Null when the dialog was cancelled. */
export async function chooseFileToOpen(title: string, filters: readonly FileFilter[] = CSV_FILTERS): Promise<string | null> {
  try {
    const picked = await open({ title, multiple: false, directory: false, filters: filters.map((f) => ({ ...f })) });
    return typeof picked === 'string' ? picked : null;
  } catch (reason) {
    throw toApiError(reason);
  }
}

/**
 * Asks where to save a file, suggesting `defaultName` (a bare name opens the dialog in the
 * last-used folder). Null when the dialog was cancelled.
 */
export async function chooseFileToSave(
  title: string,
  defaultName: string,
  filters: readonly FileFilter[] = CSV_FILTERS,
): Promise<string | null> {
  try {
    const picked = await save({ title, defaultPath: defaultName, filters: filters.map((f) => ({ ...f })) });
    return picked ?? null;
  } catch (reason) {
    throw toApiError(reason);
  }
}

// The native open / save dialogs (tauri-plugin-dialog). Like client.ts, the only place that
// talks to the plugin: pages ask for a path and get a plain string, or null when the user
// cancelled. The dialogs only pick paths; reading and writing files is left to Rust commands.
import { dirname, documentDir, join } from '@tauri-apps/api/path';
import { open, save } from '@tauri-apps/plugin-dialog';
import { loadPreferences, updatePreferences } from '../settings/preferences';
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
 * Where a save dialog starts: the folder the user last saved into, else Documents. Null when
 * neither is known (the dialog then picks, which may be the process's working directory).
 */
async function saveFolder(): Promise<string | null> {
  const last = loadPreferences().lastFolder;
  if (last) return last;
  try {
    return await documentDir();
  } catch {
    return null;
  }
}

/**
 * Asks where to save a file, suggesting `defaultName` in the last folder used (or Documents),
 * and remembers the chosen folder for next time. Null when the dialog was cancelled.
 */
export async function chooseFileToSave(
  title: string,
  defaultName: string,
  filters: readonly FileFilter[] = CSV_FILTERS,
): Promise<string | null> {
  try {
    const folder = await saveFolder();
    const defaultPath = folder ? await join(folder, defaultName) : defaultName;
    const picked = await save({ title, defaultPath, filters: filters.map((f) => ({ ...f })) });
    if (picked) {
      // Best effort: a folder we cannot work out only means Documents next time.
      await dirname(picked)
        .then((lastFolder) => updatePreferences({ lastFolder }))
        .catch(() => undefined);
    }
    return picked ?? null;
  } catch (reason) {
    throw toApiError(reason);
  }
}

/** Asks for a folder to write into, starting in the last folder used (or Documents). */
export async function chooseFolder(title: string): Promise<string | null> {
  try {
    const defaultPath = (await saveFolder()) ?? undefined;
    const picked = await open({ title, multiple: false, directory: true, defaultPath });
    if (typeof picked !== 'string') return null;
    updatePreferences({ lastFolder: picked });
    return picked;
  } catch (reason) {
    throw toApiError(reason);
  }
}

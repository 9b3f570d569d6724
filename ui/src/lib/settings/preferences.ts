// The user's preferences on this computer, kept in localStorage (they are about this desktop,
// not about the record, so they stay out of the database). Typed, validated on read: a value
// from an older version or edited by hand falls back to the default instead of breaking a page.
import type { Delimiter } from '../api';
import type { Option } from '../components/options';
import { isPageSize } from '../components/pager';

export interface Preferences {
  /** The separator every CSV export uses. */
  csvDelimiter: Delimiter;
  /** Rows per page in the employee and completion lists. */
  pageSize: number;
  /** The folder the last save dialog saved into; null: none yet (dialogs start in Documents). */
  lastFolder: string | null;
}

export const DEFAULT_PREFERENCES: Readonly<Preferences> = { csvDelimiter: 'comma', pageSize: 50, lastFolder: null };

export const STORAGE_KEY = 'upskill.preferences';

const DELIMITERS: readonly Delimiter[] = ['comma', 'semicolon', 'tab'];

export const CSV_DELIMITER_OPTIONS: readonly Option[] = [
  { value: 'comma', label: 'Comma ( , )' },
  { value: 'semicolon', label: 'Semicolon ( ; )' },
  { value: 'tab', label: 'Tab' },
];

export function isDelimiter(value: unknown): value is Delimiter {
  return typeof value === 'string' && (DELIMITERS as readonly string[]).includes(value);
}

/** localStorage, or null where it is unavailable (private modes, tests without a DOM). */
function defaultStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function loadPreferences(storage: Storage | null = defaultStorage()): Preferences {
  let stored: unknown = null;
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    stored = raw ? JSON.parse(raw) : null;
  } catch {
    stored = null;
  }
  const record = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  return {
    csvDelimiter: isDelimiter(record.csvDelimiter) ? record.csvDelimiter : DEFAULT_PREFERENCES.csvDelimiter,
    pageSize: isPageSize(record.pageSize) ? record.pageSize : DEFAULT_PREFERENCES.pageSize,
    lastFolder: typeof record.lastFolder === 'string' && record.lastFolder !== '' ? record.lastFolder : null,
  };
}

/** Saves the preferences; false when they could not be stored (they then last this session only). */
export function savePreferences(preferences: Preferences, storage: Storage | null = defaultStorage()): boolean {
  try {
    if (!storage) return false;
    storage.setItem(STORAGE_KEY, JSON.stringify(preferences));
    return true;
  } catch {
    return false;
  }
}

/** Changes one preference and saves them all. */
export function updatePreferences(
  change: Partial<Preferences>,
  storage: Storage | null = defaultStorage(),
): { preferences: Preferences; saved: boolean } {
  const preferences = { ...loadPreferences(storage), ...change };
  return { preferences, saved: savePreferences(preferences, storage) };
}

/** The delimiter exports use now. */
export function csvDelimiter(storage: Storage | null = defaultStorage()): Delimiter {
  return loadPreferences(storage).csvDelimiter;
}

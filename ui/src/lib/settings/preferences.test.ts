import { beforeEach, describe, expect, it } from 'vitest';
import {
  csvDelimiter,
  DEFAULT_PREFERENCES,
  isDelimiter,
  loadPreferences,
  savePreferences,
  STORAGE_KEY,
  updatePreferences,
} from './preferences';

beforeEach(() => {
  localStorage.clear();
});

describe('preferences', () => {
  it('starts from the defaults', () => {
    expect(loadPreferences()).toEqual(DEFAULT_PREFERENCES);
    expect(csvDelimiter()).toBe('comma');
  });

  it('persists the CSV delimiter in localStorage', () => {
    expect(updatePreferences({ csvDelimiter: 'semicolon' }).saved).toBe(true);
    expect(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null')).toEqual({ ...DEFAULT_PREFERENCES, csvDelimiter: 'semicolon' });
    expect(csvDelimiter()).toBe('semicolon');
    updatePreferences({ csvDelimiter: 'tab' });
    expect(loadPreferences().csvDelimiter).toBe('tab');
  });

  it('keeps the page size and the last folder, refusing sizes the lists do not offer', () => {
    updatePreferences({ pageSize: 200, lastFolder: '/home/ana/Reports' });
    expect(loadPreferences()).toMatchObject({ pageSize: 200, lastFolder: '/home/ana/Reports' });
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ pageSize: 7, lastFolder: 3 }));
    expect(loadPreferences()).toMatchObject({ pageSize: 50, lastFolder: null });
  });

  it.each([
    ['not json', '{oops'],
    ['an old or hand-edited value', JSON.stringify({ csvDelimiter: ';' })],
    ['a non-object', JSON.stringify('semicolon')],
    ['null', 'null'],
  ])('falls back to the default on %s', (_, raw) => {
    localStorage.setItem(STORAGE_KEY, raw);
    expect(loadPreferences()).toEqual(DEFAULT_PREFERENCES);
  });

  it('keeps working when storage is unavailable or full', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
    } as unknown as Storage;
    expect(loadPreferences(broken)).toEqual(DEFAULT_PREFERENCES);
    expect(savePreferences({ ...DEFAULT_PREFERENCES, csvDelimiter: 'tab' }, broken)).toBe(false);
    expect(savePreferences({ ...DEFAULT_PREFERENCES, csvDelimiter: 'tab' }, null)).toBe(false);
    expect(loadPreferences(null)).toEqual(DEFAULT_PREFERENCES);
  });

  it('knows the delimiters the core accepts', () => {
    expect(['comma', 'semicolon', 'tab'].every(isDelimiter)).toBe(true);
    expect(isDelimiter(',')).toBe(false);
    expect(isDelimiter(undefined)).toBe(false);
  });
});

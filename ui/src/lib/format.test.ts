import { describe, expect, it } from 'vitest';
import {
  countOf,
  formatDate,
  formatNumber,
  numberLocale,
  formatRange,
  formatValidity,
  parseIsoDate,
  todayIso,
  toIsoDate,
} from './format';

describe('parseIsoDate', () => {
  it('parses as a local calendar date, not UTC midnight', () => {
    // vite.config.ts runs tests in America/Los_Angeles, where UTC parsing would give 29 Feb.
    expect(new Date(2024, 2, 1).getTimezoneOffset()).toBeGreaterThan(0);
    const date = parseIsoDate('2024-03-01');
    expect(date?.getFullYear()).toBe(2024);
    expect(date?.getMonth()).toBe(2);
    expect(date?.getDate()).toBe(1);
  });

  it('rejects malformed and impossible dates', () => {
    expect(parseIsoDate('2023-02-30')).toBeNull();
    expect(parseIsoDate('2024-13-01')).toBeNull();
    expect(parseIsoDate('01/03/2024')).toBeNull();
    expect(parseIsoDate('2024-3-1')).toBeNull();
    expect(parseIsoDate('')).toBeNull();
  });

  it('accepts leap days', () => {
    expect(parseIsoDate('2024-02-29')?.getDate()).toBe(29);
  });
});

describe('toIsoDate / todayIso', () => {
  it('round-trips with parseIsoDate', () => {
    expect(toIsoDate(new Date(2024, 0, 5))).toBe('2024-01-05');
    expect(toIsoDate(parseIsoDate('1999-12-31') as Date)).toBe('1999-12-31');
  });

  it("uses the local day, even late in the evening", () => {
    expect(todayIso(new Date(2024, 5, 30, 23, 30))).toBe('2024-06-30');
  });
});

describe('formatDate', () => {
  it('formats in the given locale with the medium date style', () => {
    expect(formatDate('2024-03-01', 'en-US')).toBe('Mar 1, 2024');
    expect(formatDate('2024-03-01', 'en-GB')).toBe('1 Mar 2024');
    expect(formatDate('2024-03-01', 'de-DE')).toBe('01.03.2024');
  });

  it("defaults to the user's locale", () => {
    const expected = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(2024, 0, 31));
    expect(formatDate('2024-01-31')).toBe(expected);
  });

  it('shows nothing for null and unparseable text as is', () => {
    expect(formatDate(null)).toBe('');
    expect(formatDate('soon')).toBe('soon');
  });
});

describe('numbers', () => {
  it('groups thousands per locale', () => {
    expect(formatNumber(100000, 'en-US')).toBe('100,000');
    expect(formatNumber(1234.5, 'de-DE')).toBe('1.234,5');
    expect(formatNumber(null)).toBe('');
  });

  it('pluralises counts', () => {
    expect(countOf(1, 'month')).toBe('1 month');
    expect(countOf(2, 'month', 'months', 'en-US')).toBe('2 months');
  });

  it('states validity in years when whole', () => {
    expect(formatValidity(null)).toBe('No expiry');
    expect(formatValidity(12, 'en-US')).toBe('1 year');
    expect(formatValidity(36, 'en-US')).toBe('3 years');
    expect(formatValidity(18, 'en-US')).toBe('18 months');
  });

  it('builds pager ranges', () => {
    expect(formatRange(0, 50, 100000, 'en-US')).toBe('1–50 of 100,000');
    expect(formatRange(99950, 50, 100000, 'en-US')).toBe('99,951–100,000 of 100,000');
    expect(formatRange(0, 0, 0, 'en-US')).toBe('0 of 0');
  });
});

describe('numberLocale', () => {
  it('skips locales that do not group thousands and falls back to the user language', () => {
    expect(numberLocale(['C'], ['fr-FR'])).toBe('fr-FR');
    expect(numberLocale(['POSIX', 'und'], [])).toBe('en');
  });
  it('keeps a locale that groups', () => {
    expect(numberLocale(['de-DE'], ['en-US'])).toBe('de-DE');
  });
  it('groups under the C locale', () => {
    expect(formatNumber(96568, 'C')).toBe('96,568');
  });
});

// Display formatting in the user's locale. Dates cross the IPC boundary as ISO `YYYY-MM-DD`
// calendar dates; they are parsed as *local* dates, because `new Date('2024-03-01')` means UTC
// midnight and would show as 29 Feb anywhere west of Greenwich.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD` as a local calendar date; null when it is not a real date. */
export function parseIsoDate(iso: string): Date | null {
  const match = ISO_DATE.exec(iso);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const date = new Date(year, month - 1, day);
  // Reject roll-overs such as 2023-02-30 → 2 March.
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return null;
  return date;
}

/** Formats a local Date as `YYYY-MM-DD` (the IPC date format). */
export function toIsoDate(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${String(date.getFullYear()).padStart(4, '0')}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Today's date where the user is, as `YYYY-MM-DD`. */
export function todayIso(now: Date = new Date()): string {
  return toIsoDate(now);
}

/** `2024-03-01` → "Mar 1, 2024" (en-US) / "1 Mar 2024" (en-GB). Unparseable input is shown as is. */
export function formatDate(iso: string | null | undefined, locale?: string): string {
  if (!iso) return '';
  const date = parseIsoDate(iso);
  if (!date) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date);
}

/** True when the locale is known to Intl and groups thousands (the C / POSIX locale does not). */
const grouping = new Map<string, boolean>();
function groupsThousands(locale: string): boolean {
  let known = grouping.get(locale);
  if (known === undefined) {
    known = probeGrouping(locale);
    grouping.set(locale, known);
  }
  return known;
}
function probeGrouping(locale: string): boolean {
  try {
    if (Intl.NumberFormat.supportedLocalesOf([locale]).length === 0) return false;
    return /\D/.test(new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(1234567));
  } catch {
    return false;
  }
}

/** The browser's languages, most preferred first; empty where there is no navigator (tests). */
function userLanguages(): readonly string[] {
  const nav = (globalThis as { navigator?: { languages?: readonly string[]; language?: string } }).navigator;
  if (nav?.languages && nav.languages.length > 0) return nav.languages;
  return nav?.language ? [nav.language] : [];
}

/**
 * The locale numbers are written in: the first of `candidates` (then the user's languages) that
 * groups thousands, else 'en'. Under the C locale WebKitGTK's default formats 96568 as "96568",
 * which reads as an id, not a count.
 */
export function numberLocale(candidates: readonly (string | undefined)[] = [], languages: readonly string[] = userLanguages()): string {
  for (const candidate of [...candidates, ...languages]) {
    if (candidate && groupsThousands(candidate)) return candidate;
  }
  return 'en';
}

/** Grouped number in the user's locale: 100000 → "100,000", whatever the process locale. */
export function formatNumber(value: number | null | undefined, locale?: string): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  return new Intl.NumberFormat(numberLocale([locale]), { maximumFractionDigits: 2 }).format(value);
}

/** Pluralised count: (1, 'month') → "1 month", (3, 'month') → "3 months". */
export function countOf(count: number, singular: string, plural = `${singular}s`, locale?: string): string {
  return `${formatNumber(count, locale)} ${count === 1 ? singular : plural}`;
}

/** Validity period as people say it: 12 → "1 year", 18 → "18 months", null → "No expiry". */
export function formatValidity(months: number | null, locale?: string): string {
  if (months === null) return 'No expiry';
  if (months > 0 && months % 12 === 0) return countOf(months / 12, 'year', 'years', locale);
  return countOf(months, 'month', 'months', locale);
}

/** Pager label: offset 0, 50 rows, 100000 total → "1–50 of 100,000". */
export function formatRange(offset: number, count: number, total: number, locale?: string): string {
  if (total === 0 || count === 0) return `0 of ${formatNumber(total, locale)}`;
  const first = offset + 1;
  const last = offset + count;
  return `${formatNumber(first, locale)}–${formatNumber(last, locale)} of ${formatNumber(total, locale)}`;
}

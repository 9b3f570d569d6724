// How backups are named and shown: file names, the time an automatic backup was taken, sizes,
// and the name "Back up now" suggests. Pure functions, in the user's locale.
import { toIsoDate } from '../format';

/** The last part of a path, whichever separator it uses: `/a/b/u.db` or `C:\a\u.db` → `u.db`. */
export function fileNameOf(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

// `<stem>.<YYYYMMDD-HHMMSS>.<reason>.db`, as the core names automatic backups (backup.rs).
const STAMP = /\.(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})\.before-[a-z0-9-]+\.db$/;

/** The local time in an automatic backup's file name; null when the name has none. */
export function backupTimeFromName(fileName: string): Date | null {
  const match = STAMP.exec(fileName);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  return localDateTime(year, month, day, hour, minute, second);
}

// chrono's NaiveDateTime: `2026-11-29T10:15:00`, maybe with a fraction of a second.
const NAIVE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?$/;

/** Parses a zone-less `YYYY-MM-DDTHH:MM:SS[.fff]` as a local time; null when it is not one. */
export function parseNaiveDateTime(text: string): Date | null {
  const match = NAIVE.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  return localDateTime(year, month, day, hour, minute, second);
}

function localDateTime(year: number, month: number, day: number, hour: number, minute: number, second: number): Date | null {
  const date = new Date(year, month - 1, day, hour, minute, second);
  const real =
    date.getFullYear() === year &&
    date.getMonth() === month - 1 &&
    date.getDate() === day &&
    date.getHours() === hour &&
    date.getMinutes() === minute &&
    date.getSeconds() === second;
  return real ? date : null;
}

/** "Nov 29, 2026, 10:15 AM" in the user's locale. */
export function formatDateTime(date: Date, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A backup's time from its `created_at` (or its file name), formatted; null when unknown. */
export function backupTimeLabel(createdAt: string | null, fileName: string, locale?: string): string | null {
  const date = (createdAt ? parseNaiveDateTime(createdAt) : null) ?? backupTimeFromName(fileName);
  return date ? formatDateTime(date, locale) : null;
}

/** What a "restore the latest backup" button says about it: "u.2026….db, Nov 29, 2026, 10:15 AM". */
export function describeBackupFile(path: string, locale?: string): string {
  const name = fileNameOf(path);
  const time = backupTimeLabel(null, name, locale);
  return time ? `${name}, ${time}` : name;
}

const UNITS = ['KB', 'MB', 'GB', 'TB'] as const;

/** A file size as people read it: 900 → "900 bytes", 1536 → "1.5 KB", 5 MiB → "5 MB". */
export function formatBytes(bytes: number, locale?: string): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${new Intl.NumberFormat(locale).format(bytes)} ${bytes === 1 ? 'byte' : 'bytes'}`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = value < 10 ? 1 : 0;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${UNITS[unit]}`;
}

/** The name "Back up now" suggests: `upskill-backup-2026-11-29.db`, today's local date. */
export function suggestBackupName(now: Date = new Date()): string {
  return `upskill-backup-${toIsoDate(now)}.db`;
}

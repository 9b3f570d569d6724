import { describe, expect, it, vi } from 'vitest';
import {
  backupTimeFromName,
  backupTimeLabel,
  describeBackupFile,
  fileNameOf,
  formatBytes,
  parseNaiveDateTime,
  suggestBackupName,
} from './backupFormat';
import { leaveNotice, restoredNotice, restoreThenReload, takeNotice } from './notice';
import { describeProblem, FILE_UNCHANGED } from './problem';
import type { ErrorKind } from '../api/bindings/ErrorKind';

describe('describeProblem', () => {
  it('says what happened in plain words for each start-up problem', () => {
    expect(describeProblem({ kind: 'damaged' }).headline).toBe('This database file is damaged');
    expect(describeProblem({ kind: 'too_new' }).headline).toContain('made by a newer version of Upskill');
    expect(describeProblem({ kind: 'locked' }).headline).toContain('Another program is using');
  });

  it('offers Try again only where waiting can help, and a restore where a backup is the way out', () => {
    expect(describeProblem({ kind: 'locked' })).toMatchObject({ canRetry: true, offerRestore: false });
    expect(describeProblem({ kind: 'damaged' })).toMatchObject({ canRetry: false, offerRestore: true });
    expect(describeProblem({ kind: 'too_new' })).toMatchObject({ canRetry: false, offerRestore: true });
  });

  it('has words for every kind', () => {
    const kinds: ErrorKind[] = ['invalid', 'not_found', 'conflict', 'database', 'io', 'internal', 'damaged', 'locked', 'too_new', 'disk_full'];
    for (const kind of kinds) {
      const view = describeProblem({ kind });
      expect(view.headline.length, kind).toBeGreaterThan(10);
      expect(view.explanation.length, kind).toBeGreaterThan(20);
    }
    expect(FILE_UNCHANGED).toMatch(/not changed/);
  });
});

describe('backup names and times', () => {
  it('takes the file name from either kind of path', () => {
    expect(fileNameOf('/home/ann/backups/u.db')).toBe('u.db');
    expect(fileNameOf('C:\\Users\\ann\\backups\\u.db')).toBe('u.db');
    expect(fileNameOf('u.db')).toBe('u.db');
  });

  it('reads the local time in an automatic backup name, as the core writes it', () => {
    const date = backupTimeFromName('upskill.20261129-101500.before-upgrade-1-to-2.db');
    expect(date && [date.getFullYear(), date.getMonth(), date.getDate(), date.getHours(), date.getMinutes()]).toEqual([2026, 10, 29, 10, 15]);
    expect(backupTimeFromName('my.20261129-101500.before-restore-2.db')?.getSeconds()).toBe(0);
    expect(backupTimeFromName('upskill.before-upgrade-1-to-2.db')).toBeNull();
    expect(backupTimeFromName('upskill.20261399-101500.before-restore.db')).toBeNull();
    expect(backupTimeFromName('upskill-backup-2026-11-29.db')).toBeNull();
  });

  it('parses chrono date-times as local times, fractions and all', () => {
    expect(parseNaiveDateTime('2026-11-29T10:15:00')?.getHours()).toBe(10);
    expect(parseNaiveDateTime('2026-11-29T23:59:59.123456789')?.getDate()).toBe(29);
    expect(parseNaiveDateTime('2026-11-29')).toBeNull();
    expect(parseNaiveDateTime('2026-02-30T10:00:00')).toBeNull();
  });

  it('labels a backup in the locale, from created_at or else from its name', () => {
    expect(backupTimeLabel('2026-11-29T10:15:00', 'x.db', 'en-US')).toBe('Nov 29, 2026, 10:15 AM');
    expect(backupTimeLabel(null, 'u.20261129-101500.before-restore.db', 'en-GB')).toBe('29 Nov 2026, 10:15');
    expect(backupTimeLabel(null, 'u.before-restore.db', 'en-US')).toBeNull();
    expect(describeBackupFile('/d/backups/u.20261129-101500.before-restore.db', 'en-US')).toBe(
      'u.20261129-101500.before-restore.db, Nov 29, 2026, 10:15 AM',
    );
    expect(describeBackupFile('/d/backups/u.before-restore.db', 'en-US')).toBe('u.before-restore.db');
  });

  it('formats sizes as people read them', () => {
    expect(formatBytes(0, 'en-US')).toBe('0 bytes');
    expect(formatBytes(1, 'en-US')).toBe('1 byte');
    expect(formatBytes(1023, 'en-US')).toBe('1,023 bytes');
    expect(formatBytes(1536, 'en-US')).toBe('1.5 KB');
    expect(formatBytes(2_457_600, 'en-US')).toBe('2.3 MB');
    expect(formatBytes(150 * 1024 * 1024, 'en-US')).toBe('150 MB');
    expect(formatBytes(3 * 1024 ** 3, 'de-DE')).toBe('3 GB');
    expect(formatBytes(1536, 'de-DE')).toBe('1,5 KB');
    expect(formatBytes(-1)).toBe('');
  });

  it('suggests a dated backup name for the local day', () => {
    // 23:30 on 31 Dec where the user is (TZ is west of UTC in the tests): still the 31st.
    expect(suggestBackupName(new Date(2026, 11, 31, 23, 30))).toBe('upskill-backup-2026-12-31.db');
    expect(suggestBackupName(new Date(2027, 0, 5))).toBe('upskill-backup-2027-01-05.db');
  });
});

describe('the note across the reload', () => {
  it('is read once', () => {
    leaveNotice('Restored from x.db.');
    expect(takeNotice()).toBe('Restored from x.db.');
    expect(takeNotice()).toBeNull();
  });

  it('says where the replaced database went', () => {
    expect(restoredNotice('/b/u.20261129-101500.before-restore.db', '/b/u.20261130-080000.before-restore.db', true)).toBe(
      'Restored from u.20261129-101500.before-restore.db. The damaged database was kept, unchanged, at /b/u.20261130-080000.before-restore.db.',
    );
    expect(restoredNotice('/x/mine.db', null, false)).toBe('Restored from mine.db.');
  });

  it('reloads only after a successful restore, and leaves the note for after the reload', async () => {
    const reload = vi.fn();
    const info = { db_path: '/d/u.db', restored_from: '/x/good.db', schema_version: 2, previous_kept_at: '/d/backups/k.db', previous_was_damaged: false };
    void restoreThenReload(() => Promise.resolve(info), reload);
    await vi.waitFor(() => expect(reload).toHaveBeenCalledOnce());
    expect(takeNotice()).toBe('Restored from good.db. The previous database was kept at /d/backups/k.db.');

    const failing = vi.fn();
    await expect(restoreThenReload(() => Promise.reject(new Error('bad file')), failing)).rejects.toThrow('bad file');
    expect(failing).not.toHaveBeenCalled();
    expect(takeNotice()).toBeNull();
  });
});

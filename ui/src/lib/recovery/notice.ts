// A restore ends with a window reload (the shell has reopened the database); the note saying
// what was restored survives it in sessionStorage and is shown once the app is back.
import type { RestoreInfo } from '../api/bindings/RestoreInfo';
import { fileNameOf } from './backupFormat';

const KEY = 'upskill.notice';

export function leaveNotice(message: string, storage: Storage | undefined = globalThis.sessionStorage): void {
  try {
    storage?.setItem(KEY, message);
  } catch {
    // Storage can be unavailable; the restore itself is done either way.
  }
}

/** The note left before the reload, once: reading it removes it. */
export function takeNotice(storage: Storage | undefined = globalThis.sessionStorage): string | null {
  try {
    const message = storage?.getItem(KEY) ?? null;
    storage?.removeItem(KEY);
    return message;
  } catch {
    return null;
  }
}

/** What to say after a restore, before the reload. */
export function restoredNotice(restoredFrom: string, previousKeptAt: string | null, previousWasDamaged: boolean): string {
  const name = fileNameOf(restoredFrom);
  if (!previousKeptAt) return `Restored from ${name}.`;
  const kept = previousWasDamaged ? 'The damaged database was kept, unchanged, at' : 'The previous database was kept at';
  return `Restored from ${name}. ${kept} ${previousKeptAt}.`;
}

/**
 * Runs a restore; when it succeeded, leaves the note and reloads the window, so every page
 * reads the restored database from scratch. A failure is thrown for the dialog to show; on
 * success the promise never settles, so the dialog stays busy until the page goes away.
 */
export async function restoreThenReload(
  restore: () => Promise<RestoreInfo>,
  reload: () => void = () => window.location.reload(),
): Promise<void> {
  const info = await restore();
  leaveNotice(restoredNotice(info.restored_from, info.previous_kept_at, info.previous_was_damaged));
  reload();
  return new Promise<never>(() => undefined);
}

// What the recovery screen says about a database that did not open, by the kind of problem.
// The core's own message (which names the file and the reason) is shown under these words.
import type { ApiError as ApiErrorData } from '../api/bindings/ApiError';

export interface ProblemView {
  /** One sentence, the screen's title. */
  headline: string;
  /** What it means and what to do, in plain words. */
  explanation: string;
  /** Whether waiting and trying again can help (another program holds the file). */
  canRetry: boolean;
  /** Whether restoring a backup is a sensible way out. */
  offerRestore: boolean;
}

export function describeProblem(problem: Pick<ApiErrorData, 'kind'>): ProblemView {
  switch (problem.kind) {
    case 'damaged':
      return {
        headline: 'This database file is damaged',
        explanation:
          'Upskill could not read it safely, so it did not open it. Restoring a good backup gets you working again; the damaged file is then kept in the backups folder, in case it is needed.',
        canRetry: false,
        offerRestore: true,
      };
    case 'too_new':
      return {
        headline: 'This database was made by a newer version of Upskill',
        explanation:
          'This version cannot read it safely. Open it with the newer Upskill, or restore a backup that this version made.',
        canRetry: false,
        offerRestore: true,
      };
    case 'locked':
      return {
        headline: 'Another program is using this database',
        explanation:
          'Upskill waited, but the file stayed locked. Close the other program (another Upskill window, a backup or sync tool), then try again.',
        canRetry: true,
        offerRestore: false,
      };
    case 'invalid':
      return {
        headline: 'This file is not an Upskill database',
        explanation: 'It belongs to another program, so Upskill did not write anything into it. Restore an Upskill backup, or quit.',
        canRetry: false,
        offerRestore: true,
      };
    case 'disk_full':
      return {
        headline: 'The disk is full',
        explanation: 'Upskill needs a little free space to open the database. Free some space, then start Upskill again.',
        canRetry: false,
        offerRestore: false,
      };
    case 'io':
      return {
        headline: 'Upskill could not read the database file',
        explanation: 'The file or its folder could not be opened (permissions, a removed drive?). Fix that, then start Upskill again.',
        canRetry: false,
        offerRestore: true,
      };
    default:
      return {
        headline: 'Upskill could not open the database',
        explanation: 'Something unexpected went wrong while opening it. Restore a backup, or quit and start Upskill again.',
        canRetry: false,
        offerRestore: true,
      };
  }
}

/** The reassurance under every problem: the start-up checks only read. */
export const FILE_UNCHANGED = 'Upskill has not changed, repaired or deleted this file: it is exactly as it was.';

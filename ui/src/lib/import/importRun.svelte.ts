// The import being written, kept outside the Import page so it outlives the page: a user who
// leaves during an import and comes back finds its progress and Cancel, or, if it ended
// meanwhile, what came of it. The page consumes an ended run once it has shown it.
import { cancelImport, importFile, toApiError, type ApiError, type DateFormat, type ImportKind, type ImportProgress, type ImportReport } from '../api';

/** What the import was started from: the checked file and the preview it was confirmed on. */
export interface ImportInput {
  kind: ImportKind;
  path: string;
  dateFormat: DateFormat;
  mapping: string | null;
  report: ImportReport;
}

/** How an import ended: the core's report, or why it did not (kind `cancelled` after Cancel). */
export type ImportOutcome = { report: ImportReport } | { failure: ApiError };

export interface ImportRun {
  input: ImportInput;
  progress: ImportProgress | null;
  /** Cancel was clicked; the core is rolling back. */
  cancelRequested: boolean;
  /** Null while it runs. */
  outcome: ImportOutcome | null;
  /** Settles with the outcome (never rejects). */
  finished: Promise<ImportOutcome>;
}

let current = $state<ImportRun | null>(null);

/** The running import, or the ended one no page has shown yet. */
export function importRun(): ImportRun | null {
  return current;
}

/** Starts writing `input`'s file; one at a time (the core refuses a second write anyway). */
export function startImport(input: ImportInput, skipInvalid: boolean): ImportRun {
  // Progress that arrives before the run's state exists is kept for it.
  let run: ImportRun | null = null;
  let early: ImportProgress | null = null;
  const finished = importFile(
    input.kind,
    input.path,
    { skip_invalid: skipInvalid, date_format: input.dateFormat, mapping: input.mapping },
    (p) => {
      if (run) run.progress = p;
      else early = p;
    },
  ).then(
    (report): ImportOutcome => ({ report }),
    (reason: unknown): ImportOutcome => ({ failure: toApiError(reason) }),
  );
  const started: ImportRun = $state({ input, progress: early, cancelRequested: false, outcome: null, finished });
  run = started;
  void finished.then((outcome) => {
    started.outcome = outcome;
    started.cancelRequested = false;
  });
  current = started;
  return started;
}

/**
 * Asks the core to stop the running import; it then ends with kind `cancelled`, having changed
 * nothing. Rejects when the request itself could not be sent.
 */
export async function cancelRun(run: ImportRun): Promise<void> {
  run.cancelRequested = true;
  try {
    await cancelImport();
  } catch (reason) {
    run.cancelRequested = false;
    throw reason;
  }
}

/** The page has shown how `run` ended: forget it. */
export function consumeRun(run: ImportRun): void {
  if (current === run) current = null;
}

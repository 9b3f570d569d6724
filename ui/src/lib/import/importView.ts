// The Import page's view model: turning an ImportReport (the core's dry run, then its summary)
// and ImportProgress into the figures, labels and decisions the page shows. No Svelte here.
import type {
  DateFormat,
  Delimiter,
  Encoding,
  ImportKind,
  ImportPhase,
  ImportProblem,
  ImportProgress,
  ImportReport,
} from '../api';
import type { Option } from '../components/options';
import { countOf, formatNumber } from '../format';
import type { Page } from '../router';

export const KIND_OPTIONS: readonly Option[] = [
  { value: 'employees', label: 'Employees' },
  { value: 'programs', label: 'Programs' },
  { value: 'completions', label: 'Completions' },
  { value: 'requirements', label: 'Requirements' },
  { value: 'exemptions', label: 'Exemptions' },
  { value: 'targets', label: 'Targets' },
];

/** A kind named in the address (`#/import/requirements`), if it is one the page offers. */
export function kindFromRoute(kind: string | undefined): ImportKind | null {
  return KIND_OPTIONS.some((o) => o.value === kind) ? (kind as ImportKind) : null;
}

export const DATE_FORMAT_OPTIONS: readonly Option[] = [
  { value: 'iso', label: 'YYYY-MM-DD (ISO)' },
  { value: 'month_first', label: 'MM/DD/YYYY (US)' },
  { value: 'day_first', label: 'DD/MM/YYYY (UK, Europe)' },
];

/**
 * What each kind of file holds, for the hint under the kind select. Mirrors the core's
 * `ImportKind::columns` / `required` (the template files are the authority).
 */
export const KIND_COLUMNS: Readonly<Record<ImportKind, { required: readonly string[]; optional: readonly string[] }>> = {
  employees: {
    required: ['employee_id', 'full_name', 'role', 'department'],
    optional: ['email', 'manager_id', 'birth_year', 'hire_date', 'location', 'active', 'left_on'],
  },
  programs: {
    required: ['program_id', 'title', 'skill_area', 'format'],
    optional: ['provider', 'hours', 'validity_months'],
  },
  completions: {
    required: ['employee_id', 'program_id', 'completed_on'],
    optional: ['score', 'certificate_id'],
  },
  requirements: {
    required: ['requirement_id', 'title'],
    optional: ['role', 'department', 'location', 'program_id', 'skill_area', 'due_days', 'effective_from'],
  },
  exemptions: {
    required: ['employee_id', 'requirement_id', 'reason'],
    optional: ['until'],
  },
  targets: {
    required: ['target_id', 'title', 'metric', 'value', 'due'],
    optional: ['department', 'role', 'location', 'generation', 'skill_area', 'manager_id'],
  },
};

export function kindHint(kind: ImportKind): string {
  const { required, optional } = KIND_COLUMNS[kind];
  return `Needs ${required.join(', ')}; may have ${optional.join(', ')}.`;
}

const KIND_NOUNS: Readonly<Record<ImportKind, [string, string]>> = {
  employees: ['employee', 'employees'],
  programs: ['program', 'programs'],
  completions: ['completion', 'completions'],
  requirements: ['requirement', 'requirements'],
  exemptions: ['exemption', 'exemptions'],
  targets: ['target', 'targets'],
};

export function kindLabel(kind: ImportKind): string {
  return KIND_OPTIONS.find((o) => o.value === kind)?.label ?? kind;
}

/** Where the imported records are listed (targets show on the dashboard). */
export function pageOfKind(kind: ImportKind): Page {
  switch (kind) {
    case 'employees':
    case 'programs':
    case 'completions':
      return kind;
    case 'requirements':
    case 'exemptions':
      return 'requirements';
    default:
      return 'dashboard';
  }
}

/** The name the template's save dialog suggests. */
export function templateFileName(kind: ImportKind): string {
  return `${kind}-template.csv`;
}

const ENCODINGS: Readonly<Record<Encoding, string>> = {
  utf8: 'UTF-8',
  utf16_le: 'UTF-16 (little-endian)',
  utf16_be: 'UTF-16 (big-endian)',
  windows1252: 'Windows-1252',
};

/** "UTF-8 with BOM", "Windows-1252". */
export function encodingLabel(encoding: Encoding, bom: boolean): string {
  return bom ? `${ENCODINGS[encoding]} with BOM` : ENCODINGS[encoding];
}

/** Windows-1252 is what Excel writes when it does not save as UTF-8: worth a word. */
export function encodingNote(encoding: Encoding): string | null {
  return encoding === 'windows1252' ? "not UTF-8: read as Excel's Western European default" : null;
}

const DELIMITERS: Readonly<Record<Delimiter, string>> = {
  comma: 'Comma ( , )',
  semicolon: 'Semicolon ( ; )',
  tab: 'Tab',
  pipe: 'Pipe ( | )',
};

export function delimiterLabel(delimiter: Delimiter): string {
  return DELIMITERS[delimiter];
}

export function dateFormatLabel(format: DateFormat): string {
  return DATE_FORMAT_OPTIONS.find((o) => o.value === format)?.label ?? format;
}

/** The last part of a path, either separator (the report's paths come from any platform). */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

/** Where a problem is: "Line 12", or "Whole file" for line 0. */
export function problemWhere(problem: ImportProblem): string {
  return problem.line > 0 ? `Line ${problem.line}` : 'Whole file';
}

/** The CLI's `FILE:LINE: column: reason`, with the file's base name (for copying). */
export function problemText(problem: ImportProblem): string {
  let text = baseName(problem.file);
  if (problem.line > 0) text += `:${problem.line}`;
  if (problem.column) text += `: ${problem.column}`;
  return `${text}: ${problem.message}`;
}

/** What the preview may lead to. */
export type ImportPlan =
  /** The file itself is refused (unreadable, a required column missing…): fix it first. */
  | { kind: 'refused' }
  /** Readable, but nothing would change: every valid row is already in the record, or no row is valid. */
  | { kind: 'nothing'; reason: string }
  /** Every row is valid. */
  | { kind: 'all'; valid: number; label: string }
  /** Some rows are invalid: the valid ones can be imported, skipping the others, after confirming. */
  | { kind: 'skip'; valid: number; invalid: number; label: string };

/** Rows an import would insert or update. */
export function rowsToWrite(report: ImportReport): number {
  return report.inserted + report.updated;
}

/**
 * Whether the whole file was refused, not just some rows. A dry run counts what importing
 * the valid rows would do, so its counts add up to `rows`; a refused file is never written,
 * so they do not (or there are no rows at all).
 */
export function isFileRefused(report: ImportReport): boolean {
  if (report.outcome !== 'rejected') return false;
  if (report.problems.some((p) => p.line === 0)) return true;
  const valid = report.rows - report.rejected;
  return report.rows === 0 || report.inserted + report.updated + report.unchanged !== valid;
}

export function importPlan(report: ImportReport): ImportPlan {
  if (isFileRefused(report)) return { kind: 'refused' };
  if (rowsToWrite(report) === 0) {
    const reason =
      report.rows === 0
        ? 'The file has no rows to import.'
        : report.rejected === report.rows
          ? 'Every row has a problem: fix the file and check it again.'
          : report.rejected > 0
            ? 'The valid rows are already in Upskill and the others have problems: fix them and check the file again.'
            : 'Everything in this file is already in Upskill: there is nothing to import.';
    return { kind: 'nothing', reason };
  }
  // Unchanged rows count as imported too (the summary lists them), so the label counts every valid row.
  const valid = report.rows - report.rejected;
  if (report.rejected > 0) {
    return {
      kind: 'skip',
      valid,
      invalid: report.rejected,
      label: `Import the ${countOf(valid, 'valid row')}, skip ${formatNumber(report.rejected)} invalid`,
    };
  }
  return { kind: 'all', valid, label: `Import ${countOf(valid, 'row')}` };
}

export interface Figure {
  id: 'new' | 'updated' | 'unchanged' | 'invalid';
  label: string;
  value: number;
  tone: 'good' | 'neutral' | 'bad';
}

/** The four counts of a preview, or of a summary (where "new" was inserted and "invalid" rejected). */
export function figures(report: ImportReport, done = false): Figure[] {
  return [
    { id: 'new', label: done ? 'Added' : 'New', value: report.inserted, tone: 'good' },
    { id: 'updated', label: done ? 'Updated' : 'Will update', value: report.updated, tone: 'neutral' },
    { id: 'unchanged', label: 'Unchanged', value: report.unchanged, tone: 'neutral' },
    { id: 'invalid', label: done ? 'Skipped (invalid)' : 'Invalid', value: report.rejected, tone: report.rejected > 0 ? 'bad' : 'neutral' },
  ];
}

/** "Imported 42 employees: 40 added, 2 updated." */
export function summaryHeadline(report: ImportReport): string {
  const [one, many] = KIND_NOUNS[report.kind];
  const written = report.inserted + report.updated + report.unchanged;
  const parts = [`${formatNumber(report.inserted)} added`, `${formatNumber(report.updated)} updated`];
  if (report.unchanged > 0) parts.push(`${formatNumber(report.unchanged)} unchanged`);
  if (report.rejected > 0) parts.push(`${formatNumber(report.rejected)} skipped`);
  return `Imported ${countOf(written, one, many)} from ${baseName(report.file)}: ${parts.join(', ')}.`;
}

const PHASES: Readonly<Record<ImportPhase, string>> = {
  checking: 'Checking the rows',
  writing: 'Writing',
  saving: 'Saving',
};

/**
 * The whole import as one fraction for the progress bar: checking is the first half, writing
 * the second (completions write to a staging table, then save: the last tenth).
 */
export function progressFraction(progress: ImportProgress, kind: ImportKind, expectedRows = 0): number {
  const part = progress.total_bytes > 0 ? Math.min(progress.bytes_read / progress.total_bytes, 1) : 1;
  const writeShare = kind === 'completions' ? 0.4 : 0.5;
  switch (progress.phase) {
    case 'checking':
      return 0.5 * part;
    case 'writing':
      return 0.5 + writeShare * part;
    case 'saving':
      return 0.9 + 0.1 * (expectedRows > 0 ? Math.min(progress.rows / expectedRows, 1) : 1);
  }
}

/** "Writing… 12,000 rows" */
export function progressText(progress: ImportProgress): string {
  return `${PHASES[progress.phase]}… ${countOf(progress.rows, 'row')}`;
}

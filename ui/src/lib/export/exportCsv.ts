// The "Export CSV" flow of the list pages: suggest a file name, ask where to save it (native
// dialog), let the core's one CSV writer write it with the delimiter from Settings, and say
// where it went.
import { exportTable, type Delimiter, type ExportSummary, type ExportTable } from '../api';
import { chooseFileToSave } from '../api/dialogs';
import { countOf, todayIso } from '../format';
import { csvDelimiter } from '../settings/preferences';

const NOUNS: Readonly<Record<ExportTable, [string, string]>> = {
  employees: ['employee', 'employees'],
  programs: ['program', 'programs'],
  completions: ['completion', 'completions'],
  requirements: ['requirement', 'requirements'],
  exemptions: ['exemption', 'exemptions'],
  targets: ['target', 'targets'],
};

/**
 * `employees-2026-11-29.csv`: the table and today's local date. Tab-separated files get `.tsv`,
 * which spreadsheets open as columns (a `.csv` full of tabs opens as one column in Excel).
 */
export function suggestedExportName(table: ExportTable, delimiter: Delimiter, now: Date = new Date()): string {
  return `${table}-${todayIso(now)}.${delimiter === 'tab' ? 'tsv' : 'csv'}`;
}

/** "Exported 240 employees to /home/ada/employees-2026-11-29.csv." */
export function exportedMessage(table: ExportTable, summary: ExportSummary): string {
  const [one, many] = NOUNS[table];
  return `Exported ${countOf(summary.rows, one, many)} to ${summary.path}.`;
}

/**
 * Runs the whole flow. Resolves to the summary, or null when the user cancelled the dialog;
 * rejects with an ApiError when the file could not be written.
 */
export async function exportToCsv(table: ExportTable, now: Date = new Date()): Promise<ExportSummary | null> {
  const delimiter = csvDelimiter();
  const path = await chooseFileToSave(`Export ${table}`, suggestedExportName(table, delimiter, now));
  if (!path) return null;
  return exportTable(table, path, delimiter);
}

// "Export CSV" of the matrix and the action list: suggest a name, ask where (native dialog), let
// the core write the same rows the page shows (every page of the matrix) with the delimiter
// from Settings.
import { exportComplianceList, exportComplianceMatrix, type ExportSummary, type MatrixQuery, type Status } from '../api';
import { chooseFileToSave } from '../api/dialogs';
import { todayIso } from '../format';
import { slug } from '../dashboard/reportExport';
import { csvDelimiter } from '../settings/preferences';

/** `compliance-matrix-team-e00002-2026-11-29.csv`. */
export function complianceFileName(what: 'matrix' | 'action-list', query: MatrixQuery, tab: boolean, now: Date = new Date()): string {
  const parts = [`compliance-${what}`];
  if (query.query.manager_id) parts.push(`team-${slug(query.query.manager_id)}`);
  if (query.query.department) parts.push(slug(query.query.department));
  if (query.role) parts.push(slug(query.role));
  parts.push(todayIso(now));
  return `${parts.join('-')}.${tab ? 'tsv' : 'csv'}`;
}

export async function exportMatrix(query: MatrixQuery): Promise<ExportSummary | null> {
  const delimiter = csvDelimiter();
  const path = await chooseFileToSave('Export the compliance matrix', complianceFileName('matrix', query, delimiter === 'tab'));
  return path ? exportComplianceMatrix(query, path, delimiter) : null;
}

export async function exportList(query: MatrixQuery, statuses: Status[]): Promise<ExportSummary | null> {
  const delimiter = csvDelimiter();
  const path = await chooseFileToSave('Export the action list', complianceFileName('action-list', query, delimiter === 'tab'));
  return path ? exportComplianceList(query.query, statuses, path, delimiter) : null;
}

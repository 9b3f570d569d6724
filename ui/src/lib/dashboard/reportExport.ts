// "Export CSV" on a dashboard panel: suggest a file name that says which report, under which
// filters and when; ask where to save it (native dialog); let the core's CSV writer write the
// same report the panel shows (same filters, k and threshold) with the delimiter from Settings.
import { exportCoverage, exportGaps, type Delimiter, type DashboardQuery, type ExportSummary, type Filters } from '../api';
import { chooseFileToSave } from '../api/dialogs';
import { countOf, todayIso } from '../format';
import { csvDelimiter } from '../settings/preferences';
import { reportOptions, reportRequest, type ReportKind } from './dashboardQuery';

/** Each panel's report, as people call it and as its file name starts. */
export const REPORTS: Readonly<Record<ReportKind, { title: string; file: string }>> = {
  by_generation: { title: 'coverage by generation', file: 'coverage-by-generation' },
  by_role: { title: 'coverage by role', file: 'coverage-by-role' },
  by_department: { title: 'coverage by department', file: 'coverage-by-department' },
  by_skill_area: { title: 'coverage by skill area', file: 'coverage-by-skill-area' },
  role_by_generation: { title: 'coverage by role and generation', file: 'coverage-by-role-and-generation' },
  gaps_by_generation: { title: 'gaps by generation', file: 'gaps-by-generation' },
};

/** Lower-case words joined by hyphens: safe in a file name on every system. */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The filters in a file name, most telling first: "engineering-team-e00002-as-of-2026-06-30". */
export function filterSlug(filters: Filters): string {
  const parts: string[] = [];
  if (filters.department) parts.push(slug(filters.department));
  if (filters.manager_id) parts.push(`team-${slug(filters.manager_id)}`);
  if (filters.skill_area) parts.push(slug(filters.skill_area));
  if (filters.program_format) parts.push(slug(filters.program_format));
  if (filters.program_id) parts.push(`program-${slug(filters.program_id)}`);
  if (filters.from) parts.push(`from-${filters.from}`);
  if (filters.to) parts.push(`to-${filters.to}`);
  if (filters.as_of) parts.push(`as-of-${filters.as_of}`);
  if (filters.include_inactive) parts.push('incl-inactive');
  return parts.filter(Boolean).join('-');
}

/** Long enough for the filters that matter, short enough for every file system and dialog. */
const MAX_STEM = 120;

/**
 * `coverage-by-generation-2026-11-29.csv`; with filters,
 * `coverage-by-role-engineering-team-e00002-2026-11-29.csv`. Tab-separated files get `.tsv`.
 */
export function suggestedReportName(report: ReportKind, filters: Filters, delimiter: Delimiter, now: Date = new Date()): string {
  const filtered = filterSlug(filters);
  let stem = filtered ? `${REPORTS[report].file}-${filtered}` : REPORTS[report].file;
  if (stem.length > MAX_STEM) stem = stem.slice(0, MAX_STEM).replace(/-+$/, '');
  return `${stem}-${todayIso(now)}.${delimiter === 'tab' ? 'tsv' : 'csv'}`;
}

/** "Exported coverage by generation (4 rows) to /home/ada/coverage-by-generation-2026-11-29.csv." */
export function reportExportedMessage(report: ReportKind, summary: ExportSummary): string {
  return `Exported ${REPORTS[report].title} (${countOf(summary.rows, 'row')}) to ${summary.path}.`;
}

/**
 * The whole flow for one panel under `query` (the query whose answer the page shows).
 * Resolves to the summary, or null when the dialog was cancelled; rejects with an ApiError.
 */
export async function exportReport(
  report: ReportKind,
  query: DashboardQuery,
  withNotes: boolean,
  now: Date = new Date(),
): Promise<ExportSummary | null> {
  const delimiter = csvDelimiter();
  const name = suggestedReportName(report, query.filters, delimiter, now);
  const path = await chooseFileToSave(`Export ${REPORTS[report].title}`, name);
  if (!path) return null;
  const request = reportRequest(report, query);
  const options = reportOptions(query);
  return request.kind === 'gaps'
    ? exportGaps(request.query, options, path, delimiter, withNotes)
    : exportCoverage(request.query, options, path, delimiter, withNotes);
}

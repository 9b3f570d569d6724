// What the Dashboard's "Export PDF" and "Export team pack" send and say: the leadership report
// for the filters the numbers on screen answer (same k), and a team lead's pack when the filters
// name a manager. The core writes both (`upskill report pdf`, `upskill pack`).
import type { Filters, LeadershipQuery, PackQuery, PackSummary, PdfSummary } from '../api';
import { formatNumber } from '../format';

export function leadershipQuery(filters: Filters, minGroup: number): LeadershipQuery {
  return { filters: { ...filters }, min_group: minGroup, title: null, beside_organisation: filters.manager_id !== null };
}

export function packQuery(filters: Filters, minGroup: number): PackQuery {
  return { as_of: filters.as_of, min_group: minGroup };
}

/** The suggested file name: the as-of date (or "today") and the department or team, if any. */
export function pdfFileName(filters: Filters, today: string): string {
  const scope = filters.manager_id ? `team-${filters.manager_id}` : filters.department ? filters.department : null;
  const safe = scope ? `-${scope.replace(/[^A-Za-z0-9._-]+/g, '_')}` : '';
  return `ai-training-report${safe}-${filters.as_of ?? today}.pdf`;
}

export function pdfSavedMessage(summary: PdfSummary): string {
  return `Saved the report (${summary.pages} ${summary.pages === 1 ? 'page' : 'pages'}) to ${summary.path}.`;
}

export function packSavedMessage(summary: PackSummary): string {
  return `Saved the team pack of ${summary.manager_id} (${formatNumber(summary.people)} people, ${formatNumber(summary.actions)} actions) to ${summary.path}.`;
}

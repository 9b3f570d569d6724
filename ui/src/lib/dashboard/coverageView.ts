// How coverage numbers read on the dashboard: percentages, suppressed groups ("fewer than k"),
// gaps, the heatmap's colour scale, sorting, and the generation definitions.
import type { CoverageReport, CoverageRow, GenerationBand } from '../api';
import { sortRows, type SortState } from '../components/table';

/** A coverage figure with the one decimal the core rounded it to: 47.2 → "47.2%", 40 → "40.0%". */
export function percentLabel(pct: number): string {
  return `${pct.toFixed(1)}%`;
}

type Shown = Pick<CoverageRow, 'headcount' | 'coverage_pct' | 'suppressed'>;

/**
 * What a group's coverage cell says. A group below k reads "fewer than k"; a group hidden only
 * so that a small one cannot be worked out by subtraction (complementary suppression) has more
 * people than that, so it says "hidden" instead of something untrue. A group with nobody in it
 * has no coverage at all.
 */
export function coverageText(row: Shown, k: number): string {
  if (row.suppressed) return row.headcount < k ? `fewer than ${k}` : 'hidden';
  if (row.coverage_pct === null) return '–';
  return percentLabel(row.coverage_pct);
}

/** The longer explanation of a hidden cell, for its tooltip and screen readers. */
export function suppressionNote(row: Shown, k: number): string | null {
  if (!row.suppressed) return null;
  return row.headcount < k
    ? `Fewer than ${k} people: coverage is not shown, to protect individuals.`
    : `Hidden so that a group of fewer than ${k} elsewhere in this report cannot be worked out by subtraction.`;
}

/**
 * The reason a hidden group is hidden, short enough to stand on screen beside its "fewer than k"
 * or "hidden" (a tooltip alone is out of reach of the keyboard and of touch). Null when shown.
 */
export function hiddenReason(row: Pick<CoverageRow, 'headcount' | 'suppressed'>, k: number): string | null {
  if (!row.suppressed) return null;
  return row.headcount < k ? 'people: kept hidden to protect individuals' : `so that a group of fewer than ${k} cannot be worked out`;
}

/** Gap in points with its sign: 8.5 → "+8.5", -18.3 → "−18.3", 0 → "0.0". */
export function gapLabel(points: number | null): string {
  if (points === null) return '–';
  const magnitude = Math.abs(points).toFixed(1);
  if (magnitude === '0.0') return '0.0';
  return `${points > 0 ? '+' : '−'}${magnitude}`;
}

/** A bar's width in percent of its track (0–100, whatever comes in). */
export function barWidth(pct: number | null): number {
  if (pct === null || Number.isNaN(pct)) return 0;
  return Math.min(100, Math.max(0, pct));
}

/** The heatmap's colour steps: 0–9.9 %, 10–19.9 %, … 60 % and more. */
export const HEAT_LEVELS = 7;
const HEAT_STEP = 10;

/** The colour step of a coverage percentage (0 … HEAT_LEVELS − 1). */
export function heatLevel(pct: number): number {
  if (!(pct > 0)) return 0;
  return Math.min(HEAT_LEVELS - 1, Math.floor(pct / HEAT_STEP));
}

/** The legend of the colour scale, one entry per step. */
export function heatLegend(): { level: number; label: string }[] {
  return Array.from({ length: HEAT_LEVELS }, (_, level) => ({
    level,
    label: level === HEAT_LEVELS - 1 ? `${level * HEAT_STEP}% or more` : `${level * HEAT_STEP}–${level * HEAT_STEP + HEAT_STEP - 0.1}%`,
  }));
}

/** A two-dimension report (e.g. role × generation) as a grid: rows × columns → the cell. */
export interface Grid {
  rows: string[];
  columns: string[];
  cell(row: string, column: string): CoverageRow | null;
}

export function toGrid(report: CoverageReport): Grid {
  const cells = new Map<string, CoverageRow>();
  for (const row of report.rows) {
    const [a, b] = row.groups;
    if (a !== undefined && b !== undefined) cells.set(JSON.stringify([a, b]), row);
  }
  return {
    rows: [...(report.axes[0] ?? [])],
    columns: [...(report.axes[1] ?? [])],
    cell: (row, column) => cells.get(JSON.stringify([row, column])) ?? null,
  };
}

/** How a coverage table can be sorted; "group" is the report's own order (generations by age). */
export type CoverageSort = 'group' | 'headcount' | 'trained' | 'coverage';

/** Columns whose first click sorts largest first. */
export const DESCENDING_FIRST: readonly CoverageSort[] = ['headcount', 'trained'];

/**
 * Sorts a report's rows. Hidden coverage is not a number, so hidden groups go last whichever
 * way coverage is sorted; ties keep the report's order.
 */
export function sortCoverage(rows: readonly CoverageRow[], sort: SortState<CoverageSort>): CoverageRow[] {
  const rank = new Map(rows.map((row, index) => [row, index]));
  return sortRows(rows, sort, (row, key) => {
    switch (key) {
      case 'group':
        return rank.get(row) ?? 0;
      case 'headcount':
        return row.headcount;
      case 'trained':
        return row.trained;
      case 'coverage':
        return row.coverage_pct;
    }
  });
}

/** A generation's birth years: "1946–1964", "1945 or earlier", "2013 or later". */
export function generationYears(band: GenerationBand): string {
  if (band.first_year === null && band.last_year === null) return 'any year';
  if (band.first_year === null) return `${band.last_year} or earlier`;
  if (band.last_year === null) return `${band.first_year} or later`;
  return `${band.first_year}–${band.last_year}`;
}

/**
 * Who the population is, in words: "active employees in Sales in the team of Maya Haddad". The
 * manager is named when `managerName` is known (it is fetched after the report), else the id.
 */
export function populationText(
  filters: { include_inactive: boolean; department: string | null; manager_id: string | null },
  managerName: string | null = null,
): string {
  const who = filters.include_inactive ? 'active and inactive employees' : 'active employees';
  const parts = [who];
  if (filters.department) parts.push(`in ${filters.department}`);
  if (filters.manager_id) parts.push(`in the team of ${managerName ?? filters.manager_id}`);
  return parts.join(' ');
}

// What the generation bar chart draws, worked out from the core's reports without Chart.js, so
// it can be tested and so the chart and the table beside it can never disagree.
import type { CoverageReport, GapReport } from '../api';
import { coverageText, percentLabel } from './coverageView';

export interface GenerationBar {
  label: string;
  /** Null when hidden (suppressed) or nobody is in the group: no bar, never a zero bar. */
  pct: number | null;
  /** What the bar's label and the table say: "47.2%", "fewer than 5", "hidden". */
  text: string;
  headcount: number;
  hidden: boolean;
  /** At or below −threshold against everyone: drawn in the warning colour. */
  flagged: boolean;
  /** The survey's figure for this generation when the reference marks are on, else null. */
  reference: number | null;
}

/** Where the survey reference marks come from (drawn only when the user turns them on). */
export const SURVEY_SOURCE = 'Flexential 2025';

/** Share of each generation using AI at work in that survey: a reference, not Upskill data. */
export const SURVEY_FIGURES: Readonly<Record<string, number>> = {
  Millennials: 47,
  'Gen Z': 40,
  'Baby Boomers': 22,
};

export interface GenerationChartData {
  bars: GenerationBar[];
  /** The whole population's coverage (the line across the chart); null when hidden. */
  overall: number | null;
  /** The top of the percentage axis. */
  max: number;
  k: number;
  /** The chart in one sentence, for screen readers. */
  description: string;
}

/** Room above the tallest bar for its label, rounded up to 10 %, between 10 % and 100 %. */
export function chartMax(values: readonly (number | null)[]): number {
  const highest = Math.max(0, ...values.filter((v): v is number => v !== null && !Number.isNaN(v)));
  return Math.min(100, Math.max(10, Math.ceil((highest + 8) / 10) * 10));
}

export function generationChartData(report: CoverageReport, gaps: GapReport | null, k: number, references = false): GenerationChartData {
  const flagged = new Set((gaps?.rows ?? []).filter((r) => r.flagged).map((r) => r.group));
  const bars = report.rows.map((row): GenerationBar => {
    const label = row.groups[0] ?? '';
    return {
      label,
      pct: row.suppressed ? null : row.coverage_pct,
      text: coverageText(row, k),
      headcount: row.headcount,
      hidden: row.suppressed,
      flagged: flagged.has(label),
      reference: references ? (SURVEY_FIGURES[label] ?? null) : null,
    };
  });
  const overall = report.total.suppressed ? null : report.total.coverage_pct;
  const parts = bars.map((bar) => `${bar.label} ${bar.text} of ${bar.headcount}`);
  const all = overall === null ? '' : `; all employees ${percentLabel(overall)}`;
  return {
    bars,
    overall,
    max: chartMax([...bars.map((b) => b.pct), ...bars.map((b) => b.reference), overall]),
    k,
    description: `Bar chart of AI training coverage by generation: ${parts.join(', ')}${all}.`,
  };
}

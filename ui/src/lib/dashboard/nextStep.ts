// What the dashboard suggests doing next, from the counts alone.
import type { Stats } from '../api';

export type NextStep = 'add_employees' | 'add_programs' | 'log_completions' | null;

export function nextStep(stats: Stats): NextStep {
  if (stats.employees_active + stats.employees_inactive === 0) return 'add_employees';
  if (stats.programs + stats.programs_retired === 0) return 'add_programs';
  if (stats.completions === 0) return 'log_completions';
  return null;
}

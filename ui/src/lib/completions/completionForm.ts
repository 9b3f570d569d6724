// Log-completion and log-cohort forms: state, client-side checks and conversion to the
// contract's CompletionInput / CohortInput.
import type { CohortInput, CohortResult, CompletionInput } from '../api';
import { parseIsoDate, todayIso } from '../format';
import { decimalOrNull, requireFields, textOrNull, type FieldErrors } from '../forms';

export interface CompletionFormState {
  employee_id: string;
  program_id: string;
  completed_on: string;
  score: string;
  certificate_id: string;
}

export const COMPLETION_FIELDS: readonly (keyof CompletionFormState)[] = [
  'employee_id',
  'program_id',
  'completed_on',
  'score',
  'certificate_id',
];

export function blankCompletionForm(employeeId = '', today = todayIso()): CompletionFormState {
  return { employee_id: employeeId, program_id: '', completed_on: today, score: '', certificate_id: '' };
}

/** Date and score rules shared by single and cohort logging. */
function checkDateAndScore(completedOn: string, score: string, today: string, errors: FieldErrors): void {
  const date = completedOn.trim();
  if (date && !parseIsoDate(date)) errors.completed_on = 'Enter a valid date.';
  // ISO dates compare correctly as strings.
  else if (date && date > today) errors.completed_on = 'The completion date cannot be in the future.';
  const parsed = decimalOrNull(score);
  if (parsed !== null && Number.isNaN(parsed)) errors.score = 'Enter a number, e.g. 87 or 87.5.';
  else if (parsed !== null && parsed < 0) errors.score = 'The score cannot be negative.';
}

export function validateCompletionForm(state: CompletionFormState, today = todayIso()): FieldErrors {
  const errors = requireFields(state, ['employee_id', 'program_id', 'completed_on']);
  checkDateAndScore(state.completed_on, state.score, today, errors);
  return errors;
}

export function completionFormToInput(state: CompletionFormState): CompletionInput {
  return {
    employee_id: state.employee_id.trim(),
    program_id: state.program_id,
    completed_on: state.completed_on.trim(),
    score: decimalOrNull(state.score),
    certificate_id: textOrNull(state.certificate_id),
  };
}

export interface CohortFormState {
  program_id: string;
  completed_on: string;
  score: string;
}

/** Cohort keys with an input; `employee_ids` errors show under the picker. */
export const COHORT_FIELDS: readonly string[] = ['program_id', 'completed_on', 'score', 'employee_ids'];

export function blankCohortForm(today = todayIso()): CohortFormState {
  return { program_id: '', completed_on: today, score: '' };
}

export function validateCohortForm(state: CohortFormState, selected: number, today = todayIso()): FieldErrors {
  const errors = requireFields(state, ['program_id', 'completed_on']);
  checkDateAndScore(state.completed_on, state.score, today, errors);
  if (selected === 0) errors.employee_ids = 'Pick at least one employee.';
  return errors;
}

export function cohortFormToInput(state: CohortFormState, employeeIds: Iterable<string>): CohortInput {
  return {
    program_id: state.program_id,
    completed_on: state.completed_on.trim(),
    score: decimalOrNull(state.score),
    employee_ids: [...employeeIds],
  };
}

/** "Logged 3, 1 already logged" — always both numbers, so the outcome is never ambiguous. */
export function cohortResultText(result: CohortResult): string {
  return `Logged ${result.logged}, ${result.already_logged} already logged`;
}

/** Submit label: "Log 1 completion" / "Log 12 completions". */
export function cohortSubmitLabel(selected: number): string {
  return `Log ${selected} ${selected === 1 ? 'completion' : 'completions'}`;
}

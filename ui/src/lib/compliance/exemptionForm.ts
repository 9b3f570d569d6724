// The exemption form: text as typed, what the core gets, and the checks made before sending
// (unknown employee or requirement is the core's field error).
import type { ExemptionInput } from '../api';

export interface ExemptionForm {
  employee_id: string;
  requirement_id: string;
  reason: string;
  until: string;
}

export const EXEMPTION_FIELDS = ['employee_id', 'requirement_id', 'reason', 'until'] as const;

export function blankExemptionForm(): ExemptionForm {
  return { employee_id: '', requirement_id: '', reason: '', until: '' };
}

export function exemptionFormToInput(form: ExemptionForm): ExemptionInput {
  return {
    employee_id: form.employee_id.trim(),
    requirement_id: form.requirement_id.trim(),
    reason: form.reason.trim(),
    until: form.until.trim() === '' ? null : form.until.trim(),
  };
}

export function validateExemptionForm(form: ExemptionForm): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!form.employee_id.trim()) errors.employee_id = 'Enter the employee ID.';
  if (!form.requirement_id.trim()) errors.requirement_id = 'Choose a requirement.';
  if (!form.reason.trim()) errors.reason = 'Say why they are exempt.';
  if (form.until.trim() && !/^\d{4}-\d{2}-\d{2}$/.test(form.until.trim())) errors.until = 'Enter a date as YYYY-MM-DD.';
  return errors;
}

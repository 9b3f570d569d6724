import { describe, expect, it } from 'vitest';
import { REQUIRED } from '../forms';
import {
  blankCohortForm,
  blankCompletionForm,
  cohortFormToInput,
  cohortResultText,
  cohortSubmitLabel,
  completionFormToInput,
  validateCohortForm,
  validateCompletionForm,
} from './completionForm';

const TODAY = '2025-06-15';

describe('completion form', () => {
  it('defaults the date to today and prefills the employee', () => {
    expect(blankCompletionForm('E7', TODAY)).toEqual({
      employee_id: 'E7',
      program_id: '',
      completed_on: TODAY,
      score: '',
      certificate_id: '',
    });
  });

  it('requires employee, program and date', () => {
    const errors = validateCompletionForm({ ...blankCompletionForm('', TODAY), completed_on: '' }, TODAY);
    expect(errors).toEqual({ employee_id: REQUIRED, program_id: REQUIRED, completed_on: REQUIRED });
  });

  it('rejects future dates and non-numeric scores', () => {
    const base = { ...blankCompletionForm('E1', TODAY), program_id: 'P1' };
    expect(validateCompletionForm({ ...base, completed_on: '2025-06-16' }, TODAY).completed_on).toMatch(/future/);
    expect(validateCompletionForm({ ...base, completed_on: '2025-02-30' }, TODAY).completed_on).toMatch(/valid/);
    expect(validateCompletionForm({ ...base, score: 'great' }, TODAY).score).toMatch(/number/);
    expect(validateCompletionForm({ ...base, score: '-1' }, TODAY).score).toMatch(/negative/);
    expect(validateCompletionForm({ ...base, score: '87,5' }, TODAY)).toEqual({});
  });

  it('converts to CompletionInput', () => {
    expect(
      completionFormToInput({ employee_id: ' E1 ', program_id: 'P1', completed_on: TODAY, score: '90', certificate_id: ' ' }),
    ).toEqual({ employee_id: 'E1', program_id: 'P1', completed_on: TODAY, score: 90, certificate_id: null });
  });
});

describe('cohort form', () => {
  it('requires a program, a date and at least one employee', () => {
    expect(validateCohortForm(blankCohortForm(TODAY), 0, TODAY)).toEqual({
      program_id: REQUIRED,
      employee_ids: 'Pick at least one employee.',
    });
    expect(validateCohortForm({ ...blankCohortForm(TODAY), program_id: 'P1' }, 2, TODAY)).toEqual({});
  });

  it('converts to CohortInput with the chosen ids', () => {
    expect(cohortFormToInput({ program_id: 'P1', completed_on: TODAY, score: '' }, new Set(['E1', 'E2']))).toEqual({
      program_id: 'P1',
      completed_on: TODAY,
      score: null,
      employee_ids: ['E1', 'E2'],
    });
  });

  it('describes the result and the action', () => {
    expect(cohortResultText({ logged: 3, already_logged: 1 })).toBe('Logged 3, 1 already logged');
    expect(cohortResultText({ logged: 2, already_logged: 0 })).toBe('Logged 2, 0 already logged');
    expect(cohortSubmitLabel(1)).toBe('Log 1 completion');
    expect(cohortSubmitLabel(12)).toBe('Log 12 completions');
  });
});

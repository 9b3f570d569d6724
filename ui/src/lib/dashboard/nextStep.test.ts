import { describe, expect, it } from 'vitest';
import type { Stats } from '../api';
import { nextStep } from './nextStep';

const empty: Stats = { employees_active: 0, employees_inactive: 0, programs: 0, programs_retired: 0, completions: 0 };

describe('nextStep', () => {
  it('walks an empty database through setup', () => {
    expect(nextStep(empty)).toBe('add_employees');
    expect(nextStep({ ...empty, employees_inactive: 1 })).toBe('add_programs');
    expect(nextStep({ ...empty, employees_active: 3, programs_retired: 1 })).toBe('log_completions');
    expect(nextStep({ ...empty, employees_active: 3, programs: 1, completions: 9 })).toBeNull();
  });
});

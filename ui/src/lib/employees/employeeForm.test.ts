import { describe, expect, it } from 'vitest';
import type { Employee } from '../api';
import { REQUIRED } from '../forms';
import { blankEmployeeForm, employeeFormToInput, employeeToForm, validateEmployeeForm } from './employeeForm';

const filled = {
  ...blankEmployeeForm(),
  employee_id: ' E1 ',
  full_name: ' Ada Lovelace ',
  role: 'Engineer',
  department: 'R&D',
};

describe('validateEmployeeForm', () => {
  it('requires id, name, role and department', () => {
    expect(validateEmployeeForm(blankEmployeeForm())).toEqual({
      employee_id: REQUIRED,
      full_name: REQUIRED,
      role: REQUIRED,
      department: REQUIRED,
    });
    expect(validateEmployeeForm(filled)).toEqual({});
  });

  it('checks the birth year is a past four-digit year', () => {
    expect(validateEmployeeForm({ ...filled, birth_year: '85' }, 2025).birth_year).toMatch(/four-digit/);
    expect(validateEmployeeForm({ ...filled, birth_year: '1985-01-01' }, 2025).birth_year).toMatch(/four-digit/);
    expect(validateEmployeeForm({ ...filled, birth_year: '2030' }, 2025).birth_year).toMatch(/future/);
    expect(validateEmployeeForm({ ...filled, birth_year: '1985' }, 2025).birth_year).toBeUndefined();
  });

  it('checks email, hire date and self-management', () => {
    const errors = validateEmployeeForm({ ...filled, email: 'nope', hire_date: '2024-02-31', manager_id: 'E1' });
    expect(Object.keys(errors).sort()).toEqual(['email', 'hire_date', 'manager_id']);
  });
});

describe('employeeFormToInput', () => {
  it('trims, turns blanks into null and parses the year', () => {
    expect(employeeFormToInput({ ...filled, birth_year: ' 1985 ', email: '  ', location: 'Oslo' })).toEqual({
      employee_id: 'E1',
      full_name: 'Ada Lovelace',
      email: null,
      role: 'Engineer',
      department: 'R&D',
      manager_id: null,
      birth_year: 1985,
      hire_date: null,
      location: 'Oslo',
      active: true,
    });
  });

  it('round-trips an employee', () => {
    const employee: Employee = {
      employee_id: 'E2',
      full_name: 'Grace Hopper',
      email: 'grace@example.com',
      role: 'Admiral',
      department: 'Navy',
      manager_id: 'E1',
      manager_name: 'Ada Lovelace',
      birth_year: 1906,
      hire_date: '1943-12-01',
      location: null,
      active: false,
      completions: 3,
    };
    const { manager_name: _name, completions: _count, ...input } = employee;
    expect(employeeFormToInput(employeeToForm(employee))).toEqual(input);
  });
});

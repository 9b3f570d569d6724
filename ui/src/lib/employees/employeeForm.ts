// The employee form's state (strings, as inputs hold them) and its conversion to the
// contract's EmployeeInput, plus the obvious client-side checks. The core validates again and
// its field messages are shown in the same places.
import type { Employee, EmployeeInput } from '../api';
import { parseIsoDate } from '../format';
import { integerOrNull, requireFields, textOrNull, type FieldErrors } from '../forms';

export interface EmployeeFormState {
  employee_id: string;
  full_name: string;
  email: string;
  role: string;
  department: string;
  manager_id: string;
  birth_year: string;
  hire_date: string;
  location: string;
  active: boolean;
}

/** Field keys that have an input in the form (anything else goes to the form-level banner). */
export const EMPLOYEE_FIELDS: readonly (keyof EmployeeFormState)[] = [
  'employee_id',
  'full_name',
  'email',
  'role',
  'department',
  'manager_id',
  'birth_year',
  'hire_date',
  'location',
  'active',
];

export function blankEmployeeForm(): EmployeeFormState {
  return {
    employee_id: '',
    full_name: '',
    email: '',
    role: '',
    department: '',
    manager_id: '',
    birth_year: '',
    hire_date: '',
    location: '',
    active: true,
  };
}

export function employeeToForm(employee: Employee): EmployeeFormState {
  return {
    employee_id: employee.employee_id,
    full_name: employee.full_name,
    email: employee.email ?? '',
    role: employee.role,
    department: employee.department,
    manager_id: employee.manager_id ?? '',
    birth_year: employee.birth_year === null ? '' : String(employee.birth_year),
    hire_date: employee.hire_date ?? '',
    location: employee.location ?? '',
    active: employee.active,
  };
}

export function validateEmployeeForm(state: EmployeeFormState, currentYear = new Date().getFullYear()): FieldErrors {
  const errors = requireFields(state, ['employee_id', 'full_name', 'role', 'department']);
  const email = state.email.trim();
  if (email && !/^[^\s@]+@[^\s@]+$/.test(email)) errors.email = 'Enter an email address like name@example.com.';
  const year = state.birth_year.trim();
  if (year) {
    if (!/^\d{4}$/.test(year)) errors.birth_year = 'Enter a four-digit year, e.g. 1985.';
    else if (Number(year) > currentYear) errors.birth_year = 'Birth year cannot be in the future.';
  }
  if (state.hire_date.trim() && !parseIsoDate(state.hire_date.trim())) errors.hire_date = 'Enter a valid date.';
  const managerId = state.manager_id.trim();
  if (managerId && managerId === state.employee_id.trim()) errors.manager_id = 'An employee cannot be their own manager.';
  return errors;
}

export function employeeFormToInput(state: EmployeeFormState): EmployeeInput {
  return {
    employee_id: state.employee_id.trim(),
    full_name: state.full_name.trim(),
    email: textOrNull(state.email),
    role: state.role.trim(),
    department: state.department.trim(),
    manager_id: textOrNull(state.manager_id),
    birth_year: integerOrNull(state.birth_year),
    hire_date: textOrNull(state.hire_date),
    location: textOrNull(state.location),
    active: state.active,
  };
}

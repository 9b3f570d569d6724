// The one place that talks to the Rust side. Each function maps to one command in
// docs/ipc.md; arguments use the snake_case keys the commands declare.
import { invoke } from '@tauri-apps/api/core';
import { toApiError } from './errors';
import type { AppInfo } from './bindings/AppInfo';
import type { CohortInput } from './bindings/CohortInput';
import type { CohortResult } from './bindings/CohortResult';
import type { Completion } from './bindings/Completion';
import type { CompletionInput } from './bindings/CompletionInput';
import type { CompletionPage } from './bindings/CompletionPage';
import type { CompletionQuery } from './bindings/CompletionQuery';
import type { Employee } from './bindings/Employee';
import type { EmployeeInput } from './bindings/EmployeeInput';
import type { EmployeePage } from './bindings/EmployeePage';
import type { EmployeeQuery } from './bindings/EmployeeQuery';
import type { Facets } from './bindings/Facets';
import type { Program } from './bindings/Program';
import type { ProgramInput } from './bindings/ProgramInput';
import type { Stats } from './bindings/Stats';

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toApiError(reason);
  }
}

export const appInfo = (): Promise<AppInfo> => call('app_info');
export const stats = (): Promise<Stats> => call('stats');
export const facets = (): Promise<Facets> => call('facets');

export const listEmployees = (query: EmployeeQuery): Promise<EmployeePage> => call('list_employees', { query });
export const getEmployee = (employee_id: string): Promise<Employee> => call('get_employee', { employee_id });
export const createEmployee = (input: EmployeeInput): Promise<Employee> => call('create_employee', { input });
export const updateEmployee = (input: EmployeeInput): Promise<Employee> => call('update_employee', { input });
export const setEmployeeActive = (employee_id: string, active: boolean): Promise<Employee> =>
  call('set_employee_active', { employee_id, active });

export const listPrograms = (include_retired: boolean): Promise<Program[]> => call('list_programs', { include_retired });
export const createProgram = (input: ProgramInput): Promise<Program> => call('create_program', { input });
export const updateProgram = (input: ProgramInput): Promise<Program> => call('update_program', { input });
export const setProgramRetired = (program_id: string, retired: boolean): Promise<Program> =>
  call('set_program_retired', { program_id, retired });

export const listCompletions = (query: CompletionQuery): Promise<CompletionPage> => call('list_completions', { query });
export const employeeHistory = (employee_id: string): Promise<Completion[]> => call('employee_history', { employee_id });
export const logCompletion = (input: CompletionInput): Promise<Completion> => call('log_completion', { input });
export const logCohort = (input: CohortInput): Promise<CohortResult> => call('log_cohort', { input });
export const deleteCompletion = (id: number): Promise<null> => call('delete_completion', { id });

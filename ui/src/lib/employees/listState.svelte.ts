// The employee list's filters live outside the page component, so opening an employee and
// coming back finds the list where the user left it.
import { initialEmployeeListState, type EmployeeListState } from './employeeQuery';

export const employeeList: EmployeeListState = $state(initialEmployeeListState());

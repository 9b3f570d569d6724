// The employee list's filter/sort/page state and how it becomes an EmployeeQuery.
import type { EmployeeQuery, EmployeeSort } from '../api';
import type { SortState } from '../components/table';
import { textOrNull } from '../forms';

export const PAGE_SIZE = 50;

export interface EmployeeListState {
  search: string;
  department: string;
  role: string;
  includeInactive: boolean;
  sort: SortState<EmployeeSort>;
  offset: number;
}

export function initialEmployeeListState(): EmployeeListState {
  return {
    search: '',
    department: '',
    role: '',
    includeInactive: false,
    sort: { key: 'full_name', descending: false },
    offset: 0,
  };
}

export function toEmployeeQuery(state: EmployeeListState, limit = PAGE_SIZE): EmployeeQuery {
  return {
    search: textOrNull(state.search),
    department: textOrNull(state.department),
    role: textOrNull(state.role),
    manager_id: null,
    include_inactive: state.includeInactive,
    sort: state.sort.key,
    descending: state.sort.descending,
    offset: state.offset,
    limit,
  };
}

/** True when the list is narrowed by anything the user typed or picked. */
export function isFiltered(state: EmployeeListState): boolean {
  return Boolean(state.search.trim() || state.department || state.role);
}

/** Columns whose first click sorts largest / latest first. */
export const DESCENDING_FIRST: readonly EmployeeSort[] = ['completions', 'hire_date'];

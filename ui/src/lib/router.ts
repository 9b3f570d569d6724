// Hash routes (`#/employees/E123`). Hash routing needs no server support, which suits an app
// whose pages are served from Tauri's embedded assets.

export type Page = 'dashboard' | 'employees' | 'programs' | 'completions' | 'requirements' | 'compliance' | 'import' | 'history' | 'settings';

export type Route =
  | { page: Page; kind?: string }
  | { page: 'employee'; employeeId: string }
  | { page: 'history'; entity: string; key: string }
  | { page: 'people'; search: string }
  | { page: 'not_found'; path: string };

const PAGES: readonly Page[] = ['dashboard', 'employees', 'programs', 'completions', 'requirements', 'compliance', 'import', 'history', 'settings'];

function isPage(value: string): value is Page {
  return (PAGES as readonly string[]).includes(value);
}

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  if (path === '') return { page: 'dashboard' };
  // `#/people?generation=…&trained=no`: the people behind a figure (people/peopleQuery.ts).
  if (path === 'people' || path.startsWith('people?')) return { page: 'people', search: path.slice('people?'.length) };
  // `#/compliance?status=overdue`: the Compliance page with its action list on that status.
  if (path.startsWith('compliance?')) {
    const status = new URLSearchParams(path.slice('compliance?'.length)).get('status');
    return status ? { page: 'compliance', kind: status } : { page: 'compliance' };
  }
  const [head = '', ...rest] = path.split('/');
  if (rest.length === 0 && isPage(head)) return { page: head };
  // `#/import/requirements`: the Import page with that kind chosen.
  if (head === 'import' && rest.length === 1 && rest[0]) return { page: 'import', kind: rest[0] };
  // `#/history/employees/E0042`: the History page for one record.
  if (head === 'history' && rest.length === 2) {
    const entity = decode(rest[0] ?? '');
    const key = decode(rest[1] ?? '');
    if (entity && key) return { page: 'history', entity, key };
  }
  if (head === 'employees' && rest.length === 1) {
    const employeeId = decode(rest[0] ?? '');
    if (employeeId) return { page: 'employee', employeeId };
  }
  return { page: 'not_found', path };
}

export function pageHref(page: Page): string {
  return page === 'dashboard' ? '#/' : `#/${page}`;
}

/** The Import page with `kind` chosen. */
export function importHref(kind: string): string {
  return `#/import/${encodeURIComponent(kind)}`;
}

/** The Compliance page with its action list showing one status. */
export function complianceHref(status: string): string {
  return `#/compliance?status=${encodeURIComponent(status)}`;
}

/** The History page showing the trail of one record. */
export function recordHistoryHref(entity: string, key: string): string {
  return `#/history/${encodeURIComponent(entity)}/${encodeURIComponent(key)}`;
}

export function employeeHref(employeeId: string): string {
  return `#/employees/${encodeURIComponent(employeeId)}`;
}

/** Which sidebar entry a route belongs to (an employee's detail view sits under Employees). */
export function sectionOf(route: Route): Page | null {
  if (route.page === 'employee' || route.page === 'people') return 'employees';
  if (route.page === 'not_found') return null;
  return route.page;
}

/**
 * Reloads the window onto the Dashboard: after the window switched database files, the page it
 * was on (an employee, a filter) may not exist in the new one.
 */
export function reloadOnDashboard(): void {
  window.location.hash = pageHref('dashboard');
  window.location.reload();
}

// The dashboard's filters live outside the page, so going to an employee and coming back finds
// the dashboard as the user left it (for this session; nothing is stored).
import { initialDashboardFilters, type DashboardFilterState } from './dashboardQuery';

export const dashboardFilters: DashboardFilterState = $state(initialDashboardFilters());

/** Options of the report exports. */
export const exportOptions: { withNotes: boolean } = $state({ withNotes: false });

/**
 * How the dashboard is laid out for this session: whether the full filter form is open (the
 * compact bar with its chips is always shown) and which report panels are folded away.
 */
export const dashboardLayout: { filtersOpen: boolean; collapsed: Record<string, boolean> } = $state({
  filtersOpen: false,
  collapsed: {},
});

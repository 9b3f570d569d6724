import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { tauriCore } from '../testing/tauri';
import type { CoverageReport, CoverageRow, Dashboard, DashboardQuery, PersonMatch, ReportNotes, Stats } from '../api';

// The commands answer from fixtures; Chart.js needs a real canvas, so the chart is a stub here
// (its numbers are checked through generationChartData, and in the real window end to end).
const invoke = vi.fn();
const chart = { update: vi.fn(), highlight: vi.fn(), destroy: vi.fn() };
const createGenerationChart = vi.fn(() => chart);
vi.mock('@tauri-apps/api/core', () => tauriCore(invoke));
vi.mock('./generationChart', () => ({ createGenerationChart: (...args: unknown[]) => createGenerationChart(...(args as [])) }));

const { default: DashboardPage } = await import('./DashboardPage.svelte');
const { dashboardFilters, dashboardLayout } = await import('./dashboardState.svelte');
const { initialDashboardFilters } = await import('./dashboardQuery');
const { toasts } = await import('../components/toast.svelte');

const row = (groups: string[], headcount: number, trained: number | null, suppressed = false): CoverageRow => ({
  groups,
  headcount,
  trained: suppressed ? null : trained,
  coverage_pct: suppressed || trained === null ? null : Math.round((1000 * trained) / headcount) / 10,
  suppressed,
});

const notes: ReportNotes = {
  as_of: '2026-11-29',
  min_group: 5,
  filters: {
    skill_area: null, program_format: null, program_id: null, from: null, to: null,
    as_of: '2026-11-29', department: null, manager_id: null, include_inactive: false,
  },
  generations: [
    { label: 'Silent Generation', first_year: null, last_year: 1945 },
    { label: 'Baby Boomers', first_year: 1946, last_year: 1964 },
    { label: 'Gen X', first_year: 1965, last_year: 1980 },
    { label: 'Millennials', first_year: 1981, last_year: 1996 },
    { label: 'Gen Z', first_year: 1997, last_year: 2012 },
    { label: 'Gen Alpha', first_year: 2013, last_year: null },
  ],
  age_bands: [],
  lines: [
    'As of 2026-11-29: employees hired after it and completions after it are not counted.',
    'Completion filters: none.',
    'Generations by birth year (Pew Research Center): Silent Generation 1945 or earlier, …',
  ],
};

const report = (dims: CoverageReport['dims'], rows: CoverageRow[], total: CoverageRow): CoverageReport => ({
  dims,
  axes: dims.map((_, i) => [...new Set(rows.map((r) => r.groups[i] ?? ''))]),
  rows,
  total,
  notes,
});

function fixture(headcount = 490): Dashboard {
  const total = row([], headcount, 189);
  const generations = [
    row(['Silent Generation'], 2, null, true),
    row(['Baby Boomers'], 54, 11),
    row(['Gen X'], 148, 50),
    row(['Millennials'], 199, 94),
    row(['Gen Z'], 87, 34),
  ];
  const byGeneration = report(['generation'], generations, total);
  return {
    total,
    by_generation: byGeneration,
    by_role: report(['role'], [row(['Accountant'], 28, 7), row(['Data engineer'], 18, 9)], total),
    by_department: report(['department'], [row(['Data'], 55, 19), row(['Sales'], 41, null, true), row(['Executive'], 1, null, true)], total),
    role_by_generation: report(
      ['role', 'generation'],
      [row(['Accountant', 'Gen X'], 11, 2), row(['Accountant', 'Millennials'], 3, null, true), row(['Data engineer', 'Millennials'], 8, 4)],
      total,
    ),
    by_skill_area: report(['skill_area'], [row(['AI literacy'], headcount, 92), row(['Prompt engineering'], headcount, 110)], total),
    gaps_by_generation: {
      dim: 'generation',
      threshold: 10,
      total,
      rows: generations.map((r) => ({
        group: r.groups[0] ?? '',
        headcount: r.headcount,
        trained: r.trained,
        coverage_pct: r.coverage_pct,
        suppressed: r.suppressed,
        gap_pts: r.coverage_pct === null ? null : Math.round((r.coverage_pct - 38.6) * 10) / 10,
        flagged: r.coverage_pct !== null && r.coverage_pct - 38.6 <= -10,
      })),
      divide: { highest: 'Millennials', highest_pct: 47.2, lowest: 'Baby Boomers', lowest_pct: 20.4, gap_pts: 26.8, text: 'Millennials 47.2% vs Baby Boomers 20.4%: 26.8 points' },
      notes,
    },
    notes,
  };
}

const filled: Stats = { employees_active: 490, employees_inactive: 10, programs: 12, programs_retired: 0, completions: 388 };
const empty: Stats = { employees_active: 0, employees_inactive: 0, programs: 0, programs_retired: 0, completions: 0 };

// What search_people finds: ids, names and e-mails containing the text, ignoring case.
const people: PersonMatch[] = [
  { employee_id: 'E00002', full_name: 'Maya Haddad', email: 'maya@example.org', role: 'Head of Data', department: 'Data', active: true },
  { employee_id: 'E9', full_name: 'Gus Gone', email: null, role: 'Clerk', department: 'Sales', active: false },
];
const searchPeople = (text: string): PersonMatch[] =>
  people.filter((p) => [p.employee_id, p.full_name, p.email ?? ''].some((f) => f.toLowerCase().includes(text.trim().toLowerCase())));

let stats: Stats = filled;
let answer: (query: DashboardQuery) => Dashboard = () => fixture();

/** The full filter form opens from the compact filter bar. */
async function openFilters(): Promise<void> {
  await fireEvent.click(screen.getByTestId('filters-toggle'));
}

beforeEach(() => {
  invoke.mockReset();
  createGenerationChart.mockClear();
  chart.highlight.mockClear();
  toasts.splice(0);
  Object.assign(dashboardFilters, initialDashboardFilters());
  Object.assign(dashboardLayout, { filtersOpen: false, collapsed: {} });
  stats = filled;
  answer = () => fixture();
  invoke.mockImplementation(async (command: string, args?: { query?: DashboardQuery; text?: string }) => {
    switch (command) {
      case 'stats':
        return stats;
      case 'facets':
        return { departments: ['Data', 'Executive', 'Sales'], roles: [], locations: [], skill_areas: ['AI literacy'] };
      case 'list_programs':
        return [];
      case 'list_employees':
        return { rows: [], total: 0 };
      case 'search_people':
        return searchPeople(args?.text ?? '');
      case 'get_employee':
        throw { kind: 'not_found', message: 'not in this fixture', fields: [] };
      case 'dashboard':
        return answer(args?.query as DashboardQuery);
      case 'open_demo':
        stats = filled;
        return '/data/upskill-demo.db';
      default:
        throw { kind: 'internal', message: `unexpected ${command}`, fields: [] };
    }
  });
});

describe('DashboardPage', () => {
  it('shows overall coverage, the generations with "fewer than k", and the divide in words', async () => {
    render(DashboardPage);
    const overall = await screen.findByTestId('dash-overall');
    expect(overall.textContent).toContain('38.6%');
    // The reports are drawn a frame after the headline.
    expect(screen.queryByTestId('panel-by-generation')).toBeNull();
    await screen.findByTestId('panel-by-generation');
    expect(overall.textContent).toMatch(/of\s+490\s+active employees trained in AI/);
    expect(screen.getByTestId('dash-headcount').textContent).toBe('490');

    const rows = screen.getAllByTestId('gen-row');
    expect(rows.map((r) => r.dataset.group)).toEqual(['Silent Generation', 'Baby Boomers', 'Gen X', 'Millennials', 'Gen Z']);
    const pct = (group: string): string | null | undefined =>
      rows.find((r) => r.dataset.group === group)?.querySelector('[data-testid="gen-pct"]')?.textContent;
    expect(pct('Silent Generation')).toBe('fewer than 5');
    expect(pct('Millennials')).toBe('47.2%');
    expect(rows[1]?.querySelector('[data-testid="gen-headcount"]')?.textContent).toBe('54');

    expect(screen.getByTestId('divide').textContent).toBe('Millennials 47.2% vs Baby Boomers 20.4%: 26.8 points');
    await waitFor(() => expect(createGenerationChart).toHaveBeenCalledTimes(1));
    expect(screen.getByTestId('gen-chart').getAttribute('tabindex')).toBe('0');
  });

  it('flags the left-behind, keeps hidden cells uncoloured, and states the definitions', async () => {
    render(DashboardPage);
    await screen.findByTestId('panel-gaps');
    const flagged = screen.getAllByTestId('gap-row').filter((r) => r.dataset.flagged === 'true');
    expect(flagged.map((r) => r.dataset.group)).toEqual(['Baby Boomers']);

    const cells = screen.getAllByTestId('heat-cell');
    const hidden = cells.find((c) => c.dataset.role === 'Accountant' && c.dataset.generation === 'Millennials');
    expect(hidden?.className).toContain('hidden');
    expect(hidden?.className).not.toMatch(/heat-\d/);
    expect(hidden?.textContent).toContain('fewer than 5');
    const shown = cells.find((c) => c.dataset.role === 'Accountant' && c.dataset.generation === 'Gen X');
    expect(shown?.className).toContain('heat-1');

    const sales = within(screen.getByTestId('dept-table')).getAllByTestId('dept-row').find((r) => r.dataset.group === 'Sales');
    expect(sales?.textContent).toContain('hidden');

    const about = screen.getByTestId('about-numbers');
    expect(about.textContent).toContain('Baby Boomers');
    expect(about.textContent).toContain('1946–1964');
    expect(about.textContent).toContain('As of 2026-11-29');
    expect(about.textContent).not.toContain('Generations by birth year');
  });

  it('re-asks the core for a manager’s team once their name is typed, and shows the narrower headcount', async () => {
    answer = (query) => (query.filters.manager_id === 'E00002' ? fixture(57) : fixture());
    render(DashboardPage);
    await screen.findByTestId('dash-overall');
    await openFilters();
    const manager = screen.getByTestId('filter-manager') as HTMLInputElement;
    expect(manager.name).toBe('filter_manager_id');
    await fireEvent.focus(manager);
    await fireEvent.input(manager, { target: { value: 'maya haddad' } });
    await waitFor(() => expect(screen.getByTestId('dash-headcount').textContent).toBe('57'));
    const asked = invoke.mock.calls.filter(([command]) => command === 'dashboard').map(([, args]) => (args as { query: DashboardQuery }).query);
    expect(asked.at(-1)?.filters.manager_id).toBe('E00002');
    // The Dashboard pools small groups unless told not to.
    expect(asked.at(-1)?.pool_small).toBe(true);
    // One query for the first answer, one once the typing paused.
    expect(asked).toHaveLength(2);
    // Once left, the field shows the name and the hint the id.
    await fireEvent.blur(manager);
    expect(manager.value).toBe('Maya Haddad');
    expect(screen.getByText('E00002 · Head of Data, Data', { selector: '.hint' })).toBeTruthy();
  });

  it('names typed text that is no one when the field is left, and drops that error on the next edit', async () => {
    render(DashboardPage);
    await screen.findByTestId('dash-overall');
    await openFilters();
    const manager = screen.getByTestId('filter-manager') as HTMLInputElement;
    await fireEvent.focus(manager);
    await fireEvent.input(manager, { target: { value: 'Nobody' } });
    await fireEvent.blur(manager);
    expect(await screen.findByText("no employee matches 'Nobody'")).toBeTruthy();
    expect(manager.getAttribute('aria-invalid')).toBe('true');
    await fireEvent.focus(manager);
    await fireEvent.input(manager, { target: { value: 'Nobod' } });
    expect(screen.queryByText("no employee matches 'Nobody'")).toBeNull();
    expect(manager.getAttribute('aria-invalid')).toBeNull();
  });

  it('asks again with a new k, and holds back one that is not a count', async () => {
    render(DashboardPage);
    await screen.findByTestId('dash-overall');
    await openFilters();
    const k = screen.getByTestId('filter-min-group') as HTMLInputElement;
    await fireEvent.input(k, { target: { value: '10' } });
    const asked = (): DashboardQuery[] =>
      invoke.mock.calls.filter(([command]) => command === 'dashboard').map(([, args]) => (args as { query: DashboardQuery }).query);
    await waitFor(() => expect(asked().at(-1)?.min_group).toBe(10));
    await fireEvent.input(k, { target: { value: 'ten' } });
    expect(await screen.findByText('A whole number from 0 (no suppression) to 1000.')).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(asked().at(-1)?.min_group).toBe(10);
  });

  it('shows an unknown manager as the core says it, next to the field', async () => {
    answer = (query) => {
      if (query.filters.manager_id) throw { kind: 'invalid', message: 'manager_id: nope', fields: [{ field: 'manager_id', message: "there is no employee with id 'E9'" }] };
      return fixture();
    };
    render(DashboardPage);
    await screen.findByTestId('dash-overall');
    // E9 exists (the picker finds them), but the core has its own reasons to refuse.
    await openFilters();
    await fireEvent.input(screen.getByTestId('filter-manager'), { target: { value: 'E9' } });
    const error = await screen.findByText("there is no employee with id 'E9'");
    expect(error).toBeTruthy();
    expect(screen.getByTestId('dashboard-stale')).toBeTruthy();
  });

  it('puts the answer first and the filters in a compact bar, the form closed', async () => {
    render(DashboardPage);
    const overall = await screen.findByTestId('dash-overall');
    const bar = screen.getByTestId('filters-toggle');
    // The headline comes before the filter bar and the counts in the page's order.
    expect(overall.compareDocumentPosition(bar) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(bar.compareDocumentPosition(screen.getByTestId('stat-employees-active')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(bar.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByTestId('filter-department')).toBeNull();
    expect(screen.getByTestId('dashboard-chips').textContent).toContain('Everyone active');
    await openFilters();
    expect(bar.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByTestId('filter-department')).toBeTruthy();
  });

  it('shows an applied filter as a chip, and removing the chip asks again without it', async () => {
    answer = (query) => (query.filters.department === 'Data' ? fixture(57) : fixture());
    render(DashboardPage);
    await screen.findByTestId('dash-overall');
    await openFilters();
    await fireEvent.change(screen.getByTestId('filter-department'), { target: { value: 'Data' } });
    await waitFor(() => expect(screen.getByTestId('dash-headcount').textContent).toBe('57'));
    const chip = screen.getByTestId('dashboard-chip');
    expect(chip.textContent).toContain('Department: Data');
    expect(screen.getByTestId('filters-toggle').textContent).toContain('(1)');
    await fireEvent.click(within(chip).getByRole('button', { name: 'Remove Department: Data' }));
    await waitFor(() => expect(screen.getByTestId('dash-headcount').textContent).toBe('490'));
    expect(screen.queryByTestId('dashboard-chip')).toBeNull();
    expect(dashboardFilters.department).toBe('');
  });

  it('folds a report away and back, and the fold lasts while the page is away', async () => {
    const first = render(DashboardPage);
    const panel = await screen.findByTestId('panel-by-role');
    const fold = within(panel).getByTestId('fold');
    expect(fold.getAttribute('aria-expanded')).toBe('true');
    expect(within(panel).queryByTestId('role-table')).toBeTruthy();
    await fireEvent.click(fold);
    expect(fold.getAttribute('aria-expanded')).toBe('false');
    expect(within(panel).queryByTestId('role-table')).toBeNull();
    first.unmount();
    render(DashboardPage);
    const again = await screen.findByTestId('panel-by-role');
    expect(within(again).getByTestId('fold').getAttribute('aria-expanded')).toBe('false');
    await fireEvent.click(within(again).getByTestId('fold'));
    expect(within(again).queryByTestId('role-table')).toBeTruthy();
  });

  it('offers the demo on an empty database, in a file of its own, and reloads onto it', async () => {
    stats = empty;
    const reload = vi.fn();
    render(DashboardPage, { reload });
    expect((await screen.findByTestId('dashboard-empty')).textContent).toContain('Import your data');
    expect(screen.getByTestId('import-data').getAttribute('href')).toBe('#/import');
    await fireEvent.click(screen.getByTestId('open-demo'));
    await waitFor(() => expect(reload).toHaveBeenCalledTimes(1));
    expect(invoke).toHaveBeenCalledWith('open_demo', undefined);
    expect(toasts).toEqual([]);
  });

  it('lets the keyboard step through the chart’s bars and reads each one out', async () => {
    render(DashboardPage);
    const region = await screen.findByTestId('gen-chart');
    // The chart's code is loaded when it is first drawn.
    await waitFor(() => expect(createGenerationChart).toHaveBeenCalled());
    await fireEvent.keyDown(region, { key: 'ArrowRight' });
    expect(chart.highlight).toHaveBeenLastCalledWith(0);
    expect(region.textContent).toContain('Silent Generation: fewer than 5, 2 people.');
    await fireEvent.keyDown(region, { key: 'End' });
    expect(chart.highlight).toHaveBeenLastCalledWith(4);
    await fireEvent.keyDown(region, { key: 'ArrowLeft' });
    expect(region.textContent).toContain('Millennials: 47.2% trained, 199 people.');
    await fireEvent.keyDown(region, { key: 'Home' });
    expect(region.textContent).toContain('Silent Generation');
    await fireEvent.keyDown(region, { key: 'ArrowRight' });
    expect(region.textContent).toContain('Baby Boomers: 20.4% trained, 54 people, flagged as left behind.');
  });

  it('every report panel has its Export button', async () => {
    render(DashboardPage);
    await screen.findByTestId('panel-heatmap');
    const reports = screen.getAllByTestId('export-report').map((b) => b.dataset.report);
    expect(reports.sort()).toEqual(['by_department', 'by_generation', 'by_role', 'by_skill_area', 'gaps_by_generation', 'role_by_generation']);
  });
});

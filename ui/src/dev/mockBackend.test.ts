// Every page of the app, mounted whole (App.svelte) against the dev mock backend in jsdom: what
// `npm run dev:mock` shows in a browser. A page that sends a command the mock rejects, shows an
// error, or never finishes loading fails here.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks } from '@tauri-apps/api/mocks';
import { afterEach, describe, expect, it, vi } from 'vitest';

// Chart.js needs a real canvas; the chart's numbers are checked elsewhere (generationChartData).
vi.mock('../lib/dashboard/generationChart', () => ({
  createGenerationChart: () => ({ update: () => undefined, highlight: () => undefined, destroy: () => undefined }),
}));

const { default: App } = await import('../App.svelte');
const { installMockBackend } = await import('./mockBackend');
const { toasts } = await import('../lib/components/toast.svelte');

const ROUTES = [
  '#/',
  '#/employees',
  '#/employees/E0007',
  '#/people?generation=Gen%20X&trained=no',
  '#/programs',
  '#/completions',
  '#/requirements',
  '#/compliance',
  '#/compliance?status=overdue',
  '#/import',
  '#/import/completions',
  '#/history',
  '#/history/employees/E0007',
  '#/settings',
];

// jsdom has no layout: App scrolls the new page to the top on navigation.
HTMLElement.prototype.scrollTo ??= () => undefined;

afterEach(async () => {
  // Unmount first: the pages stop listening (asynchronously) before the mock is cleared.
  cleanup();
  await new Promise((resolve) => setTimeout(resolve, 0));
  clearMocks();
  toasts.splice(0, toasts.length);
  window.location.hash = '';
});

async function open(route: string, empty = false): Promise<{ rejected: string[]; calls: string[] }> {
  const rejected: string[] = [];
  installMockBackend({ empty, latencyMs: 0, stepMs: 0, onRejected: (command, reason) => rejected.push(`${command}: ${JSON.stringify(reason)}`) });
  const calls: string[] = [];
  const internals = (window as unknown as { __TAURI_INTERNALS__: { invoke: (cmd: string, ...rest: unknown[]) => unknown } }).__TAURI_INTERNALS__;
  const invoke = internals.invoke;
  internals.invoke = (cmd, ...rest) => {
    calls.push(cmd);
    return invoke(cmd, ...rest);
  };
  window.location.hash = route;
  render(App);
  // The page is there once the start-up check passed and its title shows.
  await screen.findByTestId('page-title', {}, { timeout: 3000 });
  await waitFor(() => expect(document.body.textContent ?? '').not.toMatch(/Loading|Opening the database/), { timeout: 3000 });
  // Let the panels that load after the first answers settle.
  await new Promise((resolve) => setTimeout(resolve, 100));
  return { rejected, calls };
}

describe.each([false, true])('every page against the mock backend (empty record: %s)', (empty) => {
  it.each(ROUTES)('%s renders without an error', async (route) => {
    const { rejected, calls } = await open(route, empty);
    // A route that never asks the backend for anything would pass vacuously.
    expect(calls.filter((c) => !c.startsWith('plugin:') && c !== 'startup_status').length).toBeGreaterThan(0);
    // On the empty record the detail pages are meant to say "not found".
    const expected = empty && /E0007/.test(route) ? rejected.filter((r) => !r.includes('not_found')) : rejected;
    expect(expected).toEqual([]);
    expect(toasts.filter((t) => t.kind === 'error').map((t) => t.message)).toEqual([]);
    if (!(empty && /E0007/.test(route))) {
      const alerts = [...document.querySelectorAll('[role="alert"], [data-testid="error-banner"]')].map((a) => a.textContent?.trim());
      expect(alerts).toEqual([]);
    }
    expect(document.body.textContent).not.toMatch(/Page not found/);
  });
});

describe('the Dashboard against the mock backend', () => {
  const number = (testid: string): number => Number((screen.getAllByTestId(testid)[0]?.textContent ?? '').replace(/\D/g, ''));

  it('counts the same people in its stats and its coverage', async () => {
    await open('#/');
    await screen.findByTestId('dash-overall', {}, { timeout: 3000 });
    // Everyone active was hired before today in the seed: the two commands must agree.
    expect(number('dash-headcount')).toBeGreaterThan(0);
    expect(number('dash-headcount')).toBe(number('stat-employees-active'));
  });

  it('opens the demo from the empty record', async () => {
    const { rejected, calls } = await open('#/', true);
    await fireEvent.click(screen.getByTestId('open-demo'));
    await waitFor(() => expect(calls).toContain('open_demo'));
    expect(rejected).toEqual([]);
  });
});

describe('the Import page against the mock backend', () => {
  it('checks a file, imports it with progress, and says what it did', async () => {
    const { rejected, calls } = await open('#/import');
    await fireEvent.input(screen.getByTestId('import-path'), { target: { value: '/home/you/people.csv' } });
    await fireEvent.click(screen.getByTestId('import-check'));
    await fireEvent.click(await screen.findByTestId('import-confirm', {}, { timeout: 3000 }));
    await screen.findByTestId('import-summary', {}, { timeout: 3000 });
    expect(calls).toEqual(expect.arrayContaining(['import_preview', 'import_file']));
    expect(rejected).toEqual([]);
    expect(document.querySelectorAll('[role="alert"]')).toHaveLength(0);
  });
});

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { nativeDialogs, tauriCore } from '../testing/tauri';
import type { DashboardQuery, Filters } from '../api';
import { noFilters } from './dashboardQuery';

// The native dialog and the commands are mocked: this is the flow between them.
const chooseFileToSave = vi.fn();
const invoke = vi.fn();
vi.mock('../api/dialogs', () => nativeDialogs({ chooseFileToSave }));
vi.mock('@tauri-apps/api/core', () => tauriCore(invoke));

const { exportReport, filterSlug, reportExportedMessage, slug, suggestedReportName } = await import('./reportExport');
const { updatePreferences } = await import('../settings/preferences');
const { ApiError } = await import('../api');

beforeEach(() => {
  chooseFileToSave.mockReset();
  invoke.mockReset();
  localStorage.clear();
});

// 29 Nov 2026, 23:30 local time: still the 29th here, already the 30th in UTC.
const lateEvening = new Date(2026, 10, 29, 23, 30);

const none: Filters = noFilters();

const query = (filters: Partial<Filters> = {}): DashboardQuery => ({ filters: { ...none, ...filters }, min_group: 5, threshold: 10, pool_small: true });

describe('suggestedReportName', () => {
  it('names the report and today in local time', () => {
    expect(suggestedReportName('by_generation', none, 'comma', lateEvening)).toBe('coverage-by-generation-2026-11-29.csv');
    expect(suggestedReportName('gaps_by_generation', none, 'semicolon', lateEvening)).toBe('gaps-by-generation-2026-11-29.csv');
    expect(suggestedReportName('role_by_generation', none, 'comma', lateEvening)).toBe('coverage-by-role-and-generation-2026-11-29.csv');
  });

  it('says which filters were on', () => {
    const filters: Filters = { ...none, department: 'Customer Support', manager_id: 'E00002', as_of: '2026-06-30' };
    expect(suggestedReportName('by_role', filters, 'comma', lateEvening)).toBe(
      'coverage-by-role-customer-support-team-e00002-as-of-2026-06-30-2026-11-29.csv',
    );
    expect(
      filterSlug({
        ...none,
        skill_area: 'GPU & high-density infrastructure',
        program_format: 'hands_on_lab',
        program_id: 'NV-DLI',
        from: '2025-01-01',
        to: '2025-12-31',
        include_inactive: true,
      }),
    ).toBe('gpu-and-high-density-infrastructure-hands-on-lab-program-nv-dli-from-2025-01-01-to-2025-12-31-incl-inactive');
  });

  it('keeps names safe and short on every system', () => {
    expect(slug('Sécurité / R&D: "Tier 1"')).toBe('securite-r-and-d-tier-1');
    const long = suggestedReportName('by_skill_area', { ...none, department: 'x'.repeat(300) }, 'comma', lateEvening);
    expect(long.length).toBeLessThanOrEqual(120 + '-2026-11-29.csv'.length);
    expect(long).toMatch(/^coverage-by-skill-area-x+-2026-11-29\.csv$/);
  });

  it('gives tab-separated files the extension spreadsheets expect', () => {
    expect(suggestedReportName('by_department', none, 'tab', lateEvening)).toBe('coverage-by-department-2026-11-29.tsv');
  });
});

describe('reportExportedMessage', () => {
  it('names the report, the rows and the path', () => {
    expect(reportExportedMessage('by_generation', { path: '/tmp/g.csv', rows: 4 })).toBe(
      'Exported coverage by generation (4 rows) to /tmp/g.csv.',
    );
    expect(reportExportedMessage('gaps_by_generation', { path: 'C:\\r\\g.csv', rows: 1 })).toBe(
      'Exported gaps by generation (1 row) to C:\\r\\g.csv.',
    );
  });
});

describe('exportReport', () => {
  it('asks where to save, then exports the panel’s report with the filters shown and the delimiter from Settings', async () => {
    updatePreferences({ csvDelimiter: 'semicolon' });
    chooseFileToSave.mockResolvedValue('/home/ada/by-role.csv');
    invoke.mockResolvedValue({ path: '/home/ada/by-role.csv', rows: 30 });
    const shown = query({ department: 'Data' });
    await expect(exportReport('by_role', shown, true, lateEvening)).resolves.toEqual({ path: '/home/ada/by-role.csv', rows: 30 });
    expect(chooseFileToSave).toHaveBeenCalledWith('Export coverage by role', 'coverage-by-role-data-2026-11-29.csv');
    expect(invoke).toHaveBeenCalledWith('export_coverage', {
      query: { dims: ['role'], filters: shown.filters, min_group: 5 },
      options: { pool_small: true },
      path: '/home/ada/by-role.csv',
      delimiter: 'semicolon',
      with_notes: true,
    });
  });

  it('exports the gap list through export_gaps', async () => {
    chooseFileToSave.mockResolvedValue('/tmp/gaps.csv');
    invoke.mockResolvedValue({ path: '/tmp/gaps.csv', rows: 4 });
    await exportReport('gaps_by_generation', query(), false, lateEvening);
    expect(invoke).toHaveBeenCalledWith('export_gaps', {
      query: { dim: 'generation', filters: none, min_group: 5, threshold: 10 },
      options: { pool_small: true },
      path: '/tmp/gaps.csv',
      delimiter: 'comma',
      with_notes: false,
    });
  });

  it('writes nothing when the dialog is cancelled', async () => {
    chooseFileToSave.mockResolvedValue(null);
    await expect(exportReport('by_generation', query(), false, lateEvening)).resolves.toBeNull();
    expect(invoke).not.toHaveBeenCalled();
  });

  it('passes on the core error when the file cannot be written', async () => {
    chooseFileToSave.mockResolvedValue('/read-only/x.csv');
    invoke.mockRejectedValue({ kind: 'io', message: '/read-only/x.csv: permission denied', fields: [] });
    const error = await exportReport('by_department', query(), false, lateEvening).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as Error).message).toBe('/read-only/x.csv: permission denied');
  });
});

import { describe, expect, it } from 'vitest';
import { complianceHref, employeeHref, pageHref, parseRoute, recordHistoryHref, sectionOf } from './router';

describe('parseRoute', () => {
  it('maps the empty hash to the dashboard', () => {
    expect(parseRoute('')).toEqual({ page: 'dashboard' });
    expect(parseRoute('#/')).toEqual({ page: 'dashboard' });
    expect(parseRoute('#')).toEqual({ page: 'dashboard' });
  });

  it('parses section pages', () => {
    expect(parseRoute('#/employees')).toEqual({ page: 'employees' });
    expect(parseRoute('#/programs/')).toEqual({ page: 'programs' });
    expect(parseRoute('#/settings')).toEqual({ page: 'settings' });
  });

  it('parses employee detail with encoded ids', () => {
    expect(parseRoute('#/employees/E123')).toEqual({ page: 'employee', employeeId: 'E123' });
    expect(parseRoute(employeeHref('A/B 7'))).toEqual({ page: 'employee', employeeId: 'A/B 7' });
  });

  it('reports unknown paths', () => {
    expect(parseRoute('#/nope')).toEqual({ page: 'not_found', path: 'nope' });
    expect(parseRoute('#/employees/%E0%A4%A')).toEqual({ page: 'not_found', path: 'employees/%E0%A4%A' });
  });
});

describe('hrefs and sections', () => {
  it('builds hrefs', () => {
    expect(pageHref('dashboard')).toBe('#/');
    expect(pageHref('import')).toBe('#/import');
  });

  it('puts employee detail under Employees', () => {
    expect(sectionOf({ page: 'employee', employeeId: 'x' })).toBe('employees');
    expect(sectionOf({ page: 'not_found', path: 'x' })).toBeNull();
    expect(sectionOf({ page: 'programs' })).toBe('programs');
  });
});

describe('the History of one record', () => {
  it('round-trips an entity and a key with slashes and spaces', () => {
    const href = recordHistoryHref('completions', 'E1/P 2/2026-01-31');
    expect(parseRoute(href)).toEqual({ page: 'history', entity: 'completions', key: 'E1/P 2/2026-01-31' });
    expect(parseRoute('#/history')).toEqual({ page: 'history' });
    expect(sectionOf({ page: 'history', entity: 'employees', key: 'E1' })).toBe('history');
  });
});

describe('the people behind a figure', () => {
  it('keeps the query string whole and sits under Employees', () => {
    expect(parseRoute('#/people?generation=Baby%20Boomers&trained=no')).toEqual({
      page: 'people',
      search: 'generation=Baby%20Boomers&trained=no',
    });
    expect(parseRoute('#/people')).toEqual({ page: 'people', search: '' });
    expect(sectionOf({ page: 'people', search: '' })).toBe('employees');
  });
});

describe('the Compliance page on one status', () => {
  it('carries the status as the route kind', () => {
    expect(parseRoute(complianceHref('overdue'))).toEqual({ page: 'compliance', kind: 'overdue' });
    expect(parseRoute('#/compliance?x=1')).toEqual({ page: 'compliance' });
  });
});

import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../api';
import {
  baseName,
  encodingLabel,
  figures,
  importPlan,
  isFileRefused,
  kindHint,
  problemText,
  problemWhere,
  progressFraction,
  progressText,
  summaryHeadline,
  templateFileName,
} from './importView';

function report(over: Partial<ImportReport> = {}): ImportReport {
  return {
    kind: 'employees',
    file: '/home/ada/Downloads/hr export.csv',
    encoding: 'utf8',
    bom: false,
    delimiter: 'comma',
    date_format: 'iso',
    dry_run: true,
    outcome: 'dry_run',
    columns: ['employee_id', 'full_name', 'role', 'department'],
    ignored_columns: [],
    warnings: [],
    rows: 10,
    inserted: 6,
    updated: 3,
    unchanged: 1,
    rejected: 0,
    problems: [],
    problems_omitted: 0,
    preview_columns: ['employee_id', 'full_name', 'role', 'department'],
    preview: [],
    header_line: 1,
    mapping: [],
    mapping_name: null,
    notes: [],
    skipped: 0,
    ...over,
  };
}

const problem = (line: number, column: string, message: string) => ({ file: '/data/hr.csv', line, column, message });

describe('importPlan', () => {
  it('imports a clean file, counting every valid row', () => {
    expect(importPlan(report())).toEqual({ kind: 'all', valid: 10, label: 'Import 10 rows' });
    expect(importPlan(report({ rows: 1, inserted: 1, updated: 0, unchanged: 0 }))).toMatchObject({ label: 'Import 1 row' });
  });

  it('offers to skip invalid rows, naming both counts', () => {
    const plan = importPlan(
      report({ outcome: 'rejected', rows: 10, inserted: 5, updated: 1, unchanged: 1, rejected: 3, problems: [problem(4, 'email', 'not an email')] }),
    );
    expect(plan).toEqual({ kind: 'skip', valid: 7, invalid: 3, label: 'Import the 7 valid rows, skip 3 invalid' });
    expect(importPlan(report({ outcome: 'rejected', rows: 2, inserted: 1, updated: 0, unchanged: 0, rejected: 1 }))).toMatchObject({
      label: 'Import the 1 valid row, skip 1 invalid',
    });
  });

  it('has nothing to write when every row is already there, or every row is invalid', () => {
    expect(importPlan(report({ inserted: 0, updated: 0, unchanged: 10 }))).toMatchObject({ kind: 'nothing', reason: expect.stringContaining('already in Upskill') });
    expect(importPlan(report({ outcome: 'rejected', inserted: 0, updated: 0, unchanged: 0, rejected: 10 }))).toMatchObject({
      kind: 'nothing',
      reason: expect.stringContaining('Every row has a problem'),
    });
    expect(importPlan(report({ rows: 0, inserted: 0, updated: 0, unchanged: 0 }))).toMatchObject({ reason: 'The file has no rows to import.' });
  });

  it('refuses a file the core refused as a whole', () => {
    // A required column is missing: no row was read.
    const missing = report({ outcome: 'rejected', rows: 0, inserted: 0, updated: 0, unchanged: 0, problems: [problem(1, 'role', 'missing')] });
    expect(isFileRefused(missing)).toBe(true);
    expect(importPlan(missing)).toEqual({ kind: 'refused' });
    // A broken record stopped the read: valid rows were counted but not written.
    const broken = report({ outcome: 'rejected', rows: 5, inserted: 0, updated: 0, unchanged: 0, rejected: 1, problems: [problem(6, '', 'unclosed quote')] });
    expect(importPlan(broken)).toEqual({ kind: 'refused' });
    expect(isFileRefused(report({ outcome: 'rejected', problems: [problem(0, '', 'the file is empty')] }))).toBe(true);
    expect(isFileRefused(report())).toBe(false);
  });
});

describe('figures', () => {
  it('shows the preview counts, invalid in red only when there are some', () => {
    const shown = figures(report({ rejected: 2 }));
    expect(shown.map((f) => [f.id, f.label, f.value])).toEqual([
      ['new', 'New', 6],
      ['updated', 'Will update', 3],
      ['unchanged', 'Unchanged', 1],
      ['invalid', 'Invalid', 2],
    ]);
    expect(shown[3]?.tone).toBe('bad');
    expect(figures(report())[3]?.tone).toBe('neutral');
  });

  it('says what happened in a summary', () => {
    expect(figures(report({ outcome: 'imported' }), true).map((f) => f.label)).toEqual(['Added', 'Updated', 'Unchanged', 'Skipped (invalid)']);
  });
});

describe('labels', () => {
  it('names encodings and the byte order mark', () => {
    expect(encodingLabel('utf8', true)).toBe('UTF-8 with BOM');
    expect(encodingLabel('windows1252', false)).toBe('Windows-1252');
    expect(encodingLabel('utf16_le', true)).toBe('UTF-16 (little-endian) with BOM');
  });

  it('locates problems as the CLI does', () => {
    expect(problemWhere(problem(12, 'email', 'x'))).toBe('Line 12');
    expect(problemWhere(problem(0, '', 'x'))).toBe('Whole file');
    expect(problemText(problem(12, 'email', 'not an email'))).toBe('hr.csv:12: email: not an email');
    expect(problemText(problem(3, '', 'same key as line 2'))).toBe('hr.csv:3: same key as line 2');
    expect(problemText({ ...problem(0, '', 'the file is empty'), file: 'C:\\Users\\ada\\hr.csv' })).toBe('hr.csv: the file is empty');
  });

  it('takes base names of either platform', () => {
    expect(baseName('/a/b/c.csv')).toBe('c.csv');
    expect(baseName('C:\\a\\c.csv')).toBe('c.csv');
    expect(baseName('c.csv')).toBe('c.csv');
  });

  it('summarises an import', () => {
    expect(summaryHeadline(report({ outcome: 'imported', rejected: 2 }))).toBe(
      'Imported 10 employees from hr export.csv: 6 added, 3 updated, 1 unchanged, 2 skipped.',
    );
    expect(summaryHeadline(report({ kind: 'programs', rows: 1, inserted: 1, updated: 0, unchanged: 0 }))).toBe(
      'Imported 1 program from hr export.csv: 1 added, 0 updated.',
    );
  });

  it('suggests template names and says which columns a kind needs', () => {
    expect(templateFileName('completions')).toBe('completions-template.csv');
    expect(kindHint('programs')).toBe('Needs program_id, title, skill_area, format; may have provider, hours, validity_months.');
  });
});

describe('progress', () => {
  const at = (phase: 'checking' | 'writing' | 'saving', bytes_read: number, rows = 0) => ({ phase, rows, bytes_read, total_bytes: 1000 });

  it('runs checking over the first half and writing over the second', () => {
    expect(progressFraction(at('checking', 0), 'employees')).toBe(0);
    expect(progressFraction(at('checking', 500), 'employees')).toBe(0.25);
    expect(progressFraction(at('writing', 1000), 'employees')).toBe(1);
  });

  it('leaves the last tenth of a completions import to saving', () => {
    expect(progressFraction(at('writing', 1000), 'completions')).toBeCloseTo(0.9);
    expect(progressFraction(at('saving', 1000, 50), 'completions', 100)).toBeCloseTo(0.95);
    expect(progressFraction(at('saving', 1000, 500), 'completions', 100)).toBe(1);
  });

  it('copes with an empty file', () => {
    expect(progressFraction({ phase: 'checking', rows: 0, bytes_read: 0, total_bytes: 0 }, 'programs')).toBe(0.5);
  });

  it('says which pass it is on', () => {
    expect(progressText(at('writing', 10, 12000))).toBe('Writing… 12,000 rows');
    expect(progressText(at('checking', 10, 1))).toBe('Checking the rows… 1 row');
  });
});

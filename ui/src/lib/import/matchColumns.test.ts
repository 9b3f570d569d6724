import { describe, expect, it } from 'vitest';
import type { ImportColumns, ImportKind } from '../api';
import { draftOf, fieldLabel, formOf, missingRequired, needsMatching, undecidedWords, wordEffect } from './matchColumns';

function info(kind: ImportKind, over: Partial<ImportColumns> = {}): ImportColumns {
  const fields =
    kind === 'employees'
      ? ['employee_id', 'full_name', 'role', 'department', 'email', 'manager_id', 'birth_year', 'hire_date', 'location', 'active']
      : ['employee_id', 'program_id', 'completed_on', 'score', 'certificate_id'];
  return {
    kind,
    header_line: 1,
    columns: [
      { name: 'Staff No', letter: 'A', samples: ['A-1'], recognised: null },
      { name: 'Given', letter: 'B', samples: ['Ada'], recognised: null },
      { name: 'Family', letter: 'C', samples: ['Lovelace'], recognised: null },
      { name: 'State', letter: 'D', samples: ['Current', 'Gone'], recognised: null },
    ],
    fields,
    required: kind === 'employees' ? ['employee_id', 'full_name', 'role', 'department'] : ['employee_id', 'program_id', 'completed_on'],
    mapping: [],
    draft: {
      name: null,
      header_row: null,
      fields: fields.map((field) => ({ field, columns: [], value: null, values: [], format: null, matching: null })),
      keep_column: null,
      keep_values: [],
      unknown_employee: null,
      unknown_program: null,
      unknown_manager: null,
    },
    words: [],
    ambiguous_dates: [],
    questions: [],
    suggestion: '',
    ...over,
  };
}

describe('matchColumns', () => {
  it('starts from the core’s draft, joined columns and status readings included', () => {
    const base = info('employees', { words: [{ word: 'Active', rows: 3, reading: true }, { word: 'Gone', rows: 1, reading: null }] });
    base.draft.fields[1] = { ...base.draft.fields[1]!, columns: ['Given', 'Family'] };
    const form = formOf(base);
    expect(form.columns.full_name).toBe('Given');
    expect(form.joinWith).toBe('Family');
    expect(form.words).toEqual({ Active: 'true', Gone: '' });
    expect(form.matching).toEqual({ manager_id: 'employee_id' });
    expect(undecidedWords(form)).toEqual(['Gone']);
  });

  it('builds the draft: columns, join, date format, status words on active', () => {
    const base = info('employees', {
      words: [{ word: 'Current', rows: 3, reading: null }, { word: 'Gone', rows: 1, reading: null }],
      ambiguous_dates: [{ field: 'hire_date', example: '15/03/2015', line: 2 }],
    });
    const form = formOf(base);
    form.columns.employee_id = 'Staff No';
    form.columns.full_name = 'Given';
    form.joinWith = 'Family';
    form.columns.hire_date = 'Joined';
    form.dateFormats.hire_date = '%d/%m/%Y';
    form.columns.active = 'State';
    form.words = { Current: 'true', Gone: 'false' };
    form.columns.manager_id = 'Boss';
    form.matching.manager_id = 'name';
    const draft = draftOf(base, form, ' Acme ');
    const f = (name: string) => draft.fields.find((d) => d.field === name);
    expect(draft.name).toBe('Acme');
    expect(f('employee_id')?.columns).toEqual(['Staff No']);
    expect(f('full_name')?.columns).toEqual(['Given', 'Family']);
    expect(f('hire_date')?.format).toBe('%d/%m/%Y');
    expect(f('active')?.values).toEqual([
      ['Current', 'true'],
      ['Gone', 'false'],
    ]);
    expect(f('manager_id')?.matching).toBe('name');
    expect(f('role')).toBeUndefined(); // required and not chosen: left to recognition
    expect(f('email')?.columns).toEqual([]); // optional: "not in this file"
    expect(draft.keep_column).toBeNull();
  });

  it('leaves the default match, unchosen words and words read as Upskill reads them out', () => {
    const base = info('employees', { words: [{ word: 'Gone', rows: 1, reading: null }] });
    base.words.push({ word: 'Active', rows: 2, reading: true });
    const form = formOf(base);
    form.columns.manager_id = 'Boss';
    form.columns.active = 'State';
    expect(form.words.Active).toBe('true');
    const draft = draftOf(base, form);
    expect(draft.fields.find((d) => d.field === 'manager_id')?.matching).toBeNull();
    expect(draft.fields.find((d) => d.field === 'active')?.values).toEqual([]);
    expect(draft.name).toBeNull();
  });

  it('completions: status words become keep values, unknown learners can be skipped', () => {
    const base = info('completions', {
      words: [{ word: 'Passed', rows: 5, reading: true }, { word: 'In progress', rows: 2, reading: false }, { word: 'Waived', rows: 1, reading: null }],
    });
    base.draft.keep_column = 'Status';
    const form = formOf(base);
    form.words.Waived = 'true';
    form.skipUnknown = true;
    form.matching.program_id = 'title';
    form.columns.program_id = 'Course';
    const draft = draftOf(base, form);
    expect(draft.keep_column).toBe('Status');
    expect(draft.keep_values).toEqual(['Passed', 'Waived']);
    expect(draft.unknown_employee).toBe('skip');
    expect(draft.fields.find((d) => d.field === 'program_id')?.matching).toBe('title');
    expect(wordEffect('completions', 'In progress', 'false')).toBe('In progress → not completed (row skipped)');
  });

  it('says what is left to choose and when the step is needed', () => {
    const base = info('employees');
    const form = formOf(base);
    form.columns.employee_id = 'Staff No';
    expect(missingRequired(base, form)).toEqual(['full_name', 'role', 'department']);
    expect(wordEffect('employees', 'Terminated', 'false')).toBe('Terminated → inactive');
    expect(wordEffect('employees', 'Terminated', '')).toBe('Terminated → not chosen yet');
    expect(fieldLabel('employee_id')).toBe('Employee ID');
    const own = info('employees', {
      mapping: [{ field: 'employee_id', columns: ['employee_id'], letters: ['A'], value: null, chosen: 'own name', reads: null }],
    });
    expect(needsMatching(own, 0)).toBe(false);
    expect(needsMatching(own, 1)).toBe(true);
    expect(needsMatching({ ...own, questions: ['which column?'] }, 0)).toBe(true);
    expect(needsMatching({ ...own, mapping: [{ ...own.mapping[0]!, chosen: 'recognised' }] }, 0)).toBe(true);
  });
});

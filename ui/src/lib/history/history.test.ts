import { describe, expect, it } from 'vitest';
import { describeEntry, fieldChanges, verificationText, whenText } from './history';

describe('fieldChanges', () => {
  it('lists only the fields whose value changed', () => {
    const before = JSON.stringify({ employee_id: 'E1', role: 'Analyst', department: 'Data', manager_id: null });
    const after = JSON.stringify({ employee_id: 'E1', role: 'Engineer', department: 'Data', manager_id: 'E9' });
    expect(fieldChanges({ before, after })).toEqual([
      { field: 'role', before: 'Analyst', after: 'Engineer' },
      { field: 'manager_id', before: null, after: 'E9' },
    ]);
  });

  it('lists every field of an added or a deleted record', () => {
    const record = JSON.stringify({ program_id: 'P1', hours: 3 });
    expect(fieldChanges({ before: null, after: record })).toEqual([
      { field: 'program_id', before: null, after: 'P1' },
      { field: 'hours', before: null, after: '3' },
    ]);
    expect(fieldChanges({ before: record, after: null }).map((c) => c.after)).toEqual([null, null]);
  });

  it('shows nothing for text that is not a JSON object', () => {
    expect(fieldChanges({ before: 'not json', after: '[1]' })).toEqual([]);
  });
});

describe('describeEntry', () => {
  it('names the action, the kind of record and its key', () => {
    expect(describeEntry({ action: 'update', entity: 'employees', key: 'E0042' })).toBe('Changed employee E0042');
    expect(describeEntry({ action: 'import', entity: 'completions', key: 'lms.csv' })).toBe('Imported completions from lms.csv');
    expect(describeEntry({ action: 'restore', entity: 'record', key: 'backup' })).toBe('Restored the whole record');
  });
});

describe('whenText and verificationText', () => {
  it('prints UTC times as the trail keeps them', () => {
    expect(whenText('2026-11-29T10:05:09Z')).toBe('2026-11-29 10:05 UTC');
  });

  it('says whether the chain holds and which links broke', () => {
    expect(verificationText({ entries: 1200, head: 'ab', breaks: [] })).toContain('intact: 1,200 entries');
    const broken = verificationText({
      entries: 9,
      head: 'ab',
      breaks: [
        { kind: 'altered', id: 3 },
        { kind: 'removed', first: 8, last: 9 },
      ],
    });
    expect(broken).toContain('3 altered');
    expect(broken).toContain('8–9 removed');
  });
});

import { describe, expect, it } from 'vitest';
import type { RunningWork } from '../api';
import { progressText } from './runningWork';

const work = (progress: RunningWork['progress']): RunningWork =>
  ({ kind: 'import', file_name: 'c.csv', import_kind: 'completions', progress, cancellable: true, label: 'the import of c.csv' }) as RunningWork;

describe('progressText', () => {
  it('says how far an import has got, with thousands separators', () => {
    expect(progressText(work(null))).toBe('starting…');
    expect(progressText(work({ phase: 'checking', rows: 250000, bytes_read: 1, total_bytes: 4 }))).toBe('checking: 250,000 rows (25%)');
    expect(progressText(work({ phase: 'saving', rows: 995271, bytes_read: 4, total_bytes: 4 }))).toBe('saving: 995,271 rows');
    expect(progressText(work({ phase: 'writing', rows: 0, bytes_read: 0, total_bytes: 0 }))).toBe('writing: 0 rows (0%)');
  });
});

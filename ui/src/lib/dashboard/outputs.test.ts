import { describe, expect, it } from 'vitest';
import type { Filters } from '../api';
import { leadershipQuery, packQuery, packSavedMessage, pdfFileName, pdfSavedMessage } from './outputs';
import { noFilters } from './dashboardQuery';

const none: Filters = noFilters();

describe('dashboard outputs', () => {
  it('asks for the report of the filters on screen, with the organisation beside a team', () => {
    expect(leadershipQuery(none, 5)).toEqual({ filters: none, min_group: 5, title: null, beside_organisation: false });
    const team = { ...none, manager_id: 'E0000002' };
    expect(leadershipQuery(team, 7).beside_organisation).toBe(true);
    expect(packQuery({ ...team, as_of: '2026-06-30' }, 7)).toEqual({ as_of: '2026-06-30', min_group: 7 });
  });

  it('suggests a file name from the scope and the date', () => {
    expect(pdfFileName(none, '2026-12-05')).toBe('ai-training-report-2026-12-05.pdf');
    expect(pdfFileName({ ...none, department: 'R&D / Labs', as_of: '2026-06-30' }, '2026-12-05')).toBe(
      'ai-training-report-R_D_Labs-2026-06-30.pdf',
    );
    expect(pdfFileName({ ...none, manager_id: 'E2' }, '2026-12-05')).toBe('ai-training-report-team-E2-2026-12-05.pdf');
  });

  it('says where the files went', () => {
    expect(pdfSavedMessage({ path: '/tmp/r.pdf', pages: 1 })).toBe('Saved the report (1 page) to /tmp/r.pdf.');
    expect(packSavedMessage({ manager_id: 'E2', path: '/tmp/E2-Ada', people: 1200, actions: 3 })).toBe(
      'Saved the team pack of E2 (1,200 people, 3 actions) to /tmp/E2-Ada.',
    );
  });
});

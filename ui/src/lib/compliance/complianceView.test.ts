import { describe, expect, it } from 'vitest';
import type { ComplianceRow, Requirement } from '../api';
import {
  blankRequirementForm,
  cellLabel,
  complianceSummary,
  matrixQuery,
  requirementFormToInput,
  requirementToForm,
  satisfiedByText,
  scopeIncomplete,
  scopeText,
  STATUS_INFO,
  STATUS_ORDER,
  validateRequirementForm,
} from './complianceView';

describe('status words', () => {
  it('labels every status and a cell that does not apply', () => {
    for (const s of STATUS_ORDER) expect(STATUS_INFO[s].label.length).toBeGreaterThan(0);
    expect(cellLabel({ status: 'overdue', due_on: '2025-01-01', last_completed_on: null })).toBe('Overdue');
    expect(cellLabel(null)).toBe('Not required');
  });
});

describe('matrixQuery', () => {
  it('puts the scope value where the core reads it', () => {
    expect(matrixQuery('manager', ' E7 ', '2026-01-31', 50).query.manager_id).toBe('E7');
    expect(matrixQuery('manager', 'E7', '2026-01-31', 50).offset).toBe(50);
    const dept = matrixQuery('department', 'Sales', '2026-01-31', 0);
    expect([dept.query.department, dept.query.manager_id, dept.role]).toEqual(['Sales', null, null]);
    const role = matrixQuery('role', 'Analyst', '2026-01-31', 0);
    expect([role.role, role.query.department]).toEqual(['Analyst', null]);
    expect(matrixQuery('everyone', 'ignored', '2026-01-31', 0).role).toBeNull();
  });
  it('waits for a value unless it is everyone', () => {
    expect(scopeIncomplete('everyone', '')).toBe(false);
    expect(scopeIncomplete('role', ' ')).toBe(true);
    expect(scopeIncomplete('role', 'Analyst')).toBe(false);
  });
});

describe('complianceSummary', () => {
  it('shows the core percentage and counts', () => {
    const row: ComplianceRow = {
      groups: [],
      people: 3,
      obligations: 6,
      compliant: 2,
      expiring: 1,
      expired: 1,
      overdue: 1,
      due: 0,
      exempt: 1,
      compliance_pct: 60,
      suppressed: false,
    };
    const s = complianceSummary(row);
    expect(s.pct).toBe('60.0%');
    expect(s.detail).toContain('1 overdue');
    expect(s.detail).toContain('of 6 obligations');
    expect(complianceSummary({ ...row, compliance_pct: null }).pct).toBe('–');
  });
});

describe('requirement form', () => {
  const req: Requirement = {
    requirement_id: 'R1',
    title: 'AI literacy',
    role: null,
    department: 'Sales',
    location: null,
    program_id: null,
    skill_area: 'AI literacy',
    due_days: 30,
    effective_from: '2026-01-01',
    retired: false,
  };
  it('round-trips and sends only the chosen way to satisfy it', () => {
    const form = requirementToForm(req);
    expect(form.satisfied_by).toBe('skill_area');
    form.program_id = 'P9';
    expect(requirementFormToInput(form)).toEqual({
      requirement_id: 'R1',
      title: 'AI literacy',
      role: null,
      department: 'Sales',
      location: null,
      program_id: null,
      skill_area: 'AI literacy',
      due_days: 30,
      effective_from: '2026-01-01',
    });
  });
  it('blank due days and date are left to the core defaults', () => {
    const form = { ...blankRequirementForm(), requirement_id: 'R2', title: 'T', program_id: 'P1', due_days: '' };
    const input = requirementFormToInput(form);
    expect([input.due_days, input.effective_from, input.skill_area]).toEqual([null, null, null]);
  });
  it('names the fields that are missing or malformed', () => {
    const errors = validateRequirementForm({ ...blankRequirementForm(), due_days: '-3', effective_from: '1/2/2026' });
    expect(Object.keys(errors).sort()).toEqual(['due_days', 'effective_from', 'program_id', 'requirement_id', 'title']);
  });
  it('says who and what in words', () => {
    expect(scopeText(req)).toBe('Sales');
    expect(scopeText({ ...req, department: null })).toBe('Everyone');
    expect(satisfiedByText(req)).toBe('Any program in AI literacy');
    expect(satisfiedByText({ ...req, program_id: 'P1', skill_area: null })).toBe('Program P1');
  });
});

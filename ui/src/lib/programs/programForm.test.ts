import { describe, expect, it } from 'vitest';
import type { Program } from '../api';
import { REQUIRED } from '../forms';
import {
  blankProgramForm,
  FORMAT_LABELS,
  FORMAT_OPTIONS,
  programFormToInput,
  programToForm,
  skillAreaChoices,
  validateProgramForm,
} from './programForm';

const program: Program = {
  program_id: 'AWS-MLS',
  title: 'AWS Machine Learning Specialty',
  skill_area: 'ML engineering',
  format: 'vendor_certification',
  provider: 'AWS',
  hours: 40,
  validity_months: 36,
  retired: false,
  completions: 12,
};

describe('formats', () => {
  it('labels every format humanly', () => {
    expect(FORMAT_LABELS.vendor_certification).toBe('Vendor certification');
    expect(FORMAT_OPTIONS.map((o) => o.value)).toEqual([
      'bootcamp',
      'vendor_certification',
      'hands_on_lab',
      'e_learning',
      'workshop',
      'other',
    ]);
  });
});

describe('skillAreaChoices', () => {
  it('puts existing areas first and adds unused suggestions', () => {
    const choices = skillAreaChoices(['Robotics', 'prompt engineering']);
    expect(choices[0]).toBe('Robotics');
    expect(choices).toContain('AI literacy');
    expect(choices.filter((c) => c.toLowerCase() === 'prompt engineering')).toHaveLength(1);
  });
});

describe('program form', () => {
  it('requires id, title, skill area and format', () => {
    expect(validateProgramForm(blankProgramForm())).toEqual({
      program_id: REQUIRED,
      title: REQUIRED,
      skill_area: REQUIRED,
      format: REQUIRED,
    });
  });

  it('checks hours and validity', () => {
    const base = programToForm(program);
    expect(validateProgramForm(base)).toEqual({});
    expect(validateProgramForm({ ...base, hours: 'two' }).hours).toBeDefined();
    expect(validateProgramForm({ ...base, hours: '1,5' }).hours).toBeUndefined();
    expect(validateProgramForm({ ...base, validity_months: '1.5' }).validity_months).toBeDefined();
    expect(validateProgramForm({ ...base, validity_months: '0' }).validity_months).toBeDefined();
    expect(validateProgramForm({ ...base, format: 'seminar' }).format).toBeDefined();
  });

  it('round-trips a program and nulls empty optionals', () => {
    const { retired: _r, completions: _c, ...input } = program;
    expect(programFormToInput(programToForm(program))).toEqual(input);
    expect(programFormToInput({ ...programToForm(program), provider: ' ', hours: '', validity_months: '' })).toMatchObject({
      provider: null,
      hours: null,
      validity_months: null,
    });
  });
});

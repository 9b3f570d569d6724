import { describe, expect, it } from 'vitest';
import { blankExemptionForm, exemptionFormToInput, validateExemptionForm } from './exemptionForm';

describe('exemption form', () => {
  it('requires employee, requirement and reason; until is optional', () => {
    expect(Object.keys(validateExemptionForm(blankExemptionForm())).sort()).toEqual(['employee_id', 'reason', 'requirement_id']);
    const ok = { employee_id: ' E1 ', requirement_id: 'R1', reason: 'On leave', until: '' };
    expect(validateExemptionForm(ok)).toEqual({});
    expect(exemptionFormToInput(ok)).toEqual({ employee_id: 'E1', requirement_id: 'R1', reason: 'On leave', until: null });
    expect(validateExemptionForm({ ...ok, until: '31.12.2026' }).until).toBeDefined();
    expect(exemptionFormToInput({ ...ok, until: '2026-12-31' }).until).toBe('2026-12-31');
  });
});

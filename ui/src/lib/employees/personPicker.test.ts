import { describe, expect, it } from 'vitest';
import type { PersonMatch } from '../api';
import { moveActive, onKey, optionLabel, personHint, resolutionError, resolveTyped, type ListState } from './personPicker';

const person = (employee_id: string, full_name: string, extra: Partial<PersonMatch> = {}): PersonMatch => ({
  employee_id,
  full_name,
  email: `${employee_id.toLowerCase()}@example.org`,
  role: 'Engineer',
  department: 'Data',
  active: true,
  ...extra,
});

const closed: ListState = { open: false, active: -1 };

describe('option labels', () => {
  it('read name, id, role and department, and say when someone left', () => {
    expect(optionLabel(person('E7', 'Maya Haddad'))).toBe('Maya Haddad — E7 · Engineer, Data');
    expect(optionLabel(person('E8', 'Tom Old', { active: false, role: 'Analyst', department: 'Sales' }))).toBe(
      'Tom Old — E8 · Analyst, Sales (inactive)',
    );
    expect(personHint(person('E7', 'Maya Haddad'))).toBe('E7 · Engineer, Data');
  });
});

describe('moving the highlight', () => {
  it('wraps at both ends and starts from the first or the last', () => {
    expect(moveActive(-1, 3, 1)).toBe(0);
    expect(moveActive(-1, 3, -1)).toBe(2);
    expect(moveActive(0, 3, 1)).toBe(1);
    expect(moveActive(2, 3, 1)).toBe(0);
    expect(moveActive(0, 3, -1)).toBe(2);
    expect(moveActive(1, 3, -1)).toBe(0);
  });

  it('has nothing to highlight in an empty list, and recovers from a list that shrank', () => {
    expect(moveActive(-1, 0, 1)).toBe(-1);
    expect(moveActive(4, 0, -1)).toBe(-1);
    expect(moveActive(5, 2, 1)).toBe(0);
    expect(moveActive(5, 2, -1)).toBe(1);
  });
});

describe('keys', () => {
  it('opens the list with an arrow, highlighting the first or last option', () => {
    expect(onKey(closed, 'ArrowDown', 3, true)).toEqual({ state: { open: true, active: 0 }, handled: true });
    expect(onKey(closed, 'ArrowUp', 3, true)).toEqual({ state: { open: true, active: 2 }, handled: true });
    // An open list remembers its highlight only while open.
    expect(onKey({ open: false, active: 1 }, 'ArrowDown', 3, true).state).toEqual({ open: true, active: 0 });
    expect(onKey({ open: true, active: 1 }, 'ArrowDown', 3, true).state).toEqual({ open: true, active: 2 });
  });

  it('picks the highlighted option on Enter and closes', () => {
    expect(onKey({ open: true, active: 1 }, 'Enter', 3, true)).toEqual({ state: closed, pick: 1, handled: true });
  });

  it('settles typed text on Enter when nothing is highlighted, so a namesake is never taken silently', () => {
    expect(onKey({ open: true, active: -1 }, 'Enter', 3, true)).toEqual({
      state: { open: true, active: -1 },
      commit: true,
      handled: true,
    });
    // A highlight beyond a list that shrank is not a pick.
    expect(onKey({ open: true, active: 5 }, 'Enter', 2, true).pick).toBeUndefined();
  });

  it('lets Enter submit the form when the field is settled', () => {
    expect(onKey(closed, 'Enter', 0, false)).toEqual({ state: closed, handled: false });
  });

  it('closes an open list on Escape and lets a closed one pass Escape to the dialog', () => {
    expect(onKey({ open: true, active: 2 }, 'Escape', 3, false)).toEqual({ state: closed, handled: true });
    expect(onKey(closed, 'Escape', 3, false).handled).toBe(false);
  });

  it('closes on Tab without keeping the focus', () => {
    expect(onKey({ open: true, active: 0 }, 'Tab', 3, false)).toEqual({ state: closed, handled: false });
    expect(onKey({ open: true, active: 0 }, 'a', 3, true)).toEqual({ state: { open: true, active: 0 }, handled: false });
  });
});

describe('resolving typed text', () => {
  const maya = person('E0000123', 'Maya Haddad');
  const mayaToo = person('E0000456', 'maya haddad', { department: 'Sales' });
  const mayan = person('E0000789', 'Maya Haddad-Smith');

  it('takes a blank text as no one', () => {
    expect(resolveTyped('   ', [maya])).toEqual({ kind: 'blank' });
    expect(resolutionError(' ', { kind: 'blank' })).toBeNull();
  });

  it('takes an id, exactly or ignoring case', () => {
    expect(resolveTyped(' E0000123 ', [maya, mayan])).toEqual({ kind: 'found', person: maya });
    expect(resolveTyped('e0000123', [maya])).toEqual({ kind: 'found', person: maya });
    const lower = person('e0000123', 'Lower Case');
    expect(resolveTyped('E0000123', [lower, maya])).toEqual({ kind: 'found', person: maya });
    expect(resolveTyped('e0000123', [maya, lower])).toEqual({ kind: 'found', person: lower });
  });

  it('takes an e-mail ignoring case', () => {
    expect(resolveTyped('E0000789@EXAMPLE.org', [maya, mayan])).toEqual({ kind: 'found', person: mayan });
  });

  it('takes a full name one employee has, not a prefix of a longer one', () => {
    expect(resolveTyped('maya HADDAD', [maya, mayan])).toEqual({ kind: 'found', person: maya });
    expect(resolutionError('maya HADDAD', resolveTyped('maya HADDAD', [maya, mayan]))).toBeNull();
  });

  it('says when a name is shared, with how many, and asks to pick', () => {
    const both = resolveTyped('Maya Haddad', [maya, mayaToo, mayan]);
    expect(both).toEqual({ kind: 'ambiguous', people: [maya, mayaToo] });
    expect(resolutionError('Maya Haddad ', both)).toBe("2 employees are named 'Maya Haddad': pick one from the list");
    const many = { kind: 'ambiguous' as const, people: [maya, mayaToo, maya] };
    expect(resolutionError('Maya Haddad', many, 3)).toBe("3 or more employees are named 'Maya Haddad': pick one from the list");
  });

  it('names the text that matches no one', () => {
    expect(resolveTyped('Nobody', [])).toEqual({ kind: 'unknown', near: 0 });
    expect(resolutionError('Nobody', resolveTyped('Nobody', []))).toBe("no employee matches 'Nobody'");
    const partial = resolveTyped('Hadd', [maya, mayan]);
    expect(partial).toEqual({ kind: 'unknown', near: 2 });
    expect(resolutionError('Hadd', partial)).toBe("no employee matches 'Hadd' in full: pick one from the list");
  });
});

// The person picker's view logic, apart from the DOM: how the keys move the highlighted option,
// what an option reads, and what a typed text names once the field is left (an id, an e-mail or
// a full name that one employee has). The search itself is the core's (`search_people`).

import type { PersonMatch } from '../api';

/** How many matches one search asks for: enough to choose from, never the whole company. */
export const PICKER_MATCHES = 8;

/** Who `person` is besides their name: "E0000123 · Engineer, Engineering", "(inactive)" if they left. */
export function personHint(person: PersonMatch): string {
  return `${person.employee_id} · ${person.role}, ${person.department}${person.active ? '' : ' (inactive)'}`;
}

/**
 * What an option is read out as: "Maya Haddad — E0000123 · Engineer, Engineering" (it is drawn
 * as the name with the rest on a line below).
 */
export function optionLabel(person: PersonMatch): string {
  return `${person.full_name} — ${personHint(person)}`;
}

/** The popup's state: open or not, and which option is highlighted (-1: none). */
export interface ListState {
  open: boolean;
  active: number;
}

/** What a key press does: the next state, and whether to pick an option or settle the text. */
export interface KeyOutcome {
  state: ListState;
  /** The option to take. */
  pick?: number;
  /** Resolve the typed text now (Enter with nothing highlighted). */
  commit?: boolean;
  /** The key was ours: the browser must not act on it too (submit the form, close the dialog). */
  handled: boolean;
}

/**
 * The next highlighted option when moving by `step` through `count` options, wrapping at both
 * ends. From none, down goes to the first and up to the last.
 */
export function moveActive(active: number, count: number, step: 1 | -1): number {
  if (count <= 0) return -1;
  if (active < 0 || active >= count) return step === 1 ? 0 : count - 1;
  return (active + step + count) % count;
}

/**
 * The combobox's keys (WAI-ARIA combobox with a listbox popup). Nothing is highlighted until
 * an arrow key moves there, so Enter on a name typed in full settles that name rather than
 * taking whichever namesake the search ranked first. `dirty`: the text differs from what the
 * field's value stands for.
 */
export function onKey(state: ListState, key: string, count: number, dirty: boolean): KeyOutcome {
  switch (key) {
    case 'ArrowDown':
    case 'ArrowUp': {
      const step = key === 'ArrowDown' ? 1 : -1;
      // Opening with an arrow highlights the first (down) or last (up) option, as in a select.
      const from = state.open ? state.active : -1;
      return { state: { open: true, active: moveActive(from, count, step) }, handled: true };
    }
    case 'Enter':
      if (state.open && state.active >= 0 && state.active < count) {
        return { state: { open: false, active: -1 }, pick: state.active, handled: true };
      }
      if (dirty) return { state: { open: state.open, active: -1 }, commit: true, handled: true };
      return { state, handled: false };
    case 'Escape':
      // An open list closes; a closed one lets Esc reach the dialog.
      if (state.open) return { state: { open: false, active: -1 }, handled: true };
      return { state, handled: false };
    case 'Tab':
      return { state: { open: false, active: -1 }, handled: false };
    default:
      return { state, handled: false };
  }
}

/** What a typed text names among the matches a search for it returned. */
export type Resolution =
  | { kind: 'blank' }
  | { kind: 'found'; person: PersonMatch }
  | { kind: 'ambiguous'; people: PersonMatch[] }
  /** `near`: how many people the search found that the text does not name in full. */
  | { kind: 'unknown'; near: number };

/**
 * `text` (trimmed) as an employee: their id (exactly, else ignoring case when only one id
 * fits), their e-mail (ignoring case), or a full name (ignoring case) that one employee has;
 * two or more people with that name are ambiguous. `matches` is what `search_people` returned
 * for this text: the core ranks whole-text matches first, so every namesake is among them.
 */
export function resolveTyped(text: string, matches: readonly PersonMatch[]): Resolution {
  const typed = text.trim();
  if (typed === '') return { kind: 'blank' };
  const lower = typed.toLowerCase();
  const exactId = matches.find((p) => p.employee_id === typed);
  if (exactId) return { kind: 'found', person: exactId };
  const unique = (people: PersonMatch[]): Resolution | null => {
    if (people.length === 1 && people[0]) return { kind: 'found', person: people[0] };
    return people.length > 1 ? { kind: 'ambiguous', people } : null;
  };
  return (
    unique(matches.filter((p) => p.employee_id.toLowerCase() === lower)) ??
    unique(matches.filter((p) => p.email?.toLowerCase() === lower)) ??
    unique(matches.filter((p) => p.full_name.toLowerCase() === lower)) ?? { kind: 'unknown', near: matches.length }
  );
}

/** The field error for a text that names no one, or several people; null otherwise. */
export function resolutionError(text: string, resolution: Resolution, limit = PICKER_MATCHES): string | null {
  const typed = text.trim();
  switch (resolution.kind) {
    case 'unknown':
      return resolution.near > 0 ? `no employee matches '${typed}' in full: pick one from the list` : `no employee matches '${typed}'`;
    case 'ambiguous': {
      const n = resolution.people.length;
      const count = n >= limit ? `${n} or more` : String(n);
      return `${count} employees are named '${typed}': pick one from the list`;
    }
    default:
      return null;
  }
}

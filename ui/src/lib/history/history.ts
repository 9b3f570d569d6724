// What the History page shows of an audit entry, as plain functions: the sentence that names
// the change and the fields it changed (before → after). Entries hold `before` / `after` as
// JSON text of one record (or, for an import, the file, its SHA-256, mapping and counts).
import type { Action } from '../api/bindings/Action';
import type { Entity } from '../api/bindings/Entity';
import type { Entry } from '../api/bindings/Entry';
import type { Verification } from '../api/bindings/Verification';

/** The entities a History filter offers, with the words the page uses for them. */
export const ENTITY_LABELS: Readonly<Record<Entity, string>> = {
  employees: 'Employee',
  programs: 'Program',
  completions: 'Completion',
  requirements: 'Requirement',
  exemptions: 'Exemption',
  targets: 'Target',
  record: 'Whole record',
};

const ACTION_WORDS: Readonly<Record<Action, string>> = {
  insert: 'Added',
  update: 'Changed',
  delete: 'Deleted',
  restore: 'Restored',
  import: 'Imported',
};

/** One changed field: `before` / `after` as text, null where the value was absent. */
export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

function parseObject(json: string | null): Record<string, unknown> | null {
  if (json === null) return null;
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function show(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * The fields an entry changed, in the order the record lists them: every field of an added or
 * deleted record, and only the fields whose value differs for a change.
 */
export function fieldChanges(entry: Pick<Entry, 'before' | 'after'>): FieldChange[] {
  const before = parseObject(entry.before);
  const after = parseObject(entry.after);
  const fields = [...Object.keys(before ?? {}), ...Object.keys(after ?? {})].filter((f, i, all) => all.indexOf(f) === i);
  return fields
    .map((field) => ({ field, before: show(before?.[field]), after: show(after?.[field]) }))
    .filter((c) => c.before !== c.after);
}

/** "Changed employee E0042", "Imported completions from lms.csv", "Restored the whole record". */
export function describeEntry(entry: Pick<Entry, 'action' | 'entity' | 'key'>): string {
  const what = entry.entity === 'record' ? 'the whole record' : `${ENTITY_LABELS[entry.entity].toLowerCase()} ${entry.key}`;
  if (entry.action === 'import') return `Imported ${entry.entity} from ${entry.key}`;
  return `${ACTION_WORDS[entry.action]} ${what}`;
}

/** `2026-11-29T10:00:00Z` → `2026-11-29 10:00 UTC` (the trail keeps UTC; so does the page). */
export function whenText(at: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(at);
  return m ? `${m[1]} ${m[2]} UTC` : at;
}

/** The verdict line above the trail. */
export function verificationText(v: Verification): string {
  if (v.breaks.length === 0) {
    return v.entries === 0
      ? 'The trail is empty: nothing has been changed yet.'
      : `The trail is intact: ${v.entries.toLocaleString('en')} entries, each linked to the one before.`;
  }
  const ids = v.breaks.map((b) => (b.kind === 'removed' ? `${b.first}–${b.last} removed` : `${b.id} ${b.kind}`));
  return `The trail was changed outside Upskill: ${ids.join(', ')}. Run \`upskill audit verify\` for details.`;
}

// The Match columns step's logic: the form's state, built from the core's ImportColumns, and
// the MappingDraft built back from it (which the core turns into a mapping file). No Svelte here.
import type { FieldDraft, ImportColumns, ImportKind, MappingDraft, StatusWord } from '../api';
import type { Option } from '../components/options';

/** What the user chose on the step. Every value is a select's or a text field's string. */
export interface MatchForm {
  /** Field → the file column it is read from ("" = not in this file). */
  columns: Record<string, string>;
  /** full_name: a second column joined after the first (e.g. First + Last), "" = none. */
  joinWith: string;
  /** Date field → chrono pattern, for the fields whose day and month could be either way round. */
  dateFormats: Record<string, string>;
  /** Status word → "true" (active / completed), "false" (inactive / not completed) or "" (not chosen). */
  words: Record<string, string>;
  /** Reference field → how it is matched ("" = the field's own key). */
  matching: Record<string, string>;
  /** Completions: rows whose learner is not in Upskill are skipped instead of refused. */
  skipUnknown: boolean;
}

export const DATE_PATTERN_OPTIONS: readonly Option[] = [
  { value: '%m/%d/%Y', label: 'MM/DD/YYYY (US)' },
  { value: '%d/%m/%Y', label: 'DD/MM/YYYY (UK, Europe)' },
];

/** How a reference field can be matched; the first is the default. Empty: not a reference. */
export function matchOptions(kind: ImportKind, field: string): readonly Option[] {
  if (kind === 'employees' && field === 'manager_id')
    return [
      { value: 'employee_id', label: 'by employee ID' },
      { value: 'email', label: 'by e-mail' },
      { value: 'name', label: 'by full name' },
    ];
  if (kind === 'completions' && field === 'employee_id')
    return [
      { value: 'employee_id', label: 'by employee ID' },
      { value: 'email', label: 'by e-mail' },
    ];
  if (kind === 'completions' && field === 'program_id')
    return [
      { value: 'program_id', label: 'by program ID' },
      { value: 'title', label: 'by title' },
    ];
  return [];
}

/** What a status word can mean for the kind. */
export function wordOptions(kind: ImportKind): readonly Option[] {
  return kind === 'completions'
    ? [
        { value: 'true', label: 'completed' },
        { value: 'false', label: 'not completed (row skipped)' },
      ]
    : [
        { value: 'true', label: 'active' },
        { value: 'false', label: 'inactive' },
      ];
}

/** "Terminated → inactive", or what is still to choose. */
export function wordEffect(kind: ImportKind, word: string, reading: string): string {
  const chosen = wordOptions(kind).find((o) => o.value === reading);
  return chosen ? `${word} → ${chosen.label}` : `${word} → not chosen yet`;
}

/** "employee_id" → "Employee ID". */
export function fieldLabel(field: string): string {
  const words = field.split('_').map((w) => (w === 'id' ? 'ID' : w));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The column select's options: "B · Given". */
export function columnOptions(columns: ImportColumns['columns']): Option[] {
  return columns.map((c) => ({ value: c.name, label: `${c.letter} · ${c.name}` }));
}

/** The sample values of a column, for beside its select ("" when none chosen). */
export function samplesOf(columns: ImportColumns['columns'], name: string): string {
  const column = columns.find((c) => c.name === name);
  return column && column.samples.length > 0 ? column.samples.join(', ') : '';
}

function fieldOf(draft: MappingDraft, field: string): FieldDraft | undefined {
  return draft.fields.find((f) => f.field === field);
}

/** The field whose values the status words become: employees' active; completions have none. */
function wordField(kind: ImportKind): string | null {
  return kind === 'employees' ? 'active' : null;
}

/** The form as the core's draft says (recognition, or the mapping applied). */
export function formOf(info: ImportColumns): MatchForm {
  const columns: Record<string, string> = {};
  let joinWith = '';
  for (const field of info.fields) {
    const f = fieldOf(info.draft, field);
    columns[field] = f?.columns[0] ?? '';
    if (field === 'full_name' && f && f.columns.length > 1) joinWith = f.columns[1] ?? '';
  }
  const dateFormats: Record<string, string> = {};
  for (const a of info.ambiguous_dates) dateFormats[a.field] = fieldOf(info.draft, a.field)?.format ?? '';
  const matching: Record<string, string> = {};
  for (const field of info.fields) {
    const options = matchOptions(info.kind, field);
    if (options.length > 0) matching[field] = fieldOf(info.draft, field)?.matching ?? options[0]?.value ?? '';
  }
  return {
    columns,
    joinWith,
    dateFormats,
    words: wordsOf(info.kind, info.draft, info.words),
    matching,
    skipUnknown: info.draft.unknown_employee === 'skip',
  };
}

function wordsOf(kind: ImportKind, draft: MappingDraft, words: readonly StatusWord[]): Record<string, string> {
  const out: Record<string, string> = {};
  const values = wordField(kind) ? (fieldOf(draft, wordField(kind) ?? '')?.values ?? []) : [];
  for (const w of words) {
    const mapped = values.find(([cell]) => cell === w.word)?.[1];
    if (mapped === 'true' || mapped === 'false') out[w.word] = mapped;
    else if (kind === 'completions' && draft.keep_values.length > 0) out[w.word] = String(draft.keep_values.includes(w.word));
    else out[w.word] = w.reading === null ? '' : String(w.reading);
  }
  return out;
}

/** The status words not given a meaning yet. */
export function undecidedWords(form: MatchForm): string[] {
  return Object.entries(form.words)
    .filter(([, reading]) => reading === '')
    .map(([word]) => word);
}

/** The required fields read from no column. */
export function missingRequired(info: ImportColumns, form: MatchForm): string[] {
  return info.required.filter((field) => !form.columns[field] && fieldOf(info.draft, field)?.value == null);
}

/**
 * The draft the form says: the core's draft with each field's columns, join, date format,
 * match and the status words' meanings replaced by the user's choices. `name` names a mapping
 * about to be saved.
 */
export function draftOf(info: ImportColumns, form: MatchForm, name: string | null = null): MappingDraft {
  const kind = info.kind;
  const fields: FieldDraft[] = info.fields.flatMap((field): FieldDraft[] => {
    const base: FieldDraft = fieldOf(info.draft, field) ?? {
      field,
      columns: [],
      value: null,
      values: [],
      format: null,
      matching: null,
    };
    const column = form.columns[field] ?? '';
    const out: FieldDraft = { ...base, values: [...base.values] };
    if (column) {
      out.columns = field === 'full_name' && form.joinWith && form.joinWith !== column ? [column, form.joinWith] : [column];
      out.value = null;
    } else if (base.value == null) {
      out.columns = [];
    }
    if (field in form.dateFormats && form.dateFormats[field]) out.format = form.dateFormats[field] ?? null;
    if (field in form.matching) {
      const m = form.matching[field] ?? '';
      // The field's own key is the default: written only when the draft already said it.
      out.matching = m && (m !== matchOptions(kind, field)[0]?.value || base.matching) ? m : null;
    }
    if (field === wordField(kind) && Object.keys(form.words).length > 0) {
      // Only the words read differently from how Upskill reads them on its own (the core's
      // `reading`): a word it knows needs no line in the mapping.
      const own = (word: string): string => {
        const reading = info.words.find((w) => w.word === word)?.reading;
        return reading == null ? '' : String(reading);
      };
      const chosen = Object.entries(form.words).filter(([word, reading]) => reading !== '' && reading !== own(word));
      const others = out.values.filter(([cell]) => !(cell in form.words));
      out.values = [...others, ...chosen.map(([word, reading]): [string, string] => [word, reading])];
    }
    if (!out.columns.length && out.value == null) {
      // A required field cannot be "not in this file": left out, recognition (or the preview's
      // problem) says what happens.
      if (info.required.includes(field)) return [];
      out.values = [];
      out.format = null;
      out.matching = null;
    }
    return [out];
  });
  let keep_column = info.draft.keep_column;
  let keep_values = [...info.draft.keep_values];
  if (kind === 'completions' && Object.keys(form.words).length > 0 && keep_column) {
    keep_values = Object.entries(form.words)
      .filter(([, reading]) => reading === 'true')
      .map(([word]) => word);
  } else if (keep_values.length === 0) {
    keep_column = null;
  }
  const trimmed = name?.trim() ?? '';
  return {
    ...info.draft,
    name: trimmed ? trimmed : info.draft.name,
    fields,
    keep_column,
    keep_values,
    unknown_employee: kind === 'completions' ? (form.skipUnknown ? 'skip' : null) : info.draft.unknown_employee,
  };
}

/**
 * Whether the file needs the step: a field read from a column that is not named as Upskill
 * names it, something recognition could not settle, or a saved mapping made for its header.
 * A file in Upskill's own format goes straight to the preview.
 */
export function needsMatching(info: ImportColumns, saved: number): boolean {
  return saved > 0 || info.questions.length > 0 || info.mapping.some((m) => m.chosen !== 'own name');
}

/** Fields whose column decides what else the step asks (status words, date order). */
export function asksMore(field: string): boolean {
  return field === 'active' || ['hire_date', 'birth_year', 'left_on', 'completed_on'].includes(field);
}

/** The file's header row, as a saved mapping records it. */
export function headersOf(info: ImportColumns): string[] {
  return info.columns.map((c) => c.name);
}

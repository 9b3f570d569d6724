// Program catalog vocabulary (format labels, skill-area suggestions) and the program form.
import type { Program, ProgramFormat, ProgramInput } from '../api';
import type { Option } from '../components/options';
import { decimalOrNull, integerOrNull, requireFields, textOrNull, type FieldErrors } from '../forms';

export const FORMAT_LABELS: Readonly<Record<ProgramFormat, string>> = {
  bootcamp: 'Bootcamp',
  vendor_certification: 'Vendor certification',
  hands_on_lab: 'Hands-on lab',
  e_learning: 'E-learning',
  workshop: 'Workshop',
  other: 'Other',
};

export const FORMAT_OPTIONS: readonly Option[] = (Object.keys(FORMAT_LABELS) as ProgramFormat[]).map((value) => ({
  value,
  label: FORMAT_LABELS[value],
}));

/** Skill areas offered even before the catalog uses them. */
export const SKILL_AREA_SUGGESTIONS: readonly string[] = [
  'AI literacy',
  'Prompt engineering',
  'Data science & engineering',
  'ML engineering',
  'GPU & high-density infrastructure',
  'AI security & compliance',
];

/** Areas already in use first, then the suggestions not yet used (case-insensitively). */
export function skillAreaChoices(existing: readonly string[]): string[] {
  const seen = new Set(existing.map((s) => s.toLocaleLowerCase()));
  return [...existing, ...SKILL_AREA_SUGGESTIONS.filter((s) => !seen.has(s.toLocaleLowerCase()))];
}

export function isProgramFormat(value: string): value is ProgramFormat {
  return Object.hasOwn(FORMAT_LABELS, value);
}

export interface ProgramFormState {
  program_id: string;
  title: string;
  skill_area: string;
  format: string;
  provider: string;
  hours: string;
  validity_months: string;
}

export const PROGRAM_FIELDS: readonly (keyof ProgramFormState)[] = [
  'program_id',
  'title',
  'skill_area',
  'format',
  'provider',
  'hours',
  'validity_months',
];

export function blankProgramForm(): ProgramFormState {
  return { program_id: '', title: '', skill_area: '', format: '', provider: '', hours: '', validity_months: '' };
}

export function programToForm(program: Program): ProgramFormState {
  return {
    program_id: program.program_id,
    title: program.title,
    skill_area: program.skill_area,
    format: program.format,
    provider: program.provider ?? '',
    hours: program.hours === null ? '' : String(program.hours),
    validity_months: program.validity_months === null ? '' : String(program.validity_months),
  };
}

export function validateProgramForm(state: ProgramFormState): FieldErrors {
  const errors = requireFields(state, ['program_id', 'title', 'skill_area', 'format']);
  if (state.format && !isProgramFormat(state.format)) errors.format = 'Choose a format.';
  const hours = decimalOrNull(state.hours);
  if (hours !== null && (Number.isNaN(hours) || hours <= 0)) errors.hours = 'Enter the duration in hours, e.g. 16 or 1.5.';
  const months = integerOrNull(state.validity_months);
  if (months !== null && (Number.isNaN(months) || months <= 0)) {
    errors.validity_months = 'Enter a whole number of months, or leave empty if it never expires.';
  }
  return errors;
}

/** Call only after validateProgramForm passed (format is then a ProgramFormat). */
export function programFormToInput(state: ProgramFormState): ProgramInput {
  return {
    program_id: state.program_id.trim(),
    title: state.title.trim(),
    skill_area: state.skill_area.trim(),
    format: isProgramFormat(state.format) ? state.format : 'other',
    provider: textOrNull(state.provider),
    hours: decimalOrNull(state.hours),
    validity_months: integerOrNull(state.validity_months),
  };
}

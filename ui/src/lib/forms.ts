// Form text → IPC values. Inputs always hold strings; the contract wants `null` (never "" or
// undefined) for a missing optional value and real numbers for numeric fields.

export type FieldErrors = Record<string, string>;

/** Trims; blank becomes null. */
export function textOrNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** Blank → null; a whole number → that number; anything else → NaN (caught by validation). */
export function integerOrNull(value: string): number | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  return /^[+-]?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** Blank → null; a decimal number (dot or comma separator) → that number; else NaN. */
export function decimalOrNull(value: string): number | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const normalised = trimmed.replace(',', '.');
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(normalised) ? Number(normalised) : Number.NaN;
}

/** Shown when a required field is blank. */
export const REQUIRED = 'Required.';

/** Adds a "required" error for each blank field key. */
export function requireFields<T extends object>(
  state: T,
  keys: readonly (keyof T & string)[],
  errors: FieldErrors = {},
): FieldErrors {
  for (const key of keys) {
    const value = state[key];
    if (typeof value !== 'string' || value.trim() === '') errors[key] = REQUIRED;
  }
  return errors;
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.keys(errors).length > 0;
}

/** Core field problems whose key has no input in this form, so they'd otherwise be invisible. */
export function unplacedErrors(errors: FieldErrors, placed: readonly string[]): string[] {
  return Object.entries(errors)
    .filter(([field]) => !placed.includes(field))
    .map(([field, message]) => `${field}: ${message}`);
}

/**
 * The errors left once the user edits `field`: its message was about the value they are
 * changing, so it goes now rather than at the next Save. The other fields keep theirs.
 */
export function withoutFieldError(errors: FieldErrors, field: string): FieldErrors {
  if (!(field in errors)) return errors;
  const rest = { ...errors };
  delete rest[field];
  return rest;
}

// Work a field does before its value is final (a person picker resolving a typed name once it
// is left): a Save pressed meanwhile waits for it, so it sends the resolved value.
const settling = new Set<Promise<unknown>>();

/** Registers `work` that a submit must wait for. */
export function settleBeforeSubmit(work: Promise<unknown>): void {
  settling.add(work);
  const done = (): void => void settling.delete(work);
  work.then(done, done);
}

/** Resolves once every registered piece of field work has finished (at once if none). */
export async function fieldsSettled(): Promise<void> {
  while (settling.size > 0) await Promise.allSettled([...settling]);
}

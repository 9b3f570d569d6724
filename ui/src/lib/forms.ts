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

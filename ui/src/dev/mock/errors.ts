// How mock handlers reject: with an ApiError, as the Rust commands do.
import type { ApiError } from '../../lib/api/bindings/ApiError';
import type { FieldProblem } from '../../lib/api/bindings/FieldProblem';

export function fail(kind: ApiError['kind'], message: string, fields: FieldProblem[] = []): never {
  const error: ApiError = { kind, message, fields };
  throw error;
}

/** Rejects with kind `invalid` when any field has a problem. */
export function invalid(fields: FieldProblem[]): void {
  if (fields.length > 0) fail('invalid', fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields);
}

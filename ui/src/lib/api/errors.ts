// Normalises whatever a rejected `invoke()` hands us into one typed error, so pages never
// have to guess between the core's structured errors, Tauri's own string errors
// (unknown command, bad arguments) and plain JS exceptions.
import type { ApiError as ApiErrorData } from './bindings/ApiError';
import type { ErrorKind } from './bindings/ErrorKind';
import type { FieldProblem } from './bindings/FieldProblem';

// Every kind the core sends; a Record so a kind added in Rust fails the type check here
// until it is listed (an unknown kind would otherwise become "internal", losing its message).
const KIND_SET: Record<ErrorKind, true> = {
  invalid: true,
  not_found: true,
  conflict: true,
  database: true,
  io: true,
  internal: true,
  damaged: true,
  locked: true,
  too_new: true,
  disk_full: true,
  cancelled: true,
  busy: true,
  unsupported: true,
};
const KINDS = Object.keys(KIND_SET) as readonly ErrorKind[];

export class ApiError extends Error implements ApiErrorData {
  readonly kind: ErrorKind;
  readonly fields: FieldProblem[];

  constructor(data: ApiErrorData) {
    super(data.message);
    this.name = 'ApiError';
    this.kind = data.kind;
    this.fields = data.fields;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isKind(value: unknown): value is ErrorKind {
  return typeof value === 'string' && (KINDS as readonly string[]).includes(value);
}

function toFieldProblems(value: unknown): FieldProblem[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) =>
    isRecord(item) && typeof item.field === 'string' && typeof item.message === 'string'
      ? [{ field: item.field, message: item.message }]
      : [],
  );
}

/** Turns any rejection value into an `ApiError`. */
export function toApiError(reason: unknown): ApiError {
  if (reason instanceof ApiError) return reason;
  if (isRecord(reason) && isKind(reason.kind) && typeof reason.message === 'string') {
    return new ApiError({ kind: reason.kind, message: reason.message, fields: toFieldProblems(reason.fields) });
  }
  if (typeof reason === 'string') return new ApiError({ kind: 'internal', message: reason, fields: [] });
  if (reason instanceof Error) return new ApiError({ kind: 'internal', message: reason.message, fields: [] });
  return new ApiError({ kind: 'internal', message: 'Something went wrong.', fields: [] });
}

/**
 * Field key → message, for inline form errors. Several problems on one field are joined so
 * none is lost.
 */
export function fieldErrors(reason: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { field, message } of toApiError(reason).fields) {
    out[field] = out[field] ? `${out[field]} ${message}` : message;
  }
  return out;
}

/** A one-line message for banners and toasts. */
export function errorMessage(reason: unknown): string {
  return toApiError(reason).message;
}

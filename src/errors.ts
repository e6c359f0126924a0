/** One entry of a problem's `errors[]`: which input field is at fault and why. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * A user-facing failure with a stable snake_case `code`. The error middleware turns it into
 * `application/problem+json`. Use `TypeError` for programmer mistakes instead.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly field?: string;
  readonly errors: FieldError[];
  readonly headers: Record<string, string>;

  constructor(
    code: string,
    status: number,
    detail: string,
    options: { field?: string; errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.field = options.field;
    this.errors = options.errors ?? (options.field ? [{ field: options.field, message: detail }] : []);
    this.headers = options.headers ?? {};
  }
}

/** 400 for input that fails validation, listing every field at fault. */
export function validationError(errors: FieldError[]): AppError {
  const first = errors[0];
  const detail = first ? `${first.field}: ${first.message}` : 'The request is invalid.';
  return new AppError('validation_failed', 400, detail, { field: first?.field, errors });
}

/**
 * 404 that deliberately says nothing about whether the thing exists for someone else; `field` names
 * the request field that referred to it, when it came in a body.
 */
export function notFound(code: string, detail: string, field?: string): AppError {
  return new AppError(code, 404, detail, { field });
}

/** Problem type URIs are stable per code; they name the error rather than point anywhere. */
export const problemType = (code: string): string => `https://credence.dev/problems/${code}`;

/** The admin API's error shape, `{ error: { code, message, details } }`, as something to throw and show. */
/** Which field was refused and why (`issue`), as the API lists them under a validation error. */
export interface ErrorDetail {
  field?: string;
  issue?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];

  constructor(status: number, code: string, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** An error body (or anything else a failed response carried) as an ApiError. */
export function toApiError(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    return new ApiError(status, error.code, error.message, Array.isArray(error.details) ? (error.details as ErrorDetail[]) : []);
  }
  return new ApiError(status, status === 0 ? 'network' : `http_${status}`, status === 0 ? 'The server could not be reached.' : `The server answered ${status}.`);
}

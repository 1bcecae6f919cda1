/**
 * Every refusal of the API as one error: its stable `code` (docs/errors.md), the message, the
 * per-field `details`, the HTTP status and the request id to quote to an operator. A request that
 * never got an answer (the network, a timeout) is `sdk.unreachable` with status 0.
 */
export interface ErrorDetail {
  field: string;
  issue: string;
}

export class KeyrealmError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];
  readonly requestId: string | null;
  /** From `Retry-After`, when the server said how long to wait. */
  readonly retryAfterSeconds: number | null;

  constructor(init: { status: number; code: string; message: string; details?: ErrorDetail[]; requestId?: string | null; retryAfterSeconds?: number | null; cause?: unknown }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'KeyrealmError';
    this.status = init.status;
    this.code = init.code;
    this.details = init.details ?? [];
    this.requestId = init.requestId ?? null;
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }
}

/** Seconds from a `Retry-After` header (seconds or an HTTP date), or null. */
export function retryAfterOf(response: Response, now = Date.now()): number | null {
  const value = response.headers.get('retry-after');
  if (value === null) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, (date - now) / 1000);
}

/** The error a non-2xx answer stands for: the API's `{ error: { code, message, details } }`, or the status alone. */
export async function errorOf(response: Response): Promise<KeyrealmError> {
  let body: { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined;
  try {
    body = (await response.clone().json()) as typeof body;
  } catch {
    body = undefined;
  }
  const error = body?.error;
  return new KeyrealmError({
    status: response.status,
    code: typeof error?.code === 'string' ? error.code : `http.${response.status}`,
    message: typeof error?.message === 'string' ? error.message : `${response.status} ${response.statusText}`.trim(),
    details: Array.isArray(error?.details) ? (error.details as ErrorDetail[]) : [],
    requestId: response.headers.get('x-request-id'),
    retryAfterSeconds: retryAfterOf(response),
  });
}

/**
 * The one error type the API, the sync engine, the tab and the bot agree on.
 * Callers decide on `code`, never on `message`; `message` is for a person and says what to do.
 */
export type AppErrorCode =
  | 'consent_required'
  | 'reconnect_needed'
  | 'unauthorized'
  | 'forbidden'
  | 'sync_running'
  | 'integration_missing'
  | 'throttled'
  | 'graph_unavailable'
  | 'invalid_request'
  | 'not_found'
  | 'configuration_invalid'
  | 'internal';

const statusByCode: Record<AppErrorCode, number> = {
  consent_required: 403,
  reconnect_needed: 403,
  unauthorized: 401,
  forbidden: 403,
  sync_running: 409,
  integration_missing: 404,
  throttled: 429,
  graph_unavailable: 503,
  invalid_request: 400,
  not_found: 404,
  configuration_invalid: 500,
  internal: 500,
};

/** Options for {@link AppError}. */
export interface AppErrorOptions {
  /** Extra data safe to show to the caller (never tokens or contact details). */
  details?: Record<string, unknown>;
  /** The underlying error, kept for server-side logs only. */
  cause?: unknown;
}

export class AppError extends Error {
  readonly status: number;
  readonly details?: Record<string, unknown>;

  constructor(readonly code: AppErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.status = statusByCode[code];
    this.details = options.details;
  }
}

/** Normalises anything thrown into an AppError; unknown failures become `internal`. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('internal', 'Something went wrong on our side. Please try again.', {
    cause: error instanceof Error ? error : new Error(message),
  });
}

import type { HttpResponseInit, InvocationContext } from '@azure/functions';
import { AppError, toAppError } from '../errors/appError';
import { rejectionReasonOf } from '../identity';

/** The header every response of the API carries; the same id is in the error body and the log line. */
export const CORRELATION_HEADER = 'x-correlation-id';

/** The body of every error response. */
export interface ErrorBody {
  code: AppError['code'];
  /** For a person: what happened and what to do. */
  message: string;
  correlationId: string;
  /** Safe extra data: the bad field, the running sync's id, the role needed. */
  details?: Record<string, unknown>;
}

const MAX_LOGGED_CAUSE = 300;

/**
 * Maps anything thrown to `{ code, message, correlationId, details? }` with the AppError's status, and
 * logs one line with the correlation id and the cause (for a 401, which check failed; never the token).
 */
export function errorResponse(error: unknown, correlationId: string, log: Pick<InvocationContext, 'warn' | 'error'>): HttpResponseInit {
  const appError = toAppError(error);
  const line = `${appError.status} ${appError.code} correlationId=${correlationId}${causeOf(appError)}`;
  if (appError.status >= 500) log.error(line);
  else log.warn(line);
  const body: ErrorBody = { code: appError.code, message: appError.message, correlationId };
  if (appError.details && appError.code !== 'unauthorized') body.details = appError.details;
  const headers: Record<string, string> = { [CORRELATION_HEADER]: correlationId };
  if (appError.status === 401) headers['www-authenticate'] = 'Bearer';
  const retryAfterSec = appError.details?.retryAfterSec;
  if (appError.code === 'throttled' && typeof retryAfterSec === 'number') headers['retry-after'] = String(retryAfterSec);
  return { status: appError.status, jsonBody: body, headers };
}

/**
 * What a caller who is not signed in may learn of an error: that the sign-in failed (401), or that something
 * went wrong on our side (a generic 500 `internal`). A `configuration_invalid` (which names a setting) or
 * any other detail stays in the server log, through the cause.
 */
export function forAnonymousCaller(error: unknown): unknown {
  if (error instanceof AppError && error.code === 'unauthorized') return error;
  return new AppError('internal', 'Something went wrong on our side. Please try again.', { cause: error });
}

/** Why, for the server log: the token check that failed, or the cause's name and message (shortened, tokens masked). */
export function causeOf(error: AppError): string {
  const reason = rejectionReasonOf(error);
  if (reason) return ` reason=${reason}`;
  const cause = error.cause;
  if (!(cause instanceof Error)) return '';
  const name = cause instanceof AppError ? `${cause.name}(${cause.code})` : cause.name;
  const text = `${name}: ${cause.message}`.replace(/eyJ[\w-]*\.[\w-]*\.[\w-]*/g, '[token]');
  return ` cause="${text.slice(0, MAX_LOGGED_CAUSE)}"`;
}

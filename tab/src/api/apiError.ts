/**
 * An error from the API (`{ code, message, correlationId, details? }`) or from reaching it. The tab decides on
 * `code`, never on the message text.
 */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly options: { correlationId?: string; details?: Record<string, unknown>; retryAfterSec?: number } = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The endpoint does not exist on this server (a newer API adds it). */
  get missingEndpoint(): boolean {
    return this.status === 404 && this.code === 'endpoint_missing';
  }
}

/** The API could not be reached at all (network down, server stopped, CORS). */
export const UNREACHABLE = 'api_unreachable';

/** Builds the ApiError of a non-2xx response. A 404 without our error body: the route does not exist. */
export async function errorOf(response: Response): Promise<ApiError> {
  const body = await response.json().catch(() => undefined) as { code?: unknown; message?: unknown; correlationId?: unknown; details?: unknown } | undefined;
  const retryAfter = Number(response.headers.get('retry-after'));
  const options = {
    correlationId: typeof body?.correlationId === 'string' ? body.correlationId : response.headers.get('x-correlation-id') ?? undefined,
    details: body?.details && typeof body.details === 'object' ? body.details as Record<string, unknown> : undefined,
    retryAfterSec: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  };
  if (typeof body?.code !== 'string') {
    const code = response.status === 404 ? 'endpoint_missing' : 'internal';
    return new ApiError(code, `The server answered ${response.status}.`, response.status, options);
  }
  return new ApiError(body.code, typeof body.message === 'string' ? body.message : body.code, response.status, options);
}

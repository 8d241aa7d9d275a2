import { randomUUID } from 'node:crypto';

/** A Graph-style error answer: thrown by the endpoints, written by the router as Graph's error body. */
export class GraphHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'GraphHttpError';
  }
}

/** Graph's error body: `{"error":{"code","message","innerError":{"request-id","date"}}}`. */
export function graphErrorBody(code: string, message: string, requestId: string = randomUUID()): object {
  const date = new Date().toISOString().replace(/\.\d{3}Z$/, '');
  return { error: { code, message, innerError: { 'request-id': requestId, date, 'client-request-id': requestId } } };
}

export function itemNotFound(): GraphHttpError {
  return new GraphHttpError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
}

export function badRequest(message: string, code = 'BadRequest'): GraphHttpError {
  return new GraphHttpError(400, code, message);
}

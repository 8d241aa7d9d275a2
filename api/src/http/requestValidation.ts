import type { HttpRequest } from '@azure/functions';
import type { z } from 'zod';
import { AppError } from '../errors/appError';

/** The query string checked against `schema`; the first bad parameter is named in a 400. */
export function parseQuery<S extends z.ZodType>(schema: S, request: Pick<HttpRequest, 'query'>): z.output<S> {
  return parseWith(schema, Object.fromEntries(request.query.entries()));
}

/** The JSON body checked against `schema`; an empty body is `{}`. A body that is not JSON is a 400. */
export async function parseJsonBody<S extends z.ZodType>(schema: S, request: Pick<HttpRequest, 'text'>): Promise<z.output<S>> {
  const text = (await request.text()).trim();
  let body: unknown = {};
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      throw new AppError('invalid_request', 'The request body must be JSON.', { details: { field: 'body' } });
    }
  }
  return parseWith(schema, body);
}

/** Checks a value; the 400 names the first bad field (`allowedSchedules.1`, or `body` for the whole). */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ field: fieldOf(issue), message: issue.message }));
  const first = issues[0] ?? { field: 'body', message: 'is not valid' };
  throw new AppError('invalid_request', `${first.field}: ${first.message}`, { details: { field: first.field, issues } });
}

function fieldOf(issue: z.core.$ZodIssue): string {
  // An unknown key is reported on its parent; name the key itself.
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
  return path.length ? path.map(String).join('.') : 'body';
}

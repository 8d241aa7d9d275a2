/** Graph's failures as the engine acts on them (one place for single requests and `$batch` items). */

import type { GraphError } from '@microsoft/microsoft-graph-client';
import { AppError } from '../errors/appError';
import { DeltaTokenExpiredError } from './contactSource';

/** Graph's answer as the engine acts on it; 'network' when nothing (or half a page) came back. */
export function mapGraphError(error: unknown): Error | 'network' {
  const graphError = error as Partial<GraphError> & { headers?: Headers };
  const status = graphError.statusCode ?? -1;
  // Graph has been seen spelling these codes with either case.
  if (status === 410 || /^(syncStateNotFound|resyncRequired)$/i.test(graphError.code ?? '')) {
    return new DeltaTokenExpiredError(graphError.code ?? 'gone', graphError.headers?.get?.('Location') ?? undefined);
  }
  if (status === 401 || status === 403) {
    return new AppError('reconnect_needed', 'Microsoft Graph refused the access token. Sign in to Outlook Sync again.', { cause: error });
  }
  if (status === 429) return new AppError('throttled', 'Microsoft Graph is throttling this mailbox. The sync will continue later.', { cause: error });
  if (status >= 500) return new AppError('graph_unavailable', 'Microsoft Graph is unavailable. The sync will continue later.', { cause: error });
  if (status >= 400) return new AppError('graph_unavailable', `Microsoft Graph answered ${status}.`, { cause: error });
  if (error instanceof SyntaxError) return unreadable('a page was not valid JSON');
  return 'network';
}

export function networkFailure(cause: unknown): AppError {
  return new AppError('graph_unavailable', 'The connection to Microsoft Graph kept failing. The sync will continue later.', { cause });
}

export function unreadable(what: string): AppError {
  return new AppError('graph_unavailable', `Microsoft Graph sent a page we could not read: ${what}.`);
}

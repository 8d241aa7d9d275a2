import { handleContactDelta } from './deltaEndpoint';
import type { RequestKind } from './faultScript';
import { handleFolderDelta } from './folderDeltaEndpoint';
import { handleGetFolder, handleListFolders } from './folderEndpoints';
import type { GraphRequestContext, SimResponse } from './graphContext';
import { badRequest } from './graphErrors';
import { expiredTokenError } from './tokenChecks';

/** Which kind of Graph request a path is (for counts and fault matching). */
export function requestKindOf(segments: readonly string[]): RequestKind {
  const lower = segments.map((segment) => segment.toLowerCase());
  if (lower[0] !== 'me' || lower[1] !== 'contactfolders') return 'other';
  return isDelta(lower[4]) ? 'delta' : 'folders';
}

/**
 * Sends an authenticated `/v1.0` GET to its endpoint. `segments` are the path segments after `/v1.0`,
 * still URI-encoded (a folder id may contain `/`). Segment names are case-insensitive, like Graph's.
 */
export function routeGraphRequest(ctx: GraphRequestContext, segments: readonly string[], forceExpired: boolean): SimResponse {
  const lower = segments.map((segment) => segment.toLowerCase());
  if (lower[0] !== 'me' || lower[1] !== 'contactfolders') throw unknownSegment(segments[lower[0] === 'me' ? 1 : 0]);
  if (forceExpired && !isDelta(lower[4])) throw expiredTokenError(ctx);
  if (segments.length === 2) return handleListFolders(ctx);
  if (segments.length === 3 && isDelta(lower[2])) return handleFolderDelta(ctx);
  const folderId = decodeSegment(segments[2] ?? '');
  if (segments.length === 3) return handleGetFolder(ctx, folderId);
  if (segments.length === 4 && lower[3] === 'childfolders') return handleListFolders(ctx, folderId);
  if (segments.length === 5 && lower[3] === 'contacts' && isDelta(lower[4])) return handleContactDelta(ctx, folderId, forceExpired);
  throw unknownSegment(segments[Math.min(segments.length - 1, 3)]);
}

function isDelta(segment: string | undefined): boolean {
  return segment === 'delta' || segment === 'delta()' || segment === 'microsoft.graph.delta' || segment === 'microsoft.graph.delta()';
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw badRequest(`The id '${segment}' is not correctly URI-encoded.`, 'ErrorInvalidIdMalformed');
  }
}

function unknownSegment(segment: string | undefined): Error {
  return badRequest(`Resource not found for the segment '${segment ?? ''}'.`);
}

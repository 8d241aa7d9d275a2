import type { FolderTreeSkipState } from './deltaTokens';
import { folderShape } from './folderTree';
import { type GraphRequestContext, queryParam, type SimResponse } from './graphContext';
import { parsePrefer, preferenceApplied } from './preferences';
import { expiredTokenError, readToken, TREE_SCOPE } from './tokenChecks';

/** Folders a page without `Prefer: odata.maxpagesize`. */
export const DEFAULT_FOLDER_DELTA_PAGE_SIZE = 10;

/**
 * `GET /me/contactFolders/delta` (https://learn.microsoft.com/graph/api/contactfolder-delta): the folders
 * below the default Contacts folder (the knob `folderDeltaScope` says how deep), not the default folder
 * itself. Without a token: every folder; with the `$deltatoken` of the last round's `@odata.deltaLink`:
 * the folders added, renamed or moved since, in their current state, and the deleted ones as
 * `{ id, "@removed": { "reason": "deleted" } }`. Pages are linked by `@odata.nextLink` (`$skiptoken`).
 * An unknown or expired delta token answers 410 like contact delta.
 */
export function handleFolderDelta(ctx: GraphRequestContext): SimResponse {
  const prefer = parsePrefer(ctx.headers.prefer);
  const pageSize = Math.min(prefer.maxPageSize ?? DEFAULT_FOLDER_DELTA_PAGE_SIZE, ctx.sim.knobs.maxPageSize);
  const round = startOrResumeRound(ctx);
  const ids = ctx.mailbox.folderChangeIds(round.from, round.to);
  const end = Math.min(ids.length, round.cursor + pageSize);
  const value = ids.slice(round.cursor, end).flatMap((id) => entryOf(ctx, id, round.from < 0));
  return {
    status: 200,
    headers: { 'Preference-Applied': preferenceApplied(prefer, pageSize) },
    body: { '@odata.context': `${ctx.baseUrl}/$metadata#Collection(contactFolder)`, ...roundLink(ctx, round, end, ids.length), value },
  };
}

function startOrResumeRound(ctx: GraphRequestContext): FolderTreeSkipState {
  const scope = { mailbox: ctx.mailbox.tag, incarnation: ctx.mailbox.incarnation, folder: TREE_SCOPE };
  const skipToken = queryParam(ctx.url, '$skiptoken');
  if (skipToken !== undefined) return readToken(ctx, 'tree', skipToken, 'treeSkip');
  const deltaToken = queryParam(ctx.url, '$deltatoken');
  if (deltaToken === undefined) return { kind: 'treeSkip', ...scope, from: -1, to: ctx.mailbox.version, cursor: 0 };
  const last = readToken(ctx, 'tree', deltaToken, 'treeDelta');
  if (ctx.sim.isExpired(last.issued)) throw expiredTokenError(ctx);
  return { kind: 'treeSkip', ...scope, from: last.version, to: ctx.mailbox.version, cursor: 0 };
}

/** A folder in its current state; a folder gone (or out of scope) is `@removed` in a delta round, left out of a full one. */
function entryOf(ctx: GraphRequestContext, id: string, fullRound: boolean): object[] {
  const folder = ctx.mailbox.folderInDeltaScope(id, ctx.sim.knobs.folderDeltaScope);
  if (folder) return [folderShape(folder)];
  return fullRound ? [] : [{ id, '@removed': { reason: 'deleted' } }];
}

function roundLink(ctx: GraphRequestContext, round: FolderTreeSkipState, end: number, total: number): object {
  const base = `${ctx.baseUrl}/me/contactFolders/delta`;
  if (end < total) {
    const token = ctx.sim.tokens.encode({ ...round, cursor: end });
    return { '@odata.nextLink': `${base}?$skiptoken=${encodeURIComponent(token)}` };
  }
  const token = ctx.sim.tokens.encode({
    kind: 'treeDelta', mailbox: round.mailbox, incarnation: round.incarnation, folder: TREE_SCOPE,
    version: round.to, issued: ctx.sim.issueTokenSerial(),
  });
  return { '@odata.deltaLink': `${base}?$deltatoken=${encodeURIComponent(token)}` };
}

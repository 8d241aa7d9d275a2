import { parseSelect, projectContact } from './contactShape';
import { type DeltaPageResult, readDeltaPage, type RoundWindow, shufflePermutation } from './deltaPager';
import type { SkipTokenState } from './deltaTokens';
import type { FolderEvent } from './folderLog';
import type { SimFolder } from './folderTree';
import { deltaUrl, type GraphRequestContext, queryParam, type SimResponse } from './graphContext';
import { itemNotFound } from './graphErrors';
import { restIdFor } from './graphIds';
import { parsePrefer, preferenceApplied } from './preferences';
import { mixSeed } from './seededRandom';
import { expiredTokenError, readToken } from './tokenChecks';

/** Page size without `Prefer: odata.maxpagesize`. */
export const DEFAULT_DELTA_PAGE_SIZE = 10;

/**
 * `GET /me/contactFolders/{id}/contacts/delta`: a full round without a token, the next page with a
 * `$skiptoken`, the changes since the last round with a `$deltatoken`. `forceExpired` answers as if the
 * token had expired (the fault script's `410`).
 */
export function handleContactDelta(ctx: GraphRequestContext, folderId: string, forceExpired = false): SimResponse {
  const folder = ctx.mailbox.findFolder(folderId);
  if (!folder) throw itemNotFound();
  const prefer = parsePrefer(ctx.headers.prefer);
  const pageSize = Math.min(prefer.maxPageSize ?? DEFAULT_DELTA_PAGE_SIZE, ctx.sim.knobs.maxPageSize);
  const round = startOrResumeRound(ctx, folder, forceExpired);
  const page = readDeltaPage(folder.log, windowOf(folder, round), {
    cursor: round.cursor, pageSize, replayRate: ctx.sim.knobs.replayRate, seed: ctx.sim.knobs.seed,
  });
  const value = page.events.map((event) => entryJson(event, round.select, prefer.immutableIds, folder.serial));
  return {
    status: 200,
    headers: { 'Preference-Applied': preferenceApplied(prefer, pageSize) },
    body: { '@odata.context': `${ctx.baseUrl}/$metadata#Collection(contact)`, ...roundLink(ctx, folder, round, page), value },
  };
}

/** The next page's link, or on the last page the delta link where the next round starts. */
function roundLink(ctx: GraphRequestContext, folder: SimFolder, round: SkipTokenState, page: DeltaPageResult): object {
  if (!page.done) {
    return { '@odata.nextLink': deltaUrl(ctx, folder, '$skiptoken', ctx.sim.tokens.encode({ ...round, cursor: page.cursor })) };
  }
  const token = ctx.sim.tokens.encode({
    kind: 'delta', mailbox: round.mailbox, incarnation: round.incarnation, folder: round.folder,
    version: round.to, select: round.select, issued: ctx.sim.issueTokenSerial(),
  });
  return { '@odata.deltaLink': deltaUrl(ctx, folder, '$deltatoken', token) };
}

/** The round this request belongs to, as the state its next skip token will carry. */
function startOrResumeRound(ctx: GraphRequestContext, folder: SimFolder, forceExpired: boolean): SkipTokenState {
  const skipToken = queryParam(ctx.url, '$skiptoken');
  const deltaToken = queryParam(ctx.url, '$deltatoken');
  if (skipToken !== undefined) {
    const round = readToken(ctx, folder, skipToken, 'skip');
    if (forceExpired) throw expiredTokenError(ctx, folder, round.select);
    return round;
  }
  // An empty $deltatoken is the restart URL Graph sends with a 410: a full round again.
  if (deltaToken !== undefined && deltaToken !== '') {
    const last = readToken(ctx, folder, deltaToken, 'delta');
    if (forceExpired || ctx.sim.isExpired(last.issued) || last.version > ctx.mailbox.version) {
      throw expiredTokenError(ctx, folder, last.select);
    }
    return newRound(ctx, folder, last.version, last.select);
  }
  const select = parseSelect(queryParam(ctx.url, '$select') ?? null);
  if (forceExpired) throw expiredTokenError(ctx, folder, select);
  return newRound(ctx, folder, -1, select);
}

function newRound(ctx: GraphRequestContext, folder: SimFolder, from: number, select: string[] | undefined): SkipTokenState {
  const to = ctx.mailbox.version;
  const round: SkipTokenState = {
    kind: 'skip', mailbox: ctx.mailbox.tag, incarnation: ctx.mailbox.incarnation, folder: folder.serial,
    from, to, cursor: 0, select,
  };
  if (ctx.sim.knobs.shuffle) {
    const window = windowOf(folder, round);
    round.perm = shufflePermutation(window.end - window.start, mixSeed(ctx.sim.knobs.seed, folder.serial, from, to));
  }
  return round;
}

function windowOf(folder: SimFolder, round: SkipTokenState): RoundWindow {
  const full = round.from < 0;
  return {
    start: full ? 0 : folder.log.positionAfter(round.from),
    end: folder.log.positionAfter(round.to),
    full,
    perm: round.perm,
  };
}

function entryJson(event: FolderEvent, select: string[] | undefined, immutableIds: boolean, folderSerial: number): object {
  const id = immutableIds ? event.contactId : restIdFor(event.contactId, folderSerial);
  if (!event.contact) return { '@odata.type': '#microsoft.graph.contact', id, '@removed': { reason: event.removed } };
  return projectContact(event.contact, select, id);
}

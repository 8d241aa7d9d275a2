"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_DELTA_PAGE_SIZE = void 0;
exports.handleContactDelta = handleContactDelta;
const contactShape_1 = require("./contactShape");
const deltaPager_1 = require("./deltaPager");
const graphContext_1 = require("./graphContext");
const graphErrors_1 = require("./graphErrors");
const graphIds_1 = require("./graphIds");
const preferences_1 = require("./preferences");
const seededRandom_1 = require("./seededRandom");
const tokenChecks_1 = require("./tokenChecks");
/** Page size without `Prefer: odata.maxpagesize`. */
exports.DEFAULT_DELTA_PAGE_SIZE = 10;
/**
 * `GET /me/contactFolders/{id}/contacts/delta`: a full round without a token, the next page with a
 * `$skiptoken`, the changes since the last round with a `$deltatoken`. `forceExpired` answers as if the
 * token had expired (the fault script's `410`).
 */
function handleContactDelta(ctx, folderId, forceExpired = false) {
    const folder = ctx.mailbox.findFolder(folderId);
    if (!folder)
        throw (0, graphErrors_1.itemNotFound)();
    const prefer = (0, preferences_1.parsePrefer)(ctx.headers.prefer);
    const pageSize = Math.min(prefer.maxPageSize ?? exports.DEFAULT_DELTA_PAGE_SIZE, ctx.sim.knobs.maxPageSize);
    const round = startOrResumeRound(ctx, folder, forceExpired);
    const page = (0, deltaPager_1.readDeltaPage)(folder.log, windowOf(folder, round), {
        cursor: round.cursor, pageSize, replayRate: ctx.sim.knobs.replayRate, seed: ctx.sim.knobs.seed,
    });
    const value = page.events.map((event) => entryJson(event, round.select, prefer.immutableIds, folder.serial));
    return {
        status: 200,
        headers: { 'Preference-Applied': (0, preferences_1.preferenceApplied)(prefer, pageSize) },
        body: { '@odata.context': `${ctx.baseUrl}/$metadata#Collection(contact)`, ...roundLink(ctx, folder, round, page), value },
    };
}
/** The next page's link, or on the last page the delta link where the next round starts. */
function roundLink(ctx, folder, round, page) {
    if (!page.done) {
        return { '@odata.nextLink': (0, graphContext_1.deltaUrl)(ctx, folder, '$skiptoken', ctx.sim.tokens.encode({ ...round, cursor: page.cursor })) };
    }
    const token = ctx.sim.tokens.encode({
        kind: 'delta', mailbox: round.mailbox, incarnation: round.incarnation, folder: round.folder,
        version: round.to, select: round.select, issued: ctx.sim.issueTokenSerial(),
    });
    return { '@odata.deltaLink': (0, graphContext_1.deltaUrl)(ctx, folder, '$deltatoken', token) };
}
/** The round this request belongs to, as the state its next skip token will carry. */
function startOrResumeRound(ctx, folder, forceExpired) {
    const skipToken = (0, graphContext_1.queryParam)(ctx.url, '$skiptoken');
    const deltaToken = (0, graphContext_1.queryParam)(ctx.url, '$deltatoken');
    if (skipToken !== undefined) {
        const round = (0, tokenChecks_1.readToken)(ctx, folder, skipToken, 'skip');
        if (forceExpired)
            throw (0, tokenChecks_1.expiredTokenError)(ctx, folder, round.select);
        return round;
    }
    // An empty $deltatoken is the restart URL Graph sends with a 410: a full round again.
    if (deltaToken !== undefined && deltaToken !== '') {
        const last = (0, tokenChecks_1.readToken)(ctx, folder, deltaToken, 'delta');
        if (forceExpired || ctx.sim.isExpired(last.issued) || last.version > ctx.mailbox.version) {
            throw (0, tokenChecks_1.expiredTokenError)(ctx, folder, last.select);
        }
        return newRound(ctx, folder, last.version, last.select);
    }
    const select = (0, contactShape_1.parseSelect)((0, graphContext_1.queryParam)(ctx.url, '$select') ?? null);
    if (forceExpired)
        throw (0, tokenChecks_1.expiredTokenError)(ctx, folder, select);
    return newRound(ctx, folder, -1, select);
}
function newRound(ctx, folder, from, select) {
    const to = ctx.mailbox.version;
    const round = {
        kind: 'skip', mailbox: ctx.mailbox.tag, incarnation: ctx.mailbox.incarnation, folder: folder.serial,
        from, to, cursor: 0, select,
    };
    if (ctx.sim.knobs.shuffle) {
        const window = windowOf(folder, round);
        round.perm = (0, deltaPager_1.shufflePermutation)(window.end - window.start, (0, seededRandom_1.mixSeed)(ctx.sim.knobs.seed, folder.serial, from, to));
    }
    return round;
}
function windowOf(folder, round) {
    const full = round.from < 0;
    return {
        start: full ? 0 : folder.log.positionAfter(round.from),
        end: folder.log.positionAfter(round.to),
        full,
        perm: round.perm,
    };
}
function entryJson(event, select, immutableIds, folderSerial) {
    const id = immutableIds ? event.contactId : (0, graphIds_1.restIdFor)(event.contactId, folderSerial);
    if (!event.contact)
        return { '@odata.type': '#microsoft.graph.contact', id, '@removed': { reason: event.removed } };
    return (0, contactShape_1.projectContact)(event.contact, select, id);
}
//# sourceMappingURL=deltaEndpoint.js.map
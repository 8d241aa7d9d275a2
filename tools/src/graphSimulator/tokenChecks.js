"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readToken = readToken;
exports.expiredTokenError = expiredTokenError;
const graphContext_1 = require("./graphContext");
const graphErrors_1 = require("./graphErrors");
/**
 * Reads a token for this folder of this mailbox. A token of another folder, mailbox or kind, or an
 * edited one, is a 400; one whose state is gone (another simulator run, a re-created mailbox) a 410.
 */
function readToken(ctx, folder, token, kind) {
    const decoded = ctx.sim.tokens.decode(token);
    if (decoded.status === 'foreign')
        throw expiredTokenError(ctx, folder);
    if (decoded.status === 'invalid')
        throw invalidToken('The token is malformed.');
    const { state } = decoded;
    if (state.kind !== kind)
        throw invalidToken(`A ${state.kind} token was given where a ${kind} token is expected.`);
    if (state.mailbox !== ctx.mailbox.tag)
        throw invalidToken('The token belongs to another mailbox.');
    if (state.incarnation !== ctx.mailbox.incarnation)
        throw expiredTokenError(ctx, folder);
    if (state.folder !== folder.serial)
        throw invalidToken('The token belongs to another folder.');
    return state;
}
/** Graph's 410 for a delta token it no longer knows, with the restart URL in `Location` (knobs decide both). */
function expiredTokenError(ctx, folder, select) {
    const { expiredTokenCode, expiredTokenLocation } = ctx.sim.knobs;
    const message = expiredTokenCode === 'resyncRequired'
        ? 'Resync required. The delta token is no longer valid; restart with a full synchronization.'
        : 'The sync state generation is not found. The delta token is expired and data must be synchronized again.';
    const headers = {};
    if (folder && expiredTokenLocation) {
        const restart = (0, graphContext_1.deltaUrl)(ctx, folder);
        headers.Location = select ? `${restart}?$select=${select.join(',')}` : restart;
    }
    return new graphErrors_1.GraphHttpError(410, expiredTokenCode, message, headers);
}
function invalidToken(message) {
    return (0, graphErrors_1.badRequest)(message, 'invalidRequest');
}
//# sourceMappingURL=tokenChecks.js.map
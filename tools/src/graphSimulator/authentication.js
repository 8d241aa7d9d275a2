"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.simTokenAuthenticator = void 0;
exports.simToken = simToken;
const PREFIX = 'sim:';
/** A bearer token the default authenticator accepts for this mailbox: `sim:<tenantId>:<userId>`. */
function simToken(tenantId, userId) {
    return `${PREFIX}${encodeURIComponent(tenantId)}:${encodeURIComponent(userId)}`;
}
/** The default {@link Authenticator}: `sim:<tenantId>:<userId>` (parts URI-encoded), anything else refused. */
const simTokenAuthenticator = (token) => Promise.resolve(parseSimToken(token));
exports.simTokenAuthenticator = simTokenAuthenticator;
function parseSimToken(token) {
    if (!token.startsWith(PREFIX))
        return undefined;
    const parts = token.slice(PREFIX.length).split(':');
    if (parts.length !== 2 || !parts[0] || !parts[1])
        return undefined;
    try {
        return { tenantId: decodeURIComponent(parts[0]), userId: decodeURIComponent(parts[1]) };
    }
    catch {
        return undefined;
    }
}
//# sourceMappingURL=authentication.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requestKindOf = requestKindOf;
exports.routeGraphRequest = routeGraphRequest;
const deltaEndpoint_1 = require("./deltaEndpoint");
const folderEndpoints_1 = require("./folderEndpoints");
const graphErrors_1 = require("./graphErrors");
const tokenChecks_1 = require("./tokenChecks");
/** Which kind of Graph request a path is (for counts and fault matching). */
function requestKindOf(segments) {
    const lower = segments.map((segment) => segment.toLowerCase());
    if (lower[0] !== 'me' || lower[1] !== 'contactfolders')
        return 'other';
    return isDelta(lower[4]) ? 'delta' : 'folders';
}
/**
 * Sends an authenticated `/v1.0` GET to its endpoint. `segments` are the path segments after `/v1.0`,
 * still URI-encoded (a folder id may contain `/`). Segment names are case-insensitive, like Graph's.
 */
function routeGraphRequest(ctx, segments, forceExpired) {
    const lower = segments.map((segment) => segment.toLowerCase());
    if (lower[0] !== 'me' || lower[1] !== 'contactfolders')
        throw unknownSegment(segments[lower[0] === 'me' ? 1 : 0]);
    if (forceExpired && !isDelta(lower[4]))
        throw (0, tokenChecks_1.expiredTokenError)(ctx);
    if (segments.length === 2)
        return (0, folderEndpoints_1.handleListFolders)(ctx);
    const folderId = decodeSegment(segments[2] ?? '');
    if (segments.length === 3)
        return (0, folderEndpoints_1.handleGetFolder)(ctx, folderId);
    if (segments.length === 4 && lower[3] === 'childfolders')
        return (0, folderEndpoints_1.handleListFolders)(ctx, folderId);
    if (segments.length === 5 && lower[3] === 'contacts' && isDelta(lower[4]))
        return (0, deltaEndpoint_1.handleContactDelta)(ctx, folderId, forceExpired);
    throw unknownSegment(segments[Math.min(segments.length - 1, 3)]);
}
function isDelta(segment) {
    return segment === 'delta' || segment === 'delta()' || segment === 'microsoft.graph.delta' || segment === 'microsoft.graph.delta()';
}
function decodeSegment(segment) {
    try {
        return decodeURIComponent(segment);
    }
    catch {
        throw (0, graphErrors_1.badRequest)(`The id '${segment}' is not correctly URI-encoded.`, 'ErrorInvalidIdMalformed');
    }
}
function unknownSegment(segment) {
    return (0, graphErrors_1.badRequest)(`Resource not found for the segment '${segment ?? ''}'.`);
}
//# sourceMappingURL=graphRoutes.js.map
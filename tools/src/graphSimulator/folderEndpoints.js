"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_FOLDER_PAGE_SIZE = void 0;
exports.handleGetFolder = handleGetFolder;
exports.handleListFolders = handleListFolders;
const folderTree_1 = require("./folderTree");
const graphContext_1 = require("./graphContext");
const graphErrors_1 = require("./graphErrors");
const tokenChecks_1 = require("./tokenChecks");
/** Page size of folder listings without `$top`. */
exports.DEFAULT_FOLDER_PAGE_SIZE = 10;
const MAX_TOP = 1000;
/** `GET /me/contactFolders/{id}`: one folder, by id or the well-known name `contacts`. */
function handleGetFolder(ctx, folderId) {
    const folder = requireFolder(ctx, folderId);
    return { status: 200, body: { '@odata.context': `${ctx.baseUrl}/$metadata#contactFolders/$entity`, ...(0, folderTree_1.folderShape)(folder) } };
}
/**
 * `GET /me/contactFolders` (the folders under the default Contacts folder) and
 * `GET /me/contactFolders/{id}/childFolders`: paged by `$top` (default 10) with an opaque `$skiptoken`.
 */
function handleListFolders(ctx, parentId) {
    const parent = requireFolder(ctx, parentId ?? 'contacts');
    const skipToken = (0, graphContext_1.queryParam)(ctx.url, '$skiptoken');
    const { offset, top } = skipToken === undefined
        ? { offset: 0, top: parseTop((0, graphContext_1.queryParam)(ctx.url, '$top')) }
        : (0, tokenChecks_1.readToken)(ctx, parent, skipToken, 'folders');
    const children = ctx.mailbox.childFolders(parent.id);
    const end = offset + top;
    const body = {
        '@odata.context': `${ctx.baseUrl}/$metadata#Collection(contactFolder)`,
        value: children.slice(offset, end).map(folderTree_1.folderShape),
    };
    if (end < children.length) {
        const token = ctx.sim.tokens.encode({
            kind: 'folders', mailbox: ctx.mailbox.tag, incarnation: ctx.mailbox.incarnation, folder: parent.serial, offset: end, top,
        });
        const path = parentId === undefined ? '/me/contactFolders' : `/me/contactFolders/${encodeURIComponent(parent.id)}/childFolders`;
        body['@odata.nextLink'] = `${ctx.baseUrl}${path}?$skiptoken=${encodeURIComponent(token)}`;
    }
    return { status: 200, body };
}
function requireFolder(ctx, folderId) {
    const folder = ctx.mailbox.findFolder(folderId);
    if (!folder)
        throw (0, graphErrors_1.itemNotFound)();
    return folder;
}
function parseTop(raw) {
    if (raw === undefined)
        return exports.DEFAULT_FOLDER_PAGE_SIZE;
    const top = Number(raw);
    if (!/^\d+$/.test(raw) || top < 1 || top > MAX_TOP)
        throw (0, graphErrors_1.badRequest)(`Invalid value '${raw}' for $top: a whole number between 1 and ${MAX_TOP} is expected.`);
    return top;
}
//# sourceMappingURL=folderEndpoints.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.queryParam = queryParam;
exports.deltaUrl = deltaUrl;
/** A query parameter by case-insensitive name (`$skipToken` = `$skiptoken`); `undefined` when absent. */
function queryParam(url, name) {
    const wanted = name.toLowerCase();
    for (const [key, value] of url.searchParams)
        if (key.toLowerCase() === wanted)
            return value;
    return undefined;
}
/** A delta URL of the folder; with no token parameter, the URL of a fresh full round. */
function deltaUrl(ctx, folder, param, value) {
    const base = `${ctx.baseUrl}/me/contactFolders/${encodeURIComponent(folder.id)}/contacts/delta`;
    return param && value !== undefined ? `${base}?${param}=${encodeURIComponent(value)}` : base;
}
//# sourceMappingURL=graphContext.js.map
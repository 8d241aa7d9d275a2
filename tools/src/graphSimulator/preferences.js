"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parsePrefer = parsePrefer;
exports.preferenceApplied = preferenceApplied;
/** Parses one or more `Prefer` headers (comma-separated preferences, names case-insensitive). */
function parsePrefer(header) {
    const preferences = { immutableIds: false };
    const raw = Array.isArray(header) ? header.join(',') : header ?? '';
    for (const part of raw.split(',')) {
        const [name = '', value = ''] = part.split('=', 2).map((piece) => piece.trim());
        const unquoted = value.replace(/^"(.*)"$/, '$1');
        if (name.toLowerCase() === 'odata.maxpagesize' && /^\d+$/.test(unquoted) && Number(unquoted) > 0) {
            preferences.maxPageSize = Number(unquoted);
        }
        else if (name.toLowerCase() === 'idtype' && unquoted.toLowerCase() === 'immutableid') {
            preferences.immutableIds = true;
        }
    }
    return preferences;
}
/** The `Preference-Applied` header of a delta answer. */
function preferenceApplied(preferences, pageSize) {
    const applied = ['odata.track-changes'];
    if (preferences.maxPageSize !== undefined)
        applied.push(`odata.maxpagesize=${pageSize}`);
    if (preferences.immutableIds)
        applied.push('IdType="ImmutableId"');
    return applied.join(', ');
}
//# sourceMappingURL=preferences.js.map
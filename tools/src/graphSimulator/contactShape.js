"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CONTACT_PROPERTIES = void 0;
exports.parseSelect = parseSelect;
exports.projectContact = projectContact;
exports.freezeContact = freezeContact;
const graphErrors_1 = require("./graphErrors");
const COLLECTION_PROPERTIES = new Set([
    'businessPhones', 'homePhones', 'emailAddresses', 'imAddresses', 'categories', 'children',
]);
/** Every property of Graph's v1.0 contact, in Graph's order ($select is checked against this list). */
exports.CONTACT_PROPERTIES = [
    'id', 'createdDateTime', 'lastModifiedDateTime', 'changeKey', 'categories', 'parentFolderId', 'birthday',
    'fileAs', 'displayName', 'givenName', 'initials', 'middleName', 'nickName', 'surname', 'title',
    'yomiGivenName', 'yomiSurname', 'yomiCompanyName', 'generation', 'imAddresses', 'jobTitle', 'companyName',
    'department', 'officeLocation', 'profession', 'businessHomePage', 'assistantName', 'manager', 'homePhones',
    'mobilePhone', 'businessPhones', 'spouseName', 'personalNotes', 'children', 'emailAddresses', 'homeAddress',
    'businessAddress', 'otherAddress',
];
const byLowerName = new Map(exports.CONTACT_PROPERTIES.map((name) => [name.toLowerCase(), name]));
/**
 * Parses `$select` (case-insensitive, like Graph) into canonical property names; `undefined` when absent.
 * An unknown property is Graph's 400.
 */
function parseSelect(raw) {
    if (raw === null || raw.trim() === '')
        return undefined;
    const names = raw.split(',').map((part) => part.trim()).filter(Boolean).map((part) => {
        const name = byLowerName.get(part.toLowerCase());
        if (!name) {
            throw (0, graphErrors_1.badRequest)(`Could not find a property named '${part}' on type 'microsoft.graph.contact'.`, 'RequestBroker--ParseUri');
        }
        return name;
    });
    return [...new Set(names)];
}
/** The contact as Graph sends it: selected properties (all when no `$select`), unset ones null or []. */
function projectContact(contact, select, id) {
    const source = contact;
    const out = { '@odata.etag': `W/"${contact.changeKey}"`, id };
    for (const name of select ?? exports.CONTACT_PROPERTIES) {
        if (name === 'id')
            continue;
        out[name] = source[name] ?? (COLLECTION_PROPERTIES.has(name) ? [] : null);
    }
    return out;
}
/** Freezes a contact and the arrays and objects inside it, so a snapshot can never be changed later. */
function freezeContact(contact) {
    const fields = contact;
    for (const key in fields)
        deepFreeze(fields[key]);
    return Object.freeze(contact);
}
function deepFreeze(value) {
    if (value === null || typeof value !== 'object' || Object.isFrozen(value))
        return;
    const fields = value;
    for (const key in fields)
        deepFreeze(fields[key]);
    Object.freeze(value);
}
//# sourceMappingURL=contactShape.js.map
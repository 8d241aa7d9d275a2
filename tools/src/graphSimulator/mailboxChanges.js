"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.applyChanges = applyChanges;
/**
 * Applies changes in order and returns one result each (the contact or folder, or `{ id }` for a
 * deletion). Not atomic: a bad change throws a RangeError naming its index, after the earlier ones.
 */
function applyChanges(mailbox, changes) {
    const list = Array.isArray(changes) ? changes : [changes];
    return list.map((change, index) => {
        try {
            return applyChange(mailbox, change);
        }
        catch (error) {
            throw new RangeError(`change ${index}: ${error instanceof Error ? error.message : String(error)}`);
        }
    });
}
function applyChange(mailbox, raw) {
    const change = asRecord(raw, 'a change');
    switch (change.op) {
        case 'add':
            return mailbox.addContact(optionalText(change.folderId, 'folderId') ?? mailbox.defaultFolderId, asRecord(change.contact, '"contact"'));
        case 'update':
            return mailbox.updateContact(text(change.id, 'id'), asRecord(change.patch, '"patch"'));
        case 'delete':
            mailbox.deleteContact(text(change.id, 'id'));
            return { id: change.id };
        case 'move':
            return mailbox.moveContact(text(change.id, 'id'), text(change.toFolderId, 'toFolderId'));
        case 'addFolder':
            return mailbox.addFolder(text(change.displayName, 'displayName'), optionalText(change.parentId, 'parentId'));
        case 'deleteFolder':
            mailbox.deleteFolder(text(change.id, 'id'));
            return { id: change.id };
        default:
            throw new RangeError(`"op" must be add, update, delete, move, addFolder or deleteFolder, got ${JSON.stringify(change.op)}`);
    }
}
function asRecord(value, what) {
    if (value === null || typeof value !== 'object' || Array.isArray(value))
        throw new RangeError(`${what} must be an object`);
    return value;
}
function text(value, name) {
    if (typeof value !== 'string')
        throw new RangeError(`"${name}" must be a string`);
    return value;
}
function optionalText(value, name) {
    return value === undefined ? undefined : text(value, name);
}
//# sourceMappingURL=mailboxChanges.js.map
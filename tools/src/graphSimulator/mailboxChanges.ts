import type { ContactInput, Mailbox } from './mailbox';

/** One change to a mailbox, as `POST /_sim/mailboxes/{tenant}/{user}/changes` takes it. */
export type MailboxChange =
  | { op: 'add'; folderId?: string; contact: ContactInput }
  | { op: 'update'; id: string; patch: ContactInput }
  | { op: 'delete'; id: string }
  | { op: 'move'; id: string; toFolderId: string }
  | { op: 'addFolder'; displayName: string; parentId?: string }
  | { op: 'renameFolder'; id: string; displayName: string }
  | { op: 'moveFolder'; id: string; toParentId: string }
  | { op: 'deleteFolder'; id: string };

/**
 * Applies changes in order and returns one result each (the contact or folder, or `{ id }` for a
 * deletion). Not atomic: a bad change throws a RangeError naming its index, after the earlier ones.
 */
export function applyChanges(mailbox: Mailbox, changes: unknown): unknown[] {
  const list = Array.isArray(changes) ? changes : [changes];
  return list.map((change: unknown, index) => {
    try {
      return applyChange(mailbox, change);
    } catch (error) {
      throw new RangeError(`change ${index}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}

function applyChange(mailbox: Mailbox, raw: unknown): unknown {
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
    case 'renameFolder':
      return mailbox.renameFolder(text(change.id, 'id'), text(change.displayName, 'displayName'));
    case 'moveFolder':
      return mailbox.moveFolder(text(change.id, 'id'), text(change.toParentId, 'toParentId'));
    case 'deleteFolder':
      mailbox.deleteFolder(text(change.id, 'id'));
      return { id: change.id };
    default:
      throw new RangeError(`"op" must be add, update, delete, move, addFolder, renameFolder, moveFolder or deleteFolder, got ${JSON.stringify(change.op)}`);
  }
}

function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new RangeError(`${what} must be an object`);
  return value as Record<string, unknown>;
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string') throw new RangeError(`"${name}" must be a string`);
  return value;
}

function optionalText(value: unknown, name: string): string | undefined {
  return value === undefined ? undefined : text(value, name);
}

import { RestError, type TableClient } from '@azure/data-tables';
import type { MailboxRef, StoredContact } from '../contacts/contactModel';
import { AppError } from '../errors/appError';
import { contactRowKey, fromContactEntity } from './contactEntity';
import { ROW_PREFIX, mailboxPartitionKey, rowKindFilter } from './tableKeys';

/** Options for {@link ContactDirectory.search}. */
export interface ContactSearch {
  /** Case-insensitive text in a name, the phone or the email; digits also match the E.164 phone. */
  text?: string;
  top: number;
  skip: number;
}

/** Reading a mailbox's stored contacts (API, CLI, phonebook), and marking channel-bound values. */
export class ContactDirectory {
  constructor(private readonly client: TableClient) {}

  /** Every stored contact of the mailbox, streamed. */
  async *all(mailbox: MailboxRef): AsyncIterable<StoredContact> {
    const filter = rowKindFilter(mailboxPartitionKey(mailbox), ROW_PREFIX.contact);
    for await (const entity of this.client.listEntities({ queryOptions: { filter } })) {
      yield fromContactEntity(entity).contact;
    }
  }

  /** One page of the mailbox's contacts matching the search, and whether more follow. */
  async search(mailbox: MailboxRef, search: ContactSearch): Promise<{ contacts: StoredContact[]; more: boolean }> {
    const needle = search.text?.trim().toLowerCase() ?? '';
    const digits = needle.replace(/[^\d]/g, '');
    const contacts: StoredContact[] = [];
    let skipped = 0;
    for await (const contact of this.all(mailbox)) {
      if (needle && !matches(contact, needle, digits)) continue;
      if (skipped < search.skip) { skipped += 1; continue; }
      if (contacts.length === search.top) return { contacts, more: true };
      contacts.push(contact);
    }
    return { contacts, more: false };
  }

  /**
   * Marks which stored values a messaging channel uses; a sync never overwrites those.
   * (Set by the host platform when a channel starts using a number or an address.)
   */
  async setChannelBinding(mailbox: MailboxRef, contactId: string, binding: { phone?: boolean; email?: boolean }): Promise<StoredContact> {
    const partitionKey = mailboxPartitionKey(mailbox);
    const rowKey = contactRowKey(contactId);
    for (let attempt = 1; ; attempt += 1) {
      try {
        const entity = await this.client.getEntity(partitionKey, rowKey);
        const marks = {
          ...(binding.phone === undefined ? {} : { phoneChannelBound: binding.phone }),
          ...(binding.email === undefined ? {} : { emailChannelBound: binding.email }),
        };
        // Only if the row is still as read: a sync that wrote it in between is not undone, nor is the mark lost.
        await this.client.updateEntity({ partitionKey, rowKey, ...marks }, 'Merge', { etag: entity.etag });
        return fromContactEntity({ ...entity, ...marks }).contact;
      } catch (error) {
        if (error instanceof RestError && error.statusCode === 404) throw new AppError('not_found', 'No such contact in this mailbox.');
        if (!(error instanceof RestError && error.statusCode === 412) || attempt >= BINDING_ATTEMPTS) throw error;
      }
    }
  }
}

/** A binding read and written again this often when a sync keeps changing the contact meanwhile. */
const BINDING_ATTEMPTS = 5;

function matches(contact: StoredContact, needle: string, digits: string): boolean {
  const text = `${contact.firstName} ${contact.lastName}\n${contact.email}\n${contact.phone}`.toLowerCase();
  return text.includes(needle) || (digits.length >= 3 && contact.phoneE164.includes(digits));
}

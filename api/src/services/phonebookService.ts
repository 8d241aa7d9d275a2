import { phoneRegion, toE164, type CountryCode } from '../contacts/phoneNumber';
import type { CallerIdentity } from '../identity';
import type { ContactChange } from '../phonebook/changeLog';
import { type DuplicateGroup, findDuplicates } from '../phonebook/phonebookDuplicates';
import type { PhonebookReader } from '../phonebook/phonebookReader';
import { type PhonebookItem, type SearchPage, asItem, searchPhonebook } from '../phonebook/phonebookSearch';
import { numberKey } from '../phonebook/searchKeys';
import type { ContactDirectory } from '../storage/contactDirectory';
import { mailboxOf } from './permissions';
import type { MailboxRef } from '../contacts/contactModel';

/** What {@link PhonebookService} needs. */
export interface PhonebookDeps {
  reader(mailbox: MailboxRef): Promise<PhonebookReader>;
  directory(): Promise<Pick<ContactDirectory, 'search' | 'setChannelBinding'>>;
  /** The tenant's default region (admin policy), for national numbers. */
  defaultRegion(tenantId: string): Promise<string>;
}

/** The caller's own phonebook: search, caller lookup, duplicates, channel bindings and the change log. */
export class PhonebookService {
  constructor(private readonly deps: PhonebookDeps) {}

  /** A page of the caller's contacts: ranked by the search when there is one, else in stored order. */
  async list(caller: CallerIdentity, query: { text?: string; top: number; skip: number }): Promise<SearchPage> {
    const mailbox = mailboxOf(caller);
    if (query.text) return searchPhonebook(await this.deps.reader(mailbox), query.text, await this.region(caller), query);
    const page = await (await this.deps.directory()).search(mailbox, query);
    return { contacts: page.contacts.map(asItem), more: page.more };
  }

  /** The caller's contacts with this number (in any common format), by a keyed read of its E.164 form. */
  async lookup(caller: CallerIdentity, number: string): Promise<{ matches: PhonebookItem[] }> {
    const e164 = toE164(number, await this.region(caller));
    if (!e164) return { matches: [] };
    const reader = await this.deps.reader(mailboxOf(caller));
    const ids = (await reader.indexKey(numberKey(e164))).map((entry) => entry.contactId);
    const stored = await reader.contacts(ids);
    return { matches: [...stored.values()].filter((contact) => contact.phoneE164 === e164).map(asItem) };
  }

  async duplicates(caller: CallerIdentity, top: number): Promise<{ duplicates: DuplicateGroup[] }> {
    return { duplicates: await findDuplicates(await this.deps.reader(mailboxOf(caller)), top) };
  }

  async changes(caller: CallerIdentity, syncId: string, top: number, continuationToken?: string): Promise<{ changes: ContactChange[]; continuationToken?: string }> {
    return (await this.deps.reader(mailboxOf(caller))).changes(syncId, top, continuationToken);
  }

  /** Marks which of a contact's values a messaging channel uses (a sync then never overwrites them). */
  async bind(caller: CallerIdentity, contactId: string, binding: { phone?: boolean; email?: boolean }): Promise<PhonebookItem> {
    return asItem(await (await this.deps.directory()).setChannelBinding(mailboxOf(caller), contactId, binding));
  }

  private async region(caller: CallerIdentity): Promise<CountryCode | undefined> {
    return phoneRegion(await this.deps.defaultRegion(caller.tenantId));
  }
}

import { phoneRegion, toE164, type CountryCode } from '../contacts/phoneNumber';
import type { CallerIdentity } from '../identity';
import type { ContactChange } from '../phonebook/changeLog';
import { type DuplicateGroup, findDuplicates } from '../phonebook/phonebookDuplicates';
import type { PhonebookReader } from '../phonebook/phonebookReader';
import { type PhonebookItem, type PhonebookMatch, type SearchPage, asItem, searchPhonebook } from '../phonebook/phonebookSearch';
import { numberKey } from '../phonebook/searchKeys';
import type { ContactDirectory } from '../storage/contactDirectory';
import type { SkippedContact } from '../sync/skippedContacts';
import { mailboxOf } from './permissions';
import type { MailboxRef } from '../contacts/contactModel';

/** What {@link PhonebookService} needs. */
export interface PhonebookDeps {
  reader(mailbox: MailboxRef): Promise<PhonebookReader>;
  directory(): Promise<Pick<ContactDirectory, 'search' | 'setChannelBinding'>>;
  /** The tenant's default region (admin policy), for national numbers. */
  defaultRegion(tenantId: string): Promise<string>;
  /** The display name of each of the mailbox's folders, by folder id (one range read of its folder states). */
  folderNames(mailbox: MailboxRef): Promise<ReadonlyMap<string, string>>;
}

/** A folder's display name, or '' for a folder not among `names` (the last sync did not store it). */
export function withFolderNames(match: PhonebookMatch, names: ReadonlyMap<string, string>): PhonebookItem {
  const name = (folderId: string): string => names.get(folderId) ?? '';
  return { ...match, folderName: name(match.folderId), sources: match.sources.map((source) => ({ ...source, folderName: name(source.folderId) })) };
}

/** The caller's own phonebook: search, caller lookup, duplicates, channel bindings and the change log. */
export class PhonebookService {
  constructor(private readonly deps: PhonebookDeps) {}

  /** A page of the caller's contacts: ranked by the search when there is one, else in stored order. */
  async list(caller: CallerIdentity, query: { text?: string; top: number; skip: number }): Promise<SearchPage<PhonebookItem>> {
    const mailbox = mailboxOf(caller);
    const page = query.text
      ? await searchPhonebook(await this.deps.reader(mailbox), query.text, await this.region(caller), query)
      : await this.storedOrder(mailbox, query);
    return { contacts: page.contacts.map(await this.namer(mailbox, page.contacts)), more: page.more };
  }

  /** The caller's contacts with this number (in any common format), by a keyed read of its E.164 form. */
  async lookup(caller: CallerIdentity, number: string): Promise<{ matches: PhonebookItem[] }> {
    const e164 = toE164(number, await this.region(caller));
    if (!e164) return { matches: [] };
    const mailbox = mailboxOf(caller);
    const reader = await this.deps.reader(mailbox);
    const ids = (await reader.indexKey(numberKey(e164))).map((entry) => entry.contactId);
    const stored = await reader.contacts(ids);
    const matches = [...stored.values()].filter((contact) => contact.phoneE164 === e164).map(asItem);
    return { matches: matches.map(await this.namer(mailbox, matches)) };
  }

  async duplicates(caller: CallerIdentity, top: number): Promise<{ duplicates: Array<DuplicateGroup<PhonebookItem>> }> {
    const mailbox = mailboxOf(caller);
    const groups = await findDuplicates(await this.deps.reader(mailbox), top);
    const name = await this.namer(mailbox, groups.flatMap((group) => group.contacts));
    return { duplicates: groups.map((group) => ({ ...group, contacts: group.contacts.map(name) })) };
  }

  async changes(caller: CallerIdentity, syncId: string, top: number, continuationToken?: string): Promise<{ changes: ContactChange[]; continuationToken?: string }> {
    return (await this.deps.reader(mailboxOf(caller))).changes(syncId, top, continuationToken);
  }

  /** Every contact one of the caller's syncs skipped, with its reason, page by page. */
  async skipped(caller: CallerIdentity, syncId: string, top: number, continuationToken?: string): Promise<{ skipped: SkippedContact[]; continuationToken?: string }> {
    return (await this.deps.reader(mailboxOf(caller))).skipped(syncId, top, continuationToken);
  }

  /** Marks which of a contact's values a messaging channel uses (a sync then never overwrites them). */
  async bind(caller: CallerIdentity, contactId: string, binding: { phone?: boolean; email?: boolean }): Promise<PhonebookItem> {
    const mailbox = mailboxOf(caller);
    const match = asItem(await (await this.deps.directory()).setChannelBinding(mailbox, contactId, binding));
    return (await this.namer(mailbox, [match]))(match);
  }

  /** Names the folders of an answer's matches: one read of the folder names for the whole answer, none for no match. */
  private async namer(mailbox: MailboxRef, matches: PhonebookMatch[]): Promise<(match: PhonebookMatch) => PhonebookItem> {
    const names = matches.length > 0 ? await this.deps.folderNames(mailbox) : new Map<string, string>();
    return (match) => withFolderNames(match, names);
  }

  private async storedOrder(mailbox: MailboxRef, page: { top: number; skip: number }): Promise<SearchPage> {
    const { contacts, more } = await (await this.deps.directory()).search(mailbox, page);
    return { contacts: contacts.map(asItem), more };
  }

  private async region(caller: CallerIdentity): Promise<CountryCode | undefined> {
    return phoneRegion(await this.deps.defaultRegion(caller.tenantId));
  }
}

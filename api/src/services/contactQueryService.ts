import type { StoredContact } from '../contacts/contactModel';
import type { CallerIdentity } from '../identity';
import type { ContactDirectory, ContactSearch } from '../storage/contactDirectory';
import { mailboxOf } from './permissions';

/** One page of the caller's stored contacts. */
export interface ContactPage {
  contacts: StoredContact[];
  /** True when more contacts match after this page (ask again with a larger `skip`). */
  more: boolean;
}

/** Reading the caller's own stored contacts. */
export class ContactQueryService {
  constructor(private readonly directory: () => Promise<Pick<ContactDirectory, 'search'>>) {}

  async search(caller: CallerIdentity, search: ContactSearch): Promise<ContactPage> {
    return (await this.directory()).search(mailboxOf(caller), search);
  }
}

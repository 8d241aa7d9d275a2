import { GraphSimulator } from './graphSimulator';
import type { SimContact } from './contactShape';
import type { Mailbox } from './mailbox';
import type { SeedOptions } from './mailboxGenerator';

function seeded(options: SeedOptions, user = 'user'): Mailbox {
  const mailbox = new GraphSimulator().mailbox('tenant', user);
  mailbox.seed(options);
  return mailbox;
}

const phonesOf = (c: SimContact) => [...(c.businessPhones ?? []), ...(c.homePhones ?? []), c.mobilePhone ?? ''];
const namesOf = (c: SimContact) => `${c.givenName ?? ''} ${c.surname ?? ''}`;

describe('mailbox generator', () => {
  const sample = seeded({ contacts: 3000, folders: 8, seed: 3 }).listContacts();

  it('makes the same mailbox for the same seed, ids included', () => {
    const again = seeded({ contacts: 3000, folders: 8, seed: 3 });
    expect(again.listContacts()).toEqual(sample);
  });

  it('makes a different mailbox for another seed', () => {
    const other = seeded({ contacts: 3000, folders: 8, seed: 4 }).listContacts();
    expect(other.map(namesOf)).not.toEqual(sample.map(namesOf));
  });

  it.each([
    ['Latin with diacritics', /[À-ɏ]/u],
    ['Cyrillic', /\p{Script=Cyrillic}/u],
    ['Greek', /\p{Script=Greek}/u],
    ['Arabic', /\p{Script=Arabic}/u],
    ['Hebrew', /\p{Script=Hebrew}/u],
    ['CJK', /\p{Script=Han}/u],
    ['Kana', /\p{Script=Katakana}|\p{Script=Hiragana}/u],
    ['Hangul', /\p{Script=Hangul}/u],
    ['Devanagari', /\p{Script=Devanagari}/u],
    ['Thai', /\p{Script=Thai}/u],
  ])('writes names in %s', (_script, pattern) => {
    expect(sample.some((contact) => pattern.test(namesOf(contact)))).toBe(true);
  });

  it.each<[string, (c: SimContact) => boolean]>([
    ['empty names', (c) => c.givenName === '' && c.surname === ''],
    ['names never set', (c) => c.givenName === null && c.surname === null],
    ['only business phones', (c) => (c.businessPhones?.length ?? 0) > 0 && !c.homePhones?.length && !c.mobilePhone],
    ['only home phones', (c) => (c.homePhones?.length ?? 0) > 0 && !c.businessPhones?.length && !c.mobilePhone],
    ['several business and several home phones', (c) => (c.businessPhones?.length ?? 0) > 1 && (c.homePhones?.length ?? 0) > 1],
    ['an empty string among phones', (c) => [...(c.businessPhones ?? []), ...(c.homePhones ?? [])].includes('')],
    ['international phone formats', (c) => phonesOf(c).some((p) => /^\+\d/.test(p))],
    ['national phone formats', (c) => phonesOf(c).some((p) => /^0\d/.test(p))],
    ['Arabic-Indic or full-width digits', (c) => phonesOf(c).some((p) => /[٠-٩０-９]/.test(p))],
    ['no email address', (c) => c.emailAddresses?.length === 0],
    ['three email addresses', (c) => c.emailAddresses?.length === 3],
    ['an empty email address', (c) => (c.emailAddresses ?? []).some((e) => e.address === '')],
    ['an internationalised email address', (c) => (c.emailAddresses ?? []).some((e) => /[^\u0020-\u007e]/.test(e.address ?? ''))],
  ])('includes contacts with %s', (_what, predicate) => {
    expect(sample.some(predicate)).toBe(true);
  });

  it('nests folders several levels deep and fills them', () => {
    const mailbox = seeded({ contacts: 500, folders: 10 });
    const folders = mailbox.listFolders();
    const parentOf = new Map(folders.map((f) => [f.id, f.parentFolderId]));
    const depth = (id: string): number => (id === mailbox.defaultFolderId ? 0 : 1 + depth(parentOf.get(id) ?? mailbox.defaultFolderId));
    expect(folders).toHaveLength(11);
    expect(Math.max(...folders.map((f) => depth(f.id)))).toBeGreaterThanOrEqual(3);
    for (const folder of folders) expect(mailbox.listContacts(folder.id).length).toBeGreaterThan(0);
  });

  it('gives exactly `oversized` contacts one field over 40,000 characters', () => {
    const contacts = seeded({ contacts: 200, oversized: 6 }).listContacts();
    const longest = (c: SimContact) => Math.max(...JSON.stringify(c).split('"').map((part) => part.length));
    expect(contacts.filter((c) => longest(c) > 40_000)).toHaveLength(6);
  });

  it.each([
    ['/', (id: string) => id.includes('/')],
    ['\\', (id: string) => id.includes('\\')],
    ['#', (id: string) => id.includes('#')],
    ['?', (id: string) => id.includes('?')],
    ['control characters', (id: string) => [...id].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)],
    ['over 1 KiB', (id: string) => id.length > 1024],
  ])('makes ids with %s when oddIds is set', (_what, predicate) => {
    const ids = seeded({ contacts: 40, oddIds: true }).listContacts().map((c) => c.id);
    expect(ids.some(predicate)).toBe(true);
    expect(new Set(ids).size).toBe(40);
  });

  it('makes Graph-looking immutable ids otherwise: URL-safe base64 with "-", "_" and "=" padding', () => {
    const ids = sample.slice(0, 50).map((contact) => contact.id);
    for (const id of ids) expect(id).toMatch(/^AAMkA[A-Za-z0-9_-]{60,}=$/);
    expect(ids.some((id) => id.includes('-')) && ids.some((id) => id.includes('_'))).toBe(true);
  });

  it('generates 100,000 contacts (how fast is the benchmark\'s to say, not a test\'s: the machine is shared)', () => {
    const mailbox = seeded({ contacts: 100_000, folders: 20, oversized: 10 });
    expect(mailbox.contactCount).toBe(100_000);
    expect(new Set(mailbox.listContacts().map((contact) => contact.id)).size).toBe(100_000);
  });

  it('refuses impossible options', () => {
    expect(() => seeded({ contacts: -1 })).toThrow(/contacts/);
    expect(() => seeded({ contacts: 2, oversized: 3 })).toThrow(/oversized/);
  });
});

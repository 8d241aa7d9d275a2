import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { loadSyncConfig } from '../../../api/src/config';
import type { MailboxRef, StoredContact } from '../../../api/src/contacts/contactModel';
import { phoneRegion } from '../../../api/src/contacts/phoneNumber';
import { findDuplicates } from '../../../api/src/phonebook/phonebookDuplicates';
import { PhonebookReader } from '../../../api/src/phonebook/phonebookReader';
import { searchPhonebook } from '../../../api/src/phonebook/phonebookSearch';
import { numberKey } from '../../../api/src/phonebook/searchKeys';
import { ContactDirectory } from '../../../api/src/storage/contactDirectory';
import { MailboxStore } from '../../../api/src/storage/mailboxStore';
import { TABLES, TableClientFactory } from '../../../api/src/storage/tableClientFactory';
import { createSyncService } from '../../../api/src/sync/syncServiceFactory';
import { simToken } from '../graphSimulator/authentication';
import type { BenchServices } from './benchServices';

/** What the phonebook bench measured. */
export interface PhonebookFigures {
  contacts: number;
  /** The import with the phonebook's index written page by page (searchable as soon as listed), and the duplicates. */
  importSeconds: number;
  /** The floor: the same import without the index (another mailbox of the same seed, in the same run). */
  floorImportSeconds: number;
  floorTableTransactions: number;
  pages: number;
  tableTransactions: number;
  /** A full page of 197 contacts and its checkpoint without the phonebook's rows: 2 transactions. */
  transactionsPerPageWithout: number;
  transactionsPerPage: number;
  samples: number;
  floorMs: Latency;
  searchMs: Latency;
  lookupMs: Latency;
  /** A page of 50 suspected duplicate groups (`GET /api/contacts/duplicates`), read {@link DUPLICATE_PAGES} times. */
  duplicatesMs: Latency;
  duplicateGroups: number;
  /** Searches that found the contact they were made from (typos, word order and accents included). */
  searchHits: number;
}

/** Reads of the first page of suspected duplicates. */
const DUPLICATE_PAGES = 20;

/** Median and 99th percentile, in milliseconds. */
export interface Latency { median: number; p99: number }

/**
 * Seeds a mailbox of `size` contacts, imports it (counting the table transactions the phonebook's rows
 * add), then times searches (a last name, "last first", a slip of two letters, accents folded) and caller
 * lookups (the number in three formats) against the floor: a point read of one contact, in the same run.
 */
export async function runPhonebookBench(services: BenchServices, size: number, seed: number, log: (line: string) => void): Promise<PhonebookFigures> {
  const id = randomBytes(4).toString('hex');
  const mailbox: MailboxRef = { tenantId: `pb-tenant-${id}`, userId: `pb-user-${id}` };
  log(`Phonebook: seeding ${size.toLocaleString('en-US')} contacts…`);
  await services.admin.seed(mailbox.tenantId, mailbox.userId, { contacts: size, folders: 2, seed });
  const config = loadSyncConfig({ AzureWebJobsStorage: services.endpoints.storageConnection, TABLE_PREFIX: `pb${id}`, GRAPH_BASE_URL: services.endpoints.graphBaseUrl });
  const tables = new TableClientFactory(config.storageConnection, config.tablePrefix);
  const sync = createSyncService({ config, tables, tokenFor: () => () => Promise.resolve(simToken(mailbox.tenantId, mailbox.userId)) });
  const floorMailbox: MailboxRef = { tenantId: mailbox.tenantId, userId: `${mailbox.userId}-floor` };
  await services.admin.seed(floorMailbox.tenantId, floorMailbox.userId, { contacts: size, folders: 2, seed });
  log('Phonebook: importing without the index (the floor)…');
  const floorSync = createSyncService({ config, tables, withoutIndex: true, tokenFor: () => () => Promise.resolve(simToken(floorMailbox.tenantId, floorMailbox.userId)) });
  const floorStarted = performance.now();
  const floorSummary = await floorSync.run({ mailbox: floorMailbox, trigger: 'cli' });
  const floorImportSeconds = (performance.now() - floorStarted) / 1000;
  log('Phonebook: importing with the index written page by page…');
  const started = performance.now();
  const summary = await sync.run({ mailbox, trigger: 'cli' });
  const importSeconds = (performance.now() - started) / 1000;
  const client = await tables.get(TABLES.contacts);
  const pages = (await new MailboxStore(client, mailbox, { transactions: 0 }).readFolderStates()).reduce((sum, f) => sum + f.pagesDone, 0);
  const samples = await sampleContacts(new ContactDirectory(client), mailbox, 200);
  const reader = new PhonebookReader(client, mailbox, await tables.get(TABLES.phonebook));
  log(`Phonebook: timing ${samples.length} searches and lookups…`);
  const floorMs = await time(samples, (contact) => reader.contact(contact.id));
  let searchHits = 0;
  const searchMs = await time(samples, async (contact, i) => {
    const page = await searchPhonebook(reader, queryFor(contact, i), phoneRegion('US'), { top: 20, skip: 0 });
    if (page.contacts.some((item) => item.sources.some((source) => source.contactId === contact.id))) searchHits += 1;
  });
  const lookupMs = await time(samples.filter((c) => c.phoneE164), async (contact) => {
    const ids = (await reader.indexKey(numberKey(contact.phoneE164))).map((entry) => entry.contactId);
    await reader.contacts(ids);
  });
  let duplicateGroups = 0;
  const duplicatesMs = await time(Array.from({ length: DUPLICATE_PAGES }), async () => {
    duplicateGroups = (await findDuplicates(reader, 50)).length;
  });
  await services.dropTables(`pb${id}`);
  await services.admin.deleteMailbox(mailbox.tenantId, mailbox.userId);
  await services.admin.deleteMailbox(floorMailbox.tenantId, floorMailbox.userId);
  return {
    contacts: size, importSeconds, floorImportSeconds, floorTableTransactions: floorSummary.tableTransactions, pages, tableTransactions: summary.tableTransactions, transactionsPerPageWithout: 2,
    transactionsPerPage: summary.tableTransactions / Math.max(1, pages), samples: samples.length, floorMs, searchMs, lookupMs, searchHits,
    duplicatesMs, duplicateGroups,
  };
}

/** Contacts with a last name of 4+ letters, spread over the mailbox (read once, before timing). */
async function sampleContacts(directory: ContactDirectory, mailbox: MailboxRef, count: number): Promise<StoredContact[]> {
  const found: StoredContact[] = [];
  let seen = 0;
  for await (const contact of directory.all(mailbox)) {
    seen += 1;
    if (seen % 7 === 0 && contact.lastName.length >= 4 && contact.firstName.length >= 2) found.push(contact);
    if (found.length >= count) break;
  }
  return found;
}

/** A query a person might type for the contact: four kinds in turn. */
function queryFor(contact: StoredContact, i: number): string {
  const last = contact.lastName;
  switch (i % 4) {
    case 0: return last;
    case 1: return `${last} ${contact.firstName}`;
    case 2: return `${contact.firstName} ${last.slice(0, 1)}${last.slice(2, 3)}${last.slice(1, 2)}${last.slice(3)}`; // two letters swapped
    default: return last.normalize('NFKD').replace(/\p{M}/gu, '').toUpperCase();
  }
}

async function time<T>(items: T[], work: (item: T, i: number) => Promise<unknown>): Promise<Latency> {
  const ms: number[] = [];
  for (const [i, item] of items.entries()) {
    const start = performance.now();
    await work(item, i);
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number): number => Math.round((ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)] ?? 0) * 10) / 10;
  return { median: at(0.5), p99: at(0.99) };
}

/** The figures as a table for the console. */
export function renderPhonebook(f: PhonebookFigures): string {
  return [
    `Phonebook at ${f.contacts.toLocaleString('en-US')} contacts (${f.samples} samples each, in-process against Azurite)`,
    `  import: ${f.importSeconds.toFixed(1)} s, ${f.pages} pages, ${f.tableTransactions} table transactions = ${f.transactionsPerPage.toFixed(1)} per page`
      + ` (a full page without the phonebook's log rows: ${f.transactionsPerPageWithout})`,
    `  the floor, the same import without the index: ${f.floorImportSeconds.toFixed(1)} s, ${f.floorTableTransactions} table transactions;`
      + ` with the index (searchable as listed) ${(f.importSeconds / Math.max(f.floorImportSeconds, 0.001)).toFixed(2)}× the floor`,
    '  | query | median ms | p99 ms |',
    '  |---|---|---|',
    `  | floor: point read of one contact | ${f.floorMs.median} | ${f.floorMs.p99} |`,
    `  | search (name, "last first", typo, accents folded) | ${f.searchMs.median} | ${f.searchMs.p99} |`,
    `  | caller lookup by E.164 | ${f.lookupMs.median} | ${f.lookupMs.p99} |`,
    `  | suspected duplicates: first page (${f.duplicateGroups} groups; ${DUPLICATE_PAGES} reads) | ${f.duplicatesMs.median} | ${f.duplicatesMs.p99} |`,
    `  search found the contact it was made from in ${f.searchHits} of ${f.samples} (top 20)`,
  ].join('\n');
}

import { startAzurite } from '../azurite/azuriteProcess';
import { simToken, startGraphSimulator } from '../graphSimulator';
import { loadSyncConfig } from '../../../api/src/config';
import { ContactDirectory } from '../../../api/src/storage/contactDirectory';
import { TABLES, TableClientFactory } from '../../../api/src/storage/tableClientFactory';
import { createSyncService } from '../../../api/src/sync/syncServiceFactory';

/** The demo mailbox: a realistic seeded Outlook mailbox in the Graph simulator. */
const DEMO = { tenantId: '00000000-0000-4000-8000-00000000de70', userId: '00000000-0000-4000-8000-000000000a11' };
const CONTACTS = Number(process.env.DEMO_CONTACTS ?? 2500);

/**
 * `npm start`: starts Azurite and the Graph simulator on loopback, seeds a demo mailbox, runs a first sync
 * and an incremental one after a few changes in "Outlook", prints both summaries and a phonebook search,
 * then stops everything it started.
 */
async function main(): Promise<void> {
  const [azurite, graph] = await Promise.all([startAzurite(), startGraphSimulator()]);
  try {
    const source = graph.sim.mailbox(DEMO.tenantId, DEMO.userId);
    source.seed({ contacts: CONTACTS, folders: 6, seed: 2026 });
    log(`Demo mailbox: ${CONTACTS} Outlook contacts in ${source.listFolders().length} folders (Graph simulator ${graph.baseUrl}, Azurite on ${azurite.tablePort})`);
    const config = loadSyncConfig({ AzureWebJobsStorage: azurite.connectionString, GRAPH_BASE_URL: graph.baseUrl });
    const token = simToken(DEMO.tenantId, DEMO.userId);
    const service = createSyncService({ config, tokenFor: () => () => Promise.resolve(token) });

    log('First sync:', JSON.stringify(await service.run({ mailbox: DEMO, trigger: 'cli' })));
    const [changed, deleted] = source.listContacts();
    if (changed) source.updateContact(changed.id, { mobilePhone: '+44 7700 900456' });
    if (deleted) source.deleteContact(deleted.id);
    source.addContact(source.defaultFolderId, { givenName: 'Grace', surname: 'Hopper', mobilePhone: '+1 202 555 0143' });
    log('Changed one contact, deleted one and added one in Outlook.');
    log('Incremental sync:', JSON.stringify(await service.run({ mailbox: DEMO, trigger: 'cli' })));

    const directory = new ContactDirectory(await new TableClientFactory(config.storageConnection).get(TABLES.contacts));
    const found = await directory.search(DEMO, { text: 'hopper', top: 5, skip: 0 });
    log('Phonebook search "hopper":', JSON.stringify(found.contacts.map(({ firstName, lastName, phone, phoneE164, email }) => ({ firstName, lastName, phone, phoneE164, email }))));
  } finally {
    await Promise.all([azurite.stop(), graph.stop()]);
  }
}

function log(...parts: string[]): void {
  process.stdout.write(`${parts.join(' ')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`The demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

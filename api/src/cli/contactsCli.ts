import { loadSyncConfig } from '../config';
import { ContactDirectory } from '../storage/contactDirectory';
import { TABLES, TableClientFactory } from '../storage/tableClientFactory';
import { parseMailboxArgs, runCli } from './cliArgs';

/** `npm run contacts -- --tenant T --user U`: the stored contacts as one JSON array. */
void runCli(async () => {
  const mailbox = parseMailboxArgs(process.argv.slice(2));
  const config = loadSyncConfig();
  const tables = new TableClientFactory(config.storage, config.tablePrefix);
  const directory = new ContactDirectory(await tables.get(TABLES.contacts));
  const contacts = [];
  for await (const contact of directory.all(mailbox)) contacts.push(contact);
  return contacts;
});

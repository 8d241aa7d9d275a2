import { loadSyncConfig } from '../config';
import { AppError } from '../errors/appError';
import { TableClientFactory } from '../storage/tableClientFactory';
import { createSyncService } from '../sync/syncServiceFactory';
import { parseMailboxArgs, runCli } from './cliArgs';

/** `npm run sync -- --tenant T --user U [--full]`: one sync, its summary as one JSON line. */
void runCli(async () => {
  const args = parseMailboxArgs(process.argv.slice(2), ['full']);
  const config = loadSyncConfig();
  const token = config.graphAccessToken;
  if (!token) throw new AppError('configuration_invalid', 'Setting GRAPH_ACCESS_TOKEN is not set; the command line syncs with a given Graph token.');
  const tables = new TableClientFactory(config.storage, config.tablePrefix);
  const service = createSyncService({ config, tables, tokenFor: () => () => Promise.resolve(token) });
  // No time budget: the command line runs the sync to its end (the phonebook's index is written page by page).
  const summary = await service.run({ mailbox: args, trigger: 'cli', full: args.flags.has('full') });
  const { syncId, resumed, continued: _continued, ...counts } = summary;
  return { ...counts, syncId, resumed };
});

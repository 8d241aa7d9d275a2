import { parseArgs } from 'node:util';
import { simToken } from './authentication';
import { startGraphSimulator } from './simulatorServer';

const USAGE = `Usage: npx tsx tools/src/graphSimulator/main.ts [options]
  --port <n>            port to listen on (default 5310; 0 = any free port)
  --host <address>      address to listen on (default 127.0.0.1)
  --seed-tenant <id>    seed a mailbox for this tenant (with --seed-user)
  --seed-user <id>      seed a mailbox for this user
  --contacts <n>        contacts to generate in the seeded mailbox (default 100)
  --folders <n>         folders to generate (default 5)
  --seed <n>            generator seed (default 1)
  --odd-ids             give contacts ids Azure Table keys forbid
  --oversized <n>       contacts with a field over 40,000 characters (default 0)
  --latency-ms <n>      delay before each Graph answer (default 0)`;

/** Runs the simulator until Ctrl+C and prints where it listens. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5310' }, host: { type: 'string', default: '127.0.0.1' },
      'seed-tenant': { type: 'string' }, 'seed-user': { type: 'string' }, contacts: { type: 'string', default: '100' },
      folders: { type: 'string', default: '5' }, seed: { type: 'string', default: '1' }, 'odd-ids': { type: 'boolean', default: false },
      oversized: { type: 'string', default: '0' }, 'latency-ms': { type: 'string', default: '0' }, help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void console.log(USAGE);
  const running = await startGraphSimulator({
    port: whole(values.port, '--port'), host: values.host, knobs: { latencyMs: whole(values['latency-ms'], '--latency-ms') },
  });
  console.log(`Graph simulator: ${running.baseUrl}  (admin: ${running.baseUrl.replace(/\/v1\.0$/, '/_sim')})`);
  const tenant = values['seed-tenant'];
  const user = values['seed-user'];
  if ((tenant === undefined) !== (user === undefined)) throw new Error('--seed-tenant and --seed-user go together');
  if (tenant !== undefined && user !== undefined) {
    const started = Date.now();
    const summary = running.sim.mailbox(tenant, user).seed({
      contacts: whole(values.contacts, '--contacts'), folders: whole(values.folders, '--folders'), seed: whole(values.seed, '--seed'),
      oddIds: values['odd-ids'], oversized: whole(values.oversized, '--oversized'),
    });
    console.log(`Seeded ${summary.contacts} contacts in ${summary.folderIds.length + 1} folders in ${Date.now() - started} ms.`);
    console.log(`Bearer token: ${simToken(tenant, user)}`);
  }
  const stop = (): void => void running.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function whole(value: string | undefined, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number ≥ 0, got ${JSON.stringify(value)}`);
  return n;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(USAGE);
  process.exitCode = 1;
});

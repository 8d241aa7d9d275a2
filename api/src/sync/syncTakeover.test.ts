import type { ChildProcess } from 'node:child_process';
import { spawnTsx, stopChild } from '../../../tools/src/bench/childProcesses';
import { SyncHarness } from '../../../tools/src/testing/syncHarness';
import type { SyncChildArgs } from '../../../tools/src/testing/syncChild';
import { SyncLeaseRepository } from '../storage/syncLeaseRepository';
import { TABLES } from '../storage/tableClientFactory';

let harness: SyncHarness;
let child: ChildProcess | undefined;
beforeAll(async () => { harness = await SyncHarness.start(); });
afterAll(async () => {
  if (child) await stopChild(child);
  await harness.stop();
});

async function waitUntil(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 25));
}

/** Everything the child printed, once it exits. */
function outputOf(process: ChildProcess): Promise<string> {
  let text = '';
  process.stdout?.on('data', (chunk: Buffer) => { text += chunk.toString('utf8'); });
  process.stderr?.on('data', (chunk: Buffer) => { text += chunk.toString('utf8'); });
  return new Promise((resolve) => process.once('exit', () => resolve(text)));
}

describe('a worker frozen past its lease while a second one takes the sync over', () => {
  it('writes nothing after the takeover and stops; the second finishes the same sync exactly', async () => {
    const mailbox = harness.mailbox();
    mailbox.source.seed({ contacts: 2000, folders: 4, seed: 41 });
    mailbox.sim.setKnobs({ latencyMs: 60, maxPageSize: 20 });
    const args: SyncChildArgs = {
      storageConnection: harness.azurite.connectionString, tablePrefix: mailbox.config.tablePrefix, graphBaseUrl: harness.graph.baseUrl,
      tenantId: mailbox.ref.tenantId, userId: mailbox.ref.userId, leaseMs: 1500,
    };
    child = spawnTsx('tools/src/testing/syncChild.ts', [JSON.stringify(args)]);
    const printed = outputOf(child);
    const pagesStored = async () => (await mailbox.folderStates()).reduce((sum, state) => sum + state.pagesDone, 0);
    await waitUntil(async () => (await pagesStored()) >= 4);

    child.kill('SIGSTOP'); // a stalled worker: no renewal, no write, its requests in flight
    const leases = new SyncLeaseRepository(await mailbox.tables.get(TABLES.leases), { transactions: 0 }, 60_000);
    await waitUntil(async () => ((await leases.peek(mailbox.ref))?.expiresAt ?? Infinity) < Date.now());
    const frozenSyncId = (await leases.peek(mailbox.ref))?.syncId;
    mailbox.sim.setKnobs({ latencyMs: 0, maxPageSize: 200 });
    const second = await mailbox.sync();
    expect(second).toMatchObject({ syncId: frozenSyncId, resumed: true, new: 2000, updated: 0, deleted: 0, unchanged: 0 });
    const history = await mailbox.history();
    const contacts = await mailbox.contacts();

    child.kill('SIGCONT');
    const result = JSON.parse((await printed).trim().split('\n').at(-1) ?? '{}') as { error?: { code: string; details: Record<string, unknown> } };
    expect(result.error).toMatchObject({ code: 'sync_running', details: { leaseLost: true } });
    // The first worker wrote nothing after it woke: no contact, no checkpoint, no history, no lease.
    expect(await mailbox.history()).toEqual(history);
    expect(history).toEqual([expect.objectContaining({ syncId: frozenSyncId, state: 'completed', counts: expect.objectContaining({ new: 2000 }) })]);
    expect(await mailbox.contacts()).toEqual(contacts);
    expect(contacts).toHaveLength(2000);
    expect((await leases.peek(mailbox.ref))).toMatchObject({ syncId: frozenSyncId, expiresAt: 0, syncFinished: true });
  });
});

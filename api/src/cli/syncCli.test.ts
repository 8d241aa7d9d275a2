import { spawn } from 'node:child_process';
import path from 'node:path';
import { simToken } from '../../../tools/src/graphSimulator';
import { SyncHarness, type TestMailbox } from '../../../tools/src/testing/syncHarness';
import { PhonebookReader } from '../phonebook/phonebookReader';
import { TABLES } from '../storage/tableClientFactory';

const ROOT = path.resolve(__dirname, '../../..');

let harness: SyncHarness;
beforeAll(async () => { harness = await SyncHarness.start(); });
afterAll(async () => { await harness.stop(); });

interface CliRun { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

function cliEnv(mailbox: TestMailbox, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    AzureWebJobsStorage: mailbox.config.storageConnection,
    TABLE_PREFIX: mailbox.config.tablePrefix,
    GRAPH_BASE_URL: mailbox.config.graphBaseUrl,
    GRAPH_ACCESS_TOKEN: simToken(mailbox.ref.tenantId, mailbox.ref.userId),
    ...extra,
  };
}

/** Runs a CLI script as support staff would; `onStart` may kill it. */
function runCli(script: string, args: string[], env: NodeJS.ProcessEnv, onStart?: (kill: () => void) => void): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    // One process (tsx as a loader, not the tsx launcher, which runs the script in a child) so a kill is real.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'api/src/cli', script), ...args], { env, cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    onStart?.(() => child.kill('SIGKILL'));
  });
}

function args(mailbox: TestMailbox, ...more: string[]): string[] {
  return ['--tenant', mailbox.ref.tenantId, '--user', mailbox.ref.userId, ...more];
}

describe('sync command line', () => {
  it('prints one JSON line with the counts, requests, transactions and duration', async () => {
    const mailbox = harness.mailbox();
    mailbox.source.seed({ contacts: 250, folders: 2, seed: 11 });
    const run = await runCli('syncCli.ts', args(mailbox), cliEnv(mailbox));
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const summary = JSON.parse(lines[0] ?? '') as Record<string, number>;
    expect(Object.keys(summary).slice(0, 8)).toEqual(
      ['new', 'updated', 'deleted', 'unchanged', 'skipped', 'graphRequests', 'tableTransactions', 'durationMs']);
    expect(summary).toMatchObject({ new: 250, updated: 0, deleted: 0, unchanged: 0, skipped: 0 });
    const contacts = await runCli('contactsCli.ts', args(mailbox), cliEnv(mailbox));
    const listed = JSON.parse(contacts.stdout) as Array<Record<string, unknown>>;
    expect(listed).toHaveLength(250);
    expect(Object.keys(listed[0] ?? {})).toEqual(expect.arrayContaining(['id', 'firstName', 'lastName', 'phone', 'email', 'deletedAtSource']));
  });

  it.each([
    ['a missing storage setting', { AzureWebJobsStorage: '' }, /AzureWebJobsStorage/],
    ['a wrong Graph URL', { GRAPH_BASE_URL: 'graph.microsoft.com' }, /GRAPH_BASE_URL/],
    ['a missing Graph token', { GRAPH_ACCESS_TOKEN: '' }, /GRAPH_ACCESS_TOKEN/],
  ])('names the setting on %s', async (_name, override, pattern) => {
    const mailbox = harness.mailbox();
    const run = await runCli('syncCli.ts', args(mailbox), { ...cliEnv(mailbox), ...override });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(pattern);
  });

  it('refuses a missing --user with a usage message', async () => {
    const mailbox = harness.mailbox();
    const run = await runCli('syncCli.ts', ['--tenant', 't'], cliEnv(mailbox));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--user/);
  });

  it('resumes after being killed between pages and ends with exactly the source contacts', async () => {
    const mailbox = harness.mailbox();
    mailbox.source.seed({ contacts: 5000, folders: 1, seed: 5 });
    mailbox.sim.setKnobs({ latencyMs: 250 }); // ~26 pages: a window of seconds to kill it in
    const env = cliEnv(mailbox, { SYNC_LEASE_MS: '1500' });
    try {
      const killed = await runCli('syncCli.ts', args(mailbox), env, (kill) => {
        void waitForStoredPages(mailbox, 3).then(kill);
      });
      expect(killed.signal).toBe('SIGKILL');
      const partial = (await mailbox.contacts()).length;
      expect(partial).toBeGreaterThan(0);
      expect(partial).toBeLessThan(5000);
      await new Promise((r) => setTimeout(r, 1600)); // the dead worker's lease expires
      mailbox.sim.setKnobs({ latencyMs: 0 });
      const resumed = await runCli('syncCli.ts', args(mailbox), env);
      expect(resumed.code).toBe(0);
      const summary = JSON.parse(resumed.stdout) as Record<string, unknown>;
      expect(summary).toMatchObject({ new: 5000, updated: 0, deleted: 0, unchanged: 0, resumed: true });
      const stored = await mailbox.contacts();
      expect(stored).toHaveLength(5000);
      expect(new Set(stored.map((c) => c.id))).toEqual(new Set(mailbox.source.listContacts().map((c) => c.id)));
      // The command line indexes what its sync wrote, the killed attempt's pages included (same sync id).
      const reader = new PhonebookReader(await mailbox.tables.get(TABLES.contacts), mailbox.ref, await mailbox.tables.get(TABLES.phonebook));
      const indexed = new Set((await reader.indexRange('n', 100_000)).map((entry) => entry.contactId));
      const numbered = stored.filter((c) => c.phoneE164).map((c) => c.id);
      expect(numbered.length).toBeGreaterThan(1000);
      expect(numbered.filter((id) => !indexed.has(id))).toEqual([]);
    } finally {
      mailbox.sim.setKnobs({ latencyMs: 0 });
    }
  }, 90_000);
});

/** Polls the folder checkpoints (a few rows), not the contacts, so the kill lands mid-sync. */
async function waitForStoredPages(mailbox: TestMailbox, pages: number): Promise<void> {
  for (;;) {
    const states = await mailbox.folderStates();
    if (states.some((state) => state.pagesDone >= pages)) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

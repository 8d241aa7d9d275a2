import type { BenchServices } from './benchServices';
import { snapshotDeltaLinks, snapshotFolderTreeLink } from './deltaLinkSnapshot';
import { runJobInChild } from './jobChild';
import type { BenchJob, JobResult } from './jobTypes';
import { type BenchMailbox, type ExpectedRequests, type PlannedChanges, expectedRequests } from './mailboxPlan';

/** What the scenarios share. */
export interface ScenarioContext {
  services: BenchServices;
  /** Floor/sync pairs per scenario; figures are the best (seconds) or worst (RSS) of them. */
  repeat: number;
  /** Diagnosis mode: CPU profiles of every measured run go here, and Table requests are traced. */
  cpuProfileDir?: string;
  log(line: string): void;
}

/** One measured run with the Graph requests the simulator answered during it. */
export interface MeasuredRun extends JobResult {
  simulatorRequests: number;
}

/** Everything measured for one scenario. */
export interface ScenarioResult {
  name: string;
  kind: 'initial' | 'incremental';
  /** Contacts (initial) or changes (incremental): the N of the transaction target. */
  size: number;
  expected: ExpectedRequests;
  foldersSynced: number;
  /** Folders holding a change (incremental only). */
  foldersChanged?: number;
  floors: MeasuredRun[];
  syncs: MeasuredRun[];
}

/** Floor, sync, floor, sync… of a first sync of `mailbox`; returns the table prefixes of the synced copies when `keep`. */
export async function runInitialScenario(ctx: ScenarioContext, mailbox: BenchMailbox, keep: boolean): Promise<{ result: ScenarioResult; copies: string[] }> {
  const name = `initial ${mailbox.contacts.toLocaleString('en-US')}`;
  const sizes = new Map(mailbox.folders.map((folder) => [folder.id, folder.contactIds.length]));
  const result = emptyResult(name, 'initial', mailbox.contacts, expectedRequests(mailbox, (id) => sizes.get(id) ?? 0, 'initial'), mailbox);
  const copies: string[] = [];
  for (let run = 1; run <= ctx.repeat; run += 1) {
    const tag = `b${mailbox.contacts}r${run}`;
    result.floors.push(await measure(ctx, name, { kind: 'floor', ...jobBase(ctx, mailbox, `${tag}fz`) }));
    await ctx.services.dropTables(`${tag}fz`);
    result.syncs.push(await measure(ctx, name, { kind: 'sync', ...jobBase(ctx, mailbox, `${tag}sz`) }));
    if (keep) copies.push(`${tag}sz`);
    else await ctx.services.dropTables(`${tag}sz`);
  }
  return { result, copies };
}

/**
 * After `planned` was applied: per synced copy, the floor reads that copy's stored delta links and writes
 * into that copy's partition (under `x:` keys), then the engine syncs the copy incrementally. Drops the
 * copies at the end.
 */
export async function runIncrementalScenario(ctx: ScenarioContext, mailbox: BenchMailbox, copies: string[], planned: PlannedChanges): Promise<ScenarioResult> {
  const name = `incremental ${planned.changes.length} in ${mailbox.contacts.toLocaleString('en-US')}`;
  const expected = expectedRequests(mailbox, (id) => planned.perFolder.get(id) ?? 0, 'incremental');
  const result = emptyResult(name, 'incremental', planned.changes.length, expected, mailbox);
  result.foldersChanged = planned.perFolder.size;
  for (const copy of copies) {
    const startLinks = await snapshotDeltaLinks(ctx.services.endpoints, copy, mailbox);
    const folderTreeLink = await snapshotFolderTreeLink(ctx.services.endpoints, copy, mailbox);
    if (Object.keys(startLinks).length !== mailbox.folders.length) throw new Error(`copy ${copy} has ${Object.keys(startLinks).length} delta links for ${mailbox.folders.length} folders`);
    // Same table and partition as the sync (Azurite's cost depends on the partition's size), keys it never reads.
    result.floors.push(await measure(ctx, name, { kind: 'floor', startLinks, folderTreeLink, rowKeyPrefix: 'x:', ...jobBase(ctx, mailbox, copy) }));
    result.syncs.push(await measure(ctx, name, { kind: 'sync', ...jobBase(ctx, mailbox, copy) }));
    await ctx.services.dropTables(copy);
  }
  return result;
}

function emptyResult(name: string, kind: ScenarioResult['kind'], size: number, expected: ExpectedRequests, mailbox: BenchMailbox): ScenarioResult {
  return { name, kind, size, expected, foldersSynced: mailbox.folders.length, floors: [], syncs: [] };
}

function jobBase(ctx: ScenarioContext, mailbox: BenchMailbox, tablePrefix: string): { endpoints: BenchJob['endpoints']; tenantId: string; userId: string; tablePrefix: string } {
  return { endpoints: ctx.services.endpoints, tenantId: mailbox.tenantId, userId: mailbox.userId, tablePrefix };
}

/** One child run, with the simulator's own count of the Graph requests it answered. */
async function measure(ctx: ScenarioContext, scenario: string, job: BenchJob): Promise<MeasuredRun> {
  const { admin } = ctx.services;
  await admin.resetCounts();
  const run = await runJobInChild(job, { cpuProfileDir: ctx.cpuProfileDir, traceRequests: Boolean(ctx.cpuProfileDir) });
  const simulatorRequests = (await admin.counts()).total;
  ctx.log(`${scenario}: ${job.kind.padEnd(5)} ${run.seconds.toFixed(2).padStart(7)} s  ${simulatorRequests} Graph requests, `
    + `${run.tableTransactions} transactions, peak RSS ${run.peakRssMb.toFixed(0)} MB`);
  return { ...run, simulatorRequests };
}

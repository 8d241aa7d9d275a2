import { runJobInChild } from './jobChild';
import type { SyncJob } from './jobTypes';
import type { ScenarioContext } from './scenarios';

/** The folder counts of issue 6's figures; each folder holds this many contacts. */
export const FOLDER_COUNTS = [1, 8, 50] as const;
const CONTACTS_PER_FOLDER = 50;

/** What one sync cost in Graph traffic, as the simulator counted it. */
export interface SyncCost {
  /** Graph requests (each request inside a `$batch` counts; Graph throttles them one by one). */
  requests: number;
  /** HTTP round trips (a `$batch` of up to 20 requests is one). */
  roundTrips: number;
}

/** A first and an incremental sync (no change in between) of a mailbox with `folders` folders. */
export interface FolderCostRow {
  folders: number;
  contacts: number;
  initial: SyncCost;
  incremental: SyncCost;
}

/** Seeds a mailbox per folder count (the default folder + nested ones) and measures its two syncs. */
export async function runFolderCostScenario(ctx: ScenarioContext, seed: number): Promise<FolderCostRow[]> {
  const rows: FolderCostRow[] = [];
  const { admin, endpoints } = ctx.services;
  for (const folders of FOLDER_COUNTS) {
    const contacts = folders * CONTACTS_PER_FOLDER;
    const job: SyncJob = { kind: 'sync', endpoints, tenantId: 'bench-tenant', userId: `bench-folders-${folders}`, tablePrefix: `folders${folders}` };
    await admin.seed(job.tenantId, job.userId, { contacts, folders: folders - 1, seed });
    const initial = await measure(ctx, job);
    const incremental = await measure(ctx, job);
    await ctx.services.dropTables(job.tablePrefix);
    await admin.deleteMailbox(job.tenantId, job.userId);
    ctx.log(`${folders} folders: initial ${initial.requests} requests / ${initial.roundTrips} round trips, `
      + `incremental ${incremental.requests} / ${incremental.roundTrips}`);
    rows.push({ folders, contacts, initial, incremental });
  }
  return rows;
}

async function measure(ctx: ScenarioContext, job: SyncJob): Promise<SyncCost> {
  await ctx.services.admin.resetCounts();
  const run = await runJobInChild(job);
  const counts = await ctx.services.admin.counts();
  if (run.graphRequests !== counts.total) throw new Error(`the engine counted ${run.graphRequests} Graph requests, the simulator ${counts.total}`);
  return { requests: counts.total, roundTrips: counts.roundTrips };
}

/** The table and the target verdict of issue 6 (incremental ≤ F + 1 requests; before: 2F + 1). */
export function renderFolderCost(rows: FolderCostRow[]): string {
  const header = ['folders', 'contacts', 'initial req', 'initial trips', 'incr. req', 'incr. trips', 'target ≤ F+1', 'before 2F+1'];
  const cells = rows.map((r) => [r.folders, r.contacts, r.initial.requests, r.initial.roundTrips, r.incremental.requests, r.incremental.roundTrips, r.folders + 1, 2 * r.folders + 1].map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]): string => row.map((cell, i) => cell.padStart(widths[i] ?? 0)).join('  ');
  const checks = rows.map((r) => `  ${r.incremental.requests <= r.folders + 1 ? 'PASS' : 'FAIL'}  incremental, ${r.folders} folders: ≤ ${r.folders + 1} Graph requests: ${r.incremental.requests}`);
  return [
    'Graph cost of a sync by folder count (contacts: 50 × folders, about 40% in the default folder; incremental: nothing changed since the first sync)',
    line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line), '',
    'req: Graph requests (each request inside a $batch counts); trips: HTTP round trips (a $batch of ≤ 20 is one)',
    '', 'Targets (issue 6):', ...checks,
  ].join('\n');
}

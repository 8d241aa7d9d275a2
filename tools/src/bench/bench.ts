import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkTargets, figuresOf, renderReport } from './benchReport';
import { type BenchOptions, USAGE, parseBenchOptions } from './benchOptions';
import { withBenchServices } from './benchServices';
import { REPO_ROOT } from './childProcesses';
import { renderDiagnosis } from './diagnosisReport';
import { type FolderCostRow, renderFolderCost, runFolderCostScenario } from './folderCost';
import { planChanges, seedBenchMailbox } from './mailboxPlan';
import { renderInstantBench, runInstantBench } from './instantBench';
import { renderScheduleBench, runScheduleBench } from './scheduleBench';
import { renderPhonebook, runPhonebookBench } from './phonebookBench';
import { type ScenarioContext, type ScenarioResult, runIncrementalScenario, runInitialScenario } from './scenarios';
import { runTabBench } from './tabBench';

/**
 * `npm run bench`: the Graph requests and round trips of a first and an incremental sync for 1, 8 and 50
 * folders; then a first sync of a smaller and a larger seeded mailbox and an incremental sync of a few
 * changes in the larger one, each beside its I/O floor, in fresh child processes. A benchmark, not a test:
 * it exits 0 when it measured, whatever the verdicts.
 */
async function main(): Promise<void> {
  // The tab's scenario needs neither the bench services nor a mailbox: `--only tab` runs it alone.
  if (process.argv.slice(2).join(' ').includes('--only tab')) return runTabBench();
  const options = parseBenchOptions(process.argv.slice(2));
  if (options === 'help') return void console.log(USAGE);
  if (options.only === 'schedule') return runScheduleOnly(options);
  if (options.only === 'instant') return runInstantOnly(options);
  const cpuProfileDir = options.profile ? mkdtempSync(path.join(os.tmpdir(), 'contact-sync-bench-')) : undefined;
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const engine = engineVersion();
  if (options.only === 'phonebook') return runPhonebookOnly(options, log, engine);
  const { results, folderCost } = await withBenchServices(async (services) => {
    const ctx: ScenarioContext = { services, repeat: options.repeat, cpuProfileDir, log };
    const folderRows = options.only === 'contacts' ? [] : await runFolderCostScenario(ctx, options.seed);
    return { folderCost: folderRows, results: options.only === 'folders' ? [] : await runScenarios(ctx, options) };
  });
  if (folderCost.length > 0) console.log(`\n${renderFolderCost(folderCost)}`);
  if (results.length > 0) console.log(`\n${renderReport(results, options.repeat)}`);
  const out = path.resolve(REPO_ROOT, options.out);
  writeFileSync(out, `${JSON.stringify(resultsJson(results, folderCost, options, engine), null, 2)}\n`);
  console.log(`\nResults written to ${path.relative(process.cwd(), out) || out}`);
  if (cpuProfileDir) console.log(renderDiagnosis(cpuProfileDir, results));
  if (options.only === 'all') await runTabBench();
}

/** `--only phonebook`: search and lookup latency beside the floor, and the import's transactions per page. */
async function runPhonebookOnly(options: BenchOptions, log: (line: string) => void, engine: object): Promise<void> {
  const figures = await withBenchServices((services) => runPhonebookBench(services, options.phonebookSize, options.seed, log));
  console.log(`\n${renderPhonebook(figures)}`);
  const out = path.resolve(REPO_ROOT, options.out);
  writeFileSync(out, `${JSON.stringify({ generatedAt: new Date().toISOString(), engine, options, phonebook: figures }, null, 2)}\n`);
  console.log(`\nResults written to ${path.relative(process.cwd(), out) || out}`);
}

async function runScenarios(ctx: ScenarioContext, options: BenchOptions): Promise<ScenarioResult[]> {
  const { admin } = ctx.services;
  const [smallSize, largeSize] = options.sizes;
  ctx.log(`Seeding ${smallSize.toLocaleString('en-US')} contacts in ${options.folders + 1} folders…`);
  const small = await seedBenchMailbox(admin, smallSize, options.folders, options.seed);
  const first = (await runInitialScenario(ctx, small, false)).result;
  await admin.deleteMailbox(small.tenantId, small.userId);
  ctx.log(`Seeding ${largeSize.toLocaleString('en-US')} contacts in ${options.folders + 1} folders…`);
  const large = await seedBenchMailbox(admin, largeSize, options.folders, options.seed);
  const { result: second, copies } = await runInitialScenario(ctx, large, true);
  const planned = planChanges(large, options.changes);
  await admin.applyChanges(large.tenantId, large.userId, planned.changes);
  const third = await runIncrementalScenario(ctx, large, copies, planned);
  return [first, second, third];
}

/** `--only schedule`: the scheduled-sync scenario in its own local stack (Functions host, Azurite, simulators). */
async function runScheduleOnly(options: BenchOptions): Promise<void> {
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const result = await runScheduleBench({ users: options.users, contactsPerUser: options.userContacts, changedShare: 0.05, seed: options.seed }, log);
  console.log(`\n${renderScheduleBench(result)}`);
  const out = path.resolve(REPO_ROOT, options.out);
  writeFileSync(out, `${JSON.stringify({ generatedAt: new Date().toISOString(), engine: engineVersion(), schedule: result }, null, 2)}\n`);
  console.log(`\nResults written to ${path.relative(process.cwd(), out) || out}`);
}

/** `--only instant`: Graph change notifications end to end in their own local stack. */
async function runInstantOnly(options: BenchOptions): Promise<void> {
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const result = await runInstantBench({ edits: 200, editEveryMs: 500, contacts: 1000, folders: 1, notifications: 2000, seed: options.seed }, log);
  console.log(`\n${renderInstantBench(result)}`);
  const out = path.resolve(REPO_ROOT, options.out);
  writeFileSync(out, `${JSON.stringify({ generatedAt: new Date().toISOString(), engine: engineVersion(), instant: result }, null, 2)}\n`);
  console.log(`\nResults written to ${path.relative(process.cwd(), out) || out}`);
}

/** The commit measured, and the engine files that differed from it when the bench started. */
function engineVersion(): { commit: string; uncommitted: string[] } {
  try {
    const git = (...args: string[]): string => execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    return { commit: git('rev-parse', 'HEAD'), uncommitted: git('status', '--porcelain', 'api/src').split('\n').filter(Boolean) };
  } catch {
    return { commit: 'unknown', uncommitted: [] };
  }
}

function resultsJson(results: ScenarioResult[], folderCost: FolderCostRow[], options: BenchOptions, engine: object): object {
  return {
    generatedAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    engine,
    options,
    method: `seconds: best of ${options.repeat} interleaved floor/sync pairs; RSS: largest; Graph requests: as the simulator answered them`,
    scenarios: results.map((result) => ({ ...figuresOf(result), detail: result })),
    targets: checkTargets(results),
    folderCost,
  };
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exitCode = 1;
});

import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkTargets, figuresOf, renderReport } from './benchReport';
import { type BenchOptions, USAGE, parseBenchOptions } from './benchOptions';
import { withBenchServices } from './benchServices';
import { REPO_ROOT } from './childProcesses';
import { planChanges, seedBenchMailbox } from './mailboxPlan';
import { renderProfile, summarizeProfile } from './profileSummary';
import { type ScenarioContext, type ScenarioResult, runIncrementalScenario, runInitialScenario } from './scenarios';

/**
 * `npm run bench`: a first sync of a smaller and a larger seeded mailbox and an incremental sync of a few
 * changes in the larger one, each beside its I/O floor, in fresh child processes. A benchmark, not a test:
 * it exits 0 when it measured, whatever the verdicts.
 */
async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  if (options === 'help') return void console.log(USAGE);
  const cpuProfileDir = options.profile ? mkdtempSync(path.join(os.tmpdir(), 'contact-sync-bench-')) : undefined;
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const results = await withBenchServices(async (services) => {
    const ctx: ScenarioContext = { services, repeat: options.repeat, cpuProfileDir, log };
    return runScenarios(ctx, options);
  });
  console.log(`\n${renderReport(results, options.repeat)}`);
  const out = path.resolve(REPO_ROOT, options.out);
  writeFileSync(out, `${JSON.stringify(resultsJson(results, options), null, 2)}\n`);
  console.log(`\nResults written to ${path.relative(process.cwd(), out) || out}`);
  if (cpuProfileDir) printDiagnosis(cpuProfileDir, results);
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

function resultsJson(results: ScenarioResult[], options: BenchOptions): object {
  return {
    generatedAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    options,
    method: `seconds: best of ${options.repeat} interleaved floor/sync pairs; RSS: largest; Graph requests: as the simulator answered them`,
    scenarios: results.map((result) => ({ ...figuresOf(result), detail: result })),
    targets: checkTargets(results),
  };
}

/** `--profile`: each scenario's first floor and sync — Table requests by kind, then CPU hot spots. */
function printDiagnosis(dir: string, results: ScenarioResult[]): void {
  for (const result of results) {
    for (const run of [result.floors[0], result.syncs[0]]) {
      const trace = run?.detail.tableRequests as Record<string, { count: number; totalMs: number }> | undefined;
      if (!run || !trace) continue;
      console.log(`\n${result.name}, ${run === result.floors[0] ? 'floor' : 'sync'} (${run.seconds.toFixed(2)} s): Table requests by kind (durations overlap)`);
      for (const [kind, { count, totalMs }] of Object.entries(trace).sort((a, b) => b[1].totalMs - a[1].totalMs)) {
        console.log(`  ${String(count).padStart(6)} × ${kind.padEnd(22)} ${totalMs.toFixed(0).padStart(7)} ms`);
      }
    }
  }
  const files = readdirSync(dir).filter((file) => file.endsWith('.cpuprofile')).sort();
  console.log(`\nCPU profiles in ${dir}:`);
  for (const file of files) console.log(`\n${renderProfile(file, summarizeProfile(path.join(dir, file), 12))}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exitCode = 1;
});

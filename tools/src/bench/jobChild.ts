import path from 'node:path';
import { spawnTsx, stopChild } from './childProcesses';
import type { BenchJob, JobResult } from './jobTypes';

/** One entry per kind, so a child loads only its own modules. */
const RUNNERS = { sync: path.join(__dirname, 'syncRunner.ts'), floor: path.join(__dirname, 'floorRunner.ts') } as const;

let runs = 0;

/** Options for {@link runJobInChild}. */
export interface JobChildOptions {
  /** Write V8 CPU profiles of the run under this folder (`--cpu-prof`), in a subfolder `<run number>-<kind>-<tablePrefix>`. */
  cpuProfileDir?: string;
  /** Record the run's Table Storage requests by kind (into `detail.tableRequests`). */
  traceRequests?: boolean;
  /** Give up (and kill the child) after this long. Default an hour (a 100,000-contact run on Azurite takes over 10 minutes). */
  timeoutMs?: number;
}

/** Runs one job in a fresh Node process (its own heap and RSS) and returns what it reported. */
export async function runJobInChild(job: BenchJob, options: JobChildOptions = {}): Promise<JobResult> {
  // One folder per run: tsx's loader thread writes a profile of its own beside the main thread's.
  runs += 1;
  const folder = `${String(runs).padStart(2, '0')}-${job.kind}-${job.tablePrefix}`;
  const nodeArgs = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(options.cpuProfileDir, folder)}`] : [];
  const child = spawnTsx(RUNNERS[job.kind], [JSON.stringify(job)], nodeArgs, options.traceRequests ? { BENCH_TRACE: '1' } : {});
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const timer = setTimeout(() => void stopChild(child), options.timeoutMs ?? 60 * 60_000);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (exitCode) => resolve(exitCode));
  }).finally(() => clearTimeout(timer));
  const line = stdout.trim().split('\n').pop() ?? '';
  if (code !== 0 || !line.startsWith('{')) {
    throw new Error(`the ${job.kind} run (${job.tablePrefix}) failed with exit code ${code}:\n${stderr.trim() || stdout.trim()}`);
  }
  return JSON.parse(line) as JobResult;
}

import path from 'node:path';
import { spawnTsx, stopChild } from './childProcesses';
import type { BenchJob, JobResult } from './jobTypes';

/** One entry per kind, so a child loads only its own modules. */
const RUNNERS = { sync: path.join(__dirname, 'syncRunner.ts'), floor: path.join(__dirname, 'floorRunner.ts') } as const;

/** Options for {@link runJobInChild}. */
export interface JobChildOptions {
  /** Write a V8 CPU profile of the run into this folder (`--cpu-prof`). */
  cpuProfileDir?: string;
  /** Record the run's Table Storage requests by kind (into `detail.tableRequests`). */
  traceRequests?: boolean;
  /** Give up (and kill the child) after this long. Default 30 minutes. */
  timeoutMs?: number;
}

/** Runs one job in a fresh Node process (its own heap and RSS) and returns what it reported. */
export async function runJobInChild(job: BenchJob, options: JobChildOptions = {}): Promise<JobResult> {
  const nodeArgs = options.cpuProfileDir
    ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`, `--cpu-prof-name=${job.kind}-${job.tablePrefix}.cpuprofile`]
    : [];
  const child = spawnTsx(RUNNERS[job.kind], [JSON.stringify(job)], nodeArgs, options.traceRequests ? { BENCH_TRACE: '1' } : {});
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const timer = setTimeout(() => void stopChild(child), options.timeoutMs ?? 30 * 60_000);
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

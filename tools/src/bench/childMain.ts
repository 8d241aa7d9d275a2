import type { BenchJob, JobResult } from './jobTypes';
import { traceTableRequests } from './requestTrace';

/**
 * The body of a child-process entry (`syncRunner.ts`, `floorRunner.ts`): reads the job from argv, runs it,
 * prints one JSON line ({@link JobResult}) with this process's own peak RSS, and exits at once so idle
 * keep-alive sockets do not hold the process. A failure goes to stderr with exit code 1. With
 * `BENCH_TRACE=1` the result's detail also holds its Table Storage requests by kind.
 */
export function runAsChild<J extends BenchJob>(work: (job: J) => Promise<Omit<JobResult, 'peakRssMb'>>): void {
  const main = async (): Promise<void> => {
    const stopTrace = process.env.BENCH_TRACE === '1' ? traceTableRequests() : undefined;
    const result = await work(JSON.parse(process.argv[2] ?? '') as J);
    const detail = stopTrace ? { ...result.detail, tableRequests: stopTrace() } : result.detail;
    const report: JobResult = { ...result, detail, peakRssMb: process.resourceUsage().maxRSS / 1024 };
    process.stdout.write(`${JSON.stringify(report)}\n`, () => process.exit(0));
  };
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  });
}

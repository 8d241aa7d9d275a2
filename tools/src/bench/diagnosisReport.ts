import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { RequestTrace } from './requestTrace';
import { renderProfile, summarizeProfile } from './profileSummary';
import type { ScenarioResult } from './scenarios';

/**
 * What `--profile` prints: for each scenario's first floor and sync, the Table requests by kind, then the
 * CPU hot spots of every run's main thread.
 */
export function renderDiagnosis(profileDir: string, results: ScenarioResult[]): string {
  const lines: string[] = [];
  for (const result of results) {
    for (const [kind, run] of [['floor', result.floors[0]], ['sync', result.syncs[0]]] as const) {
      const trace = run?.detail.tableRequests as RequestTrace | undefined;
      if (!run || !trace) continue;
      lines.push('', `${result.name}, ${kind} (${run.seconds.toFixed(2)} s): Table requests by kind (durations overlap)`);
      for (const [request, { count, totalMs }] of Object.entries(trace).sort((a, b) => b[1].totalMs - a[1].totalMs)) {
        lines.push(`  ${String(count).padStart(6)} × ${request.padEnd(22)} ${totalMs.toFixed(0).padStart(8)} ms`);
      }
    }
  }
  lines.push('', `CPU profiles (main thread of each run) in ${profileDir}:`);
  for (const run of readdirSync(profileDir).sort()) {
    const file = mainThreadProfile(path.join(profileDir, run));
    if (file) lines.push('', renderProfile(run, summarizeProfile(file, 12)));
  }
  return lines.join('\n');
}

/** The main thread's profile (`CPU.<date>.<time>.<pid>.0.<seq>.cpuprofile`); the other is tsx's loader thread's. */
function mainThreadProfile(folder: string): string | undefined {
  const file = readdirSync(folder).find((name) => /\.\d+\.0\.\d+\.cpuprofile$/.test(name));
  return file && path.join(folder, file);
}

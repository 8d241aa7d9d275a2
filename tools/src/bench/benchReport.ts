import type { MeasuredRun, ScenarioResult } from './scenarios';

/** Targets of issue 2's benchmark section. */
export const TARGETS = { maxRatio: 1.3, maxIncrementalRequestsPerFolder: 3, maxRssGrowth: 1.5 } as const;

/** One scenario reduced to the figures the report prints. */
export interface ScenarioFigures {
  name: string;
  graphRequests: number;
  minimumGraphRequests: number;
  tableTransactions: number;
  transactionTarget: number;
  syncSeconds: number;
  floorSeconds: number;
  ratio: number;
  syncPeakRssMb: number;
  floorPeakRssMb: number;
}

/** A target with its verdict. */
export interface TargetCheck {
  target: string;
  actual: string;
  pass: boolean;
}

/** Seconds: the best run of each kind; RSS and counts: the largest seen (the conservative side). */
export function figuresOf(result: ScenarioResult): ScenarioFigures {
  const best = (runs: MeasuredRun[]): number => Math.min(...runs.map((run) => run.seconds));
  const most = (runs: MeasuredRun[], pick: (run: MeasuredRun) => number): number => Math.max(...runs.map(pick));
  const syncSeconds = best(result.syncs);
  const floorSeconds = best(result.floors);
  return {
    name: result.name,
    graphRequests: most(result.syncs, (run) => run.simulatorRequests),
    minimumGraphRequests: result.expected.total,
    tableTransactions: most(result.syncs, (run) => run.tableTransactions),
    transactionTarget: Math.ceil(result.size / 100) + 3,
    syncSeconds,
    floorSeconds,
    ratio: syncSeconds / floorSeconds,
    syncPeakRssMb: most(result.syncs, (run) => run.peakRssMb),
    floorPeakRssMb: most(result.floors, (run) => run.peakRssMb),
  };
}

/** Every target, per scenario where it applies. `results` are [smaller initial, larger initial, incremental]. */
export function checkTargets(results: ScenarioResult[]): TargetCheck[] {
  const figures = results.map(figuresOf);
  const checks: TargetCheck[] = [];
  for (const f of figures) {
    checks.push({ target: `${f.name}: sync/floor ≤ ${TARGETS.maxRatio}`, actual: f.ratio.toFixed(2), pass: f.ratio <= TARGETS.maxRatio });
    checks.push({ target: `${f.name}: Graph requests = minimum ${f.minimumGraphRequests}`, actual: String(f.graphRequests), pass: f.graphRequests === f.minimumGraphRequests });
    checks.push({ target: `${f.name}: table transactions ≤ ${f.transactionTarget}`, actual: String(f.tableTransactions), pass: f.tableTransactions <= f.transactionTarget });
  }
  const incremental = results.find((r) => r.kind === 'incremental');
  if (incremental) {
    const perFolder = figuresOf(incremental).graphRequests / incremental.foldersSynced;
    checks.push({
      target: `incremental: ≤ ${TARGETS.maxIncrementalRequestsPerFolder} Graph requests per folder touched (${incremental.foldersSynced} folders read, ${incremental.foldersChanged ?? 0} changed)`,
      actual: perFolder.toFixed(2), pass: perFolder <= TARGETS.maxIncrementalRequestsPerFolder,
    });
  }
  const initial = results.filter((r) => r.kind === 'initial').map(figuresOf);
  const [small, large] = initial;
  if (small && large) {
    const growth = large.syncPeakRssMb / small.syncPeakRssMb;
    checks.push({ target: `peak RSS ${large.name} ≤ ${TARGETS.maxRssGrowth} × ${small.name}`, actual: `${growth.toFixed(2)}×`, pass: growth <= TARGETS.maxRssGrowth });
  }
  return checks;
}

/** The results table and the target verdicts, as printed. */
export function renderReport(results: ScenarioResult[], repeat: number): string {
  const header = ['scenario', 'Graph req (min)', 'table tx (target)', 'sync s', 'floor s', 'sync/floor', 'sync RSS MB', 'floor RSS MB'];
  const rows = results.map(figuresOf).map((f) => [
    f.name, `${f.graphRequests} (${f.minimumGraphRequests})`, `${f.tableTransactions} (${f.transactionTarget})`,
    f.syncSeconds.toFixed(2), f.floorSeconds.toFixed(2), f.ratio.toFixed(2), f.syncPeakRssMb.toFixed(0), f.floorPeakRssMb.toFixed(0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  const checks = checkTargets(results).map((c) => `  ${c.pass ? 'PASS' : 'FAIL'}  ${c.target}: ${c.actual}`);
  return [
    line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), '',
    `seconds: best of ${repeat} (floor and sync interleaved); RSS: largest of ${repeat}; Graph requests as the simulator answered them`,
    '', 'Targets (issue 2):', ...checks,
  ].join('\n');
}

import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a profiled run spent its time. */
export interface ProfileSummary {
  totalMs: number;
  /** Self time by area: a package under node_modules, a source folder, node internals, GC, idle. */
  areas: Array<{ name: string; ms: number }>;
  /** Self time by function. */
  functions: Array<{ name: string; ms: number }>;
}

/** Reads a V8 `.cpuprofile` (from `--cpu-prof`) and adds up self time by area and by function. */
export function summarizeProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  let totalUs = 0;
  profile.samples.forEach((id, index) => {
    const us = profile.timeDeltas[index] ?? 0;
    const frame = byId.get(id)?.callFrame;
    if (!frame) return;
    totalUs += us;
    add(areas, areaOf(frame.url, frame.functionName), us);
    add(functions, `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`, us);
  });
  return { totalMs: totalUs / 1000, areas: ranked(areas, top), functions: ranked(functions, top) };
}

/** The summary as printable lines. */
export function renderProfile(title: string, summary: ProfileSummary): string {
  const share = (ms: number): string => `${ms.toFixed(0).padStart(7)} ms ${((100 * ms) / summary.totalMs).toFixed(1).padStart(5)}%`;
  return [
    `${title} — ${(summary.totalMs / 1000).toFixed(2)} s profiled`,
    '  by area:', ...summary.areas.map((a) => `    ${share(a.ms)}  ${a.name}`),
    '  by function (self time):', ...summary.functions.map((f) => `    ${share(f.ms)}  ${f.name}`),
  ].join('\n');
}

function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg?.[1]) return pkg[1];
  if (url.startsWith('node:')) return url.split('/')[0] === 'node:internal' ? `node:internal/${url.split('/')[1] ?? ''}` : url;
  const source = /\/((?:api|tools)\/src\/[^/]+)\//.exec(url);
  return source?.[1] ?? url;
}

function shortUrl(url: string): string {
  return url.replace(/^file:\/\//, '').replace(/^.*node_modules\//, '').replace(/^.*\/((?:api|tools)\/src\/)/, '$1');
}

function add(map: Map<string, number>, key: string, us: number): void {
  map.set(key, (map.get(key) ?? 0) + us);
}

function ranked(map: Map<string, number>, top: number): Array<{ name: string; ms: number }> {
  return [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, us]) => ({ name, ms: us / 1000 }));
}

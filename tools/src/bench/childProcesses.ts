import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

/** The repository root: children run here so that `--import tsx` resolves. */
export const REPO_ROOT = path.resolve(__dirname, '../../..');

const live = new Set<ChildProcess>();

/**
 * Spawns `node [nodeArgs] --import tsx <script> [args]` from the repo root (with `env` added to ours),
 * tracked for {@link killChildren}.
 */
export function spawnTsx(script: string, args: string[], nodeArgs: string[] = [], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script, ...args], {
    cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env },
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** Kills every child still running (synchronous, so it also works from an `exit` handler). */
export function killChildren(): void {
  for (const child of live) child.kill('SIGKILL');
}

/** Stops a child politely (SIGTERM), then hard after `graceMs`. */
export function stopChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => { clearTimeout(timer); resolve(); });
    child.kill('SIGTERM');
  });
}

process.once('exit', killChildren);

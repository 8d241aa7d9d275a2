import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

/** Where `npm run build` writes the Teams tab (what the Static Web App hosts, and what `npm start` serves). */
export const TAB_OUT_DIR = path.join(ROOT, 'build', 'tab');

/** Builds the Teams tab with Vite into {@link TAB_OUT_DIR}. */
export function buildTab(): void {
  const started = Date.now();
  const tabDir = path.join(ROOT, 'tab');
  const vite = path.join(path.dirname(require.resolve('vite/package.json', { paths: [tabDir] })), 'bin', 'vite.js');
  execFileSync(process.execPath, [vite, 'build', '--config', path.join(tabDir, 'vite.config.mts'), '--logLevel', 'warn'], { stdio: 'inherit', cwd: tabDir });
  console.log(`build: build/tab: the Teams tab, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Builds the tab unless a build is there already (`npm start` on a fresh clone). */
export function ensureTabBuilt(): void {
  if (!existsSync(path.join(TAB_OUT_DIR, 'index.html'))) buildTab();
}

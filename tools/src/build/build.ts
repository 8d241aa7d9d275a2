import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { findImportViolations, loadInIsolation } from './deployableCheck';
import { functionModules, writeFunctionsPackage } from './functionsPackage';

/**
 * `npm run build`: builds every deployable part into ignored output and checks it. Today that is the
 * Functions app (the API and the sync worker): compiled into `api/dist`, packaged into `build/api` (what
 * `teamsapp.yml` zip-deploys), then loaded from a copy outside the repository. Fails when deployable code
 * imports development tools or anything the package does not carry.
 */
const ROOT = path.resolve(__dirname, '../../..');

function main(): void {
  const started = Date.now();
  const appDir = path.join(ROOT, 'api');
  const tsc = require.resolve('typescript/bin/tsc');
  // A module deleted from the sources must not live on in the package.
  rmSync(path.join(appDir, 'dist'), { recursive: true, force: true });
  execFileSync(process.execPath, [tsc, '-p', path.join(appDir, 'tsconfig.build.json')], { stdio: 'inherit' });
  const outDir = path.join(ROOT, 'build', 'api');
  const { packages } = writeFunctionsPackage({ rootDir: ROOT, appDir, compiledDir: path.join(appDir, 'dist'), outDir });
  const violations = findImportViolations(outDir);
  if (violations.length > 0) {
    for (const v of violations) console.error(`build: ${v.file}: require('${v.specifier}') ${v.reason}`);
    throw new Error(`${violations.length} import(s) of deployable code cannot be deployed`);
  }
  const functions = loadInIsolation(outDir, functionModules);
  if (functions.length === 0) throw new Error('the Functions package registers no function');
  console.log(`build: ${path.relative(ROOT, outDir)}: ${functions.length} functions (${functions.join(', ')}), `
    + `${packages} production packages, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Builds the Teams tab with Vite into `build/tab` (what the Static Web App hosts). */
function buildTab(): void {
  const started = Date.now();
  const vite = path.join(path.dirname(require.resolve('vite/package.json', { paths: [path.join(ROOT, 'tab')] })), 'bin', 'vite.js');
  execFileSync(process.execPath, [vite, 'build', '--config', path.join(ROOT, 'tab', 'vite.config.mts'), '--logLevel', 'warn'], { stdio: 'inherit', cwd: path.join(ROOT, 'tab') });
  console.log(`build: build/tab: the Teams tab, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

try {
  main();
  buildTab();
} catch (error) {
  console.error(`build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}

import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { findImportViolations, loadInIsolation } from './deployableCheck';
import { functionModules, writeFunctionsPackage } from './functionsPackage';
import { buildTab } from './tabBuild';

/**
 * `npm run build`: builds every deployable part into ignored output and checks it. Today that is the
 * Functions app (the API, the sync worker and the bot's `/api/messages`): the bot workspace compiled into
 * `bot/dist`, the API into `api/dist`, packaged into `build/api` (what
 * `teamsapp.yml` zip-deploys), then loaded from a copy outside the repository. Fails when deployable code
 * imports development tools or anything the package does not carry.
 */
const ROOT = path.resolve(__dirname, '../../..');

function main(): void {
  const started = Date.now();
  const appDir = path.join(ROOT, 'api');
  // The bot workspace first: the API compiles against its declarations and ships its dist/.
  for (const dir of [path.join(ROOT, 'bot'), appDir]) compile(dir);
  const outDir = path.join(ROOT, 'build', 'api');
  const { packages } = writeFunctionsPackage({ rootDir: ROOT, appDir, compiledDir: path.join(appDir, 'dist'), outDir });
  const violations = findImportViolations(outDir);
  if (violations.length > 0) {
    for (const v of violations) console.error(`build: ${v.file}: require('${v.specifier}') ${v.reason}`);
    throw new Error(`${violations.length} import(s) of deployable code cannot be deployed`);
  }
  const functions = loadInIsolation(outDir, functionModules);
  if (functions.length === 0) throw new Error('the Functions package registers no function');
  // The bot's endpoint and notifier load botbuilder and the bot workspace: both came from the package alone.
  const missing = ['messages', 'syncResultNotifier'].filter((name) => !functions.includes(name));
  if (missing.length > 0) throw new Error(`the Functions package does not register ${missing.join(', ')}`);
  console.log(`build: ${path.relative(ROOT, outDir)}: ${functions.length} functions (${functions.join(', ')}), `
    + `${packages} production packages, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Compiles one workspace into its dist/ (emptied first: a module deleted from the sources must not live on). */
function compile(dir: string): void {
  rmSync(path.join(dir, 'dist'), { recursive: true, force: true });
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(dir, 'tsconfig.build.json')], { stdio: 'inherit' });
}


try {
  main();
  buildTab();
} catch (error) {
  console.error(`build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}

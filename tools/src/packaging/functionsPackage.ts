import { cpSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A package.json as far as packaging reads it. */
interface Manifest {
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest;
}

/**
 * Where Node would find `name` when required from a file in `fromDir`: the nearest `node_modules/<name>`
 * walking up, but never above `rootDir` (the workspace root).
 */
function resolvePackageDir(name: string, fromDir: string, rootDir: string): string | undefined {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === rootDir || path.dirname(dir) === dir) return undefined;
  }
}

/**
 * The production dependency closure of the package at `packageDir`, installed in an npm workspace rooted at
 * `rootDir`: source directory → directory relative to the deployed package root. A package hoisted to
 * the workspace root lands in the package's own `node_modules`; a nested copy stays nested under its parent.
 */
export function productionClosure(packageDir: string, rootDir: string): Map<string, string> {
  const placed = new Map<string, string>();
  const byTarget = new Map<string, string>();
  const visit = (manifestDir: string, required: boolean, name: string): void => {
    const source = resolvePackageDir(name, manifestDir, rootDir);
    if (!source) {
      if (required) throw new Error(`${name} (needed by ${path.relative(rootDir, manifestDir) || '.'}) is not installed; run npm ci`);
      return;
    }
    if (placed.has(source)) return;
    const target = targetOf(source, packageDir, rootDir);
    const clash = byTarget.get(target);
    if (clash && clash !== source) throw new Error(`two versions of ${name} need ${target}: ${clash} and ${source}`);
    placed.set(source, target);
    byTarget.set(target, source);
    walk(source);
  };
  const walk = (dir: string): void => {
    const manifest = readManifest(dir);
    for (const name of Object.keys(manifest.dependencies ?? {})) visit(dir, true, name);
    for (const name of Object.keys(manifest.optionalDependencies ?? {})) visit(dir, false, name);
    for (const name of Object.keys(manifest.peerDependencies ?? {})) visit(dir, false, name);
  };
  walk(packageDir);
  return placed;
}

function targetOf(source: string, packageDir: string, rootDir: string): string {
  const underPackage = path.relative(packageDir, source);
  if (!underPackage.startsWith('..')) return underPackage;
  return path.relative(rootDir, source);
}

/** What {@link writeFunctionsPackage} needs. */
export interface PackageOptions {
  rootDir: string;
  /** The Functions app's source package (`api/`): its package.json and host.json. */
  appDir: string;
  /** The compiled JavaScript (tsc's outDir for the app). */
  compiledDir: string;
  /** Where the package is written (emptied first). */
  outDir: string;
}

/**
 * Writes the folder that is zip-deployed to Azure Functions: `host.json`, a `package.json` whose `main`
 * names the compiled function modules, the compiled JavaScript under `dist/`, and the production
 * dependencies under `node_modules/`. Nothing else: no TypeScript, no tests, no development tools.
 */
export function writeFunctionsPackage(options: PackageOptions): { packages: number } {
  const { rootDir, appDir, compiledDir, outDir } = options;
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  cpSync(path.join(appDir, 'host.json'), path.join(outDir, 'host.json'));
  const manifest = readManifest(appDir);
  const deployed = { name: manifest.name, version: manifest.version, private: true, main: 'dist/functions/*.js', dependencies: manifest.dependencies };
  writeFileSync(path.join(outDir, 'package.json'), `${JSON.stringify(deployed, null, 2)}\n`);
  cpSync(compiledDir, path.join(outDir, 'dist'), { recursive: true, filter: (src) => !/\.test\.(js|js\.map|d\.ts)$/.test(src) });
  const closure = productionClosure(appDir, rootDir);
  for (const [source, target] of closure) {
    if (lstatSync(source).isSymbolicLink()) {
      copyWorkspacePackage(source, path.join(outDir, target));
      continue;
    }
    // A package's own nested node_modules are copied only as the closure places them.
    cpSync(source, path.join(outDir, target), { recursive: true, filter: (src) => !path.relative(source, src).split(path.sep).includes('node_modules') });
  }
  return { packages: closure.size };
}

/**
 * A workspace package (npm links it: `node_modules/@contact-sync/bot` → `../../bot`): its package.json and
 * compiled `dist/` only, as real files (a link would point into the build machine's sources).
 */
export function copyWorkspacePackage(linkedDir: string, targetDir: string): void {
  const manifest = JSON.parse(readFileSync(path.join(linkedDir, 'package.json'), 'utf8')) as Manifest & { main?: string; types?: string };
  if (!existsSync(path.join(linkedDir, 'dist'))) throw new Error(`${manifest.name ?? linkedDir} is not built (no dist/); build it first`);
  mkdirSync(targetDir, { recursive: true });
  const { name, version, main, types, dependencies } = manifest;
  writeFileSync(path.join(targetDir, 'package.json'), `${JSON.stringify({ name, version, private: true, main, types, dependencies }, null, 2)}\n`);
  cpSync(path.join(linkedDir, 'dist'), path.join(targetDir, 'dist'), {
    recursive: true, dereference: true, filter: (src) => !/\.test\.(js|js\.map|d\.ts)$/.test(src),
  });
}

/** Every compiled function module of a package (what `main` names). */
export function functionModules(packageDir: string): string[] {
  const dir = path.join(packageDir, 'dist', 'functions');
  return readdirSync(dir).filter((file) => file.endsWith('.js')).map((file) => path.join(dir, file));
}

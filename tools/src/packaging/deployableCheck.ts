import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';

/** One import of deployable code that the deployed package cannot satisfy. */
export interface ImportViolation {
  file: string;
  specifier: string;
  reason: string;
}

const REQUIRE = /\brequire\(\s*["']([^"']+)["']\s*\)/g;
const BUILTINS = new Set(builtinModules);

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return jsFiles(full);
    return full.endsWith('.js') ? [full] : [];
  });
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0] ?? specifier;
}

/**
 * Every `require` in the package's compiled code must be a Node built-in, a file inside the package's
 * `dist/`, or a production dependency the package declares. An import of the development tools (a path
 * out of the package, or a dev-only package) is a violation.
 */
export function findImportViolations(packageDir: string, allowedBare: ReadonlySet<string> = new Set()): ImportViolation[] {
  const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const declared = new Set(Object.keys(manifest.dependencies ?? {}));
  const distDir = path.join(packageDir, 'dist');
  const violations: ImportViolation[] = [];
  for (const file of jsFiles(distDir)) {
    for (const match of readFileSync(file, 'utf8').matchAll(REQUIRE)) {
      const specifier = match[1] ?? '';
      const where = path.relative(packageDir, file);
      if (specifier.startsWith('.')) {
        const target = path.resolve(path.dirname(file), specifier);
        if (path.relative(distDir, target).startsWith('..')) violations.push({ file: where, specifier, reason: 'reaches outside the deployable code' });
        else if (!existsSync(target) && !existsSync(`${target}.js`) && !existsSync(path.join(target, 'index.js'))) {
          violations.push({ file: where, specifier, reason: 'is not in the package' });
        }
      } else if (specifier.startsWith('node:') || BUILTINS.has(specifier)) {
        continue;
      } else if (!declared.has(packageName(specifier)) && !allowedBare.has(specifier)) {
        violations.push({ file: where, specifier, reason: 'is not a production dependency of the package' });
      }
    }
  }
  return violations;
}

/** A stand-in for the worker's `@azure/functions-core`: records what the modules register. */
const LOADER = `
const Module = require('node:module');
const registered = [];
class Disposable { constructor(f) { this.f = f; } dispose() { this.f?.(); } static from() { return new Disposable(); } }
const core = {
  version: '4.0.0', hostVersion: '4.0.0', Disposable,
  registerFunction(metadata) { registered.push(metadata.name); return new Disposable(); },
  setProgrammingModel() {}, getProgrammingModel() { return undefined; }, registerHook() { return new Disposable(); },
};
const load = Module._load;
Module._load = function (request, ...rest) { return request === '@azure/functions-core' ? core : load.call(this, request, ...rest); };
for (const file of process.argv.slice(1)) require(file);
process.stdout.write(JSON.stringify(registered));
`;

/**
 * Loads every function module of the package from a copy outside the repository (so nothing resolves from
 * the workspace's node_modules), as the Functions worker would, and returns the function names registered.
 */
export function loadInIsolation(packageDir: string, modules: (dir: string) => string[]): string[] {
  const copy = mkdtempSync(path.join(os.tmpdir(), 'functions-package-'));
  try {
    cpSync(packageDir, copy, { recursive: true });
    const output = execFileSync(process.execPath, ['-e', LOADER, ...modules(copy)], {
      cwd: copy, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NODE_PATH: '' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    return JSON.parse(output) as string[];
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

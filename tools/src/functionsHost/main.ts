/**
 * Runs the local Functions host, like `func start`:
 *   tsx tools/src/functionsHost/main.ts --modules api/src/functions [--modules 'other/*.ts']
 *     [--port 7071] [--route-prefix api] [--settings api/local.settings.json] [--no-timers]
 * `--modules` takes a directory (its `*.ts`/`*.js` files, tests excluded), a `dir/*.ts` pattern or a file.
 * `--settings` reads the `Values` of a local.settings.json into the app settings.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startFunctionsHost, type FunctionsHost, type RegisteredFunctionInfo } from './index';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      modules: { type: 'string', multiple: true },
      port: { type: 'string', default: '7071' },
      'route-prefix': { type: 'string', default: 'api' },
      settings: { type: 'string' },
      'no-timers': { type: 'boolean', default: false },
    },
  });
  const modules = (values.modules ?? ['api/src/functions']).flatMap(resolveModules);
  if (modules.length === 0) throw new Error(`No function modules found in ${(values.modules ?? []).join(', ')}`);
  const host = await startFunctionsHost({
    modules,
    port: Number(values.port),
    routePrefix: values['route-prefix'],
    env: values.settings ? readLocalSettings(values.settings) : undefined,
    enableTimers: !values['no-timers'],
  });
  console.log(`Functions host listening on ${host.url}\n\nFunctions:\n${host.functions.map((fn) => `  ${describeForConsole(fn, host, values['route-prefix'])}`).join('\n')}\n`);
  stopOnSignals(host);
}

/** The module files a `--modules` value names. */
function resolveModules(spec: string): string[] {
  const absolute = path.resolve(spec);
  const isDirectory = statSync(absolute, { throwIfNoEntry: false })?.isDirectory() ?? false;
  const [dir, pattern] = isDirectory ? [absolute, '*'] : [path.dirname(absolute), path.basename(absolute)];
  if (!isDirectory && !pattern.includes('*')) return [absolute];
  const matcher = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return readdirSync(dir)
    .filter((file) => matcher.test(file) && /\.(ts|js)$/.test(file) && !/\.(test|spec)\.|\.d\.ts$/.test(file))
    .sort()
    .map((file) => path.join(dir, file));
}

function readLocalSettings(file: string): Record<string, string> {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { Values?: Record<string, unknown> };
  return Object.fromEntries(Object.entries(parsed.Values ?? {}).map(([name, value]) => [name, String(value)]));
}

function describeForConsole(fn: RegisteredFunctionInfo, host: FunctionsHost, prefix: string | undefined): string {
  if (fn.route !== undefined) {
    const base = prefix ? `${host.url}/${prefix}` : host.url;
    return `${fn.name}: [${(fn.methods ?? ['*']).join(',')}] ${base}/${fn.route}`;
  }
  if (fn.queueName !== undefined) return `${fn.name}: queueTrigger (queue '${fn.queueName}')`;
  if (fn.schedule !== undefined) return `${fn.name}: timerTrigger (schedule '${fn.schedule}')`;
  return `${fn.name}: ${fn.triggerType} (not run by this host)`;
}

function stopOnSignals(host: FunctionsHost): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    // A second signal while stopping means "now".
    if (stopping) process.exit(130);
    stopping = true;
    console.log(`${signal}: stopping (waiting for running invocations)...`);
    host.stop().then(
      () => { process.off('SIGINT', onSignal); process.off('SIGTERM', onSignal); },
      (error: unknown) => { console.error(error); process.exitCode = 1; },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

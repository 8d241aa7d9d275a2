/**
 * `npm run package -- --env local|dev`: writes appPackage/build/appPackage.<env>.zip, or lists every problem
 * and exits 1 without writing one.
 */
import path from 'node:path';
import { buildAppPackage } from './appPackageBuilder';

const ROOT = path.resolve(__dirname, '../../..');

/** The value of `--env NAME` or `--env=NAME`. */
export function envArgument(argv: readonly string[]): string | undefined {
  const index = argv.findIndex((arg) => arg === '--env' || arg.startsWith('--env='));
  if (index < 0) return undefined;
  const value = argv[index]!.includes('=') ? argv[index]!.split('=')[1] : argv[index + 1];
  return value && /^[a-z0-9-]+$/i.test(value) ? value : undefined;
}

async function main(): Promise<void> {
  const envName = envArgument(process.argv.slice(2));
  if (!envName) {
    console.error('Usage: npm run package -- --env <local|dev|…>   (reads env/.env.<env>)');
    process.exit(2);
  }
  const result = await buildAppPackage(envName, {
    appPackageDir: path.join(ROOT, 'appPackage'), envDir: path.join(ROOT, 'env'), aadManifestFile: path.join(ROOT, 'aad.manifest.json'),
  });
  if (!result.ok) {
    console.error(`No package written for env "${envName}":\n${result.problems.map((problem) => `  - ${problem}`).join('\n')}`);
    process.exit(1);
  }
  console.log(`Wrote ${path.relative(ROOT, result.zipPath)} (manifest ${result.manifest.manifestVersion}, version ${result.manifest.version})`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

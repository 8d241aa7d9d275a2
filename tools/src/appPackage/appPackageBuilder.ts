/**
 * Builds `appPackage/build/appPackage.<env>.zip`: the manifest with its `${{…}}` placeholders filled from
 * `env/.env.<env>`, and the two icons. Nothing is written when any check fails: a package Teams would
 * refuse, or one that signs users into the wrong app, must not reach an admin.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { readEnvFile, resolvePlaceholders, type EnvValues } from './envFile';
import { iconProblems } from './iconChecks';
import { commandProblems, domainProblems, idProblems, versionProblems, type AadManifestShape, type BotCommand, type ManifestShape } from './manifestChecks';
import { newestManifestVersion, schemaProblems } from './manifestSchema';

/** Where the package's sources are; tests point these at fixtures. */
export interface AppPackagePaths {
  /** Holds manifest.json, color.png, outline.png, botCommands.json; the zip goes to its `build/`. */
  appPackageDir: string;
  /** Holds `.env.<env>`. */
  envDir: string;
  /** The Entra app manifest (toolkit format). */
  aadManifestFile: string;
}

/** The outcome: the zip's path, or every problem found (then nothing was written). */
export type BuildResult = { ok: true; zipPath: string; manifest: ManifestShape } | { ok: false; problems: string[] };

export async function buildAppPackage(envName: string, paths: AppPackagePaths): Promise<BuildResult> {
  const env = readEnvFile(paths.envDir, envName);
  const zipPath = path.join(paths.appPackageDir, 'build', `appPackage.${envName}.zip`);
  const manifest = readResolvedJson<ManifestShape>(path.join(paths.appPackageDir, 'manifest.json'), env, envName);
  const aad = readResolvedJson<AadManifestShape>(paths.aadManifestFile, env, envName);
  const icons = { color: readIcon(paths.appPackageDir, 'color.png'), outline: readIcon(paths.appPackageDir, 'outline.png') };
  const problems = [...manifest.problems, ...aad.problems, ...icons.color.problems, ...icons.outline.problems];
  // With placeholders left unfilled, every later check would only repeat them.
  if (manifest.value && !problems.length) {
    const commands = JSON.parse(readFileSync(path.join(paths.appPackageDir, 'botCommands.json'), 'utf8')) as BotCommand[];
    problems.push(
      ...schemaProblems(manifest.value), ...versionProblems(manifest.value, newestManifestVersion()),
      ...idProblems(manifest.value, env, aad.value ?? {}), ...commandProblems(manifest.value, commands), ...domainProblems(manifest.value),
    );
  }
  if (icons.color.bytes) problems.push(...iconProblems('color.png', icons.color.bytes, 192, false));
  if (icons.outline.bytes) problems.push(...iconProblems('outline.png', icons.outline.bytes, 32, true));
  // A stale zip from an earlier good build must not pass for this one.
  rmSync(zipPath, { force: true });
  if (problems.length || !manifest.value || !icons.color.bytes || !icons.outline.bytes) return { ok: false, problems };
  const zip = new JSZip();
  zip.file('manifest.json', `${JSON.stringify(manifest.value, null, 2)}\n`);
  zip.file('color.png', icons.color.bytes);
  zip.file('outline.png', icons.outline.bytes);
  mkdirSync(path.dirname(zipPath), { recursive: true });
  writeFileSync(zipPath, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return { ok: true, zipPath, manifest: manifest.value };
}

function readResolvedJson<T>(file: string, env: EnvValues, envName: string): { value?: T; problems: string[] } {
  const name = path.basename(file);
  const { text, missing, pending } = resolvePlaceholders(readFileSync(file, 'utf8'), env);
  const problems = [
    ...missing.map((key) => `${name} uses \${{${key}}}, which env/.env.${envName} does not define`),
    ...pending.map((key) => `${name} uses \${{${key}}}, which is empty in env/.env.${envName}: run provision, or set it by hand`),
  ];
  try {
    return { value: JSON.parse(text) as T, problems };
  } catch (error) {
    return { problems: [...problems, `${name} is not valid JSON once its placeholders are filled: ${(error as Error).message}`] };
  }
}

function readIcon(dir: string, name: string): { bytes?: Buffer; problems: string[] } {
  try {
    return { bytes: readFileSync(path.join(dir, name)), problems: [] };
  } catch {
    return { problems: [`${name} is missing from ${dir}`] };
  }
}

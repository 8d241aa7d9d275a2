/**
 * Microsoft's Teams app manifest JSON schemas, as `@microsoft/app-manifest` ships them (offline; no fetch).
 * They are draft-04 schemas: ajv-draft-04 with ajv-formats, non-strict because Microsoft's schemas carry
 * keywords ajv does not know.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const SCHEMA_ROOT = path.join(path.dirname(require.resolve('@microsoft/app-manifest')), 'json-schemas', 'teams');

/** The newest numbered schema version the package ships, e.g. `1.30` (the devPreview one is not released). */
export function newestManifestVersion(): string {
  const versions = readdirSync(SCHEMA_ROOT)
    .map((name) => /^v(\d+)\.(\d+)$/.exec(name))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => [Number(match[1]), Number(match[2])] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const newest = versions.at(-1);
  if (!newest) throw new Error(`No manifest schemas under ${SCHEMA_ROOT}`);
  return `${newest[0]}.${newest[1]}`;
}

/** Schema errors of a manifest against the schema of its own `manifestVersion`, as readable lines. */
export function schemaProblems(manifest: { manifestVersion?: unknown }): string[] {
  const version = String(manifest.manifestVersion);
  const file = path.join(SCHEMA_ROOT, `v${version}`, 'MicrosoftTeams.schema.json');
  let schema: object;
  try {
    schema = JSON.parse(readFileSync(file, 'utf8')) as object;
  } catch {
    return [`manifestVersion ${version}: no such schema in @microsoft/app-manifest`];
  }
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map((error) => `schema: ${error.instancePath || '/'} ${error.message ?? 'is invalid'}${
    error.params && 'allowedValues' in error.params ? ` (${String(error.params.allowedValues as unknown)})` : ''}`);
}

/**
 * `npm run tab-config -- --client-id … --tenant-id … --sign-in-audience … --api …`: writes build/tab/tab-config.json,
 * what the tab and its consent page read at run time (tab/src/app/tabConfig.ts). teamsapp.yml's deploy stage runs
 * it after the build and before the Static Web App upload, with the values of the environment being deployed.
 */
import { writeFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

/** build/tab/tab-config.json: the shape tab/src/app/tabConfig.ts reads. */
export interface DeployedTabConfig {
  apiBaseUrl: string;
  localMode: false;
  clientId: string;
  authority: string;
}

/** The deploy stage's values (teamsapp.yml names them `${{…}}`). */
export interface TabConfigInput {
  clientId?: string;
  tenantId?: string;
  /** `AzureADMyOrg` (single tenant: the tenant's authority) or `AzureADMultipleOrgs` (`organizations`). */
  signInAudience?: string;
  apiEndpoint?: string;
}

/** Where the config goes, relative to the repository (the folder the Static Web App upload takes). */
export const TAB_CONFIG_FILE = 'build/tab/tab-config.json';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The config, or the list of what is wrong (an empty value means an earlier stage did not run). */
export function tabConfigFrom(input: TabConfigInput): DeployedTabConfig | { problems: string[] } {
  const problems: string[] = [];
  const clientId = input.clientId?.trim() ?? '';
  const tenantId = input.tenantId?.trim() ?? '';
  const apiEndpoint = (input.apiEndpoint?.trim() ?? '').replace(/\/+$/, '');
  const multiTenant = input.signInAudience === 'AzureADMultipleOrgs';
  if (!GUID.test(clientId)) problems.push(`--client-id must be the app registration's client ID (a GUID), got "${clientId}"`);
  if (!multiTenant && !GUID.test(tenantId)) problems.push(`--tenant-id must be the tenant ID (a GUID), got "${tenantId}"`);
  if (!/^https:\/\/[^/]+/.test(apiEndpoint)) problems.push(`--api must be the API's https URL, got "${apiEndpoint}"`);
  if (problems.length > 0) return { problems };
  const authority = `https://login.microsoftonline.com/${multiTenant ? 'organizations' : tenantId}`;
  return { apiBaseUrl: apiEndpoint, localMode: false, clientId, authority };
}

function main(): void {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, 'client-id': { type: 'string' }, 'tenant-id': { type: 'string' }, 'sign-in-audience': { type: 'string' }, api: { type: 'string' } },
  });
  const config = tabConfigFrom({
    clientId: values['client-id'], tenantId: values['tenant-id'], signInAudience: values['sign-in-audience'], apiEndpoint: values.api,
  });
  if ('problems' in config) throw new Error(`tab-config: ${config.problems.join('; ')}`);
  // --out: another folder than build/tab (tests).
  const dir = values.out ?? path.resolve(__dirname, '../../..', path.dirname(TAB_CONFIG_FILE));
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`${dir} is missing: run \`npm run build\` first.`);
  const file = path.join(dir, path.basename(TAB_CONFIG_FILE));
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  console.log(`Wrote ${file} (API ${config.apiBaseUrl}, authority ${config.authority})`);
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}

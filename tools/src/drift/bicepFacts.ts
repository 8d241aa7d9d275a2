/**
 * What the drift test needs from infra/azure.bicep, read without a Bicep compiler (none installs offline):
 * its parameters, its outputs and the Function App's app settings. The Bicep writes each app setting on one
 * line as `{ name: 'X', value: … }` (a comment there says so), which is what is matched here.
 */

/** Parameters, outputs and app settings of one Bicep file. */
export interface BicepFacts {
  /** Every `param`, with whether it has a default (then a parameters file may leave it out). */
  params: Map<string, { hasDefault: boolean }>;
  outputs: Set<string>;
  appSettings: Set<string>;
}

export function readBicepFacts(bicep: string): BicepFacts {
  const code = bicep.replace(/\/\/.*$/gm, '');
  const params = new Map<string, { hasDefault: boolean }>();
  for (const match of code.matchAll(/^\s*param\s+(\w+)\s+\w+(\s*=)?/gm)) params.set(match[1]!, { hasDefault: Boolean(match[2]) });
  const outputs = new Set([...code.matchAll(/^\s*output\s+(\w+)\s+/gm)].map((match) => match[1]!));
  const appSettings = new Set([...code.matchAll(/\{\s*name:\s*'([A-Za-z0-9_]+)'\s*,\s*value:/g)].map((match) => match[1]!));
  return { params, outputs, appSettings };
}

/** Settings the Functions host or the platform reads itself; the app's code need not read them. */
export const PLATFORM_SETTINGS: readonly RegExp[] = [
  /^FUNCTIONS_/, /^WEBSITE_/, /^APPLICATIONINSIGHTS_/, /^AzureWebJobsStorage__/,
];

/**
 * Settings the code reads that Azure must not get, each with the reason. Anything else the code reads must
 * be set by the Bicep.
 */
export const NOT_SET_IN_AZURE: ReadonlyMap<string, string> = new Map([
  ['AZURE_FUNCTIONS_ENVIRONMENT', 'set by the Functions host itself (Development only in local runs)'],
  ['CONTACT_SYNC_LOCAL', "the local Functions host's flag (tools/src/functionsHost)"],
  ['ENTRA_NETWORK_URL', 'sends identity requests to the local Entra authority; in Azure they go to ENTRA_AUTHORITY_HOST'],
  ['GRAPH_ACCESS_TOKEN', 'a Graph token for the support command line, never an app setting'],
  ['TABLE_PREFIX', "isolates the tests' tables in one Azurite; Azure uses the default, no prefix"],
]);

/**
 * Settings the Bicep sets for code that another issue is writing (the bot reads these, see bot/README.md).
 * Once code reads one, the drift test asks for it to leave this list.
 */
export const AWAITING_READER: ReadonlyMap<string, string> = new Map<string, string>([
  // Empty: the bot (api/src/config.ts loadBotConfig) reads BOT_ID, BOT_TENANT_ID, BOT_APP_TYPE, BOT_PASSWORD.
]);

/**
 * The code's name for a connection the Bicep sets identity-based: the Functions runtime reads
 * `X__blobServiceUri`/`X__queueServiceUri`/`X__tableServiceUri` (or `X__accountName`) for connection `X`.
 */
export function connectionName(setting: string): string {
  return setting.split('__')[0]!;
}

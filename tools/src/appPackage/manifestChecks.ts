/**
 * What the package script checks beyond Microsoft's schema: the ids the manifest shares with the bot and the
 * Entra app, the version, the bot's command list, and that every valid domain is one the app loads from.
 * Each check returns readable problems; an empty list means the manifest may be packaged.
 */
import type { EnvValues } from './envFile';

/** The parts of a Teams manifest these checks read (the schema checks the rest). */
export interface ManifestShape {
  manifestVersion?: string;
  version?: string;
  id?: string;
  staticTabs?: Array<{ contentUrl?: string; websiteUrl?: string }>;
  configurableTabs?: Array<{ configurationUrl?: string }>;
  bots?: Array<{ botId?: string; commandLists?: Array<{ commands?: Array<{ title?: string; description?: string }> }> }>;
  validDomains?: string[];
  webApplicationInfo?: { id?: string; resource?: string; nestedAppAuthInfo?: Array<{ redirectUri?: string; scopes?: string[] }> };
}

/** The Entra app manifest fields (toolkit format) that must agree with the Teams manifest. */
export interface AadManifestShape {
  appId?: string;
  identifierUris?: string[];
}

/** A bot command as `appPackage/botCommands.json` lists it (the bot reads the same file). */
export interface BotCommand {
  title: string;
  description: string;
}

// semver.org 2.0.0's own pattern.
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

export function versionProblems(manifest: ManifestShape, newestSchemaVersion: string): string[] {
  const problems: string[] = [];
  if (!SEMVER.test(manifest.version ?? '')) problems.push(`version "${manifest.version ?? ''}" is not a semantic version (MAJOR.MINOR.PATCH)`);
  if (manifest.manifestVersion !== newestSchemaVersion) {
    problems.push(`manifestVersion ${manifest.manifestVersion ?? '(none)'} is not the newest schema shipped (${newestSchemaVersion})`);
  }
  return problems;
}

/** The manifest's bot is the bot registered as BOT_ID; its SSO app is M365_CLIENT_ID on the tab's domain. */
export function idProblems(manifest: ManifestShape, env: EnvValues, aad: AadManifestShape): string[] {
  const problems: string[] = [];
  const botId = env.get('BOT_ID'), clientId = env.get('M365_CLIENT_ID'), tabDomain = env.get('TAB_DOMAIN');
  const bots = manifest.bots ?? [];
  if (bots.length !== 1) problems.push(`expected exactly one bot, found ${bots.length}`);
  for (const bot of bots) if (bot.botId !== botId) problems.push(`bot id ${bot.botId ?? '(none)'} is not BOT_ID (${botId ?? 'unset'})`);
  const info = manifest.webApplicationInfo;
  if (info?.id !== clientId) problems.push(`webApplicationInfo.id ${info?.id ?? '(none)'} is not M365_CLIENT_ID (${clientId ?? 'unset'})`);
  const resource = `api://${tabDomain ?? ''}/${clientId ?? ''}`;
  if (info?.resource !== resource) problems.push(`webApplicationInfo.resource ${info?.resource ?? '(none)'} is not ${resource}`);
  for (const naa of info?.nestedAppAuthInfo ?? []) {
    if (naa.redirectUri !== `brk-multihub://${tabDomain ?? ''}`) problems.push(`nestedAppAuthInfo redirectUri ${naa.redirectUri ?? ''} is not brk-multihub://${tabDomain ?? ''}`);
    if (!(naa.scopes ?? []).every((scope) => scope.startsWith(`${resource}/`))) problems.push('nestedAppAuthInfo scopes must be scopes of webApplicationInfo.resource');
  }
  if (aad.appId !== clientId) problems.push(`aad.manifest.json appId ${aad.appId ?? '(none)'} is not M365_CLIENT_ID (${clientId ?? 'unset'})`);
  if (!(aad.identifierUris ?? []).includes(resource)) problems.push(`aad.manifest.json identifierUris lack ${resource}, the resource Teams asks tokens for`);
  return problems;
}

/** The bot's command list in the manifest must be the list the bot answers. */
export function commandProblems(manifest: ManifestShape, commands: readonly BotCommand[]): string[] {
  const listed = (manifest.bots ?? []).flatMap((bot) => bot.commandLists ?? []).flatMap((list) => list.commands ?? []);
  const render = (list: ReadonlyArray<{ title?: string; description?: string }>) => JSON.stringify(list.map(({ title, description }) => ({ title, description })));
  return render(listed) === render(commands) ? [] : [`bot commands ${render(listed)} differ from appPackage/botCommands.json ${render(commands)}`];
}

/** A valid domain nobody loads from widens what the tab may navigate to for nothing: each must be used. */
export function domainProblems(manifest: ManifestShape): string[] {
  const hosts = loadedUrls(manifest).map(hostOf).filter((host): host is string => host !== undefined);
  return (manifest.validDomains ?? [])
    .filter((domain) => !hosts.some((host) => domainMatches(domain, host)))
    .map((domain) => `valid domain ${domain} is not used by any tab URL or the SSO resource`);
}

function loadedUrls(manifest: ManifestShape): string[] {
  return [
    ...(manifest.staticTabs ?? []).flatMap((tab) => [tab.contentUrl, tab.websiteUrl]),
    ...(manifest.configurableTabs ?? []).map((tab) => tab.configurationUrl),
    manifest.webApplicationInfo?.resource,
  ].filter((url): url is string => typeof url === 'string');
}

function hostOf(url: string): string | undefined {
  const match = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)/i.exec(url);
  return match?.[1]?.toLowerCase();
}

/** `*.contoso.com` matches sub-domains only, as Teams reads it; otherwise the host (with its port) must be equal. */
export function domainMatches(domain: string, host: string): boolean {
  const wanted = domain.toLowerCase();
  return wanted.startsWith('*.') ? host.endsWith(wanted.slice(1)) : host === wanted;
}

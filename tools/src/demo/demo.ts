import { startLocalStack, type LocalStack } from '../localStack';
import { ensureTabBuilt } from '../packaging/tabBuild';
import { startTabServer } from '../tabServer/tabServer';
import { ApiClient } from './apiClient';
import { runBotDemo } from './botDemo';

/** The demo tenant, user and mailbox size. */
const TENANT = '00000000-0000-4000-8000-00000000de70';
const USER = '00000000-0000-4000-8000-000000000a11';
const CONTACTS = Number(process.env.DEMO_CONTACTS ?? 2500);

/**
 * `npm start`: the whole product on loopback (Azurite, local Entra ID, Graph simulator, the API's functions
 * in the local Functions host). An admin enables the integration; an account manager presses "Outlook Sync"
 * (SSO token → POST /api/sync), meets the consent prompt, consents, and the sync runs from the queue; then a
 * few changes in Outlook and a second, incremental sync. With `--serve` the stack stays up afterwards.
 */
async function main(): Promise<void> {
  const serve = process.argv.includes('--serve');
  const stack = await startLocalStack({ apiPort: serve ? Number(process.env.PORT ?? 7071) : 0, logger: () => undefined });
  try {
    await runDemo(stack);
    if (serve) await serveUntilStopped(stack);
  } finally {
    await stack.stop();
  }
}

async function runDemo(stack: LocalStack): Promise<void> {
  const outlook = stack.graph.sim.mailbox(TENANT, USER);
  outlook.seed({ contacts: CONTACTS, folders: 6, seed: 2026 });
  log(`API ${stack.host.url}/api · Graph simulator ${stack.graph.baseUrl} · local Entra ID ${stack.entra.url}`);
  log(`Demo mailbox: ${CONTACTS} Outlook contacts in ${outlook.listFolders().length} folders.`);
  const admin = new ApiClient(stack.host.url, () => stack.entra.sim.mintSsoToken({ tenantId: TENANT, userId: 'admin', roles: ['ContactSync.Admin'] }));
  await admin.expect('PUT', '/api/org/integration', 200, { name: 'Outlook', clientId: stack.clientId, tenantId: TENANT, enabled: true });
  log('Admin: Outlook integration enabled for the company.');

  const user = new ApiClient(stack.host.url, () => stack.entra.sim.mintSsoToken({ tenantId: TENANT, userId: USER, name: 'Ada Account-Manager' }));
  stack.entra.sim.setConsent(TENANT, USER, 'missing');
  const refused = await user.call('POST', '/api/sync');
  log(`Outlook Sync pressed: ${refused.status} ${String(refused.body?.code)} → the tab shows the consent popup; the user consents.`);
  stack.entra.sim.setConsent(TENANT, USER, 'granted');
  log('First sync:', JSON.stringify(await user.syncToEnd()));

  const [changed, deleted] = outlook.listContacts();
  if (changed) outlook.updateContact(changed.id, { mobilePhone: '+44 7700 900456' });
  if (deleted) outlook.deleteContact(deleted.id);
  outlook.addContact(outlook.defaultFolderId, { givenName: 'Grace', surname: 'Hopper', mobilePhone: '+1 202 555 0143' });
  log('In Outlook: one contact changed, one deleted, one added.');
  log('Incremental sync:', JSON.stringify(await user.syncToEnd()));
  const found = await user.expect<{ contacts: Array<Record<string, unknown>> }>('GET', '/api/contacts?search=hopper&top=5', 200);
  log('Phonebook search "hopper":', JSON.stringify(found.contacts.map(({ firstName, lastName, phone, phoneE164, email }) => ({ firstName, lastName, phone, phoneE164, email }))));
  outlook.addContact(outlook.defaultFolderId, { givenName: 'Katherine', surname: 'Johnson' });
  await runBotDemo(stack, TENANT, USER, log);
}

async function serveUntilStopped(stack: LocalStack): Promise<void> {
  log(`\nServing. API: ${stack.host.url}/api. A Teams-SSO-like token for the demo user:`);
  log(`  curl -s -X POST ${stack.entra.url}/_sim/sso-token -H 'content-type: application/json' -d '{"tenantId":"${TENANT}","userId":"${USER}"}'`);
  log(`The bot in the Microsoft 365 Agents Playground (offline; its user is this demo user):`);
  log(`  npx agentsplayground -e ${stack.host.url}/api/messages -c msteams --dt`);
  // The tab, with the API behind it on the same origin, and the local development sign-in (tenant as above).
  ensureTabBuilt(); // a fresh clone has no build/tab yet
  const tab = await startTabServer(stack, { port: Number(process.env.TAB_PORT ?? 53000) });
  log(`\nThe Teams tab: open ${tab.url}/ in a browser and use "Local development sign-in".`);
  log('Press Ctrl+C to stop.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await tab.stop();
}

function log(...parts: string[]): void {
  process.stdout.write(`${parts.join(' ')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`The demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

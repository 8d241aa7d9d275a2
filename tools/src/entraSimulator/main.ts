import { CONSENT_STATES, type ConsentState } from './consentRegistry';
import { startEntraSimulator } from './index';

/**
 * Runs the local Entra ID authority on its own, for local development and demos:
 *   ENTRA_SIM_PORT (default 5599), M365_CLIENT_ID, M365_CLIENT_SECRET,
 *   ENTRA_SIM_CONSENT_PROPAGATION_MS (default 0), ENTRA_SIM_DEFAULT_CONSENT (default missing).
 * Then point the API at it with ENTRA_NETWORK_URL=<printed url>.
 */
async function main(): Promise<void> {
  const clientId = process.env.M365_CLIENT_ID;
  const clientSecret = process.env.M365_CLIENT_SECRET;
  if (!clientId || !clientSecret) throw new Error('Set M365_CLIENT_ID and M365_CLIENT_SECRET (the values the API uses).');
  const defaultConsent = (process.env.ENTRA_SIM_DEFAULT_CONSENT ?? 'missing') as ConsentState;
  if (!CONSENT_STATES.includes(defaultConsent)) throw new Error(`ENTRA_SIM_DEFAULT_CONSENT must be one of ${CONSENT_STATES.join(', ')}`);
  const running = await startEntraSimulator({
    port: Number(process.env.ENTRA_SIM_PORT ?? '5599'),
    clientId,
    clientSecret,
    consentPropagationMs: Number(process.env.ENTRA_SIM_CONSENT_PROPAGATION_MS ?? '0'),
    defaultConsent,
  });
  process.stdout.write(`Entra simulator listening on ${running.url}\n`
    + `  API setting:  ENTRA_NETWORK_URL=${running.url}\n`
    + `  SSO token:    POST ${running.url}/_sim/sso-token  {"tenantId":"…","userId":"…"}\n`
    + `  consent:      PUT  ${running.url}/_sim/consent/{tenant}/{user}  {"state":"granted|missing|revoked"}\n`);
  const stop = (): void => { void running.stop().then(() => process.exit(0)); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});

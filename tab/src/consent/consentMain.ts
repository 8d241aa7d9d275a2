import { createStandardPublicClientApplication } from '@azure/msal-browser';
import { app, authentication } from '@microsoft/teams-js';
import { loadTabConfig } from '../app/tabConfig';
import { failureReasonOf } from './consentOutcome';

/** What the app asks Outlook for: read contacts, and keep access while the user is away (background syncs). */
const SCOPES = ['Contacts.Read', 'offline_access'];

/**
 * `/teams-outlook-login`: the popup `authentication.authenticate()` opens. It sends the user to Entra's consent
 * (redirect URI: this page), and on the way back reports to the tab with notifySuccess / notifyFailure.
 */
async function main(): Promise<void> {
  await app.initialize();
  const config = await loadTabConfig();
  const redirectUri = `${window.location.origin}/teams-outlook-login`;
  const msal = await createStandardPublicClientApplication({
    auth: { clientId: config.clientId, authority: config.authority, redirectUri },
    cache: { cacheLocation: 'sessionStorage' },
  });
  try {
    const result = await msal.handleRedirectPromise();
    if (result) {
      authentication.notifySuccess();
      return;
    }
    const context = await app.getContext();
    await msal.acquireTokenRedirect({ scopes: SCOPES, prompt: 'consent', loginHint: context.user?.loginHint, redirectUri });
  } catch (error) {
    show('Outlook was not connected. You can close this window and try again.');
    authentication.notifyFailure(failureReasonOf(error));
  }
}

function show(text: string): void {
  const root = document.getElementById('root');
  if (root) root.textContent = text;
}

main().catch((error: unknown) => {
  show('This page only works when Outlook Contact Sync opens it from Teams. Close it and select Connect Outlook in the app.');
  console.error(error);
});

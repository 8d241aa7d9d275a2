/** Where the emulated Teams host page and the tab live in the browser (Playwright routes both to loopback). */
export const HOST_ORIGIN = 'https://teams.microsoft.com';
export const TAB_ORIGIN = 'https://tab.contoso.test';

/**
 * A page that plays the Teams host for the tab in its iframe, the way teams-js' own tests emulate one: it
 * answers the messages the tab sends over postMessage (`initialize` with frame context, host client type,
 * runtime and version; `getContext`; `authentication.getAuthToken`; `authentication.authenticate`) and sends
 * `themeChange`. Tokens and consent come from the test through functions Playwright exposes (`hostGetToken`,
 * `hostAuthenticate`).
 */
export function hostPageHtml(theme: string): string {
  const runtime = JSON.stringify({
    apiVersion: 4, isLegacyTeams: false, hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
    supports: { appInstallDialog: {}, dialog: { card: {}, url: {} }, pages: { appButton: {}, tabs: {}, config: {}, backStack: {}, fullTrust: {} }, teams: { fullTrust: {} }, teamsCore: {} },
  });
  return `<!doctype html><html lang="en"><head><title>Teams (emulated host)</title>
<style>html,body{margin:0;height:100%} iframe{border:0;width:100%;height:100%}</style></head>
<body><iframe id="tab" title="Outlook Contact Sync" src="${TAB_ORIGIN}/"></iframe>
<script>
  const frame = document.getElementById('tab');
  window.hostTheme = ${JSON.stringify(theme)};
  window.hostCalls = [];
  const context = () => ({ theme: window.hostTheme, locale: 'en-us', frameContext: 'content', hostClientType: 'web', appSessionId: 's-1',
    entityId: 'contacts', tid: window.hostTenant, userObjectId: window.hostUser, loginHint: 'user@contoso.example', hostName: 'Teams' });
  function reply(msg, args) { frame.contentWindow.postMessage({ id: msg.id, uuidAsString: msg.uuidAsString, args }, ${JSON.stringify(TAB_ORIGIN)}); }
  window.sendThemeChange = (theme) => { window.hostTheme = theme; frame.contentWindow.postMessage({ func: 'themeChange', args: [theme] }, ${JSON.stringify(TAB_ORIGIN)}); };
  window.addEventListener('message', async (event) => {
    if (event.origin !== ${JSON.stringify(TAB_ORIGIN)} || !event.data || typeof event.data.func !== 'string') return;
    const msg = event.data;
    window.hostCalls.push(msg.func);
    switch (msg.func) {
      case 'initialize': return reply(msg, ['content', 'web', ${JSON.stringify(runtime)}, '2.58.0']);
      case 'getContext': return reply(msg, [context()]);
      case 'authentication.getAuthToken': {
        const answer = await window.hostGetToken();
        return reply(msg, answer.ok ? [true, answer.token] : [false, answer.reason]);
      }
      case 'authentication.authenticate': {
        const answer = await window.hostAuthenticate(msg.args[0]);
        return reply(msg, answer.ok ? [true, 'consented'] : [false, answer.reason]);
      }
      default: return undefined;
    }
  });
</script></body></html>`;
}

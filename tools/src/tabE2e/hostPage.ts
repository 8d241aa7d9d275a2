/** Where the emulated Teams host page and the tab live in the browser (Playwright routes both to loopback). */
export const HOST_ORIGIN = 'https://teams.microsoft.com';
export const TAB_ORIGIN = 'https://tab.contoso.test';

/**
 * A page that plays the Teams host for the tab in its iframe, the way teams-js' own tests emulate one: it
 * answers the messages the tab sends over postMessage (`initialize` with frame context, host client type,
 * runtime and version; `getContext`; `authentication.getAuthToken`; `authentication.authenticate`) and sends
 * `themeChange`. `authenticate` opens the real consent page in a popup (see startAuth). SSO tokens come from the
 * test through a function Playwright exposes (`hostGetToken`); `hostTenant`, `hostUser`, `hostLoginHint` from an init script.
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
    entityId: 'contacts', tid: window.hostTenant, userObjectId: window.hostUser, loginHint: window.hostLoginHint, hostName: 'Teams' });
  function reply(msg, args, target = frame.contentWindow) { target.postMessage({ id: msg.id, uuidAsString: msg.uuidAsString, args }, ${JSON.stringify(TAB_ORIGIN)}); }
  window.sendThemeChange = (theme) => { window.hostTheme = theme; frame.contentWindow.postMessage({ func: 'themeChange', args: [theme] }, ${JSON.stringify(TAB_ORIGIN)}); };
  // authentication.authenticate, as Teams does it: open the URL in a window whose teams-js talks to its opener
  // (this page) in the 'authentication' frame context; answer the tab's request when that window calls
  // notifySuccess / notifyFailure, or with CancelledByUser when it is closed first.
  let pendingAuth;
  function finishAuth(args) {
    if (!pendingAuth) return;
    const { msg, watch } = pendingAuth;
    pendingAuth = undefined;
    clearInterval(watch);
    reply(msg, args);
  }
  function startAuth(msg) {
    if (pendingAuth) return reply(msg, [false, 'CancelledByUser']);
    const popup = window.open(msg.args[0], 'teams-auth', 'width=' + (msg.args[1] || 600) + ',height=' + (msg.args[2] || 640));
    if (!popup) return reply(msg, [false, 'FailedToOpenWindow']);
    const watch = setInterval(() => { if (popup.closed) finishAuth([false, 'CancelledByUser']); }, 100);
    pendingAuth = { msg, popup, watch };
  }
  function fromPopup(event) {
    const msg = event.data;
    window.hostCalls.push('popup:' + msg.func);
    switch (msg.func) {
      case 'initialize': return reply(msg, ['authentication', 'web', ${JSON.stringify(runtime)}, '2.58.0'], event.source);
      case 'getContext': return reply(msg, [{ ...context(), frameContext: 'authentication' }], event.source);
      case 'authentication.authenticate.success': return finishAuth([true, msg.args[0]]);
      case 'authentication.authenticate.failure': return finishAuth([false, msg.args[0]]);
      default: return undefined;
    }
  }
  window.addEventListener('message', async (event) => {
    if (event.origin !== ${JSON.stringify(TAB_ORIGIN)} || !event.data || typeof event.data.func !== 'string') return;
    if (pendingAuth && event.source === pendingAuth.popup) return fromPopup(event);
    const msg = event.data;
    window.hostCalls.push(msg.func);
    switch (msg.func) {
      case 'initialize': return reply(msg, ['content', 'web', ${JSON.stringify(runtime)}, '2.58.0']);
      case 'getContext': return reply(msg, [context()]);
      case 'authentication.getAuthToken': {
        const answer = await window.hostGetToken();
        return reply(msg, answer.ok ? [true, answer.token] : [false, answer.reason]);
      }
      case 'authentication.authenticate': return startAuth(msg);
      default: return undefined;
    }
  });
</script></body></html>`;
}

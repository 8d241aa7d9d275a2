import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type FrameLocator, type Page } from 'playwright-core';
import type { LocalStack } from '../localStack';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium';
import { HOST_ORIGIN, TAB_ORIGIN, hostPageHtml } from './hostPage';

/** Screenshots of each page and theme (ignored by git). */
export const SCREENSHOT_DIR = path.resolve(__dirname, '../../../test-results/tab-screenshots');

/** A user the emulated Teams host signs in. */
export interface TabUser {
  tenantId: string;
  userId: string;
  name: string;
  roles?: string[];
}

/** The public authority the tab's consent page (msal-browser) uses; the browser context sends it to the local one. */
export const AUTHORITY_ORIGIN = 'https://login.microsoftonline.com';

/** Launches the local Chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** How the emulated host opens the tab. */
export interface TabOptions {
  /** The Teams theme at start (`default`, `dark`, `contrast`). */
  theme?: string;
  /** The browser window's width in CSS pixels (Teams mobile: 360). */
  width?: number;
}

/** The emulated host's controls a test holds on to. */
export interface EmulatedHost {
  /**
   * From now on `authentication.getAuthToken` fails with `reason`, the string Teams answers with
   * (`resourceRequiresConsent`, `CancelledByUser`, `invalid_resource|AADSTS500011: …`); undefined: tokens again.
   */
  failGetAuthToken(reason: string | undefined): void;
}

/**
 * Opens the emulated Teams host (served as https://teams.microsoft.com, which teams-js accepts as a parent)
 * framing the tab (served as https://tab.contoso.test, forwarded to the local tab server, API included).
 */
export async function openTab(browser: Browser, stack: LocalStack, tabServerUrl: string, user: TabUser, options: TabOptions = {}): Promise<{ context: BrowserContext; page: Page; tab: FrameLocator; host: EmulatedHost }> {
  const { theme = 'default', width = 1100 } = options;
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  await context.route(`${HOST_ORIGIN}/**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: hostPageHtml(theme) }));
  await context.route(`${TAB_ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    const response = await route.fetch({ url: `${tabServerUrl}${url.pathname}${url.search}` });
    await route.fulfill({ response });
  });
  await routeAuthority(context, stack.entra.url);
  const upn = `${user.userId.slice(0, 8)}@contoso.example`;
  let tokenFailure: string | undefined;
  await context.exposeFunction('hostGetToken', async () => (tokenFailure !== undefined ? { ok: false, reason: tokenFailure } : {
    ok: true, token: await stack.entra.sim.mintSsoToken({ tenantId: user.tenantId, userId: user.userId, name: user.name, upn, roles: user.roles }),
  }));
  await context.addInitScript((who) => Object.assign(window, who), { hostTenant: user.tenantId, hostUser: user.userId, hostLoginHint: upn });
  const page = await context.newPage();
  if (process.env.TAB_E2E_DEBUG) context.on('console', (m) => console.log(`[browser ${m.type()}] ${m.text()}`));
  if (process.env.TAB_E2E_DEBUG) context.on('response', (r) => console.log(`[resp] ${r.status()} ${r.url()}`));
  if (process.env.TAB_E2E_DEBUG) context.on('requestfailed', (r) => console.log(`[failed] ${r.url()} ${r.failure()?.errorText ?? ''}`));
  await page.goto(`${HOST_ORIGIN}/_emulated/host.html`);
  const host: EmulatedHost = { failGetAuthToken: (reason) => { tokenFailure = reason; } };
  return { context, page, tab: page.frameLocator('#tab'), host };
}

/**
 * Sends the public authority to the local Entra authority: discovery answers name the local base URL, which the
 * browser must not see (a public page may not call loopback), so they are rewritten to the public origin.
 * Redirects (the consent page's answer) go back to the browser as they are.
 */
async function routeAuthority(context: BrowserContext, entraUrl: string): Promise<void> {
  await context.route(`${AUTHORITY_ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    const response = await route.fetch({ url: `${entraUrl}${url.pathname}${url.search}`, maxRedirects: 0 });
    const type = response.headers()['content-type'] ?? '';
    if (!type.includes('json')) return route.fulfill({ response });
    const body = (await response.text()).split(entraUrl).join(AUTHORITY_ORIGIN);
    return route.fulfill({ response, body });
  });
}

/** axe-core over the host page and the tab's frame: the serious and critical violations, as readable lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  // Fluent's focus manager (Tabster) puts `<i aria-hidden tabindex=0 data-tabster-dummy>` around tab lists: focus
  // landing there is moved on at once, never read. Only those nodes are set aside; any other node still fails.
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !n.html.includes('data-tabster-dummy')) }))
    .filter((v) => v.nodes.length > 0)
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/** Saves a screenshot as `{name}.png` under `dir` ({@link SCREENSHOT_DIR} unless told). */
export async function screenshot(page: Page, name: string, dir = SCREENSHOT_DIR): Promise<void> {
  mkdirSync(dir, { recursive: true });
  // Not fullPage: the host page is the viewport (the tab scrolls inside its frame), and the resize a fullPage
  // capture makes at times left the tab's out-of-process frame unpainted (blank images).
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

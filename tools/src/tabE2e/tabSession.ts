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
  /** What the consent popup does: consent (sets the grant at the local Entra) or fail with a teams-js reason. */
  consent?: 'grant' | 'CancelledByUser' | 'AADSTS65001';
}

/** Launches the local Chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * Opens the emulated Teams host (served as https://teams.microsoft.com, which teams-js accepts as a parent)
 * framing the tab (served as https://tab.contoso.test, forwarded to the local tab server, API included).
 */
export async function openTab(browser: Browser, stack: LocalStack, tabServerUrl: string, user: TabUser, theme = 'default'): Promise<{ context: BrowserContext; page: Page; tab: FrameLocator }> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  await context.route(`${HOST_ORIGIN}/**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: hostPageHtml(theme) }));
  await context.route(`${TAB_ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    const response = await route.fetch({ url: `${tabServerUrl}${url.pathname}${url.search}` });
    await route.fulfill({ response });
  });
  await context.exposeFunction('hostGetToken', async () => ({
    ok: true, token: await stack.entra.sim.mintSsoToken({ tenantId: user.tenantId, userId: user.userId, name: user.name, roles: user.roles }),
  }));
  await context.exposeFunction('hostAuthenticate', (url: string) => {
    if (!url.startsWith(`${TAB_ORIGIN}/teams-outlook-login`)) return { ok: false, reason: `unexpected consent url ${url}` };
    if ((user.consent ?? 'grant') !== 'grant') return { ok: false, reason: user.consent };
    stack.entra.sim.setConsent(user.tenantId, user.userId, 'granted');
    return { ok: true };
  });
  const page = await context.newPage();
  await page.goto(`${HOST_ORIGIN}/_emulated/host.html`);
  return { context, page, tab: page.frameLocator('#tab') };
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

/** Saves a screenshot as `{name}.png` under {@link SCREENSHOT_DIR}. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

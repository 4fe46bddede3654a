import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { auditBrowser } from './axe-audit';
import { SESSION_COOKIE } from '../../server/auth/tokens';
import { PROJECT_ROOT } from '../../server/paths';

/** Where browser tests leave their screenshots (git-ignored), for a person to look at. */
export const ARTIFACTS_DIR = path.join(PROJECT_ROOT, 'test-artifacts');

export const CHROMIUM_PATH = '/usr/bin/chromium';

// No sandbox: CI containers run as root without user namespaces. The rest keeps Chromium from
// phoning home or updating itself while a test runs.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 375, height: 812 },
  smallPhone: { width: 360, height: 740 },
} as const;

/**
 * Chromium for a test file. Every context it opens is audited by axe-core (test/helpers/axe-audit.ts):
 * a page with a WCAG 2.1 AA violation fails the test whose context it was in.
 */
export async function launchBrowser(): Promise<Browser> {
  return auditBrowser(await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true }));
}

/**
 * A fresh, isolated browser context (its own cookies) in French, at the given viewport,
 * optionally already signed in with a session token (as the session cookie the app sets).
 */
export async function openContext(
  browser: Browser,
  opts: { baseURL: string; viewport?: { width: number; height: number }; signedInWith?: { token: string } },
): Promise<{ context: BrowserContext; page: Page }> {
  const phone = (opts.viewport?.width ?? VIEWPORTS.desktop.width) < 600;
  const context = await browser.newContext({
    baseURL: opts.baseURL,
    viewport: opts.viewport ?? VIEWPORTS.desktop,
    locale: 'fr-FR',
    isMobile: phone,
    hasTouch: phone,
    deviceScaleFactor: 1,
  });
  if (opts.signedInWith) {
    await context.addCookies([{ name: SESSION_COOKIE, value: opts.signedInWith.token, url: opts.baseURL, httpOnly: true, sameSite: 'Lax' }]);
  }
  const page = await context.newPage();
  // A missing element fails in seconds, with the locator in the message, well inside the test timeout.
  page.setDefaultTimeout(10_000);
  return { context, page };
}

/**
 * A full-page PNG in test-artifacts/<name>.png; returns its path. The page is shown at rest:
 * focus is dropped first, so that a focused skip link does not cover the header.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** What every page must get right, read from the live DOM. */
export async function pageOutline(page: Page): Promise<{ lang: string | null; h1Count: number; title: string }> {
  return page.evaluate(() => ({
    lang: document.documentElement.getAttribute('lang'),
    h1Count: document.querySelectorAll('h1').length,
    title: document.title,
  }));
}

/** A short description of the focused element: tag, class, text. */
export async function activeElement(page: Page): Promise<{ tag: string; className: string; text: string; id: string }> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      className: el instanceof HTMLElement ? el.className : '',
      text: (el?.textContent ?? '').trim(),
      id: el?.id ?? '',
    };
  });
}

export function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el === document.activeElement);
}

/**
 * Presses Tab until `target` has the focus, as a keyboard user would; fails after `max`
 * presses. Returns how many presses it took.
 */
export async function tabTo(page: Page, target: Locator, max = 60): Promise<number> {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press('Tab');
    if (await isFocused(target)) return presses;
  }
  throw new Error(`tabTo: ${target.toString()} not reached after ${max} presses of Tab`);
}

/** How many CSS pixels the page is wider than its viewport (0 when there is no sideways scroll). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth));
}

/**
 * Answers the confirmation dialog that an irreversible action opens (client/src/confirm-dialog.ts):
 * checks that it has the focus on « Annuler » and states consequences, then confirms. Returns its title.
 */
export async function confirmInDialog(page: Page): Promise<string> {
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  expect(await dialog.locator('.consequences li').count()).toBeGreaterThan(0);
  expect(await isFocused(dialog.getByRole('button', { name: 'Annuler' }))).toBe(true);
  const title = (await dialog.getByRole('heading').textContent()) ?? '';
  await dialog.locator('button.danger').click();
  return title;
}

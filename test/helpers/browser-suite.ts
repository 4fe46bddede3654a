import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createAdmin, startTestApp, type TestApp, type TestUser } from './app';
import { launchBrowser, openContext, VIEWPORTS } from './browser';

export interface BrowserSuite {
  readonly app: TestApp;
  readonly browser: Browser;
  readonly admin: TestUser;
  /** A page in its own context, signed in as `user` (or a visitor without an account). */
  open(user: TestUser | null, viewport?: { width: number; height: number }): Promise<Page>;
  /** A context made by hand (e.g. without JavaScript), closed after the test like the others. */
  track(context: BrowserContext): void;
}

/**
 * The frame of a browser test file: one app (its own database) and one Chromium for the file, an
 * admin, and fresh contexts per page, closed after each test.
 */
export function useBrowserSuite(): BrowserSuite {
  let app: TestApp | undefined;
  let browser: Browser | undefined;
  let admin: TestUser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    admin = await createAdmin(app);
  }, 60_000);
  afterEach(() => Promise.all(contexts.splice(0).map((c) => c.close())));
  afterAll(async () => Promise.all([browser?.close(), app?.close()]));
  const ready = <T>(x: T | undefined): T => {
    if (x === undefined) throw new Error('browser suite used before beforeAll');
    return x;
  };
  return {
    get app() { return ready(app); },
    get browser() { return ready(browser); },
    get admin() { return ready(admin); },
    async open(user, viewport = VIEWPORTS.desktop) {
      const { context, page } = await openContext(ready(browser), { baseURL: ready(app).url, viewport, ...(user ? { signedInWith: user } : {}) });
      contexts.push(context);
      return page;
    },
    track: (context) => void contexts.push(context),
  };
}

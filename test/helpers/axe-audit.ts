import { AxeBuilder } from '@axe-core/playwright';
import axe from 'axe-core';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';

/**
 * Every page a browser test visits is checked by axe-core at WCAG 2.1 AA, so that no test can
 * forget to (issue 16). Each document audits itself once parsed (an init script runs axe in the
 * page and reports through a binding), and the browser's request for the next document is held
 * until that report is in, so a quick click never outruns the audit. Chromium queues DevTools
 * commands while a navigation is pending, which is why the audit runs in the page rather than
 * from here. The last document of each page is audited again, as the test left it, when its
 * context closes.
 *
 * A context without JavaScript cannot run axe in its pages (no script runs there, axe's timers
 * neither). Its documents are audited all the same: each one, once parsed (and again as the test
 * left it, on close), is copied (`page.content()`, the DOM as a browser without scripts built it)
 * and opened at the same address in a separate auditing context that has JavaScript, where the
 * page's own scripts are refused (what is audited is the page without them) while its styles load
 * from the server as usual, and axe runs there. The next navigation of the page waits for the
 * copy, as above.
 *
 * Violations are collected per context and thrown by `context.close()` (or `browser.close()` for
 * contexts nobody closed): the test that closes the context fails, with the list. An audit that
 * fails to run, or is still running 15 s after the page was left, fails it too: a page that was
 * not audited is not a page that passed.
 */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface AxeFinding {
  url: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

interface RawViolation { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }

const toFindings = (url: string, violations: RawViolation[]): AxeFinding[] => violations.map((v) => ({
  url, rule: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(' ')),
}));

/** Runs axe on the page as it is, from outside; returns its WCAG 2.1 AA violations. */
export async function auditPage(page: Page): Promise<AxeFinding[]> {
  // legacy mode: axe runs in the page itself, without opening a blank page of its own in the context
  const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).setLegacyMode(true).analyze();
  return toFindings(page.url(), result.violations);
}

// Runs in each document (as an init script, after axe's source): audit once parsed, report back.
const IN_PAGE = `(() => {
  if (window.top !== window || !/^https?:/.test(location.protocol)) return;
  document.addEventListener('DOMContentLoaded', () => {
    window.__axeStarted();
    // kept on the window: the audit on close waits for it in the page (the binding's report may lag)
    window.__axeRun = window.axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} }, resultTypes: ['violations'] })
      .then((r) => window.__axeDone(location.href, r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target })) }))),
        (e) => window.__axeDone(location.href, null, String(e)));
  });
})();`;

/** How long a navigation waits for the audit of the page it leaves. */
const HOLD_MS = 15_000;

/** Whether `promise` settled within `ms` (the timer does not outlive it). */
async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((r) => { timer = setTimeout(() => r(false), ms); });
  try {
    return await Promise.race([promise.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

interface State {
  findings: AxeFinding[];
  skipped: string[];
  /** Per page, the audit of its current document while it runs. */
  running: Map<Page, Promise<void>>;
  finish: Map<Page, () => void>;
  /** Without JavaScript: the audits of the copies, one after the other. */
  copies: Promise<void>;
}

/** Opens the context, with JavaScript, where the documents of a context without it are audited. */
export type AuditorFactory = () => Promise<BrowserContext>;

const withoutHash = (url: string) => url.replace(/#.*$/, '');

/**
 * Audits `html`, the DOM of a page that has no JavaScript, opened at its own `url` in `auditor`:
 * the document itself comes from `html`, scripts are refused, everything else (styles, images)
 * loads from the server. `<noscript>` is unwrapped: without scripts its content is part of the page.
 */
async function auditCopy(auditor: BrowserContext, url: string, html: string): Promise<AxeFinding[]> {
  const page = await auditor.newPage();
  try {
    const body = html.replace(/<\/?noscript>/gi, '');
    await page.route(() => true, async (route) => {
      const request = route.request();
      if (request.isNavigationRequest() && withoutHash(request.url()) === withoutHash(url)) {
        await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
      } else if (request.resourceType() === 'script' || request.isNavigationRequest()) {
        await route.abort();
      } else {
        await route.fallback();
      }
    });
    await page.goto(url, { waitUntil: 'load' });
    return await auditPage(page);
  } finally {
    await page.close();
  }
}

const audited = new WeakSet<BrowserContext>();

function record(state: State, url: string, found: AxeFinding[]): void {
  if (process.env.AXE_AUDIT_LOG) console.log(`axe: ${url} → ${found.map((f) => f.rule).join(', ') || 'ok'}`);
  for (const f of found) if (!state.findings.some((g) => g.url === f.url && g.rule === f.rule)) state.findings.push(f);
}

/** Starts auditing a context's pages (see above); returns the context. */
export async function auditContext(context: BrowserContext, javaScript: boolean, openAuditor?: AuditorFactory): Promise<BrowserContext> {
  const state: State = { findings: [], skipped: [], running: new Map(), finish: new Map(), copies: Promise.resolve() };
  audited.add(context);
  const started = (page: Page) => {
    state.finish.get(page)?.();
    state.running.set(page, new Promise<void>((resolve) => state.finish.set(page, resolve)));
  };
  const done = (page: Page) => {
    state.finish.get(page)?.();
    state.finish.delete(page);
    state.running.delete(page);
  };
  let auditor: Promise<BrowserContext> | undefined;
  /** Without JavaScript: copies the page's document now, audits the copy in turn. */
  const copy = async (page: Page): Promise<void> => {
    const url = page.url();
    if (!/^https?:/.test(url)) return;
    let html: string;
    try {
      html = await page.content();
    } catch (e) {
      state.skipped.push(`${url}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      return;
    }
    if (!openAuditor) throw new Error('a context without JavaScript needs an auditing context');
    const open = openAuditor;
    state.copies = state.copies.then(async () => {
      auditor ??= open();
      await auditCopy(await auditor, url, html).then((found) => record(state, url, found),
        (e: unknown) => void state.skipped.push(`${url}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`));
    });
  };
  if (!javaScript) {
    const watch = (page: Page) => page.on('domcontentloaded', () => {
      started(page);
      void copy(page).finally(() => done(page));
    });
    context.pages().forEach(watch);
    context.on('page', watch);
  } else {
    await exposeAudit(context, state, started, done);
  }
  await context.route(() => true, async (route: Route) => {
    const request = route.request();
    // a service worker's request has no frame (frame() throws): nothing to wait for
    const frame = request.isNavigationRequest() ? (() => { try { return request.frame(); } catch { return null; } })() : null;
    const page = frame?.page();
    const running = page && frame === page.mainFrame() ? state.running.get(page) : undefined;
    if (running) {
      const held = await within(running, HOLD_MS);
      if (!held && page) {
        state.skipped.push(`${page.url()}: audit still running when the page was left`);
        done(page);
      }
    }
    await route.fallback();
  });
  const close = context.close.bind(context);
  context.close = async (options?: { reason?: string }) => {
    if (!audited.has(context)) return close(options);
    audited.delete(context);
    await Promise.all(context.pages().map(async (p) => {
      if (p.isClosed() || !/^https?:/.test(p.url())) return;
      const running = state.running.get(p);
      if (running) await within(running, HOLD_MS);
      if (!javaScript) return copy(p);
      const url = p.url();
      // The document's own audit may have started before its binding call reached us (it is not in
      // `running` yet): wait, in the page, for it to start (DOMContentLoaded) and end, since axe runs one
      // audit at a time per page.
      await p.waitForLoadState('domcontentloaded', { timeout: HOLD_MS }).catch(() => undefined);
      await within(p.evaluate(() => (window as unknown as { __axeRun?: Promise<unknown> }).__axeRun?.catch(() => undefined)).catch(() => undefined), HOLD_MS);
      await auditPage(p).then((found) => record(state, url, found), (e: unknown) => void state.skipped.push(`${url}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`));
    }));
    await state.copies;
    await close(options);
    if (auditor) await (await auditor).close();
    if (state.findings.length > 0 || state.skipped.length > 0) throw new Error(describe(state));
  };
  return context;
}

/** With JavaScript: each document audits itself once parsed (IN_PAGE) and reports here. */
async function exposeAudit(context: BrowserContext, state: State, started: (p: Page) => void, done: (p: Page) => void): Promise<void> {
  await context.exposeBinding('__axeStarted', ({ page }) => started(page));
  await context.exposeBinding('__axeDone', ({ page }, url: string, violations: RawViolation[] | null, error?: string) => {
    if (violations) record(state, url, toFindings(url, violations));
    else state.skipped.push(`${url}: ${error ?? 'axe failed'}`);
    done(page);
  });
  await context.addInitScript({ content: `${axe.source}\n${IN_PAGE}` });
}

function describe(state: State): string {
  const lines = state.findings.map((f) => `- ${f.url} [${f.impact}] ${f.rule}: ${f.help}\n    ${f.targets.join('\n    ')}`);
  const found = state.findings.length > 0 ? [`axe-core (WCAG 2.1 AA) found ${state.findings.length} violation(s):`, ...lines] : [];
  const failed = state.skipped.length > 0 ? ['axe-core could not audit (an unaudited page fails):', ...state.skipped.map((s) => `- ${s}`)] : [];
  return [...found, ...failed].join('\n');
}

/** Every context of this browser is audited, including those a test makes by hand. */
export function auditBrowser(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => auditContext(await newContext(options), options?.javaScriptEnabled !== false,
    // the auditing context of a context without JavaScript: same viewport and language, not itself audited
    async () => newContext({ viewport: options?.viewport, locale: options?.locale, javaScriptEnabled: true }));
  const closeBrowser = browser.close.bind(browser);
  browser.close = async (options) => {
    const errors: string[] = [];
    for (const c of browser.contexts()) await c.close().catch((e: unknown) => void errors.push(e instanceof Error ? e.message : String(e)));
    await closeBrowser(options);
    if (errors.length > 0) throw new Error(errors.join('\n'));
  };
  return browser;
}

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
 * context closes. Contexts without JavaScript are not audited (axe needs it).
 * Violations are collected per context and thrown by `context.close()` (or `browser.close()` for
 * contexts nobody closed): the test that closes the context fails, with the list.
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
    window.axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} }, resultTypes: ['violations'] })
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
}

const audited = new WeakSet<BrowserContext>();

function record(state: State, url: string, found: AxeFinding[]): void {
  if (process.env.AXE_AUDIT_LOG) console.log(`axe: ${url} → ${found.map((f) => f.rule).join(', ') || 'ok'}`);
  for (const f of found) if (!state.findings.some((g) => g.url === f.url && g.rule === f.rule)) state.findings.push(f);
}

/** Starts auditing a context's pages (see above); returns the context. */
export async function auditContext(context: BrowserContext, javaScript: boolean): Promise<BrowserContext> {
  const state: State = { findings: [], skipped: [], running: new Map(), finish: new Map() };
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
  // No script runs in a page without JavaScript, axe's neither (its timers never fire): such
  // contexts are not audited. The same server-rendered pages are, in the tests that run with it.
  if (!javaScript) return context;
  await context.exposeBinding('__axeStarted', ({ page }) => started(page));
  await context.exposeBinding('__axeDone', ({ page }, url: string, violations: RawViolation[] | null, error?: string) => {
    if (violations) record(state, url, toFindings(url, violations));
    else state.skipped.push(`${url}: ${error ?? 'axe failed'}`);
    done(page);
  });
  await context.addInitScript({ content: `${axe.source}\n${IN_PAGE}` });
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
      const url = p.url();
      await auditPage(p).then((found) => record(state, url, found), (e: unknown) => void state.skipped.push(`${url}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`));
    }));
    await close(options);
    if (state.skipped.length > 0) console.warn(`axe-core could not audit:\n${state.skipped.join('\n')}`);
    if (state.findings.length > 0) throw new Error(describe(state));
  };
  return context;
}

function describe(state: State): string {
  const lines = state.findings.map((f) => `- ${f.url} [${f.impact}] ${f.rule}: ${f.help}\n    ${f.targets.join('\n    ')}`);
  return `axe-core (WCAG 2.1 AA) found ${state.findings.length} violation(s):\n${lines.join('\n')}`;
}

/** Every context of this browser is audited, including those a test makes by hand. */
export function auditBrowser(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => auditContext(await newContext(options), options?.javaScriptEnabled !== false);
  const closeBrowser = browser.close.bind(browser);
  browser.close = async (options) => {
    const errors: string[] = [];
    for (const c of browser.contexts()) await c.close().catch((e: unknown) => void errors.push(e instanceof Error ? e.message : String(e)));
    await closeBrowser(options);
    if (errors.length > 0) throw new Error(errors.join('\n'));
  };
  return browser;
}

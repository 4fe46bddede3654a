import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../helpers/browser';

/**
 * The audit itself (test/helpers/axe-audit.ts): a page with a violation fails the context that
 * saw it, with JavaScript or without; without it, what is audited is the page as a browser
 * without scripts shows it (its scripts do not run in the copy, its <noscript> content counts).
 */
const PAGE = (body: string, script = '') => `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Essai</title>${script}</head>
<body><main><h1>Essai</h1>${body}<p><a href="/suite">Suite</a></p></main></body></html>`;

const PAGES: Record<string, string> = {
  '/propre': PAGE('<p>Rien à redire.</p>'),
  '/suite': PAGE('<p>La suite.</p>'),
  // an image without a text alternative: image-alt
  '/image': PAGE('<img src="/pixel.png">'),
  // the script would fix the image: a browser without scripts never runs it
  '/reparee': PAGE('<img src="/pixel.png">', '<script src="/repare.js" defer></script>'),
  '/noscript': PAGE('<noscript><img src="/pixel.png"></noscript>'),
};

let browser: Browser;
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const page = PAGES[req.url ?? ''];
    if (page) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    if (req.url === '/repare.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end('document.querySelectorAll("img").forEach((i) => i.setAttribute("alt", "point"));');
    if (req.url === '/pixel.png') return void res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser.close();
  await new Promise((r) => server.close(r));
});

/** Visits `paths` one after the other (by a link for the second), then closes: what close() says. */
async function visit(javaScriptEnabled: boolean, path: string): Promise<string | null> {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  await page.goto(`${base}${path}`);
  await page.getByRole('link', { name: 'Suite' }).click();
  await page.getByText('La suite.').waitFor();
  return context.close().then(() => null, (e: unknown) => (e instanceof Error ? e.message : String(e)));
}

test('a clean page passes, with JavaScript and without', async () => {
  expect(await visit(true, '/propre')).toBeNull();
  expect(await visit(false, '/propre')).toBeNull();
});

test('a violation on a page the test left fails the context, with JavaScript and without', async () => {
  expect(await visit(true, '/image')).toMatch(/\/image \[critical\] image-alt/);
  expect(await visit(false, '/image')).toMatch(/\/image \[critical\] image-alt/);
});

test('without JavaScript, the page is audited without its scripts, and with its <noscript> content', async () => {
  expect(await visit(true, '/reparee')).toBeNull();
  expect(await visit(false, '/reparee')).toMatch(/\/reparee \[critical\] image-alt/);
  expect(await visit(false, '/noscript')).toMatch(/\/noscript \[critical\] image-alt/);
});

import { createBill } from '../helpers/app';
import { useBrowserSuite } from '../helpers/browser-suite';

/**
 * Light pages (issue 16, item 6): text responses are compressed, and a reading page ships at most
 * 40 KB of compressed JavaScript — the live editor's code loads only where an editor is.
 */
const t = useBrowserSuite();
const LIMIT = 40 * 1024;

async function scriptBytes(path: string): Promise<{ bytes: number; files: string[]; encodings: string[] }> {
  const page = await t.open(null);
  const scripts: { url: string; size: Promise<number>; encoding: string }[] = [];
  page.on('response', (res) => {
    if (res.request().resourceType() !== 'script') return;
    scripts.push({ url: res.url(), size: res.request().sizes().then((s) => s.responseBodySize), encoding: res.headers()['content-encoding'] ?? 'identity' });
  });
  await page.goto(path, { waitUntil: 'networkidle' });
  const sizes = await Promise.all(scripts.map((s) => s.size));
  return { bytes: sizes.reduce((a, b) => a + b, 0), files: scripts.map((s) => new URL(s.url).pathname), encodings: scripts.map((s) => s.encoding) };
}

test('reading pages ship at most 40 KB of compressed JavaScript, without the editor', async () => {
  const bill = await createBill(t.app, t.admin, { status: 'consultation' });
  for (const path of ['/', `/textes/${bill.id}`, `/articles/${bill.articles[0]!.id}`]) {
    const { bytes, files, encodings } = await scriptBytes(path);
    expect(files).toContain('/static/app.js');
    expect(files.some((f) => f.includes('editor'))).toBe(false);
    // the bundle itself is compressed (a shared chunk of a few hundred bytes is not worth it)
    expect(['br', 'gzip']).toContain(encodings[files.indexOf('/static/app.js')]);
    expect(bytes).toBeLessThanOrEqual(LIMIT);
    expect(bytes).toBeGreaterThan(0);
  }
});

test('pages and data are compressed for clients that accept it', async () => {
  const res = await t.app.http.get('/').set('Accept-Encoding', 'gzip');
  expect(res.headers['content-encoding']).toBe('gzip');
  const api = await t.app.http.get('/api/openapi.json').set('Accept-Encoding', 'br');
  expect(api.headers['content-encoding']).toBe('br');
  const plain = await t.app.http.get('/api/openapi.json').set('Accept-Encoding', 'identity');
  expect(plain.headers['content-encoding']).toBeUndefined();
});

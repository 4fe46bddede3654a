import { parse } from 'csv-parse/sync';
import JSZip from 'jszip';
import { auth, createAdmin, createBill, createCitizen, createUser, seatCommission, startTestApp, type TestApp, type TestUser } from '../helpers/app';

/** API.md › History and open data: the event log, diffs, open-data exports, feeds, public reads. */

let app: TestApp;
let admin: TestUser;
let bill: Awaited<ReturnType<typeof createBill>>;
let alice: TestUser;
let bob: TestUser;
let ids: { a1: string; a2: string; a3: string };

beforeAll(async () => {
  app = await startTestApp();
  admin = await createAdmin(app);
  bill = await createBill(app, admin, { status: 'consultation' });
  [alice, bob] = [await createCitizen(app, 'Alice'), await createCitizen(app, 'Bob')];
  const clerk = await createUser(app, { roles: ['clerk'] });
  const art1 = bill.articles[0]!;
  const submit = async (u: TestUser, articleIndex: number, body: object) =>
    (await app.http.post(`/api/articles/${bill.articles[articleIndex]!.id}/amendments`).set(auth(u)).send({ rationale: 'Parce que.', submit: true, ...body }).expect(201)).body.amendment.id as string;
  ids = {
    a1: await submit(alice, 0, { kind: 'modify', alineas: [art1.alineas[0], 'Elles les publient en ligne sans délai.'] }),
    a2: await submit(bob, 1, { kind: 'delete' }),
    a3: await submit(alice, 0, { kind: 'modify', alineas: ['Rien.', art1.alineas[1]] }),
  };
  // votes and an argument: counted in the exports, never who voted what
  await app.http.put(`/api/amendments/${ids.a1}/vote`).set(auth(bob)).send({ value: 'for' }).expect(200);
  await app.http.put(`/api/amendments/${ids.a1}/vote`).set(auth(alice)).send({ value: 'mitigated' }).expect(200);
  await app.http.post(`/api/amendments/${ids.a1}/arguments`).set(auth(bob)).send({ side: 'for', body: 'Plus rapide.' }).expect(201);
  await app.http.post(`/api/amendments/${ids.a3}/inadmissible`).set(auth(clerk)).send({ ground: 'abusive', reason: 'Vide.' }).expect(200);
  await app.http.post(`/api/bills/${bill.id}/status`).set(auth(admin)).send({ status: 'commission' }).expect(200);
  await app.http.post(`/api/amendments/${ids.a1}/decision`).set(auth(admin)).send({ decision: 'adopted' }).expect(200);
  await app.http.post(`/api/amendments/${ids.a2}/decision`).set(auth(admin)).send({ decision: 'rejected' }).expect(200);
  await seatCommission(app, admin, bill.id);
  await app.http.post(`/api/bills/${bill.id}/status`).set(auth(admin)).send({ status: 'adopted' }).expect(200);
}, 60_000);
afterAll(async () => {
  await app.close();
});

type Ev = { id: string; type: string; at: string; actor: { id: string; displayName: string } | null; subject: { type: string; id: string }; label: string };
const history = async (q = '') => (await app.http.get(`/api/bills/${bill.id}/history${q}`).expect(200)).body as { events: Ev[]; next: string | null };

describe('the event log', () => {
  test('every public action in order, with actor, subject and time; never a vote', async () => {
    const { events } = await history('?limit=200');
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('bill.created');
    for (const t of ['amendment.submitted', 'amendment.inadmissible', 'bill.status_changed', 'amendment.decided', 'article.version_added']) expect(types).toContain(t);
    expect(types.some((t) => t.includes('vote'))).toBe(false);
    expect(events.map((e) => Number(e.id))).toEqual([...events.map((e) => Number(e.id))].sort((a, b) => a - b));
    const submitted = events.find((e) => e.type === 'amendment.submitted' && e.subject.id === ids.a1)!;
    expect(submitted).toMatchObject({ actor: { id: alice.id, displayName: 'Alice' }, subject: { type: 'amendment', id: ids.a1 }, label: 'Amendement n° 1 déposé' });
    expect(Date.parse(submitted.at)).not.toBeNaN();
    expect(JSON.stringify(events)).not.toMatch(/"value":"(for|mitigated|against)"/);
  });

  test('filters by type, amendment, article, actor and date range; cursor pagination in both orders', async () => {
    const all = (await history('?limit=200')).events;
    expect((await history('?type=amendment.submitted,amendment.decided')).events.every((e) => ['amendment.submitted', 'amendment.decided'].includes(e.type))).toBe(true);
    expect((await history(`?amendment=${ids.a1}`)).events.map((e) => e.type)).toEqual(['amendment.submitted', 'amendment.decided']);
    const onArt1 = (await history(`?article=${bill.articles[0]!.id}&limit=200`)).events;
    expect(onArt1.map((e) => e.subject.id)).toEqual(expect.arrayContaining([ids.a1, ids.a3, bill.articles[0]!.id]));
    expect(onArt1.some((e) => e.subject.id === ids.a2)).toBe(false);
    expect((await history(`?actor=${bob.id}`)).events.map((e) => e.subject.id)).toEqual([ids.a2]);
    expect((await history(`?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).events).toEqual([]);
    // pages of 3, oldest first, then newest first, cover everything once
    for (const order of ['asc', 'desc'] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { events: Ev[]; next: string | null } = await history(`?order=${order}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.events.length).toBeLessThanOrEqual(3);
        seen.push(...page.events.map((e) => e.id));
        cursor = page.next;
      } while (cursor);
      expect(seen).toEqual(order === 'asc' ? all.map((e) => e.id) : all.map((e) => e.id).reverse());
    }
    expect((await app.http.get(`/api/bills/${bill.id}/history?cursor=abc`)).status).toBe(400);
    expect((await app.http.get(`/api/bills/${bill.id}/history?from=hier`)).status).toBe(400);
    expect((await app.http.get('/api/bills/00000000-0000-0000-0000-000000000000/history')).status).toBe(404);
  });

  test('the diff between two versions of an article', async () => {
    const res = await app.http.get(`/api/articles/${bill.articles[0]!.id}/diff?from=1&to=2`).expect(200);
    expect(res.body).toMatchObject({ from: 1, to: 2 });
    expect(res.body.diff.stats.modified).toBe(1);
    expect((await app.http.get(`/api/articles/${bill.articles[0]!.id}/diff?from=1&to=9`)).status).toBe(404);
  });
});

describe('open data', () => {
  test('the amendments CSV parses and its counts match the API; no individual votes', async () => {
    const res = await app.http.get(`/api/bills/${bill.id}/opendata/amendments.csv`).expect(200);
    expect(res.type).toBe('text/csv');
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    const rows = parse(res.text, { columns: true, bom: true }) as Record<string, string>[];
    const api = (await app.http.get(`/api/bills/${bill.id}/amendments?limit=100&status=adopted`)).body.amendments;
    expect(rows).toHaveLength(3);
    const r1 = rows.find((r) => r.id === ids.a1)!;
    expect(r1).toMatchObject({ number: '1', article: '1er', kind: 'modify', status: 'adopted', authors: 'Alice', author_kinds: 'citizen', votes_for: '1', votes_mitigated: '1', votes_against: '0', votes_total: '2' });
    expect(api[0].tally).toMatchObject({ for: Number(r1.votes_for), mitigated: Number(r1.votes_mitigated), total: Number(r1.votes_total) });
    expect(rows.find((r) => r.id === ids.a3)!.inadmissible_ground).toBe('abusive');
    expect(res.text).not.toContain(bob.id);
    expect(res.text.startsWith('\ufeff')).toBe(true);
    const json = (await app.http.get(`/api/bills/${bill.id}/opendata/amendments.json`).expect(200)).body;
    expect(json.rows).toHaveLength(rows.length);
  });

  test('decisions with tallies per college, arguments and article versions', async () => {
    const decisions = parse((await app.http.get(`/api/bills/${bill.id}/opendata/decisions.csv`).expect(200)).text, { columns: true, bom: true }) as Record<string, string>[];
    expect(decisions.map((d) => [d.amendment_id, d.outcome, d.rule])).toEqual([[ids.a1, 'adopted', 'explicit'], [ids.a2, 'rejected', 'explicit']]);
    expect(Object.keys(decisions[0]!)).toEqual(expect.arrayContaining(['elected_for', 'citizen_for', 'total_for']));
    const args = parse((await app.http.get(`/api/bills/${bill.id}/opendata/arguments.csv`).expect(200)).text, { columns: true, bom: true }) as Record<string, string>[];
    expect(args).toEqual([expect.objectContaining({ side: 'for', author: 'Bob', body: 'Plus rapide.' })]);
    const versions = parse((await app.http.get(`/api/bills/${bill.id}/opendata/article-versions.csv`).expect(200)).text, { columns: true, bom: true }) as Record<string, string>[];
    expect(versions.filter((v) => v.article === '1er').map((v) => v.version)).toEqual(['1', '2']);
    expect((await app.http.get(`/api/bills/${bill.id}/opendata/votes.csv`)).status).toBe(400);
  });

  test('the whole bill as a ZIP', async () => {
    const res = await app.http.get(`/api/bills/${bill.id}/opendata.zip`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(res.type).toBe('application/zip');
    const zip = await JSZip.loadAsync(res.body as Buffer);
    expect(Object.keys(zip.files).sort()).toEqual(expect.arrayContaining(['LISEZMOI.txt', 'bill.json', 'amendments.csv', 'decisions.json', 'history.json', 'reconciled.json']));
    const events = JSON.parse(await zip.file('history.json')!.async('string')) as unknown[];
    expect(events.length).toBe((await history('?limit=200')).events.length);
  });

  test('Atom feeds of a bill and of an article', async () => {
    const res = await app.http.get(`/api/bills/${bill.id}/feed.atom`).expect(200);
    expect(res.type).toBe('application/atom+xml');
    expect(res.text).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(res.text.match(/<entry>/g)!.length).toBe((await history('?limit=200')).events.length);
    expect(res.text).toContain(`/amendements/${ids.a1}`);
    const art = await app.http.get(`/api/articles/${bill.articles[1]!.id}/feed.atom`).expect(200);
    expect(art.text).toContain(`/amendements/${ids.a2}`);
    expect(art.text).not.toContain(`/amendements/${ids.a1}`);
  });
});

describe('the public read API', () => {
  test('CORS for GET, ETag revalidation, public caching for visitors and none for signed-in people', async () => {
    const res = await app.http.get(`/api/bills/${bill.id}`).set('Origin', 'https://journal.example').expect(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['cache-control']).toBe('public, no-cache');
    const etag = res.headers.etag as string;
    expect(etag).toBeTruthy();
    await app.http.get(`/api/bills/${bill.id}`).set('If-None-Match', etag).expect(304);
    const mine = await app.http.get(`/api/bills/${bill.id}`).set(auth(alice)).expect(200);
    expect(mine.headers['cache-control']).toBe('private, no-store');
    const preflight = await app.http.options(`/api/bills/${bill.id}`).set('Origin', 'https://journal.example').set('Access-Control-Request-Method', 'GET');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toMatch(/GET/);
    // writes are not opened to other sites
    const write = await app.http.post(`/api/bills/${bill.id}/status`).set('Origin', 'https://journal.example').send({ status: 'adopted' });
    expect(write.headers['access-control-allow-origin']).toBeUndefined();
  });

  test('the open data is declared in the OpenAPI document', async () => {
    const doc = (await app.http.get('/api/openapi.json').expect(200)).body;
    for (const p of ['/api/bills/{billId}/history', '/api/bills/{billId}/opendata/{file}', '/api/bills/{billId}/opendata.zip', '/api/bills/{billId}/feed.atom', '/api/articles/{articleId}/diff']) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
  });
});

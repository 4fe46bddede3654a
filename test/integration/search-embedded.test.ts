import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServerProcess, type RunningServer } from '../helpers/process';

/**
 * Search on the embedded database (PGlite, with its unaccent, pg_trgm and btree_gin extensions): the same
 * migration and the same queries as on PostgreSQL (search.test.ts). PGlite cannot load inside
 * Jest's sandbox, so the server runs in its own process, as `npm start` runs it.
 */
jest.setTimeout(180_000);

let server: RunningServer;
let dir: string;
let adminToken: string;
let citizenToken: string;
let articleId: string;
let billId: string;

async function call(method: string, url: string, token?: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${server.url}${url}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}

async function find(query: Record<string, string>): Promise<{ results: { type: string; id: string; excerpt: string }[]; total: number; page: number }> {
  const res = await call('GET', `/api/search?${new URLSearchParams(query).toString()}`);
  if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}\n${server.output().slice(-3000)}`);
  return res.body as never;
}

async function login(email: string, password: string): Promise<string> {
  const res = await call('POST', '/api/auth/login', undefined, { email, password });
  expect(res.status).toBe(200);
  return res.body.token as string;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palimpseste-search-'));
  server = await startServerProcess({ DATA_DIR: dir });
  const out = server.output();
  const admin = out.match(/admin\s+(\S+@\S+)\s+(\S+)/)!;
  const citizen = out.match(/citoyenne\s+(\S+@\S+)\s+(\S+)/)!;
  adminToken = await login(admin[1]!, admin[2]!);
  citizenToken = await login(citizen[1]!, citizen[2]!);
  const bills = (await call('GET', '/api/bills')).body.bills as { id: string }[];
  billId = bills[0]!.id;
  const bill = (await call('GET', `/api/bills/${billId}`)).body.bill as { articles: { id: string }[] };
  articleId = bill.articles[0]!.id;
});

afterAll(async () => {
  await server?.stop('SIGTERM');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('embedded: stemming, folded accents, drafts and hidden items never found, filters and pages', async () => {
  const create = (rationale: string, submit: boolean) => call('POST', `/api/articles/${articleId}/amendments`, citizenToken, { kind: 'delete', rationale, submit });

  const tabled = await create('Une écolière propose cet amendement.', true);
  expect(tabled.status).toBe(201);
  const tabledId = (tabled.body.amendment as { id: string }).id;
  const plural = await find({ q: 'amendements', type: 'amendment' });
  expect(plural.results.map((r) => r.id)).toEqual([tabledId]);
  expect((await find({ q: 'ECOLIERES' })).results.map((r) => r.id)).toEqual([tabledId]);
  expect(plural.results[0]!.excerpt).toContain('<mark>amendement</mark>');

  // a draft amendment, a draft bill: never
  expect((await create('Un brouillon zygomatique.', false)).status).toBe(201);
  expect((await find({ q: 'zygomatique' })).total).toBe(0);
  expect((await call('POST', '/api/bills', adminToken, { title: 'Projet cachalot', text: 'Article 1er\nLe cachalot est protégé.\n' })).status).toBe(201);
  expect((await find({ q: 'cachalot' })).total).toBe(0);

  // a hidden argument: never
  const arg = await call('POST', `/api/articles/${articleId}/arguments`, citizenToken, { side: 'against', body: 'Un ornithorynque dans l’amphithéâtre.' });
  expect(arg.status).toBe(201);
  const argId = (arg.body.argument as { id: string }).id;
  expect((await find({ q: 'ornithorynque' })).results.map((r) => r.id)).toEqual([argId]);
  expect((await call('POST', `/api/moderation/argument/${argId}/hide`, adminToken, { reason: 'Hors sujet' })).status).toBe(200);
  expect((await find({ q: 'ornithorynque' })).total).toBe(0);

  // filters and pages
  for (let i = 0; i < 21; i++) {
    expect((await call('POST', `/api/amendments/${tabledId}/arguments`, citizenToken, { side: 'for', body: `Argument ${i} sur la pagination.` })).status).toBe(201);
  }
  expect(await find({ q: 'pagination', page: '2' })).toMatchObject({ total: 21, page: 2, results: [expect.objectContaining({ type: 'argument' })] });
  expect((await find({ q: 'pagination', type: 'amendment' })).total).toBe(0);
  expect((await find({ q: 'pagination', article: articleId })).total).toBe(21);
  // the bill filter: another public bill's article speaks of pagination too
  const other = await call('POST', '/api/bills', adminToken, { title: 'Projet sur la pagination', text: 'Article 1er\nLa pagination est libre.\n' });
  expect(other.status).toBe(201);
  const otherId = (other.body.bill as { id: string }).id;
  expect((await call('POST', `/api/bills/${otherId}/status`, adminToken, { status: 'consultation' })).status).toBe(200);
  expect((await find({ q: 'pagination' })).total).toBe(23);
  expect((await find({ q: 'pagination', bill: billId })).total).toBe(21);
  expect((await find({ q: 'pagination', bill: otherId })).results.map((r) => r.type).sort()).toEqual(['article', 'bill']);
  // a phrase, checked on the stored vectors; with the article filter (btree_gin, loaded by PGlite too)
  expect((await find({ q: '"écolière propose"', article: articleId })).results.map((r) => r.id)).toEqual([tabledId]);
  expect((await find({ q: '"propose écolière"' })).total).toBe(0);
  expect((await find({ q: 'écolière', status: 'submitted' })).total).toBe(1);
  expect((await find({ q: 'écolière', status: 'withdrawn' })).total).toBe(0);

  // co-signing and the closest amendments work on the embedded database too
  const yanisLine = server.output().match(/citoyen\s+(\S+@\S+)\s+(\S+)/)!;
  const yanis = await login(yanisLine[1]!, yanisLine[2]!);
  const draft = await call('POST', `/api/articles/${articleId}/amendments`, yanis, { kind: 'delete', rationale: 'Supprimer.' });
  expect((await call('GET', `/api/amendments/${(draft.body.amendment as { id: string }).id}/closest`, yanis)).body.closest).toEqual([expect.objectContaining({ id: tabledId, similarity: 1 })]);
  expect((await call('POST', `/api/amendments/${tabledId}/cosignatures`, yanis)).status).toBe(201);
});

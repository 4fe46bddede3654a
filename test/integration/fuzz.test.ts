import fc from 'fast-check';
import pino from 'pino';
import { createApp } from '../../server/app';
import { DocRegistry, pgDocStore } from '../../server/collab/registry';
import { openSession } from '../../server/commands/open-session';
import { auth, createAdmin, createBill, createCitizen, startTestApp, testConfig, type TestApp, type TestUser } from '../helpers/app';
import {
  changedTables, fingerprint, fingerprintQuery, fuzzed, hostile, pageRoutes, urlPart, valid,
  type FuzzContext, type JsonSchema,
} from '../helpers/fuzz';

/**
 * Issue 11 › « No input gets a 500 »: every operation of the OpenAPI document, and every page
 * route of the app, gets random and hostile values in its path, query and body, as an anonymous
 * visitor, a citizen and an admin. For every answer: never a 500; a 4xx leaves every table as it
 * was; at the end /healthz still answers. `FUZZ_RUNS=<n>` runs n requests per operation (local
 * soak); the default keeps the whole file under a minute in CI.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
jest.setTimeout(Math.max(120_000, RUNS * 20_000));

type Who = 'anon' | 'citizen' | 'admin';
interface Sent { who: Who; method: string; url: string; body?: unknown; form?: Record<string, string> }

let app: TestApp;
const users: Record<Exclude<Who, 'anon'>, TestUser> = {} as never;
const ids: string[] = [];
const pools: Record<string, string[]> = {};
/** `id` in `/api/amendments/{id}` is an amendment's, in `/arguments/:id` an argument's… */
const idsFor = (name: string, path = '') => {
  const kind = name === 'id' ? /\/(amendments|amendements|arguments|annotations)\//.exec(path)?.[1] : name;
  return pools[kind ?? ''] ?? ids;
};
let fpQuery = '';
let baseline: Record<string, string> = {};
const failures: string[] = [];
let sent = 0;
const statuses: Record<string, number> = {};

beforeAll(async () => {
  // no background work: the opinion-group scheduler writes its tables whenever votes change, which
  // the « a 4xx changes nothing » check would blame on whichever request ran at that moment
  app = await startTestApp({ opinions: false });
  users.admin = await createAdmin(app);
  users.citizen = await createCitizen(app, 'Citoyenne Fuzz');
  const clerk = await createCitizen(app, 'Autre Citoyen');
  const as = (u: TestUser) => auth(u);
  const bill = await createBill(app, users.admin, { status: 'consultation' });
  const other = await createBill(app, users.admin, { status: 'consultation' });
  const article = bill.articles[0]!;
  const amend = async (b: { articles: { id: string; alineas: string[] }[] }, submit: boolean) => (await app.http
    .post(`/api/articles/${b.articles[0]!.id}/amendments`).set(as(users.citizen))
    .send({ kind: 'modify', alineas: [...b.articles[0]!.alineas.slice(0, -1), 'Elles les publient en ligne sans délai.'], rationale: 'Plus vite.', submit })
    .expect(201)).body.amendment.id as string;
  const submitted = await amend(bill, true);
  const draft = await amend(bill, false);
  const inCommission = await amend(other, true);
  await app.http.post(`/api/bills/${other.id}/status`).set(as(users.admin)).send({ status: 'commission' }).expect(200);
  await app.http.put(`/api/bills/${other.id}/commission/members/${users.citizen.id}`).set(as(users.admin)).send({ college: 'citizen' }).expect(200);
  const argument = (await app.http.post(`/api/amendments/${submitted}/arguments`).set(as(clerk)).send({ side: 'for', body: 'Un bon argument.' }).expect(201)).body.argument.id as string;
  const annotation = (await app.http.post(`/api/articles/${article.id}/annotations`).set(as(clerk))
    .send({ version: 1, alinea: 1, start: 0, end: 3, quote: article.alineas[0]!.slice(0, 3), body: 'Pourquoi ?' }).expect(201)).body.annotation.id as string;
  Object.assign(pools, {
    billId: [bill.id, other.id], articleId: [article.id, other.articles[0]!.id], amendments: [submitted, draft, inCommission], amendements: [submitted, draft, inCommission], arguments: [argument], annotations: [annotation],
    userId: [users.admin.id, users.citizen.id, clerk.id], clerkId: [users.admin.id], subjectId: [submitted, argument, annotation],
  });
  ids.push(bill.id, other.id, article.id, other.articles[0]!.id, submitted, draft, inCommission, argument, annotation, users.admin.id, users.citizen.id, clerk.id);
  fpQuery = await fingerprintQuery(app.testDb.db);
  baseline = await fingerprint(app.testDb.db, fpQuery);
});

afterAll(async () => {
  await app?.close();
});

async function send(r: Sent): Promise<void> {
  const headers: Record<string, string> = r.who === 'anon' ? {} : auth(users[r.who]);
  let payload: string | undefined;
  if (r.form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    payload = new URLSearchParams(r.form).toString();
  } else if (r.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(r.body);
  }
  const res: Response = await fetch(`${app.url}${r.url}`, { method: r.method.toUpperCase(), headers, body: payload, redirect: 'manual' });
  const text = await res.text();
  sent += 1;
  statuses[res.status] = (statuses[res.status] ?? 0) + 1;
  if (process.env.FUZZ_DEBUG) console.log(res.status, r.who, r.method, r.url.slice(0, 150), (payload ?? '').slice(0, 150), text.slice(0, 200));
  const answer = /<title>([^<]*)/.exec(text)?.[1] ?? text.slice(0, 200);
  const after = await fingerprint(app.testDb.db, fpQuery);
  const shown = `${r.who} ${r.method.toUpperCase()} ${r.url} ${payload === undefined ? '' : payload.slice(0, 300)} → ${res.status} ${answer}`;
  if (res.status >= 500) throw new Error(`500: ${shown}`);
  const changed = changedTables(baseline, after);
  baseline = after;
  if (res.status >= 400 && changed.length > 0) throw new Error(`${res.status} changed ${changed.join(', ')}: ${shown}`);
  // A logout ends the fuzzing identity's session: give it a new one, out of the fingerprint.
  if (r.who !== 'anon' && res.status < 300 && /\/(auth\/logout|deconnexion)$/.test(r.url)) {
    users[r.who] = { ...users[r.who], token: await openSession(app.testDb.db, users[r.who].id) };
    baseline = await fingerprint(app.testDb.db, fpQuery);
  }
}

/** Runs one operation's property; a failure is recorded (shrunk) and the other operations go on. */
async function fuzzOperation(name: string, arb: fc.Arbitrary<Sent>): Promise<void> {
  try {
    await fc.assert(fc.asyncProperty(arb, send), { numRuns: RUNS, endOnFailure: true });
  } catch (err) {
    const cause = (err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message;
    failures.push(`${name}: ${cause.slice(0, 700)}`);
  }
}

const who = fc.constantFrom<Who>('anon', 'citizen', 'admin');

interface Operation {
  parameters?: { name: string; in: 'path' | 'query'; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

function fillPath(template: string, values: Record<string, string>): string {
  return template.replace(/[{:](\w+)\}?/g, (_m, name: string) => values[name] ?? 'x');
}

function queryString(entries: [string, string][]): string {
  return entries.length ? `?${entries.map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join('&')}` : '';
}

test('no operation of the OpenAPI document answers 500, and a 4xx changes nothing', async () => {
  const started = Date.now();
  const doc = (await app.http.get('/api/openapi.json').expect(200)).body as { paths: Record<string, Record<string, Operation>> };
  // Phase changes last: once the seeded bill leaves consultation, proposals can no longer go deep.
  const last = (path: string) => (/\/(status|decision|adopt)$/.test(path) ? 1 : 0);
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })))
    .sort((a, b) => last(a.path) - last(b.path));
  for (const { path, method, op } of ops) {
    const ctx: FuzzContext = { ids, idsFor: (name) => idsFor(name, path), small: path.startsWith('/api/legistique/') };
    const params = op.parameters ?? [];
    const pathArb = fc.record(Object.fromEntries(params.filter((p) => p.in === 'path').map((p) => [p.name, urlPart({ ...ctx, small: true }, fuzzed(p.schema, { ...ctx, small: true }, p.name))])));
    const queryArb = fc.subarray(params.filter((p) => p.in === 'query'))
      .chain((qs) => fc.tuple(...qs.map((q) => fc.tuple(fc.constant(q.name), urlPart({ ...ctx, small: true }, fuzzed(q.schema, { ...ctx, small: true }, q.name))))))
      .map((entries) => queryString(entries as [string, string][]));
    const schema = op.requestBody?.content['application/json']?.schema;
    const bodyArb = method === 'get' ? fc.constant(undefined) : schema
      ? fc.oneof({ weight: 8, arbitrary: valid(schema, ctx) }, { weight: 1, arbitrary: hostile(ctx) }, { weight: 1, arbitrary: fc.constant(undefined) })
      : fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: hostile(ctx) });
    await fuzzOperation(`${method.toUpperCase()} ${path}`, fc.record({ who, p: pathArb, q: queryArb, body: bodyArb })
      .map(({ who: w, p, q, body }) => ({ who: w, method, url: fillPath(path, p) + q, body })));
  }
  const apiSent = sent;
  // The pages: routes found by walking the app's own routers, with hostile path params, queries and forms.
  const live = new DocRegistry(pgDocStore(app.testDb.db), pino({ level: 'silent' }));
  const express = createApp(testConfig(), { db: app.testDb.db, logger: pino({ level: 'silent' }), live, mail: app.mail });
  const pages = pageRoutes((express as unknown as { router: { stack: never[] } }).router.stack);
  const ctx: FuzzContext = { ids, idsFor, small: false };
  const urlCtx: FuzzContext = { ...ctx, small: true };
  const field = fc.constantFrom('value', 'body', 'side', 'targetType', 'targetId', 'subjectType', 'subjectId', 'reason', 'suite', 'motif',
    'reponse', 'statut', 'college', 'rule', 'quorum', 'decision', 'alineas', 'rationale', 'kind', 'email', 'password', 'displayName',
    'userId', 'alinea', 'start', 'end', 'quote', 'version', 'note', 'page', 'tri', 'avant', 'de', 'a', 'article', 'vue', 'famille', 'du', 'au');
  const text = fuzzed({ type: 'string' }, ctx).map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? ''));
  for (const { method, path } of pages) {
    const names = [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
    const pathArb = fc.record(Object.fromEntries(names.map((n) => [n, urlPart(urlCtx, fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...idsFor(n, path)) }, hostile(urlCtx)))])));
    const queryArb = fc.array(fc.tuple(field, urlPart(urlCtx, fuzzed({ type: 'string' }, urlCtx))), { maxLength: 3 }).map(queryString);
    const formArb = method === 'get' ? fc.constant(undefined) : fc.dictionary(field, text, { maxKeys: 6 });
    await fuzzOperation(`page ${method.toUpperCase()} ${path}`, fc.record({ who, p: pathArb, q: queryArb, form: formArb })
      .map(({ who: w, p, q, form }) => ({ who: w, method, url: fillPath(path, p) + q, form })));
  }
  console.log(`fuzz: ${ops.length} API operations, ${pages.length} page routes, ${sent} requests (${apiSent} API), ${((Date.now() - started) / 1000).toFixed(1)} s, ${RUNS} runs each; statuses ${JSON.stringify(statuses)}`);
  expect(failures).toEqual([]);
  expect((await app.http.get('/healthz')).status).toBe(200);
});

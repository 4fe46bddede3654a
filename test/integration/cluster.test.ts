import * as Y from 'yjs';
import { clientAlineas, connectClient, eventually, handled, nextClose, typeInto, until, type Client } from '../helpers/collab';
import { call, clusterUser, startCluster, type TestCluster } from '../helpers/cluster';

/**
 * Cluster mode (issue 15): two app processes (real `server/main.ts` processes) on one database and
 * the machine's Redis, behind the round-robin front. Every test reaches each process directly when
 * it matters which one serves what.
 */
jest.setTimeout(120_000);

let c: TestCluster;
let A: string;
let B: string;
const clients: Client[] = [];
const connect = async (url: string, doc: string, token: string) => {
  const client = await connectClient(url, doc, token);
  clients.push(client);
  return client;
};

beforeAll(async () => {
  c = await startCluster(2, { env: { RATE_LIMITS: 'on', RATE_LIMIT_COMPUTE_PER_IP: '4' } });
  [A, B] = c.nodes.map((n) => n.url) as [string, string];
});
afterEach(() => clients.splice(0).forEach((cl) => cl.close()));
afterAll(async () => {
  for (const n of c?.nodes ?? []) if (process.env.CLUSTER_TEST_LOGS) process.stderr.write(`a process exited (${n.child.exitCode}):\n${n.output().slice(-3000)}\n`);
  await c?.close();
});

async function billInConsultation(admin: { token: string }) {
  const bill = (await call(A, 'POST', '/api/bills', admin.token, { title: 'Loi', text: 'PROJET\nArticle 1er\nPremier alinéa.\nSecond alinéa.' })).body.bill;
  expect((await call(B, 'POST', `/api/bills/${bill.id}/status`, admin.token, { status: 'consultation' })).status).toBe(200);
  return bill as { id: string; articles: { id: string }[] };
}

async function draft(admin: { token: string }, author: { token: string }) {
  const bill = await billInConsultation(admin);
  const res = await call(A, 'POST', `/api/articles/${bill.articles[0]!.id}/amendments`, author.token, { kind: 'modify', rationale: 'Clarifier.' });
  expect(res.status).toBe(201);
  return `amendment-${res.body.amendment.id as string}`;
}

test('/healthz of each process says Redis is up', async () => {
  for (const url of [A, B]) expect((await call(url, 'GET', '/healthz')).body).toEqual({ ok: true, redis: 'up' });
});

test('two y-websocket clients on different processes converge and see each other’s presence', async () => {
  const admin = await clusterUser(c, { roles: ['admin'] });
  const alice = await clusterUser(c, { displayName: 'Alice' });
  const doc = await draft(admin, alice);
  const onA = await connect(A, doc, alice.token);
  const onB = await connect(B, doc, alice.token);
  expect(clientAlineas(onB.doc)).toEqual(['Premier alinéa.', 'Second alinéa.']);

  typeInto(onA.doc, 0, 0, 'Depuis A : ');
  typeInto(onB.doc, 1, 0, 'Depuis B : ');
  const expected = ['Depuis A : Premier alinéa.', 'Depuis B : Second alinéa.'];
  await until(onA.doc, () => JSON.stringify(clientAlineas(onA.doc)) === JSON.stringify(expected));
  await until(onB.doc, () => JSON.stringify(clientAlineas(onB.doc)) === JSON.stringify(expected));

  // presence crosses too, signed with the account's name by the process of its connection
  onA.provider.awareness.setLocalStateField('user', { name: 'un autre nom', color: '#123456' });
  await eventually(async () => onB.provider.awareness.getStates().get(onA.doc.clientID) as { user?: { name: string; color: string } } | undefined, (s) => s?.user?.color === '#123456');
  expect((onB.provider.awareness.getStates().get(onA.doc.clientID) as { user: { name: string } }).user.name).toBe('Alice');

  // each update is stored once (by the process its client sent it to), and a REST read on either
  // process reads the live text
  for (const url of [A, B]) {
    const read = await call(url, 'GET', `/api/amendments/${doc.slice('amendment-'.length)}`, alice.token);
    expect(read.body.amendment.alineas).toEqual(expected);
  }
});

test('a read-only client on the other process stays read-only', async () => {
  const admin = await clusterUser(c, { roles: ['admin'] });
  const bill = await billInConsultation(admin);
  const citizen = await clusterUser(c);
  const clerk = await clusterUser(c, { roles: ['clerk'], displayName: 'Greffière' });
  const other = await clusterUser(c, { roles: ['clerk'], displayName: 'Autre greffier' });
  const res = await call(A, 'POST', `/api/articles/${bill.articles[0]!.id}/amendments`, citizen.token, { kind: 'modify', alineas: ['Texte citoyen.'], rationale: 'x', submit: true });
  const id = res.body.amendment.id as string;
  expect((await call(B, 'POST', `/api/amendments/${id}/assign`, clerk.token, {})).status).toBe(200);
  const doc = `formalisation-${id}`;

  const writer = await connect(A, doc, clerk.token);
  const watcher = await connect(B, doc, other.token);
  typeInto(watcher.doc, 0, 0, 'INTRUS ');
  // once the watcher's later presence mark reached the writer through A, its edit would have too
  await handled(watcher, writer);
  expect(clientAlineas(writer.doc)).toEqual(['Texte citoyen.']);

  typeInto(writer.doc, 0, 0, 'Greffe : ');
  await until(watcher.doc, () => clientAlineas(watcher.doc)[0]!.includes('Greffe : '));
  const fresh = await connect(A, doc, clerk.token);
  expect(clientAlineas(fresh.doc)).toEqual(['Greffe : Texte citoyen.']);
});

test('logout on A: the socket on B closes and REST on B answers 401 at once', async () => {
  const admin = await clusterUser(c, { roles: ['admin'] });
  const dave = await clusterUser(c, { displayName: 'Dave' });
  const doc = await draft(admin, dave);
  const onB = await connect(B, doc, dave.token);
  // B has the session in its cache
  expect((await call(B, 'GET', '/api/me', dave.token)).status).toBe(200);
  const closed = nextClose(onB);
  expect((await call(A, 'POST', '/api/auth/logout', dave.token)).status).toBe(204);
  expect((await call(B, 'GET', '/api/me', dave.token)).status).toBe(401);
  expect((await closed).code).toBe(4401);
});

test('a suspension decided on A: the socket on B closes (4403) and B refuses the next write at once', async () => {
  const admin = await clusterUser(c, { roles: ['admin'] });
  const moderator = await clusterUser(c, { roles: ['moderator'] });
  const erin = await clusterUser(c, { displayName: 'Erin' });
  const doc = await draft(admin, erin);
  const onB = await connect(B, doc, erin.token);
  // B has the session in its cache
  expect((await call(B, 'GET', '/api/me', erin.token)).status).toBe(200);
  const closed = nextClose(onB);
  expect((await call(A, 'POST', `/api/moderation/accounts/${erin.id}/suspend`, moderator.token, { until: null, reason: 'Injures répétées.' })).status).toBe(200);
  const refused = await call(B, 'POST', `/api/amendments/${doc.slice('amendment-'.length)}/submit`, erin.token);
  expect(refused.body.error?.code).toBe('account_suspended');
  expect((await closed).code).toBe(4403);
});

test('the rate limits are shared: the budget spent on A is spent on B', async () => {
  const body = { before: { alineas: ['Le texte.'] }, after: { alineas: ['Le nouveau texte.'] } };
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) statuses.push((await call(i % 2 ? B : A, 'POST', '/api/legistique/dispositif', undefined, body)).status);
  expect(statuses.slice(0, 4).every((s) => s !== 429)).toBe(true);
  expect(statuses.slice(4)).toEqual([429, 429]);
});

test('SIGKILL one process under edits: its clients reconnect to the other, nothing the survivors had is lost', async () => {
  const admin = await clusterUser(c, { roles: ['admin'] });
  const eve = await clusterUser(c, { displayName: 'Ève' });
  const doc = await draft(admin, eve);
  const docId = doc.slice('amendment-'.length);
  // through the front: the first connection on one process, the second on the other
  const first = c.front.next();
  const viaFront1 = await connect(c.frontUrl, doc, eve.token);
  const viaFront2 = await connect(c.frontUrl, doc, eve.token);
  const victimIndex = c.nodes.findIndex((n) => n.url !== first);
  let typed = 0;
  const type = (client: Client, tag: string) => {
    typed += 1;
    typeInto(client.doc, 0, 0, `${tag}${typed} `);
  };
  for (let i = 0; i < 20; i++) {
    type(viaFront1, 'a');
    type(viaFront2, 'b');
    await new Promise((r) => setTimeout(r, 10));
  }
  // the victim's client keeps typing while its process dies, offline, then reconnects (to the other)
  expect(await c.nodes[victimIndex]!.stop('SIGKILL')).toBeNull();
  for (let i = 0; i < 10; i++) {
    type(viaFront1, 'a');
    type(viaFront2, 'b');
    await new Promise((r) => setTimeout(r, 10));
  }
  const same = () => Y.encodeStateVector(viaFront1.doc).join() === Y.encodeStateVector(viaFront2.doc).join() && clientAlineas(viaFront1.doc).join() === clientAlineas(viaFront2.doc).join();
  await until(viaFront1.doc, same, 20_000).catch(() => until(viaFront2.doc, same, 1000));
  const text = clientAlineas(viaFront1.doc)[0]!;
  for (let i = 1; i <= typed; i++) expect(text).toMatch(new RegExp(`[ab]${i} `));

  // durable: what the dead process accepted but never stored is stored by the survivor
  clients.splice(0).forEach((cl) => cl.close());
  const survivor = c.nodes[1 - victimIndex]!.url;
  const stored = await eventually(async () => (await call(survivor, 'GET', `/api/amendments/${docId}`, eve.token)).body.amendment.alineas[0] as string, (t) => t === text, 15_000);
  expect(stored).toBe(text);
  const restarted = await c.restart(victimIndex);
  const fresh = await connect(restarted.url, doc, eve.token);
  expect(clientAlineas(fresh.doc)[0]).toBe(text);
});

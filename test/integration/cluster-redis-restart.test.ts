import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { clientAlineas, connectClient, eventually, typeInto, until, type Client } from '../helpers/collab';
import { call, clusterUser, startCluster, type TestCluster } from '../helpers/cluster';

/**
 * Redis goes away and comes back (issue 15). The machine's Redis is shared with every other test
 * file, so this one stops and restarts a Redis of its own (`redis-server` on a free port, nothing
 * kept on disk), which the two app processes use.
 */
jest.setTimeout(120_000);

let redis: ChildProcess | null = null;
let port = 0;
let c: TestCluster;
const clients: Client[] = [];

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const p = (srv.address() as net.AddressInfo).port;
  await new Promise((resolve) => srv.close(resolve));
  return p;
}

async function startRedis(): Promise<void> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  redis = child;
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ready to accept connections')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`redis-server exited (${code}): ${out}`)));
  });
}

async function stopRedis(): Promise<void> {
  const child = redis;
  redis = null;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

beforeAll(async () => {
  port = await freePort();
  await startRedis();
  c = await startCluster(2, { redisUrl: `redis://127.0.0.1:${port}` });
});
afterEach(() => clients.splice(0).forEach((cl) => cl.close()));
afterAll(async () => {
  await c?.close();
  await stopRedis();
});

const health = (url: string) => call(url, 'GET', '/healthz').then((r) => r.body as { ok: boolean; redis: string });

test('Redis away: each process serves its own clients and says so; back: the documents converge again', async () => {
  const [A, B] = c.nodes.map((n) => n.url) as [string, string];
  const admin = await clusterUser(c, { roles: ['admin'] });
  const alice = await clusterUser(c, { displayName: 'Alice' });
  const bill = (await call(A, 'POST', '/api/bills', admin.token, { title: 'Loi', text: 'PROJET\nArticle 1er\nPremier alinéa.\nSecond alinéa.' })).body.bill;
  await call(A, 'POST', `/api/bills/${bill.id}/status`, admin.token, { status: 'consultation' });
  const draft = (await call(A, 'POST', `/api/articles/${bill.articles[0].id}/amendments`, alice.token, { kind: 'modify', rationale: 'x' })).body.amendment;
  const doc = `amendment-${draft.id}`;
  const onA = await connectClient(A, doc, alice.token);
  const onB = await connectClient(B, doc, alice.token);
  clients.push(onA, onB);
  typeInto(onA.doc, 0, 0, 'A1 ');
  await until(onB.doc, () => clientAlineas(onB.doc)[0]!.startsWith('A1 '));

  await stopRedis();
  await eventually(() => health(A), (h) => h.redis === 'down');
  expect(await health(B)).toEqual({ ok: true, redis: 'down' });

  // each side goes on: its clients are served and their edits stored, the other side does not see them yet
  typeInto(onA.doc, 0, 0, 'A2 ');
  typeInto(onB.doc, 1, 0, 'B2 ');
  const second = await connectClient(B, doc, alice.token);
  clients.push(second);
  await until(second.doc, () => clientAlineas(second.doc)[1]!.startsWith('B2 '));
  expect(clientAlineas(onA.doc)[1]).toBe('Second alinéa.');

  await startRedis();
  await eventually(() => Promise.all([health(A), health(B)]), (hs) => hs.every((h) => h.redis === 'up'), 15_000);
  const expected = ['A2 A1 Premier alinéa.', 'B2 Second alinéa.'];
  for (const cl of [onA, onB, second]) await until(cl.doc, () => clientAlineas(cl.doc).join('|') === expected.join('|'), 15_000);

  // and it crosses again as before
  typeInto(onB.doc, 1, 0, 'B3 ');
  await until(onA.doc, () => clientAlineas(onA.doc)[1]!.startsWith('B3 '));
});

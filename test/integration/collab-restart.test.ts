import { clientAlineas, connectClient, eventually, typeInto } from '../helpers/collab';
import { createTestDb, type TestDb } from '../helpers/db';
import { startServerProcess, type RunningServer } from '../helpers/process';

jest.setTimeout(90_000);

let t: TestDb;
let server: RunningServer | undefined;
afterAll(async () => {
  await server?.stop('SIGKILL');
  await t?.drop();
});

async function call(url: string, method: string, body?: unknown, token?: string) {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
}

test('an edit acknowledged a moment before the server is SIGKILLed is there after restart, without duplicated content', async () => {
  t = await createTestDb({ migrate: false });
  const env = { DATABASE_URL: t.url, ADMIN_EMAIL: 'admin@exemple.fr', ADMIN_PASSWORD: 'un long mot de passe' };
  server = await startServerProcess(env);
  const admin = (await call(`${server.url}/api/auth/login`, 'POST', { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD })).body.token;
  const bill = (await call(`${server.url}/api/bills`, 'POST', { title: 'Loi', text: 'PROJET\nArticle 1er\nPremier alinéa.\nSecond alinéa.' }, admin)).body.bill;
  await call(`${server.url}/api/bills/${bill.id}/status`, 'POST', { status: 'consultation' }, admin);
  const alice = (await call(`${server.url}/api/auth/register`, 'POST', { email: 'alice@exemple.fr', password: 'mot de passe long', displayName: 'Alice' })).body.token;
  const draft = (await call(`${server.url}/api/articles/${bill.articles[0].id}/amendments`, 'POST', { kind: 'modify', rationale: 'x' }, alice)).body.amendment;
  const client = await connectClient(server.url, `amendment-${draft.id}`, alice);
  typeInto(client.doc, 0, 0, 'Avant la panne : ');
  // Acknowledged = stored: wait until the update row is in PostgreSQL (seed row + this edit).
  await eventually(async () => (await t.db.query('SELECT 1 FROM collab_updates WHERE doc_name = $1', [`amendment-${draft.id}`])).rowCount, (n) => n >= 2);
  client.close();
  expect(await server.stop('SIGKILL')).toBeNull();

  server = await startServerProcess(env);
  const after = (await call(`${server.url}/api/amendments/${draft.id}`, 'GET', undefined, alice)).body.amendment;
  expect(after.alineas).toEqual(['Avant la panne : Premier alinéa.', 'Second alinéa.']);
  const again = await connectClient(server.url, `amendment-${draft.id}`, alice);
  expect(clientAlineas(again.doc)).toEqual(['Avant la panne : Premier alinéa.', 'Second alinéa.']);
  again.close();
});

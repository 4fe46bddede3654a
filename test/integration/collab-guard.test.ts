import WebSocket from 'ws';
import * as Y from 'yjs';
import { addComment, setResolved } from '../../shared/draft-comments';
import { appendUpdate, loadUpdates } from '../../server/sql/collab-updates';
import { TEXT_LIMITS } from '../../shared/limits';
import { auth, createBill, createCitizen, createUser, useTestApp, type TestUser } from '../helpers/app';
import { clientAlineas, eventually, handled, nextClose, rawSocket as joinRaw, typeInto, until, useClients, type Client, formalisationWorkspace, awarenessFrame } from '../helpers/collab';

/** Issue 11 › 4: live documents stay valid; comments and presence are signed by the connection's account. */

const suite = useTestApp();
const sockets: WebSocket[] = [];
afterEach(() => {
  sockets.splice(0).forEach((s) => s.terminate());
});

const connect = useClients(() => suite.app.url);
// closing twice is harmless (destroying a provider and a Y.Doc are idempotent)
const drop = (c: Client) => c.close();

async function draft() {
  const bill = await createBill(suite.app, suite.admin, { status: 'consultation' });
  const [alice, bob] = [await createCitizen(suite.app, 'Alice'), await createCitizen(suite.app, 'Bob')];
  const res = await suite.app.http.post(`/api/articles/${bill.articles[0]!.id}/amendments`).set(auth(alice)).send({ kind: 'modify', rationale: 'Clarifier.' }).expect(201);
  const id: string = res.body.amendment.id;
  await suite.app.http.post(`/api/amendments/${id}/coauthors`).set(auth(alice)).send({ userId: bob.id }).expect(200);
  return { bill, alice, bob, id, docName: `amendment-${id}`, base: bill.articles[0]!.alineas };
}

const workspace = () => formalisationWorkspace(suite.app, suite.admin);

const onlyAlineas = (doc: Y.Doc) => doc.getXmlFragment('prosemirror').toArray().every((n) => n instanceof Y.XmlElement && n.nodeName === 'alinea');
const unloaded = (docName: string) => eventually(async () => suite.app.registry.loadedCount, () => !(suite.app.registry as unknown as { docs: Map<string, unknown> }).docs.has(docName));

test('an update putting a Y.XmlText straight in the fragment is refused (4400): nothing stored or relayed, every read still answers', async () => {
  const { alice, bob, id, docName, base } = await draft();
  const [a, b] = [await connect(docName, alice), await connect(docName, bob)];
  const closed = nextClose(a);
  a.doc.getXmlFragment('prosemirror').insert(0, [new Y.XmlText('intrus')]);
  expect((await closed).code).toBe(4400);
  drop(a);
  typeInto(b.doc, 0, 0, 'Bob : ');
  const rest = await eventually(async () => (await suite.app.http.get(`/api/amendments/${id}`).set(auth(bob))).body.amendment?.alineas as string[], (t) => t?.[0]?.startsWith('Bob : ') ?? false);
  expect(rest).toEqual([`Bob : ${base[0]}`, ...base.slice(1)]);
  expect(onlyAlineas(b.doc)).toBe(true);
  drop(b);
  await unloaded(docName);
  const stored = new Y.Doc();
  for (const row of await loadUpdates(suite.app.testDb.db, docName)) Y.applyUpdate(stored, row.update);
  expect(onlyAlineas(stored)).toBe(true);
  expect((await suite.app.http.get(`/api/amendments/${id}`).set(auth(alice))).status).toBe(200);
  expect((await suite.app.http.get(`/amendements/${id}`).set(auth(alice))).status).toBe(200);
  const submitted = await suite.app.http.post(`/api/amendments/${id}/submit`).set(auth(alice));
  expect(submitted.status).toBe(200);
  expect(submitted.body.amendment.alineas).toEqual(rest);
});

test('the same attack on a formalisation workspace: refused; formalisation and formalise still answer', async () => {
  const { clerk, id, docName } = await workspace();
  const c = await connect(docName, clerk);
  const closed = nextClose(c);
  const alinea = new Y.XmlElement('alinea');
  c.doc.getXmlFragment('prosemirror').insert(1, [new Y.XmlText('intrus'), alinea]);
  expect((await closed).code).toBe(4400);
  drop(c);
  expect((await suite.app.http.get(`/api/amendments/${id}/formalisation`).set(auth(clerk))).body.alineas).toEqual(['Texte citoyen.']);
  const done = await suite.app.http.post(`/api/amendments/${id}/formalise`).set(auth(clerk)).send({ note: '' });
  expect(done.status).toBe(200);
  expect(done.body.amendment.alineas).toEqual(['Texte citoyen.']);
});

test('a document corrupted in the database still reads, and is repaired when loaded', async () => {
  const { alice, id, docName, base } = await draft();
  await suite.app.http.get(`/api/amendments/${id}`).set(auth(alice)).expect(200); // seeded
  await unloaded(docName);
  const doc = new Y.Doc();
  for (const row of await loadUpdates(suite.app.testDb.db, docName)) Y.applyUpdate(doc, row.update);
  const before = Y.encodeStateVector(doc);
  doc.transact(() => {
    doc.getXmlFragment('prosemirror').insert(0, [new Y.XmlText('intrus')]);
    (doc.getXmlFragment('prosemirror').get(2) as Y.XmlElement).insert(0, [new Y.XmlElement('alinea')]);
  });
  await appendUpdate(suite.app.testDb.db, docName, Y.encodeStateAsUpdate(doc, before));
  const res = await suite.app.http.get(`/api/amendments/${id}`).set(auth(alice));
  expect(res.status).toBe(200);
  expect(res.body.amendment.alineas).toEqual(base);
  expect((await suite.app.http.get(`/amendements/${id}`).set(auth(alice))).status).toBe(200);
  const a = await connect(docName, alice);
  expect(onlyAlineas(a.doc)).toBe(true);
  expect(clientAlineas(a.doc)).toEqual(base);
  typeInto(a.doc, 0, 0, 'Désormais, ');
  await eventually(async () => (await suite.app.http.get(`/api/amendments/${id}`).set(auth(alice))).body.amendment.alineas[0] as string, (t) => t.startsWith('Désormais, '));
  expect((await suite.app.http.post(`/api/amendments/${id}/submit`).set(auth(alice))).status).toBe(200);
});

test('a comment signed with another co-author’s name is refused (4400); one’s own is kept; others may only resolve it', async () => {
  const { alice, bob, id, docName } = await draft();
  const [a, b] = [await connect(docName, alice), await connect(docName, bob)];
  const closed = nextClose(b);
  addComment(b.doc, { id: 'faux', authorId: alice.id, authorName: 'Alice', body: 'Signé Alice', alinea: 0, start: 0, end: 3 });
  expect((await closed).code).toBe(4400);
  drop(b);
  addComment(a.doc, { id: 'vrai', authorId: alice.id, authorName: 'Alice', body: 'Vraiment Alice', alinea: 0, start: 0, end: 3 });
  const listed = await eventually(async () => (await suite.app.http.get(`/api/amendments/${id}/comments`).set(auth(alice))).body.comments as { id: string; authorName: string }[], (l) => l.length > 0);
  expect(listed.map((c) => [c.id, c.authorName])).toEqual([['vrai', 'Alice']]);
  // Bob resolves Alice's comment (allowed), then rewrites its body (refused)
  const b2 = await connect(docName, bob);
  await until(b2.doc, () => b2.doc.getArray('comments').length === 1);
  setResolved(b2.doc, 'vrai', true);
  await handled(b2, a);
  const rewritten = nextClose(b2);
  (b2.doc.getArray('comments').get(0) as Y.Map<unknown>).set('body', 'Réécrit par Bob');
  expect((await rewritten).code).toBe(4400);
  drop(b2);
  const after = (await suite.app.http.get(`/api/amendments/${id}/comments`).set(auth(alice))).body.comments as { body: string; resolved: boolean }[];
  expect(after).toEqual([expect.objectContaining({ body: 'Vraiment Alice', resolved: true })]);
});

async function rawSocket(docName: string, user: TestUser): Promise<WebSocket> {
  const ws = await joinRaw(suite.app.url, docName, user);
  sockets.push(ws);
  return ws;
}

const stateOf = (observer: Client, clientId: number) => observer.provider.awareness.getStates().get(clientId) as { user?: { name?: string }; n?: number } | undefined;
const seen = (observer: Client, check: () => boolean) => new Promise<void>((resolve, reject) => {
  if (check()) return resolve();
  const timer = setTimeout(() => reject(new Error('not seen')), 5000);
  observer.provider.awareness.on('change', () => {
    if (!check()) return;
    clearTimeout(timer);
    resolve();
  });
});

test('a watcher cannot overwrite a writer’s presence; the names shown are the accounts’', async () => {
  const { alice, clerk, docName } = await workspace();
  const watcher = await createUser(suite.app, { roles: ['clerk'], displayName: 'Greffier observateur' });
  const [c, a] = [await connect(docName, clerk), await connect(docName, alice)];
  c.provider.awareness.setLocalStateField('user', { name: 'Greffière', color: '#000' });
  await seen(a, () => stateOf(a, c.doc.clientID)?.user?.name === 'Greffière');
  const ws = await rawSocket(docName, watcher);
  const clock = (c.provider.awareness.meta.get(c.doc.clientID)?.clock ?? 0) + 100;
  ws.send(awarenessFrame([[c.doc.clientID, clock, { user: { name: 'Pirate' } }]]));
  ws.send(awarenessFrame([[4242, 1, { user: { name: 'Greffière' } }]]));
  await seen(a, () => stateOf(a, 4242) !== undefined);
  expect(stateOf(a, 4242)?.user?.name).toBe('Greffier observateur');
  expect(stateOf(a, c.doc.clientID)?.user?.name).toBe('Greffière');
  // nor remove it
  ws.send(awarenessFrame([[c.doc.clientID, clock + 1, null], [4242, 2, { user: {}, n: 1 }]]));
  await seen(a, () => stateOf(a, 4242)?.n === 1);
  expect(stateOf(a, c.doc.clientID)?.user?.name).toBe('Greffière');
});

test('400 presence messages from one socket (within its budget) are relayed coalesced, and the last state arrives', async () => {
  const { alice, bob, docName } = await draft();
  const a = await connect(docName, alice);
  let relays = 0;
  a.provider.awareness.on('update', ({ added, updated }: { added: number[]; updated: number[] }, origin: unknown) => {
    if (origin !== 'local' && [...added, ...updated].includes(777)) relays += 1;
  });
  const ws = await rawSocket(docName, bob);
  const started = Date.now();
  for (let i = 0; i < 400; i++) ws.send(awarenessFrame([[777, i + 1, { cursor: null, n: i }]]));
  await seen(a, () => stateOf(a, 777)?.n === 399);
  const elapsed = Date.now() - started;
  expect(relays).toBeLessThanOrEqual(2 + Math.ceil(elapsed / 100));
  expect(relays).toBeLessThan(100);
  expect(stateOf(a, 777)?.user?.name).toBe('Bob');
});

test('a NUL typed over the socket is refused (4400): nothing stored, the draft still submits (was a 500)', async () => {
  const { alice, bob, id, docName, base } = await draft();
  const [a, b] = [await connect(docName, alice), await connect(docName, bob)];
  const closed = nextClose(a);
  typeInto(a.doc, 0, 0, 'a\u0000b ');
  expect((await closed).code).toBe(4400);
  await handled(b, b);
  expect((await suite.app.http.get(`/api/amendments/${id}`).set(auth(alice))).body.amendment.alineas).toEqual(base);
  typeInto(b.doc, 0, 0, 'Bob : ');
  await eventually(async () => (await suite.app.http.get(`/api/amendments/${id}`).set(auth(bob))).body.amendment.alineas[0] as string, (t) => t.startsWith('Bob : '));
  expect((await suite.app.http.post(`/api/amendments/${id}/submit`).set(auth(alice))).status).toBe(200);
});

test('an alinéa typed past TEXT_LIMITS.alineaChars over the socket is refused (4400), nothing stored', async () => {
  const { alice, id, docName, base } = await draft();
  const a = await connect(docName, alice);
  const closed = nextClose(a);
  typeInto(a.doc, 0, 0, 'x'.repeat(TEXT_LIMITS.alineaChars));
  expect((await closed).code).toBe(4400);
  drop(a);
  await unloaded(docName);
  expect((await suite.app.http.get(`/api/amendments/${id}`).set(auth(alice))).body.amendment.alineas).toEqual(base);
});

test('a draft stored past the limits (before the guard) is not submitted: 400 naming the alinéa, nothing committed', async () => {
  const { alice, id, docName } = await draft();
  await suite.app.http.get(`/api/amendments/${id}`).set(auth(alice)).expect(200); // seeded
  await unloaded(docName);
  const doc = new Y.Doc();
  for (const row of await loadUpdates(suite.app.testDb.db, docName)) Y.applyUpdate(doc, row.update);
  const before = Y.encodeStateVector(doc);
  ((doc.getXmlFragment('prosemirror').get(1) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'y'.repeat(TEXT_LIMITS.alineaChars));
  await appendUpdate(suite.app.testDb.db, docName, Y.encodeStateAsUpdate(doc, before));
  const res = await suite.app.http.post(`/api/amendments/${id}/submit`).set(auth(alice));
  expect(res.status).toBe(400);
  expect(res.body.error).toMatchObject({ code: 'validation_failed', details: [expect.objectContaining({ path: 'alineas', index: 1, reason: 'alinea_too_long' })] });
  expect(res.body.error.message).toMatch(/^L’alinéa 2 /);
  const after = (await suite.app.http.get(`/api/amendments/${id}`).set(auth(alice))).body.amendment;
  expect(after).toMatchObject({ status: 'draft', number: null });
});

test('formalising checks who asks before loading the workspace: a citizen gets 403, a malformed id 404 (was a 500)', async () => {
  const { alice, clerk, id, docName } = await workspace();
  await unloaded(docName);
  const res = await suite.app.http.post(`/api/amendments/${id}/formalise`).set(auth(alice)).send({ note: '' });
  expect(res.status).toBe(403);
  expect((suite.app.registry as unknown as { docs: Map<string, unknown> }).docs.has(docName)).toBe(false);
  expect((await suite.app.http.post('/amendements/a%00b/mise-en-forme').set(auth(clerk)).set('Origin', suite.app.url).type('form').send('note=')).status).toBe(404);
});

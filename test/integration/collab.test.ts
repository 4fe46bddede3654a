import WebSocket from 'ws';
import { auth, createAdmin, createBill, createCitizen, createUser, startTestApp, type TestApp, type TestUser } from '../helpers/app';
import { clientAlineas, closeCodeOf, connectClient, eventually, typeInto, until, type Client } from '../helpers/collab';

let app: TestApp;
let admin: TestUser;
const clients: Client[] = [];
beforeAll(async () => {
  app = await startTestApp();
  admin = await createAdmin(app);
});
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});
afterAll(async () => {
  await app.close();
});

async function draftWithCoauthor() {
  const bill = await createBill(app, admin, { status: 'consultation' });
  const [alice, bob] = [await createCitizen(app, 'Alice'), await createCitizen(app, 'Bob')];
  const res = await app.http.post(`/api/articles/${bill.articles[0]!.id}/amendments`).set(auth(alice)).send({ kind: 'modify', rationale: 'Clarifier.' });
  expect(res.status).toBe(201);
  const id: string = res.body.amendment.id;
  await app.http.post(`/api/amendments/${id}/coauthors`).set(auth(alice)).send({ userId: bob.id }).expect(200);
  const live = await app.http.get(`/api/amendments/${id}/live`).set(auth(alice));
  expect(live.body).toEqual({ docName: `amendment-${id}`, mode: 'write' });
  return { bill, alice, bob, id, docName: live.body.docName as string };
}

const connect = async (docName: string, user: TestUser) => {
  const c = await connectClient(app.url, docName, user.token);
  clients.push(c);
  return c;
};
const restText = async (id: string, user: TestUser) => (await app.http.get(`/api/amendments/${id}`).set(auth(user))).body.amendment.alineas as string[];

test('the server seeds the draft once: both co-authors load the article text, without duplication', async () => {
  const { bill, alice, bob, docName } = await draftWithCoauthor();
  const [a, b] = [await connect(docName, alice), await connect(docName, bob)];
  expect(clientAlineas(a.doc)).toEqual(bill.articles[0]!.alineas);
  expect(clientAlineas(b.doc)).toEqual(bill.articles[0]!.alineas);
});

test('two co-authors typing at once converge, and the REST view shows the live text', async () => {
  const { alice, bob, id, docName } = await draftWithCoauthor();
  const [a, b] = [await connect(docName, alice), await connect(docName, bob)];
  typeInto(a.doc, 0, 0, 'Désormais, ');
  typeInto(b.doc, 1, 0, 'En outre, ');
  const expected = (doc: Client['doc']) => clientAlineas(doc)[0]!.startsWith('Désormais, ') && clientAlineas(doc)[1]!.startsWith('En outre, ');
  await Promise.all([until(a.doc, () => expected(a.doc)), until(b.doc, () => expected(b.doc))]);
  expect(clientAlineas(a.doc)).toEqual(clientAlineas(b.doc));
  const rest = await eventually(() => restText(id, alice), (t) => t[1]?.startsWith('En outre, ') ?? false);
  expect(rest).toEqual(clientAlineas(a.doc));
});

test('a REST edit goes through the live document: connected co-authors see it', async () => {
  const { alice, bob, id, docName } = await draftWithCoauthor();
  const b = await connect(docName, bob);
  await app.http.put(`/api/amendments/${id}`).set(auth(alice)).send({ alineas: ['Texte réécrit par l’API.', 'Second alinéa.'] }).expect(200);
  await until(b.doc, () => clientAlineas(b.doc)[0] === 'Texte réécrit par l’API.');
  expect(clientAlineas(b.doc)).toEqual(['Texte réécrit par l’API.', 'Second alinéa.']);
});

test('visitors get 4401, strangers 4403, unknown documents 4404; a foreign-origin cookie is not accepted', async () => {
  const { docName } = await draftWithCoauthor();
  const base = `${app.url.replace('http', 'ws')}/collab/${docName}`;
  expect(await closeCodeOf(base)).toBe(4401);
  const stranger = await createCitizen(app);
  expect(await closeCodeOf(`${base}?token=${stranger.token}`)).toBe(4403);
  expect(await closeCodeOf(`${base}`, { Authorization: `Bearer ${stranger.token}` })).toBe(4403);
  expect(await closeCodeOf(`${app.url.replace('http', 'ws')}/collab/amendment-00000000-0000-4000-8000-000000000000?token=${stranger.token}`)).toBe(4404);
  expect(await closeCodeOf(`${app.url.replace('http', 'ws')}/collab/whatever?token=${stranger.token}`)).toBe(4404);
  await expect(connect(docName, stranger)).rejects.toThrow('4403');
});

test('garbage and oversized frames close only their own connection; the others keep syncing', async () => {
  const { alice, bob, docName } = await draftWithCoauthor();
  const [a, b] = [await connect(docName, alice), await connect(docName, bob)];
  const url = `${app.url.replace('http', 'ws')}/collab/${docName}?token=${alice.token}`;
  const garbage = new WebSocket(url);
  const garbageClosed = new Promise<number>((resolve) => garbage.on('close', resolve));
  garbage.on('open', () => garbage.send(Buffer.from([0, 9, 255, 255, 255, 255, 255])));
  expect(await garbageClosed).toBe(4400);
  const huge = new WebSocket(url);
  const hugeClosed = new Promise<number>((resolve) => huge.on('close', resolve));
  huge.on('open', () => huge.send(Buffer.alloc(2 * 1024 * 1024, 1)));
  expect(await hugeClosed).toBe(1009);
  typeInto(a.doc, 0, 0, 'Toujours là. ');
  await until(b.doc, () => clientAlineas(b.doc)[0]!.startsWith('Toujours là. '));
});

test('submission snapshots exactly the live text; later edits by authors are ignored', async () => {
  const { alice, bob, id, docName } = await draftWithCoauthor();
  const [a, b] = [await connect(docName, alice), await connect(docName, bob)];
  typeInto(a.doc, 0, 0, 'Au plus tard en 2027, ');
  await until(b.doc, () => clientAlineas(b.doc)[0]!.startsWith('Au plus tard en 2027, '));
  const snapshot = clientAlineas(a.doc);
  const bobClosed = new Promise<number>((resolve) => b.provider.on('connection-close', (e: { code: number } | null) => e && resolve(e.code)));
  const res = await app.http.post(`/api/amendments/${id}/submit`).set(auth(alice));
  expect(res.status).toBe(200);
  expect(res.body.amendment.alineas).toEqual(snapshot);
  expect(res.body.amendment.revisions.at(-1)).toMatchObject({ kind: 'submission', alineas: snapshot });
  // Authors' editors are told the draft is submitted (4403), not left typing into the void.
  expect(await bobClosed).toBe(4403);
  typeInto(b.doc, 0, 0, 'TROP TARD ');
  // A fresh reader sees the server's document: the late edit was dropped.
  const clerk = await createUser(app, { roles: ['clerk'] });
  const c = await connect(docName, clerk);
  expect(clientAlineas(c.doc)).toEqual(snapshot);
  expect(await restText(id, bob)).toEqual(snapshot);
  // And reconnecting authors are read-only watchers now.
  expect((await app.http.get(`/api/amendments/${id}/live`).set(auth(bob))).body.mode).toBe('read');
});

test('a live document is unloaded when its last client leaves, and reloads with its content', async () => {
  const { alice, docName } = await draftWithCoauthor();
  const before = app.registry.loadedCount;
  const a = await connect(docName, alice);
  typeInto(a.doc, 0, 0, 'Persistant : ');
  await eventually(async () => app.registry.loadedCount, (n) => n === before + 1);
  a.close();
  clients.splice(clients.indexOf(a), 1);
  await eventually(async () => app.registry.loadedCount, (n) => n === before);
  expect(app.registry.loadedCount).toBe(before);
  const again = await connect(docName, alice);
  expect(clientAlineas(again.doc)[0]!.startsWith('Persistant : ')).toBe(true);
  expect(clientAlineas(again.doc)[0]!.match(/Persistant/g)).toHaveLength(1);
});

test('co-authors comment a passage; the anchor follows live edits; deleting the passage collapses it; strangers cannot read comments', async () => {
  const { alice, bob, id, docName } = await draftWithCoauthor();
  const b = await connect(docName, bob);
  // « Les administrations communiquent leurs documents. » — comment « leurs documents ».
  const created = await app.http.post(`/api/amendments/${id}/comments`).set(auth(alice)).send({ alinea: 1, start: 33, end: 48, body: 'Lesquels ?' });
  expect(created.status).toBe(201);
  expect(created.body.comment).toMatchObject({ state: 'active', quote: 'leurs documents', authorName: 'Alice' });
  await until(b.doc, () => b.doc.getArray('comments').length === 1);
  typeInto(b.doc, 0, 0, 'Désormais, ');
  const moved = await eventually(
    async () => (await app.http.get(`/api/amendments/${id}/comments`).set(auth(alice))).body.comments[0],
    (c: { start: number; id: string }) => c.start === 44,
  );
  expect(moved).toMatchObject({ quote: 'leurs documents', state: 'active' });
  const text = (b.doc.getXmlFragment('prosemirror').get(0) as import('yjs').XmlElement).get(0) as import('yjs').XmlText;
  text.delete(44, 15);
  const collapsed = await eventually(
    async () => (await app.http.get(`/api/amendments/${id}/comments`).set(auth(alice))).body.comments[0],
    (c: { state: string }) => c.state === 'collapsed',
  );
  expect(collapsed.state).toBe('collapsed');
  const resolved = await app.http.post(`/api/amendments/${id}/comments/${moved.id}/resolve`).set(auth(bob)).send({ resolved: true });
  expect(resolved.body.comment.resolved).toBe(true);
  expect((await app.http.get(`/api/amendments/${id}/comments`).set(auth(await createCitizen(app)))).status).toBe(404);
  expect((await app.http.post(`/api/amendments/${id}/comments`).set(auth(alice)).send({ alinea: 1, start: 0, end: 999, body: 'x' })).status).toBe(422);
});

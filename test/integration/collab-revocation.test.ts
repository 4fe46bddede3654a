import { auth, createBill, createCitizen, createUser, seatCommission, useTestApp, type TestUser } from '../helpers/app';
import { clientAlineas, eventually, handled, holdNextJoin, nextClose, typeInto, useClients, type Client, formalisationWorkspace } from '../helpers/collab';

/** Issue 11 › 3: lost rights reach open WebSockets within a second (closed 4401/4403, or read-only). */

const suite = useTestApp();

const connect = useClients(() => suite.app.url);
const restText = async (id: string, user: TestUser) => (await suite.app.http.get(`/api/amendments/${id}`).set(auth(user))).body.amendment.alineas as string[];

async function draft(opts: { status?: 'consultation' } = {}) {
  const bill = await createBill(suite.app, suite.admin, { status: opts.status ?? 'consultation' });
  const [alice, bob] = [await createCitizen(suite.app, 'Alice'), await createCitizen(suite.app, 'Bob')];
  const res = await suite.app.http.post(`/api/articles/${bill.articles[0]!.id}/amendments`).set(auth(alice)).send({ kind: 'modify', rationale: 'Clarifier.' }).expect(201);
  const id: string = res.body.amendment.id;
  await suite.app.http.post(`/api/amendments/${id}/coauthors`).set(auth(alice)).send({ userId: bob.id }).expect(200);
  return { bill, alice, bob, id, docName: `amendment-${id}` };
}

const workspace = () => formalisationWorkspace(suite.app, suite.admin);

/** `writer` types; once the server handled it, the text read over HTTP shows whether it was kept. */
async function editKept(writer: Client, observer: Client, id: string, reader: TestUser, word: string): Promise<boolean> {
  typeInto(writer.doc, 0, 0, word);
  await handled(writer, observer);
  const workspace = await suite.app.http.get(`/api/amendments/${id}/formalisation`).set(auth(reader));
  const text = workspace.status === 200 ? (workspace.body.alineas as string[]) : await restText(id, reader);
  return text[0]!.includes(word);
}

test('logout closes the sockets opened with that session (4401) within a second; other sessions stay', async () => {
  const { alice, bob, id, docName } = await draft();
  const [a, b] = [await connect(docName, alice), await connect(docName, bob)];
  const closed = nextClose(a);
  await suite.app.http.post('/api/auth/logout').set(auth(alice)).expect(204);
  const answered = Date.now();
  const { code, at } = await closed;
  expect(code).toBe(4401);
  expect(at - answered).toBeLessThan(1000);
  typeInto(b.doc, 0, 0, 'Encore là. ');
  expect(await eventually(() => restText(id, bob), (t) => t[0]!.startsWith('Encore là. '))).toEqual(clientAlineas(b.doc));
});

test('a session that ends closes its sockets (4401) when it ends', async () => {
  const { alice, docName } = await draft();
  await suite.app.testDb.db.query(`UPDATE sessions SET expires_at = now() + interval '2 seconds' WHERE user_id = $1`, [alice.id]);
  const a = await connect(docName, alice);
  const { code } = await nextClose(a, 8000);
  expect(code).toBe(4401);
});

test('deleting one’s account closes one’s sockets (4401)', async () => {
  const { bob, docName } = await draft();
  const b = await connect(docName, bob);
  const closed = nextClose(b);
  await suite.app.http.delete('/api/me').set(auth(bob)).send({ password: 'mot-de-passe-de-test' }).expect(204);
  const answered = Date.now();
  const { code, at } = await closed;
  expect(code).toBe(4401);
  expect(at - answered).toBeLessThan(1000);
});

test('a clerk who loses the role leaves the workspaces (4403)', async () => {
  const { clerk, docName } = await workspace();
  const watcher = await createUser(suite.app, { roles: ['clerk'] });
  const [c, w] = [await connect(docName, clerk), await connect(docName, watcher)];
  const [cClosed, wClosed] = [nextClose(c), nextClose(w)];
  await suite.app.http.put(`/api/users/${clerk.id}/roles`).set(auth(suite.admin)).send({ roles: [] }).expect(200);
  await suite.app.http.put(`/api/users/${watcher.id}/roles`).set(auth(suite.admin)).send({ roles: ['moderator'] }).expect(200);
  expect((await cClosed).code).toBe(4403);
  expect((await wClosed).code).toBe(4403);
});

test('a removed co-author is closed out (4403) and told; the last author cannot be removed; one can leave', async () => {
  const { alice, bob, id, docName } = await draft();
  const b = await connect(docName, bob);
  const closed = nextClose(b);
  await suite.app.http.delete(`/api/amendments/${id}/coauthors/${bob.id}`).set(auth(alice)).expect(200);
  const answered = Date.now();
  const { code, at } = await closed;
  expect(code).toBe(4403);
  expect(at - answered).toBeLessThan(1000);
  expect((await suite.app.http.get(`/api/amendments/${id}`).set(auth(bob))).status).toBe(404);
  const notes = (await suite.app.http.get('/api/notifications').set(auth(bob))).body.notifications as { message: string }[];
  expect(notes.some((n) => /retiré des co-auteurs/.test(n.message))).toBe(true);
  const last = await suite.app.http.delete(`/api/amendments/${id}/coauthors/${alice.id}`).set(auth(alice));
  expect(last.status).toBe(409);
  expect((await suite.app.http.delete(`/api/amendments/${id}/coauthors/${bob.id}`).set(auth(bob))).status).toBe(404);
  // a co-author leaves by removing themselves
  await suite.app.http.post(`/api/amendments/${id}/coauthors`).set(auth(alice)).send({ userId: bob.id }).expect(200);
  const again = await connect(docName, bob);
  const left = nextClose(again);
  await suite.app.http.delete(`/api/amendments/${id}/coauthors/${bob.id}`).set(auth(bob)).expect(200);
  expect((await left).code).toBe(4403);
});

test('the clerk relieved of an amendment watches; the one put in charge writes', async () => {
  const { clerk, alice, id, docName } = await workspace();
  const other = await createUser(suite.app, { roles: ['clerk'] });
  const [c, o, a] = [await connect(docName, clerk), await connect(docName, other), await connect(docName, alice)];
  await suite.app.http.post(`/api/amendments/${id}/assign`).set(auth(clerk)).send({ clerkId: other.id }).expect(200);
  expect(await editKept(c, a, id, clerk, 'ANCIEN ')).toBe(false);
  expect(await editKept(o, a, id, clerk, 'NOUVEAU ')).toBe(true);
  const ws = await suite.app.http.get(`/api/amendments/${id}/formalisation`).set(auth(clerk)).expect(200);
  expect(ws.body.alineas[0]).toBe(clientAlineas(o.doc)[0]);
});

test('when the consultation closes, drafts freeze: open editors are closed (4403) and reopen read-only', async () => {
  const { bill, alice, bob, id, docName } = await draft();
  const [a, b] = [await connect(docName, alice), await connect(docName, bob)];
  expect(await editKept(a, b, id, alice, 'AVANT ')).toBe(true);
  const closed = [nextClose(a), nextClose(b)];
  await suite.app.http.post(`/api/bills/${bill.id}/status`).set(auth(suite.admin)).send({ status: 'commission' }).expect(200);
  for (const c of await Promise.all(closed)) expect(c.code).toBe(4403);
  expect((await suite.app.http.get(`/api/amendments/${id}/live`).set(auth(alice))).body.mode).toBe('read');
  const again = await connect(docName, alice);
  const other = await connect(docName, bob);
  expect(await editKept(again, other, id, alice, 'APRÈS ')).toBe(false);
});

test('when the commission decides the amendment, its workspace closes (4403) and reopens read-only, also after adoption', async () => {
  const { bill, alice, clerk, id, docName } = await workspace();
  await suite.app.http.post(`/api/bills/${bill.id}/status`).set(auth(suite.admin)).send({ status: 'commission' }).expect(200);
  const [c, a] = [await connect(docName, clerk), await connect(docName, alice)];
  expect(await editKept(c, a, id, clerk, 'COMMISSION ')).toBe(true);
  const closed = [nextClose(c), nextClose(a)];
  await suite.app.http.post(`/api/amendments/${id}/decision`).set(auth(suite.admin)).send({ decision: 'not_examined', reason: 'Hors délai.' }).expect(200);
  for (const x of await Promise.all(closed)) expect(x.code).toBe(4403);
  expect((await suite.app.http.get(`/api/amendments/${id}/formalisation`).set(auth(clerk))).body.mode).toBe('read');
  await seatCommission(suite.app, suite.admin, bill.id);
  await suite.app.http.post(`/api/bills/${bill.id}/status`).set(auth(suite.admin)).send({ status: 'adopted' }).expect(200);
  expect((await suite.app.http.get(`/api/amendments/${id}/formalisation`).set(auth(alice))).body.mode).toBe('read');
});

test('a socket whose access was checked before a submission, joining after it, is closed (4403) and cannot write', async () => {
  const { alice, id, docName } = await draft();
  await suite.app.http.put(`/api/amendments/${id}`).set(auth(alice)).send({ alineas: ['Texte déposé.'], rationale: 'Clarifier.' }).expect(200);
  const held = holdNextJoin(suite.app.registry);
  const joining = connect(docName, alice).then(() => 'synced', (err: Error) => err.message);
  await held.reached; // it passed liveDocAccess as a writer of the draft
  await suite.app.http.post(`/api/amendments/${id}/submit`).set(auth(alice)).expect(200);
  held.release();
  expect(await joining).toBe('closed 4403');
  expect(await restText(id, alice)).toEqual(['Texte déposé.']);
});

import { auth, createBill, createCitizen, createUser, useTestApp, type TestUser } from '../helpers/app';

/** Issue 12 › notifications that make sense: who acted, what happened, and reading by following. */
const suite = useTestApp();

const notes = async (u: TestUser) => (await suite.app.http.get('/api/notifications').set(auth(u)).expect(200)).body as {
  notifications: { id: string; type: string; message: string; url: string; read: boolean; bill: { id: string }; amendment: { id: string } | null }[];
  unread: number;
};

test('the co-author notice names who added them, as their account is called when it is read', async () => {
  const bill = await createBill(suite.app, suite.admin, { status: 'consultation' });
  const [alice, zoe] = [await createCitizen(suite.app, 'Alice Martin'), await createCitizen(suite.app, 'Zoé Lefèvre')];
  const id = (await suite.app.http.post(`/api/articles/${bill.articles[0]!.id}/amendments`).set(auth(alice)).send({ kind: 'delete', rationale: 'x' }).expect(201)).body.amendment.id;
  await suite.app.http.post(`/api/amendments/${id}/coauthors`).set(auth(alice)).send({ userId: zoe.id }).expect(200);
  expect((await notes(zoe)).notifications[0]!.message).toMatch(/^Alice Martin vous a ajouté aux co-auteurs/);
  // Alice deletes her account: the notice no longer names her
  await suite.app.http.delete('/api/me').set(auth(alice)).send({ password: 'mot-de-passe-de-test' }).expect(204);
  const after = (await notes(zoe)).notifications[0]!.message;
  expect(after).not.toContain('Alice');
});

test('authors are told when a clerk takes their amendment; a member is told of the appointment', async () => {
  const bill = await createBill(suite.app, suite.admin, { status: 'consultation' });
  const alice = await createCitizen(suite.app, 'Alice Bernard');
  const clerk = await createUser(suite.app, { roles: ['clerk'], displayName: 'Greffière Claire' });
  const id = (await suite.app.http.post(`/api/articles/${bill.articles[0]!.id}/amendments`).set(auth(alice))
    .send({ kind: 'modify', alineas: ['Texte citoyen.'], rationale: 'x', submit: true }).expect(201)).body.amendment.id;
  await suite.app.http.post(`/api/amendments/${id}/assign`).set(auth(clerk)).send({}).expect(200);
  const taken = (await notes(alice)).notifications.find((n) => n.type === 'assigned');
  expect(taken?.message).toMatch(/^Greffière Claire, du greffe, a pris en charge la mise en forme/);

  const member = await createCitizen(suite.app, 'Camille Tirée');
  await suite.app.http.put(`/api/bills/${bill.id}/commission/members/${member.id}`).set(auth(suite.admin)).send({ college: 'citizen' }).expect(200);
  const appointed = (await notes(member)).notifications[0]!;
  expect(appointed).toMatchObject({ type: 'appointed', amendment: null, bill: { id: bill.id } });
  expect(appointed.message).toMatch(/Admin vous a nommé membre de la commission.*collège « Citoyens »/);
});

test('following a notification marks it read and leads to what it is about', async () => {
  const bill = await createBill(suite.app, suite.admin, { status: 'consultation' });
  const member = await createCitizen(suite.app, 'Dominique Suivie');
  await suite.app.http.put(`/api/bills/${bill.id}/commission/members/${member.id}`).set(auth(suite.admin)).send({ college: 'elected' }).expect(200);
  const before = await notes(member);
  expect(before.unread).toBe(1);
  const n = before.notifications[0]!;
  expect(n.url).toBe(`/notifications/${n.id}`);
  // someone else cannot follow (or mark) it
  const other = await createCitizen(suite.app);
  expect((await suite.app.http.get(n.url).set(auth(other))).headers.location).toBe('/notifications');
  expect((await notes(member)).unread).toBe(1);
  const followed = await suite.app.http.get(n.url).set(auth(member)).expect(303);
  expect(followed.headers.location).toBe(`/textes/${bill.id}/commission`);
  const after = await notes(member);
  expect(after.unread).toBe(0);
  expect(after.notifications[0]!.read).toBe(true);
  // the page links through the same address
  expect((await suite.app.http.get('/notifications').set(auth(member)).expect(200)).text).toContain(`href="${n.url}"`);
});

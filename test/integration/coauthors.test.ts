import { auth, createAdmin, createBill, createCitizen, startTestApp, type TestApp, type TestUser } from '../helpers/app';

let app: TestApp;
let admin: TestUser;
beforeAll(async () => {
  app = await startTestApp();
  admin = await createAdmin(app);
});
afterAll(async () => {
  await app.close();
});

async function draft(author: TestUser): Promise<string> {
  const bill = await createBill(app, admin, { status: 'consultation' });
  const res = await app.http.post(`/api/articles/${bill.articles[0]!.id}/amendments`).set(auth(author)).send({ kind: 'modify', rationale: 'x' });
  return res.body.amendment.id;
}

test('an author adds a co-author by display name; an unknown or ambiguous name is refused', async () => {
  const alice = await createCitizen(app, 'Alice Martin');
  const zoe = await createCitizen(app, 'Zoé Lefèvre');
  await createCitizen(app, 'Homonyme');
  await createCitizen(app, 'homonyme');
  const id = await draft(alice);
  const res = await app.http.post(`/api/amendments/${id}/coauthors`).set(auth(alice)).send({ displayName: 'zoé lefèvre' });
  expect(res.status).toBe(200);
  expect(res.body.amendment.authors.map((a: { id: string }) => a.id)).toEqual([alice.id, zoe.id]);
  // Zoé is told, once, with the way to the draft
  await app.http.post(`/api/amendments/${id}/coauthors`).set(auth(alice)).send({ userId: zoe.id }).expect(200);
  const told = (await app.http.get('/api/notifications').set(auth(zoe)).expect(200)).body;
  expect(told.notifications).toEqual([expect.objectContaining({ type: 'coauthor', amendment: expect.objectContaining({ id }) })]);
  expect(told.notifications[0].message).toContain('co-auteurs');
  expect((await app.http.post(`/api/amendments/${id}/coauthors`).set(auth(alice)).send({ displayName: 'Personne' })).status).toBe(404);
  const twice = await app.http.post(`/api/amendments/${id}/coauthors`).set(auth(alice)).send({ displayName: 'Homonyme' });
  expect([twice.status, twice.body.error.code]).toEqual([409, 'conflict']);
  expect(twice.body.error.message).toContain('lien d’invitation');
});

test('people are found by the start of their display name; LIKE wildcards are literal', async () => {
  const me = await createCitizen(app, 'Chercheuse');
  await createCitizen(app, 'Bernadette Chaumont');
  await createCitizen(app, 'Bernard Lavilliers');
  const res = await app.http.get('/api/users?search=bern').set(auth(me));
  expect(res.status).toBe(200);
  expect(res.body.users.map((u: { displayName: string }) => u.displayName)).toEqual(['Bernadette Chaumont', 'Bernard Lavilliers']);
  expect(res.body.users[0]).not.toHaveProperty('roles');
  expect((await app.http.get('/api/users?search=%25%25').set(auth(me))).body.users).toEqual([]);
  expect((await app.http.get('/api/users?search=bern')).status).toBe(401);
});

test('an invitation link lets a signed-in person join the draft; it stops working once the draft is submitted', async () => {
  const alice = await createCitizen(app);
  const id = await draft(alice);
  const stranger = await createCitizen(app);
  expect((await app.http.post(`/api/amendments/${id}/invitations`).set(auth(stranger))).status).toBe(404);
  const inv = await app.http.post(`/api/amendments/${id}/invitations`).set(auth(alice));
  expect(inv.status).toBe(201);
  expect(inv.body.invitation.url).toBe(`/invitations/${inv.body.invitation.token}`);
  const page = await app.http.get(inv.body.invitation.url);
  expect(page.status).toBe(200);
  expect(page.text).toContain('Invitation à co-rédiger');
  const bob = await createCitizen(app);
  const joined = await app.http.post(`/api/invitations/${inv.body.invitation.token}/accept`).set(auth(bob));
  expect(joined.status).toBe(200);
  expect(joined.body.amendment.authors.map((a: { id: string }) => a.id)).toContain(bob.id);
  expect((await app.http.get(`/api/amendments/${id}/live`).set(auth(bob))).body.mode).toBe('write');
  expect((await app.http.post('/api/invitations/not-a-real-token-at-all/accept').set(auth(bob))).status).toBe(404);
  await app.http.put(`/api/amendments/${id}`).set(auth(alice)).send({ alineas: ['Nouveau texte.'] }).expect(200);
  await app.http.post(`/api/amendments/${id}/submit`).set(auth(alice)).expect(200);
  const late = await app.http.post(`/api/invitations/${inv.body.invitation.token}/accept`).set(auth(await createCitizen(app)));
  expect(late.status).toBe(409);
});

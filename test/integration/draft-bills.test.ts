import { auth, createAdmin, createCitizen, createUser, startTestApp, SMALL_BILL, type TestApp, type TestUser } from '../helpers/app';

/** A draft bill is read by admins and clerks only: anyone else gets a 404 everywhere (API, pages, feeds, open data). */

let app: TestApp;
let admin: TestUser;
let clerk: TestUser;
let citizen: TestUser;
let draft: { id: string; articles: { id: string }[] };

beforeAll(async () => {
  app = await startTestApp();
  admin = await createAdmin(app);
  clerk = await createUser(app, { roles: ['clerk'], displayName: 'Greffier' });
  citizen = await createCitizen(app, 'Citoyen');
  const res = await app.http.post('/api/bills').set(auth(admin)).send({ title: 'Projet en préparation', text: SMALL_BILL }).expect(201);
  draft = res.body.bill;
});
afterAll(async () => {
  await app.close();
});

const addresses = () => {
  const b = draft.id;
  const a = draft.articles[0]!.id;
  return [
    `/api/bills/${b}`, `/api/bills/${b}/history`, `/api/bills/${b}/amendments`, `/api/bills/${b}/commission`, `/api/bills/${b}/reconciled`,
    `/api/bills/${b}/feed.atom`, `/api/bills/${b}/opendata.zip`, `/api/bills/${b}/opendata/amendments.csv`, `/api/bills/${b}/participation`,
    `/api/articles/${a}`, `/api/articles/${a}/feed.atom`, `/api/articles/${a}/annotations`, `/api/articles/${a}/arguments`,
    `/textes/${b}`, `/textes/${b}/historique`, `/textes/${b}/commission`, `/textes/${b}/texte-reconcilie`, `/textes/${b}/participation`,
    `/articles/${a}`, `/articles/${a}/amendements`, `/articles/${a}/historique`,
  ];
};

test.each([['an anonymous visitor', (): TestUser | null => null], ['a citizen', (): TestUser | null => citizen]] as const)('%s finds no trace of a draft bill', async (_who, who) => {
  const user = who();
  for (const path of addresses()) {
    const r = app.http.get(path);
    const res = await (user ? r.set(auth(user)) : r);
    expect([path, res.status]).toEqual([path, 404]);
  }
  const list = await (user ? app.http.get('/api/bills').set(auth(user)) : app.http.get('/api/bills'));
  expect(list.body.bills.map((b: { id: string }) => b.id)).not.toContain(draft.id);
  expect(list.body.total).toBe(0);
  const home = await (user ? app.http.get('/').set(auth(user)) : app.http.get('/'));
  expect(home.text).not.toContain('Projet en préparation');
});

test.each([['an admin', (): TestUser => admin], ['a clerk', (): TestUser => clerk]] as const)('%s reads it', async (_who, who) => {
  await app.http.get(`/api/bills/${draft.id}`).set(auth(who())).expect(200);
  await app.http.get(`/textes/${draft.id}`).set(auth(who())).expect(200);
  await app.http.get(`/articles/${draft.articles[0]!.id}`).set(auth(who())).expect(200);
  const list = await app.http.get('/api/bills').set(auth(who())).expect(200);
  expect(list.body.bills.map((b: { id: string }) => b.id)).toContain(draft.id);
  expect((await app.http.get('/').set(auth(who()))).text).toContain('Projet en préparation');
});

test('once in consultation, everyone reads it', async () => {
  await app.http.post(`/api/bills/${draft.id}/status`).set(auth(admin)).send({ status: 'consultation' }).expect(200);
  await app.http.get(`/api/bills/${draft.id}`).expect(200);
  await app.http.get(`/textes/${draft.id}`).expect(200);
  await app.http.get(`/api/bills/${draft.id}/feed.atom`).expect(200);
  expect((await app.http.get('/api/bills')).body.total).toBe(1);
});

test('closing the consultation tells draft authors, and the draft page says so', async () => {
  const res = await app.http.post('/api/bills').set(auth(admin)).send({ title: 'Projet à clore', text: SMALL_BILL }).expect(201);
  const bill = res.body.bill as { id: string; articles: { id: string }[] };
  await app.http.post(`/api/bills/${bill.id}/status`).set(auth(admin)).send({ status: 'consultation' }).expect(200);
  const author = await createCitizen(app, 'Autrice du brouillon');
  const draftRes = await app.http.post(`/api/articles/${bill.articles[0]!.id}/amendments`).set(auth(author)).send({ kind: 'delete', rationale: 'À revoir.' }).expect(201);
  const id = draftRes.body.amendment.id as string;
  expect((await app.http.get(`/amendements/${id}`).set(auth(author))).text).toContain('Déposer l’amendement');
  await app.http.post(`/api/bills/${bill.id}/status`).set(auth(admin)).send({ status: 'commission' }).expect(200);
  const notes = (await app.http.get('/api/notifications').set(auth(author)).expect(200)).body.notifications as { type: string; message: string }[];
  expect(notes.find((n) => n.type === 'phase')?.message).toContain('« Consultation » est close');
  const page = await app.http.get(`/amendements/${id}`).set(auth(author)).expect(200);
  expect(page.text).toContain('La consultation est close');
  expect(page.text).not.toContain('Déposer l’amendement');
  // and the deposit is refused with its own verb
  const submit = await app.http.post(`/api/amendments/${id}/submit`).set(auth(author)).expect(409);
  expect(submit.body.error.message).toMatch(/^Déposer un amendement : /);
});

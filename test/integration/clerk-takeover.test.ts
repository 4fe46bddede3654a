import { auth, createAdmin, createBill, createCitizen, createUser, startTestApp, type TestApp, type TestUser } from '../helpers/app';
import { clientAlineas, connectClient, typeInto, until, type Client } from '../helpers/collab';

/**
 * Issue 11 › Accounts: over REST and the HTML forms, only the clerk in charge of an open amendment
 * formalises it, answers it or declares it inadmissible — as in the live workspace; the others
 * take it over first (« reprendre »), which tells the clerk who had it and is written in the history.
 */

let app: TestApp;
let admin: TestUser;
let dupont: TestUser;
let martin: TestUser;
const clients: Client[] = [];
beforeAll(async () => {
  app = await startTestApp();
  admin = await createAdmin(app);
  dupont = await createUser(app, { roles: ['clerk'], displayName: 'Greffière Dupont' });
  martin = await createUser(app, { roles: ['clerk'], displayName: 'Greffier Martin' });
});
afterEach(() => clients.splice(0).forEach((c) => c.close()));
afterAll(async () => app.close());

const NEW_TEXT = ['Les administrations communiquent librement leurs documents.', 'Elles les publient en ligne.'];

/** A submitted amendment, in consultation, and its author. */
async function submitted() {
  const bill = await createBill(app, admin, { status: 'consultation' });
  const author = await createCitizen(app, 'Alice');
  const res = await app.http.post(`/api/articles/${bill.articles[0]!.id}/amendments`).set(auth(author))
    .send({ kind: 'modify', alineas: NEW_TEXT, rationale: 'Affirmer la liberté.', submit: true }).expect(201);
  return { bill, author, id: res.body.amendment.id as string };
}

const get = async (id: string) => (await app.http.get(`/api/amendments/${id}`).set(auth(admin)).expect(200)).body.amendment;
const form = (who: TestUser, path: string, fields: Record<string, string>) =>
  app.http.post(path).type('form').set('Origin', app.url).set('Cookie', `palimpseste_session=${who.token}`).send(fields);

test('any clerk acts on an amendment nobody has in charge', async () => {
  const { id } = await submitted();
  await app.http.post(`/api/amendments/${id}/response`).set(auth(martin)).send({ body: 'Bien reçu.' }).expect(200);
  await app.http.post(`/api/amendments/${id}/formalise`).set(auth(dupont)).send({ note: '' }).expect(200);
  // formalising an amendment nobody had puts that clerk in charge
  expect((await get(id)).assignedClerkId).toBe(dupont.id);
});

test('another clerk’s amendment: formalise, response and inadmissible are 409 other_clerk_in_charge naming who, over REST and forms, and change nothing', async () => {
  const { id } = await submitted();
  await app.http.post(`/api/amendments/${id}/assign`).set(auth(dupont)).send({}).expect(200);
  const attempts = [
    app.http.post(`/api/amendments/${id}/formalise`).set(auth(martin)).send({ alineas: ['Autre texte.', 'Elles les publient en ligne.'], note: '' }),
    app.http.post(`/api/amendments/${id}/response`).set(auth(martin)).send({ body: 'Réponse d’un autre.' }),
    app.http.post(`/api/amendments/${id}/inadmissible`).set(auth(martin)).send({ ground: 'article_40', reason: 'Charge publique.' }),
  ];
  for (const res of await Promise.all(attempts)) {
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('other_clerk_in_charge');
    expect(res.body.error.message).toMatch(/Greffière Dupont a cet amendement en charge.*Reprenez-le/);
    expect(res.body.error.details).toEqual({ assignedClerk: { id: dupont.id, displayName: 'Greffière Dupont' } });
  }
  for (const [path, fields] of [
    [`/amendements/${id}/mise-en-forme`, { texte: 'Autre texte.', note: '' }],
    [`/amendements/${id}/reponse`, { reponse: 'Réponse d’un autre.' }],
    [`/amendements/${id}/irrecevable`, { motif: 'article_40', raison: 'Charge publique.', confirme: '1' }], // confirmed (shared/confirmations.ts)
  ] as const) {
    // the form goes back to its page (post → redirect → get), which says who has the amendment
    const res = await form(martin, path, fields);
    expect([path, res.status]).toEqual([path, 303]);
    expect(res.headers.location).toMatch(/[?&]formulaire=[\w-]+#erreurs$/);
    const back = await app.http.get(res.headers.location!).set({ Cookie: `palimpseste_session=${martin.token}` }).expect(200);
    expect(back.text).toContain('Greffière Dupont a cet amendement en charge');
    expect(back.text).toContain('role="alert"');
  }
  const after = await get(id);
  expect(after).toMatchObject({ status: 'submitted', assignedClerkId: dupont.id, responses: [], formalisation: null, inadmissible: null });
  // the clerk in charge acts
  await app.http.post(`/api/amendments/${id}/response`).set(auth(dupont)).send({ body: 'Nous l’examinons.' }).expect(200);
});

test('a plain assign over another clerk’s charge is refused; takeOver reassigns, tells that clerk, and is in the history', async () => {
  const { bill, id } = await submitted();
  await app.http.post(`/api/amendments/${id}/assign`).set(auth(dupont)).send({}).expect(200);
  for (const body of [{}, { clerkId: martin.id }, { clerkId: null }]) {
    const res = await app.http.post(`/api/amendments/${id}/assign`).set(auth(martin)).send(body);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('other_clerk_in_charge');
  }
  expect((await get(id)).assignedClerkId).toBe(dupont.id);

  const taken = await app.http.post(`/api/amendments/${id}/assign`).set(auth(martin)).send({ takeOver: true }).expect(200);
  expect(taken.body.amendment.assignedClerkId).toBe(martin.id);
  const told = (await app.http.get('/api/notifications').set(auth(dupont)).expect(200)).body.notifications;
  expect(told[0]).toMatchObject({ type: 'taken_over', message: expect.stringMatching(/^Greffier Martin a repris l’amendement n° \d+ .*dont vous aviez la charge/) });
  const history = (await app.http.get(`/api/bills/${bill.id}/history?type=amendment.taken_over`).expect(200)).body.events;
  expect(history).toHaveLength(1);
  expect(history[0]).toMatchObject({ actor: { id: martin.id }, subject: { type: 'amendment', id }, data: { from: dupont.id, to: martin.id }, label: expect.stringMatching(/repris/) });

  // now the roles are reversed
  const refused = await app.http.post(`/api/amendments/${id}/formalise`).set(auth(dupont)).send({ note: '' });
  expect(refused.body.error).toMatchObject({ code: 'other_clerk_in_charge', message: expect.stringContaining('Greffier Martin') });
  await app.http.post(`/api/amendments/${id}/formalise`).set(auth(martin)).send({ note: '' }).expect(200);
  // one's own amendment is handed on without takeOver, and nobody is notified of a take-over
  await app.http.post(`/api/amendments/${id}/assign`).set(auth(martin)).send({ clerkId: dupont.id }).expect(200);
  expect((await app.http.get(`/api/bills/${bill.id}/history?type=amendment.taken_over`)).body.events).toHaveLength(1);
});

test('once the amendment is closed nobody has it in charge: any clerk may answer', async () => {
  const { id } = await submitted();
  await app.http.post(`/api/amendments/${id}/assign`).set(auth(dupont)).send({}).expect(200);
  await app.http.post(`/api/amendments/${id}/inadmissible`).set(auth(dupont)).send({ ground: 'article_40', reason: 'Charge publique.' }).expect(200);
  await app.http.post(`/api/amendments/${id}/response`).set(auth(martin)).send({ body: 'Voir le motif.' }).expect(200);
});

test('the taken-over clerk’s open workspace turns read-only at once; the new one writes', async () => {
  const { id } = await submitted();
  await app.http.post(`/api/amendments/${id}/assign`).set(auth(dupont)).send({}).expect(200);
  const doc = `formalisation-${id}`;
  const [was, now] = [await connectClient(app.url, doc, dupont.token), await connectClient(app.url, doc, martin.token)];
  clients.push(was, now);
  await app.http.post(`/api/amendments/${id}/assign`).set(auth(martin)).send({ takeOver: true }).expect(200);
  typeInto(was.doc, 0, 0, 'ANCIEN ');
  typeInto(now.doc, 1, 0, 'Dans un délai d’un mois, ');
  await until(was.doc, () => clientAlineas(was.doc)[1]!.startsWith('Dans un délai'));
  const ws = await app.http.get(`/api/amendments/${id}/formalisation`).set(auth(martin)).expect(200);
  expect(ws.body.alineas[0]).not.toMatch(/ANCIEN/);
  expect(ws.body.alineas[1]).toMatch(/^Dans un délai/);
});

test('pages: « Reprendre » on the workspace, the amendment and the desk, confirmed on its own page', async () => {
  const { bill, id } = await submitted();
  await app.http.post(`/api/amendments/${id}/assign`).set(auth(dupont)).send({}).expect(200);
  const cookie = (who: TestUser) => ({ Cookie: `palimpseste_session=${who.token}` });

  const workspace = await app.http.get(`/amendements/${id}/mise-en-forme`).set(cookie(martin)).expect(200);
  expect(workspace.text).toContain('Greffière Dupont a cet amendement en charge');
  expect(workspace.text).toContain(`href="/amendements/${id}/reprendre">Reprendre l’amendement</a>`);
  expect(workspace.text).not.toContain('Publier la mise en forme</button>');
  const page = await app.http.get(`/amendements/${id}`).set(cookie(martin)).expect(200);
  expect(page.text).toContain(`href="/amendements/${id}/reprendre"`);
  expect(page.text).not.toContain('action="/amendements/' + id + '/irrecevable"');
  const desk = await app.http.get(`/textes/${bill.id}/greffe`).set(cookie(martin)).expect(200);
  expect(desk.text).toContain(`href="/amendements/${id}/reprendre">Reprendre…</a>`);
  // the clerk in charge sees no « Reprendre »
  expect((await app.http.get(`/amendements/${id}/mise-en-forme`).set(cookie(dupont)).expect(200)).text).not.toContain('/reprendre');

  const confirm = await app.http.get(`/amendements/${id}/reprendre`).set(cookie(martin)).expect(200);
  expect(confirm.text).toContain('<strong>Greffière Dupont</strong> a cet amendement en charge');
  expect(confirm.text).toContain('Confirmer : reprendre l’amendement');
  // without the confirmation, back to the page that asks for it, nothing changes
  const unconfirmed = await form(martin, `/amendements/${id}/reprendre`, {});
  expect(unconfirmed.status).toBe(303);
  expect(unconfirmed.headers.location).toBe(`/amendements/${id}/reprendre`);
  expect((await get(id)).assignedClerkId).toBe(dupont.id);
  // a citizen cannot
  expect((await form(await createCitizen(app), `/amendements/${id}/reprendre`, { confirmer: 'oui' })).status).toBe(403);

  const done = await form(martin, `/amendements/${id}/reprendre`, { confirmer: 'oui' });
  expect(done.status).toBe(303);
  expect(done.headers.location).toBe(`/amendements/${id}/mise-en-forme`);
  expect((await get(id)).assignedClerkId).toBe(martin.id);
  expect((await app.http.get('/notifications').set(cookie(dupont)).expect(200)).text).toContain('Repris par un greffier');
  // nothing left to take over: the confirmation page sends back to the workspace
  expect((await app.http.get(`/amendements/${id}/reprendre`).set(cookie(martin))).status).toBe(303);
});

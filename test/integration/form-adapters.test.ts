import { auth, createBill, createCitizen, createUser, useTestApp, type TestUser } from '../helpers/app';

/**
 * The forms that became adapters of an operation (pages/form-operation.ts): the JSON route and the
 * form take the same schema, policy row and command, so they refuse alike and act alike.
 */

const suite = useTestApp();

/** A browser's form post: same origin, the session cookie. */
const form = (who: TestUser | null, path: string, fields: Record<string, string> = {}) => {
  const req = suite.app.http.post(path).type('form').set('Origin', suite.app.url);
  return (who ? req.set('Cookie', `palimpseste_session=${who.token}`) : req).send(fields);
};
const count = async (table: string) => (await suite.app.testDb.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;

test('invitation: a visitor is sent to sign in; the form joins the draft; a dead token is 404 through both doors', async () => {
  const bill = await createBill(suite.app, suite.admin, { status: 'consultation' });
  const alice = await createCitizen(suite.app, 'Alice');
  const id = (await suite.app.http.post(`/api/articles/${bill.articles[0]!.id}/amendments`).set(auth(alice)).send({ kind: 'modify', rationale: 'x' }).expect(201)).body.amendment.id;
  const token = (await suite.app.http.post(`/api/amendments/${id}/invitations`).set(auth(alice)).expect(201)).body.invitation.token as string;
  const visitor = await form(null, `/invitations/${token}`);
  expect(visitor.status).toBe(303);
  expect(visitor.headers.location).toBe(`/connexion?suite=${encodeURIComponent(`/invitations/${token}`)}`);
  const bob = await createCitizen(suite.app, 'Bob');
  const joined = await form(bob, `/invitations/${token}`);
  expect(joined.status).toBe(303);
  expect(joined.headers.location).toBe(`/amendements/${id}`);
  expect((await suite.app.http.get(`/api/amendments/${id}`).set(auth(bob)).expect(200)).body.amendment.authors.map((a: { id: string }) => a.id)).toContain(bob.id);
  const dead = 'not-a-real-token-at-all';
  expect((await suite.app.http.post(`/api/invitations/${dead}/accept`).set(auth(bob))).status).toBe(404);
  expect((await form(bob, `/invitations/${dead}`)).status).toBe(404);
});

test('notifications: « Tout marquer comme lu » is the API’s mark-read without ids', async () => {
  const bill = await createBill(suite.app, suite.admin, { status: 'consultation' });
  const member = await createUser(suite.app, { displayName: 'Membre' });
  await suite.app.http.put(`/api/bills/${bill.id}/commission/members/${member.id}`).set(auth(suite.admin)).send({ college: 'citizen' }).expect(200);
  const unread = async () => (await suite.app.http.get('/api/notifications').set(auth(member)).expect(200)).body.unread as number;
  expect(await unread()).toBe(1);
  const visitor = await form(null, '/notifications/lues');
  expect(visitor.status).toBe(303);
  expect(visitor.headers.location).toMatch(/^\/connexion\?suite=/);
  const done = await form(member, '/notifications/lues');
  expect(done.status).toBe(303);
  expect(done.headers.location).toBe('/notifications');
  expect(await unread()).toBe(0);
});

test('annotation: the form finds the quote’s offsets; a wrong quote or an empty comment is said on the page; phases refuse alike', async () => {
  const bill = await createBill(suite.app, suite.admin, { status: 'consultation' });
  const article = bill.articles[0]!;
  const alice = await createCitizen(suite.app, 'Alice');
  const quote = article.alineas[0]!.split(' ').slice(1, 3).join(' ');
  const before = await count('annotations');
  const wrong = await form(alice, `/articles/${article.id}/annotations`, { version: '1', alinea: '1', quote: 'pas dans le texte', body: 'Vraiment ?' });
  // post → redirect → get: a 303 to the article page, which says the refusal and keeps what was typed
  expect(wrong.status).toBe(303);
  expect(wrong.headers.location).toMatch(new RegExp(`^/articles/${article.id}\\?formulaire=[\\w-]+#annoter$`));
  const shown = await suite.app.http.get(wrong.headers.location!).set('Cookie', `palimpseste_session=${alice.token}`).expect(200);
  expect(shown.text).toContain('Le passage « pas dans le texte » ne figure pas dans l’alinéa 1 : recopiez-le exactement.');
  expect(shown.text).toContain('value="pas dans le texte"');
  const empty = await form(alice, `/articles/${article.id}/annotations`, { version: '1', alinea: '1', quote, body: '   ' });
  expect(empty.status).toBe(303);
  expect((await suite.app.http.get(empty.headers.location!).set('Cookie', `palimpseste_session=${alice.token}`)).text).toContain('Écrivez votre commentaire.');
  expect(await count('annotations')).toBe(before);
  const ok = await form(alice, `/articles/${article.id}/annotations`, { version: '1', alinea: '1', quote, body: 'Précisez.' });
  expect(ok.status).toBe(303);
  expect(ok.headers.location).toBe(`/articles/${article.id}#annotations-title`);
  const listed = (await suite.app.http.get(`/api/articles/${article.id}/annotations`).expect(200)).body.annotations;
  expect(listed).toEqual([expect.objectContaining({ quote, body: 'Précisez.', alinea: 1 })]);
  // after the consultation, both doors answer 409 wrong_phase and nothing is written
  await suite.app.http.post(`/api/bills/${bill.id}/status`).set(auth(suite.admin)).send({ status: 'commission' }).expect(200);
  const start = article.alineas[0]!.indexOf(quote);
  const json = await suite.app.http.post(`/api/articles/${article.id}/annotations`).set(auth(alice)).send({ version: 1, alinea: 1, start, end: start + quote.length, quote, body: 'Tard.' });
  expect(json.status).toBe(409);
  expect(json.body.error.code).toBe('wrong_phase');
  // the form goes back to the article (post → redirect → get), which says why
  const late = await form(alice, `/articles/${article.id}/annotations`, { version: '1', alinea: '1', quote, body: 'Tard.' });
  expect(late.status).toBe(303);
  expect((await suite.app.http.get(late.headers.location!).set('Cookie', `palimpseste_session=${alice.token}`)).text).toContain('role="alert"');
  expect(await count('annotations')).toBe(before + 1);
});

test('bill import: the console’s « Créer » is POST /api/bills (a clerk may import by API, not through the admin console)', async () => {
  const text = 'PROJET DE LOI relatif aux essais\n\nArticle 1er\nUn alinéa.\n\nArticle 2\nUn autre.\n';
  const created = await form(suite.admin, '/admin/textes/nouveau', { titre: '', format: 'texte', texte: text, etape: 'creer' });
  expect(created.status).toBe(303);
  expect(created.headers.location).toMatch(/^\/admin\/textes\/[0-9a-f-]{36}\?ok=/);
  const refused = await form(suite.admin, '/admin/textes/nouveau', { titre: '', format: 'lafabrique', texte: '{ pas du json', etape: 'creer' });
  expect(refused.status).toBe(303);
  const bad = await suite.app.http.get(refused.headers.location!).set('Cookie', `palimpseste_session=${suite.admin.token}`).expect(200);
  expect(bad.text).toContain('Ce n’est pas du JSON valide');
  expect(bad.text).toContain('{ pas du json</textarea>');
  const clerk = await createUser(suite.app, { roles: ['clerk'] });
  expect((await suite.app.http.post('/api/bills').set(auth(clerk)).send({ text })).status).toBe(201);
  expect((await suite.app.http.post('/api/bills').set(auth(await createCitizen(suite.app))).send({ text })).status).toBe(403);
});

import { auth, createAdmin, createBill, createCitizen, createUser, startTestApp, type TestApp, type TestUser } from '../helpers/app';

/** A contributor's public page: GET /api/users/:userId/contributions and /contributeurs/:userId. */

let app: TestApp;
let admin: TestUser;
let bill: Awaited<ReturnType<typeof createBill>>;
beforeAll(async () => {
  app = await startTestApp();
  admin = await createAdmin(app);
  bill = await createBill(app, admin, { status: 'consultation' });
});
afterAll(async () => {
  await app.close();
});

const articleId = () => bill.articles[0]!.id;
const contributions = (user: { id: string }, query = '') => app.http.get(`/api/users/${user.id}/contributions${query}`);

async function amend(user: TestUser, submit = true): Promise<string> {
  const res = await app.http.post(`/api/articles/${articleId()}/amendments`).set(auth(user)).send({ kind: 'delete', rationale: 'Inutile.', submit });
  expect(res.status).toBe(201);
  return res.body.amendment.id;
}

async function argue(user: TestUser, path: string, body: string, side = 'for'): Promise<string> {
  const res = await app.http.post(`${path}/arguments`).set(auth(user)).send({ side, body });
  expect(res.status).toBe(201);
  return res.body.argument.id;
}

const hide = (type: string, id: string) => app.http.post(`/api/moderation/${type}/${id}/hide`).set(auth(admin)).send({ reason: 'Propos injurieux.' }).expect(200);

test('an organisation’s submitted amendments, arguments, annotations and replies are listed newest first, labelled as such; drafts and hidden ones never', async () => {
  const org = await createUser(app, { kind: 'organisation', displayName: 'Association Lire la loi' });
  const submitted = await amend(org);
  const draft = await amend(org, false);
  const onArticle = await argue(org, `/api/articles/${articleId()}`, 'Un argument sur l’article.');
  const hidden = await argue(org, `/api/articles/${articleId()}`, 'Un argument masqué.', 'against');
  await hide('argument', hidden);
  // an argument on an amendment that is itself masked is not public either
  const masked = await amend(await createCitizen(app));
  await argue(org, `/api/amendments/${masked}`, 'Sur un amendement bientôt masqué.');
  await hide('amendment', masked);
  const other = await amend(await createCitizen(app));
  const onAmendment = await argue(org, `/api/amendments/${other}`, 'Un argument sur un amendement.', 'against');
  const start = bill.articles[0]!.alineas[0]!.indexOf('documents');
  const annotation = (await app.http.post(`/api/articles/${articleId()}/annotations`).set(auth(org))
    .send({ version: 1, alinea: 1, start, end: start + 'documents'.length, quote: 'documents', body: 'Lesquels ?' }).expect(201)).body.annotation.id;
  const reply = (await app.http.post(`/api/annotations/${annotation}/replies`).set(auth(org)).send({ body: 'Tous, je pense.' }).expect(201)).body.reply.id;

  const res = await contributions(org).expect(200);
  expect(res.body.user).toEqual({ id: org.id, displayName: 'Association Lire la loi', kind: 'organisation', assurance: 'none', deleted: false });
  expect(res.body.counts).toEqual({ amendments: 1, arguments: 2, annotations: 1, replies: 1 });
  const items = res.body.contributions as { type: string; id: string; at: string; url: string }[];
  expect(items.map((c) => c.type)).toEqual(['reply', 'annotation', 'argument', 'argument', 'amendment']);
  expect(items.map((c) => c.id)).not.toContain(draft);
  expect(items.map((c) => c.id)).not.toContain(hidden);
  expect(items[0]!.id).toBe(reply);
  expect([...items].sort((a, b) => (a.at < b.at ? 1 : -1)).map((c) => c.id)).toEqual(items.map((c) => c.id));
  expect(items.find((c) => c.id === submitted)).toMatchObject({
    url: `/amendements/${submitted}`, amendment: { displayNumber: '1', kind: 'delete', status: 'submitted' }, article: { number: '1er' },
    bill: { id: bill.id, title: 'Projet de loi de test' },
  });
  expect(items.find((c) => c.id === onAmendment)).toMatchObject({ side: 'against', url: `/amendements/${other}#argument-${onAmendment}`, target: { type: 'amendment', id: other } });
  expect(items.find((c) => c.id === onArticle)).toMatchObject({ url: `/articles/${articleId()}#argument-${onArticle}`, target: { type: 'article' } });
  expect(items.find((c) => c.id === annotation)).toMatchObject({ quote: 'documents', body: 'Lesquels ?', url: `/articles/${articleId()}#annotation-${annotation}` });
  expect(res.body.next).toBeNull();

  const page = (await app.http.get(`/contributeurs/${org.id}`).expect(200)).text;
  expect(page).toContain('Association Lire la loi <span class="badge">organisation</span>');
  expect(page).toContain('Un argument sur l’article.');
  expect(page).not.toContain('Un argument masqué.');
  expect(page).not.toContain('Plus anciens');
});

test('twenty per page, « Plus anciens » leading to the rest with no repeat and no gap', async () => {
  const busy = await createCitizen(app, 'Argumentatrice');
  const ids: string[] = [];
  for (let i = 0; i < 23; i++) ids.push(await argue(busy, `/api/articles/${articleId()}`, `Argument ${i + 1}.`));
  const first = (await contributions(busy).expect(200)).body;
  expect(first.contributions).toHaveLength(20);
  expect(first.next).toEqual(expect.any(String));
  const second = (await contributions(busy, `?before=${encodeURIComponent(first.next)}`).expect(200)).body;
  expect(second.contributions).toHaveLength(3);
  expect(second.next).toBeNull();
  const seen = [...first.contributions, ...second.contributions].map((c: { id: string }) => c.id);
  expect(seen).toEqual([...ids].reverse());

  const html = (await app.http.get(`/contributeurs/${busy.id}`).expect(200)).text;
  const more = html.match(/href="(\/contributeurs\/[^"]+\?avant=[^"]+)" rel="next">Plus anciens</);
  expect(more).not.toBeNull();
  const older = (await app.http.get(more![1]!.replace(/&amp;/g, '&')).expect(200)).text;
  expect(older).toContain('Argument 3.');
  expect(older).not.toContain('Argument 4.');
  expect(older).toContain('Les plus récentes');
});

test('an empty record says so; an unknown account is 404; a malformed cursor 400', async () => {
  const quiet = await createCitizen(app, 'Lectrice silencieuse');
  const res = (await contributions(quiet).expect(200)).body;
  expect(res).toEqual({ user: { id: quiet.id, displayName: 'Lectrice silencieuse', kind: 'citizen', assurance: 'none', deleted: false }, counts: { amendments: 0, arguments: 0, annotations: 0, replies: 0 }, contributions: [], next: null, interestRepresentative: null, declarationHistory: [] });
  expect((await app.http.get(`/contributeurs/${quiet.id}`).expect(200)).text).toContain('Aucune contribution publique pour l’instant.');
  expect((await contributions({ id: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
  expect((await contributions({ id: 'pas-un-id' })).status).toBe(404);
  expect((await app.http.get('/contributeurs/pas-un-id')).status).toBe(404);
  expect((await contributions(quiet, '?before=hier')).status).toBe(400);
});

test('a deleted account’s page says « contributeur supprimé » and still lists its contributions, with nothing of the person', async () => {
  const gone = await createCitizen(app, 'Sacha Partie');
  const amendment = await amend(gone);
  await argue(gone, `/api/amendments/${amendment}`, 'Mon propre argument.');
  // the amendment page links its author's name to their public page
  expect((await app.http.get(`/amendements/${amendment}`).expect(200)).text).toContain(`<a href="/contributeurs/${gone.id}">Sacha Partie</a>`);
  await app.http.delete('/api/me').set(auth(gone)).send({ password: 'mot-de-passe-de-test' }).expect(204);

  const res = (await contributions(gone).expect(200)).body;
  expect(res.user).toEqual({ id: gone.id, displayName: 'contributeur supprimé', kind: 'citizen', assurance: 'none', deleted: true });
  expect(res.contributions.map((c: { type: string }) => c.type)).toEqual(['argument', 'amendment']);
  const html = (await app.http.get(`/contributeurs/${gone.id}`).expect(200)).text;
  expect(html).toContain('<h1>contributeur supprimé</h1>');
  expect(html).toContain('Ce compte a été supprimé.');
  expect(html).not.toContain('Sacha');
  expect(html).toContain('Mon propre argument.');
});

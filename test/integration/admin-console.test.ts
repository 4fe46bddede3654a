import { auth, createAdmin, createBill, createCitizen, createUser, SMALL_BILL, startTestApp, type TestApp, type TestUser } from '../helpers/app';

/** The admin console's pages and forms, and the confirmation asked before irreversible actions. */

let app: TestApp;
let admin: TestUser;
let citizen: TestUser;

beforeAll(async () => {
  app = await startTestApp();
  [admin, citizen] = await Promise.all([createAdmin(app), createCitizen(app, 'Zoé Martin')]);
});
afterAll(() => app.close());

const cookie = (who: TestUser) => `palimpseste_session=${who.token}`;
const page = (who: TestUser | null, path: string) => (who ? app.http.get(path).set('Cookie', cookie(who)) : app.http.get(path));
const form = (who: TestUser, path: string, fields: Record<string, string>) =>
  app.http.post(path).type('form').set('Origin', app.url).set('Cookie', cookie(who)).send(fields);
const status = async (billId: string) => (await app.http.get(`/api/bills/${billId}`).set(auth(admin)).expect(200)).body.bill.status as string;

test('the console is for admins only: 404 for visitors, 403 for others, and linked from the admins’ header', async () => {
  for (const path of ['/admin', '/admin/comptes', '/admin/textes/nouveau']) {
    expect((await page(null, path)).status).toBe(404);
    expect((await page(citizen, path)).status).toBe(403);
    expect((await page(admin, path)).status).toBe(200);
  }
  expect((await page(admin, '/')).text).toContain('<a href="/admin">Administration</a>');
  expect((await page(citizen, '/')).text).not.toContain('href="/admin"');
  // the forms too: a citizen cannot change roles through the console
  expect((await form(citizen, `/admin/comptes/${citizen.id}/roles`, { 'role-admin': 'on', confirme: '1' })).status).toBe(403);
});

test('people are found by part of their name or e-mail, and roles change only once confirmed', async () => {
  const clerk = await createUser(app, { displayName: 'Gaëlle Greffier' });
  const found = await page(admin, '/admin/comptes?q=AËLLE');
  expect(found.text).toContain('1 compte pour « AËLLE »');
  expect(found.text).toContain(`/admin/comptes/${clerk.id}`);
  expect((await page(admin, `/admin/comptes?q=${encodeURIComponent(clerk.email.slice(0, 8))}`)).text).toContain('Gaëlle Greffier');
  // LIKE wildcards are taken literally
  expect((await page(admin, '/admin/comptes?q=%25')).text).toContain('0 compte pour');

  // post → redirect → get: the question is a page of its own, the form's fields sealed in its address
  const asking = await form(admin, `/admin/comptes/${clerk.id}/roles`, { nom: 'Gaëlle Greffier', 'role-clerk': 'on' });
  expect(asking.status).toBe(303);
  expect(asking.headers.location).toMatch(/^\/confirmation\?formulaire=[\w-]+$/);
  const unconfirmed = await page(admin, asking.headers.location!);
  expect(unconfirmed.status).toBe(200);
  expect(unconfirmed.text).toContain(`<form method="post" action="/admin/comptes/${clerk.id}/roles"`);
  expect(unconfirmed.text).toContain('<input type="hidden" name="role-clerk" value="on">');
  expect(unconfirmed.text).toContain('Changer les rôles de « Gaëlle Greffier » ?');
  expect(unconfirmed.text).toContain('Rôles après le changement : greffe.');
  expect(unconfirmed.text).toMatch(/<input type="hidden" name="confirme" value="1">/);
  expect((await app.http.get('/api/me').set(auth(clerk))).body.user.roles).toEqual([]);

  const confirmed = await form(admin, `/admin/comptes/${clerk.id}/roles`, { nom: 'Gaëlle Greffier', 'role-clerk': 'on', confirme: '1' });
  expect(confirmed.status).toBe(303);
  expect((await app.http.get('/api/me').set(auth(clerk))).body.user.roles).toEqual(['clerk']);
  // an admin cannot drop their own admin role: said on the account's page
  const self = await form(admin, `/admin/comptes/${admin.id}/roles`, { confirme: '1' });
  expect(self.status).toBe(303);
  expect((await page(admin, self.headers.location!)).text).toContain('Vous ne pouvez pas retirer votre propre rôle d’administrateur.');
});

test('a pasted bill is previewed (or its errors shown line by line) before it is created, as a draft', async () => {
  // a refused creation goes back to the form (post → redirect → get), the text kept and its problems listed
  const refused = await form(admin, '/admin/textes/nouveau', { format: 'texte', texte: `${SMALL_BILL}\nArticle 2\nEncore.\n`, etape: 'creer' });
  expect(refused.status).toBe(303);
  expect(refused.headers.location).toMatch(/^\/admin\/textes\/nouveau\?formulaire=[\w-]+#erreurs$/);
  const broken = await page(admin, refused.headers.location!);
  expect(broken.status).toBe(200);
  expect(broken.text).toMatch(/<title>Erreur/);
  expect(broken.text).toMatch(/Encore\.\s*<\/textarea>/);
  expect(broken.text).toMatch(/<strong>Ligne 13<\/strong> : L’article 2 apparaît deux fois : lignes 10 et 13\.\s*<pre class="issue-line">Article 2<\/pre>/);
  const json = await form(admin, '/admin/textes/nouveau', { format: 'lafabrique', texte: '{"pas du json', etape: 'apercu' });
  expect(json.text).toContain('Ce n’est pas du JSON valide');

  const before = (await app.http.get('/api/bills').set(auth(admin))).body.total as number;
  const preview = await form(admin, '/admin/textes/nouveau', { format: 'texte', texte: SMALL_BILL, titre: '', etape: 'apercu' });
  expect(preview.status).toBe(200);
  expect(preview.text).toContain('Aperçu : PROJET DE LOI pour une République numérique');
  expect(preview.text).toContain('2 articles, 3 alinéas.');
  expect((await app.http.get('/api/bills').set(auth(admin))).body.total).toBe(before);

  const created = await form(admin, '/admin/textes/nouveau', { format: 'texte', texte: SMALL_BILL, titre: 'Loi numérique', etape: 'creer' });
  expect(created.status).toBe(303);
  const billId = /^\/admin\/textes\/([^/?]+)\?ok=/.exec(created.headers.location!)![1]!;
  expect(await status(billId)).toBe('draft');
  expect((await page(admin, '/admin/textes')).text).toContain('Loi numérique');
});

test('a phase move and a member removal go through a confirmation page first; adoption refusals list what to fix', async () => {
  const bill = await createBill(app, admin, { status: 'consultation' });
  const asking = await form(admin, `/textes/${bill.id}/phase`, { statut: 'commission', suite: `/admin/textes/${bill.id}` });
  expect(asking.status).toBe(303);
  const asked = await page(admin, asking.headers.location!);
  expect(asked.status).toBe(200);
  expect(asked.text).toContain('Clore la consultation et réunir la commission ?');
  expect(asked.text).toContain('Les brouillons d’amendement encore ouverts sont figés');
  expect(asked.text).toContain(`<a href="/admin/textes/${bill.id}" class="button secondary">Annuler</a>`);
  expect(await status(bill.id)).toBe('consultation');
  expect((await form(admin, `/textes/${bill.id}/phase`, { statut: 'commission', confirme: '1' })).status).toBe(303);
  expect(await status(bill.id)).toBe('commission');
  // the same move again (another tab, another admin first): refused, back to the page the form was on, said in « Phase »
  const stale = await form(admin, `/textes/${bill.id}/phase`, { statut: 'commission', suite: `/admin/textes/${bill.id}`, confirme: '1' });
  expect(stale.status).toBe(303);
  expect(stale.headers.location).toMatch(new RegExp(`^/admin/textes/${bill.id}\\?formulaire=[\\w-]+#erreurs$`));
  const staleShown = (await page(admin, stale.headers.location!)).text;
  expect(staleShown).toMatch(/<h2 id="phase">Phase<\/h2><div class="alert" role="alert" id="erreurs"/);
  expect(staleShown).toMatch(/<title>Erreur – /);
  // from the bill's page (no `suite`): back to it, the message above the phase form
  const fromBill = await form(admin, `/textes/${bill.id}/phase`, { statut: 'consultation', confirme: '1' });
  expect(fromBill.headers.location).toMatch(new RegExp(`^/textes/${bill.id}\\?formulaire=[\\w-]+#erreurs$`));
  expect((await page(admin, fromBill.headers.location!)).text).toContain('role="alert" id="erreurs"');

  // without members in both colleges, adoption is refused on a page that says how to fix it
  const refused = await form(admin, `/textes/${bill.id}/phase`, { statut: 'adopted', confirme: '1' });
  // post → redirect → get: the refusal (409 in the API) is a 303 to GET /textes/:id/phase, which lists what to fix
  expect(refused.status).toBe(303);
  expect(refused.headers.location).toMatch(new RegExp(`^/textes/${bill.id}/phase\\?formulaire=[\\w-]+$`));
  const refusal = await page(admin, refused.headers.location!);
  expect(refusal.status).toBe(200);
  expect(refusal.text).toContain('Changement de phase impossible');
  expect(refusal.text).toContain(`href="/admin/textes/${bill.id}#commission"`);
  // without a sealed refusal, that address is the bill's page
  expect((await page(admin, `/textes/${bill.id}/phase`)).headers.location).toBe(`/textes/${bill.id}`);

  // a name that is nobody's exactly leads to a page to choose among those that match
  const member = await createUser(app, { displayName: 'Élise Lambert' });
  const partial = await form(admin, `/textes/${bill.id}/commission/membres`, { compte: 'Élise', college: 'elected', suite: `/admin/textes/${bill.id}` });
  expect(partial.status).toBe(303);
  const choose = await page(admin, partial.headers.location!);
  expect(choose.text).toContain('Nommer Élise Lambert');
  expect((await form(admin, `/textes/${bill.id}/commission/membres`, { userId: member.id, college: 'elected' })).status).toBe(303);
  const members = async () => (await app.http.get(`/api/bills/${bill.id}/commission`)).body;
  expect(JSON.stringify(await members())).toContain(member.id);

  const removal = `/admin/textes/${bill.id}/commission/membres/${member.id}/retirer`;
  const removing = await form(admin, removal, { nom: 'Élise Lambert' });
  expect(removing.status).toBe(303);
  expect((await page(admin, removing.headers.location!)).text).toContain('Retirer « Élise Lambert » de la commission ?');
  expect(JSON.stringify(await members())).toContain(member.id);
  expect((await form(admin, removal, { nom: 'Élise Lambert', confirme: '1' })).status).toBe(303);
  expect(JSON.stringify(await members())).not.toContain(member.id);
});

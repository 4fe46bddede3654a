import fs from 'node:fs';
import path from 'node:path';
import { hashToken, newSessionToken } from '../../server/auth/tokens';
import { insertAccountToken, type TokenPurpose } from '../../server/sql/account-tokens';
import { auth, createBill, createCitizen, createUser, useTestApp, type TestUser } from '../helpers/app';

/**
 * Post → redirect → get (issue 16, item 7) for the forms whose success is a page of its own: the
 * pages of e-mail links (a new password, an address confirmed), the unsubscribe button, the
 * parliamentary import's report. Each POST answers 303; the GET it leads to says what happened,
 * and a reload sends nothing again.
 */

const suite = useTestApp();
const DIR = path.join(__dirname, '../../../shared/fixtures/amendments');
/** Five Assemblée amendments (as in parliament-amendments.test.ts), and a bill with articles 3 and 8 of theirs. */
const AN_XML = `<amendements>${['135', '177', '192', '270', '723'].map((f) => fs.readFileSync(path.join(DIR, 'an-plfss2017-4072', `${f}.xml`), 'utf8').replace(/<\?xml[^>]*\?>/, '')).join('\n')}</amendements>`;
const BILL = `PROJET DE LOI de financement de la sécurité sociale\n\nArticle 1er\nPremier article.\n\nArticle 3\n${Array.from({ length: 9 }, (_, i) => `Alinéa ${i + 1} de l’article 3.`).join('\n')}\n\nArticle 8\nHuitième article.\n`;
const STRONG = 'une phrase de passe très solide 77';

const post = (who: TestUser | null, url: string, fields: Record<string, string> | string) => {
  const req = suite.app.http.post(url).type('form').set('Origin', suite.app.url);
  return (who ? req.set('Cookie', `palimpseste_session=${who.token}`) : req).send(fields);
};
const get = (who: TestUser | null, url: string) => {
  const req = suite.app.http.get(url.replace(/#.*/, ''));
  return who ? req.set('Cookie', `palimpseste_session=${who.token}`) : req;
};

async function linkToken(user: TestUser, purpose: TokenPurpose, email?: string): Promise<string> {
  const token = newSessionToken();
  await insertAccountToken(suite.app.testDb.db, { hash: hashToken(token), userId: user.id, purpose, ttlSeconds: 3600, ...(email ? { email } : {}) });
  return token;
}

test('a new password: success is a 303 to a page that says so; the used link, posted again, is a 303 to a page that says it served', async () => {
  const user = await createCitizen(suite.app);
  const token = await linkToken(user, 'password_reset');
  const done = await post(null, '/mot-de-passe/nouveau', { jeton: token, password: STRONG });
  expect(done.status).toBe(303);
  expect(done.headers.location).toMatch(/^\/mot-de-passe\/nouveau\?formulaire=[\w-]+$/);
  expect(done.headers.location).not.toContain(token);
  const shown = await get(null, done.headers.location!);
  expect(shown.status).toBe(200);
  expect(shown.text).toContain('<h1>Mot de passe changé</h1>');
  expect(shown.text).not.toContain(STRONG);
  await suite.app.http.post('/api/auth/login').send({ email: user.email, password: STRONG }).expect(200);

  const again = await post(null, '/mot-de-passe/nouveau', { jeton: token, password: `${STRONG} bis` });
  expect(again.status).toBe(303);
  expect(again.headers.location).toMatch(new RegExp(`^/mot-de-passe/nouveau\\?jeton=${token}&formulaire=[\\w-]+#erreurs$`));
  const dead = await get(null, again.headers.location!);
  expect(dead.text).toMatch(/<title>Erreur – Nouveau mot de passe/);
  expect(dead.text).toContain('role="alert"');
  expect(dead.text).toContain('href="/mot-de-passe-oublie"');
  expect(dead.text).not.toContain('name="password"');
  // a token the page never gives: 303 to the address that says the link is not valid
  const bogus = await post(null, '/mot-de-passe/nouveau', { jeton: 'court', password: STRONG });
  expect(bogus.headers.location).toBe('/mot-de-passe/nouveau');
  expect((await get(null, bogus.headers.location!)).status).toBe(400);
});

test.each([
  ['/compte/confirmer-adresse', 'verify_email', 'Votre adresse électronique est confirmée.'],
  ['/compte/confirmer-nouvelle-adresse', 'email_change', 'Votre nouvelle adresse est confirmée'],
] as const)('%s: success and a dead link are 303s to the link’s page, which says what happened', async (where, purpose, said) => {
  const user = await createCitizen(suite.app);
  const token = await linkToken(user, purpose, purpose === 'email_change' ? `nouvelle-${user.email}` : user.email);
  const done = await post(user, where, { jeton: token });
  expect(done.status).toBe(303);
  expect(done.headers.location).toMatch(new RegExp(`^${where}\\?formulaire=[\\w-]+$`));
  const shown = await get(user, done.headers.location!);
  expect(shown.status).toBe(200);
  expect(shown.text).toContain(said);
  expect(shown.text).toContain('href="/compte"');

  const again = await post(null, where, { jeton: token });
  expect(again.status).toBe(303);
  expect(again.headers.location).toMatch(new RegExp(`^${where}\\?formulaire=[\\w-]+#erreurs$`));
  const dead = await get(null, again.headers.location!);
  expect(dead.text).toMatch(/<title>Erreur – /);
  expect(dead.text).toContain('role="alert"');
  expect(dead.text).not.toContain(said);
});

test('unsubscribe: the page’s button gets a 303 to the link’s page saying it is done; the one-click POST of RFC 8058 is a 200 in place', async () => {
  const user = await createCitizen(suite.app);
  const links = await suite.app.mail.links();
  const button = await post(null, `/courriels/desabonnement/${links.token(user.id, 'appointed')}`, { 'depuis-la-page': '1' });
  expect(button.status).toBe(303);
  const shown = await get(null, button.headers.location!);
  expect(shown.status).toBe(200);
  expect(shown.text).toContain('<h1>Désabonnement enregistré</h1>');
  const prefs = await suite.app.http.get('/api/me/notification-preferences').set(auth(user)).expect(200);
  expect(prefs.body.preferences.appointed).toBe('never');
  // without the sealed state, the link's page asks again (nothing is done by a GET)
  expect((await get(null, `/courriels/desabonnement/${links.token(user.id, 'appointed')}`)).text).toContain('Confirmer le désabonnement');

  const oneClick = await suite.app.http.post(`/courriels/desabonnement/${links.token(user.id, 'all')}`).type('form').send('List-Unsubscribe=One-Click');
  expect(oneClick.status).toBe(200);
  expect(oneClick.text).toContain('Désabonnement enregistré');
  // RFC 8058 says a mail client SHOULD post multipart/form-data: answered in place too, and done
  const other = await createCitizen(suite.app);
  const multipart = await suite.app.http.post(`/courriels/desabonnement/${links.token(other.id, 'appointed')}`).field('List-Unsubscribe', 'One-Click');
  expect(multipart.status).toBe(200);
  expect((await suite.app.http.get('/api/me/notification-preferences').set(auth(other)).expect(200)).body.preferences.appointed).toBe('never');
  // a « done » sealed for one flow says nothing on another flow's page (here: the new-password page)
  const done = new URL(button.headers.location!, 'http://x').searchParams.get('formulaire')!;
  const elsewhere = await get(null, `/mot-de-passe/nouveau?formulaire=${done}`);
  expect(elsewhere.text).not.toContain('Mot de passe changé');
});

test('the parliamentary import: success is a 303 to the form’s page showing the report, kept for its author only', async () => {
  const { admin } = suite;
  const clerk = await createUser(suite.app, { roles: ['clerk'] });
  const bill = await createBill(suite.app, admin, { text: BILL, status: 'consultation' });
  const xml = AN_XML;
  const url = `/textes/${bill.id}/amendements/importer`;
  const as = { ...clerk };
  const done = await post(as, url, { format: 'an-xml', donnees: xml });
  expect(done.status).toBe(303);
  expect(done.headers.location).toMatch(new RegExp(`^${url}\\?rapport=[0-9a-f-]{36}#resultat$`));
  const shown = await get(as, done.headers.location!);
  expect(shown.status).toBe(200);
  expect(shown.text).toContain('<h2 id="resultat">Résultat de l’import</h2>');
  expect(shown.text).toContain('4 amendements importés, 1 écarté.');
  expect(shown.text).toContain('aucun article 9 dans ce projet de loi');
  // the same file again: everything skipped, the long list shown too, the form empty again
  const again = await post(as, url, { format: 'an-xml', donnees: xml });
  const second = await get(as, again.headers.location!);
  expect(second.text).toContain('0 amendement importé, 5 écartés.');
  expect(second.text).toContain('déjà importé');
  expect(second.text).toMatch(/<textarea id="donnees"[^>]*><\/textarea>/);
  // another account (even one that may import) does not read it
  const other = await get(await createUser(suite.app, { roles: ['clerk'] }), done.headers.location!);
  expect(other.status).toBe(200);
  expect(other.text).not.toContain('Résultat de l’import');
  expect(other.text).toContain('Le rapport de cet import n’est plus disponible');
  // the JSON API is unchanged: 201 with the report
  const api = await suite.app.http.post(`/api/bills/${bill.id}/amendments/import`).set(auth(clerk)).send({ format: 'an-xml', data: xml });
  expect(api.status).toBe(201);
  expect(api.body.imported).toBe(0);
});

test('the confirmation gate (no JavaScript): a 303 to GET /confirmation with the fields sealed; a seed is never put in an address, so that form is asked in place', async () => {
  const { admin } = suite;
  const bill = await createBill(suite.app, admin, { status: 'consultation' });
  const asking = await post(admin, `/textes/${bill.id}/phase`, { statut: 'commission', suite: `/admin/textes/${bill.id}` });
  expect(asking.status).toBe(303);
  expect(asking.headers.location).toMatch(/^\/confirmation\?formulaire=[\w-]+$/);
  const asked = await get(admin, asking.headers.location!);
  expect(asked.status).toBe(200);
  expect(asked.text).toContain(`<form method="post" action="/textes/${bill.id}/phase"`);
  expect(asked.text).toContain('<input type="hidden" name="statut" value="commission">');
  expect(asked.text).toContain('<input type="hidden" name="confirme" value="1">');
  expect(asked.text).toContain(`href="/admin/textes/${bill.id}" class="button secondary">Annuler</a>`);
  // the link asks its own author only: another account opening it is asked nothing (sent back)
  const other = await createUser(suite.app, { roles: ['admin'] });
  const foreign = await get(other, asking.headers.location!);
  expect(foreign.status).toBe(303);
  expect(foreign.headers.location).toBe(`/admin/textes/${bill.id}`);
  // no state (or a stale one): nothing to ask, home
  expect((await get(admin, '/confirmation')).headers.location).toBe('/');
  expect((await get(admin, '/confirmation?formulaire=abc')).status).toBe(303);

  const seed = 'graine-secrete-du-tirage-123';
  const inPlace = await post(admin, `/textes/${bill.id}/tirage/tirer`, { graine: seed });
  expect(inPlace.status).toBe(200);
  expect(inPlace.text).toContain('Tirer au sort le collège citoyen ?');
  expect(inPlace.headers.location).toBeUndefined();
});

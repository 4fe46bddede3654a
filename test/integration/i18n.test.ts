import { auth, createBill, createCitizen, useTestApp } from '../helpers/app';
import { frenchLooking } from '../helpers/i18n-html';

/** English as a second language of the interface (issue 16 › 5): the pages, the switch, the cookie. */
const ctx = useTestApp();

/** The lang cookie as a browser would send it back. */
const langCookie = (res: { headers: Record<string, unknown> }): string => {
  const set = ([] as string[]).concat((res.headers['set-cookie'] as string[] | string | undefined) ?? []);
  const c = set.find((s) => s.startsWith('lang='));
  if (!c) throw new Error('no lang cookie');
  return c.split(';')[0]!;
};

async function fixture() {
  const { app, admin } = ctx;
  const bill = await createBill(app, admin, { status: 'consultation' });
  const art = bill.articles[0]!;
  const citizen = await createCitizen(app, 'Sam Citizen');
  const amendment = (await app.http.post(`/api/articles/${art.id}/amendments`).set(auth(citizen))
    .send({ kind: 'modify', alineas: [art.alineas[0], 'Elles les publient en ligne pour chaque école.'], rationale: 'Les écoles doivent trouver les documents.', submit: true }).expect(201)).body.amendment.id as string;
  return { bill, art, amendment };
}

test('?lang=en sets a cookie for a year; the cookie is remembered; ?lang=fr brings French back', async () => {
  const { app } = ctx;
  const first = await app.http.get('/?lang=en').expect(200);
  expect(first.text).toContain('<html lang="en">');
  expect(first.headers['set-cookie']!.toString()).toMatch(/lang=en;.*Max-Age=31536000/);
  const cookie = langCookie(first);
  const again = await app.http.get('/').set('Cookie', cookie).expect(200);
  expect(again.text).toContain('<html lang="en">');
  expect(again.headers.vary).toMatch(/Accept-Language/);
  const back = await app.http.get('/?lang=fr').set('Cookie', cookie).expect(200);
  expect(back.text).toContain('<html lang="fr">');
  expect(langCookie(back)).toBe('lang=fr');
  // no choice made: French, even for a browser asking English first but naming French
  expect((await app.http.get('/').set('Accept-Language', 'en-US,en;q=0.9,fr;q=0.5')).text).toContain('<html lang="fr">');
  expect((await app.http.get('/').set('Accept-Language', 'en-GB,en;q=0.9')).text).toContain('<html lang="en">');
  expect((await app.http.get('/')).text).toContain('<html lang="fr">');
});

test('the switch: in every header, a link to the same page in the other language, named in that language', async () => {
  const { app } = ctx;
  const { art } = await fixture();
  const page = (await app.http.get(`/articles/${art.id}?lang=en`).expect(200)).text;
  expect(page).toContain('<nav class="lang-switch" aria-label="Language">');
  expect(page).toContain(`<a href="/articles/${art.id}?lang=fr" hreflang="fr" lang="fr">Français</a>`);
  expect(page).toContain(`<a href="/articles/${art.id}?lang=en" hreflang="en" lang="en" aria-current="true">English</a>`);
});

test('English pages: legal texts, amendments and bill titles stay French inside lang="fr"; nothing else looks French', async () => {
  const { app } = ctx;
  const { bill, art, amendment } = await fixture();
  const pages = ['/', `/textes/${bill.id}`, `/articles/${art.id}`, `/articles/${art.id}/amendements`, `/amendements/${amendment}`,
    '/recherche?q=ecole', '/glossaire', '/connexion', '/inscription', '/nulle-part', '/accessibilite', '/plan-du-site', '/charte-de-moderation'];
  const offending: Record<string, string[]> = {};
  for (const path of pages) {
    const res = await app.http.get(path).set('Cookie', 'lang=en');
    expect(res.text).toContain('<html lang="en">');
    const french = frenchLooking(res.text);
    if (french.length) offending[path] = french;
  }
  expect(offending).toEqual({});
  const article = (await app.http.get(`/articles/${art.id}`).set('Cookie', 'lang=en')).text;
  expect(article).toMatch(/<div class="bill-text" lang="fr">/);
  // the window title: the interface's words in English around the French bill title
  expect(article).toMatch(/<title>Article 1er – Projet de loi de test · Palimpseste<\/title>/);
  const amendmentPage = (await app.http.get(`/amendements/${amendment}`).set('Cookie', 'lang=en')).text;
  expect(amendmentPage).toContain('<title>Amendment no. 1 – article 1er');
  expect(amendmentPage).toMatch(/<div class="rationale" lang="fr">/);
  expect(amendmentPage).toMatch(/<article class="liasse" lang="fr"/);
});

test('English consoles and dashboards (signed in as an admin): account, administration, moderation, commission, sortition, history, opinion map, footprint, hearings, contributor, mediation', async () => {
  const { app, admin } = ctx;
  const { bill, art, amendment } = await fixture();
  const citizen = await createCitizen(app, 'Alex Citizen');
  const pages = ['/compte', '/admin', '/admin/textes', `/admin/textes/${bill.id}`, '/admin/comptes', `/admin/comptes/${citizen.id}`, '/admin/courriels',
    '/moderation', '/moderation/signalements', '/moderation/appels', `/moderation/comptes/${citizen.id}`,
    `/textes/${bill.id}/commission`, `/textes/${bill.id}/tirage`, `/textes/${bill.id}/historique`, `/articles/${art.id}/historique`, `/amendements/${amendment}/historique`,
    `/textes/${bill.id}/opinions`, `/textes/${bill.id}/empreinte`, `/articles/${art.id}/empreinte`, `/textes/${bill.id}/auditions`,
    '/mediation/code', '/notifications', `/contributeurs/${citizen.id}`, '/compte/representant-interets', '/classements'];
  const offending: Record<string, string[]> = {};
  for (const path of pages) {
    const res = await app.http.get(path).set('Cookie', 'lang=en').set(auth(admin));
    expect(`${path} ${res.status}`).toBe(`${path} 200`);
    expect(res.text).toContain('<html lang="en">');
    const french = frenchLooking(res.text);
    if (french.length) offending[path] = french;
  }
  expect(offending).toEqual({});
  // the same pages stay French by default
  expect((await app.http.get(`/textes/${bill.id}/historique`).set(auth(admin))).text).toContain('Amendement n° 1 déposé');
});

test('a form refused after its body was read answers in the visitor’s language', async () => {
  const { app } = ctx;
  const res = await app.http.post('/connexion').type('form').set('Origin', app.url).set('Cookie', 'lang=en').send({ email: 'nobody@example.org', password: 'wrong password' });
  expect(res.status).toBe(303); // back to the form, which shows the refusal (post → redirect → get)
  const shown = await app.http.get(res.headers.location!).set('Cookie', 'lang=en');
  expect(shown.text).toContain('<html lang="en">');
  expect(shown.text).toContain('Sign in');
  expect(shown.text).toContain('role="alert"');
});

import { auth, createBill, createCitizen, startTestApp, useTestApp, type TestUser } from '../helpers/app';

/**
 * Post → redirect → get (issue 16, item 7): a refused form answers 303 to its form page (GET), which
 * shows the refusal and what was typed — never a password — so that a reload sends nothing again.
 * (The JSON API keeps its statuses: 401 for a wrong password, 400 for an invalid body.)
 */

const suite = useTestApp();

/** A browser's form post: same origin, the session cookie. */
const post = (who: TestUser | null, path: string, fields: Record<string, string>) => {
  const req = suite.app.http.post(path).type('form').set('Origin', suite.app.url);
  return (who ? req.set('Cookie', `palimpseste_session=${who.token}`) : req).send(fields);
};
const get = (who: TestUser | null, path: string) => {
  const req = suite.app.http.get(path);
  return who ? req.set('Cookie', `palimpseste_session=${who.token}`) : req;
};

const SECRET = 'secret-tres-visible-123';
const TOKEN = 'a'.repeat(43);

interface Case {
  name: string;
  path: string;
  fields: Record<string, string>;
  /** the form page the refusal goes back to (a prefix of the address, before `formulaire`) */
  back: RegExp;
  shows: (string | RegExp)[];
  signedIn?: boolean;
}

const CASES: Case[] = [
  { name: 'sign-in', path: '/connexion', fields: { email: 'personne@exemple.fr', password: SECRET, suite: '/recherche' },
    back: /^\/connexion\?suite=%2Frecherche&formulaire=[\w-]+#erreurs$/, shows: ['role="alert"', 'value="personne@exemple.fr"', 'name="suite" value="/recherche"'] },
  { name: 'sign-up', path: '/inscription', fields: { displayName: 'Zoé Essai', email: 'zoe@exemple.fr', password: 'court', kind: 'organisation' },
    back: /^\/inscription\?formulaire=[\w-]+#erreurs$/, shows: ['id="password-error"', 'value="Zoé Essai"', 'value="zoe@exemple.fr"', /value="organisation" checked/] },
  { name: 'forgotten password', path: '/mot-de-passe-oublie', fields: { email: 'pas-une-adresse' },
    back: /^\/mot-de-passe-oublie\?formulaire=[\w-]+#erreurs$/, shows: ['role="alert"', 'value="pas-une-adresse"'] },
  { name: 'new password', path: '/mot-de-passe/nouveau', fields: { jeton: TOKEN, password: 'court' },
    back: new RegExp(`^/mot-de-passe/nouveau\\?jeton=${TOKEN}&formulaire=[\\w-]+#erreurs$`), shows: ['role="alert"', 'id="password-error"', `value="${TOKEN}"`] },
  { name: 'account: password change', path: '/compte/mot-de-passe', fields: { currentPassword: SECRET, password: 'court' }, signedIn: true,
    back: /^\/compte\?formulaire=[\w-]+#mot-de-passe$/, shows: ['role="alert"', 'id="new-password-error"'] },
  { name: 'account: address change', path: '/compte/adresse', fields: { email: 'nouvelle@', currentPassword: SECRET }, signedIn: true,
    back: /^\/compte\?formulaire=[\w-]+#adresse$/, shows: ['role="alert"', 'value="nouvelle@"', /<details open>/] },
  { name: 'account: mail preferences', path: '/compte/courriels', fields: { response: 'jamais-de-la-vie' }, signedIn: true,
    back: /^\/compte\?formulaire=[\w-]+#courriels$/, shows: ['role="alert"'] },
  { name: 'account: deletion', path: '/compte/supprimer', fields: { password: SECRET }, signedIn: true,
    back: /^\/compte\?formulaire=[\w-]+#supprimer$/, shows: ['role="alert"', 'id="delete-password-error"'] },
];

describe.each(CASES)('$name', (c) => {
  test('a refusal is a 303 to the form page; the GET shows the error and the values, never the password', async () => {
    const who = c.signedIn ? await createCitizen(suite.app) : null;
    const res = await post(who, c.path, c.fields);
    expect(res.status).toBe(303);
    expect(res.headers.location!).toMatch(c.back);
    expect(res.text).not.toContain(SECRET);
    const page = await get(who, res.headers.location!);
    expect(page.status).toBe(200);
    for (const s of c.shows) expect(page.text).toMatch(s);
    expect(page.text).not.toContain(SECRET);
    expect(page.text).toMatch(/<title>Erreur/);
    // the address alone, without the sealed state, is the plain form again
    const plain = await get(who, res.headers.location!.replace(/[?&]formulaire=[\w-]+/, ''));
    expect(plain.text).not.toContain('role="alert"');
  });
});

test('the sealed state is not forged nor replayed forever: a tampered one shows the plain form', async () => {
  const res = await post(null, '/connexion', { email: 'x@exemple.fr', password: SECRET });
  const tampered = res.headers.location!.replace(/formulaire=([\w-])/, (_m: string, c: string) => `formulaire=${c === 'A' ? 'B' : 'A'}`);
  const page = await get(null, tampered);
  expect(page.status).toBe(200);
  expect(page.text).not.toContain('role="alert"');
});

test('a request for a new password, once received, is a 303 too: a reload does not send another mail', async () => {
  const res = await post(null, '/mot-de-passe-oublie', { email: 'quelquun@exemple.fr' });
  expect(res.status).toBe(303);
  const page = await get(null, res.headers.location!);
  expect(page.text).toContain('role="status"');
  expect(page.text).toContain('quelquun@exemple.fr');
});

test('formOperation’s default refusal: a form that names its page (the amendment page’s vote) comes back there with the message', async () => {
  const bill = await createBill(suite.app, suite.admin, { status: 'consultation' });
  const alice = await createCitizen(suite.app, 'Alice');
  const res = await suite.app.http.post(`/api/articles/${bill.articles[0]!.id}/amendments`).set(auth(alice))
    .send({ kind: 'modify', alineas: ['Les administrations publient tout.'], rationale: 'Plus clair.', submit: true }).expect(201);
  const id = res.body.amendment.id as string;
  const bob = await createCitizen(suite.app, 'Bob');
  const refused = await post(bob, `/amendements/${id}/vote`, { value: 'n-importe-quoi' });
  expect(refused.status).toBe(303);
  expect(refused.headers.location).toMatch(new RegExp(`^/amendements/${id}\\?formulaire=[\\w-]+#erreurs$`));
  const page = await get(bob, refused.headers.location!);
  expect(page.status).toBe(200);
  expect(page.text).toContain('id="erreurs"');
  expect(page.text).toMatch(/<title>Erreur/);
});

test('a sign-in refused by a 303 still counts as a failed login: the limiter locks the account all the same', async () => {
  const limited = await startTestApp({ rateLimits: true, rateLimitBudget: { loginFailuresPerAccount: 3, loginFailuresPerAccountAllIps: 3, writesPerIp: 1000, writesPerAccount: 1000 } });
  try {
    const who = { email: 'visee@exemple.fr', password: 'une phrase de passe solide 42' };
    await limited.http.post('/api/auth/register').send({ ...who, displayName: 'Visée' }).expect(201);
    const htmlLogin = (password: string) => limited.http.post('/connexion').type('form').set('Origin', limited.url).send({ email: who.email, password });
    for (let i = 0; i < 3; i++) expect((await htmlLogin('faux mot de passe')).status).toBe(303);
    // the right password no longer gets through: the three refusals were counted, not refunded as « successes »
    expect((await htmlLogin(who.password)).status).toBe(429);
  } finally {
    await limited.close();
  }
});

import { SESSION_COOKIE } from '../../server/auth/tokens';
import { auth, createBill, createCitizen, startTestApp, type TestApp, type TestUser } from '../helpers/app';
import { CookieClient, signInAtProvider, startTestProvider, type TestProvider } from '../helpers/oidc';

/**
 * Signing in with OpenID Connect against a real provider (oidc-provider in a child process on
 * loopback): account creation, linking (password; verified e-mail match; from « Mon compte »),
 * `state` and `nonce` checks, and tallies of verified identities only.
 */
let provider: TestProvider;
let app: TestApp;
let admin: TestUser;
let subjects = 0;

beforeAll(async () => {
  provider = await startTestProvider();
  app = await startTestApp({ oidc: provider.config });
  await provider.register([`${app.url}/auth/oidc/callback`]);
  admin = await createCitizen(app, 'Admin');
  await app.testDb.db.query(`UPDATE users SET roles = '{admin}' WHERE id = $1`, [admin.id]);
});

afterAll(async () => {
  await app?.close();
  await provider?.stop();
});

/** A person at the provider; their claims include what Palimpseste must not keep. */
async function providerAccount(claims: Record<string, unknown>) {
  subjects += 1;
  const login = `personne${subjects}`;
  const account = { login, password: `pw-${login}`, sub: `sub-${subjects}-${Date.now()}` };
  await provider.addAccount({
    ...account,
    claims: { given_name: 'Camille', family_name: 'Durand', birthdate: '1984-07-14', email_verified: true, ...claims },
  });
  return account;
}

/** Starts a sign-in in a fresh browser (or `browser`), signs in at the provider, returns the callback URL. */
async function toCallback(account: { login: string; password: string }, browser = new CookieClient()) {
  const startUrl = `${app.url}/auth/oidc/login`;
  const start = await browser.request(startUrl);
  expect(start.status).toBe(302);
  return { browser, callback: await signInAtProvider(browser, start, startUrl, account) };
}

async function me(browser: CookieClient) {
  const res = await browser.request(`${app.url}/api/me`);
  return { status: res.status, body: (await res.json()) as { user: { id: string; displayName: string; assurance: string; emailVerified: boolean } } };
}

const countUsers = async () => (await app.testDb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users')).rows[0]!.n;

describe('sign-in with a provider', () => {
  test('no configuration: the routes answer 404 and no button shows', async () => {
    const plain = await startTestApp();
    try {
      expect((await plain.http.get('/auth/oidc/login')).status).toBe(404);
      expect((await plain.http.get('/auth/oidc/callback?code=x&state=y')).status).toBe(404);
      expect((await plain.http.get('/connexion')).text).not.toContain('/auth/oidc/login');
    } finally {
      await plain.close();
    }
    expect((await app.http.get('/connexion')).text).toContain('Se connecter avec Fournisseur de test');
  });

  test('the authorization request carries PKCE (S256), state and nonce; the flow cookie is HttpOnly', async () => {
    const res = await new CookieClient().request(`${app.url}/auth/oidc/login`);
    const url = new URL(res.headers.get('location')!);
    expect(url.origin).toBe(provider.issuer);
    for (const p of ['state', 'nonce', 'code_challenge']) expect(url.searchParams.get(p)).toMatch(/^[\w-]{20,}$/);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('redirect_uri')).toBe(`${app.url}/auth/oidc/callback`);
    expect(res.headers.getSetCookie().join()).toMatch(/palimpseste_oidc=[^;]+;.*HttpOnly/i);
  });

  test('a first sign-in creates an account with the display name and e-mail only, verified; the next one signs it in', async () => {
    const account = await providerAccount({ name: 'Camille Durand', email: 'camille.durand@example.test' });
    const before = await countUsers();
    const flows = async () => (await app.testDb.db.query('SELECT 1 FROM oidc_flows')).rowCount;
    const flowsBefore = await flows();
    const { browser, callback } = await toCallback(account);
    expect(await flows()).toBe(flowsBefore + 1);
    const done = await browser.request(callback);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/');
    // used once: the flow is gone
    expect(await flows()).toBe(flowsBefore);
    const first = await me(browser);
    expect(first.status).toBe(200);
    expect(first.body.user).toMatchObject({ displayName: 'Camille Durand', assurance: 'verified', emailVerified: true });
    expect(await countUsers()).toBe(before + 1);

    const row = (await app.testDb.db.query<{ email: string; password_hash: string | null; everything: string }>(
      'SELECT email, password_hash, row_to_json(u)::text AS everything FROM users u WHERE id = $1', [first.body.user.id])).rows[0]!;
    expect(row.email).toBe('camille.durand@example.test');
    expect(row.password_hash).toBeNull();
    // never kept: the provider's other personal data
    const identities = (await app.testDb.db.query('SELECT row_to_json(i)::text AS t FROM identities i WHERE user_id = $1', [first.body.user.id])).rows;
    expect(identities).toHaveLength(1);
    for (const text of [row.everything, JSON.stringify(identities)]) {
      expect(text).not.toContain('1984-07-14');
      expect(text).not.toMatch(/given_name|family_name|birthdate/);
    }
    expect(JSON.stringify(identities)).toContain(account.sub);

    // second sign-in: same account, no new one
    const again = await toCallback(account);
    expect((await again.browser.request(again.callback)).status).toBe(303);
    expect((await me(again.browser)).body.user.id).toBe(first.body.user.id);
    expect(await countUsers()).toBe(before + 1);

    // password sign-in is refused cleanly: the account has no password
    const login = await app.http.post('/api/auth/login').send({ email: 'camille.durand@example.test', password: 'n-importe-quoi-123' });
    expect(login.status).toBe(401);
    expect(login.body.error.code).toBe('unauthenticated');
    // and the public name carries the badge
    expect((await app.http.get(`/contributeurs/${first.body.user.id}`)).text).toContain('identité vérifiée');
  });

  test('an account with neither password nor identity cannot exist; a password-less account cannot detach its only identity', async () => {
    await expect(app.testDb.db.query(`INSERT INTO users (email, password_hash, display_name) VALUES ('orphelin@example.test', NULL, 'Orphelin')`))
      .rejects.toThrow(/neither a password nor a linked identity/);
    const account = await providerAccount({ name: 'Sans Mot de passe', email: 'sans.mdp@example.test' });
    const { browser, callback } = await toCallback(account);
    await browser.request(callback);
    const detach = await browser.request(`${app.url}/compte/identite/detacher`, { form: { issuer: provider.issuer } });
    // post → redirect → get: the refusal (409) is said in « Identité vérifiée » of « Mon compte »
    expect(detach.status).toBe(303);
    expect(detach.headers.get('location')).toMatch(/^\/compte\?formulaire=[\w-]+#erreurs$/);
    const said = await (await browser.request(`${app.url}${detach.headers.get('location')!.replace(/#.*/, '')}`)).text();
    expect(said).toMatch(/<h2 id="identite">Identité vérifiée<\/h2>\s*<div class="alert" role="alert" id="erreurs" tabindex="-1"><p>Votre compte n’a pas de mot de passe/);
    expect((await me(browser)).body.user.assurance).toBe('verified');
    // deleting it asks for a password it does not have: a clear refusal, nothing deleted
    const del = await app.http.delete('/api/me').set(auth({ token: browser.cookie(app.url, SESSION_COOKIE)! })).send({ password: 'quelque-chose' });
    expect(del.status).toBe(403);
    expect(del.body.error.message).toContain('pas de mot de passe');
  });

  test('hostile input on the sign-in routes is a 4xx (or the provider redirect), never a 500', async () => {
    // sent as they are in the address: malformed escapes, NUL, a lone surrogate, open-redirect attempts
    const values = ['', '%', '%zz', 'a%00b', '%ED%A0%80', 'x'.repeat(5000), '//evil.example', 'https%3A%2F%2Fevil.example%2F', '..%2F..%2Fetc%2Fpasswd', '%3Cscript%3E', '0'];
    const browser = new CookieClient();
    for (const v of values) {
      const q = v;
      for (const path of [`/auth/oidc/callback?code=${q}&state=${q}`, `/auth/oidc/callback?error=${q}`, `/auth/oidc/callback?iss=${q}&code=a&state=b`, `/auth/oidc/lier`]) {
        const res = await browser.request(`${app.url}${path}`);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }
      const login = await browser.request(`${app.url}/auth/oidc/login?suite=${q}`);
      expect(login.status).toBe(302);
      expect(new URL(login.headers.get('location')!).origin).toBe(provider.issuer);
      // no link waiting: post → redirect → get, to a page that says so
      const post = await browser.request(`${app.url}/auth/oidc/lier`, { form: { password: v } });
      expect(post.status).toBe(303);
      expect(post.headers.get('location')).toMatch(/^\/auth\/oidc\/lier\?formulaire=[\w-]+#erreurs$/);
    }
    // the callback with the browser's real flow but a hostile code: refused by the provider, a 4xx
    const startUrl = `${app.url}/auth/oidc/login`;
    const start = await browser.request(startUrl);
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const bad = await browser.request(`${app.url}/auth/oidc/callback?code=${encodeURIComponent('pas-un-code')}&state=${state}`);
    expect(bad.status).toBe(400);
  });

  test('a display name is made from given and family names when the provider sends no name', async () => {
    const account = await providerAccount({ email: 'sans.nom@example.test' });
    const { browser, callback } = await toCallback(account);
    await browser.request(callback);
    expect((await me(browser)).body.user.displayName).toBe('Camille Durand');
  });
});

describe('linking an existing account', () => {
  async function registered(email: string) {
    const res = await app.http.post('/api/auth/register').send({ email, password: 'une phrase de passe solide 42', displayName: 'Inscrite' });
    expect(res.status).toBe(201);
    return res.body.user as { id: string };
  }

  test('an unverified address asks for the account’s password before linking', async () => {
    const local = await registered('dominique@example.test');
    const account = await providerAccount({ name: 'Dominique', email: 'dominique@example.test' });
    const before = await countUsers();
    const { browser, callback } = await toCallback(account);
    const done = await browser.request(callback);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/auth/oidc/lier');
    expect((await me(browser)).status).toBe(401);
    const pagePassword = await browser.request(`${app.url}/auth/oidc/lier`);
    expect(pagePassword.status).toBe(200);
    expect(await pagePassword.text()).toContain('dominique@example.test');

    const wrong = await browser.request(`${app.url}/auth/oidc/lier`, { form: { password: 'pas le bon mot de passe' } });
    // post → redirect → get: the refusal (401 in the API) comes back to the linking page, without the password
    expect(wrong.status).toBe(303);
    expect(wrong.headers.get('location')).toMatch(/^\/auth\/oidc\/lier\?formulaire=[\w-]+#erreurs$/);
    const shown = await browser.request(`${app.url}${wrong.headers.get('location')!.replace(/#.*/, '')}`);
    expect(shown.status).toBe(200);
    const shownText = await shown.text();
    expect(shownText).toContain('Mot de passe incorrect');
    expect(shownText).not.toContain('pas le bon mot de passe');
    expect((await app.testDb.db.query('SELECT 1 FROM identities WHERE user_id = $1', [local.id])).rowCount).toBe(0);

    const right = await browser.request(`${app.url}/auth/oidc/lier`, { form: { password: 'une phrase de passe solide 42' } });
    expect(right.status).toBe(303);
    const signedIn = await me(browser);
    expect(signedIn.body.user).toMatchObject({ id: local.id, displayName: 'Inscrite', assurance: 'verified' });
    expect(await countUsers()).toBe(before);
    // single use: the page is gone; posting again is sent (303) to a page that says so
    expect((await browser.request(`${app.url}/auth/oidc/lier`)).status).toBe(400);
    const again = await browser.request(`${app.url}/auth/oidc/lier`, { form: { password: 'une phrase de passe solide 42' } });
    expect(again.status).toBe(303);
    const ended = await browser.request(`${app.url}${again.headers.get('location')!.replace(/#.*/, '')}`);
    expect(ended.status).toBe(200);
    expect(await ended.text()).toContain('Ce rattachement a expiré ou a déjà servi');
  });

  test('a verified address on both sides links at once', async () => {
    const local = await registered('eloise@example.test');
    await app.testDb.db.query('UPDATE users SET email_verified_at = now() WHERE id = $1', [local.id]);
    const account = await providerAccount({ name: 'Éloïse', email: 'ELOISE@example.test', email_verified: true });
    const { browser, callback } = await toCallback(account);
    expect((await browser.request(callback)).status).toBe(303);
    expect((await me(browser)).body.user).toMatchObject({ id: local.id, assurance: 'verified' });
  });

  test('the provider not vouching for the address means the password is asked for, even if the account verified it', async () => {
    const local = await registered('fanny@example.test');
    await app.testDb.db.query('UPDATE users SET email_verified_at = now() WHERE id = $1', [local.id]);
    const account = await providerAccount({ name: 'Fanny', email: 'fanny@example.test', email_verified: false });
    const { browser, callback } = await toCallback(account);
    expect((await browser.request(callback)).headers.get('location')).toBe('/auth/oidc/lier');
    expect((await app.testDb.db.query('SELECT 1 FROM identities WHERE user_id = $1', [local.id])).rowCount).toBe(0);
  });

  test('a signed-in person links from « Mon compte », and may detach it while keeping a password', async () => {
    const local = await registered('gael@example.test');
    const login = await app.http.post('/api/auth/login').send({ email: 'gael@example.test', password: 'une phrase de passe solide 42' });
    const browser = new CookieClient();
    browser.setCookie(app.url, SESSION_COOKIE, login.body.token as string);
    expect(await (await browser.request(`${app.url}/compte`)).text()).toContain('Relier mon compte à Fournisseur de test');
    const start = await browser.request(`${app.url}/compte/identite`, { form: {} });
    expect(start.status).toBe(303);
    // another address at the provider: linking from the account does not look at addresses
    const account = await providerAccount({ name: 'Gaël', email: 'autre-adresse@example.test' });
    const callback = await signInAtProvider(browser, start, `${app.url}/compte/identite`, account);
    const done = await browser.request(callback);
    expect(done.headers.get('location')).toBe('/compte#identite');
    expect((await me(browser)).body.user).toMatchObject({ id: local.id, assurance: 'verified' });
    expect(await (await browser.request(`${app.url}/compte`)).text()).toContain('Relié à Fournisseur de test');

    const detach = await browser.request(`${app.url}/compte/identite/detacher`, { form: { issuer: provider.issuer } });
    expect(detach.status).toBe(303);
    expect((await me(browser)).body.user.assurance).toBe('none');
  });
});

describe('refused answers', () => {
  test('a state other than the one sent is refused, and so is a callback without the browser’s flow, or used twice', async () => {
    const account = await providerAccount({ name: 'Hugo', email: 'hugo@example.test' });
    const before = await countUsers();
    const { browser, callback } = await toCallback(account);
    const tampered = new URL(callback);
    tampered.searchParams.set('state', 'un-autre-etat-que-celui-envoye');
    const res = await browser.request(tampered.href);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('state');
    expect((await me(browser)).status).toBe(401);

    // the flow was used up by the refused attempt: the genuine answer no longer works either
    expect((await browser.request(callback)).status).toBe(400);

    // an answer brought to another browser (login CSRF) is refused
    const other = await toCallback(account);
    expect((await new CookieClient().request(other.callback)).status).toBe(400);
    // the right browser, once; not twice
    expect((await other.browser.request(other.callback)).status).toBe(303);
    const twice = new CookieClient();
    twice.setCookie(app.url, 'palimpseste_oidc', 'x'.repeat(43));
    expect((await twice.request(other.callback)).status).toBe(400);
    expect(await countUsers()).toBe(before + 1);
  });

  test('an ID token whose nonce is not the one sent is refused', async () => {
    const account = await providerAccount({ name: 'Inès', email: 'ines@example.test' });
    const before = await countUsers();
    await provider.tamperNonce(true);
    try {
      const { browser, callback } = await toCallback(account);
      const res = await browser.request(callback);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('nonce');
      expect((await me(browser)).status).toBe(401);
    } finally {
      await provider.tamperNonce(false);
    }
    expect(await countUsers()).toBe(before);
  });

  test('a malformed callback is a 400 and changes nothing', async () => {
    const res = await app.http.get('/auth/oidc/callback').query({ state: 'x'.repeat(600) });
    expect(res.status).toBe(400);
  });
});

describe('tallies of verified identities only', () => {
  test('?assurance=verified counts only the votes of verified accounts, on amendments, articles, arguments and lists', async () => {
    const bill = await createBill(app, admin, { status: 'consultation' });
    const articleId = bill.articles[0]!.id;
    const author = await createCitizen(app, 'Autrice');
    const created = await app.http.post(`/api/articles/${articleId}/amendments`).set(auth(author))
      .send({ kind: 'modify', alineas: ['Les administrations publient leurs documents.'], rationale: 'Plus clair.', submit: true });
    expect(created.status).toBe(201);
    const amendmentId = created.body.amendment.id as string;
    const argument = await app.http.post(`/api/articles/${articleId}/arguments`).set(auth(author)).send({ side: 'for', body: 'Utile.' });
    expect(argument.status).toBe(201);
    const argumentId = argument.body.argument.id as string;

    // one verified voter (signed in through the provider), two others
    const account = await providerAccount({ name: 'Vérifiée', email: 'verifiee@example.test' });
    const { browser, callback } = await toCallback(account);
    await browser.request(callback);
    const verified = { token: browser.cookie(app.url, SESSION_COOKIE)! };
    const others = [await createCitizen(app), await createCitizen(app)];
    for (const [path, body] of [[`/api/amendments/${amendmentId}/vote`, 'for'], [`/api/articles/${articleId}/vote`, 'for'], [`/api/arguments/${argumentId}/vote`, 'mitigated']] as const) {
      expect((await app.http.put(path).set(auth(verified)).send({ value: body })).status).toBe(200);
      for (const o of others) expect((await app.http.put(path).set(auth(o)).send({ value: 'against' })).status).toBe(200);
    }

    const all = await app.http.get(`/api/amendments/${amendmentId}`);
    expect(all.body.amendment.tally).toMatchObject({ for: 1, against: 2, total: 3 });
    const only = await app.http.get(`/api/amendments/${amendmentId}?assurance=verified`);
    expect(only.body.amendment.tally).toMatchObject({ for: 1, mitigated: 0, against: 0, total: 1 });
    expect((await app.http.get(`/api/articles/${articleId}?assurance=verified`)).body.tally).toMatchObject({ for: 1, total: 1 });
    expect((await app.http.get(`/api/articles/${articleId}`)).body.tally).toMatchObject({ total: 3 });
    const args = await app.http.get(`/api/articles/${articleId}/arguments?assurance=verified`);
    expect(args.body.arguments[0].tally).toMatchObject({ mitigated: 1, total: 1 });
    const list = await app.http.get(`/api/bills/${bill.id}/amendments?assurance=verified&sort=support`);
    expect(list.body).toMatchObject({ assurance: 'verified' });
    expect(list.body.amendments[0].tally).toMatchObject({ for: 1, total: 1 });
    expect((await app.http.get(`/api/bills/${bill.id}/amendments`)).body.amendments[0].tally).toMatchObject({ total: 3 });
    expect((await app.http.get(`/api/amendments/${amendmentId}?assurance=everyone`)).status).toBe(400);

    // the pages: a toggle (links, no script) and the counts it names
    const pageAll = await app.http.get(`/amendements/${amendmentId}`);
    expect(pageAll.text).toContain('identités vérifiées seulement');
    expect(pageAll.text).toMatch(/\(3 votes\)/);
    const pageVerified = await app.http.get(`/amendements/${amendmentId}?votes=verifies`);
    expect(pageVerified.text).toMatch(/\(1 vote\)/);
    expect((await app.http.get(`/articles/${articleId}?votes=verifies`)).text).toMatch(/\(1 vote\)/);
    expect((await app.http.get(`/articles/${articleId}/amendements?votes=verifies`)).text).toMatch(/\(1 vote\)/);
  });

  test('a verified account’s deletion leaves the verified tallies as they were', async () => {
    const bill = await createBill(app, admin, { status: 'consultation' });
    const articleId = bill.articles[0]!.id;
    const reg = await app.http.post('/api/auth/register').send({ email: 'partante@example.test', password: 'une phrase de passe solide 42', displayName: 'Partante' });
    await app.testDb.db.query('UPDATE users SET email_verified_at = now() WHERE id = $1', [reg.body.user.id]);
    const account = await providerAccount({ name: 'Partante', email: 'partante@example.test' });
    const { browser, callback } = await toCallback(account);
    await browser.request(callback);
    const token = browser.cookie(app.url, SESSION_COOKIE)!;
    expect((await app.http.put(`/api/articles/${articleId}/vote`).set(auth({ token })).send({ value: 'for' })).status).toBe(200);
    expect((await app.http.get(`/api/articles/${articleId}?assurance=verified`)).body.tally).toMatchObject({ for: 1, total: 1 });

    const del = await app.http.delete('/api/me').set(auth({ token })).send({ password: 'une phrase de passe solide 42' });
    expect([200, 204]).toContain(del.status);
    expect((await app.http.get(`/api/articles/${articleId}?assurance=verified`)).body.tally).toMatchObject({ for: 1, total: 1 });
    expect((await app.testDb.db.query('SELECT 1 FROM identities WHERE user_id = $1', [reg.body.user.id])).rowCount).toBe(0);
    // the identity is free again: signing in with it makes a new account
    const again = await toCallback(account);
    expect((await again.browser.request(again.callback)).status).toBe(303);
    expect((await me(again.browser)).body.user.id).not.toBe(reg.body.user.id);
  });
});

import { auth, createAdmin, startTestApp, type TestApp, type TestUser } from '../helpers/app';

let app: TestApp;
let admin: TestUser;
beforeAll(async () => {
  app = await startTestApp();
  admin = await createAdmin(app);
});
afterAll(async () => {
  await app.close();
});

test('GET /healthz answers {ok: true} once the database answers', async () => {
  const res = await app.http.get('/healthz');
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ ok: true });
});

test('the OpenAPI document describes every API route with its request schema', async () => {
  const res = await app.http.get('/api/openapi.json');
  expect(res.status).toBe(200);
  expect(res.body.openapi).toMatch(/^3\./);
  const paths = res.body.paths;
  for (const [p, m] of [
    ['/api/auth/register', 'post'], ['/api/auth/login', 'post'], ['/api/auth/logout', 'post'], ['/api/me', 'get'],
    ['/api/users/{userId}/roles', 'put'], ['/api/bills', 'post'], ['/api/bills', 'get'], ['/api/bills/{billId}', 'get'],
    ['/api/bills/{billId}/status', 'post'], ['/api/articles/{articleId}', 'get'], ['/api/articles/{articleId}/versions/{version}', 'get'],
    ['/api/articles/{articleId}/vote', 'put'], ['/api/articles/{articleId}/vote', 'delete'], ['/healthz', 'get'],
  ] as const) {
    expect(paths[p]?.[m]).toBeDefined();
  }
  const register = paths['/api/auth/register'].post.requestBody.content['application/json'].schema;
  expect(register.properties.password.minLength).toBe(10);
  expect(paths['/api/bills/{billId}'].get.parameters[0]).toMatchObject({ name: 'billId', in: 'path', required: true });
});

test('unknown API routes are a JSON 404; unknown pages an HTML 404', async () => {
  const api = await app.http.get('/api/nothing-here');
  expect(api.status).toBe(404);
  expect(api.body.error.code).toBe('not_found');
  const page = await app.http.get('/nulle-part');
  expect(page.status).toBe(404);
  expect(page.headers['content-type']).toMatch(/html/);
  expect(page.text).toContain('Page introuvable');
});

test('malformed JSON is 400 validation_failed; a body over 1 MB is 413 payload_too_large', async () => {
  const bad = await app.http.post('/api/auth/login').set('Content-Type', 'application/json').send('{"email": ');
  expect(bad.status).toBe(400);
  expect(bad.body.error.code).toBe('validation_failed');
  const big = await app.http.post('/api/auth/register').send({ email: 'a@b.fr', password: 'x'.repeat(1_100_000), displayName: 'Gros' });
  expect(big.status).toBe(413);
  expect(big.body.error).toMatchObject({ code: 'payload_too_large', message: expect.any(String) });
});

test('responses carry security headers and a strict Content-Security-Policy', async () => {
  const res = await app.http.get('/');
  const csp = String(res.headers['content-security-policy']);
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-powered-by']).toBeUndefined();
});

describe('pages', () => {
  test('user text is escaped everywhere it appears', async () => {
    const title = '<script>alert("x")</script> & « loi »';
    const text = `PROJET\nArticle 1er\n<img src=x onerror=alert(1)> alinéa`;
    const res = await app.http.post('/api/bills').set(auth(admin)).send({ title, text }).expect(201);
    // a draft bill: its readers are admins and clerks
    const home = await app.http.get('/').set(auth(admin));
    expect(home.text).not.toContain('<script>alert');
    expect(home.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; « loi »');
    const bill = await app.http.get(`/textes/${res.body.bill.id}`).set(auth(admin));
    expect(bill.text).not.toContain('<img src=x');
    expect(bill.text).toContain('&lt;img src=x onerror=alert(1)&gt; alinéa');
  });

  test('the bill page is French, has one h1, a skip link, a table of contents and numbered alinéas', async () => {
    const res = await app.http.post('/api/bills').set(auth(admin)).send({ title: 'Projet lisible', text: 'PROJET\nTITRE Ier\nDISPOSITIONS\nArticle 1er\nUn.\nDeux.\nArticle 2\nTrois.' }).expect(201);
    const page = await app.http.get(`/textes/${res.body.bill.id}`).set(auth(admin));
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="fr">');
    expect(page.text.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(page.text).toContain('href="#contenu"');
    expect(page.text).toMatch(/Sommaire/);
    expect(page.text).toContain('id="art_1er__al_2"');
    expect(page.text).toContain(`href="/articles/${res.body.bill.articles[1].id}"`);
  });

  test('registering, logging out and logging in work with plain HTML forms (no JavaScript)', async () => {
    const agent = (await import('supertest')).default.agent(app.url);
    const form = { displayName: 'Léa Formulaire', email: 'lea@exemple.fr', password: 'mot de passe long', kind: 'citizen' };
    const reg = await agent.post('/inscription').type('form').set('Origin', app.url).send(form);
    expect(reg.status).toBe(303);
    expect((await agent.get('/')).text).toContain('Léa Formulaire');
    expect((await agent.post('/deconnexion').type('form').set('Origin', app.url).send({})).status).toBe(303);
    expect((await agent.get('/')).text).not.toContain('Léa Formulaire');
    const wrong = await agent.post('/connexion').type('form').set('Origin', app.url).send({ email: form.email, password: 'faux mot de passe' });
    // post → redirect → get: a refused sign-in (401 in the API) is a 303 back to the form, which shows the refusal
    expect(wrong.status).toBe(303);
    expect(wrong.headers.location!).toMatch(/^\/connexion\?formulaire=[\w-]+#erreurs$/);
    const shown = await agent.get(wrong.headers.location!);
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('role="alert"');
    expect(shown.text).toContain('value="lea@exemple.fr"');
    expect(shown.text).not.toContain('faux mot de passe');
    const ok = await agent.post('/connexion').type('form').set('Origin', app.url).send({ email: form.email, password: form.password, suite: '/api/me' });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/api/me');
  });

  test('form errors are shown next to their fields; a form post from another site is refused', async () => {
    const bad = await app.http.post('/inscription').type('form').set('Origin', app.url).send({ displayName: 'X', email: 'x@exemple.fr', password: 'court' });
    // a refused sign-up (400 in the API) is a 303 back to the form, which shows the errors
    expect(bad.status).toBe(303);
    const shown = await app.http.get(bad.headers.location!);
    expect(shown.text).toContain('id="password-error"');
    expect(shown.text).toContain('aria-invalid="true"');
    expect(shown.text).toContain('value="x@exemple.fr"');
    const csrf = await app.http.post('/connexion').type('form').set('Origin', 'https://evil.example').send({ email: 'a@b.fr', password: 'whatever123' });
    expect(csrf.status).toBe(403);
  });

  test('after login, only local paths are followed (no open redirect)', async () => {
    await app.http.post('/api/auth/register').send({ email: 'redir@exemple.fr', password: 'mot de passe long', displayName: 'Redir' }).expect(201);
    const res = await app.http.post('/connexion').type('form').set('Origin', app.url).send({ email: 'redir@exemple.fr', password: 'mot de passe long', suite: '//evil.example/x' });
    expect(res.status).toBe(303);
    expect(res.headers.location!).toBe('/');
  });
});

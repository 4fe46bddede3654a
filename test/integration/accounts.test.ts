import { ensureAdmin } from '../../server/commands/ensure-admin';
import { auth, createAdmin, createCitizen, startTestApp, type TestApp } from '../helpers/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

let n = 0;
const newEmail = () => `personne${++n}@exemple.fr`;

describe('registration', () => {
  test('a citizen registers and gets a user and a token that works as a bearer token', async () => {
    const res = await app.http.post('/api/auth/register').send({ email: newEmail(), password: 'correct horse battery', displayName: 'Alice Dupont' });
    expect(res.status).toBe(201);
    expect(res.body.user).toEqual({ id: expect.any(String), displayName: 'Alice Dupont', kind: 'citizen', roles: [], emailVerified: false, assurance: 'none' });
    expect(res.body.user).not.toHaveProperty('email');
    const me = await app.http.get('/api/me').set('Authorization', `Bearer ${res.body.token}`);
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(res.body.user.id);
  });

  test('an organisation registers as such', async () => {
    const res = await app.http.post('/api/auth/register').send({ email: newEmail(), password: 'correct horse battery', displayName: 'Regards Citoyens', kind: 'organisation' });
    expect(res.status).toBe(201);
    expect(res.body.user.kind).toBe('organisation');
  });

  test('a password shorter than 10 characters is refused with validation_failed naming the field', async () => {
    const res = await app.http.post('/api/auth/register').send({ email: newEmail(), password: 'court', displayName: 'Bob' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(JSON.stringify(res.body.error.details)).toContain('body.password');
  });

  test('an unknown account kind, a bad email or a missing name is refused', async () => {
    for (const body of [
      { email: newEmail(), password: 'correct horse battery', displayName: 'X Y', kind: 'robot' },
      { email: 'pas-un-email', password: 'correct horse battery', displayName: 'X Y' },
      { email: newEmail(), password: 'correct horse battery' },
    ]) {
      const res = await app.http.post('/api/auth/register').send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
  });

  test('an email already used, whatever its case, is a 409 conflict', async () => {
    const email = newEmail();
    await app.http.post('/api/auth/register').send({ email, password: 'correct horse battery', displayName: 'Premier' }).expect(201);
    const res = await app.http.post('/api/auth/register').send({ email: email.toUpperCase(), password: 'another long password', displayName: 'Second' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
  });
});

describe('login and sessions', () => {
  const email = 'claire@exemple.fr';
  const password = 'un mot de passe solide';
  beforeAll(async () => {
    await app.http.post('/api/auth/register').send({ email, password, displayName: 'Claire' }).expect(201);
  });

  test('login returns the user and a token and sets an HttpOnly SameSite session cookie', async () => {
    const res = await app.http.post('/api/auth/login').send({ email: 'CLAIRE@exemple.fr', password });
    expect(res.status).toBe(200);
    expect(res.body.user.displayName).toBe('Claire');
    expect(typeof res.body.token).toBe('string');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/palimpseste_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  test('a wrong password and an unknown email both give 401 unauthenticated', async () => {
    for (const body of [{ email, password: 'mauvais mot de passe' }, { email: 'inconnu@exemple.fr', password }]) {
      const res = await app.http.post('/api/auth/login').send(body);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthenticated');
    }
  });

  test('the session cookie authenticates reads, and cookie writes need our own Origin (CSRF)', async () => {
    const agent = (await import('supertest')).default.agent(app.url);
    await agent.post('/api/auth/login').send({ email, password }).expect(200);
    expect((await agent.get('/api/me')).body.user.displayName).toBe('Claire');
    const foreign = await agent.post('/api/auth/logout').set('Origin', 'https://evil.example');
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('forbidden');
    const none = await agent.post('/api/auth/logout');
    expect(none.status).toBe(403);
    expect((await agent.get('/api/me')).status).toBe(200);
    await agent.post('/api/auth/logout').set('Origin', app.url).expect(204);
    expect((await agent.get('/api/me')).status).toBe(401);
  });

  test('logout revokes the bearer token', async () => {
    const { body } = await app.http.post('/api/auth/login').send({ email, password }).expect(200);
    await app.http.post('/api/auth/logout').set('Authorization', `Bearer ${body.token}`).expect(204);
    const me = await app.http.get('/api/me').set('Authorization', `Bearer ${body.token}`);
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('unauthenticated');
  });

  test('an anonymous or forged token gets 401 on /api/me', async () => {
    expect((await app.http.get('/api/me')).status).toBe(401);
    expect((await app.http.get('/api/me').set('Authorization', 'Bearer forged')).status).toBe(401);
  });
});

describe('roles', () => {
  test('an admin grants roles; the account shows them', async () => {
    const admin = await createAdmin(app);
    const target = await createCitizen(app);
    const res = await app.http.put(`/api/users/${target.id}/roles`).set(auth(admin)).send({ roles: ['moderator', 'clerk'] });
    expect(res.status).toBe(200);
    expect(res.body.user.roles).toEqual(['clerk', 'moderator']);
    expect((await app.http.get('/api/me').set(auth(target))).body.user.roles).toEqual(['clerk', 'moderator']);
  });

  test('a citizen cannot grant roles (403), a visitor must sign in (401), bad roles are 400, unknown accounts 404', async () => {
    const admin = await createAdmin(app);
    const citizen = await createCitizen(app);
    expect((await app.http.put(`/api/users/${citizen.id}/roles`).set(auth(citizen)).send({ roles: ['admin'] })).status).toBe(403);
    expect((await app.http.put(`/api/users/${citizen.id}/roles`).send({ roles: ['admin'] })).status).toBe(401);
    const bad = await app.http.put(`/api/users/${citizen.id}/roles`).set(auth(admin)).send({ roles: ['king'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect((await app.http.put('/api/users/00000000-0000-4000-8000-000000000000/roles').set(auth(admin)).send({ roles: [] })).status).toBe(404);
    expect((await app.http.put('/api/users/nope/roles').set(auth(admin)).send({ roles: [] })).status).toBe(404);
    expect((await app.http.get('/api/me').set(auth(citizen))).body.user.roles).toEqual([]);
  });

  test('ADMIN_EMAIL/ADMIN_PASSWORD bootstrap creates an admin who can log in, and is idempotent', async () => {
    const admin = { email: 'root@exemple.fr', password: 'mot de passe admin' };
    expect(await ensureAdmin(app.testDb.db, admin)).toBe('created');
    expect(await ensureAdmin(app.testDb.db, admin)).toBe('updated');
    const res = await app.http.post('/api/auth/login').send(admin).expect(200);
    expect(res.body.user.roles).toEqual(['admin']);
  });
});

describe('rate limiting', () => {
  test('after 10 login attempts in a minute the next one is 429 rate_limited', async () => {
    const limited = await startTestApp({ rateLimits: true });
    try {
      const attempts = [];
      for (let i = 0; i < 10; i++) attempts.push(await limited.http.post('/api/auth/login').send({ email: 'x@exemple.fr', password: 'wrong password' }));
      expect(attempts.every((r) => r.status === 401)).toBe(true);
      const res = await limited.http.post('/api/auth/login').send({ email: 'x@exemple.fr', password: 'wrong password' });
      expect(res.status).toBe(429);
      expect(res.body.error.code).toBe('rate_limited');
    } finally {
      await limited.close();
    }
  });
});

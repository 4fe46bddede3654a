import { hashToken } from '../../server/auth/tokens';
import { ensureAdmin } from '../../server/commands/ensure-admin';
import { auth, createAdmin, createBill, createCitizen, startTestApp, type TestApp } from '../helpers/app';

/** Issue 11 › Accounts and rate limits: each test failed on the code before the fix. */

const STRONG = 'correct horse battery';
let n = 0;
const email = () => `compte${++n}@exemple.fr`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const from = (ip: string) => ({ 'X-Forwarded-For': ip });

describe('rate limits on (behind a trusted proxy)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ rateLimits: true, trustProxy: true });
  });
  afterAll(async () => app.close());

  const login = (ip: string, body: { email: string; password: string }) => app.http.post('/api/auth/login').set(from(ip)).send(body);
  const register = async (ip: string) => {
    const who = { email: email(), password: STRONG };
    await app.http.post('/api/auth/register').set(from(ip)).send({ ...who, displayName: `Personne ${n}` }).expect(201);
    return who;
  };

  test('the login limiter counts failures only: 15 successful logins in a minute all succeed', async () => {
    const who = await register('10.0.0.1');
    const statuses = [];
    for (let i = 0; i < 15; i++) statuses.push((await login('10.0.0.1', who)).status);
    expect(statuses).toEqual(Array(15).fill(200));
  });

  test('10 failures lock that account from that address, even with the right password; elsewhere the person still signs in', async () => {
    const victim = await register('10.0.1.1');
    const other = await register('10.0.1.1');
    for (let i = 0; i < 10; i++) expect((await login('10.0.1.2', { email: victim.email, password: 'pas le bon mot de passe' })).status).toBe(401);
    // the same address, the right password, the e-mail typed differently: locked
    const locked = await login('10.0.1.2', { email: ` ${victim.email.toUpperCase()} `, password: STRONG });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('rate_limited');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // ten guesses do not lock the real person out from their own address
    expect((await login('10.0.1.3', victim)).status).toBe(200);
    // the guesser's address still reaches other accounts; their failures are theirs
    expect((await login('10.0.1.2', other)).status).toBe(200);
    expect((await login('10.0.1.2', { email: other.email, password: 'faux' })).status).toBe(401);
  });

  test('failures on one account from many addresses together lock it everywhere past their own ceiling', async () => {
    const limited = await startTestApp({ rateLimits: true, trustProxy: true, rateLimitBudget: { loginFailuresPerAccountAllIps: 6 } });
    try {
      const who = { email: email(), password: STRONG };
      await limited.http.post('/api/auth/register').set(from('10.0.4.1')).send({ ...who, displayName: 'Visée' }).expect(201);
      for (let i = 0; i < 6; i++) expect((await limited.http.post('/api/auth/login').set(from(`10.0.5.${i}`)).send({ email: who.email, password: 'faux' })).status).toBe(401);
      expect((await limited.http.post('/api/auth/login').set(from('10.0.6.1')).send(who)).status).toBe(429);
    } finally {
      await limited.close();
    }
  });

  test('a successful login wipes the account’s failures', async () => {
    const who = await register('10.0.2.1');
    const wrong = { email: who.email, password: 'pas le bon mot de passe' };
    for (let i = 0; i < 9; i++) expect((await login('10.0.2.2', wrong)).status).toBe(401);
    expect((await login('10.0.2.2', who)).status).toBe(200);
    for (let i = 0; i < 9; i++) expect((await login('10.0.2.2', wrong)).status).toBe(401);
    expect((await login('10.0.2.2', who)).status).toBe(200);
  });

  test('50 failures from one address, on as many accounts, lock that address but not the others', async () => {
    const who = await register('10.0.3.1');
    for (let i = 0; i < 50; i++) expect((await login('10.0.3.9', { email: `inconnu${i}@exemple.fr`, password: 'devine-moi' })).status).toBe(401);
    expect((await login('10.0.3.9', who)).status).toBe(429);
    expect((await login('10.0.3.8', who)).status).toBe(200);
  }, 30_000);

  test('the session cookie is Secure when a trusted proxy says the request came over https, not over plain http', async () => {
    const who = await register('10.0.4.1');
    const https = await login('10.0.4.1', who).set('X-Forwarded-Proto', 'https').expect(200);
    expect(String(https.headers['set-cookie'])).toMatch(/palimpseste_session=.*; Secure/);
    const plain = await login('10.0.4.1', who).expect(200);
    expect(String(plain.headers['set-cookie'])).toContain('palimpseste_session=');
    expect(String(plain.headers['set-cookie'])).not.toMatch(/Secure/i);
  });
});

describe('write limits (small budgets, to test them quickly)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ rateLimits: true, trustProxy: true, rateLimitBudget: { writesPerAccount: 5, writesPerIp: 8, computePerIp: 3 } });
  });
  afterAll(async () => app.close());

  test('per account, then per address: 429 rate_limited with Retry-After; reads are never limited', async () => {
    const admin = await createAdmin(app);
    const bill = await createBill(app, admin, { status: 'consultation' }); // 2 writes, from 127.0.0.1
    const [alice, bob] = [await createCitizen(app, 'Alice'), await createCitizen(app, 'Bob')];
    const vote = (who: typeof alice, value: string) =>
      app.http.put(`/api/articles/${bill.articles[0]!.id}/vote`).set(auth(who)).set(from('10.1.0.1')).send({ value });
    for (const value of ['for', 'against', 'mitigated', 'for', 'against']) expect((await vote(alice, value)).status).toBe(200);
    const limited = await vote(alice, 'for');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    // the same address, another account: its own budget, until the address's (8) is spent
    expect((await vote(bob, 'for')).status).toBe(200);
    expect((await vote(bob, 'against')).status).toBe(200);
    expect((await vote(bob, 'mitigated')).status).toBe(429); // the 9th write from 10.1.0.1
    for (let i = 0; i < 20; i++) expect((await app.http.get(`/api/articles/${bill.articles[0]!.id}`).set(auth(alice)).set(from('10.1.0.1'))).status).toBe(200);
    // a signed-in account is limited whatever address it comes from
    expect((await vote(alice, 'for').set(from('10.1.0.2'))).status).toBe(429);
  });

  test('HTML form posts count too', async () => {
    const statuses = [];
    for (let i = 0; i < 9; i++) {
      statuses.push((await app.http.post('/connexion').type('form').set(from('10.1.1.1')).set('Origin', app.url).send({ email: 'x@exemple.fr', password: 'faux' })).status);
    }
    expect(statuses.slice(0, 8).every((s) => s === 303)).toBe(true); // each refusal: back to the form (post → redirect → get)
    expect(statuses[8]).toBe(429);
  });

  test('the public compute endpoints have their own, tighter, budget per address, whatever the case or a trailing slash', async () => {
    const body = { before: { alineas: ['Le maire signe.'] }, after: { alineas: ['Le préfet signe.'] } };
    for (let i = 0; i < 3; i++) expect((await app.http.post('/api/legistique/dispositif').set(from('10.1.2.1')).send(body)).status).toBe(200);
    const limited = await app.http.post('/api/legistique/apply').set(from('10.1.2.1')).send({ alineas: ['a'], dispositif: 'Supprimer l’alinéa 1.' });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    // a client that writes its own X-Forwarded-For gets no fresh budget: the proxy's entry counts
    expect((await app.http.post('/api/legistique/dispositif').set(from('203.0.113.7, 10.1.2.1')).send(body)).status).toBe(429);
    // Express routes case-insensitively and ignores a trailing slash: so does the limit
    expect((await app.http.post('/api/legistique/dispositif/').set(from('10.1.2.1')).send(body)).status).toBe(429);
    expect((await app.http.post('/API/Legistique/Dispositif').set(from('10.1.2.1')).send(body)).status).toBe(429);
    expect((await app.http.post('/api/legistique/dispositif').set(from('10.1.2.2')).send(body)).status).toBe(200);
  });
});

describe('default budgets', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ rateLimits: true });
  });
  afterAll(async () => app.close());

  test('a citizen voting as fast as possible on 200 amendments never hits the limit; a script sending more than 300 writes a minute does', async () => {
    const admin = await createAdmin(app);
    const bill = await createBill(app, admin, { status: 'consultation' });
    const citizen = await createCitizen(app, 'Camille');
    const values = ['for', 'against', 'mitigated'];
    const vote = (i: number) => app.http.put(`/api/articles/${bill.articles[i % 2]!.id}/vote`).set(auth(citizen)).send({ value: values[i % 3] });
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) statuses.push((await vote(i)).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    for (let i = 200; i < 300; i++) statuses.push((await vote(i)).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect((await vote(300)).status).toBe(429);
  }, 60_000);
});

describe('accounts', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app.close());

  test('a session that ends in the database ends at once, even when it was just looked up (no cache past its end)', async () => {
    const who = await createCitizen(app);
    await app.testDb.db.query("UPDATE sessions SET expires_at = now() + interval '1200 milliseconds' WHERE token_hash = $1", [hashToken(who.token)]);
    expect((await app.http.get('/api/me').set(auth(who))).status).toBe(200);
    await sleep(1_300);
    const after = await app.http.get('/api/me').set(auth(who));
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthenticated');
  });

  test('the session cookie is plain over plain http', async () => {
    const res = await app.http.post('/api/auth/register').send({ email: email(), password: STRONG, displayName: 'Sans https' }).expect(201);
    expect(String(res.headers['set-cookie'])).toMatch(/HttpOnly/);
    expect(String(res.headers['set-cookie'])).not.toMatch(/Secure/i);
  });

  test('weak passwords, and passwords built on the e-mail or the display name, are refused with validation_failed naming password', async () => {
    const address = 'lucie.fontaine@exemple.fr';
    const cases = ['1234567890', ' '.repeat(10), 'azertyuiop', 'motdepasse1', address, `${address}!`, 'LUCIE.FONTAINE-2024', 'Lucie Fontaine ?!', 'xxlucie fontainexx'];
    for (const password of cases) {
      const res = await app.http.post('/api/auth/register').send({ email: address, password, displayName: 'Lucie Fontaine' });
      expect([password, res.status]).toEqual([password, 400]);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details[0]).toMatchObject({ path: 'password', message: expect.stringMatching(/mot de passe/i) });
    }
    const common = await app.http.post('/api/auth/register').send({ email: address, password: '1234567890', displayName: 'Lucie Fontaine' });
    expect(common.body.error.details[0].warning).toMatch(/fréquemment utilisé/); // zxcvbn's French feedback
    expect((await app.http.post('/api/auth/register').send({ email: address, password: STRONG, displayName: 'Lucie Fontaine' })).status).toBe(201);
  });

  test('the sign-up form gives the same refusal next to the password field', async () => {
    const res = await app.http.post('/inscription').type('form').set('Origin', app.url)
      .send({ displayName: 'Marc Petit', email: 'marc.petit@exemple.fr', password: '1234567890', kind: 'citizen' });
    expect(res.status).toBe(303);
    expect((await app.http.get(res.headers.location!)).text).toMatch(/<p class="field-error" id="password-error">Ce mot de passe est trop facile à deviner[^<]*fréquemment utilisé/);
    expect((await app.testDb.db.query('SELECT 1 FROM users WHERE email = $1', ['marc.petit@exemple.fr'])).rowCount).toBe(0);
  });

  test('a long hostile password is checked quickly; past 256 characters the schema refuses it', async () => {
    const started = Date.now();
    const res = await app.http.post('/api/auth/register').send({ email: email(), password: 'p@ssw0rd'.repeat(32), displayName: 'Long' });
    expect(res.status).toBe(400);
    expect(Date.now() - started).toBeLessThan(1_000);
    const tooLong = await app.http.post('/api/auth/register').send({ email: email(), password: 'x'.repeat(257), displayName: 'Trop long' });
    expect(tooLong.status).toBe(400);
    expect(JSON.stringify(tooLong.body.error.details)).toContain('body.password');
  });

  test('ADMIN_PASSWORD follows the same rule: a weak one stops the start-up with a clear message', async () => {
    await expect(ensureAdmin(app.testDb.db, { email: 'chef@exemple.fr', password: '1234567890' })).rejects.toThrow(/ADMIN_PASSWORD/);
    await expect(ensureAdmin(app.testDb.db, { email: 'chef@exemple.fr', password: 'chef@exemple.fr' })).rejects.toThrow(/adresse électronique/);
  });
});

describe('behind an https public origin', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ publicOrigin: 'https://loi.example.fr' });
  });
  afterAll(async () => app.close());

  test('the session cookie is Secure, even on the proxy’s plain-http hop', async () => {
    const res = await app.http.post('/api/auth/register').send({ email: email(), password: STRONG, displayName: 'Avec https' }).expect(201);
    expect(String(res.headers['set-cookie'])).toMatch(/palimpseste_session=.*; Secure/);
  });
});

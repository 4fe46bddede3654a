import { createHash } from 'node:crypto';
import net from 'node:net';
import type { ParsedMail } from 'mailparser';
import { auth, createBill, createUser, startTestApp, type TestApp, type TestUser } from '../helpers/app';
import { linkIn, startSmtpSink, tokenOf, type SmtpSink } from '../helpers/smtp';

/**
 * Issue 13 against a real SMTP server (smtp-server on loopback): every message the platform sends
 * is received, parsed and followed — verification, reset, password and address changes,
 * notifications, digests, unsubscribe — and the outbox survives a relay that is down.
 */
jest.setTimeout(60_000);

const STRONG = 'cerf-volant orange sous la pluie 42';
const STRONGER = 'girafe pensive traverse le désert 7';
const sha = (t: string) => createHash('sha256').update(t).digest('hex');

let sink: SmtpSink;
let app: TestApp;
let admin: TestUser;

beforeAll(async () => {
  sink = await startSmtpSink();
  app = await startTestApp({ mail: { smtpUrl: sink.url, from: 'Palimpseste <ne-pas-repondre@test.local>', verification: 'optional', worker: true, digestHour: 8, secret: undefined, pollMs: 50, retryBaseMs: 100 } });
  admin = await createUser(app, { roles: ['admin'], displayName: 'Admin', verified: true });
});
afterAll(async () => {
  await app?.close();
  await sink?.close();
});

async function signUp(email: string, displayName = 'Alice Dupont'): Promise<{ token: string; id: string }> {
  const res = await app.http.post('/api/auth/register').send({ email, password: STRONG, displayName }).expect(201);
  return { token: res.body.token as string, id: res.body.user.id as string };
}

async function mailTo(address: string, count = 1): Promise<ParsedMail[]> {
  const deadline = Date.now() + 10_000;
  while (sink.to(address).length < count) {
    if (Date.now() > deadline) throw new Error(`${sink.to(address).length} message(s) to ${address}, ${count} expected`);
    await sink.waitFor(sink.messages.length + 1, Math.max(1, deadline - Date.now())).catch(() => undefined);
  }
  return sink.to(address);
}

/** A header as the relay received it (mailparser folds List-* headers into a structure). */
const header = (m: ParsedMail, name: string): string => {
  const line = m.headerLines.find((h) => h.key === name)?.line ?? '';
  return line.slice(line.indexOf(':') + 1).replace(/\r?\n\s+/g, ' ').trim();
};

/** Lets the worker run a few cycles, to be sure that nothing more arrives. */
const settle = () => new Promise((r) => setTimeout(r, 400));

describe('e-mail verification', () => {
  test('sign-up sends a French link, valid once, that confirms the address; only its hash is stored', async () => {
    const { token: session } = await signUp('alice@exemple.fr');
    const me = await app.http.get('/api/me').set(auth({ token: session })).expect(200);
    expect(me.body.user).toMatchObject({ emailVerified: false, assurance: 'none' });

    const [m] = await mailTo('alice@exemple.fr');
    expect(m!.subject).toBe('Palimpseste — confirmez votre adresse électronique');
    expect(m!.from?.value[0]).toMatchObject({ name: 'Palimpseste', address: 'ne-pas-repondre@test.local' });
    // to an address not confirmed yet, no name typed by whoever gave it
    expect(m!.text).toContain('Bonjour,');
    expect(m!.text).not.toContain('Alice Dupont');
    expect(m!.html).toContain('Confirmer mon adresse');
    expect(m!.html).toContain('lang="fr"');
    const token = tokenOf(linkIn(m!, '/compte/confirmer-adresse'));
    expect(token).toMatch(/^[\w-]{43}$/);

    const stored = await app.testDb.db.query<{ token_hash: string }>(`SELECT token_hash FROM account_tokens WHERE purpose = 'verify_email'`);
    expect(stored.rows.map((r) => r.token_hash)).toContain(sha(token));
    expect(stored.rows.map((r) => r.token_hash)).not.toContain(token);
    // once sent, the outbox forgets the body that held the link
    const outbox = () => app.testDb.db.query<{ body_text: string | null; status: string }>(`SELECT body_text, status FROM mail_outbox WHERE kind = 'verify_email' AND to_address = 'alice@exemple.fr'`);
    for (let i = 0; i < 50 && (await outbox()).rows[0]?.status !== 'sent'; i++) await new Promise((r) => setTimeout(r, 50));
    expect((await outbox()).rows).toEqual([{ body_text: null, status: 'sent' }]);

    const ok = await app.http.post('/api/auth/verify-email').send({ token }).expect(200);
    expect(ok.body.user.emailVerified).toBe(true);
    expect((await app.http.get('/api/me').set(auth({ token: session })).expect(200)).body.user.emailVerified).toBe(true);

    const again = await app.http.post('/api/auth/verify-email').send({ token }).expect(400);
    expect(again.body.error).toMatchObject({ code: 'validation_failed', details: { reason: 'used' } });
    const bogus = await app.http.post('/api/auth/verify-email').send({ token: 'x'.repeat(43) }).expect(400);
    expect(bogus.body.error.details).toMatchObject({ reason: 'unknown' });
    await app.http.post('/api/auth/verify-email').send({ token: 'short' }).expect(400);
  });

  test('a link older than 48 hours has expired; asking again sends a new one and the old one stops working', async () => {
    const { token: session, id } = await signUp('bruno@exemple.fr', 'Bruno');
    const [first] = await mailTo('bruno@exemple.fr');
    const oldToken = tokenOf(linkIn(first!, '/compte/confirmer-adresse'));
    await app.testDb.db.query(`UPDATE account_tokens SET created_at = now() - interval '49 hours', expires_at = now() - interval '1 hour' WHERE user_id = $1`, [id]);
    const expired = await app.http.post('/api/auth/verify-email').send({ token: oldToken }).expect(400);
    expect(expired.body.error.details).toMatchObject({ reason: 'expired' });

    await app.http.post('/api/me/verification-email').set(auth({ token: session })).expect(202);
    // at most one a minute
    const tooSoon = await app.http.post('/api/me/verification-email').set(auth({ token: session })).expect(429);
    expect(tooSoon.body.error.code).toBe('rate_limited');
    const [, second] = await mailTo('bruno@exemple.fr', 2);
    const newToken = tokenOf(linkIn(second!, '/compte/confirmer-adresse'));
    expect(newToken).not.toBe(oldToken);
    await app.http.post('/api/auth/verify-email').send({ token: newToken }).expect(200);
    const done = await app.http.post('/api/me/verification-email').set(auth({ token: session })).expect(409);
    expect(done.body.error.code).toBe('conflict');
  });
});

describe('password reset', () => {
  test('the same answer whether or not the address exists; a single-use link valid one hour closes every session', async () => {
    const { token: session } = await signUp('chloe@exemple.fr', 'Chloé');
    await mailTo('chloe@exemple.fr');
    const before = sink.messages.length;

    const unknown = await app.http.post('/api/auth/password-reset').send({ email: 'personne@exemple.fr' }).expect(202);
    const known = await app.http.post('/api/auth/password-reset').send({ email: 'CHLOE@exemple.fr' }).expect(202);
    expect(unknown.body).toEqual(known.body);
    const [, reset] = await mailTo('chloe@exemple.fr', 2);
    await settle();
    expect(sink.messages.length).toBe(before + 1);
    expect(sink.to('personne@exemple.fr')).toHaveLength(0);
    expect(reset!.subject).toBe('Palimpseste — choisir un nouveau mot de passe');
    expect(reset!.text).toContain('valable une heure');
    const token = tokenOf(linkIn(reset!, '/mot-de-passe/nouveau'));

    const weak = await app.http.post('/api/auth/password-reset/confirm').send({ token, password: 'motdepasse' }).expect(400);
    expect(weak.body.error.code).toBe('validation_failed');
    await app.http.post('/api/auth/password-reset/confirm').send({ token, password: STRONGER }).expect(204);
    // every session is closed, the new password opens a new one, the old one does not
    await app.http.get('/api/me').set(auth({ token: session })).expect(401);
    await app.http.post('/api/auth/login').send({ email: 'chloe@exemple.fr', password: STRONG }).expect(401);
    const login = await app.http.post('/api/auth/login').send({ email: 'chloe@exemple.fr', password: STRONGER }).expect(200);
    // following the link proved the mailbox: the address is confirmed
    expect(login.body.user.emailVerified).toBe(true);
    const reused = await app.http.post('/api/auth/password-reset/confirm').send({ token, password: 'autre phrase de passe solide 99' }).expect(400);
    expect(reused.body.error.details).toMatchObject({ reason: 'used' });
    // and a notice that the password changed
    const [, , notice] = await mailTo('chloe@exemple.fr', 3);
    expect(notice!.subject).toBe('Palimpseste — votre mot de passe a changé');
  });

  test('a reset link expires after one hour', async () => {
    await signUp('damien@exemple.fr', 'Damien');
    await app.http.post('/api/auth/password-reset').send({ email: 'damien@exemple.fr' }).expect(202);
    const [, m] = await mailTo('damien@exemple.fr', 2);
    const token = tokenOf(linkIn(m!, '/mot-de-passe/nouveau'));
    await app.testDb.db.query(`UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [sha(token)]);
    const res = await app.http.post('/api/auth/password-reset/confirm').send({ token, password: STRONGER }).expect(400);
    expect(res.body.error.details).toMatchObject({ reason: 'expired' });
    await app.http.post('/api/auth/login').send({ email: 'damien@exemple.fr', password: STRONG }).expect(200);
  });
});

describe('password and address changes', () => {
  test('changing the password asks the current one and closes the other sessions only', async () => {
    const { token: here } = await signUp('emma@exemple.fr', 'Emma');
    const elsewhere = (await app.http.post('/api/auth/login').send({ email: 'emma@exemple.fr', password: STRONG }).expect(200)).body.token as string;
    const wrong = await app.http.put('/api/me/password').set(auth({ token: here })).send({ currentPassword: 'pas le bon mot', password: STRONGER }).expect(403);
    expect(wrong.body.error.code).toBe('forbidden');
    await app.http.get('/api/me').set(auth({ token: elsewhere })).expect(200);
    await app.http.put('/api/me/password').set(auth({ token: here })).send({ currentPassword: STRONG, password: STRONGER }).expect(204);
    await app.http.get('/api/me').set(auth({ token: here })).expect(200);
    await app.http.get('/api/me').set(auth({ token: elsewhere })).expect(401);
    await app.http.put('/api/me/password').send({ currentPassword: STRONGER, password: STRONG }).expect(401);
  });

  test('a new address takes effect only from a link sent to it; the old, confirmed one is told', async () => {
    const { token: session } = await signUp('farid@exemple.fr', 'Farid');
    const [v] = await mailTo('farid@exemple.fr');
    await app.http.post('/api/auth/verify-email').send({ token: tokenOf(linkIn(v!, '/compte/confirmer-adresse')) }).expect(200);

    await app.http.put('/api/me/email').set(auth({ token: session })).send({ email: 'alice@exemple.fr', currentPassword: STRONG }).expect(409);
    await app.http.put('/api/me/email').set(auth({ token: session })).send({ email: 'farid.nouveau@exemple.fr', currentPassword: 'faux' }).expect(403);
    await app.http.put('/api/me/email').set(auth({ token: session })).send({ email: 'farid.nouveau@exemple.fr', currentPassword: STRONG }).expect(202);

    const [link] = await mailTo('farid.nouveau@exemple.fr');
    expect(link!.subject).toBe('Palimpseste — confirmez votre nouvelle adresse');
    const [, notice] = await mailTo('farid@exemple.fr', 2);
    expect(notice!.subject).toBe('Palimpseste — l’adresse de votre compte va changer');
    expect(notice!.text).toContain('f•••@exemple.fr');
    // not yet: the old address still signs in
    await app.http.post('/api/auth/login').send({ email: 'farid@exemple.fr', password: STRONG }).expect(200);

    const res = await app.http.post('/api/auth/email-change/confirm').send({ token: tokenOf(linkIn(link!, '/compte/confirmer-nouvelle-adresse')) }).expect(200);
    expect(res.body.user.emailVerified).toBe(true);
    await app.http.post('/api/auth/login').send({ email: 'farid@exemple.fr', password: STRONG }).expect(401);
    await app.http.post('/api/auth/login').send({ email: 'farid.nouveau@exemple.fr', password: STRONG }).expect(200);
  });
});

test('a password reset closes a pending address change: a stolen session cannot take the account back', async () => {
  const { token: session } = await signUp('gilles@exemple.fr', 'Gilles');
  await app.http.put('/api/me/email').set(auth({ token: session })).send({ email: 'voleur@exemple.fr', currentPassword: STRONG }).expect(202);
  const [change] = await mailTo('voleur@exemple.fr');
  await app.http.post('/api/auth/password-reset').send({ email: 'gilles@exemple.fr' }).expect(202);
  const reset = (await mailTo('gilles@exemple.fr', 2)).find((m) => m.subject === 'Palimpseste — choisir un nouveau mot de passe')!;
  await app.http.post('/api/auth/password-reset/confirm').send({ token: tokenOf(linkIn(reset, '/mot-de-passe/nouveau')), password: STRONGER }).expect(204);
  const stale = await app.http.post('/api/auth/email-change/confirm').send({ token: tokenOf(linkIn(change!, '/compte/confirmer-nouvelle-adresse')) }).expect(400);
  expect(stale.body.error.details).toMatchObject({ reason: 'used' });
  await app.http.post('/api/auth/login').send({ email: 'gilles@exemple.fr', password: STRONGER }).expect(200);
});

describe('notifications by e-mail', () => {
  let bill: { id: string };
  let member: TestUser;
  beforeAll(async () => {
    bill = await createBill(app, admin);
    member = await createUser(app, { displayName: 'Gaëlle Membre', verified: true });
  });
  const appoint = () => app.http.put(`/api/bills/${bill.id}/commission/members/${member.id}`).set(auth(admin)).send({ college: 'citizen' }).expect(200);
  const dismiss = () => app.http.delete(`/api/bills/${bill.id}/commission/members/${member.id}`).set(auth(admin)).expect(204);

  test('preferences per kind: immediate by default, read and written through the API', async () => {
    const res = await app.http.get('/api/me/notification-preferences').set(auth(member)).expect(200);
    expect(Object.keys(res.body.preferences).sort()).toEqual(['appointed', 'assigned', 'coauthor', 'decided', 'formalised', 'inadmissible', 'moderation', 'phase', 'response', 'taken_over']);
    expect(new Set(Object.values(res.body.preferences))).toEqual(new Set(['immediate']));
    await app.http.put('/api/me/notification-preferences').set(auth(member)).send({ preferences: { decided: 'sometimes' } }).expect(400);
    await app.http.put('/api/me/notification-preferences').set(auth(member)).send({ preferences: { nope: 'never' } }).expect(400);
    const put = await app.http.put('/api/me/notification-preferences').set(auth(member)).send({ preferences: { decided: 'digest' } }).expect(200);
    expect(put.body.preferences).toMatchObject({ decided: 'digest', appointed: 'immediate' });
    await app.http.get('/api/me/notification-preferences').expect(401);
  });

  test('an immediate notification arrives with a one-click unsubscribe link that works', async () => {
    await appoint();
    const [m] = await mailTo(member.email);
    expect(m!.subject).toContain('Commission');
    expect(m!.text).toContain('Gaëlle Membre');
    expect(m!.text).toMatch(/\/notifications\/\d+/);
    const unsubscribe = header(m!, 'list-unsubscribe');
    expect(unsubscribe).toMatch(/^<http:\/\/localhost:\d+\/courriels\/desabonnement\/[\w.-]+>$/);
    expect(header(m!, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const url = new URL(unsubscribe.slice(1, -1));

    // a forged token is refused; the real one, posted as a mail client does (no cookie, no origin), works
    await app.http.post(`${url.pathname.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))}`).type('form').send('List-Unsubscribe=One-Click').expect(404);
    await app.http.post(url.pathname).set('Origin', 'https://mail.example').type('form').send('List-Unsubscribe=One-Click').expect(200);
    const prefs = await app.http.get('/api/me/notification-preferences').set(auth(member)).expect(200);
    expect(prefs.body.preferences.appointed).toBe('never');

    await dismiss();
    await settle();
    expect(sink.to(member.email)).toHaveLength(1);
    // still in the app
    const inApp = await app.http.get('/api/notifications').set(auth(member)).expect(200);
    expect(inApp.body.notifications).toHaveLength(2);
  });

  test('an account that chose English with the language switch gets its notifications in English', async () => {
    const other = await createUser(app, { displayName: 'Grace Switch', verified: true });
    // the switch, as a signed-in page view follows it
    await app.http.get('/?lang=en').set('Cookie', `palimpseste_session=${other.token}`).expect(200);
    const stored = await app.testDb.db.query<{ lang: string | null }>('SELECT lang FROM users WHERE id = $1', [other.id]);
    expect(stored.rows[0]!.lang).toBe('en');
    await app.http.put(`/api/bills/${bill.id}/commission/members/${other.id}`).set(auth(admin)).send({ college: 'citizen' }).expect(200);
    const [m] = await mailTo(other.email);
    expect(m!.html).toContain('<html lang="en">');
    expect(m!.text).toContain('Grace Switch');
    expect(m!.subject).not.toContain('Vous êtes');
    // back to French: the next e-mail is French again
    await app.http.get('/?lang=fr').set('Cookie', `palimpseste_session=${other.token}`).expect(200);
    await app.http.delete(`/api/bills/${bill.id}/commission/members/${other.id}`).set(auth(admin)).expect(204);
    const [, back] = await mailTo(other.email, 2);
    expect(back!.html).toContain('<html lang="fr">');
  });

  test('the daily digest gathers the notifications waiting for it, once', async () => {
    await app.http.put('/api/me/notification-preferences').set(auth(member)).send({ preferences: { appointed: 'digest' } }).expect(200);
    await appoint();
    await dismiss();
    await settle();
    expect(sink.to(member.email)).toHaveLength(1);
    expect(await app.mail.runDigest()).toBe(1);
    const [, digest] = await mailTo(member.email, 2);
    expect(digest!.subject).toBe('Palimpseste — 2 nouvelles notifications');
    expect(header(digest!, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(await app.mail.runDigest()).toBe(0);
    await settle();
    expect(sink.to(member.email)).toHaveLength(2);
    // a notification waiting for the digest is not sent once the person says « never »
    await appoint();
    await app.http.put('/api/me/notification-preferences').set(auth(member)).send({ preferences: { appointed: 'never' } }).expect(200);
    expect(await app.mail.runDigest()).toBe(0);
    await settle();
    expect(sink.to(member.email)).toHaveLength(2);
  });

  test('nothing is sent to an address that was never confirmed', async () => {
    const unconfirmed = await createUser(app, { displayName: 'Hugo Non Confirmé' });
    await app.http.put(`/api/bills/${bill.id}/commission/members/${unconfirmed.id}`).set(auth(admin)).send({ college: 'elected' }).expect(200);
    await settle();
    expect(sink.to(unconfirmed.email)).toHaveLength(0);
    const rows = await app.testDb.db.query(`SELECT 1 FROM mail_outbox WHERE user_id = $1`, [unconfirmed.id]);
    expect(rows.rowCount).toBe(0);
  });
});

describe('the outbox', () => {
  test('admins read it; others may not', async () => {
    const list = await app.http.get('/api/admin/mail?status=sent').set(auth(admin)).expect(200);
    expect(list.body.sending).toBe(true);
    expect(list.body.messages.length).toBeGreaterThan(5);
    expect(list.body.messages.every((m: { status: string }) => m.status === 'sent')).toBe(true);
    const citizen = await createUser(app);
    await app.http.get('/api/admin/mail').set(auth(citizen)).expect(403);
    await app.http.get('/api/admin/mail').expect(401);
    const page = await app.http.get('/admin/courriels').set(auth(admin)).expect(200);
    expect(page.text).toContain('Courriels');
    expect(page.text).toContain('Confirmation d’adresse');
  });
});

describe('a relay that is down', () => {
  test('messages wait, retry with back-off, go out once the relay is back, and none twice', async () => {
    // a port nobody listens on, then a relay that starts listening there
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as net.AddressInfo).port;
        probe.close(() => resolve(p));
      });
    });

    const down = await startTestApp({ mail: { smtpUrl: `smtp://127.0.0.1:${port}`, from: 'p@test.local', verification: 'optional', worker: true, digestHour: 8, secret: undefined, pollMs: 50, retryBaseMs: 200 } });
    try {
      for (const who of ['ines', 'jules', 'karim']) {
        await down.http.post('/api/auth/register').send({ email: `${who}@exemple.fr`, password: STRONG, displayName: who }).expect(201);
      }
      // wait for at least two attempts each

      const deadline = Date.now() + 10_000;
      for (;;) {
        const r = await down.testDb.db.query<{ attempts: number; status: string; last_error: string | null }>(`SELECT attempts, status, last_error FROM mail_outbox`);
        if (r.rows.length === 3 && r.rows.every((x) => x.attempts >= 2 && x.status === 'pending' && x.last_error)) break;
        if (Date.now() > deadline) throw new Error(`not retried: ${JSON.stringify(r.rows)}`);
        await new Promise((res) => setTimeout(res, 100));
      }

      // with a relay configured, an admin never sees a message's single-use link, even while it waits
      const downAdmin = await createUser(down, { roles: ['admin'] });
      const waiting = await down.http.get('/api/admin/mail?status=pending').set(auth(downAdmin)).expect(200);
      const one = await down.http.get(`/api/admin/mail/${waiting.body.messages[0].id}`).set(auth(downAdmin)).expect(200);
      expect(one.body.message).toMatchObject({ kind: 'verify_email', status: 'pending', text: null, html: null });
      expect(one.body.message.subject).toBe('Palimpseste — confirmez votre adresse électronique');
      const relay = await startSmtpSink({ port });
      try {
        await relay.waitFor(3, 15_000);
        await new Promise((res) => setTimeout(res, 1000));
        const ids = relay.messages.map((m) => m.messageId);
        expect(new Set(ids).size).toBe(3);
        expect(relay.messages).toHaveLength(3);
        const r = await down.testDb.db.query<{ status: string }>(`SELECT status FROM mail_outbox`);
        expect(r.rows.map((x) => x.status)).toEqual(['sent', 'sent', 'sent']);
      } finally {
        await relay.close();
      }
    } finally {

      await down.close();
    }
  });
});

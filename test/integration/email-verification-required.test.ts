import { auth, createBill, createUser, useTestApp, type TestUser } from '../helpers/app';

/**
 * EMAIL_VERIFICATION=required (API.md › Accounts and messages): unconfirmed accounts read and
 * draft, but voting and depositing need a confirmed address or a verified identity — 403
 * `email_unverified` through the JSON API and the forms alike. Its own app: the mode is per process.
 */
const t = useTestApp({ mail: { smtpUrl: undefined, from: 'p@test.local', verification: 'required', worker: false, digestHour: 8, secret: undefined } });

let bill: { id: string; articles: { id: string }[] };
let unverified: TestUser;
let confirmed: TestUser;
let identity: TestUser;
beforeAll(async () => {
  bill = await createBill(t.app, t.admin, { status: 'consultation' });
  unverified = await createUser(t.app, { displayName: 'Non Confirmé' });
  confirmed = await createUser(t.app, { displayName: 'Confirmée', verified: true });
  identity = await createUser(t.app, { displayName: 'Identité Vérifiée' });
  await t.app.testDb.db.query(`UPDATE users SET assurance = 'verified' WHERE id = $1`, [identity.id]);
});

const body = { kind: 'modify', alineas: ['Les administrations communiquent librement leurs documents.'], rationale: 'Clarté.' };
const draft = async (who: TestUser) => (await t.app.http.post(`/api/articles/${bill.articles[0]!.id}/amendments`).set(auth(who)).send(body).expect(201)).body.amendment.id as string;

test('an unconfirmed account drafts but may not deposit nor vote: 403 email_unverified, nothing changes', async () => {
  const id = await draft(unverified);
  const submit = await t.app.http.post(`/api/amendments/${id}/submit`).set(auth(unverified)).expect(403);
  expect(submit.body.error.code).toBe('email_unverified');
  expect(submit.body.error.message).toContain('confirmez d’abord votre adresse électronique');
  const vote = await t.app.http.put(`/api/articles/${bill.articles[0]!.id}/vote`).set(auth(unverified)).send({ value: 'for' }).expect(403);
  expect(vote.body.error.code).toBe('email_unverified');
  const article = await t.app.http.get(`/api/articles/${bill.articles[0]!.id}`).expect(200);
  expect(article.body.article?.tally ?? article.body.tally).toMatchObject({ for: 0 });
  const still = await t.app.http.get(`/api/amendments/${id}`).set(auth(unverified)).expect(200);
  expect(still.body.amendment.status).toBe('draft');
  // the form says the same, as a page
  const form = await t.app.http.post(`/articles/${bill.articles[0]!.id}/vote`).set('Cookie', `palimpseste_session=${unverified.token}`)
    .set('Origin', t.app.url).type('form').send('value=for');
  expect(form.status).toBe(403);
  expect(form.text).toContain('confirmez d’abord votre adresse électronique');
});

test('a confirmed address or a verified identity may deposit and vote', async () => {
  for (const who of [confirmed, identity]) {
    const id = await draft(who);
    await t.app.http.post(`/api/amendments/${id}/submit`).set(auth(who)).expect(200);
    await t.app.http.put(`/api/articles/${bill.articles[0]!.id}/vote`).set(auth(who)).send({ value: 'for' }).expect(200);
  }
});

test('confirming the address lifts the gate at once (the session cache forgets the account)', async () => {
  const before = await t.app.http.put(`/api/articles/${bill.articles[0]!.id}/vote`).set(auth(unverified)).send({ value: 'against' });
  expect(before.status).toBe(403);
  await t.app.http.post('/api/me/verification-email').set(auth(unverified)).expect(202);
  const row = await t.app.testDb.db.query<{ body_text: string }>(`SELECT body_text FROM mail_outbox WHERE user_id = $1 AND kind = 'verify_email' ORDER BY id DESC LIMIT 1`, [unverified.id]);
  // no relay: the message waits in the outbox with its link (what /admin/courriels shows)
  const token = /jeton=([\w-]{43})/.exec(row.rows[0]!.body_text)![1]!;
  await t.app.http.post('/api/auth/verify-email').send({ token }).expect(200);
  await t.app.http.put(`/api/articles/${bill.articles[0]!.id}/vote`).set(auth(unverified)).send({ value: 'against' }).expect(200);
});

import { auth, createAdmin, createBill, createCitizen, createUser, seatCommission, startTestApp, type TestApp, type TestUser } from '../helpers/app';

/** Download one's data (GET /api/me/export) and delete one's account (DELETE /api/me). */

const PASSWORD = 'mot-de-passe-de-test'; // the password of every account test/helpers/app.ts creates
const DELETED = 'contributeur supprimé';

let app: TestApp;
let admin: TestUser;
beforeAll(async () => {
  app = await startTestApp();
  admin = await createAdmin(app);
});
afterAll(async () => {
  await app.close();
});

type Bill = Awaited<ReturnType<typeof createBill>>;

async function amend(bill: Bill, user: TestUser, body: Record<string, unknown> = {}): Promise<string> {
  const res = await app.http.post(`/api/articles/${bill.articles[0]!.id}/amendments`).set(auth(user))
    .send({ kind: 'delete', rationale: 'Cet article est inutile.', submit: true, ...body });
  if (res.status !== 201) throw new Error(`amend: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.amendment.id;
}

const vote = (path: string, user: TestUser, value: string) => app.http.put(`${path}/vote`).set(auth(user)).send({ value }).expect(200);

async function annotate(bill: Bill, user: TestUser, body: string): Promise<string> {
  const article = bill.articles[0]!;
  const start = article.alineas[0]!.indexOf('communiquent');
  const res = await app.http.post(`/api/articles/${article.id}/annotations`).set(auth(user))
    .send({ version: 1, alinea: 1, start, end: start + 'communiquent'.length, quote: 'communiquent', body });
  expect(res.status).toBe(201);
  return res.body.annotation.id;
}

/** A person with one of everything: amendments (one co-written, one draft), arguments, annotations, reports, votes. */
async function activePerson(bill: Bill, name: string) {
  const person = await createCitizen(app, name);
  const coauthor = await createCitizen(app, `Bérénice ${name.length}`);
  const amendment = await amend(bill, person, { submit: false });
  await app.http.post(`/api/amendments/${amendment}/coauthors`).set(auth(person)).send({ userId: coauthor.id }).expect(200);
  await app.http.post(`/api/amendments/${amendment}/submit`).set(auth(person)).expect(200);
  const draft = await amend(bill, person, { submit: false, rationale: 'Brouillon personnel.' });
  const other = await amend(bill, await createCitizen(app));
  const argument = (await app.http.post(`/api/amendments/${other}/arguments`).set(auth(person)).send({ side: 'against', body: `Argument de ${name}.` }).expect(201)).body.argument.id;
  const annotation = await annotate(bill, person, `Annotation de ${name}.`);
  await app.http.post(`/api/annotations/${annotation}/replies`).set(auth(person)).send({ body: `Réponse de ${name}.` }).expect(201);
  await app.http.post('/api/reports').set(auth(person)).send({ subjectType: 'amendment', subjectId: other, reason: 'hors-sujet', comment: 'Hors sujet.' });
  await vote(`/api/amendments/${other}`, person, 'against');
  await vote(`/api/amendments/${amendment}`, person, 'for');
  await vote(`/api/articles/${bill.articles[0]!.id}`, person, 'mitigated');
  await vote(`/api/arguments/${argument}`, person, 'for');
  return { person, coauthor, amendment, draft, other, argument, annotation };
}

describe('downloading one’s data', () => {
  test('the export holds the account, contributions and one’s own votes, never the password hash', async () => {
    const bill = await createBill(app, admin, { status: 'consultation' });
    const { person, amendment, draft, other, argument } = await activePerson(bill, 'Inès Export');
    const stranger = await createCitizen(app);
    await vote(`/api/amendments/${other}`, stranger, 'for');

    const res = await app.http.get('/api/me/export').set(auth(person)).expect(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="?palimpseste-mes-donnees-\d{4}-\d{2}-\d{2}\.json"?$/);
    expect(res.headers['cache-control']).toBe('no-store');
    const data = res.body;
    expect(data.account).toEqual({ id: person.id, email: person.email, displayName: 'Inès Export', kind: 'citizen', roles: [], createdAt: expect.any(String) });
    expect(data.amendments.map((a: { id: string }) => a.id).sort()).toEqual([amendment, draft].sort());
    expect(data.amendments.find((a: { id: string }) => a.id === draft)).toMatchObject({ status: 'draft', rationale: 'Brouillon personnel.', createdByMe: true });
    expect(data.revisions.length).toBeGreaterThanOrEqual(1);
    expect(data.arguments).toEqual([expect.objectContaining({ id: argument, side: 'against', body: 'Argument de Inès Export.' })]);
    expect(data.annotations).toEqual([expect.objectContaining({ quote: 'communiquent', body: 'Annotation de Inès Export.' })]);
    expect(data.replies).toEqual([expect.objectContaining({ body: 'Réponse de Inès Export.' })]);
    expect(data.reports).toEqual([expect.objectContaining({ subjectId: other, reason: 'hors-sujet', comment: 'Hors sujet.' })]);
    expect(data.sessions.length).toBeGreaterThanOrEqual(1);
    // her own four votes, and not the stranger's vote on the same amendment
    const votes = data.votes.map((v: { targetType: string; targetId: string; value: string }) => `${v.targetType}:${v.targetId}:${v.value}`).sort();
    expect(votes).toEqual([
      `amendment:${amendment}:for`, `amendment:${other}:against`, `argument:${argument}:for`, `article:${bill.articles[0]!.id}:mitigated`,
    ].sort());
    const text = JSON.stringify(data);
    expect(text).not.toMatch(/argon2|password_?hash|passwordHash|token_?hash/i);
    expect(text).not.toContain(stranger.email);
  });

  test('a visitor has nothing to download', async () => {
    const res = await app.http.get('/api/me/export');
    expect([res.status, res.body.error.code]).toEqual([401, 'unauthenticated']);
  });
});

describe('deleting one’s account', () => {
  test('needs the right password: a wrong one is 403 and changes nothing; none is 400; a visitor 401', async () => {
    const person = await createCitizen(app, 'Hésitante');
    const wrong = await app.http.delete('/api/me').set(auth(person)).send({ password: 'pas le bon mot de passe' });
    expect([wrong.status, wrong.body.error.code]).toEqual([403, 'forbidden']);
    expect((await app.http.delete('/api/me').set(auth(person)).send({})).status).toBe(400);
    expect((await app.http.delete('/api/me').send({ password: PASSWORD })).status).toBe(401);
    expect((await app.http.get('/api/me').set(auth(person)).expect(200)).body.user.displayName).toBe('Hésitante');
    await app.http.post('/api/auth/login').send({ email: person.email, password: PASSWORD }).expect(200);
  });

  test('the only admin cannot delete their account (409) until another admin exists', async () => {
    const db = app.testDb.db;
    // other test files' admins do not exist here; make this one the only admin for a moment
    await db.query(`UPDATE users SET roles = '{}' WHERE id <> $1 AND 'admin' = ANY(roles)`, [admin.id]);
    const res = await app.http.delete('/api/me').set(auth(admin)).send({ password: PASSWORD });
    expect([res.status, res.body.error.code]).toEqual([409, 'conflict']);
    const second = await createUser(app, { roles: ['admin'] });
    await app.http.delete('/api/me').set(auth(second)).send({ password: PASSWORD }).expect(204);
  });

  test('after deletion: no login, no session; contributions stay public signed « contributeur supprimé »; tallies unchanged; votes tied to nobody', async () => {
    const bill = await createBill(app, admin, { status: 'consultation' });
    const { person, coauthor, amendment, draft, other, argument } = await activePerson(bill, 'Camille Effacée');
    const others = await Promise.all([createCitizen(app), createCitizen(app)]);
    for (const o of others) await vote(`/api/amendments/${amendment}`, o, 'against');
    await vote(`/api/amendments/${amendment}`, coauthor, 'for');
    const db = app.testDb.db;
    const tallies = async () => ({
      amendment: (await app.http.get(`/api/amendments/${amendment}`)).body.amendment.tally,
      other: (await app.http.get(`/api/amendments/${other}`)).body.amendment.tally,
      article: (await app.http.get(`/api/articles/${bill.articles[0]!.id}`)).body.tally,
      argument: (await app.http.get(`/api/amendments/${other}/arguments`)).body.arguments[0].tally,
      overTime: (await app.http.get(`/api/amendments/${amendment}/votes-over-time`)).body,
    });
    const before = await tallies();
    const eventsBefore = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM vote_events')).rows[0]!.n;

    await app.http.delete('/api/me').set(auth(person)).send({ password: PASSWORD }).expect(204);

    // no way back in
    expect((await app.http.post('/api/auth/login').send({ email: person.email, password: PASSWORD })).status).toBe(401);
    expect((await app.http.get('/api/me').set(auth(person))).status).toBe(401);
    expect((await app.http.get('/api/me/export').set(auth(person))).status).toBe(401);
    expect((await app.http.delete('/api/me').set(auth(person)).send({ password: PASSWORD })).status).toBe(401);

    // public contributions stay, signed « contributeur supprimé »; the co-author keeps their name
    const page = (await app.http.get(`/api/amendments/${amendment}`).expect(200)).body.amendment;
    expect(page.authors.map((a: { displayName: string }) => a.displayName).sort()).toEqual([DELETED, coauthor.displayName].sort());
    const args = (await app.http.get(`/api/amendments/${other}/arguments`)).body.arguments;
    expect(args[0]).toMatchObject({ id: argument, body: 'Argument de Camille Effacée.', author: { displayName: DELETED, kind: 'citizen' } });
    const notes = (await app.http.get(`/api/articles/${bill.articles[0]!.id}/annotations`)).body.annotations;
    expect(notes[0].author.displayName).toBe(DELETED);
    expect(notes[0].replies[0].author.displayName).toBe(DELETED);
    const html = (await app.http.get(`/amendements/${amendment}`).expect(200)).text;
    expect(html).toContain(DELETED);
    expect(html).not.toContain('Camille Effacée');

    // the private draft only she wrote is gone
    expect((await app.http.get(`/api/amendments/${draft}`).set(auth(admin))).status).toBe(404);

    // tallies, and the vote log the charts read, are exactly as before
    expect(await tallies()).toEqual(before);
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM vote_events')).rows[0]!.n).toBe(eventsBefore);

    // nothing personal remains on the row; her four votes belong to four different placeholders
    const row = (await db.query<{ email: string; password_hash: string | null; display_name: string; roles: string[]; deleted_at: Date | null }>(
      'SELECT email, password_hash, display_name, roles, deleted_at FROM users WHERE id = $1', [person.id])).rows[0]!;
    expect(row).toMatchObject({ password_hash: null, display_name: DELETED, roles: [] });
    expect(row.email).toMatch(/^deleted:[0-9a-f-]{36}$/);
    expect(row.deleted_at).toBeInstanceOf(Date);
    expect((await db.query('SELECT 1 FROM votes WHERE user_id = $1', [person.id])).rowCount).toBe(0);
    expect((await db.query('SELECT 1 FROM sessions WHERE user_id = $1', [person.id])).rowCount).toBe(0);
    const holders = await db.query<{ user_id: string; password_hash: string | null; display_name: string }>(
      `SELECT v.user_id, u.password_hash, u.display_name FROM votes v JOIN users u ON u.id = v.user_id
       WHERE u.deleted_at IS NOT NULL AND v.target_id = ANY($1::uuid[])`, [[amendment, other, argument, bill.articles[0]!.id]]);
    expect(holders.rowCount).toBe(4);
    expect(new Set(holders.rows.map((h) => h.user_id)).size).toBe(4);
    expect(holders.rows.every((h) => h.password_hash === null && h.display_name === DELETED)).toBe(true);

    // her address is free again, and nobody can find or invite the deleted account by name
    await app.http.post('/api/auth/register').send({ email: person.email, password: 'un-autre-mot-de-passe', displayName: 'Camille, de retour' }).expect(201);
    expect((await app.http.get('/api/users?search=contributeur').set(auth(coauthor))).body.users).toEqual([]);

    // another person's export says nothing of her
    const theirs = JSON.stringify((await app.http.get('/api/me/export').set(auth(coauthor)).expect(200)).body);
    expect(theirs).not.toContain(person.email);
    expect(theirs).not.toContain('Camille Effacée');
    expect(theirs).not.toContain(person.id);
    expect(JSON.parse(theirs).votes).toEqual([expect.objectContaining({ targetId: amendment, value: 'for' })]);
  });

  test('the reconciled text frozen at adoption no longer names a deleted author', async () => {
    const bill = await createBill(app, admin, { status: 'consultation' });
    const author = await createCitizen(app, 'Dominique Adoptée');
    const a1 = bill.articles[0]!.alineas;
    const id = await amend(bill, author, { kind: 'modify', alineas: [a1[0], 'Elles les publient en ligne gratuitement.'] });
    await app.http.post(`/api/bills/${bill.id}/status`).set(auth(admin)).send({ status: 'commission' }).expect(200);
    await app.http.post(`/api/amendments/${id}/decision`).set(auth(admin)).send({ decision: 'adopted' }).expect(200);
    await seatCommission(app, admin, bill.id);
    await app.http.post(`/api/bills/${bill.id}/status`).set(auth(admin)).send({ status: 'adopted' }).expect(200);
    const before = (await app.http.get(`/api/bills/${bill.id}/reconciled`).expect(200)).body;
    expect(before.frozen).toBe(true);
    expect(JSON.stringify(before.contributors)).toContain('Dominique Adoptée');

    await app.http.delete('/api/me').set(auth(author)).send({ password: PASSWORD }).expect(204);
    const after = (await app.http.get(`/api/bills/${bill.id}/reconciled`).expect(200)).body;
    expect(after.contributors[id].authors).toEqual([{ id: author.id, displayName: DELETED }]);
    expect(after.articles).toEqual(before.articles);
    for (const format of ['markdown', 'html', 'akn']) {
      expect((await app.http.get(`/api/bills/${bill.id}/reconciled?format=${format}`).expect(200)).text).not.toContain('Dominique Adoptée');
    }
    // the frozen text stays append-only for everything else
    await expect(app.testDb.db.query(`UPDATE adopted_texts SET result = '{}' WHERE bill_id = $1`, [bill.id])).rejects.toThrow(/append-only/);
  });
});

import { auth, createAdmin, createBill, createCitizen, createUser, startTestApp, type TestApp, type TestUser } from '../helpers/app';

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
const openBill = () => createBill(app, admin, { status: 'consultation' });
const modifyBody = (bill: Bill, extra: Record<string, unknown> = {}) => ({
  kind: 'modify',
  alineas: ['Les administrations communiquent librement leurs documents.', 'Elles les publient en ligne.'],
  rationale: 'Affirmer la liberté de communication.',
  ...extra,
});

async function draft(bill: Bill, author: TestUser, body: Record<string, unknown> = modifyBody(bill)) {
  const res = await app.http.post(`/api/articles/${bill.articles[0]!.id}/amendments`).set(auth(author)).send(body);
  if (res.status !== 201) throw new Error(`draft: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.amendment;
}

describe('drafts', () => {
  test('a draft is visible to its authors only; others get 404 and it is not listed', async () => {
    const bill = await openBill();
    const alice = await createCitizen(app, 'Alice');
    const a = await draft(bill, alice);
    expect(a).toMatchObject({ status: 'draft', number: null, kind: 'modify', origin: 'citizen', baseVersion: 1, stale: false });
    expect(a.authors).toEqual([{ id: alice.id, displayName: 'Alice', kind: 'citizen', assurance: 'none' }]);
    expect((await app.http.get(`/api/amendments/${a.id}`).set(auth(alice))).status).toBe(200);
    const bob = await createCitizen(app);
    expect((await app.http.get(`/api/amendments/${a.id}`).set(auth(bob))).status).toBe(404);
    expect((await app.http.get(`/api/amendments/${a.id}`)).status).toBe(404);
    expect((await app.http.get(`/api/bills/${bill.id}/amendments`)).body.amendments).toEqual([]);
    expect((await app.http.put(`/api/amendments/${a.id}`).set(auth(bob)).send({ rationale: 'pirate' })).status).toBe(404);
  });

  test('the diff shows the word-level change against the base version', async () => {
    const bill = await openBill();
    const a = await draft(bill, await createCitizen(app));
    const modified = a.diff.ops.filter((op: { op: string }) => op.op === 'modify');
    expect(modified).toHaveLength(1);
    expect(modified[0].parts).toEqual(expect.arrayContaining([{ op: 'insert', text: expect.stringContaining('librement') }]));
    expect(a.diff.ops.filter((op: { op: string }) => op.op === 'equal')).toHaveLength(1);
  });

  test('authors edit a draft; each save is a draft revision only authors see', async () => {
    const bill = await openBill();
    const alice = await createCitizen(app);
    const a = await draft(bill, alice);
    const res = await app.http.put(`/api/amendments/${a.id}`).set(auth(alice)).send({ alineas: ['Texte entièrement nouveau.'], rationale: 'Plus simple.' });
    expect(res.status).toBe(200);
    expect(res.body.amendment).toMatchObject({ alineas: ['Texte entièrement nouveau.'], rationale: 'Plus simple.' });
    expect(res.body.amendment.revisions.map((r: { kind: string }) => r.kind)).toEqual(['draft', 'draft']);
    const same = await app.http.put(`/api/amendments/${a.id}`).set(auth(alice)).send({ rationale: 'Plus simple.' });
    expect(same.body.amendment.revisions).toHaveLength(2);
  });

  test('a co-author can edit and submit; adding a co-author is for authors only', async () => {
    const bill = await openBill();
    const [alice, bob, eve] = [await createCitizen(app), await createUser(app, { kind: 'organisation', displayName: 'Association X' }), await createCitizen(app)];
    const a = await draft(bill, alice);
    expect((await app.http.post(`/api/amendments/${a.id}/coauthors`).set(auth(eve)).send({ userId: eve.id })).status).toBe(404);
    const added = await app.http.post(`/api/amendments/${a.id}/coauthors`).set(auth(alice)).send({ userId: bob.id });
    expect(added.status).toBe(200);
    expect(added.body.amendment.authors.map((x: { kind: string }) => x.kind)).toEqual(['citizen', 'organisation']);
    await app.http.put(`/api/amendments/${a.id}`).set(auth(bob)).send({ rationale: 'Co-écrit.' }).expect(200);
    expect((await app.http.post(`/api/amendments/${a.id}/coauthors`).set(auth(alice)).send({ userId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    expect((await app.http.post(`/api/amendments/${a.id}/submit`).set(auth(bob))).status).toBe(200);
  });
});

describe('validation', () => {
  test('an unknown kind, malformed alinéas, text on a deletion or a text that changes nothing are refused', async () => {
    const bill = await openBill();
    const alice = await createCitizen(app);
    const url = `/api/articles/${bill.articles[0]!.id}/amendments`;
    const cases: Record<string, unknown>[] = [
      { kind: 'rewrite', alineas: ['x'], rationale: 'r' },
      { kind: 'modify', alineas: 'pas une liste', rationale: 'r' },
      { kind: 'modify', alineas: ['deux\nlignes'], rationale: 'r' },
      { kind: 'modify', alineas: ['   '], rationale: 'r' },
      { kind: 'modify', alineas: [], rationale: 'r' },
      { kind: 'insert_after', rationale: 'r', submit: true },
      { kind: 'delete', alineas: ['x'], rationale: 'r' },
      { kind: 'modify', alineas: bill.articles[0]!.alineas, rationale: 'r' },
      { kind: 'modify', alineas: bill.articles[0]!.alineas.map((x) => ` ${x} `), rationale: 'r' },
    ];
    for (const body of cases) {
      const res = await app.http.post(url).set(auth(alice)).send(body);
      expect([res.status, res.body.error?.code]).toEqual([400, 'validation_failed']);
    }
    const same = await app.http.post(url).set(auth(alice)).send(cases[7]!);
    expect(same.body.error.details[0].reason).toBe('no_change');
    expect((await app.testDb.db.query('SELECT 1 FROM amendments WHERE bill_id = $1', [bill.id])).rowCount).toBe(0);
  });

  test('a draft may start without a text: modify starts from the article, an article additionnel from one empty alinéa', async () => {
    const bill = await openBill();
    const alice = await createCitizen(app);
    const url = `/api/articles/${bill.articles[0]!.id}/amendments`;
    const modify = await app.http.post(url).set(auth(alice)).send({ kind: 'modify', rationale: '' });
    expect(modify.status).toBe(201);
    expect(modify.body.amendment.alineas).toEqual(bill.articles[0]!.alineas);
    const insert = await app.http.post(url).set(auth(alice)).send({ kind: 'insert_after', rationale: '' });
    expect(insert.body.amendment.alineas).toEqual(['']);
    // Submitting the untouched text is refused: it changes nothing.
    await app.http.put(`/api/amendments/${modify.body.amendment.id}`).set(auth(alice)).send({ rationale: 'Pourquoi pas.' }).expect(200);
    const res = await app.http.post(`/api/amendments/${modify.body.amendment.id}/submit`).set(auth(alice));
    expect([res.status, res.body.error.details[0].reason]).toEqual([400, 'no_change']);
  });

  test('visitors must sign in (401); outside the consultation it is 409 wrong_phase', async () => {
    // an adopted bill (a draft bill would be a 404: it is visible to admins and clerks only)
    const draftBill = await createBill(app, admin, { status: 'adopted' });
    const alice = await createCitizen(app);
    expect((await app.http.post(`/api/articles/${draftBill.articles[0]!.id}/amendments`).send(modifyBody(draftBill))).status).toBe(401);
    const res = await app.http.post(`/api/articles/${draftBill.articles[0]!.id}/amendments`).set(auth(alice)).send(modifyBody(draftBill));
    expect([res.status, res.body.error.code]).toEqual([409, 'wrong_phase']);
    expect((await app.http.post('/api/articles/nope/amendments').set(auth(alice)).send(modifyBody(draftBill))).status).toBe(404);
  });
});

describe('submission and withdrawal', () => {
  test('submission numbers citizen amendments 1, 2, 3… per bill in submission order and freezes the text', async () => {
    const bill = await openBill();
    const alice = await createCitizen(app);
    const first = await draft(bill, alice);
    const second = await draft(bill, alice, { kind: 'delete', rationale: 'Inutile.' });
    const third = await draft(bill, alice, { kind: 'insert_after', alineas: ['Un article nouveau.'], rationale: 'Compléter.' });
    const numbers = [];
    for (const a of [second, first, third]) numbers.push((await app.http.post(`/api/amendments/${a.id}/submit`).set(auth(alice))).body.amendment.number);
    expect(numbers).toEqual([1, 2, 3]);
    const frozen = await app.http.put(`/api/amendments/${first.id}`).set(auth(alice)).send({ rationale: 'trop tard' });
    expect([frozen.status, frozen.body.error.code]).toEqual([409, 'conflict']);
    const again = await app.http.post(`/api/amendments/${first.id}/submit`).set(auth(alice));
    expect(again.status).toBe(409);
    const pub = await app.http.get(`/api/amendments/${first.id}`);
    expect(pub.status).toBe(200);
    expect(pub.body.amendment.revisions.map((r: { kind: string }) => r.kind)).toEqual(['submission']);
    const other = await openBill();
    expect((await draft(other, alice, modifyBody(other, { submit: true }))).number).toBe(1);
  });

  test('concurrent submissions get distinct gapless numbers', async () => {
    const bill = await openBill();
    const authors = await Promise.all(Array.from({ length: 12 }, () => createCitizen(app)));
    const drafts = await Promise.all(authors.map((u) => draft(bill, u)));
    const res = await Promise.all(drafts.map((d, i) => app.http.post(`/api/amendments/${d.id}/submit`).set(auth(authors[i]!))));
    expect(res.map((r) => r.body.amendment.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  test('submitting needs an exposé sommaire', async () => {
    const bill = await openBill();
    const alice = await createCitizen(app);
    const a = await draft(bill, alice, modifyBody(bill, { rationale: '' }));
    const res = await app.http.post(`/api/amendments/${a.id}/submit`).set(auth(alice));
    expect([res.status, res.body.error.code]).toEqual([400, 'validation_failed']);
  });

  test('an author withdraws a submitted amendment; others cannot; a draft or a withdrawn one cannot be withdrawn', async () => {
    const bill = await openBill();
    const [alice, bob] = [await createCitizen(app), await createCitizen(app)];
    const a = await draft(bill, alice, modifyBody(bill, { submit: true }));
    expect((await app.http.post(`/api/amendments/${a.id}/withdraw`).set(auth(bob))).status).toBe(403);
    expect((await app.http.post(`/api/amendments/${a.id}/withdraw`)).status).toBe(401);
    const res = await app.http.post(`/api/amendments/${a.id}/withdraw`).set(auth(alice));
    expect(res.status).toBe(200);
    expect(res.body.amendment.status).toBe('withdrawn');
    expect((await app.http.post(`/api/amendments/${a.id}/withdraw`).set(auth(alice))).status).toBe(409);
    const d = await draft(bill, alice);
    expect((await app.http.post(`/api/amendments/${d.id}/withdraw`).set(auth(alice))).status).toBe(409);
  });

  test('an amendment whose base is no longer the current article version is flagged stale', async () => {
    const bill = await openBill();
    const alice = await createCitizen(app);
    const a = await draft(bill, alice, modifyBody(bill, { submit: true }));
    await app.testDb.db.query(
      `INSERT INTO article_versions (article_id, version, alineas, reason) VALUES ($1, 2, '["Nouveau texte."]', 'test');
       `.trim(), [bill.articles[0]!.id]);
    await app.testDb.db.query('UPDATE articles SET current_version = 2 WHERE id = $1', [bill.articles[0]!.id]);
    const res = await app.http.get(`/api/amendments/${a.id}`);
    expect(res.body.amendment).toMatchObject({ baseVersion: 1, stale: true });
  });
});

describe('votes on amendments', () => {
  test('one vote per account; revoting replaces; withdrawing removes; drafts and withdrawn ones cannot be voted', async () => {
    const bill = await openBill();
    const alice = await createCitizen(app);
    const a = await draft(bill, alice, modifyBody(bill, { submit: true }));
    const url = `/api/amendments/${a.id}/vote`;
    const bob = await createCitizen(app);
    expect((await app.http.put(url).set(auth(bob)).send({ value: 'for' })).body.tally).toEqual({ for: 1, mitigated: 0, against: 0, total: 1 });
    expect((await app.http.put(url).set(auth(bob)).send({ value: 'against' })).body.tally).toEqual({ for: 0, mitigated: 0, against: 1, total: 1 });
    expect((await app.http.delete(url).set(auth(bob))).body.tally.total).toBe(0);
    expect((await app.http.put(url).set(auth(bob)).send({ value: 'maybe' })).status).toBe(400);
    expect((await app.http.put(url).send({ value: 'for' })).status).toBe(401);
    const d = await draft(bill, alice);
    expect((await app.http.put(`/api/amendments/${d.id}/vote`).set(auth(bob)).send({ value: 'for' })).status).toBe(404);
    await app.http.post(`/api/amendments/${a.id}/withdraw`).set(auth(alice)).expect(200);
    expect((await app.http.put(url).set(auth(bob)).send({ value: 'for' })).status).toBe(409);
  });

  test('votes close with the consultation (409 wrong_phase)', async () => {
    const bill = await openBill();
    const a = await draft(bill, await createCitizen(app), modifyBody(bill, { submit: true }));
    await app.http.post(`/api/bills/${bill.id}/status`).set(auth(admin)).send({ status: 'commission' }).expect(200);
    const res = await app.http.put(`/api/amendments/${a.id}/vote`).set(auth(await createCitizen(app))).send({ value: 'for' });
    expect([res.status, res.body.error.code]).toEqual([409, 'wrong_phase']);
  });

  test('hundreds of parallel votes plus one account voting many times at once: the tally equals the distinct voters', async () => {
    const bill = await openBill();
    const a = await draft(bill, await createCitizen(app), modifyBody(bill, { submit: true }));
    const url = `/api/amendments/${a.id}/vote`;
    const voters = await Promise.all(Array.from({ length: 200 }, () => createCitizen(app)));
    const eager = await createCitizen(app);
    const values = ['for', 'mitigated', 'against'] as const;
    const results = await Promise.all([
      ...voters.map((v, i) => app.http.put(url).set(auth(v)).send({ value: values[i % 3] })),
      ...Array.from({ length: 30 }, (_, i) => app.http.put(url).set(auth(eager)).send({ value: values[i % 3] })),
    ]);
    expect(results.every((r) => r.status === 200)).toBe(true);
    const tally = (await app.http.get(`/api/amendments/${a.id}`)).body.amendment.tally;
    expect(tally.total).toBe(201);
    const rows = await app.testDb.db.query<{ value: 'for' | 'mitigated' | 'against'; n: number }>(
      "SELECT value, count(*)::int AS n FROM votes WHERE target_type = 'amendment' AND target_id = $1 GROUP BY value", [a.id]);
    for (const r of rows.rows) expect(tally[r.value]).toBe(r.n);
  });

  test('every vote change is logged without the voter', async () => {
    const bill = await openBill();
    const a = await draft(bill, await createCitizen(app), modifyBody(bill, { submit: true }));
    const bob = await createCitizen(app);
    await app.http.put(`/api/amendments/${a.id}/vote`).set(auth(bob)).send({ value: 'for' }).expect(200);
    await app.http.put(`/api/amendments/${a.id}/vote`).set(auth(bob)).send({ value: 'against' }).expect(200);
    await app.http.delete(`/api/amendments/${a.id}/vote`).set(auth(bob)).expect(200);
    const log = await app.testDb.db.query('SELECT * FROM vote_events WHERE target_id = $1 ORDER BY id', [a.id]);
    expect(log.rows.map((r) => [r.old_value, r.new_value])).toEqual([[null, 'for'], ['for', 'against'], ['against', null]]);
    expect(Object.keys(log.rows[0]!)).not.toContain('user_id');
  });
});

describe('listing and ranking', () => {
  test('position, support, recent and random orders; filters by article and status', async () => {
    const bill = await openBill();
    const authors = await Promise.all(Array.from({ length: 3 }, () => createCitizen(app)));
    const made: { id: string }[] = [];
    for (const u of authors) made.push(await draft(bill, u, modifyBody(bill, { submit: true, rationale: `par ${u.displayName}` })));
    const onArt2 = await app.http.post(`/api/articles/${bill.articles[1]!.id}/amendments`).set(auth(authors[0]!))
      .send({ kind: 'delete', rationale: 'Supprimer.', submit: true }).expect(201);
    // Amendment 3: 3 for out of 3; amendment 2: 30 for and 2 against → 2 ranks first on support.
    const voters = await Promise.all(Array.from({ length: 32 }, () => createCitizen(app)));
    await Promise.all(voters.slice(0, 3).map((v) => app.http.put(`/api/amendments/${made[2]!.id}/vote`).set(auth(v)).send({ value: 'for' }).expect(200)));
    await Promise.all(voters.map((v, i) => app.http.put(`/api/amendments/${made[1]!.id}/vote`).set(auth(v)).send({ value: i < 30 ? 'for' : 'against' }).expect(200)));
    const list = async (q: string, u?: TestUser) => {
      const r = u ? await app.http.get(`/api/bills/${bill.id}/amendments?${q}`).set(auth(u)) : await app.http.get(`/api/bills/${bill.id}/amendments?${q}`);
      expect(r.status).toBe(200);
      return r.body.amendments.map((a: { displayNumber: string }) => a.displayNumber);
    };
    expect(await list('')).toEqual(['1', '2', '3', '4']);
    expect((await list('sort=support')).slice(0, 2)).toEqual(['2', '3']);
    expect(await list('sort=recent')).toEqual(['4', '3', '2', '1']);
    expect(await list(`article=${bill.articles[1]!.id}`)).toEqual(['4']);
    expect(onArt2.body.amendment.articleNumber).toBe('2');
    const r1 = await list('sort=random', authors[0]);
    expect(await list('sort=random', authors[0])).toEqual(r1);
    expect([...r1].sort()).toEqual(['1', '2', '3', '4']);
    await app.http.post(`/api/amendments/${made[0]!.id}/withdraw`).set(auth(authors[0]!)).expect(200);
    expect(await list('status=withdrawn')).toEqual(['1']);
    // examination order: a withdrawn amendment is no longer examined and closes its article
    expect(await list('')).toEqual(['2', '3', '1', '4']);
    expect(await list('limit=2&offset=1')).toEqual(['3', '1']);
    expect((await app.http.get(`/api/bills/${bill.id}/amendments?sort=best`)).status).toBe(400);
    expect((await app.http.get(`/api/bills/${bill.id}/amendments?status=draft`)).status).toBe(400);
  });

  test('GET /api/ranking documents each formula in French and English', async () => {
    const res = await app.http.get('/api/ranking');
    expect(res.status).toBe(200);
    expect(res.body.rankings.map((r: { id: string }) => r.id)).toEqual(['position', 'support', 'bridging', 'controversy', 'recent', 'random']);
    for (const r of res.body.rankings) {
      expect(r.fr.formula.length).toBeGreaterThan(5);
      expect(r.en.explanation.length).toBeGreaterThan(5);
    }
  });
});

test('depositing the same text twice (the back button after « Déposer ») is refused; another person’s identical one is grouped', async () => {
  const bill = await createBill(app, admin, { status: 'consultation' });
  const [alice, bob] = [await createCitizen(app), await createCitizen(app)];
  const body = { kind: 'modify', alineas: ['Les administrations publient tout.', 'Elles les publient en ligne.'], rationale: 'Transparence.', submit: true };
  const url = `/api/articles/${bill.articles[0]!.id}/amendments`;
  const first = await app.http.post(url).set(auth(alice)).send(body).expect(201);
  const again = await app.http.post(url).set(auth(alice)).send({ ...body, alineas: body.alineas.map((a) => ` ${a} `) });
  expect(again.status).toBe(409);
  expect(again.body.error.message).toContain(`n° ${first.body.amendment.number}`);
  const list = (await app.http.get(`/api/bills/${bill.id}/amendments`).expect(200)).body.amendments as unknown[];
  expect(list).toHaveLength(1);
  // someone else depositing the same text is legitimate: the two are examined together
  expect((await app.http.post(url).set(auth(bob)).send(body)).status).toBe(201);
});

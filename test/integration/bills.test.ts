import fs from 'node:fs';
import path from 'node:path';
import { auth, createAdmin, createBill, createCitizen, createUser, SMALL_BILL, seatCommission, startTestApp, type TestApp, type TestUser } from '../helpers/app';

const FIXTURE_TEXT = fs.readFileSync(path.join(__dirname, '../../server/demo/pjl-enseignement-superieur.txt'), 'utf8');
const LAFABRIQUE = path.join(__dirname, '../../../shared/fixtures/bills/lafabrique-pjl12-614.json');

let app: TestApp;
let admin: TestUser;
beforeAll(async () => {
  app = await startTestApp();
  admin = await createAdmin(app);
});
afterAll(async () => {
  await app.close();
});

describe('importing a bill', () => {
  test('plain legistic text: 11 articles with their alinéas, headings and version 1', async () => {
    const res = await app.http.post('/api/bills').set(auth(admin)).send({ title: 'Enseignement supérieur', text: FIXTURE_TEXT });
    expect(res.status).toBe(201);
    const bill = res.body.bill;
    expect(bill).toMatchObject({ id: expect.any(String), title: 'Enseignement supérieur', status: 'draft' });
    expect(bill.articles.map((a: { number: string }) => a.number)).toEqual(['1er bis', '2', '2 bis', '3', '3 bis', '4', '5', '5 bis', '6', '7', '7 bis']);
    expect(bill.articles.map((a: { alineas: string[] }) => a.alineas.length)).toEqual([2, 10, 1, 7, 3, 17, 6, 1, 5, 12, 3]);
    expect(bill.articles.every((a: { version: number }) => a.version === 1)).toBe(true);
    expect(bill.articles[0].heading).toContain('TITRE Ier');
    expect(bill.articles[0].heading).toContain('Chapitre Ier');
    // Quoted provisions are alinéas of the bill.
    expect(bill.articles[1].alineas[2]).toBe('« 1° Par les nécessités de l\'enseignement des langues et cultures régionales ou étrangères ;');
  });

  test('a clerk may import too; the title defaults to the text’s title line', async () => {
    const clerk = await createUser(app, { roles: ['clerk'] });
    const res = await app.http.post('/api/bills').set(auth(clerk)).send({ text: SMALL_BILL });
    expect(res.status).toBe(201);
    expect(res.body.bill.title).toBe('PROJET DE LOI pour une République numérique');
  });

  test('structured JSON: numbers are normalised and headings kept', async () => {
    const res = await app.http.post('/api/bills').set(auth(admin)).send({
      title: 'Projet structuré',
      articles: [
        { number: '1er', heading: 'Dispositions générales', alineas: ['Premier alinéa.', 'Second alinéa.'] },
        { number: '2', alineas: ['Seul alinéa.'] },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body.bill.articles).toHaveLength(2);
    expect(res.body.bill.articles[0]).toMatchObject({ number: '1er', alineas: ['Premier alinéa.', 'Second alinéa.'], version: 1 });
    expect(res.body.bill.articles[0].heading).toContain('Dispositions générales');
  });

  test('La Fabrique de la Loi JSON: same articles as the text version', async () => {
    const lafabrique = JSON.parse(fs.readFileSync(LAFABRIQUE, 'utf8'));
    const res = await app.http.post('/api/bills').set(auth(admin)).send({ lafabrique });
    expect(res.status).toBe(201);
    expect(res.body.bill.title).toContain('enseignement supérieur');
    expect(res.body.bill.articles.map((a: { alineas: string[] }) => a.alineas.length)).toEqual([2, 10, 1, 7, 3, 17, 6, 1, 5, 12, 3]);
  });

  test('with the title given apart, the text may start with its title line or with its first division or article', async () => {
    const body = 'TITRE IER\nDISPOSITIONS GÉNÉRALES\n\nArticle 1er\nLes données publiques sont ouvertes.\n\nArticle 2\nUn décret précise les modalités.\n';
    const res = await app.http.post('/api/bills').set(auth(admin)).send({ title: 'Projet sans ligne de titre', text: body });
    expect(res.status).toBe(201);
    expect(res.body.bill.title).toBe('Projet sans ligne de titre');
    expect(res.body.bill.articles.map((a: { number: string }) => a.number)).toEqual(['1er', '2']);
    const bare = await app.http.post('/api/bills').set(auth(admin)).send({ title: 'Article seul', text: 'Article 1er\nTexte.' });
    expect(bare.status).toBe(201);
    // without a title apart, the first line still has to be the title
    const untitled = await app.http.post('/api/bills').set(auth(admin)).send({ text: 'Article 1er\nTexte.' });
    expect(untitled.status).toBe(400);
    expect(JSON.stringify(untitled.body.error.details)).toContain('intitulé');
  });

  test('a title past 500 characters is refused, whether given apart or as the first line', async () => {
    const long = `PROJET DE LOI ${'très '.repeat(120)}long`;
    for (const body of [{ text: `${long}\nArticle 1er\nTexte.` }, { title: long, text: 'Article 1er\nTexte.' }]) {
      const res = await app.http.post('/api/bills').set(auth(admin)).send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
  });

  test('text before the first heading, duplicates and a missing article are refused with the line named', async () => {
    const cases: [string, number][] = [
      ['PROJET DE LOI test\nUn paragraphe égaré\nArticle 1er\nTexte.', 2],
      ['PROJET DE LOI test\nArticle 1er\nTexte.\nArticle 1er\nAutre.', 4],
    ];
    for (const [text, line] of cases) {
      const res = await app.http.post('/api/bills').set(auth(admin)).send({ title: 'Mauvais', text });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ line })]));
    }
    const none = await app.http.post('/api/bills').set(auth(admin)).send({ title: 'Vide', text: 'PROJET DE LOI sans article\n' });
    expect(none.status).toBe(400);
    expect(none.body.error.code).toBe('validation_failed');
    const structured = await app.http.post('/api/bills').set(auth(admin)).send({ title: 'Doublon', articles: [{ number: '2', alineas: ['a'] }, { number: '2', alineas: ['b'] }] });
    expect(structured.status).toBe(400);
    expect(JSON.stringify(structured.body.error.details)).toContain('articles/1');
  });

  test('an over-long text is refused (400 over 2 million characters, 413 over 5 MB) and nothing is stored', async () => {
    const before = (await app.http.get('/api/bills')).body.total;
    const long = `PROJET DE LOI long\nArticle 1er\n${'x'.repeat(2_000_001)}`;
    const res = await app.http.post('/api/bills').set(auth(admin)).send({ title: 'Long', text: long });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    const huge = await app.http.post('/api/bills').set(auth(admin)).send({ title: 'Énorme', text: 'é'.repeat(3_000_000) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
    expect((await app.http.get('/api/bills')).body.total).toBe(before);
  });

  test('citizens cannot import (403), visitors must sign in (401)', async () => {
    const citizen = await createCitizen(app);
    expect((await app.http.post('/api/bills').set(auth(citizen)).send({ title: 't', text: SMALL_BILL })).status).toBe(403);
    const anon = await app.http.post('/api/bills').send({ title: 't', text: SMALL_BILL });
    expect(anon.status).toBe(401);
    expect(anon.body.error.code).toBe('unauthenticated');
  });
});

describe('reading bills and articles', () => {
  test('the list shows bills with their phase and article count, newest first, paginated', async () => {
    const a = await createBill(app, admin);
    const b = await createBill(app, admin, { status: 'consultation' });
    // drafts are listed for admins and clerks only
    expect((await app.http.get('/api/bills?limit=50')).body.bills.map((x: { id: string }) => x.id)).not.toContain(a.id);
    const res = await app.http.get('/api/bills?limit=2').set(auth(admin));
    expect(res.status).toBe(200);
    expect(res.body.bills.map((x: { id: string }) => x.id)).toEqual([b.id, a.id]);
    expect(res.body.bills[0]).toMatchObject({ status: 'consultation', articleCount: 2 });
    expect(res.body.total).toBeGreaterThanOrEqual(2);
    const page2 = await app.http.get('/api/bills?limit=2&offset=2').set(auth(admin));
    expect(page2.body.bills.map((x: { id: string }) => x.id)).not.toContain(a.id);
    expect((await app.http.get('/api/bills?limit=0')).status).toBe(400);
  });

  test('an article shows its text, heading, version and versions; a version is readable by number', async () => {
    const bill = await createBill(app, admin, { status: 'consultation' });
    const articleId = bill.articles[0]!.id;
    const res = await app.http.get(`/api/articles/${articleId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: articleId, billId: bill.id, number: '1er', version: 1,
      alineas: ['Les administrations communiquent leurs documents.', 'Elles les publient en ligne.'],
      versions: [{ version: 1, createdAt: expect.any(String), reason: expect.any(String) }],
    });
    expect(res.body.heading).toContain('LA CIRCULATION DES DONNÉES');
    const v1 = await app.http.get(`/api/articles/${articleId}/versions/1`);
    expect(v1.body).toMatchObject({ version: 1, alineas: res.body.alineas });
    expect((await app.http.get(`/api/articles/${articleId}/versions/2`)).status).toBe(404);
  });

  test('unknown or malformed ids are 404 not_found', async () => {
    for (const url of ['/api/bills/00000000-0000-4000-8000-000000000000', '/api/bills/abc', '/api/articles/xyz', '/api/articles/00000000-0000-4000-8000-000000000000/versions/1']) {
      const res = await app.http.get(url);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
  });
});

describe('phases', () => {
  test('an admin moves a bill forward one phase at a time; each change is recorded with its time', async () => {
    const bill = await createBill(app, admin);
    for (const status of ['consultation', 'commission', 'adopted']) {
      if (status === 'adopted') await seatCommission(app, admin, bill.id);
      const res = await app.http.post(`/api/bills/${bill.id}/status`).set(auth(admin)).send({ status });
      expect(res.status).toBe(200);
      expect(res.body.bill.status).toBe(status);
    }
    const res = await app.http.get(`/api/bills/${bill.id}`);
    expect(res.body.bill.statusChanges.map((c: { from: string; to: string }) => `${c.from}>${c.to}`)).toEqual([
      'draft>consultation', 'consultation>commission', 'commission>adopted',
    ]);
    expect(Date.parse(res.body.bill.statusChanges[0].at)).not.toBeNaN();
  });

  test('moving backwards, skipping or staying is 409 wrong_phase and changes nothing', async () => {
    const bill = await createBill(app, admin, { status: 'consultation' });
    for (const status of ['draft', 'consultation', 'adopted']) {
      const res = await app.http.post(`/api/bills/${bill.id}/status`).set(auth(admin)).send({ status });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('wrong_phase');
    }
    expect((await app.http.get(`/api/bills/${bill.id}`)).body.bill.status).toBe('consultation');
    expect((await app.http.post(`/api/bills/${bill.id}/status`).set(auth(admin)).send({ status: 'voted' })).status).toBe(400);
  });

  test('only an admin changes phases', async () => {
    const bill = await createBill(app, admin);
    const clerk = await createUser(app, { roles: ['clerk'] });
    expect((await app.http.post(`/api/bills/${bill.id}/status`).set(auth(clerk)).send({ status: 'consultation' })).status).toBe(403);
    // a visitor does not even learn that a draft bill exists
    expect((await app.http.post(`/api/bills/${bill.id}/status`).send({ status: 'consultation' })).status).toBe(404);
  });
});

describe('votes on articles', () => {
  test('voting again replaces the vote, withdrawing removes it; the tally follows', async () => {
    const bill = await createBill(app, admin, { status: 'consultation' });
    const url = `/api/articles/${bill.articles[0]!.id}/vote`;
    const [alice, bob] = [await createCitizen(app), await createCitizen(app)];
    expect((await app.http.put(url).set(auth(alice)).send({ value: 'for' })).body.tally).toEqual({ for: 1, mitigated: 0, against: 0, total: 1 });
    expect((await app.http.put(url).set(auth(bob)).send({ value: 'against' })).body.tally).toEqual({ for: 1, mitigated: 0, against: 1, total: 2 });
    expect((await app.http.put(url).set(auth(alice)).send({ value: 'mitigated' })).body.tally).toEqual({ for: 0, mitigated: 1, against: 1, total: 2 });
    expect((await app.http.put(url).set(auth(alice)).send({ value: 'mitigated' })).body.tally.total).toBe(2);
    expect((await app.http.delete(url).set(auth(bob))).body.tally).toEqual({ for: 0, mitigated: 1, against: 0, total: 1 });
    expect((await app.http.get(`/api/articles/${bill.articles[0]!.id}`)).body.tally.total).toBe(1);
  });

  test('a vote outside consultation is 409 wrong_phase; bad values 400; visitors 401', async () => {
    const draft = await createBill(app, admin, { status: 'commission' });
    const citizen = await createCitizen(app);
    const res = await app.http.put(`/api/articles/${draft.articles[0]!.id}/vote`).set(auth(citizen)).send({ value: 'for' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('wrong_phase');
    const open = await createBill(app, admin, { status: 'consultation' });
    const url = `/api/articles/${open.articles[0]!.id}/vote`;
    expect((await app.http.put(url).set(auth(citizen)).send({ value: 'yes' })).status).toBe(400);
    expect((await app.http.put(url).send({ value: 'for' })).status).toBe(401);
    expect((await app.http.put('/api/articles/nope/vote').set(auth(citizen)).send({ value: 'for' })).status).toBe(404);
  });

  test('concurrent votes are counted exactly: 60 voters at once plus one voter voting 20 times at once', async () => {
    const bill = await createBill(app, admin, { status: 'consultation' });
    const url = `/api/articles/${bill.articles[1]!.id}/vote`;
    const voters = await Promise.all(Array.from({ length: 60 }, () => createCitizen(app)));
    const eager = await createCitizen(app);
    const values = ['for', 'mitigated', 'against'] as const;
    await Promise.all([
      ...voters.map((v, i) => app.http.put(url).set(auth(v)).send({ value: values[i % 3] }).expect(200)),
      ...Array.from({ length: 20 }, (_, i) => app.http.put(url).set(auth(eager)).send({ value: values[i % 3] }).expect(200)),
    ]);
    const tally = (await app.http.get(`/api/articles/${bill.articles[1]!.id}`)).body.tally;
    expect(tally.total).toBe(61);
    const counted = await app.testDb.db.query<{ value: string; n: number }>(
      "SELECT value, count(*)::int AS n FROM votes WHERE target_type = 'article' AND target_id = $1 GROUP BY value", [bill.articles[1]!.id]);
    for (const row of counted.rows) expect(tally[row.value]).toBe(row.n);
  });
});

import { create } from 'xmlbuilder2';
import { auth, createAdmin, createBill, createCitizen, startTestApp, type TestApp, type TestUser } from '../helpers/app';

/** Votes over time on an amendment, participation per day in a bill: JSON, SVG and pages. */

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

async function amend(bill: Bill, user: TestUser, submit = true): Promise<string> {
  const res = await app.http.post(`/api/articles/${bill.articles[0]!.id}/amendments`).set(auth(user)).send({ kind: 'delete', rationale: 'Inutile.', submit });
  expect(res.status).toBe(201);
  return res.body.amendment.id;
}

const vote = (path: string, user: TestUser, value: string | null) => (value === null
  ? app.http.delete(`${path}/vote`).set(auth(user)).expect(200)
  : app.http.put(`${path}/vote`).set(auth(user)).send({ value }).expect(200));

/** Moves the vote log of a target (or everything of a bill's tables) to a given instant, to spread activity over days. */
async function backdateVotes(targetId: string, at: string): Promise<void> {
  await app.testDb.db.query('UPDATE vote_events SET at = $2 WHERE target_id = $1', [targetId, at]);
}

/** supertest leaves image bodies unread: fetch the drawing as text. */
async function getSvg(path: string): Promise<{ status: number; type: string | null; text: string }> {
  const res = await fetch(`${app.url}${path}`);
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

const wellFormedSvg = (text: string) => {
  expect(() => create(text)).not.toThrow();
  expect(text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(text).toMatch(/role="img"/);
  expect(text).toMatch(/<title id="[^"]+">[^<]+<\/title>/);
  expect(text).toMatch(/<desc id="[^"]+">[^<]+<\/desc>/);
  expect(text).not.toMatch(/style=|<style|<script/);
};

describe('votes over time on an amendment', () => {
  test('cumulative counts at the end of each day (Paris time), the last equal to the tally, changes and withdrawals included', async () => {
    const bill = await createBill(app, admin, { status: 'consultation' });
    const id = await amend(bill, await createCitizen(app));
    const path = `/api/amendments/${id}`;
    const [a, b, c, d] = await Promise.all([createCitizen(app), createCitizen(app), createCitizen(app), createCitizen(app)]);
    await vote(path, a, 'for');
    await vote(path, b, 'for');
    await vote(path, c, 'against');
    // the first three on 3 May (late evening in Paris: 23:30 is 21:30 UTC in summer)
    await backdateVotes(id, '2025-05-03T21:30:00Z');
    await vote(path, b, 'mitigated'); // a change: one d'accord less, one mitigé more
    await vote(path, d, 'for');
    await vote(path, c, null); // withdrawn
    await app.testDb.db.query(`UPDATE vote_events SET at = '2025-05-05T08:00:00Z' WHERE target_id = $1 AND at > '2025-05-04'`, [id]);

    const res = await app.http.get(`${path}/votes-over-time`).expect(200);
    expect(res.body).toEqual({
      amendmentId: id, billId: bill.id, displayNumber: '1', timeZone: 'Europe/Paris',
      days: [
        { date: '2025-05-03', for: 2, mitigated: 0, against: 1, total: 3 },
        { date: '2025-05-05', for: 2, mitigated: 1, against: 0, total: 3 },
      ],
      tally: { for: 2, mitigated: 1, against: 0, total: 3 },
    });
    expect((await app.http.get(path).expect(200)).body.amendment.tally).toEqual(res.body.tally);

    const svg = await getSvg(`${path}/votes-over-time.svg`);
    expect([svg.status, svg.type]).toEqual([200, expect.stringMatching(/^image\/svg\+xml/)]);
    const text = svg.text;
    wellFormedSvg(text);
    expect(text).toContain('Évolution des votes sur l’amendement n° 1');
    expect(text).toContain('Au 5 mai 2025 : 2 d’accord, 1 mitigé, 0 pas d’accord (3 votes).');
    for (const label of ['d’accord : 2', 'mitigé : 1', 'pas d’accord : 0', '2 mai', '5 mai']) expect(text).toContain(label);
    // three lines, told apart by dashes as well as colours
    expect(text.match(/<path d="M[^"]+" fill="none"/g)).toHaveLength(3);
    expect(text).toContain('stroke-dasharray="9 4"');
    expect(text).toContain('stroke-dasharray="2 3"');

    const page = (await app.http.get(`/amendements/${id}`).expect(200)).text;
    expect(page).toContain('<h2 id="evolution-votes">Évolution des votes</h2>');
    expect(page).toMatch(/<svg [^>]*role="img"/);
    expect(page).toContain('<summary>Voir les données</summary>');
    expect(page).toContain('<th scope="row"><time datetime="2025-05-05">5 mai 2025</time></th><td>2</td><td>1</td><td>0</td><td>3</td>');
    expect(page).toContain(`href="/textes/${bill.id}/participation"`);
  });

  test('no vote yet: an empty series, an empty chart, « Aucun vote » on the page; drafts and unknown amendments are 404', async () => {
    const bill = await createBill(app, admin, { status: 'consultation' });
    const author = await createCitizen(app);
    const id = await amend(bill, author);
    const res = (await app.http.get(`/api/amendments/${id}/votes-over-time`).expect(200)).body;
    expect([res.days, res.tally]).toEqual([[], { for: 0, mitigated: 0, against: 0, total: 0 }]);
    wellFormedSvg((await getSvg(`/api/amendments/${id}/votes-over-time.svg`)).text);
    expect((await app.http.get(`/amendements/${id}`).expect(200)).text).toContain('Aucun vote pour l’instant.');
    const draft = await amend(bill, author, false);
    expect((await app.http.get(`/api/amendments/${draft}/votes-over-time`)).status).toBe(404);
    expect((await getSvg(`/api/amendments/${draft}/votes-over-time.svg`)).status).toBe(404);
    expect((await app.http.get('/api/amendments/00000000-0000-4000-8000-000000000000/votes-over-time')).status).toBe(404);
  });
});

describe('participation per day in a bill', () => {
  test('votes cast, amendments submitted, arguments and annotations per day; a changed vote counts once; drafts not at all', async () => {
    const bill = await createBill(app, admin, { status: 'consultation' });
    const article = bill.articles[0]!;
    const [alice, bob] = [await createCitizen(app), await createCitizen(app)];
    const amendment = await amend(bill, alice);
    await amend(bill, bob, false); // a draft: not participation yet
    await vote(`/api/articles/${article.id}`, alice, 'for');
    await vote(`/api/articles/${article.id}`, alice, 'against'); // changed: still one vote
    await vote(`/api/amendments/${amendment}`, bob, 'for');
    const argument = (await app.http.post(`/api/amendments/${amendment}/arguments`).set(auth(bob)).send({ side: 'for', body: 'Oui.' }).expect(201)).body.argument.id;
    await vote(`/api/arguments/${argument}`, alice, 'for');
    const start = article.alineas[0]!.indexOf('documents');
    await app.http.post(`/api/articles/${article.id}/annotations`).set(auth(bob))
      .send({ version: 1, alinea: 1, start, end: start + 'documents'.length, quote: 'documents', body: 'Lesquels ?' }).expect(201);
    // spread over two days: the amendment and the article votes on 2 May, the rest on 4 May
    const db = app.testDb.db;
    await db.query(`UPDATE amendments SET submitted_at = '2025-05-02T10:00:00Z' WHERE id = $1`, [amendment]);
    await backdateVotes(article.id, '2025-05-02T12:00:00Z');
    for (const id of [amendment, argument]) await backdateVotes(id, '2025-05-04T12:00:00Z');
    await db.query(`UPDATE arguments SET created_at = '2025-05-04T12:00:00Z' WHERE id = $1`, [argument]);
    await db.query(`UPDATE annotations SET created_at = '2025-05-04T21:59:00Z' WHERE bill_id = $1`, [bill.id]);

    const res = (await app.http.get(`/api/bills/${bill.id}/participation`).expect(200)).body;
    expect(res).toEqual({
      billId: bill.id, timeZone: 'Europe/Paris',
      days: [
        { date: '2025-05-02', votes: 1, amendments: 1, arguments: 0, annotations: 0, total: 2 },
        { date: '2025-05-04', votes: 2, amendments: 0, arguments: 1, annotations: 1, total: 4 },
      ],
      totals: { votes: 3, amendments: 1, arguments: 1, annotations: 1, total: 6 },
      // what structures de médiation collected, counted apart (test/integration/mediators.test.ts)
      assisted: { amendments: 0, arguments: 0, annotations: 0, persons: 0, workshops: 0, workshopParticipants: 0 },
    });

    const svg = (await getSvg(`/api/bills/${bill.id}/participation.svg`)).text;
    wellFormedSvg(svg);
    for (const label of ['Votes exprimés', 'Amendements déposés', 'Arguments', 'Annotations', '2 mai', '4 mai', '(3 au total)']) expect(svg).toContain(label);
    expect(svg).toContain('<pattern id="participation-amendments"');

    const page = (await app.http.get(`/textes/${bill.id}/participation`).expect(200)).text;
    expect(page).toContain('<h1>Participation jour par jour</h1>');
    expect(page).toMatch(/<svg [^>]*role="img"/);
    expect(page).toContain('<th scope="row"><time datetime="2025-05-04">4 mai 2025</time></th><td>2</td><td>0</td><td>1</td><td>1</td><td>4</td>');
  });

  test('a bill nobody took part in has empty series and says so; an unknown bill is 404', async () => {
    const bill = await createBill(app, admin, { status: 'consultation' });
    expect((await app.http.get(`/api/bills/${bill.id}/participation`).expect(200)).body).toEqual({
      billId: bill.id, timeZone: 'Europe/Paris', days: [], totals: { votes: 0, amendments: 0, arguments: 0, annotations: 0, total: 0 },
      assisted: { amendments: 0, arguments: 0, annotations: 0, persons: 0, workshops: 0, workshopParticipants: 0 },
    });
    wellFormedSvg((await getSvg(`/api/bills/${bill.id}/participation.svg`)).text);
    expect((await app.http.get(`/textes/${bill.id}/participation`).expect(200)).text).toContain('Personne n’a encore participé');
    expect((await app.http.get('/api/bills/00000000-0000-4000-8000-000000000000/participation')).status).toBe(404);
    expect((await app.http.get('/textes/00000000-0000-4000-8000-000000000000/participation')).status).toBe(404);
  });
});

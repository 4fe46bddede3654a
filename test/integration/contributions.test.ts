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

async function submitted(bill: Bill, author: TestUser): Promise<string> {
  const res = await app.http.post(`/api/articles/${bill.articles[0]!.id}/amendments`).set(auth(author))
    .send({ kind: 'delete', rationale: 'Inutile.', submit: true });
  expect(res.status).toBe(201);
  return res.body.amendment.id;
}

describe('arguments', () => {
  test('arguments for and against an amendment are listed by support, with their author and tally', async () => {
    const bill = await openBill();
    const amendmentId = await submitted(bill, await createCitizen(app));
    const org = await createUser(app, { kind: 'organisation', displayName: 'La Quadrature' });
    const weak = await app.http.post(`/api/amendments/${amendmentId}/arguments`).set(auth(org)).send({ side: 'for', body: 'Un argument faible.' });
    expect(weak.status).toBe(201);
    expect(weak.body.argument).toMatchObject({ side: 'for', body: 'Un argument faible.', author: { displayName: 'La Quadrature', kind: 'organisation' } });
    const strong = (await app.http.post(`/api/amendments/${amendmentId}/arguments`).set(auth(org)).send({ side: 'against', body: 'Un argument solide.' })).body.argument;
    const voters = await Promise.all(Array.from({ length: 4 }, () => createCitizen(app)));
    for (const v of voters) await app.http.put(`/api/arguments/${strong.id}/vote`).set(auth(v)).send({ value: 'for' }).expect(200);
    await app.http.put(`/api/arguments/${weak.body.argument.id}/vote`).set(auth(voters[0]!)).send({ value: 'against' }).expect(200);
    const list = await app.http.get(`/api/amendments/${amendmentId}/arguments`);
    expect(list.status).toBe(200);
    expect(list.body.arguments.map((a: { body: string }) => a.body)).toEqual(['Un argument solide.', 'Un argument faible.']);
    expect(list.body.arguments[0].tally).toEqual({ for: 4, mitigated: 0, against: 0, total: 4 });
  });

  test('arguments on articles work too; bad sides, empty bodies, visitors and drafts are refused', async () => {
    const bill = await openBill();
    const alice = await createCitizen(app);
    const url = `/api/articles/${bill.articles[0]!.id}/arguments`;
    expect((await app.http.post(url).set(auth(alice)).send({ side: 'for', body: 'Cet article est utile.' })).status).toBe(201);
    expect((await app.http.get(url)).body.arguments).toHaveLength(1);
    expect((await app.http.post(url).set(auth(alice)).send({ side: 'neutral', body: 'Bof.' })).status).toBe(400);
    expect((await app.http.post(url).set(auth(alice)).send({ side: 'for', body: '  ' })).status).toBe(400);
    expect((await app.http.post(url).send({ side: 'for', body: 'Anonyme.' })).status).toBe(401);
    const draft = (await app.http.post(`/api/articles/${bill.articles[0]!.id}/amendments`).set(auth(alice)).send({ kind: 'delete', rationale: 'x' })).body.amendment;
    expect((await app.http.post(`/api/amendments/${draft.id}/arguments`).set(auth(await createCitizen(app))).send({ side: 'for', body: 'Je vois un brouillon ?' })).status).toBe(404);
  });
});

describe('annotations', () => {
  test('a passage quoted exactly is annotated, with prefix and suffix, and replies are attached', async () => {
    const bill = await openBill();
    const article = bill.articles[0]!;
    const alice = await createCitizen(app);
    const text = article.alineas[0]!; // « Les administrations communiquent leurs documents. »
    const start = text.indexOf('communiquent');
    const res = await app.http.post(`/api/articles/${article.id}/annotations`).set(auth(alice))
      .send({ version: 1, alinea: 1, start, end: start + 'communiquent'.length, quote: 'communiquent', body: 'À qui ?' });
    expect(res.status).toBe(201);
    expect(res.body.annotation).toMatchObject({ alinea: 1, quote: 'communiquent', prefix: 'Les administrations ', suffix: ' leurs documents.', anchor: { status: 'exact' } });
    const reply = await app.http.post(`/api/annotations/${res.body.annotation.id}/replies`).set(auth(await createCitizen(app))).send({ body: 'Au public.' });
    expect(reply.status).toBe(201);
    const list = await app.http.get(`/api/articles/${article.id}/annotations`);
    expect(list.body.annotations).toHaveLength(1);
    expect(list.body.annotations[0].replies.map((r: { body: string }) => r.body)).toEqual(['Au public.']);
  });

  test('a wrong quote or a range outside the alinéa is 422; a missing version 404; visitors 401', async () => {
    const bill = await openBill();
    const article = bill.articles[0]!;
    const alice = await createCitizen(app);
    const url = `/api/articles/${article.id}/annotations`;
    const wrong = await app.http.post(url).set(auth(alice)).send({ version: 1, alinea: 1, start: 0, end: 3, quote: 'Des', body: 'x' });
    expect([wrong.status, wrong.body.error.code, wrong.body.error.details.reason]).toEqual([422, 'unprocessable', 'quote_mismatch']);
    expect((await app.http.post(url).set(auth(alice)).send({ version: 1, alinea: 9, start: 0, end: 3, quote: 'Les', body: 'x' })).status).toBe(422);
    expect((await app.http.post(url).set(auth(alice)).send({ version: 1, alinea: 1, start: 0, end: 999, quote: 'Les', body: 'x' })).status).toBe(422);
    expect((await app.http.post(url).set(auth(alice)).send({ version: 7, alinea: 1, start: 0, end: 3, quote: 'Les', body: 'x' })).status).toBe(404);
    expect((await app.http.post(url).send({ version: 1, alinea: 1, start: 0, end: 3, quote: 'Les', body: 'x' })).status).toBe(401);
    expect((await app.http.get(url)).body.annotations).toEqual([]);
  });
});

describe('moderation', () => {
  test('a report, then a moderator hides the contribution with a public reason; it shows « masqué par la modération »; restoring brings it back', async () => {
    const bill = await openBill();
    const author = await createCitizen(app);
    const amendmentId = await submitted(bill, author);
    const reporter = await createCitizen(app);
    const moderator = await createUser(app, { roles: ['moderator'], displayName: 'Modération' });
    const report = await app.http.post('/api/reports').set(auth(reporter)).send({ subjectType: 'amendment', subjectId: amendmentId, reason: 'respect', comment: 'Propos injurieux' });
    expect(report.status).toBe(201);
    expect((await app.http.post('/api/reports').set(auth(reporter)).send({ subjectType: 'amendment', subjectId: amendmentId, reason: 'respect' })).status).toBe(409);
    const queue = await app.http.get('/api/moderation/reports').set(auth(moderator));
    expect(queue.body.reports).toEqual(expect.arrayContaining([expect.objectContaining({ subjectId: amendmentId, count: 1 })]));
    expect((await app.http.get('/api/moderation/reports').set(auth(reporter))).status).toBe(403);

    expect((await app.http.post(`/api/moderation/amendment/${amendmentId}/hide`).set(auth(reporter)).send({ reason: 'Moi aussi' })).status).toBe(403);
    expect((await app.http.post(`/api/moderation/amendment/${amendmentId}/hide`).set(auth(moderator)).send({ reason: 'Injures' })).status).toBe(200);
    expect((await app.http.post(`/api/moderation/amendment/${amendmentId}/hide`).set(auth(moderator)).send({ reason: 'Encore' })).status).toBe(409);
    const hidden = (await app.http.get(`/api/amendments/${amendmentId}`)).body.amendment;
    expect(hidden.hidden).toEqual({ reason: 'Injures', label: 'masqué par la modération : Injures' });
    expect(hidden.rationale).toBe('');
    expect((await app.http.put(`/api/amendments/${amendmentId}/vote`).set(auth(reporter)).send({ value: 'for' })).status).toBe(409);
    const listed = (await app.http.get(`/api/bills/${bill.id}/amendments`)).body.amendments.find((a: { id: string }) => a.id === amendmentId);
    expect(listed.hidden.reason).toBe('Injures');

    await app.http.post(`/api/moderation/amendment/${amendmentId}/restore`).set(auth(moderator)).send({ reason: 'Après relecture, propos acceptables' }).expect(200);
    expect((await app.http.get(`/api/amendments/${amendmentId}`)).body.amendment).toMatchObject({ hidden: null, rationale: 'Inutile.' });
    const log = await app.http.get('/api/moderation/log');
    expect(log.status).toBe(200);
    expect(log.body.actions.slice(0, 2).map((a: { action: string; reason: string; moderator: string }) => [a.action, a.reason, a.moderator])).toEqual([
      ['restore', 'Après relecture, propos acceptables', 'Modération'], ['hide', 'Injures', 'Modération'],
    ]);
    expect((await app.http.get('/api/moderation/reports').set(auth(moderator))).body.reports.find((r: { subjectId: string }) => r.subjectId === amendmentId)).toBeUndefined();
  });

  test('arguments, annotations and replies can be hidden too; unknown subjects are 404, bad types 400', async () => {
    const bill = await openBill();
    const alice = await createCitizen(app);
    const moderator = await createUser(app, { roles: ['moderator'] });
    const arg = (await app.http.post(`/api/articles/${bill.articles[0]!.id}/arguments`).set(auth(alice)).send({ side: 'against', body: 'Texte à masquer.' })).body.argument;
    await app.http.post(`/api/moderation/argument/${arg.id}/hide`).set(auth(moderator)).send({ reason: 'Hors sujet' }).expect(200);
    const args = (await app.http.get(`/api/articles/${bill.articles[0]!.id}/arguments`)).body.arguments;
    expect(args[0]).toMatchObject({ body: '', hidden: { reason: 'Hors sujet' } });
    const note = (await app.http.post(`/api/articles/${bill.articles[0]!.id}/annotations`).set(auth(alice))
      .send({ version: 1, alinea: 2, start: 0, end: 5, quote: 'Elles', body: 'Note à masquer.' })).body.annotation;
    const reply = (await app.http.post(`/api/annotations/${note.id}/replies`).set(auth(alice)).send({ body: 'Réponse à masquer.' })).body.reply;
    await app.http.post(`/api/moderation/annotation/${note.id}/hide`).set(auth(moderator)).send({ reason: 'Spam' }).expect(200);
    await app.http.post(`/api/moderation/reply/${reply.id}/hide`).set(auth(moderator)).send({ reason: 'Spam' }).expect(200);
    const [shown] = (await app.http.get(`/api/articles/${bill.articles[0]!.id}/annotations`)).body.annotations;
    expect(shown).toMatchObject({ body: '', hidden: { reason: 'Spam' }, quote: 'Elles' });
    expect(shown.replies[0]).toMatchObject({ body: '', hidden: { reason: 'Spam' } });
    expect((await app.http.post('/api/moderation/argument/00000000-0000-4000-8000-000000000000/hide').set(auth(moderator)).send({ reason: 'Rien' })).status).toBe(404);
    expect((await app.http.post(`/api/moderation/article/${arg.id}/hide`).set(auth(moderator)).send({ reason: 'Rien' })).status).toBe(400);
    expect((await app.http.post('/api/reports').set(auth(alice)).send({ subjectType: 'argument', subjectId: arg.id, reason: '' })).status).toBe(400);
  });
});

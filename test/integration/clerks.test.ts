import { auth, createAdmin, createBill, createCitizen, createUser, seatCommission, startTestApp, type TestApp, type TestUser } from '../helpers/app';
import { clientAlineas, connectClient, typeInto, until, type Client } from '../helpers/collab';

/** API.md › Clerks: the desk, formalisation (with its live workspace), inadmissibility, responses, notifications. */

let app: TestApp;
let admin: TestUser;
let clerk: TestUser;
const clients: Client[] = [];
beforeAll(async () => {
  app = await startTestApp();
  admin = await createAdmin(app);
  clerk = await createUser(app, { roles: ['clerk'], displayName: 'Greffier Martin' });
});
afterEach(() => clients.splice(0).forEach((c) => c.close()));
afterAll(async () => {
  await app.close();
});

type Bill = Awaited<ReturnType<typeof createBill>>;
const NEW_TEXT = ['Les administrations communiquent librement leurs documents.', 'Elles les publient en ligne.'];

async function submitted(bill: Bill, author: TestUser, body: Record<string, unknown> = {}) {
  const res = await app.http.post(`/api/articles/${bill.articles[0]!.id}/amendments`).set(auth(author))
    .send({ kind: 'modify', alineas: NEW_TEXT, rationale: 'Affirmer la liberté.', submit: true, ...body });
  if (res.status !== 201) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.amendment as { id: string; displayNumber: string };
}

describe('dispositif engine over HTTP', () => {
  test('POST /api/legistique/dispositif writes the dispositif, "" when nothing changes; /apply applies it', async () => {
    const before = ['Les administrations communiquent leurs documents.', 'Elles les publient en ligne.'];
    const res = await app.http.post('/api/legistique/dispositif').send({ before: { alineas: before }, after: { alineas: NEW_TEXT } }).expect(200);
    expect(res.body.dispositif).toMatch(/alinéa 1/);
    expect(res.body.dispositif).toContain('librement');
    const applied = await app.http.post('/api/legistique/apply').send({ alineas: before, dispositif: res.body.dispositif }).expect(200);
    expect(applied.body.alineas).toEqual(NEW_TEXT);
    expect((await app.http.post('/api/legistique/dispositif').send({ before: { alineas: before }, after: { alineas: before } }).expect(200)).body.dispositif).toBe('');
  });

  test('/apply refuses absent words, ambiguous words and a missing alinéa with 422 naming the operation', async () => {
    const alineas = ['Le maire et le maire adjoint signent.', 'Le préfet contrôle.'];
    const absent = await app.http.post('/api/legistique/apply').send({ alineas, dispositif: 'À l’alinéa 2, substituer au mot : « ministre » le mot : « juge ».' });
    expect(absent.status).toBe(422);
    expect(absent.body.error.code).toBe('unprocessable');
    expect(absent.body.error.message).toMatch(/ministre/);
    const ambiguous = await app.http.post('/api/legistique/apply').send({ alineas, dispositif: 'À l’alinéa 1, supprimer le mot : « maire ».' });
    expect(ambiguous.status).toBe(422);
    const missing = await app.http.post('/api/legistique/apply').send({ alineas, dispositif: 'Supprimer l’alinéa 7.' });
    expect(missing.status).toBe(422);
    expect(missing.body.error.message).toMatch(/7/);
    expect((await app.http.post('/api/legistique/apply').send({ alineas })).status).toBe(400);
  });

  test('/dispositif writes in the Sénat’s style with chamber "senat" (default "an"), and /apply reads it back; a bad chamber is 400', async () => {
    const before = ['Les administrations communiquent leurs documents.', 'Elles les publient en ligne dans un format ouvert, aisément réutilisable et exploitable.'];
    const after = ['Les administrations communiquent leurs documents.', 'Elles les publient sans délai en ligne dans un format ouvert, aisément réutilisable et exploitable.'];
    const senat = (await app.http.post('/api/legistique/dispositif').send({ before: { alineas: before }, after: { alineas: after }, chamber: 'senat' }).expect(200)).body.dispositif;
    expect(senat).toMatch(/^Alinéa 2\n(?:Après|Avant) l(?:e|es) mots?\u00a0:\n«\u00a0[^»]+\u00a0»\ninsérer les mots\u00a0:\n«\u00a0sans délai\u00a0»$/);
    const an = (await app.http.post('/api/legistique/dispositif').send({ before: { alineas: before }, after: { alineas: after } }).expect(200)).body.dispositif;
    expect(an).toMatch(/^À l’alinéa 2, après/);
    expect((await app.http.post('/api/legistique/apply').send({ alineas: before, dispositif: senat }).expect(200)).body.alineas).toEqual(after);
    const bad = await app.http.post('/api/legistique/dispositif').send({ before: { alineas: before }, after: { alineas: after }, chamber: 'cmp' });
    expect(bad.status).toBe(400);
  });

  test('/apply: an article additionnel under its heading line, and 422 with details.reason and details.operation', async () => {
    const alineas = ['Le maire signe.', 'Le préfet contrôle.'];
    const additionnel = await app.http.post('/api/legistique/apply').send({
      alineas, dispositif: 'APRÈS L’ARTICLE 8\nInsérer un article additionnel ainsi rédigé :\n« Le conseil délibère. »',
    }).expect(200);
    expect(additionnel.body).toEqual({ alineas, newArticle: ['Le conseil délibère.'] });
    const unreadable = await app.http.post('/api/legistique/apply').send({ alineas, dispositif: 'I. – Supprimer l’alinéa 1.\nII. – Faire ceci ou cela.' });
    expect(unreadable.status).toBe(422);
    expect(unreadable.body.error.details).toMatchObject({ reason: 'unparseable', operation: 2 });
    const absent = await app.http.post('/api/legistique/apply').send({ alineas, dispositif: 'I. – Supprimer l’alinéa 1.\nII. – À l’alinéa 2, supprimer le mot : « maire ».' });
    expect(absent.status).toBe(422);
    expect(absent.body.error.details).toMatchObject({ reason: 'words_absent', operation: 2, label: 'II' });
  });
});

describe('formalisation', () => {
  test('a clerk formalises: formalisation revision with dispositif and note, status formalised, citizen text kept, authors notified', async () => {
    const bill = await createBill(app, admin, { status: 'consultation' });
    const alice = await createCitizen(app, 'Alice');
    const a = await submitted(bill, alice);
    const formal = ['Les administrations communiquent librement les documents administratifs.', 'Elles les publient en ligne.'];
    const res = await app.http.post(`/api/amendments/${a.id}/formalise`).set(auth(clerk)).send({ alineas: formal, note: 'Terme consacré : « documents administratifs ».' });
    expect(res.status).toBe(200);
    const am = res.body.amendment;
    expect(am.status).toBe('formalised');
    expect(am.alineas).toEqual(formal);
    expect(am.dispositifSource).toBe('clerk');
    expect(am.revisions.map((r: { kind: string }) => r.kind)).toEqual(['submission', 'formalisation']);
    expect(am.revisions[1]).toMatchObject({ kind: 'formalisation', alineas: formal, note: 'Terme consacré : « documents administratifs ».' });
    // The stored dispositif turns the article into the formal text.
    const applied = await app.http.post('/api/legistique/apply').send({ alineas: bill.articles[0]!.alineas, dispositif: am.dispositif }).expect(200);
    expect(applied.body.alineas).toEqual(formal);
    expect(am.formalisation.citizenAlineas).toEqual(NEW_TEXT);
    expect(am.formalisation.diff.stats.modified).toBe(1);
    // The public sees both too.
    expect((await app.http.get(`/api/amendments/${a.id}`)).body.amendment.formalisation.citizenAlineas).toEqual(NEW_TEXT);
    // Alice is told.
    const n = await app.http.get('/api/notifications').set(auth(alice)).expect(200);
    expect(n.body.unread).toBe(1);
    expect(n.body.notifications[0]).toMatchObject({ type: 'formalised', read: false, amendment: { id: a.id } });
    expect(n.body.notifications[0].message).toMatch(/documents administratifs/);
    expect((await app.http.post('/api/notifications/read').set(auth(alice)).send({}).expect(200)).body.unread).toBe(0);
  });

  test('a dispositif sent alone gives the text; one that does not match the text sent is 422 and changes nothing', async () => {
    const bill = await createBill(app, admin, { status: 'consultation' });
    const a = await submitted(bill, await createCitizen(app));
    const dispositif = 'À l’alinéa 2, substituer au mot : « publient » les mots : « mettent à disposition ».';
    const wrong = await app.http.post(`/api/amendments/${a.id}/formalise`).set(auth(clerk)).send({ dispositif, alineas: NEW_TEXT, note: '' });
    expect(wrong.status).toBe(422);
    expect((await app.http.get(`/api/amendments/${a.id}`)).body.amendment.status).toBe('submitted');
    const absent = await app.http.post(`/api/amendments/${a.id}/formalise`).set(auth(clerk)).send({ dispositif: 'À l’alinéa 2, supprimer le mot : « inexistant ».', note: '' });
    expect(absent.status).toBe(422);
    const ok = await app.http.post(`/api/amendments/${a.id}/formalise`).set(auth(clerk)).send({ dispositif, note: '' }).expect(200);
    expect(ok.body.amendment.alineas).toEqual([bill.articles[0]!.alineas[0], 'Elles les mettent à disposition en ligne.']);
    expect(ok.body.amendment.dispositif).toBe(dispositif);
  });

  test('only clerks formalise; drafts are not found; wrong phase is 409', async () => {
    const bill = await createBill(app, admin, { status: 'consultation' });
    const alice = await createCitizen(app);
    const a = await submitted(bill, alice);
    expect((await app.http.post(`/api/amendments/${a.id}/formalise`).set(auth(alice)).send({ note: '' })).status).toBe(403);
    expect((await app.http.post(`/api/amendments/${a.id}/formalise`).send({ note: '' })).status).toBe(401);
    const draft = await app.http.post(`/api/articles/${bill.articles[0]!.id}/amendments`).set(auth(alice)).send({ kind: 'delete', rationale: 'x' }).expect(201);
    expect((await app.http.post(`/api/amendments/${draft.body.amendment.id}/formalise`).set(auth(clerk)).send({ note: '' })).status).toBe(404);
    await app.http.post(`/api/bills/${bill.id}/status`).set(auth(admin)).send({ status: 'commission' }).expect(200);
    // adoption needs a commission and every amendment decided: this one is closed without a vote
    await app.http.post(`/api/amendments/${a.id}/decision`).set(auth(admin)).send({ decision: 'not_examined', reason: 'Hors délai.' }).expect(200);
    await seatCommission(app, admin, bill.id);
    await app.http.post(`/api/bills/${bill.id}/status`).set(auth(admin)).send({ status: 'adopted' }).expect(200);
    const late = await app.http.post(`/api/amendments/${a.id}/formalise`).set(auth(clerk)).send({ note: '' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('wrong_phase');
  });

  test('the live workspace is seeded from the submission; the assigned clerk and the authors write; formalise publishes its text', async () => {
    const bill = await createBill(app, admin, { status: 'consultation' });
    const alice = await createCitizen(app);
    const other = await createUser(app, { roles: ['clerk'] });
    const stranger = await createCitizen(app);
    const a = await submitted(bill, alice);
    await app.http.post(`/api/amendments/${a.id}/assign`).set(auth(clerk)).send({}).expect(200);
    const ws = await app.http.get(`/api/amendments/${a.id}/formalisation`).set(auth(clerk)).expect(200);
    expect(ws.body).toMatchObject({ docName: `formalisation-${a.id}`, mode: 'write', citizenAlineas: NEW_TEXT, alineas: NEW_TEXT, assignedClerk: { id: clerk.id } });
    expect((await app.http.get(`/api/amendments/${a.id}/formalisation`).set(auth(alice))).body.mode).toBe('write');
    expect((await app.http.get(`/api/amendments/${a.id}/formalisation`).set(auth(other))).body.mode).toBe('read');
    expect((await app.http.get(`/api/amendments/${a.id}/formalisation`).set(auth(stranger))).status).toBe(403);

    const c = await connectClient(app.url, ws.body.docName, clerk.token);
    const au = await connectClient(app.url, ws.body.docName, alice.token);
    const watcher = await connectClient(app.url, ws.body.docName, other.token);
    clients.push(c, au, watcher);
    expect(clientAlineas(c.doc)).toEqual(NEW_TEXT);
    typeInto(c.doc, 1, 0, 'Dans un délai d’un mois, ');
    await until(au.doc, () => clientAlineas(au.doc)[1]!.startsWith('Dans un délai'));
    // The other clerk only watches: their change is dropped.
    typeInto(watcher.doc, 0, 0, 'PIRATE ');
    typeInto(au.doc, 0, 0, 'Toutes ');
    await until(c.doc, () => clientAlineas(c.doc)[0]!.startsWith('Toutes '));
    expect(clientAlineas(c.doc)[0]).not.toMatch(/PIRATE/);

    // a reworded dispositif must give the text written in the workspace, not another one
    const reworded = await app.http.post(`/api/amendments/${a.id}/formalise`).set(auth(clerk)).send({ dispositif: 'Supprimer l’alinéa 2.', note: '' });
    expect(reworded.status).toBe(422);
    const res = await app.http.post(`/api/amendments/${a.id}/formalise`).set(auth(clerk)).send({ note: 'Délai ajouté.' }).expect(200);
    expect(res.body.amendment.alineas).toEqual(['Toutes Les administrations communiquent librement leurs documents.', 'Dans un délai d’un mois, Elles les publient en ligne.']);
    expect(res.body.amendment.formalisation.citizenAlineas).toEqual(NEW_TEXT);
  });
});

test('a submission attempt by someone else does not reopen a submitted draft to its authors', async () => {
  const bill = await createBill(app, admin, { status: 'consultation' });
  const alice = await createCitizen(app);
  const mallory = await createCitizen(app);
  const a = await submitted(bill, alice);
  const c = await connectClient(app.url, `amendment-${a.id}`, alice.token);
  clients.push(c);
  for (const who of [mallory, alice]) expect([403, 404, 409]).toContain((await app.http.post(`/api/amendments/${a.id}/submit`).set(auth(who))).status);
  typeInto(c.doc, 0, 0, 'APRÈS COUP ');
  await new Promise((r) => setTimeout(r, 300));
  const fresh = await connectClient(app.url, `amendment-${a.id}`, alice.token);
  clients.push(fresh);
  expect(clientAlineas(fresh.doc)).toEqual(NEW_TEXT);
});

describe('inadmissibility and responses', () => {
  test('declaring an amendment inadmissible closes its formalisation workspace (4403)', async () => {
    const bill = await createBill(app, admin, { status: 'consultation' });
    const alice = await createCitizen(app);
    const a = await submitted(bill, alice);
    const c = await connectClient(app.url, `formalisation-${a.id}`, alice.token);
    clients.push(c);
    const closed = new Promise<number>((resolve) => c.provider.on('connection-close', (e: { code: number } | null) => e && resolve(e.code)));
    await app.http.post(`/api/amendments/${a.id}/inadmissible`).set(auth(clerk)).send({ ground: 'out_of_scope', reason: 'Hors sujet.' }).expect(200);
    expect(await closed).toBe(4403);
    expect((await app.http.get(`/api/amendments/${a.id}/formalisation`).set(auth(alice))).body.mode).toBe('read');
  });

  test('inadmissible with a ground and a public reason; then neither formalised nor declared again', async () => {
    const bill = await createBill(app, admin, { status: 'consultation' });
    const alice = await createCitizen(app);
    const a = await submitted(bill, alice);
    expect((await app.http.post(`/api/amendments/${a.id}/inadmissible`).set(auth(clerk)).send({ ground: 'article_99', reason: 'x' })).status).toBe(400);
    expect((await app.http.post(`/api/amendments/${a.id}/inadmissible`).set(auth(clerk)).send({ ground: 'article_40', reason: ' ' })).status).toBe(400);
    const res = await app.http.post(`/api/amendments/${a.id}/inadmissible`).set(auth(clerk))
      .send({ ground: 'article_40', reason: 'Crée une charge publique sans compensation.' }).expect(200);
    expect(res.body.amendment).toMatchObject({ status: 'inadmissible', inadmissible: { ground: 'article_40', reason: 'Crée une charge publique sans compensation.' } });
    expect((await app.http.post(`/api/amendments/${a.id}/inadmissible`).set(auth(clerk)).send({ ground: 'other', reason: 'encore' })).status).toBe(409);
    expect((await app.http.post(`/api/amendments/${a.id}/formalise`).set(auth(clerk)).send({ note: '' })).status).toBe(409);
    const n = (await app.http.get('/api/notifications').set(auth(alice))).body.notifications[0];
    expect(n).toMatchObject({ type: 'inadmissible' });
    expect(n.message).toMatch(/Article 40.*charge publique/);
  });

  test('official responses are public and notify the authors', async () => {
    const bill = await createBill(app, admin, { status: 'consultation' });
    const alice = await createCitizen(app);
    const a = await submitted(bill, alice);
    expect((await app.http.post(`/api/amendments/${a.id}/response`).set(auth(alice)).send({ body: 'moi' })).status).toBe(403);
    const res = await app.http.post(`/api/amendments/${a.id}/response`).set(auth(clerk)).send({ body: 'Le Gouvernement y est favorable.' }).expect(200);
    expect(res.body.response).toMatchObject({ amendmentId: a.id, body: 'Le Gouvernement y est favorable.' });
    const pub = (await app.http.get(`/api/amendments/${a.id}`)).body.amendment;
    expect(pub.responses).toEqual([expect.objectContaining({ body: 'Le Gouvernement y est favorable.', clerk: { id: clerk.id, displayName: 'Greffier Martin' } })]);
    expect((await app.http.get('/api/notifications').set(auth(alice))).body.notifications[0].type).toBe('response');
  });
});

describe('the desk', () => {
  test('counts, filters, identical amendments grouped and near-identical ones suggested', async () => {
    const bill = await createBill(app, admin, { status: 'consultation' });
    const [u1, u2, u3, u4] = [await createCitizen(app), await createCitizen(app), await createCitizen(app), await createCitizen(app)];
    const base = bill.articles[0]!.alineas;
    const same1 = await submitted(bill, u1, { alineas: [base[0], 'Elles les publient en ligne sans délai.'] });
    const same2 = await submitted(bill, u2, { alineas: [base[0], 'Elles les publient en ligne sans délai.'] });
    const near = await submitted(bill, u3, { alineas: [base[0], 'Elles les publient en ligne sans aucun délai.'] });
    const other = await submitted(bill, u4, { kind: 'delete', alineas: undefined });
    const gone = await submitted(bill, u4, { alineas: ['Rien.'] });
    await app.http.post(`/api/amendments/${gone.id}/inadmissible`).set(auth(clerk)).send({ ground: 'abusive', reason: 'Vide de sens.' }).expect(200);

    expect((await app.http.get(`/api/bills/${bill.id}/desk`).set(auth(u1))).status).toBe(403);
    const desk = (await app.http.get(`/api/bills/${bill.id}/desk`).set(auth(clerk)).expect(200)).body;
    expect(desk.counts).toMatchObject({ submitted: 4, inadmissible: 1, open: 4, total: 5 });
    expect(desk.totalAmendments).toBe(4);
    const group = desk.groups.find((g: { amendments: { id: string }[] }) => g.amendments.some((x) => x.id === same1.id));
    expect(group.identical).toBe(true);
    expect(group.amendments.map((x: { id: string }) => x.id).sort()).toEqual([same1.id, same2.id].sort());
    expect(group.nearIdentical.map((x: { id: string }) => x.id)).toEqual([near.id]);
    expect(group.nearIdentical[0].similarity).toBeGreaterThanOrEqual(0.6);
    expect(desk.groups.find((g: { amendments: { id: string }[] }) => g.amendments[0]!.id === other.id).nearIdentical).toEqual([]);

    const inadmissible = (await app.http.get(`/api/bills/${bill.id}/desk?status=inadmissible`).set(auth(clerk))).body;
    expect(inadmissible.groups.map((g: { amendments: { id: string }[] }) => g.amendments[0]!.id)).toEqual([gone.id]);
    const deletions = (await app.http.get(`/api/bills/${bill.id}/desk?kind=delete`).set(auth(clerk))).body;
    expect(deletions.totalAmendments).toBe(1);
    await app.http.post(`/api/amendments/${near.id}/assign`).set(auth(clerk)).send({}).expect(200);
    const mine = (await app.http.get(`/api/bills/${bill.id}/desk?assigned=me`).set(auth(clerk))).body;
    expect(mine.groups.map((g: { amendments: { id: string }[] }) => g.amendments[0]!.id)).toEqual([near.id]);
    const paged = (await app.http.get(`/api/bills/${bill.id}/desk?limit=1&offset=1`).set(auth(clerk))).body;
    expect(paged.groups).toHaveLength(1);
    expect(paged.totalGroups).toBe(3);
    expect((await app.http.get(`/api/bills/${bill.id}/desk?status=nope`).set(auth(clerk))).status).toBe(400);
  });
});

import { FLAG_RULES, MODERATION_LIMITS } from '../../shared/moderation';
import { auth, createBill, createCitizen, createUser, useTestApp, type TestUser } from '../helpers/app';
import { nextClose, useClients } from '../helpers/collab';

/** Issue 17 › 3, moderation at scale: charter reasons, the queue, bulk decisions, appeals, suspensions, automatic flags. */

const suite = useTestApp();
const connect = useClients(() => suite.app.url);
const http = () => suite.app.http;
const db = () => suite.app.testDb.db;

let n = 0;
async function consultation() {
  return createBill(suite.app, suite.admin, { status: 'consultation' });
}
/** An argument on the bill's first article; its id. */
async function argue(bill: { articles: { id: string }[] }, who: TestUser, body = `Un argument différent, le numéro ${(n += 1)}.`): Promise<string> {
  return (await http().post(`/api/articles/${bill.articles[0]!.id}/arguments`).set(auth(who)).send({ side: 'against', body }).expect(201)).body.argument.id as string;
}
const report = (who: TestUser, id: string, reason: unknown, comment?: string) =>
  http().post('/api/reports').set(auth(who)).send({ subjectType: 'argument', subjectId: id, reason, ...(comment === undefined ? {} : { comment }) });
const queue = (who: TestUser, query = '') => http().get(`/api/moderation/queue${query}`).set(auth(who));
type Item = { subjectId: string; subjectType: string; signals: { source: string; cause: string; label: string }[]; hidden: boolean; author: { id: string } | null };
const ids = (items: Item[]) => items.map((i) => i.subjectId);
const moderator = (name = 'Modératrice') => createUser(suite.app, { roles: ['moderator'], displayName: name });

describe('reports carry a rule of the charter', () => {
  test('the charter is public, with stable ids; a report names one of its rules, with an optional bounded comment', async () => {
    const charter = await http().get('/api/moderation/charter').expect(200);
    expect(charter.body.rules.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining(['respect', 'haine', 'spam', 'hors-sujet']));
    const page = await http().get('/charte-de-moderation').expect(200);
    expect(page.text).toContain('<h1>Charte de modération</h1>');
    expect(page.text).toContain('id="respect"');

    const bill = await consultation();
    const [author, reporter, other] = [await createCitizen(suite.app), await createCitizen(suite.app), await createCitizen(suite.app)];
    const id = await argue(bill, author);
    expect((await report(reporter, id, 'Propos injurieux')).status).toBe(400);
    expect((await report(reporter, id, undefined)).status).toBe(400);
    expect((await report(reporter, id, 'respect', 'x'.repeat(MODERATION_LIMITS.commentChars + 1))).status).toBe(400);
    expect((await report(reporter, id, 'respect', 'Il traite l’autre d’imbécile.')).status).toBe(201);
    expect((await report(other, id, 'hors-sujet')).status).toBe(201);
    expect((await report(reporter, id, 'spam')).status).toBe(409);

    const mod = await moderator();
    const item = (await queue(mod)).body.items.find((i: Item) => i.subjectId === id) as Item;
    expect(item.signals.map((s) => [s.source, s.cause, s.label])).toEqual([
      ['report', 'respect', 'Respect des personnes'], ['report', 'hors-sujet', 'Rester dans le sujet'],
    ]);
    // the HTML form too: a select of the charter's rules
    const form = await http().post('/signalements').set(auth(await createCitizen(suite.app))).type('form')
      .send({ subjectType: 'argument', subjectId: id, reason: 'spam', comment: 'Publicité', suite: '/' });
    expect(form.status).toBe(303);
    // a refused report goes back to the page it was sent from (post → redirect → get)
    const bad = await http().post('/signalements').set(auth(await createCitizen(suite.app))).type('form').send({ subjectType: 'argument', subjectId: id, reason: 'n’importe quoi', suite: '/' });
    expect(bad.status).toBe(303);
    expect(bad.headers.location).toMatch(/^\/\?formulaire=[\w-]+#erreurs$/);
  });
});

describe('the queue', () => {
  test('filters by kind, reason, bill and age; pages; refused to citizens; bad filters are 400', async () => {
    const [billA, billB] = [await consultation(), await consultation()];
    const author = await createCitizen(suite.app);
    const reporter = await createCitizen(suite.app);
    const mod = await moderator();
    const a1 = await argue(billA, author);
    const a2 = await argue(billA, author);
    const b1 = await argue(billB, author);
    await report(reporter, a1, 'respect').expect(201);
    await report(reporter, a2, 'spam').expect(201);
    await report(reporter, b1, 'spam').expect(201);
    // an annotation reported too
    const article = billA.articles[0]!;
    const annotation = (await http().post(`/api/articles/${article.id}/annotations`).set(auth(author))
      .send({ version: 1, alinea: 1, start: 0, end: 3, quote: article.alineas[0]!.slice(0, 3), body: 'Une annotation à signaler.' }).expect(201)).body.annotation.id as string;
    await http().post('/api/reports').set(auth(reporter)).send({ subjectType: 'annotation', subjectId: annotation, reason: 'vie-privee' }).expect(201);
    // a1 waits since two days
    await db().query(`UPDATE reports SET created_at = now() - interval '2 days' WHERE subject_id = $1`, [a1]);

    expect(ids((await queue(mod, `?bill=${billA.id}`)).body.items)).toEqual([a1, a2, annotation]);
    expect(ids((await queue(mod, `?bill=${billA.id}&type=argument`)).body.items)).toEqual([a1, a2]);
    expect(ids((await queue(mod, `?bill=${billA.id}&type=annotation`)).body.items)).toEqual([annotation]);
    expect(ids((await queue(mod, '?reason=spam')).body.items)).toEqual(expect.arrayContaining([a2, b1]));
    expect(ids((await queue(mod, '?reason=spam')).body.items)).not.toContain(a1);
    expect(ids((await queue(mod, `?bill=${billA.id}&age=24h`)).body.items)).toEqual([a1]);
    const first = (await queue(mod, `?bill=${billA.id}&perPage=2`)).body;
    expect(first).toMatchObject({ total: 3, page: 1, perPage: 2, pages: 2 });
    expect(ids(first.items)).toEqual([a1, a2]);
    expect(ids((await queue(mod, `?bill=${billA.id}&perPage=2&page=2`)).body.items)).toEqual([annotation]);
    const item = first.items[0] as Item & { excerpt: string; link: string };
    expect(item.excerpt).toMatch(/^Un argument différent/);
    expect(item.author).toEqual({ id: author.id, displayName: author.displayName });

    expect((await queue(reporter)).status).toBe(403);
    expect((await http().get('/api/moderation/queue')).status).toBe(401);
    for (const q of ['?reason=nope', '?type=account', '?age=2h', '?page=0', '?perPage=101', '?bill=pas-un-id']) expect((await queue(mod, q)).status).toBe(400);

    // the page: filters kept in the pager, one checkbox per item
    const html = await http().get(`/moderation/signalements?bill=${billA.id}&type=argument`).set(auth(mod)).expect(200);
    expect(html.text).toContain(`value="argument:${a1}"`);
    expect(html.text).not.toContain(`value="annotation:${annotation}"`);
  });
});

describe('bulk decisions', () => {
  test('hide, keep and dismiss several items at once; bounded, validated list; each author told with the reason and a link to appeal', async () => {
    const bill = await consultation();
    const [author, reporter] = [await createUser(suite.app, { verified: true }), await createCitizen(suite.app)];
    const mod = await moderator();
    const [x, y, z, w] = [await argue(bill, author), await argue(bill, author), await argue(bill, author), await argue(bill, author)];
    for (const id of [x, y, z, w]) await report(reporter, id, 'spam').expect(201);
    const items = (list: string[]) => list.map((subjectId) => ({ subjectType: 'argument', subjectId }));
    const bulk = (who: TestUser, body: object) => http().post('/api/moderation/bulk').set(auth(who)).send(body);

    expect((await bulk(reporter, { action: 'keep', items: items([x]) })).status).toBe(403);
    expect((await bulk(mod, { action: 'hide', items: items([x]) })).status).toBe(400); // no rule
    expect((await bulk(mod, { action: 'keep', items: [] })).status).toBe(400);
    expect((await bulk(mod, { action: 'keep', items: items([x, x]) })).status).toBe(400);
    const tooMany = Array.from({ length: MODERATION_LIMITS.bulkItems + 1 }, () => ({ subjectType: 'argument', subjectId: crypto.randomUUID() }));
    expect((await bulk(mod, { action: 'dismiss', items: tooMany })).status).toBe(400);
    expect((await bulk(mod, { action: 'delete', items: items([x]) })).status).toBe(400);

    const hidden = await bulk(mod, { action: 'hide', rule: 'spam', reason: 'Message publicitaire répété', items: items([x, y]) }).expect(200);
    expect(hidden.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['done', 'done']);
    const again = await bulk(mod, { action: 'hide', rule: 'spam', items: [...items([x]), { subjectType: 'argument', subjectId: crypto.randomUUID() }] }).expect(200);
    expect(again.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['skipped', 'not_found']);
    await bulk(mod, { action: 'keep', items: items([z]) }).expect(200);
    await bulk(mod, { action: 'dismiss', items: items([w]) }).expect(200);

    const remaining = ids((await queue(mod, `?bill=${bill.id}`)).body.items);
    expect(remaining).toEqual([]);
    const args = (await http().get(`/api/articles/${bill.articles[0]!.id}/arguments`)).body;
    const hiddenIds = JSON.stringify(args);
    expect(hiddenIds).toContain('Message publicitaire répété');

    // the author: one notification per hidden item, with the rule, the reason and the decision's page
    const notes = (await http().get('/api/notifications').set(auth(author)).expect(200)).body.notifications as { type: string; message: string; url: string }[];
    const moderation = notes.filter((m) => m.type === 'moderation');
    expect(moderation).toHaveLength(2);
    expect(moderation[0]!.message).toContain('règle « Pas de spam ni de publicité » : Message publicitaire répété');
    expect(moderation[0]!.message).toContain('faire appel');
    const follow = await http().get(moderation[0]!.url).set(auth(author)).expect(303);
    expect(follow.headers.location).toMatch(/^\/moderation\/decisions\/\d+$/);
    // and by e-mail (the outbox trigger of migration 021: the address is confirmed)
    const mails = await db().query<{ n: number }>(`SELECT count(*)::int AS n FROM mail_outbox o JOIN notifications x ON x.id = o.notification_id WHERE x.user_id = $1 AND x.type = 'moderation'`, [author.id]);
    expect(mails.rows[0]!.n).toBe(2);

    // the public log holds all four decisions
    const log = (await http().get('/api/moderation/log?limit=10').expect(200)).body.actions as { action: string; subjectId: string; rule: string | null }[];
    expect(log.filter((a) => [x, y, z, w].includes(a.subjectId)).map((a) => a.action).sort()).toEqual(['dismiss', 'hide', 'hide', 'keep']);
    const logPage = await http().get('/moderation').expect(200);
    expect(logPage.text).toContain('Classée sans suite');
  });

  test('the HTML bulk form asks for confirmation first, then acts on the checked items', async () => {
    const bill = await consultation();
    const [author, reporter, mod] = [await createCitizen(suite.app), await createCitizen(suite.app), await moderator()];
    const [x, y] = [await argue(bill, author), await argue(bill, author)];
    for (const id of [x, y]) await report(reporter, id, 'respect').expect(201);
    const fields = { 'item-0': `argument:${x}`, 'item-1': `argument:${y}`, mesure: 'keep', suite: '/moderation/signalements' };
    // (post → redirect → get: the question is GET /confirmation, the fields sealed in its address)
    const asking = await http().post('/moderation/lot').set(auth(mod)).type('form').send(fields).expect(303);
    const ask = await http().get(asking.headers.location!).set(auth(mod)).expect(200);
    expect(ask.text).toContain('Conserver 2 contributions ?');
    expect(ids((await queue(mod, `?bill=${bill.id}`)).body.items)).toEqual([x, y]);
    const done = await http().post('/moderation/lot').set(auth(mod)).type('form').send({ ...fields, confirme: '1' }).expect(303);
    expect(done.headers.location).toMatch(/^\/moderation\/signalements\?fait=/);
    expect(ids((await queue(mod, `?bill=${bill.id}`)).body.items)).toEqual([]);
  });
});

describe('appeals', () => {
  test('the author appeals once; the moderator who decided cannot settle it, another one can; overturning restores the content', async () => {
    const bill = await consultation();
    const [author, stranger] = [await createCitizen(suite.app), await createCitizen(suite.app)];
    const [first, second] = [await moderator('Première'), await moderator('Seconde')];
    const id = await argue(bill, author);
    const actionId = (await http().post(`/api/moderation/argument/${id}/hide`).set(auth(first)).send({ reason: 'Injure', rule: 'respect' }).expect(200)).body.actionId as string;
    const appeal = (who: TestUser, body: object) => http().post(`/api/moderation/actions/${actionId}/appeal`).set(auth(who)).send(body);

    expect((await appeal(stranger, { body: 'Je ne suis pas l’auteur mais je proteste.' })).status).toBe(403);
    expect((await appeal(author, { body: 'court' })).status).toBe(400);
    expect((await appeal(author, { body: 'x'.repeat(MODERATION_LIMITS.appealChars + 1) })).status).toBe(400);
    const made = await appeal(author, { body: 'Ce n’était pas une injure mais une citation.' }).expect(201);
    const appealId = made.body.appeal.id as string;
    expect((await appeal(author, { body: 'Une seconde fois, pour voir.' })).status).toBe(409);

    // what anyone reads: the decision and that an appeal exists; its text is for its author and the moderators
    const publicView = (await http().get(`/api/moderation/actions/${actionId}`).expect(200)).body;
    expect(publicView.action).toMatchObject({ action: 'hide', rule: 'respect', reason: 'Injure', moderator: 'Première' });
    expect(publicView.appeal.body).toBeUndefined();
    expect((await http().get(`/api/moderation/actions/${actionId}`).set(auth(author))).body.appeal.body).toBe('Ce n’était pas une injure mais une citation.');
    expect((await http().get('/api/moderation/appeals').set(auth(second))).body.appeals).toEqual(expect.arrayContaining([expect.objectContaining({ id: appealId, actionId })]));

    const decide = (who: TestUser, body: object) => http().post(`/api/moderation/appeals/${appealId}/decision`).set(auth(who)).send(body);
    const self = await decide(first, { decision: 'overturned', reason: 'Je me suis trompée.' });
    expect(self.status).toBe(403);
    expect(self.body.error.message).toContain('un autre modérateur');
    expect((await decide(author, { decision: 'overturned', reason: 'Moi-même.' })).status).toBe(403);
    expect((await decide(second, { decision: 'maybe', reason: 'Hum.' })).status).toBe(400);
    await decide(second, { decision: 'overturned', reason: 'C’est une citation, dans le sujet.' }).expect(200);
    expect((await decide(second, { decision: 'upheld', reason: 'Finalement non.' })).status).toBe(409);

    const args = JSON.stringify((await http().get(`/api/articles/${bill.articles[0]!.id}/arguments`)).body);
    expect(args).not.toContain('Injure');
    const log = (await http().get('/api/moderation/log?limit=5')).body.actions as { action: string; subjectId: string; appealId: string | null; moderator: string }[];
    expect(log.find((a) => a.subjectId === id && a.action === 'restore')).toMatchObject({ appealId, moderator: 'Seconde' });
    const notes = (await http().get('/api/notifications').set(auth(author))).body.notifications as { type: string; message: string }[];
    expect(notes[0]!.message).toContain('Votre appel a été accepté');
  });

  test('an upheld appeal leaves the content hidden; a decision that is not a hide or a suspension cannot be appealed; HTML forms', async () => {
    const bill = await consultation();
    const author = await createCitizen(suite.app);
    const [first, second] = [await moderator('Alpha'), await moderator('Bêta')];
    const id = await argue(bill, author);
    const kept = await argue(bill, author);
    await report(await createCitizen(suite.app), kept, 'spam').expect(201);
    const keep = (await http().post('/api/moderation/bulk').set(auth(first)).send({ action: 'keep', items: [{ subjectType: 'argument', subjectId: kept }] }).expect(200)).body.results[0].actionId as string;
    expect((await http().post(`/api/moderation/actions/${keep}/appeal`).set(auth(author)).send({ body: 'Rien à redire, mais je fais appel.' })).status).toBe(409);

    const actionId = (await http().post(`/api/moderation/argument/${id}/hide`).set(auth(first)).send({ reason: 'Hors sujet', rule: 'hors-sujet' }).expect(200)).body.actionId as string;
    // the decision's page offers the author the appeal form; posting it asks for confirmation first
    const page = await http().get(`/moderation/decisions/${actionId}`).set(auth(author)).expect(200);
    expect(page.text).toContain('Faire appel');
    const form = { body: 'Mon argument porte bien sur cet article.' };
    const asking = await http().post(`/moderation/decisions/${actionId}/appel`).set(auth(author)).type('form').send(form).expect(303);
    expect((await http().get(asking.headers.location!).set(auth(author)).expect(200)).text).toContain('Envoyer votre appel ?');
    await http().post(`/moderation/decisions/${actionId}/appel`).set(auth(author)).type('form').send({ ...form, confirme: '1' }).expect(303);
    const appealId = (await http().get(`/api/moderation/actions/${actionId}`)).body.appeal.id as string;
    // the moderator who decided is not offered the decision form; another one is
    expect((await http().get(`/moderation/decisions/${actionId}`).set(auth(first))).text).not.toContain('Trancher l’appel</button>');
    expect((await http().get(`/moderation/decisions/${actionId}`).set(auth(second))).text).toContain('Trancher l’appel</button>');
    await http().post(`/moderation/appels/${appealId}/decision`).set(auth(second)).type('form')
      .send({ decision: 'upheld', reason: 'Il porte sur un autre texte.', confirme: '1' }).expect(303);
    const detail = (await http().get(`/api/moderation/actions/${actionId}`)).body;
    expect(detail.appeal).toMatchObject({ decision: 'upheld', decidedBy: 'Bêta', decisionReason: 'Il porte sur un autre texte.' });
    expect(JSON.stringify((await http().get(`/api/articles/${bill.articles[0]!.id}/arguments`)).body)).toContain('Hors sujet');
  });
});

describe('suspension', () => {
  test('a suspended account reads but cannot write, through every door; its open live documents close; lifting restores it', async () => {
    const bill = await consultation();
    const [alice, bob] = [await createCitizen(suite.app, 'Alice Suspendue'), await createCitizen(suite.app)];
    const mod = await moderator();
    // Alice's draft, open in a live editor
    const draft = (await http().post(`/api/articles/${bill.articles[0]!.id}/amendments`).set(auth(alice)).send({ kind: 'modify', rationale: 'Clarifier.' }).expect(201)).body.amendment.id as string;
    const socket = await connect(`amendment-${draft}`, alice);
    const closed = nextClose(socket);

    const suspend = (who: TestUser, userId: string, body: object) => http().post(`/api/moderation/accounts/${userId}/suspend`).set(auth(who)).send(body);
    expect((await suspend(bob, alice.id, { until: null, reason: 'Essai.' })).status).toBe(403);
    expect((await suspend(mod, mod.id, { until: null, reason: 'Moi-même.' })).status).toBe(409);
    expect((await suspend(mod, suite.admin.id, { until: null, reason: 'Un admin.' })).status).toBe(403);
    expect((await suspend(mod, alice.id, { until: '2001-01-01T00:00:00Z', reason: 'Dans le passé.' })).status).toBe(400);
    expect((await suspend(mod, alice.id, { reason: 'Sans durée.' })).status).toBe(400);
    const until = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const done = await suspend(mod, alice.id, { until, rule: 'respect', reason: 'Injures répétées envers d’autres participants.' }).expect(200);
    expect(done.body.suspendedUntil).toBe(until);
    const answered = Date.now();
    const { code, at } = await closed;
    expect(code).toBe(4403);
    expect(at - answered).toBeLessThan(1000);

    const refused = await http().post(`/api/articles/${bill.articles[0]!.id}/arguments`).set(auth(alice)).send({ side: 'for', body: 'Encore moi.' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('account_suspended');
    expect(refused.body.error.message).toContain('votre compte est suspendu jusqu’au');
    expect((await http().put(`/api/articles/${bill.articles[0]!.id}/vote`).set(auth(alice)).send({ value: 'for' })).body.error.code).toBe('account_suspended');
    expect((await http().post(`/api/articles/${bill.articles[0]!.id}/amendments`).set(auth(alice)).send({ kind: 'delete', rationale: 'Non.' })).status).toBe(403);
    const form = await http().post('/arguments').set(auth(alice)).type('form').send({ targetType: 'article', targetId: bill.articles[0]!.id, side: 'for', body: 'Par le formulaire.' });
    expect(form.status).toBe(403);
    // reading still works, and so does the appeal
    await http().get(`/api/bills/${bill.id}`).set(auth(alice)).expect(200);
    const log = (await http().get('/api/moderation/log?limit=1')).body.actions[0];
    expect(log).toMatchObject({ action: 'suspend', subjectType: 'account', account: { id: alice.id, displayName: 'Alice Suspendue' }, suspendedUntil: until, rule: 'respect' });
    await http().post(`/api/moderation/actions/${log.id}/appeal`).set(auth(alice)).send({ body: 'Je conteste cette suspension.' }).expect(201);
    // the live document refuses her while suspended
    await expect(connect(`amendment-${draft}`, alice)).rejects.toBeDefined();

    expect((await http().post(`/api/moderation/accounts/${bob.id}/lift`).set(auth(mod)).send({ reason: 'Rien à lever.' })).status).toBe(409);
    await http().post(`/api/moderation/accounts/${alice.id}/lift`).set(auth(mod)).send({ reason: 'Excuses présentées.' }).expect(200);
    await http().post(`/api/articles/${bill.articles[0]!.id}/arguments`).set(auth(alice)).send({ side: 'for', body: 'De retour, calmement.' }).expect(201);
  });

  test('a temporary suspension ends by itself; a permanent one is said so; the HTML form confirms first', async () => {
    const bill = await consultation();
    const [carl, dora] = [await createCitizen(suite.app, 'Carl'), await createCitizen(suite.app, 'Dora')];
    const mod = await moderator();
    await http().post(`/api/moderation/accounts/${carl.id}/suspend`).set(auth(mod)).send({ until: new Date(Date.now() + 1500).toISOString(), reason: 'Une pause.' }).expect(200);
    expect((await http().post(`/api/articles/${bill.articles[0]!.id}/arguments`).set(auth(carl)).send({ side: 'for', body: 'Trop tôt.' })).status).toBe(403);
    await new Promise((r) => setTimeout(r, 1600));
    await http().post(`/api/articles/${bill.articles[0]!.id}/arguments`).set(auth(carl)).send({ side: 'for', body: 'Après la pause.' }).expect(201);

    const fields = { duree: 'permanente', reason: 'Comptes multiples.', rule: 'comptes-multiples', nom: 'Dora' };
    const asking = await http().post(`/moderation/comptes/${dora.id}/suspendre`).set(auth(mod)).type('form').send(fields).expect(303);
    expect((await http().get(asking.headers.location!).set(auth(mod)).expect(200)).text).toContain('Suspendre « Dora » ?');
    await http().post(`/moderation/comptes/${dora.id}/suspendre`).set(auth(mod)).type('form').send({ ...fields, confirme: '1' }).expect(303);
    const refused = await http().post(`/api/articles/${bill.articles[0]!.id}/arguments`).set(auth(dora)).send({ side: 'for', body: 'Je reviens.' });
    expect(refused.body.error.message).toContain('suspendu définitivement');
    expect((await http().get(`/moderation/comptes/${dora.id}`).set(auth(mod))).text).toContain('Compte suspendu définitivement');
  });
});

describe('automatic flags', () => {
  const flagsOf = async (mod: TestUser, id: string) => ((await queue(mod, '?perPage=100')).body.items as Item[]).find((i) => i.subjectId === id)?.signals.filter((s) => s.source === 'flag').map((s) => s.cause) ?? [];

  test('the same text posted many times flags every copy; nothing is hidden', async () => {
    const bill = await consultation();
    const mod = await moderator();
    const text = 'VOTEZ CONTRE ce texte, partagez partout !';
    const copies = [];
    for (let i = 0; i < FLAG_RULES.duplicateCount; i++) {
      const who = await createCitizen(suite.app);
      await db().query(`UPDATE users SET created_at = now() - interval '30 days' WHERE id = $1`, [who.id]);
      // case, accents and punctuation do not make a text different
      copies.push(await argue(bill, who, i === 1 ? 'votez contre ce texte — partagez partout' : text));
    }
    for (const id of copies) expect(await flagsOf(mod, id)).toEqual(['duplicate_text']);
    // flagged together (one transaction): the same waiting time
    expect(ids((await queue(mod, `?reason=duplicate_text&bill=${bill.id}`)).body.items).sort()).toEqual([...copies].sort());
    const args = (await http().get(`/api/articles/${bill.articles[0]!.id}/arguments`)).body;
    expect(JSON.stringify(args)).not.toContain('masqué');
  });

  test('many links, and a burst from a new account, are flagged with their cause; an older account posting as much is not', async () => {
    const bill = await consultation();
    const mod = await moderator();
    const old = await createCitizen(suite.app);
    await db().query(`UPDATE users SET created_at = now() - interval '30 days' WHERE id = $1`, [old.id]);
    const links = await argue(bill, old, 'Voir https://a.example/x, http://b.example/y et www.c-example.fr/z pour tout comprendre.');
    expect(await flagsOf(mod, links)).toEqual(['many_links']);

    const fresh = await createCitizen(suite.app);
    const mine: string[] = [];
    for (let i = 0; i < FLAG_RULES.burstCount; i++) mine.push(await argue(bill, fresh));
    expect(await flagsOf(mod, mine[FLAG_RULES.burstCount - 2]!)).toEqual([]);
    expect(await flagsOf(mod, mine[FLAG_RULES.burstCount - 1]!)).toEqual(['new_account_burst']);
    const burst = ((await queue(mod, '?reason=new_account_burst&perPage=100')).body.items as (Item & { signals: { detail: string }[] })[])[0]!;
    expect(burst.signals[0]!.label).toBe('Rafale de contributions d’un compte récent');

    const theirs: string[] = [];
    for (let i = 0; i < FLAG_RULES.burstCount; i++) theirs.push(await argue(bill, old));
    expect(await flagsOf(mod, theirs.at(-1)!)).toEqual([]);
  });
});

describe('no one judges their own case', () => {
  test('a moderator who wrote the contribution (and appealed) cannot settle the appeal, by JSON or by the page; another one can', async () => {
    const bill = await consultation();
    const [first, writer, third] = [await moderator('Décideuse'), await moderator('Autrice'), await moderator('Tierce')];
    const id = await argue(bill, writer);
    const actionId = (await http().post(`/api/moderation/argument/${id}/hide`).set(auth(first)).send({ reason: 'Injure', rule: 'respect' }).expect(200)).body.actionId as string;
    const appealId = (await http().post(`/api/moderation/actions/${actionId}/appeal`).set(auth(writer)).send({ body: 'Ce n’était pas une injure, je fais appel.' }).expect(201)).body.appeal.id as string;
    const own = await http().post(`/api/moderation/appeals/${appealId}/decision`).set(auth(writer)).send({ decision: 'overturned', reason: 'Je me rétablis.' });
    expect(own.status).toBe(403);
    expect(own.body.error.message).toContain('un autre modérateur');
    const ownForm = await http().post(`/moderation/appels/${appealId}/decision`).set(auth(writer)).set('Origin', suite.app.url).type('form')
      .send({ decision: 'overturned', reason: 'Je me rétablis.', confirme: '1' });
    expect(ownForm.status).toBe(403);
    expect((await http().get(`/api/moderation/actions/${actionId}`)).body.appeal.decision).toBeNull();
    // the page does not offer them the form; it offers it to a moderator who is no party (not to the decider either)
    expect((await http().get(`/moderation/decisions/${actionId}`).set(auth(first))).text).not.toContain('Trancher l’appel</button>');
    const page = (await http().get(`/moderation/decisions/${actionId}`).set(auth(writer)).expect(200)).text;
    expect(page).not.toContain('Trancher l’appel</button>');
    expect(page).toContain('vous êtes partie à cette affaire');
    expect((await http().get(`/moderation/decisions/${actionId}`).set(auth(third))).text).toContain('Trancher l’appel</button>');
    await http().post(`/api/moderation/appeals/${appealId}/decision`).set(auth(third)).send({ decision: 'upheld', reason: 'L’injure est avérée.' }).expect(200);
  });

  test('a moderator does not moderate their own contribution: hide, restore, keep, dismiss refused; bulk skips it with the reason', async () => {
    const bill = await consultation();
    const [writer, other] = [await moderator('Autrice'), await moderator('Autre')];
    const reporter = await createCitizen(suite.app);
    const [a, b] = [await argue(bill, writer), await argue(bill, writer)];
    for (const x of [a, b]) await report(reporter, x, 'spam').expect(201);
    const own = await http().post(`/api/moderation/argument/${a}/hide`).set(auth(writer)).send({ reason: 'Pour voir.', rule: 'spam' });
    expect(own.status).toBe(403);
    expect(own.body.error.message).toContain('propre contribution');
    const kept = await http().post('/api/moderation/bulk').set(auth(writer)).send({ action: 'keep', items: [{ subjectType: 'argument', subjectId: b }] }).expect(200);
    expect(kept.body.results[0]).toMatchObject({ outcome: 'skipped', message: expect.stringContaining('propre contribution') });
    await http().post(`/api/moderation/argument/${a}/hide`).set(auth(other)).send({ reason: 'Publicité', rule: 'spam' }).expect(200);
    expect((await http().post(`/api/moderation/argument/${a}/restore`).set(auth(writer)).send({ reason: 'Je me rétablis.' })).status).toBe(403);
    const bulk = await http().post('/api/moderation/bulk').set(auth(writer)).send({ action: 'dismiss', items: [a, b].map((subjectId) => ({ subjectType: 'argument', subjectId })) }).expect(200);
    expect(bulk.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['skipped', 'skipped']);
    expect(bulk.body.results[0].message).toContain('propre contribution');
    expect(ids((await queue(other, `?bill=${bill.id}`)).body.items)).toContain(b);
    // still hidden, and its reports still waiting
    expect(JSON.stringify((await http().get(`/api/articles/${bill.articles[0]!.id}/arguments`)).body)).toContain('Publicité');
  });
});

describe('appeals are judged against the current state', () => {
  test('reports dismissed after a hide do not block the appeal; a decision undone since cannot be upheld', async () => {
    const bill = await consultation();
    const author = await createCitizen(suite.app);
    const [first, second, third] = [await moderator('Un'), await moderator('Deux'), await moderator('Trois')];
    const id = await argue(bill, author);
    const actionId = (await http().post(`/api/moderation/argument/${id}/hide`).set(auth(first)).send({ reason: 'Hors sujet', rule: 'hors-sujet' }).expect(200)).body.actionId as string;
    // reported after the hide, and those reports dismissed: the latest log line, but not a change of state
    await report(await createCitizen(suite.app), id, 'spam').expect(201);
    await http().post('/api/moderation/bulk').set(auth(second)).send({ action: 'dismiss', items: [{ subjectType: 'argument', subjectId: id }] }).expect(200);
    const appealId = (await http().post(`/api/moderation/actions/${actionId}/appeal`).set(auth(author)).send({ body: 'Mon argument est dans le sujet.' }).expect(201)).body.appeal.id as string;
    // restored directly since: the appealed decision no longer holds, it cannot be « confirmed »
    await http().post(`/api/moderation/argument/${id}/restore`).set(auth(second)).send({ reason: 'Finalement dans le sujet.' }).expect(200);
    const upheld = await http().post(`/api/moderation/appeals/${appealId}/decision`).set(auth(third)).send({ decision: 'upheld', reason: 'Confirmé.' });
    expect(upheld.status).toBe(409);
    expect(upheld.body.error.message).toContain('plus en vigueur');
    expect((await http().get(`/api/moderation/actions/${actionId}`)).body.appeal.decision).toBeNull();
  });
});

describe('the suspended person is told', () => {
  const mails = async (userId: string) => (await db().query<{ kind: string; subject: string; body_text: string }>(
    'SELECT kind, subject, body_text FROM mail_outbox WHERE user_id = $1 ORDER BY id', [userId])).rows;

  test('by e-mail: the suspension (reason, end, how to appeal), the outcome of the appeal, the lifting', async () => {
    const eve = await createUser(suite.app, { verified: true, displayName: 'Ève' });
    const [mod, other] = [await moderator('Un'), await moderator('Deux')];
    const until = '2027-07-14T21:59:00.000Z';
    const actionId = (await http().post(`/api/moderation/accounts/${eve.id}/suspend`).set(auth(mod))
      .send({ until, rule: 'respect', reason: 'Injures répétées.' }).expect(200)).body.actionId as string;
    const [suspended] = await mails(eve.id);
    expect(suspended).toMatchObject({ kind: 'moderation', subject: expect.stringContaining('votre compte est suspendu') });
    expect(suspended!.body_text).toContain('Injures répétées.');
    expect(suspended!.body_text).toContain('14 juillet 2027 à 23:59');
    expect(suspended!.body_text).toContain('faire appel');
    expect(suspended!.body_text).toContain(`/moderation/decisions/${actionId}`);

    const appealId = (await http().post(`/api/moderation/actions/${actionId}/appeal`).set(auth(eve)).send({ body: 'Je conteste cette suspension.' }).expect(201)).body.appeal.id as string;
    await http().post(`/api/moderation/appeals/${appealId}/decision`).set(auth(other)).send({ decision: 'upheld', reason: 'Les injures sont avérées.' }).expect(200);
    const outcome = (await mails(eve.id))[1]!;
    expect(outcome.subject).toContain('la suspension est confirmée');
    expect(outcome.body_text).toContain('Les injures sont avérées.');

    await http().post(`/api/moderation/accounts/${eve.id}/lift`).set(auth(mod)).send({ reason: 'Excuses présentées.' }).expect(200);
    const lifted = (await mails(eve.id))[2]!;
    expect(lifted.subject).toContain('la suspension de votre compte est levée');
    expect(lifted.body_text).toContain('Excuses présentées.');
  });

  test('the HTML form’s end date is the end of that day in Paris, summer time included', async () => {
    const fay = await createCitizen(suite.app, 'Fay');
    const mod = await moderator();
    await http().post(`/moderation/comptes/${fay.id}/suspendre`).set(auth(mod)).set('Origin', suite.app.url).type('form')
      .send({ duree: 'temporaire', jusqua: '2027-07-14', reason: 'Une pause d’été.', nom: 'Fay', confirme: '1' }).expect(303);
    const log = (await http().get('/api/moderation/log?limit=5')).body.actions as { action: string; account?: { id: string }; suspendedUntil: string }[];
    expect(log.find((a) => a.action === 'suspend' && a.account?.id === fay.id)!.suspendedUntil).toBe('2027-07-14T21:59:00.000Z');
  });
});

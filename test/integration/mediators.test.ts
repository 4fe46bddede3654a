import { parse } from 'csv-parse/sync';
import { auth, createBill, createUser, useTestApp, type TestUser } from '../helpers/app';

/** Assisted and collective contributions (issue 16 › 3): mediators file for a person or a workshop; the person claims. */
const t = useTestApp();

let bill: Awaited<ReturnType<typeof createBill>>;
let mediator: TestUser;
let citizen: TestUser;
let marie: TestUser;

const article = () => bill.articles[0]!;
const person = (displayName = 'Marie D.') => ({ kind: 'person', displayName, consent: true });
const workshop = { kind: 'workshop', place: 'Médiathèque Flora Tristan', date: '2026-11-28', participants: 12 };
const amendBody = (onBehalfOf?: unknown, when = 'sans délai') => ({
  kind: 'modify', alineas: [`Les administrations communiquent leurs documents ${when}.`, 'Elles les publient en ligne.'],
  rationale: 'Sans délai.', submit: true, ...(onBehalfOf ? { onBehalfOf } : {}),
});
const formPost = (path: string, who: TestUser, fields: Record<string, string>) =>
  t.app.http.post(path).type('form').set('Origin', t.app.url).set('Cookie', `palimpseste_session=${who.token}`).send(fields);

beforeAll(async () => {
  bill = await createBill(t.app, t.admin, { status: 'consultation' });
  mediator = await createUser(t.app, { displayName: 'Centre social des Aubiers' });
  citizen = await createUser(t.app, { displayName: 'Citoyen ordinaire' });
  marie = await createUser(t.app, { displayName: 'Marie Dupont' });
  const res = await t.app.http.put(`/api/users/${mediator.id}/mediator`).set(auth(t.admin)).send({ name: 'Centre social des Aubiers', town: 'Bordeaux' });
  expect(res.status).toBe(200);
  expect(res.body.user.roles).toContain('mediator');
});

test('only an admin declares a mediator; the roles form keeps the role and the declaration is strict', async () => {
  expect((await t.app.http.put(`/api/users/${citizen.id}/mediator`).set(auth(citizen)).send({ name: 'Moi', town: 'Paris' })).status).toBe(403);
  expect((await t.app.http.put(`/api/users/${citizen.id}/mediator`).set(auth(t.admin)).send({ name: 'X', town: 'Paris', extra: 1 })).status).toBe(400);
  // replacing the other roles leaves the mediator role alone
  const roles = await t.app.http.put(`/api/users/${mediator.id}/roles`).set(auth(t.admin)).send({ roles: ['moderator'] });
  expect(roles.status).toBe(200);
  expect(roles.body.user.roles).toEqual(['mediator', 'moderator']);
  await t.app.http.put(`/api/users/${mediator.id}/roles`).set(auth(t.admin)).send({ roles: [] }).expect(200);
  expect((await t.app.http.get('/api/me').set(auth(mediator))).body.user.roles).toEqual(['mediator']);
});

test('a mediator files an amendment for a workshop: marked « Atelier du … », no claim code', async () => {
  const res = await t.app.http.post(`/api/articles/${article().id}/amendments`).set(auth(mediator)).send(amendBody(workshop));
  expect(res.status).toBe(201);
  expect(res.body.claim).toBeUndefined();
  expect(res.body.amendment.collected).toMatchObject({
    kind: 'workshop', place: 'Médiathèque Flora Tristan', date: '2026-11-28', participants: 12,
    mediator: { name: 'Centre social des Aubiers', town: 'Bordeaux' }, claimed: false,
    label: 'Atelier du 28 novembre 2026 à Médiathèque Flora Tristan, 12 participants, recueilli par Centre social des Aubiers (Bordeaux)',
  });
  const html = (await t.app.http.get(`/amendements/${res.body.amendment.id}`).expect(200)).text;
  expect(html).toContain('Atelier du 28 novembre 2026 à Médiathèque Flora Tristan, 12 participants, recueilli par Centre social des Aubiers (Bordeaux)');
});

test('on behalf of a person: consent is required, fields are strict and bounded', async () => {
  const post = (onBehalfOf: unknown) => t.app.http.post(`/api/articles/${article().id}/arguments`).set(auth(mediator)).send({ side: 'for', body: 'Un bon argument.', onBehalfOf });
  for (const bad of [
    { kind: 'person', displayName: 'Marie D.' },
    { kind: 'person', displayName: 'Marie D.', consent: false },
    { kind: 'person', displayName: '', consent: true },
    { ...person(), email: 'marie@example.test' },
    { ...workshop, participants: 0 },
    { ...workshop, participants: 100_000 },
    { ...workshop, date: '2026-02-30' },
    { ...workshop, date: '2999-01-01' },
    { kind: 'someone' },
    'Marie',
  ]) {
    const res = await post(bad);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  }
  const noConsent = await post({ kind: 'person', displayName: 'Marie D.', consent: false });
  expect(JSON.stringify(noConsent.body.error.details)).toContain('consentement');
});

test('a citizen who is not a mediator cannot file on behalf of anyone', async () => {
  for (const [path, body] of [
    [`/api/articles/${article().id}/amendments`, amendBody(person())],
    [`/api/articles/${article().id}/arguments`, { side: 'against', body: 'Contre.', onBehalfOf: workshop }],
    [`/api/articles/${article().id}/annotations`, { version: 1, alinea: 1, start: 4, end: 19, quote: 'administrations', body: 'Lesquelles ?', onBehalfOf: person() }],
  ] as const) {
    const res = await t.app.http.post(path).set(auth(citizen)).send(body);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  }
  // nothing was stored: the citizen has no contribution
  const mine = await t.app.http.get(`/api/articles/${article().id}/arguments`);
  expect(mine.body.arguments.filter((g: { author: { id: string } }) => g.author.id === citizen.id)).toEqual([]);
});

test('no vote on behalf of anyone: the votes API refuses onBehalfOf', async () => {
  const res = await t.app.http.put(`/api/articles/${article().id}/vote`).set(auth(mediator)).send({ value: 'for', onBehalfOf: person() });
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('validation_failed');
  expect(JSON.stringify(res.body.error.details)).toContain('au nom d’autrui');
  // the mediator's own vote is theirs to cast
  expect((await t.app.http.put(`/api/articles/${article().id}/vote`).set(auth(mediator)).send({ value: 'for' })).status).toBe(200);
});

describe('claiming', () => {
  let argumentId: string;
  let code: string;

  beforeAll(async () => {
    const res = await t.app.http.post(`/api/articles/${article().id}/arguments`).set(auth(mediator)).send({ side: 'for', body: 'Pour que chacun lise.', onBehalfOf: person() });
    expect(res.status).toBe(201);
    argumentId = res.body.argument.id;
    code = res.body.claim.code;
    expect(code).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
    expect(res.body.argument.collected).toMatchObject({ kind: 'person', displayName: 'Marie D.', label: 'Au nom de Marie D., recueilli par Centre social des Aubiers (Bordeaux)', claimed: false });
    expect(res.body.argument.author.id).toBe(mediator.id);
  });

  test('the code is stored hashed only', async () => {
    const rows = (await t.app.testDb.db.query<{ claim_hash: Buffer; consent_at: Date | null }>('SELECT claim_hash, consent_at FROM assisted_contributions WHERE subject_id = $1', [argumentId])).rows;
    expect(rows[0]!.claim_hash).toHaveLength(32);
    expect(rows[0]!.consent_at).not.toBeNull();
    const dump = JSON.stringify((await t.app.testDb.db.query('SELECT * FROM assisted_contributions')).rows);
    expect(dump).not.toContain(code);
    expect(dump).not.toContain(code.replace(/-/g, ''));
  });

  test('a wrong code is a stable 404; the mediator cannot claim its own', async () => {
    for (const wrong of ['ABCDE-FGHJK-MNPQR-STVWX-YZ012', 'pas un code', code.slice(0, -1)]) {
      const res = await t.app.http.post('/api/claims').set(auth(marie)).send({ code: wrong });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    expect((await t.app.http.post('/api/claims').set(auth(mediator)).send({ code })).status).toBe(409);
    expect((await t.app.http.post('/api/claims').send({ code })).status).toBe(401);
  });

  test('the person claims it (typed loosely): they become its author, the provenance stays; the code serves once', async () => {
    const res = await t.app.http.post('/api/claims').set(auth(marie)).send({ code: ` ${code.toLowerCase().replace(/-/g, ' ')} ` });
    expect(res.status).toBe(200);
    expect(res.body.claimed).toEqual([expect.objectContaining({
      type: 'argument', id: argumentId, billId: bill.id, url: `/articles/${article().id}#argument-${argumentId}`,
      collectedBy: { name: 'Centre social des Aubiers', town: 'Bordeaux' },
    })]);
    const list = (await t.app.http.get(`/api/articles/${article().id}/arguments`)).body.arguments as { id: string; author: { id: string }; collected: { claimed: boolean; label: string } }[];
    const g = list.find((x) => x.id === argumentId)!;
    expect(g.author.id).toBe(marie.id);
    expect(g.collected).toMatchObject({ claimed: true, label: 'Au nom de Marie D., recueilli par Centre social des Aubiers (Bordeaux)' });
    const again = await t.app.http.post('/api/claims').set(auth(citizen)).send({ code });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
  });

  test('a claimed amendment changes authors and the public history says so', async () => {
    const filed = await t.app.http.post(`/api/articles/${article().id}/amendments`).set(auth(mediator)).send(amendBody(person('M. Bernard'), 'dans le mois'));
    expect(filed.status).toBe(201);
    const id = filed.body.amendment.id as string;
    expect(filed.body.amendment.authors.map((a: { id: string }) => a.id)).toEqual([mediator.id]);
    await t.app.http.post('/api/claims').set(auth(citizen)).send({ code: filed.body.claim.code }).expect(200);
    const after = (await t.app.http.get(`/api/amendments/${id}`)).body.amendment;
    expect(after.authors.map((a: { id: string }) => a.id)).toEqual([citizen.id]);
    expect(after.collected).toMatchObject({ kind: 'person', displayName: 'M. Bernard', claimed: true });
    const history = await t.app.http.get(`/api/bills/${bill.id}/history?type=amendment.claimed`);
    expect(history.status).toBe(200);
    expect(JSON.stringify(history.body)).toContain('recueilli');
  });
});

test('an annotation for a person, through the HTML form: the code is shown once, the mark is shown', async () => {
  const res = await formPost(`/articles/${article().id}/annotations`, mediator, {
    version: '1', alinea: '1', quote: 'administrations', body: 'Lesquelles ?', pour: 'personne', personne_nom: 'Jo', personne_consentement: 'on',
  });
  expect(res.status).toBe(303);
  expect(res.headers.location).toMatch(/^\/mediation\/code\?c=/);
  const opened = await t.app.http.get(res.headers.location!).set('Cookie', `palimpseste_session=${mediator.token}`).expect(200);
  const shown = opened.text;
  expect(shown).toMatch(/[0-9A-Z]{5}(-[0-9A-Z]{5}){4}/);
  expect(opened.headers['cache-control']).toBe('no-store');
  expect(opened.headers['referrer-policy']).toBe('no-referrer');
  // another account opening the same address gets nothing
  const stolen = (await t.app.http.get(res.headers.location!).set('Cookie', `palimpseste_session=${citizen.token}`).expect(200)).text;
  expect(stolen).not.toMatch(/[0-9A-Z]{5}(-[0-9A-Z]{5}){4}/);
  expect(stolen).toContain('Ce code n’est plus affiché');
  const page = (await t.app.http.get(`/articles/${article().id}`).expect(200)).text;
  expect(page).toContain('Au nom de Jo, recueilli par Centre social des Aubiers (Bordeaux)');
  // without the consent box, the form comes back with the reason
  const refused = await formPost(`/articles/${article().id}/annotations`, mediator, {
    version: '1', alinea: '1', quote: 'administrations', body: 'Encore ?', pour: 'personne', personne_nom: 'Jo',
  });
  // post → redirect → get: back to the article with the reason
  expect(refused.status).toBe(303);
  const back = await t.app.http.get(refused.headers.location!).set('Cookie', `palimpseste_session=${mediator.token}`).expect(200);
  expect(back.text).toContain('Cochez la case de consentement');
  // a citizen's form shows no « Pour qui contribuez-vous ? »; the mediator's does
  expect((await t.app.http.get(`/articles/${article().id}/amendements/nouveau`).set('Cookie', `palimpseste_session=${citizen.token}`)).text).not.toContain('Pour qui contribuez-vous');
  expect((await t.app.http.get(`/articles/${article().id}/amendements/nouveau`).set('Cookie', `palimpseste_session=${mediator.token}`)).text).toContain('Pour qui contribuez-vous');
});

test('the claim page: a wrong code goes back to the form by a 303 (post → redirect → get), the code typed kept', async () => {
  const res = await formPost('/recuperer', marie, { code: 'ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ' });
  expect(res.status).toBe(303);
  expect(res.headers.location).toMatch(/^\/recuperer\?formulaire=[\w-]+#erreurs$/);
  const back = await t.app.http.get(res.headers.location!).set('Cookie', `palimpseste_session=${marie.token}`).expect(200);
  expect(back.text).toContain('Ce code ne correspond à aucune contribution');
  expect(back.text).toContain('role="alert"');
  expect(back.text).toContain('value="ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ"');
});

test('statistics and open data count collected contributions apart', async () => {
  const stats = (await t.app.http.get(`/api/bills/${bill.id}/participation`).expect(200)).body;
  expect(stats.assisted).toEqual({ amendments: 2, arguments: 1, annotations: 1, persons: 3, workshops: 1, workshopParticipants: 12 });
  const amendments = parse((await t.app.http.get(`/api/bills/${bill.id}/opendata/amendments.csv`).expect(200)).text, { columns: true, bom: true }) as Record<string, string>[];
  const collected = amendments.filter((a) => a.collected_for !== '');
  expect(collected.map((a) => a.collected_for).sort()).toEqual(['person', 'workshop']);
  const w = collected.find((a) => a.collected_for === 'workshop')!;
  expect(w).toMatchObject({ collected_by: 'Centre social des Aubiers (Bordeaux)', workshop_place: 'Médiathèque Flora Tristan', workshop_date: '2026-11-28', workshop_participants: '12' });
  const args = (await t.app.http.get(`/api/bills/${bill.id}/opendata/arguments.json`).expect(200)).body.rows as Record<string, unknown>[];
  expect(args.filter((a) => a.collected_for === 'person')).toHaveLength(1);
  const page = (await t.app.http.get(`/textes/${bill.id}/participation`).expect(200)).text;
  expect(page).toContain('recueillies par des structures de médiation');
});

test('a mediator withdrawn can no longer file on behalf; what it collected keeps its mark', async () => {
  await t.app.http.delete(`/api/users/${mediator.id}/mediator`).set(auth(t.admin)).expect(200);
  const res = await t.app.http.post(`/api/articles/${article().id}/arguments`).set(auth(mediator)).send({ side: 'for', body: 'Encore un.', onBehalfOf: workshop });
  expect(res.status).toBe(403);
  const list = (await t.app.http.get(`/api/articles/${article().id}/arguments`)).body.arguments as { collected: unknown }[];
  expect(list.filter((g) => g.collected !== null)).toHaveLength(1);
});

import { applySubAmendment } from '../../shared/legistique';
import { auth, createBill, createUser, useTestApp, type TestUser } from '../helpers/app';

/**
 * Sous-amendements and rectified versions tabled on the platform (docs/sub-amendments.md): a
 * commission member sous-amends a submitted amendment, it is examined just before it, adopting it
 * rewrites the amendment (history kept), it falls with its amendment; authors and the clerk in
 * charge rectify an amendment (« rect. », « rect. bis »), which replaces it in the liasse.
 */
const ctx = useTestApp();

const BILL = `PROJET DE LOI pour une République numérique

Article 1er
Les administrations communiquent leurs documents dans un délai d’un mois.
Elles les publient en ligne.

Article 2
Le présent article entre en vigueur au 1er janvier.
`;

type Bill = Awaited<ReturnType<typeof createBill>>;

async function setup() {
  const { app, admin } = ctx;
  const bill = await createBill(app, admin, { text: BILL, status: 'consultation' });
  const alice = await createUser(app, { displayName: 'Alice Martin' });
  const bob = await createUser(app, { displayName: 'Bob Petit' });
  const elu = await createUser(app, { displayName: 'Élue Durand' });
  const tire = await createUser(app, { displayName: 'Citoyen Moreau' });
  const clerk = await createUser(app, { displayName: 'Greffière Roy', roles: ['clerk'] });
  const parent = await amend(bill, alice, 0, ['Les administrations communiquent leurs documents dans un délai de quinze jours.', 'Elles les publient en ligne.']);
  const other = await amend(bill, bob, 1, ['Le présent article entre en vigueur au 1er juillet.']);
  await app.http.post(`/api/bills/${bill.id}/status`).set(auth(admin)).send({ status: 'commission' }).expect(200);
  for (const [u, college] of [[elu, 'elected'], [tire, 'citizen']] as const) {
    await app.http.put(`/api/bills/${bill.id}/commission/members/${u.id}`).set(auth(admin)).send({ college }).expect(200);
  }
  return { bill, alice, bob, elu, tire, clerk, parent, other };
}

async function amend(bill: Bill, user: TestUser, articleIndex: number, alineas: string[]): Promise<string> {
  const res = await ctx.app.http.post(`/api/articles/${bill.articles[articleIndex]!.id}/amendments`).set(auth(user)).send({ kind: 'modify', alineas, rationale: 'Parce que.', submit: true });
  if (res.status !== 201) throw new Error(`amend: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.amendment.id;
}

const subAmend = (id: string, user: TestUser | null, body: unknown) => {
  const req = ctx.app.http.post(`/api/amendments/${id}/sub-amendments`);
  return (user ? req.set(auth(user)) : req).send(body as object);
};
const rectify = (id: string, user: TestUser, body: unknown) => ctx.app.http.post(`/api/amendments/${id}/rectify`).set(auth(user)).send(body as object);
const decide = (id: string, decision?: string) => ctx.app.http.post(`/api/amendments/${id}/decision`).set(auth(ctx.admin)).send(decision ? { decision } : undefined);
const get = async (id: string) => (await ctx.app.http.get(`/api/amendments/${id}`).expect(200)).body.amendment;
const QUINZE = ['Les administrations communiquent leurs documents dans un délai de quinze jours.', 'Elles les publient en ligne.'];

test('a member tables a sous-amendement: COM-n, examined just before its amendment; adopted, it rewrites it and the reconciled text uses the new text', async () => {
  const { app, admin } = ctx;
  const { bill, elu, parent, other } = await setup();
  const res = await subAmend(parent, elu, { alineas: ['Les administrations communiquent leurs documents dans un délai de huit jours.', 'Elles les publient en ligne.'], rationale: 'Plus vite encore.' }).expect(201);
  const sub = res.body.subAmendment;
  expect(sub).toMatchObject({ number: 1, parentId: parent });
  const view = await get(sub.id);
  expect(view).toMatchObject({ displayNumber: 'COM-1', origin: 'commission', status: 'submitted', subAmendmentOf: parent, subAmendment: { parentId: parent, parentDisplayNumber: '1' } });
  // its dispositif names the amendment and reads its alinéas; read back, it gives the proposed text
  expect(view.dispositif).toBe('Amendement n° 1\nÀ l’alinéa 1, substituer au mot\u00A0: «\u00A0quinze\u00A0» le mot\u00A0: «\u00A0huit\u00A0».');
  expect(applySubAmendment(QUINZE, view.dispositif)).toEqual({ ok: true, alineas: view.alineas });

  // examination order: the sous-amendement just before its amendment
  const page = await app.http.get(`/textes/${bill.id}/commission`).expect(200);
  const order = [...page.text.matchAll(/data-amendment="([0-9a-f-]{36})"/g)].map((m) => m[1]);
  expect(order.indexOf(sub.id)).toBeGreaterThanOrEqual(0);
  expect(order.indexOf(sub.id)).toBe(order.indexOf(parent) - 1);
  expect(order).toContain(other);
  expect(page.text).toContain(`Sous-amendement à l’<a href="/amendements/${parent}">amendement n° 1</a>, examiné juste avant lui`);

  // adopted: the amendment is rewritten, its history keeps both texts
  const adopted = await decide(sub.id, 'adopted').expect(200);
  expect(adopted.body.decision).toMatchObject({ outcome: 'adopted', amendmentIds: [sub.id], fallen: [] });
  const rewritten = await get(parent);
  expect(rewritten.alineas[0]).toBe('Les administrations communiquent leurs documents dans un délai de huit jours.');
  expect(rewritten.revisions.map((r: { kind: string }) => r.kind)).toEqual(['submission', 'sub_amendment']);
  expect(rewritten.revisions[0].alineas).toEqual(QUINZE);
  expect(rewritten.revisions[1].note).toBe('Réécrit par le sous-amendement n° COM-1, adopté.');
  // the amendment adopted next applies with its rewritten text
  await decide(parent, 'adopted').expect(200);
  const reconciled = (await app.http.get(`/api/bills/${bill.id}/reconciled`).expect(200)).body;
  expect(reconciled.articles[0].alineas[0]).toBe('Les administrations communiquent leurs documents dans un délai de huit jours.');
  // the sous-amendement is never applied to the article by itself
  expect(reconciled.articles[0].alineas).toHaveLength(2);
  expect((await app.http.get(`/api/bills/${bill.id}/history`).expect(200)).body.events.map((e: { type: string }) => e.type)).toContain('amendment.rewritten');
  void admin;
});

test('sous-amendements fall with their amendment; one that no longer applies after another is adopted falls too', async () => {
  const { elu, tire, parent } = await setup();
  const a = (await subAmend(parent, elu, { alineas: ['Les administrations communiquent leurs documents dans un délai de huit jours.', 'Elles les publient en ligne.'], rationale: 'Huit.' }).expect(201)).body.subAmendment.id;
  const b = (await subAmend(parent, tire, { alineas: ['Les administrations communiquent leurs documents dans un délai de dix jours.', 'Elles les publient en ligne.'], rationale: 'Dix.' }).expect(201)).body.subAmendment.id;
  const c = (await subAmend(parent, tire, { alineas: [...QUINZE.slice(0, 1), 'Elles les publient en ligne et en papier.'], rationale: 'Papier.' }).expect(201)).body.subAmendment.id;
  // « quinze » is gone once « huit » is adopted: b falls, c (another alinéa) still applies
  const res = await decide(a, 'adopted').expect(200);
  expect(res.body.decision.fallen).toEqual([{ amendmentId: b, reason: expect.stringMatching(/^depuis l’adoption du sous-amendement n° COM-1, il ne s’applique plus/u) }]);
  expect(await get(b)).toMatchObject({ status: 'fallen', decision: { outcome: 'fallen', rule: 'consequence' } });
  expect((await get(c)).status).toBe('submitted');
  // the amendment rejected: its last sous-amendement falls with the reason
  const rejected = await decide(parent, 'rejected').expect(200);
  expect(rejected.body.decision.fallen).toEqual([{ amendmentId: c, reason: 'L’amendement n° 1, qu’il modifiait, a été rejeté.' }]);
  expect(await get(c)).toMatchObject({ status: 'fallen', decision: { reason: 'L’amendement n° 1, qu’il modifiait, a été rejeté.', by: { amendmentId: parent } } });
});

test('a withdrawn amendment takes its sous-amendements with it', async () => {
  const { alice, elu, parent } = await setup();
  const s = (await subAmend(parent, elu, { alineas: ['Autre texte.', 'Elles les publient en ligne.'], rationale: 'Autre.' }).expect(201)).body.subAmendment.id;
  await ctx.app.http.post(`/api/amendments/${parent}/withdraw`).set(auth(alice)).expect(200);
  expect(await get(s)).toMatchObject({ status: 'fallen', decision: { reason: 'L’amendement n° 1, qu’il modifiait, a été retiré.' } });
});

test('who may table a sous-amendement, on what, and hostile input', async () => {
  const { app, admin } = ctx;
  const { bill, alice, bob, elu, tire, parent, other } = await setup();
  const ok = { alineas: ['Autre texte.', 'Elles les publient en ligne.'], rationale: 'Autre.' };
  expect((await subAmend(parent, null, ok)).status).toBe(401);
  expect((await subAmend(parent, alice, ok)).status).toBe(403); // an author, not a member
  expect((await subAmend(parent, admin, ok)).status).toBe(403);
  expect((await subAmend('00000000-0000-4000-8000-000000000000', elu, ok)).status).toBe(404);
  expect((await subAmend('pas-un-id', elu, ok)).status).toBe(404);
  for (const body of [{}, { alineas: 'texte', rationale: 'x' }, { alineas: [], rationale: 'x' }, { alineas: ['', 'b'], rationale: 'x' }, { alineas: [1], rationale: 'x' },
    { alineas: ['a'], rationale: 'x'.repeat(20_001) }, { alineas: ['a'] }, { alineas: ['a'], rationale: '   ' }, { alineas: QUINZE, rationale: 'Rien.' },
    { alineas: Array.from({ length: 10_000 }, () => 'a'), rationale: 'x' }]) {
    const res = await subAmend(parent, elu, body);
    expect([res.status, res.body.error?.code]).toEqual([400, 'validation_failed']);
  }
  // not on a sous-amendement, nor once the vote on the amendment began, nor on a closed one
  const s = (await subAmend(parent, elu, ok).expect(201)).body.subAmendment.id;
  expect((await subAmend(s, tire, ok)).body.error.code).toBe('conflict');
  await app.http.put(`/api/amendments/${other}/commission-vote`).set(auth(elu)).send({ value: 'for' }).expect(200);
  const voted = await subAmend(other, tire, { alineas: ['Le présent article entre en vigueur au 1er août.'], rationale: 'Août.' });
  expect([voted.status, voted.body.error.message]).toEqual([409, expect.stringMatching(/ont déjà commencé à voter/u)]);
  await decide(parent, 'rejected').expect(200);
  expect((await subAmend(parent, elu, ok)).status).toBe(409);
  // nothing was written by the refusals: one sous-amendement, fallen with its amendment
  const list = (await app.http.get(`/api/bills/${bill.id}/amendments?pageSize=100`).expect(200)).body.amendments as { origin: string; status: string }[];
  expect(list.filter((a) => a.origin === 'commission').map((a) => a.status)).toEqual(['fallen']);
  void bob;
});

test('rectification: « 1 rect. » then « 1 rect. bis » replace the text in the liasse; the history keeps every version; who may', async () => {
  const { app } = ctx;
  const { bill, alice, bob, elu, clerk, parent, other } = await setup();
  const first = ['Les administrations communiquent leurs documents dans un délai de dix jours.', 'Elles les publient en ligne.'];
  expect((await rectify(parent, bob, { alineas: first })).status).toBe(403);
  expect((await rectify(parent, elu, { alineas: first })).status).toBe(403);
  for (const body of [{}, { alineas: [] }, { alineas: [''] }, { alineas: 'x' }, { rationale: 'x'.repeat(20_001) }, { alineas: QUINZE }, { rationale: '  ' }]) {
    const res = await rectify(parent, alice, body);
    expect([res.status, res.body.error?.code]).toEqual([400, 'validation_failed']);
  }
  expect((await rectify(parent, alice, { alineas: first }).expect(200)).body.rectified).toEqual({ rectification: 1, displayNumber: '1 rect.' });
  // the clerk in charge (nobody took it: any clerk) publishes « rect. bis »
  const second = { alineas: ['Les administrations communiquent leurs documents dans un délai de dix jours ouvrés.', 'Elles les publient en ligne.'], rationale: 'Jours ouvrés.' };
  expect((await rectify(parent, clerk, second).expect(200)).body.rectified).toEqual({ rectification: 2, displayNumber: '1 rect. bis' });
  const view = await get(parent);
  expect(view).toMatchObject({ displayNumber: '1 rect. bis', rectification: 2, alineas: second.alineas, rationale: 'Jours ouvrés.' });
  expect(view.revisions.map((r: { kind: string; alineas: string[] }) => [r.kind, r.alineas[0]])).toEqual([
    ['submission', QUINZE[0]], ['rectification', first[0]], ['rectification', second.alineas[0]],
  ]);
  // the liasse: only the version in force, under its rectified number
  const liasse = (await app.http.get(`/api/bills/${bill.id}/liasse`).expect(200)).text;
  expect(liasse).toContain('1 rect. bis');
  expect(liasse).toContain('ouvrés');
  expect(liasse).not.toContain('quinze');
  expect(liasse).not.toMatch(/1 rect\.(?! bis)/u);
  // the dashboard too
  const dashboard = (await app.http.get(`/textes/${bill.id}/commission`).expect(200)).text;
  expect(dashboard).toContain('n° 1 rect. bis');
  // once the members began to vote, no more rectification; a chamber's or a closed one neither
  await app.http.put(`/api/amendments/${other}/commission-vote`).set(auth(elu)).send({ value: 'for' }).expect(200);
  expect((await rectify(other, bob, { alineas: ['Le présent article entre en vigueur au 1er août.'] })).status).toBe(409);
  await decide(parent, 'rejected').expect(200);
  expect((await rectify(parent, alice, { rationale: 'Trop tard.' })).status).toBe(409);
});

test('rectification is for the commission phase', async () => {
  const { app, admin } = ctx;
  const bill = await createBill(app, admin, { text: BILL, status: 'consultation' });
  const alice = await createUser(app);
  const id = await amend(bill, alice, 1, ['Le présent article entre en vigueur au 1er juillet.']);
  const res = await rectify(id, alice, { alineas: ['Le présent article entre en vigueur au 1er août.'] });
  expect([res.status, res.body.error.code]).toEqual([409, 'wrong_phase']);
  expect((await get(id)).rectification).toBe(0);
});

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { auth, createAdmin, createBill, createCitizen, createUser, startTestApp, type TestApp, type TestUser } from '../helpers/app';

/** API.md › Commission: members, votes per college, decisions, falling amendments, the reconciled text, adoption. */

let app: TestApp;
let admin: TestUser;
beforeAll(async () => {
  app = await startTestApp();
  admin = await createAdmin(app);
});
afterAll(async () => {
  await app.close();
});

const BILL = `PROJET DE LOI pour une République numérique

Article 1er
Les administrations communiquent leurs documents dans un délai d’un mois.
Elles les publient en ligne.

Article 2
Le présent article entre en vigueur au 1er janvier.

Article 3
Un décret précise les modalités d’application.
`;

type Bill = Awaited<ReturnType<typeof createBill>>;

async function setup() {
  const bill = await createBill(app, admin, { text: BILL, status: 'consultation' });
  const [alice, bob, carol] = [await createCitizen(app, 'Alice'), await createCitizen(app, 'Bob'), await createCitizen(app, 'Carol')];
  const [elu, citoyen] = [await createUser(app, { displayName: 'Élue Durand' }), await createUser(app, { displayName: 'Citoyen Moreau' })];
  return { bill, alice, bob, carol, elu, citoyen };
}

async function amend(bill: Bill, user: TestUser, articleIndex: number, body: Record<string, unknown>): Promise<string> {
  const res = await app.http.post(`/api/articles/${bill.articles[articleIndex]!.id}/amendments`).set(auth(user)).send({ rationale: 'Parce que.', submit: true, ...body });
  if (res.status !== 201) throw new Error(`amend: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.amendment.id;
}

const toCommission = async (bill: Bill) => app.http.post(`/api/bills/${bill.id}/status`).set(auth(admin)).send({ status: 'commission' }).expect(200);
const appoint = (bill: Bill, user: TestUser, college: string) => app.http.put(`/api/bills/${bill.id}/commission/members/${user.id}`).set(auth(admin)).send({ college });
const vote = (id: string, user: TestUser, value: string) => app.http.put(`/api/amendments/${id}/commission-vote`).set(auth(user)).send({ value });
const decide = (id: string, body?: object) => app.http.post(`/api/amendments/${id}/decision`).set(auth(admin)).send(body);

test('members in two colleges vote; the rule decides from the tally per college; decisions keep their tallies', async () => {
  const { bill, alice, elu, citoyen } = await setup();
  const id = await amend(bill, alice, 1, { kind: 'modify', alineas: ['Le présent article entre en vigueur au 1er juillet.'] });
  await toCommission(bill);
  expect((await appoint(bill, elu, 'elected')).status).toBe(200);
  expect((await app.http.put(`/api/bills/${bill.id}/commission/members/${citoyen.id}`).set(auth(alice)).send({ college: 'citizen' })).status).toBe(403);
  await appoint(bill, citoyen, 'citizen').expect(200);
  expect((await appoint(bill, citoyen, 'nobody')).status).toBe(400);
  await app.http.put(`/api/bills/${bill.id}/commission/rule`).set(auth(admin)).send({ rule: 'double_majority', quorum: 2 }).expect(200);
  const commission = (await app.http.get(`/api/bills/${bill.id}/commission`).expect(200)).body;
  expect(commission).toMatchObject({ rule: 'double_majority', quorum: 2 });
  expect(commission.members.map((m: { college: string }) => m.college).sort()).toEqual(['citizen', 'elected']);

  // A citizen who is not a member cannot vote; quorum not reached → no decision by rule.
  expect((await vote(id, alice, 'for')).status).toBe(403);
  const first = await vote(id, elu, 'for').expect(200);
  expect(first.body.commissionTally.elected).toEqual({ for: 1, against: 0, abstain: 0, total: 1 });
  const noQuorum = await decide(id);
  expect(noQuorum.status).toBe(409);
  expect(noQuorum.body.error.message).toMatch(/Quorum/);
  // Double majority: the citizen college is against → rejected.
  await vote(id, citoyen, 'against').expect(200);
  const res = await decide(id).expect(200);
  expect(res.body.decision).toMatchObject({ outcome: 'rejected', amendmentIds: [id] });
  expect(res.body.decision.tallies.citizen.against).toBe(1);
  expect((await app.http.get(`/api/amendments/${id}`)).body.amendment.status).toBe('rejected');
  expect((await decide(id)).status).toBe(409);
  expect((await vote(id, elu, 'against')).status).toBe(409);
  const n = (await app.http.get('/api/notifications').set(auth(alice))).body.notifications[0];
  expect(n).toMatchObject({ type: 'decided' });
  expect(n.message).toMatch(/rejeté/);
});

test('commission members table COM- amendments in commission; citizens no longer can', async () => {
  const { bill, alice, elu } = await setup();
  await toCommission(bill);
  await appoint(bill, elu, 'elected').expect(200);
  const refused = await app.http.post(`/api/articles/${bill.articles[2]!.id}/amendments`).set(auth(alice)).send({ kind: 'delete', rationale: 'x', submit: true });
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe('wrong_phase');
  const res = await app.http.post(`/api/articles/${bill.articles[2]!.id}/amendments`).set(auth(elu)).send({ kind: 'delete', rationale: 'Inutile.', submit: true }).expect(201);
  expect(res.body.amendment).toMatchObject({ origin: 'commission', displayNumber: 'COM-1' });
});

test('adopting an article deletion makes the other amendments on it fall; adopting a conflicting rewrite is 409', async () => {
  const { bill, alice, bob, carol, elu, citoyen } = await setup();
  const a1 = bill.articles[0]!.alineas;
  const word = await amend(bill, alice, 0, { kind: 'modify', alineas: [a1[0]!.replace('d’un mois', 'de quinze jours'), a1[1]] });
  const sameWords = await amend(bill, bob, 0, { kind: 'modify', alineas: [a1[0]!.replace('d’un mois', 'de deux mois'), a1[1]] });
  const otherWords = await amend(bill, carol, 0, { kind: 'modify', alineas: [a1[0], 'Elles les publient en ligne gratuitement.'] });
  const del3 = await amend(bill, alice, 2, { kind: 'delete' });
  const onArt3 = await amend(bill, bob, 2, { kind: 'modify', alineas: ['Un décret en Conseil d’État précise les modalités d’application.'] });
  const additional = await amend(bill, carol, 1, { kind: 'insert_after', alineas: ['Un rapport est remis au Parlement.'] });
  await toCommission(bill);
  // The default order of the list is the examination order: article 2's additional article before
  // article 3, whose deletion comes before its rewrite.
  const listed = (await app.http.get(`/api/bills/${bill.id}/amendments`).expect(200)).body.amendments.map((a: { id: string }) => a.id);
  expect(listed.slice(3)).toEqual([additional, del3, onArt3]);

  const adoption = await decide(word, { decision: 'adopted' }).expect(200);
  // the same words are now rewritten: Bob's amendment falls, with a reason naming Alice's
  expect(adoption.body.decision.fallen.map((f: { amendmentId: string }) => f.amendmentId)).toEqual([sameWords]);
  expect(adoption.body.decision.fallen[0].reason).toMatch(/n° 1/);
  const conflict = await decide(sameWords, { decision: 'adopted' });
  expect(conflict.status).toBe(409);
  expect((await app.http.get(`/api/amendments/${sameWords}`)).body.amendment.status).toBe('fallen');
  await decide(otherWords, { decision: 'adopted' }).expect(200);
  const deletion = await decide(del3, { decision: 'adopted' }).expect(200);
  expect(deletion.body.decision.fallen).toEqual([expect.objectContaining({ amendmentId: onArt3 })]);
  const fallen = (await app.http.get(`/api/amendments/${onArt3}`)).body.amendment;
  expect(fallen.status).toBe('fallen');
  expect((await decide(onArt3, { decision: 'adopted' })).status).toBe(409);
  await decide(additional, { decision: 'adopted' }).expect(200);

  const rec = (await app.http.get(`/api/bills/${bill.id}/reconciled`).expect(200)).body;
  expect(rec.articles.map((a: { number: string }) => a.number)).toEqual(['1er', '2', '2 bis']);
  expect(rec.articles[0].alineas).toEqual([a1[0]!.replace('d’un mois', 'de quinze jours'), 'Elles les publient en ligne gratuitement.']);
  expect(rec.articles[2].alineas).toEqual(['Un rapport est remis au Parlement.']);
  expect(rec.applied.sort()).toEqual([word, otherWords, del3, additional].sort());
  expect(rec.fallen.map((f: { amendmentId: string }) => f.amendmentId)).toContain(onArt3);
  // provenance: « quinze jours » comes from Alice's amendment, « gratuitement » from Carol's
  const runs = rec.articles[0].provenance[0] as { text: string; amendments: string[] }[];
  expect(runs.filter((r) => r.amendments.includes(word)).map((r) => r.text).join('')).toMatch(/quinze/);
  expect(runs.map((r) => r.text).join('')).toBe(rec.articles[0].alineas[0]);
  expect(rec.contributors[word].authors[0].displayName).toBe('Alice');

  // Formats
  const md = await app.http.get(`/api/bills/${bill.id}/reconciled?format=markdown`).expect(200);
  expect(md.type).toBe('text/markdown');
  expect(md.text).toMatch(/2 bis/);
  const html = await app.http.get(`/api/bills/${bill.id}/reconciled?format=html`).expect(200);
  expect(html.text.replace(/<[^>]+>/g, '')).toMatch(/quinze jours/);
  const akn = await app.http.get(`/api/bills/${bill.id}/reconciled?format=akn`).expect(200);
  const file = path.join(os.tmpdir(), `reconciled-${process.pid}.xml`);
  fs.writeFileSync(file, akn.text);
  const schema = path.join(__dirname, '../fixtures/akn-schema/akomantoso30.xsd');
  expect(() => execFileSync('xmllint', ['--noout', '--schema', schema, file], { stdio: 'pipe' })).not.toThrow();
  expect(akn.text).toContain('eId="art_2bis"');

  // Adoption needs a commission with members in both colleges
  const incomplete = await app.http.post(`/api/bills/${bill.id}/status`).set(auth(admin)).send({ status: 'adopted' });
  expect(incomplete.status).toBe(409);
  expect(incomplete.body.error).toMatchObject({ code: 'commission_incomplete', details: { missing: ['elected', 'citizen'] } });
  await appoint(bill, elu, 'elected').expect(200);
  expect((await app.http.post(`/api/bills/${bill.id}/status`).set(auth(admin)).send({ status: 'adopted' })).body.error.details).toEqual({ missing: ['citizen'] });
  await appoint(bill, citoyen, 'citizen').expect(200);
  // Adoption freezes the text: new versions, the article additionnel, the deleted article gone.
  await app.http.post(`/api/bills/${bill.id}/status`).set(auth(admin)).send({ status: 'adopted' }).expect(200);
  const adopted = (await app.http.get(`/api/bills/${bill.id}`).expect(200)).body.bill;
  expect(adopted.articles.map((a: { number: string }) => a.number)).toEqual(['1er', '2', '2 bis']);
  expect(adopted.articles[0]).toMatchObject({ version: 2, alineas: rec.articles[0].alineas });
  const art1 = (await app.http.get(`/api/articles/${adopted.articles[0].id}`)).body;
  expect(art1.versions.map((v: { reason: string }) => v.reason)).toEqual([expect.any(String), 'Texte adopté par la commission']);
  const frozen = (await app.http.get(`/api/bills/${bill.id}/reconciled`).expect(200)).body;
  expect(frozen.frozen).toBe(true);
  expect(frozen.articles).toEqual(rec.articles);
});

test('identical amendments share one vote and one decision, whichever of them is voted on or decided', async () => {
  const { bill, alice, bob, elu, citoyen } = await setup();
  const text = ['Le présent article entre en vigueur au 1er septembre.'];
  const first = await amend(bill, alice, 1, { kind: 'modify', alineas: text });
  const second = await amend(bill, bob, 1, { kind: 'modify', alineas: text });
  await toCommission(bill);
  await appoint(bill, elu, 'elected').expect(200);
  await appoint(bill, citoyen, 'citizen').expect(200);
  // votes cast on either amendment of the group count once, for the group
  await vote(first, elu, 'for').expect(200);
  const t = (await vote(second, citoyen, 'for').expect(200)).body.commissionTally;
  expect(t.all).toEqual({ for: 2, against: 0, abstain: 0, total: 2 });
  const res = await decide(second).expect(200);
  expect(res.body.decision.outcome).toBe('adopted');
  expect(res.body.decision.amendmentIds.sort()).toEqual([first, second].sort());
  for (const id of [first, second]) expect((await app.http.get(`/api/amendments/${id}`)).body.amendment.status).toBe('adopted');
  // once the text is adopted, nothing is withdrawn any more
  const late = await amend(bill, elu, 0, { kind: 'delete' });
  await decide(late, { decision: 'not_examined', reason: 'Déposé après la clôture de la discussion.' }).expect(200);
  await app.http.post(`/api/bills/${bill.id}/status`).set(auth(admin)).send({ status: 'adopted' }).expect(200);
  const withdraw = await app.http.post(`/api/amendments/${late}/withdraw`).set(auth(elu));
  expect(withdraw.status).toBe(409);
  expect(withdraw.body.error.code).toBe('wrong_phase');
});

test('no adoption while an amendment awaits a decision; « non examiné » closes one with a public reason', async () => {
  const { bill, alice, bob, elu, citoyen } = await setup();
  const first = await amend(bill, alice, 1, { kind: 'modify', alineas: ['Le présent article entre en vigueur au 1er mars.'] });
  const second = await amend(bill, bob, 2, { kind: 'delete' });
  await toCommission(bill);
  await appoint(bill, elu, 'elected').expect(200);
  await appoint(bill, citoyen, 'citizen').expect(200);
  const adopt = () => app.http.post(`/api/bills/${bill.id}/status`).set(auth(admin)).send({ status: 'adopted' });
  const pending = await adopt();
  expect(pending.status).toBe(409);
  expect(pending.body.error.code).toBe('pending_amendments');
  expect(pending.body.error.details.amendments.sort()).toEqual([first, second].sort());
  expect((await app.http.get(`/api/bills/${bill.id}`)).body.bill.status).toBe('commission');

  // « non examiné » needs a reason, and only the admin closes an amendment
  expect((await decide(first, { decision: 'not_examined' })).status).toBe(400);
  expect((await app.http.post(`/api/amendments/${first}/decision`).set(auth(elu)).send({ decision: 'not_examined', reason: 'x' })).status).toBe(403);
  const closed = await decide(first, { decision: 'not_examined', reason: 'La commission n’a pas eu le temps de l’examiner.' }).expect(200);
  expect(closed.body.decision).toMatchObject({ outcome: 'not_examined', amendmentIds: [first], fallen: [] });
  const a = (await app.http.get(`/api/amendments/${first}`)).body.amendment;
  expect(a.status).toBe('not_examined');
  const notes = (await app.http.get('/api/notifications').set(auth(alice))).body.notifications as { message: string }[];
  expect(notes.some((n) => n.message.includes('sans l’examiner') && n.message.includes('pas eu le temps'))).toBe(true);
  expect((await decide(first, { decision: 'adopted' })).status).toBe(409);
  // it stays on the commission's dashboard, with its decision and the reason
  const dashboard = (await app.http.get(`/textes/${bill.id}/commission`).set(auth(admin)).expect(200)).text;
  expect(dashboard).toContain(`data-amendment="${first}"`);
  expect(dashboard).toContain('Non examiné');
  expect(dashboard).toContain('pas eu le temps');

  expect((await adopt()).body.error.details.amendments).toEqual([second]);
  await decide(second, { decision: 'rejected' }).expect(200);
  await adopt().expect(200);
  // nothing adopted: the text is the initial one
  const text = (await app.http.get(`/api/bills/${bill.id}/reconciled`).expect(200)).body;
  expect(text.applied).toEqual([]);
});

test('the amendment tells its own outcome: decision, how, when, the tallies, and why it fell', async () => {
  const { bill, alice, bob, elu, citoyen } = await setup();
  const a1 = bill.articles[0]!.alineas;
  const word = await amend(bill, alice, 0, { kind: 'modify', alineas: [a1[0]!.replace('d’un mois', 'de dix jours'), a1[1]] });
  const same = await amend(bill, bob, 0, { kind: 'modify', alineas: [a1[0]!.replace('d’un mois', 'de vingt jours'), a1[1]] });
  expect((await app.http.get(`/api/amendments/${word}`)).body.amendment.decision).toBeNull();
  await toCommission(bill);
  await appoint(bill, elu, 'elected').expect(200);
  await appoint(bill, citoyen, 'citizen').expect(200);
  await vote(word, elu, 'for').expect(200);
  await vote(word, citoyen, 'for').expect(200);
  await decide(word).expect(200);
  const adopted = (await app.http.get(`/api/amendments/${word}`)).body.amendment.decision;
  expect(adopted).toMatchObject({ outcome: 'adopted', rule: 'simple_majority', reason: null, by: null, tallies: { all: { for: 2, against: 0, abstain: 0, total: 2 } } });
  expect(Date.parse(adopted.decidedAt)).not.toBeNaN();
  const fallen = (await app.http.get(`/api/amendments/${same}`)).body.amendment.decision;
  expect(fallen).toMatchObject({ outcome: 'fallen', rule: 'consequence', by: { amendmentId: word, displayNumber: '1' } });
  expect(fallen.reason).toEqual(expect.any(String));
  // the page says why it fell, with a link to the amendment that made it fall
  const page = await app.http.get(`/amendements/${same}`).expect(200);
  expect(page.text).toContain('Tombé');
  expect(page.text).toContain(`href="/amendements/${word}"`);
  expect(page.text).toContain(fallen.reason.replace(/’/g, '’').slice(0, 20));
});

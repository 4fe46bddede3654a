import { identityKey } from '../../shared/similarity';
import { amendmentDocName } from '../../shared/live-docs';
import { backfillIdentityKeys } from '../../server/sql/amendments';
import { auth, createBill, createCitizen, createUser, useTestApp, type TestUser } from '../helpers/app';

/**
 * One identity key for identical amendments, computed once (shared/similarity.ts identityKey) and
 * stored (amendments.identity_key); one head for an identical group (shared/reconcile/group-head.ts),
 * on which commission votes are cast and from which decisions read their tally.
 */

const suite = useTestApp();

type Bill = Awaited<ReturnType<typeof createBill>>;
const keyOf = async (id: string) =>
  (await suite.app.testDb.db.query<{ identity_key: string | null; article_id: string; kind: 'modify'; alineas: string[] }>(
    'SELECT identity_key, article_id, kind, alineas FROM amendments WHERE id = $1', [id])).rows[0]!;
const amend = async (bill: Bill, user: TestUser, body: Record<string, unknown>) => {
  const res = await suite.app.http.post(`/api/articles/${bill.articles[1]!.id}/amendments`).set(auth(user)).send({ kind: 'modify', rationale: 'Parce que.', ...body });
  if (res.status !== 201) throw new Error(`amend: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.amendment.id as string;
};
const vote = (id: string, user: TestUser, value: string) => suite.app.http.put(`/api/amendments/${id}/commission-vote`).set(auth(user)).send({ value });
const decide = (id: string, body?: object) => suite.app.http.post(`/api/amendments/${id}/decision`).set(auth(suite.admin)).send(body);
const appoint = (bill: Bill, user: TestUser, college: string) => suite.app.http.put(`/api/bills/${bill.id}/commission/members/${user.id}`).set(auth(suite.admin)).send({ college }).expect(200);

test('the key is written with the alinéas (creation, edit, live submission, formalisation) and equals identityKey', async () => {
  const bill = await createBill(suite.app, suite.admin, { status: 'consultation' });
  const alice = await createCitizen(suite.app, 'Alice');
  const id = await amend(bill, alice, { alineas: ['Première rédaction.'] });
  const expectKey = async () => {
    const row = await keyOf(id);
    expect(row.identity_key).toBe(identityKey(row.article_id, row.kind, row.alineas));
    return row;
  };
  await expectKey();
  await suite.app.http.put(`/api/amendments/${id}`).set(auth(alice)).send({ alineas: ['Deuxième rédaction.'] }).expect(200);
  expect((await expectKey()).alineas).toEqual(['Deuxième rédaction.']);
  // The live document is the draft's text; its blanks are trimmed at submission, as REST texts are.
  await suite.app.registry.write(amendmentDocName(id), ['  Troisième rédaction.  ']);
  await suite.app.http.post(`/api/amendments/${id}/submit`).set(auth(alice)).expect(200);
  expect((await expectKey()).alineas).toEqual(['Troisième rédaction.']);
  const clerk = await createUser(suite.app, { roles: ['clerk'] });
  await suite.app.http.post(`/api/amendments/${id}/formalise`).set(auth(clerk)).send({ alineas: ['Rédaction formelle.'] }).expect(200);
  expect((await expectKey()).alineas).toEqual(['Rédaction formelle.']);
});

test('rows without a key are backfilled from identityKey, once', async () => {
  const bill = await createBill(suite.app, suite.admin, { status: 'consultation' });
  const alice = await createCitizen(suite.app, 'Alice');
  const ids = [await amend(bill, alice, { alineas: ['Un.'], submit: true }), await amend(bill, alice, { alineas: ['Deux.'] })];
  // as rows written before migration 019 were (with blanks the key ignores)
  await suite.app.testDb.db.query(`UPDATE amendments SET identity_key = NULL, alineas = '["  Un. "]' WHERE id = $1`, [ids[0]]);
  await suite.app.testDb.db.query('UPDATE amendments SET identity_key = NULL WHERE id = $1', [ids[1]]);
  expect(await backfillIdentityKeys(suite.app.testDb.db)).toBe(2);
  expect(await backfillIdentityKeys(suite.app.testDb.db)).toBe(0);
  const [one, two] = [await keyOf(ids[0]!), await keyOf(ids[1]!)];
  expect(one.identity_key).toBe(identityKey(one.article_id, 'modify', ['Un.']));
  expect(two.identity_key).toBe(identityKey(two.article_id, 'modify', ['Deux.']));
});

test('a live submission with blanks is identical to the same REST text: one group on the desk, one vote', async () => {
  const bill = await createBill(suite.app, suite.admin, { status: 'consultation' });
  const [alice, bob] = [await createCitizen(suite.app, 'Alice'), await createCitizen(suite.app, 'Bob')];
  const text = 'Le présent article entre en vigueur au 1er octobre.';
  const viaRest = await amend(bill, alice, { alineas: [text], submit: true });
  const viaLive = await amend(bill, bob, {});
  await suite.app.registry.write(amendmentDocName(viaLive), [` ${text}  `]);
  await suite.app.http.post(`/api/amendments/${viaLive}/submit`).set(auth(bob)).expect(200);
  const clerk = await createUser(suite.app, { roles: ['clerk'] });
  const desk = (await suite.app.http.get(`/api/bills/${bill.id}/desk`).set(auth(clerk)).expect(200)).body;
  const group = desk.groups.find((g: { amendments: { id: string }[] }) => g.amendments.some((a) => a.id === viaRest));
  expect(group.amendments.map((a: { id: string }) => a.id).sort()).toEqual([viaRest, viaLive].sort());
  await suite.app.http.post(`/api/bills/${bill.id}/status`).set(auth(suite.admin)).send({ status: 'commission' }).expect(200);
  const [elu, citoyen] = [await createUser(suite.app, { displayName: 'Élue' }), await createUser(suite.app, { displayName: 'Citoyen' })];
  await appoint(bill, elu, 'elected');
  await appoint(bill, citoyen, 'citizen');
  await vote(viaLive, elu, 'for').expect(200);
  const t = (await vote(viaRest, citoyen, 'for').expect(200)).body.commissionTally;
  expect(t.all).toEqual({ for: 2, against: 0, abstain: 0, total: 2 });
  const res = await decide(viaLive).expect(200);
  expect(res.body.decision.amendmentIds.sort()).toEqual([viaRest, viaLive].sort());
});

test('votes and decisions read one head: an identical amendment tabled after the first was decided is decided on its own votes', async () => {
  const bill = await createBill(suite.app, suite.admin, { status: 'consultation' });
  await suite.app.http.post(`/api/bills/${bill.id}/status`).set(auth(suite.admin)).send({ status: 'commission' }).expect(200);
  const [elu, citoyen] = [await createUser(suite.app, { displayName: 'Élue' }), await createUser(suite.app, { displayName: 'Citoyen' })];
  await appoint(bill, elu, 'elected');
  await appoint(bill, citoyen, 'citizen');
  const text = ['Le présent article entre en vigueur au 1er novembre.'];
  const first = await amend(bill, elu, { alineas: text, submit: true });
  await vote(first, elu, 'against').expect(200);
  await vote(first, citoyen, 'against').expect(200);
  expect((await decide(first).expect(200)).body.decision.outcome).toBe('rejected');
  // COM-2, identical to the rejected COM-1: the members now vote for it
  const second = await amend(bill, citoyen, { alineas: text, submit: true });
  const tally = (await vote(second, elu, 'for').expect(200)).body.commissionTally;
  expect(tally.all).toEqual({ for: 1, against: 0, abstain: 0, total: 1 });
  await vote(second, citoyen, 'for').expect(200);
  const res = await decide(second).expect(200);
  expect(res.body.decision).toMatchObject({ outcome: 'adopted', amendmentIds: [second] });
  expect(res.body.decision.tallies.all).toEqual({ for: 2, against: 0, abstain: 0, total: 2 });
});

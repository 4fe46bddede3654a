import { computeOpinionGroupsOf } from '../../server/commands/compute-opinion-groups';
import { OpinionVoteCache } from '../../server/opinion-vote-cache';
import { loadOpinionVotes } from '../../server/sql/opinions';
import { parsePackedVotes, type VoteMatrix } from '../../shared/opinion-groups';
import { auth, createAdmin, createBill, createUser, startTestApp, type TestApp, type TestUser } from '../helpers/app';
import { seeded } from '../helpers/electorate';

/**
 * Issue 18 › recomputation after a few votes: the scheduler's vote cache (server/opinion-vote-cache.ts)
 * patches a bill's matrix from the vote events since its last read. After every kind of change —
 * new votes, changed votes, withdrawn votes, new voters, an amendment masked or published, an
 * account deleted, an event committed after a later one — its matrix must equal a fresh read.
 */
jest.setTimeout(120_000);

let app: TestApp;
let admin: TestUser;
beforeAll(async () => {
  app = await startTestApp({ opinions: false });
  admin = await createAdmin(app);
});
afterAll(async () => {
  await app?.close();
});

/** The matrix as a set of « voter row, item, value » (rows in account order in both reads). */
const cells = (m: VoteMatrix) => Array.from(m.row, (r, e) => `${r}:${m.col[e]}:${m.value[e]}`).sort();

async function freshRead(billId: string): Promise<{ keys: string[]; cells: string[]; voters: number }> {
  const v = await loadOpinionVotes(app.testDb.db, billId);
  const m = parsePackedVotes(v.packed, v.itemKeys.length);
  return { keys: v.itemKeys, cells: cells(m), voters: m.voters };
}

test('the patched matrix equals a fresh read after votes, re-votes, withdrawals, masking, publication and account deletion', async () => {
  const db = app.testDb.db;
  const bill = await createBill(app, admin, { status: 'consultation' });
  const author = await createUser(app);
  const amend = async (i: number, submit = true) => {
    const res = await app.http.post(`/api/articles/${bill.articles[0]!.id}/amendments`).set(auth(author)).send({
      kind: 'modify', alineas: [`Les administrations communiquent leurs documents sous ${i + 2} jours.`], rationale: `Motif ${i}.`, submit,
    });
    expect(res.status).toBe(201);
    return res.body.amendment.id as string;
  };
  const ams: string[] = [];
  for (let i = 0; i < 8; i++) ams.push(await amend(i));
  const voters: TestUser[] = [];
  for (let i = 0; i < 30; i++) voters.push(await createUser(app));
  const random = seeded(7);
  const values = ['for', 'mitigated', 'against'] as const;
  const cast = (u: TestUser, a: string) => db.query('SELECT cast_vote($1, $2, $3, $4)', ['amendment', a, u.id, values[Math.floor(random() * 3)]]);
  for (const u of voters.slice(0, 20)) for (const a of ams) if (random() < 0.6) await cast(u, a);

  const cache = new OpinionVoteCache();
  const expectSame = async (kind: 'full' | 'patch') => {
    const got = await cache.matrix(db, bill.id);
    const want = await freshRead(bill.id);
    expect(got.kind).toBe(kind);
    expect(got.itemKeys).toEqual(want.keys);
    expect(got.matrix.voters).toBe(want.voters);
    expect(cells(got.matrix)).toEqual(want.cells);
    // and the same as a cache that reads everything
    const whole = await new OpinionVoteCache().matrix(db, bill.id);
    expect(Array.from(got.matrix.row)).toEqual(Array.from(whole.matrix.row));
    expect(Array.from(got.matrix.value)).toEqual(Array.from(whole.matrix.value));
    return got;
  };
  await expectSame('full');

  // new votes, re-votes, new voters (whose account ids sort anywhere among the others)
  for (let i = 0; i < 15; i++) await cast(voters[Math.floor(random() * voters.length)]!, ams[Math.floor(random() * ams.length)]!);
  let patched = await expectSame('patch');
  // the items are the same: only the votes that changed are read, not every vote on their items
  expect(patched.votesRead).toBeLessThanOrEqual(15);
  // a vote changed by a writer other than cast_vote is found too (migration 034 keeps updated_at)
  await db.query("UPDATE votes SET value = CASE value WHEN 'for' THEN 'against' ELSE 'for' END WHERE target_type = 'amendment' AND target_id = $1 AND user_id = $2", [ams[5], voters[1]!.id]);
  await db.query("INSERT INTO votes (target_type, target_id, user_id, value, updated_at) VALUES ('amendment', $1, $2, 'for', now() - interval '1 day') ON CONFLICT DO NOTHING", [ams[6], voters[27]!.id]);
  patched = await expectSame('patch');
  expect(patched.votesRead).toBeLessThanOrEqual(2);
  // a withdrawn vote
  await db.query("DELETE FROM votes WHERE target_type = 'amendment' AND target_id = $1 AND user_id = $2", [ams[0], voters[0]!.id]);
  await db.query("DELETE FROM votes WHERE target_type = 'amendment' AND target_id = $1", [ams[1]]);
  await expectSame('patch');
  // an amendment masked drops out; a new one published comes in with its votes
  await db.query("UPDATE amendments SET hidden_reason = 'hors sujet' WHERE id = $1", [ams[2]]);
  const late = await amend(9);
  for (const u of voters.slice(20)) await cast(u, late);
  patched = await expectSame('patch');
  expect(patched.itemKeys).not.toContain(`amendment:${ams[2]}`);
  await db.query('UPDATE amendments SET hidden_reason = NULL WHERE id = $1', [ams[2]]);
  await expectSame('patch');
  // nothing changed: nothing read
  expect((await expectSame('patch')).votesRead).toBe(0);

  // a vote event whose id is below one already read (its transaction committed later)
  await db.transaction(async (slow) => {
    await slow.query('SELECT cast_vote($1, $2, $3, $4)', ['amendment', ams[3], voters[25]!.id, 'for']);
    await cast(voters[26]!, ams[4]!);
    await expectSame('patch');
  });
  await expectSame('patch');

  // an account deleted: its votes move to placeholder accounts without an event → read whole again
  await db.query('SELECT detach_votes($1)', [voters[3]!.id]);
  await expectSame('full');
});

test('the scheduler path: a first computation reads everything, the next ones only the changed items, and keep k', async () => {
  const db = app.testDb.db;
  const bill = await createBill(app, admin, { status: 'consultation' });
  const author = await createUser(app);
  const ams: string[] = [];
  for (let i = 0; i < 12; i++) {
    const res = await app.http.post(`/api/articles/${bill.articles[0]!.id}/amendments`).set(auth(author)).send({
      kind: 'modify', alineas: [`Les documents sont communiqués sous ${i + 2} jours.`], rationale: `Motif ${i}.`, submit: true,
    });
    ams.push(res.body.amendment.id as string);
  }
  const random = seeded(3);
  const people: TestUser[] = [];
  for (let i = 0; i < 60; i++) people.push(await createUser(app));
  for (const [i, u] of people.entries()) {
    for (const [j, a] of ams.entries()) {
      if (random() < 0.3) continue;
      const likes = (i % 2 === 0) === (j % 2 === 0) ? 0.9 : 0.1;
      await db.query('SELECT cast_vote($1, $2, $3, $4)', ['amendment', a, u.id, random() < likes ? 'for' : 'against']);
    }
  }
  const cache = new OpinionVoteCache();
  const first = await computeOpinionGroupsOf(db, bill.id, cache);
  expect(first.read).toBe('full');
  expect(first.kSearch).toBe('all');
  expect(first.groups).toBe(2);
  await db.query('SELECT cast_vote($1, $2, $3, $4)', ['amendment', ams[0], people[1]!.id, 'for']);
  const second = await computeOpinionGroupsOf(db, bill.id, cache);
  expect(second.read).toBe('patch');
  expect(second.votesRead).toBeLessThan(60);
  expect(second.kSearch).toBe('kept');
  expect(second.groups).toBe(2);
  const stored = (await db.query<{ k: number }>('SELECT k FROM opinion_maps WHERE bill_id = $1', [bill.id])).rows[0]!;
  expect(stored.k).toBe(2);
});

test('a recomputation writes only the item rows whose scores changed, and everything again after another process stored', async () => {
  const db = app.testDb.db;
  const bill = await createBill(app, admin, { status: 'consultation' });
  const author = await createUser(app);
  const ams: string[] = [];
  for (let i = 0; i < 30; i++) {
    const res = await app.http.post(`/api/articles/${bill.articles[0]!.id}/amendments`).set(auth(author)).send({
      kind: 'modify', alineas: [`Les pièces sont transmises sous ${i + 2} jours.`], rationale: `Motif ${i}.`, submit: true,
    });
    ams.push(res.body.amendment.id as string);
  }
  const random = seeded(11);
  const people: TestUser[] = [];
  for (let i = 0; i < 60; i++) people.push(await createUser(app));
  for (const [i, u] of people.entries()) {
    for (const [j, a] of ams.entries()) {
      if (random() < 0.6) continue;
      const likes = (i % 2 === 0) === (j % 2 === 0) ? 0.9 : 0.1;
      await db.query('SELECT cast_vote($1, $2, $3, $4)', ['amendment', a, u.id, random() < likes ? 'for' : 'against']);
    }
  }
  /** The stored rows, as the store serialises them, by item key. */
  const storedRows = async () => {
    const map = (await db.query<{ groups: { id: string }[] }>('SELECT groups FROM opinion_maps WHERE bill_id = $1', [bill.id])).rows[0]!;
    const rows = (await db.query<{ target_type: string; target_id: string; bridging: number | null; support: Record<string, number | null>; votes: Record<string, number> }>(
      'SELECT target_type, target_id, bridging, support, votes FROM opinion_item_scores WHERE bill_id = $1', [bill.id])).rows;
    return new Map(rows.map((r) => {
      const s = Object.fromEntries(map.groups.map((g) => [g.id, r.support[g.id] ?? null]));
      const n = Object.fromEntries(map.groups.map((g) => [g.id, r.votes[g.id] ?? 0]));
      return [`${r.target_type}:${r.target_id}`, JSON.stringify({ t: r.target_type, id: r.target_id, b: r.bridging, s, n })];
    }));
  };
  const cache = new OpinionVoteCache();
  const first = await computeOpinionGroupsOf(db, bill.id, cache);
  expect(first.rowsWritten).toBe(ams.length);
  expect(await storedRows()).toEqual(cache.savedScores(bill.id)!.rows);

  // one changed vote: its item's row, and those of items whose counts moved with the voter's group
  const before = await storedRows();
  await db.query('SELECT cast_vote($1, $2, $3, $4)', ['amendment', ams[0], people[1]!.id, 'for']);
  const second = await computeOpinionGroupsOf(db, bill.id, cache);
  expect(second.read).toBe('patch');
  const now = await storedRows();
  expect(now).toEqual(cache.savedScores(bill.id)!.rows);
  const differ = [...now].filter(([key, row]) => before.get(key) !== row).length;
  expect(second.rowsWritten).toBe(differ);
  expect(second.rowsWritten).toBeGreaterThan(0);
  expect(second.rowsWritten).toBeLessThan(ams.length);

  // an amendment masked: its row goes
  await db.query("UPDATE amendments SET hidden_reason = 'hors sujet' WHERE id = $1", [ams[29]]);
  await db.query('SELECT cast_vote($1, $2, $3, $4)', ['amendment', ams[2], people[2]!.id, 'against']);
  await computeOpinionGroupsOf(db, bill.id, cache);
  const afterMask = await storedRows();
  expect(afterMask.has(`amendment:${ams[29]}`)).toBe(false);
  expect(afterMask).toEqual(cache.savedScores(bill.id)!.rows);

  // another process stores a map meanwhile: this one's next store writes every row again
  await db.query('SELECT cast_vote($1, $2, $3, $4)', ['amendment', ams[3], people[3]!.id, 'for']);
  await computeOpinionGroupsOf(db, bill.id, new OpinionVoteCache());
  await db.query('SELECT cast_vote($1, $2, $3, $4)', ['amendment', ams[4], people[4]!.id, 'for']);
  const after = await computeOpinionGroupsOf(db, bill.id, cache);
  expect(after.rowsWritten).toBe(ams.length - 1);
  expect(await storedRows()).toEqual(cache.savedScores(bill.id)!.rows);
});


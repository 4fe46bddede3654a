import pino from 'pino';
import { computeOpinionGroupsOf } from '../../server/commands/compute-opinion-groups';
import { OpinionScheduler } from '../../server/opinion-scheduler';
import { claimOpinionComputation, releaseOpinionComputation } from '../../server/sql/opinions';
import { auth, createBill, createUser, startTestApp, createAdmin, type TestApp, type TestUser } from '../helpers/app';
import { seeded } from '../helpers/electorate';
import { frenchLooking } from '../helpers/i18n-html';

/**
 * Issue 18 › opinion groups and the bridging ranking, end to end: votes through the API, the
 * computation in the compute pool, the stored map read by the API, the ranking and the pages.
 */
jest.setTimeout(180_000);

let app: TestApp;
let admin: TestUser;
beforeAll(async () => {
  // a quick scheduler, so that one test can watch it pick up votes by itself
  app = await startTestApp({ opinions: { pollMs: 150, quietMs: 300, maxWaitMs: 3_000 } });
  admin = await createAdmin(app);
});
afterAll(async () => {
  await app?.close();
});

type Bill = Awaited<ReturnType<typeof createBill>>;

async function amend(bill: Bill, user: TestUser, i: number): Promise<string> {
  const res = await app.http.post(`/api/articles/${bill.articles[0]!.id}/amendments`).set(auth(user)).send({
    kind: 'modify', alineas: [`Les administrations communiquent leurs documents sous ${i + 2} jours.`, 'Elles les publient en ligne.'], rationale: `Motif ${i}.`, submit: true,
  });
  expect(res.status).toBe(201);
  return res.body.amendment.id;
}

/** Runs the calls `limit` at a time. */
async function inBatches<T>(jobs: (() => Promise<T>)[], limit = 8): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < jobs.length; i += limit) out.push(...(await Promise.all(jobs.slice(i, i + limit).map((j) => j()))));
  return out;
}

const vote = (user: TestUser, amendmentId: string, value: 'for' | 'mitigated' | 'against') => () =>
  app.http.put(`/api/amendments/${amendmentId}/vote`).set(auth(user)).send({ value }).then((r) => expect(r.status).toBe(200));

const users = (n: number) => inBatches(Array.from({ length: n }, () => () => createUser(app)), 16);

const ranking = async (billId: string, sort: string) =>
  ((await app.http.get(`/api/bills/${billId}/amendments?sort=${sort}&limit=200`).expect(200)).body.amendments as { id: string }[]).map((a) => a.id);

describe('opinion groups', () => {
  let bill: Bill;
  let ams: string[];
  let left: TestUser[];
  let right: TestUser[];
  let campaign: TestUser[];
  const CAMPAIGN = [7, 8, 9];

  beforeAll(async () => {
    bill = await createBill(app, admin, { status: 'consultation' });
    const author = await createUser(app);
    ams = [];
    for (let i = 0; i < 10; i++) ams.push(await amend(bill, author, i));
    left = await users(60);
    right = await users(40);
    // two camps: a0 pleases both (90 %); a1–a4 please the left, a5–a8 the right; a9 pleases neither much
    const random = seeded(42);
    const jobs: (() => Promise<void>)[] = [];
    const camp = (members: TestUser[], likes: (j: number) => number) => {
      for (const u of members) {
        for (let j = 0; j < 10; j++) {
          if (random() > 0.85) continue; // missing votes
          const r = random();
          jobs.push(vote(u, ams[j]!, r < 0.05 ? 'mitigated' : random() < likes(j) ? 'for' : 'against'));
        }
      }
    };
    camp(left, (j) => (j === 0 ? 0.9 : j <= 4 ? 0.9 : j <= 8 ? 0.1 : 0.2));
    camp(right, (j) => (j === 0 ? 0.9 : j <= 4 ? 0.1 : j <= 8 ? 0.9 : 0.25));
    await inBatches(jobs);
  });

  test('two camps are found; the API gives each amendment its support per group and its bridging score', async () => {
    const run = await computeOpinionGroupsOf(app.testDb.db, bill.id);
    expect(run.stored).toBe(true);
    const res = await app.http.get(`/api/bills/${bill.id}/opinion-groups`).expect(200);
    const groups = res.body.groups as { id: string; size: number }[];
    expect(groups.map((g) => g.size).sort((a, b) => b - a)).toEqual([60, 40]);
    expect(res.body.items).toHaveLength(10);
    const item = res.body.items.find((i: { id: string }) => i.id === ams[0]);
    expect(item.type).toBe('amendment');
    expect(Object.keys(item.support).sort()).toEqual(groups.map((g) => g.id).sort());
    for (const share of Object.values(item.support) as number[]) expect(share).toBeGreaterThan(0.7);
    expect(item.bridging).toBeGreaterThan(0.7);
    // what characterises the larger group (the left): it supports some of a1–a4, rejects some of a5–a8
    const a = res.body.groups.find((g: { size: number }) => g.size === 60);
    expect(a.supports.map((s: { id: string }) => ams.indexOf(s.id)).every((j: number) => j >= 0 && j <= 4)).toBe(true);
    expect(a.rejects.map((s: { id: string }) => ams.indexOf(s.id)).every((j: number) => j >= 5)).toBe(true);
    expect(await ranking(bill.id, 'bridging')).toHaveLength(10);
    expect((await ranking(bill.id, 'bridging'))[0]).toBe(ams[0]);
    // the page with its map, in English: the picture's name and description too (issue 16 › 5)
    const en = (await app.http.get(`/textes/${bill.id}/opinions`).set('Cookie', 'lang=en').expect(200)).text;
    expect(en).toContain('<title id="carte-titre">Map of the opinion groups</title>');
    expect(en).toMatch(/<desc id="carte-desc">group \w+, (60|40) voters; group \w+, (60|40) voters\. The closer/);
    expect(frenchLooking(en)).toEqual([]);
  });

  test('a campaign of 500 identical accounts forms its own group: it lifts its amendments in the support ranking, not in bridging', async () => {
    const supportBefore = await ranking(bill.id, 'support');
    expect(supportBefore[0]).toBe(ams[0]);
    campaign = await users(500);
    await inBatches(campaign.flatMap((u) => CAMPAIGN.map((j) => vote(u, ams[j]!, 'for'))), 16);
    await computeOpinionGroupsOf(app.testDb.db, bill.id);

    const res = await app.http.get(`/api/bills/${bill.id}/opinion-groups`).expect(200);
    const sizes = (res.body.groups as { size: number }[]).map((g) => g.size);
    // its own group: the 500 identical accounts, and at most a few camp voters who happen to vote like them
    const own = sizes.find((s) => s >= 500)!;
    expect(own).toBeLessThanOrEqual(515);
    expect(sizes.filter((s) => s !== own).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(85);

    const support = await ranking(bill.id, 'support');
    const bridging = await ranking(bill.id, 'bridging');
    // support: the campaign's amendments now lead
    expect(CAMPAIGN.map((j) => ams[j])).toContain(support[0]);
    expect(support.slice(0, 3).sort()).toEqual(CAMPAIGN.map((j) => ams[j]!).sort());
    // bridging: the consensus amendment stays first; none of the campaign's is at the top
    expect(bridging[0]).toBe(ams[0]);
    for (const j of CAMPAIGN) expect(bridging.indexOf(ams[j]!)).toBeGreaterThan(0);
    const byId = new Map((res.body.items as { id: string; bridging: number }[]).map((i) => [i.id, i.bridging]));
    for (const j of CAMPAIGN) expect(byId.get(ams[j]!)!).toBeLessThan(byId.get(ams[0]!)!);
  });

  test('privacy: nothing published names a voter; a voter sees their own group only', async () => {
    const res = await app.http.get(`/api/bills/${bill.id}/opinion-groups`).expect(200);
    const published = JSON.stringify(res.body);
    for (const u of [...left.slice(0, 20), ...right.slice(0, 20), ...campaign.slice(0, 20)]) {
      expect(published).not.toContain(u.id);
      expect(published).not.toContain(u.displayName);
    }
    // the stored computation does not name anyone either
    const stored = JSON.stringify((await app.testDb.db.query('SELECT * FROM opinion_maps m LEFT JOIN opinion_item_scores s USING (bill_id)')).rows);
    for (const u of [...left, ...right, ...campaign.slice(0, 50)]) expect(stored).not.toContain(u.id);
    // no group under 10 is shown
    for (const g of res.body.groups) expect(g.size).toBeGreaterThanOrEqual(10);

    const mine = await app.http.get(`/api/bills/${bill.id}/opinion-groups/mine`).set(auth(campaign[0]!)).expect(200);
    const campaignGroup = res.body.groups.find((g: { size: number }) => g.size >= 500).id;
    expect(mine.body).toEqual({ group: campaignGroup });
    expect(mine.headers['cache-control']).toBe('private, no-store');
    // a left voter with enough votes lands in another group than the campaign
    const leftMine = await app.http.get(`/api/bills/${bill.id}/opinion-groups/mine`).set(auth(left[0]!)).expect(200);
    expect(leftMine.body.group).not.toBe(campaignGroup);
    // anonymous: 401; there is no way to ask for someone else's group
    expect((await app.http.get(`/api/bills/${bill.id}/opinion-groups/mine`)).status).toBe(401);
    const stranger = await createUser(app);
    expect((await app.http.get(`/api/bills/${bill.id}/opinion-groups/mine`).set(auth(stranger)).expect(200)).body).toEqual({ group: null, reason: 'too_few_votes' });
    // the open-data votes export (if any) and the user's public profile carry no group
    const profile = await app.http.get(`/api/users/${left[0]!.id}`);
    expect(JSON.stringify(profile.body)).not.toMatch(/opinion|groupe d’opinion/i);
  });

  test('parliamentary amendments and masked contributions are not part of the map', async () => {
    const res = await app.http.get(`/api/bills/${bill.id}/opinion-groups`).expect(200);
    const ids = new Set((res.body.items as { id: string }[]).map((i) => i.id));
    expect(ids.size).toBe(10);
    // masking an amendment takes it off the map at once
    const masked = ams[9]!;
    await app.testDb.db.query("UPDATE amendments SET hidden_reason = 'test' WHERE id = $1", [masked]);
    const after = await app.http.get(`/api/bills/${bill.id}/opinion-groups`).expect(200);
    expect((after.body.items as { id: string }[]).map((i) => i.id)).not.toContain(masked);
    await app.testDb.db.query('UPDATE amendments SET hidden_reason = NULL WHERE id = $1', [masked]);
  });

  test('the scheduler recomputes by itself after votes change (debounced)', async () => {
    const before = (await app.http.get(`/api/bills/${bill.id}/opinion-groups`).expect(200)).body.computedAt as string;
    await new Promise((r) => setTimeout(r, 20));
    await vote(left[1]!, ams[9]!, 'mitigated')();
    let computedAt = before;
    for (let i = 0; i < 100 && computedAt === before; i++) {
      await new Promise((r) => setTimeout(r, 100));
      computedAt = (await app.http.get(`/api/bills/${bill.id}/opinion-groups`).expect(200)).body.computedAt;
    }
    expect(computedAt).not.toBe(before);
  });

  test('several processes: each change is computed once, by the process that claims it; a map that includes it is not computed again', async () => {
    // two more schedulers on the same database stand for two more processes
    const quick = { pollMs: 100, quietMs: 200, maxWaitMs: 2_000 };
    const others = [new OpinionScheduler(app.testDb.db, pino({ level: 'silent' }), quick), new OpinionScheduler(app.testDb.db, pino({ level: 'silent' }), quick)];
    const all = [app.opinions!, ...others];
    try {
      for (const s of others) await s.tick(); // their first look: the stored map is current, nothing to do
      const computed = () => all.reduce((n, s) => n + s.counts.computed, 0);
      const before = computed();
      const at = (await app.http.get(`/api/bills/${bill.id}/opinion-groups`).expect(200)).body.computedAt as string;
      for (const s of others) s.start();
      await vote(left[2]!, ams[8]!, 'mitigated')();
      let computedAt = at;
      for (let i = 0; i < 100 && computedAt === at; i++) {
        await new Promise((r) => setTimeout(r, 100));
        computedAt = (await app.http.get(`/api/bills/${bill.id}/opinion-groups`).expect(200)).body.computedAt;
      }
      expect(computedAt).not.toBe(at);
      // every scheduler has had time to look at the change (its quiet delay, a few polls)
      await new Promise((r) => setTimeout(r, 1_500));
      expect(computed() - before).toBe(1);
      expect(all.reduce((n, s) => n + s.counts.skipped, 0)).toBeGreaterThanOrEqual(2);
      expect((await app.http.get(`/api/bills/${bill.id}/opinion-groups`).expect(200)).body.computedAt).toBe(computedAt);
    } finally {
      await Promise.all(others.map((s) => s.stop()));
    }
  });

  test('a claim that overran its lease does not free the next holder’s', async () => {
    const billId = '00000000-0000-4000-8000-0000000000aa';
    const first = await claimOpinionComputation(app.testDb.db, billId, 60_000);
    expect(first).not.toBeNull();
    expect(await claimOpinionComputation(app.testDb.db, billId, 60_000)).toBeNull(); // held
    // the first holder overran its lease: another process claims the bill
    await app.testDb.db.query("UPDATE scheduled_jobs SET last_run = now() - interval '2 minutes' WHERE name = $1", [`opinions:${billId}`]);
    const second = await claimOpinionComputation(app.testDb.db, billId, 60_000);
    expect(second).not.toBeNull();
    await releaseOpinionComputation(app.testDb.db, billId, first!); // late: changes nothing
    expect(await claimOpinionComputation(app.testDb.db, billId, 60_000)).toBeNull();
    await releaseOpinionComputation(app.testDb.db, billId, second!);
    expect(await claimOpinionComputation(app.testDb.db, billId, 60_000)).not.toBeNull();
  });

  test('bad input: a malformed bill id is 400, an unknown bill 404, an unknown sort falls back', async () => {
    expect([400, 404]).toContain((await app.http.get('/api/bills/nope/opinion-groups')).status);
    expect((await app.http.get('/api/bills/00000000-0000-4000-8000-000000000000/opinion-groups')).status).toBe(404);
    expect((await app.http.get(`/api/bills/${bill.id}/amendments?sort=popularity`)).status).toBe(400);
    const docs = (await app.http.get('/api/ranking').expect(200)).body.rankings as { id: string; fr: { formula: string } }[];
    expect(docs.find((d) => d.id === 'bridging')!.fr.formula).toContain('moyenne géométrique');
  });
});

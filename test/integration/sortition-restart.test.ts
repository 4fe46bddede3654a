import pino from 'pino';
import { SORTITION_LEASE } from '../../shared/limits';
import { resumeComputations } from '../../server/commands/sortition-compute';
import { createServer } from '../../server/http-server';
import { auth, createBill, createUser, testConfig, useTestApp } from '../helpers/app';

/** docs/sortition.md › Calcul interrompu: a lottery left « computing » by a server that stopped is taken over, or failed with the reason. */
jest.setTimeout(240_000);
const t = useTestApp();

const STRATA = [{ name: 'Sexe', source: 'INSEE 2024', categories: [{ value: 'Femme', share: 0.5 }, { value: 'Homme', share: 0.5 }] }];

/** The lottery without its timings: what must come out the same. */
const published = (lottery: unknown) => {
  const { stats: _stats, ...rest } = lottery as Record<string, unknown>;
  return rest;
};

async function statusOf(billId: string): Promise<Record<string, unknown>> {
  return (await t.app.http.get(`/api/bills/${billId}/sortition`).expect(200)).body as Record<string, unknown>;
}

async function waitFor(billId: string, status: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 600; i++) {
    const file = await statusOf(billId);
    if (file.status === status) return file;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the sortition did not reach « ${status} » in time`);
}

/** What a server that stopped in the middle of the computation leaves behind. */
async function interrupt(billId: string, opts: { attempts: number; silentFor: string; owner?: string }): Promise<void> {
  await t.app.testDb.db.query(
    `UPDATE sortitions SET status = 'computing', distribution = NULL, computed_at = NULL,
       progress = '{"phase":"decomposition","round":30,"fixed":2,"profiles":2,"panels":12,"level":0.9,"attempt":1}'::jsonb,
       compute_owner = $2, compute_heartbeat = now() - $3::interval, compute_attempts = $4 WHERE bill_id = $1`,
    [billId, opts.owner ?? 'processus-arrêté', opts.silentFor, opts.attempts],
  );
}

describe('a lottery interrupted by a server restart', () => {
  let billId: string;
  let lottery: unknown;

  beforeAll(async () => {
    billId = (await createBill(t.app, t.admin, { status: 'consultation' })).id;
    await t.app.http.put(`/api/bills/${billId}/sortition`).set(auth(t.admin)).send({ seats: 4, strata: STRATA }).expect(200);
    for (let i = 0; i < 9; i++) {
      const u = await createUser(t.app);
      await t.app.http.post(`/api/bills/${billId}/sortition/volunteers`).set(auth(u)).send({ answers: { Sexe: i % 3 ? 'Femme' : 'Homme' } }).expect(201);
    }
    await t.app.http.post(`/api/bills/${billId}/sortition/commit`).set(auth(t.admin)).send({}).expect(200);
    lottery = (await waitFor(billId, 'ready')).lottery;
  });

  test('the page says the computation went silent, refreshes itself, and offers the admin to relaunch it', async () => {
    await interrupt(billId, { attempts: 1, silentFor: '10 minutes' });
    const visitor = await t.app.http.get(`/textes/${billId}/tirage`).expect(200);
    expect(visitor.text).toContain(`<body data-auto-refresh="5" data-refresh-url="/textes/${billId}/tirage">`);
    expect(visitor.text).toContain('data-stalled');
    expect(visitor.text).toContain('tour 30');
    expect(visitor.text).not.toContain('Relancer le calcul');
    const admin = await t.app.http.get(`/textes/${billId}/tirage`).set(auth(t.admin)).expect(200);
    expect(admin.text).toContain('Relancer le calcul');
    const still = await t.app.http.get(`/textes/${billId}/tirage?actualisation=non`).expect(200);
    expect(still.text).not.toContain('http-equiv="refresh"');
  });

  test('a server that starts takes the computation over and publishes the same lottery', async () => {
    // the restart: another server on the same database (its start sweeps for silent computations)
    const restarted = createServer(testConfig({ databaseUrl: t.app.testDb.url }), { db: t.app.testDb.db, logger: pino({ level: 'silent' }) });
    try {
      const file = await waitFor(billId, 'ready');
      expect(published(file.lottery)).toEqual(published(lottery));
      expect(file.failure).toBeNull();
      const history = await t.app.http.get(`/api/bills/${billId}/history`).expect(200);
      const computed = (history.body.events as { type: string; data: { attempt?: number } }[]).filter((e) => e.type === 'sortition.computed');
      expect(computed.map((e) => e.data.attempt)).toContain(2);
      const page = await t.app.http.get(`/textes/${billId}/tirage`).expect(200);
      expect(page.text).not.toContain('http-equiv="refresh"');
    } finally {
      await restarted.close();
    }
  });

  test('a computation another live process holds is left alone, and the admin cannot relaunch it twice', async () => {
    await interrupt(billId, { attempts: 1, silentFor: '1 second', owner: 'processus-vivant' });
    expect(await resumeComputations({ db: t.app.testDb.db, baseUrl: () => t.app.url })).toEqual([]);
    expect((await statusOf(billId)).status).toBe('computing');
    await t.app.http.post(`/api/bills/${billId}/sortition/compute`).set(auth(t.admin)).expect(409);
  });

  test('after too many interruptions the lottery is failed with the reason; the admin relaunches it', async () => {
    await interrupt(billId, { attempts: SORTITION_LEASE.attempts, silentFor: '10 minutes' });
    expect(await resumeComputations({ db: t.app.testDb.db, baseUrl: () => t.app.url })).toEqual([billId]);
    const failed = await statusOf(billId);
    expect(failed.status).toBe('failed');
    expect(failed.failure).toMatch(/interrompu 3 fois/);
    const page = await t.app.http.get(`/textes/${billId}/tirage`).set(auth(t.admin)).expect(200);
    expect(page.text).toContain('Relancer le calcul');
    expect(page.text).toContain('interrompu 3 fois');
    await t.app.http.post(`/api/bills/${billId}/sortition/compute`).set(auth(t.admin)).expect(202);
    const file = await waitFor(billId, 'ready');
    expect(published(file.lottery)).toEqual(published(lottery));
  });
});

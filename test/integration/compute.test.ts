import { TEXT_LIMITS } from '../../shared/limits';
import { compute, ComputePool } from '../../server/compute';
import { AppError } from '../../server/http/errors';
import { startTestApp, type TestApp } from '../helpers/app';

/**
 * Issue 11 › CPU-heavy work off the event loop, bounded: one anonymous request used to freeze
 * every other client while the dispositif engine ran on the event loop.
 */
const words = (alinea: number, n: number, shift: (i: number) => number) =>
  Array.from({ length: n }, (_, i) => `m${alinea}x${shift(i)}`).join(' ');
/** The largest accepted texts: 5 alinéas of 20,000 characters, every third word changed. */
const BEFORE = Array.from({ length: 5 }, (_, k) => words(k, 2400, (i) => i));
const AFTER = Array.from({ length: 5 }, (_, k) => words(k, 2400, (i) => (i % 3 ? i : i + 1)));
const SENTENCE = 'Au premier alinéa, le mot « m0x1 » est remplacé par le mot « code ». ';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

describe('compute endpoints', () => {
  test('heavy legistics requests run off the event loop: /healthz answers while they compute', async () => {
    // each apply works some 300 ms; on the event loop, six of them held every other client ~2 s
    const dispositif = SENTENCE.repeat(Math.floor(TEXT_LIMITS.dispositifChars / SENTENCE.length));
    const done: string[] = [];
    const heavy = Array.from({ length: 6 }, (_, i) =>
      app.http.post('/api/legistique/apply').send({ alineas: BEFORE, dispositif: i === 0 ? dispositif : dispositif + ' '.repeat(i) })
        .then((r) => { done.push(`apply ${r.status}`); return r; }));
    await new Promise((r) => setTimeout(r, 50));
    const health = await app.http.get('/healthz').then((r) => { done.push(`healthz ${r.status}`); return r; });
    const results = await Promise.all(heavy);
    expect(health.status).toBe(200);
    // the innocent request was answered before the heavy ones were all done
    expect(done.indexOf('healthz 200')).toBeLessThan(done.length - 1);
    // 200 or 422 (too complex); past the public queue (four per thread), 503 busy at once
    for (const r of results) expect([200, 422, 503]).toContain(r.status);
  });

  test('the same dispositif computed twice is served from the cache', async () => {
    const body = { before: { alineas: BEFORE }, after: { alineas: AFTER } };
    const first = await app.http.post('/api/legistique/dispositif').send(body).expect(200);
    const { hits, dispatched } = compute().stats;
    const again = await app.http.post('/api/legistique/dispositif').send(body).expect(200);
    expect(again.body.dispositif).toBe(first.body.dispositif);
    expect(compute().stats).toMatchObject({ hits: hits + 1, dispatched });
    expect(String(first.body.dispositif).startsWith('Rédiger ainsi cet article')).toBe(true);
  });

  test('inputs past the documented limits are refused at once with a clear message', async () => {
    const alinea = 'x'.repeat(TEXT_LIMITS.alineaChars);
    // 6 alinéas of 20,000 characters: each is accepted, together they pass the 100,000 of a text
    const tooMuch = await app.http.post('/api/legistique/dispositif').send({ before: { alineas: Array(6).fill(alinea) }, after: { alineas: ['a'] } });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error.code).toBe('validation_failed');
    expect(JSON.stringify(tooMuch.body.error.details)).toMatch(/100.000 caractères/);
    const longAlinea = await app.http.post('/api/legistique/apply').send({ alineas: ['x'.repeat(TEXT_LIMITS.alineaChars + 1)], dispositif: 'Supprimer cet article.' });
    expect(longAlinea.status).toBe(400);
    const longDispositif = await app.http.post('/api/legistique/apply').send({ alineas: ['a'], dispositif: 'x'.repeat(TEXT_LIMITS.dispositifChars + 1) });
    expect(longDispositif.status).toBe(400);
    const body = await app.http.post('/api/legistique/apply').set('Content-Type', 'application/json').send(`{"alineas":["a"],"dispositif":"${'x'.repeat(1_100_000)}"}`);
    expect(body.status).toBe(413);
    expect(body.body.error.code).toBe('payload_too_large');
  });
});

describe('the compute pool', () => {
  test('past its time budget a computation is stopped: 422 too_complex for legistics, the pool goes on', async () => {
    const pool = new ComputePool({ threads: 1 });
    try {
      const err = await pool.run('generateDispositif', { before: BEFORE, after: AFTER }, { budgetMs: 5, cache: false }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('unprocessable');
      expect((err as AppError).details).toMatchObject({ reason: 'too_complex' });
      // the worker was replaced: the next task runs
      expect(await pool.run('applyDispositif', { alineas: ['Le mot est là.', 'Deux.'], dispositif: 'Supprimer l’alinéa 2.' }, { cache: false }))
        .toEqual({ ok: true, alineas: ['Le mot est là.'] });
    } finally {
      await pool.close();
    }
  });

  test('a full queue answers 503 busy at once instead of piling work up', async () => {
    const pool = new ComputePool({ threads: 1, maxQueue: 1 });
    try {
      const runs = Array.from({ length: 6 }, (_, i) =>
        pool.run('generateDispositif', { before: BEFORE, after: AFTER.map((a) => a + ' '.repeat(i)) }, { cache: false }).then(() => 'ok', (e: unknown) => e));
      const outcomes = await Promise.all(runs);
      const busy = outcomes.filter((o) => o instanceof AppError && o.code === 'busy');
      expect(busy.length).toBeGreaterThanOrEqual(3);
      expect(outcomes.filter((o) => o === 'ok').length).toBeGreaterThanOrEqual(1);
    } finally {
      await pool.close();
    }
  });

  test('a refusal for being too complex is remembered: the same input is refused at once, without a worker', async () => {
    const pool = new ComputePool({ threads: 1 });
    try {
      const input = { before: BEFORE, after: AFTER };
      await expect(pool.run('generateDispositif', input, { budgetMs: 5 })).rejects.toMatchObject({ code: 'unprocessable' });
      const dispatched = pool.stats.dispatched;
      await expect(pool.run('generateDispositif', input)).rejects.toMatchObject({ code: 'unprocessable', details: { reason: 'too_complex' } });
      expect(pool.stats.dispatched).toBe(dispatched);
    } finally {
      await pool.close();
    }
  });

  test('public requests wait behind the platform’s own work and have a shorter queue', async () => {
    const pool = new ComputePool({ threads: 1 });
    try {
      const order: string[] = [];
      const big = (i: number) => ({ before: BEFORE, after: AFTER.map((a) => a + ' '.repeat(i)) });
      const first = pool.run('generateDispositif', big(0), { cache: false }).then(() => order.push('first'));
      // five public requests queue (four are accepted per thread, the fifth is refused at once)…
      const pub = Array.from({ length: 5 }, (_, i) => pool.run('generateDispositif', big(i + 1), { cache: false, lane: 'public' })
        .then(() => order.push(`public ${i}`), (e: AppError) => order.push(`public ${i} ${e.code}`)));
      // …then the platform's own task arrives: it runs before the waiting public ones
      const platform = pool.run('diffTexts', { before: BEFORE, after: AFTER }, { cache: false }).then(() => order.push('platform'));
      await Promise.all([first, platform, ...pub]);
      expect(order[0]).toBe('public 4 busy');
      expect(order.slice(1, 3)).toEqual(['first', 'platform']);
      expect(order.slice(3).sort()).toEqual(['public 0', 'public 1', 'public 2', 'public 3']);
    } finally {
      await pool.close();
    }
  });

  test('background work runs on a thread of its own at the lowest priority, one task at a time, even while the requests’ threads are taken', async () => {
    const pool = new ComputePool({ threads: 1 });
    try {
      // a request's task holds the only request thread: background work does not wait for it
      const request = pool.run('generateDispositif', { before: BEFORE, after: AFTER }, { cache: false });
      const order: string[] = [];
      const bg = [0, 1].map((i) => pool.run('diffTexts', { before: BEFORE, after: AFTER.map((a) => a + ' '.repeat(i)) }, { cache: false, lane: 'background' }).then(() => order.push(`background ${i}`)));
      await Promise.all([request.then(() => order.push('request')), ...bg]);
      expect(order.filter((o) => o.startsWith('background'))).toEqual(['background 0', 'background 1']);
      if (process.platform === 'linux') {
        expect(await pool.backgroundNice()).toBe(19);
        expect(await pool.run('threadNice', undefined, { cache: false })).toBe(0);
      }
    } finally {
      await pool.close();
    }
  });

  test('many tiny alinéas are not inline work: they go to a worker', async () => {
    const pool = new ComputePool({ threads: 1 });
    try {
      await pool.run('diffTexts', { before: Array(500).fill('a'), after: Array(500).fill('b') }, { cache: false });
      expect(pool.stats).toMatchObject({ inline: 0, dispatched: 1 });
    } finally {
      await pool.close();
    }
  });

  test('small inputs run inline and give the same result as in a worker', async () => {
    const pool = new ComputePool({ threads: 1 });
    try {
      const small = await pool.run('diffTexts', { before: ['Le chat dort.'], after: ['Le chien dort.'] });
      // the word diff has a wall-clock budget (200 ms): a worker starved by a loaded machine may
      // give its coarser, alinéa-level answer, marked `fallback`; only a full answer is compared
      let big = await pool.run('diffTexts', { before: ['Le chat dort.', 'x'.repeat(5_000)], after: ['Le chien dort.', 'x'.repeat(5_000)] }, { cache: false });
      for (let i = 0; i < 5 && big.fallback; i++) big = await pool.run('diffTexts', { before: ['Le chat dort.', 'x'.repeat(5_000)], after: ['Le chien dort.', 'x'.repeat(5_000)] }, { cache: false });
      expect(big.fallback).toBeUndefined();
      expect(small.ops[0]).toEqual(big.ops[0]);
      expect(small.stats.modified).toBe(1);
    } finally {
      await pool.close();
    }
  });
});

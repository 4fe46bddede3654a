/**
 * bench:read — the amendment list of a busy article ranked by support, read by many visitors:
 * one article with 1,000 submitted amendments and 200,000 votes on them (seeded in bulk through
 * the `votes_tally` trigger), then GET /api/bills/:billId/amendments?article=<id>&sort=support
 * (first page, default limit) under load, against the server in its own process.
 *
 *   npm run bench:read [-- --server=dist|tsx --no-build --duration=20 --warmup=3 --connections=32
 *                         --amendments=1000 --profile --count-queries --log-level=warn
 *                         --server-root=<another checkout, to compare a server change> --keep-db
 *                         --server-env=K=V,… --db-url-query=<added to DATABASE_URL>
 *                         --seed-trigger (seed the votes through the trigger, row by row: slower)
 *                         --sort=support|position|… (the ranking read; position is the examination order)]
 *
 * Targets: ≥ 300 req/s, p99 ≤ 100 ms.
 */
import { rankItems } from '../shared/ranking';
import { tally } from '../shared/votes';
import { checkMode, latencyLine, ms, parseArgs, runLoad, statusLine, verdict, type CommonOptions } from './lib/load';
import { seconds, withBench } from './lib/run';
import { checkTallies, seedAccounts, seedBill, seedVotes, type SeededBill } from './lib/seed';

const TARGET_RPS = 300;
const TARGET_P99_MS = 100;

interface ListBody {
  amendments: { id: string; tally: { for: number; mitigated: number; against: number } }[];
  total: number;
  limit: number;
}

async function main(): Promise<void> {
  const o = parseArgs({
    server: 'dist', build: true, duration: 20, warmup: 3, connections: 32, amendments: 1000, accounts: 1000,
    profile: false, countQueries: false, logLevel: 'warn', serverRoot: '', keepDb: false, serverEnv: '', dbUrlQuery: '', seedTrigger: false,
    sort: 'support',
  });
  const opts: CommonOptions = { ...o, server: checkMode(o.server) };
  console.log(`bench:read — GET /api/bills/:billId/amendments?article=…&sort=${o.sort}, ${o.amendments} amendments on one article, ${o.amendments * 200} votes`);

  let bill!: SeededBill;
  let path = '';
  let summary = '';
  await withBench(
    'read',
    opts,
    async ({ db }) => {
      let t0 = performance.now();
      const accounts = await seedAccounts(db, o.accounts, { sessions: false });
      // The busy article, and a few quieter ones so that the article filter has something to filter out.
      bill = await seedBill(db, { authors: accounts.ids, amendmentsPerArticle: [o.amendments, 40, 40, 40, 40] });
      console.log(`seeded ${o.accounts} accounts, a bill in consultation with 5 articles, ${bill.amendmentIds.length} submitted amendments (${o.amendments} on article 1er) in ${seconds(t0)}`);
      t0 = performance.now();
      const votes = await seedVotes(db, bill.amendmentsByArticle[0]!, accounts.ids, o.seedTrigger ? 'trigger' : 'bulk');
      console.log(
        `seeded ${votes} votes with one INSERT … SELECT ${o.seedTrigger ? 'through the votes_tally trigger' : 'with the trigger off, tallies and vote_events written in the same statement'} in ${seconds(t0)}`,
      );
      t0 = performance.now();
      await db.exec('VACUUM ANALYZE');
      const check = await checkTallies(db, bill.billId);
      console.log(
        `VACUUM ANALYZE + consistency check in ${seconds(t0)}: ${check.votes} votes; tallies vs votes rows ${check.mismatches.length} mismatches, ` +
          `vote_events replay ${check.eventMismatches} mismatches`,
      );
      if (check.mismatches.length || check.eventMismatches || check.votes !== votes) throw new Error('seeded tallies are inconsistent');
      path = `/api/bills/${bill.billId}/amendments?article=${bill.articleIds[0]}&sort=${o.sort}`;
    },
    async ({ bench, server, measure }) => {
      // The page served must be the right one: the top of the Wilson ranking of the truth.
      const res = await fetch(server.url + path);
      const body = (await res.json()) as ListBody;
      const truth = await checkTallies(bench.db, bill.billId);
      const rows = (
        await bench.db.query<{ id: string; number: number; submitted_at: Date }>(`SELECT id, number, submitted_at FROM amendments WHERE article_id = $1`, [bill.articleIds[0]])
      ).rows;
      const expected = rankItems(
        rows.map((r) => {
          const [f, m, a] = truth.truth.get(r.id) ?? [0, 0, 0];
          return { id: r.id, tally: tally(f, m, a), position: [1, r.number] as [number, number], submittedAt: r.submitted_at.getTime() };
        }),
        'support',
        { viewerSeed: '' },
      ).slice(0, body.limit);
      const served = body.amendments.map((a) => a.id);
      // the order is checked for the support ranking (recomputed here from the votes rows); other
      // sorts (--sort=position: the examination order) are timed, their order checked by the tests
      const pageOk = res.ok && body.total === o.amendments && (o.sort !== 'support' || served.join() === expected.map((e) => e.id).join());
      const bytes = JSON.stringify(body).length;
      console.log(
        `first page: HTTP ${res.status}, ${body.amendments.length} of total ${body.total}, ${(bytes / 1024).toFixed(0)} KiB; ` +
          (o.sort === 'support' ? `order ${pageOk ? 'equals' : 'DIFFERS FROM'} the support ranking recomputed from the votes rows ` : `order not checked for sort=${o.sort} `) +
          `(top: ${body.amendments[0]?.tally.for}/${body.amendments[0]?.tally.mitigated}/${body.amendments[0]?.tally.against})`,
      );

      const load = (duration: number) => runLoad({ url: server.url + path, connections: o.connections, pipelining: 1, duration, timeout: 10 });
      if (o.warmup > 0) {
        const w = await load(o.warmup);
        console.log(`warm-up: ${o.warmup} s, ${w.requests.total} requests, p99 ${ms(w.latency.p99)} — not counted below`);
      }
      const { result: r } = await measure(() => load(o.duration), (x) => x.requests.total);
      const rps = r['2xx'] / r.duration;
      console.log(`measured: ${r.requests.total} requests in ${r.duration.toFixed(1)} s → ${rps.toFixed(0)} req/s (2xx); per-second samples min ${r.requests.min}, max ${r.requests.max}; ${(r.throughput.mean / 2 ** 20).toFixed(1)} MiB/s`);
      console.log(latencyLine(r));
      console.log(statusLine(r));
      const errors = r.non2xx + r.errors;
      summary = `SUMMARY bench:read — requests ${r.requests.total}, duration ${r.duration.toFixed(1)} s, ${rps.toFixed(0)} req/s, p50 ${ms(r.latency.p50)} p90 ${ms(r.latency.p90)} p99 ${ms(r.latency.p99)} max ${ms(r.latency.max)}, non-2xx ${r.non2xx}, connection errors ${r.errors}`;
      summary += `\n${verdict('RESULT bench:read', [
        { name: `req/s ≥ ${TARGET_RPS}:`, measured: rps.toFixed(0), ok: rps >= TARGET_RPS },
        { name: `p99 ≤ ${TARGET_P99_MS} ms:`, measured: ms(r.latency.p99), ok: r.latency.p99 <= TARGET_P99_MS },
        { name: 'errors = 0:', measured: String(errors), ok: errors === 0 },
        { name: 'page = ranking:', measured: pageOk ? 'yes' : 'no', ok: pageOk },
      ])}`;
    },
  );
  console.log(summary);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

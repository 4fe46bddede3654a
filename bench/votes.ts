/**
 * bench:votes — thousands of accounts voting at once on hundreds of amendments, through HTTP,
 * against the server in its own process on a fresh PostgreSQL database; then proof that no vote
 * was lost: every amendment's tally (the cached `tallies` row and GET /api/amendments/:id) equals
 * the count of its `votes` rows, the `vote_events` replay agrees, and every (account, amendment)
 * pair ends with a vote one of its acknowledged requests could have left.
 *
 *   npm run bench:votes [-- --server=dist|tsx --no-build --duration=30 --warmup=5 --connections=64
 *                          --accounts=5000 --amendments=300 --profile --count-queries --log-level=warn
 *                          --server-root=<another checkout, to compare a server change> --keep-db
 *                          --server-env=K=V,… --db-url-query=<added to DATABASE_URL>
 *                          --processes N --redis-url=redis://…]   (N ≥ 2: N processes in cluster mode behind a front)
 *
 * Targets: ≥ 1,500 votes/s sustained, p99 ≤ 100 ms, zero lost votes, zero tally mismatches.
 */
import { VOTE_VALUES } from '../shared/votes';
import { waitForIdle } from './lib/db';
import { checkMode, latencyLine, ms, parseArgs, runLoad, statusLine, verdict, type CommonOptions } from './lib/load';
import { seconds, withBench } from './lib/run';
import { checkTallies, seedAccounts, seedBill, type Accounts, type SeededBill } from './lib/seed';

const TARGET_VOTES_PER_S = 1500;
const TARGET_P99_MS = 100;

interface Attempt {
  user: number;
  amendment: number;
  value: number;
  sent: number;
  /** performance.now() of the response, -1 while none came */
  done: number;
  status: number;
}

async function main(): Promise<void> {
  const o = parseArgs({
    server: 'dist', build: true, duration: 30, warmup: 5, connections: 64, accounts: 5000, amendments: 300, articles: 10,
    profile: false, countQueries: false, logLevel: 'warn', serverRoot: '', keepDb: false, serverEnv: '', dbUrlQuery: '', processes: 1, redisUrl: 'redis://127.0.0.1:6379',
  });
  const opts: CommonOptions = { ...o, server: checkMode(o.server) };
  console.log(`bench:votes — PUT /api/amendments/:id/vote, ${o.accounts} accounts × ${o.amendments} amendments, random (account, amendment, value)`);

  let accounts!: Accounts;
  let bill!: SeededBill;
  let summary = '';
  await withBench(
    'votes',
    opts,
    async ({ db }) => {
      const t0 = performance.now();
      accounts = await seedAccounts(db, o.accounts, { sessions: true });
      const perArticle = Array.from({ length: o.articles }, (_v, k) => Math.floor(o.amendments / o.articles) + (k < o.amendments % o.articles ? 1 : 0));
      bill = await seedBill(db, { authors: accounts.ids, amendmentsPerArticle: perArticle });
      console.log(`seeded ${o.accounts} accounts with sessions (one shared argon2 hash), a bill in consultation, ${bill.amendmentIds.length} submitted amendments on ${o.articles} articles in ${seconds(t0)}`);
    },
    async ({ bench, server, measure }) => {
      const attempts: Attempt[] = [];
      const paths = bill.amendmentIds.map((id) => `/api/amendments/${id}/vote`);
      const auths = accounts.tokens.map((t) => `Bearer ${t}`);
      const bodies = VOTE_VALUES.map((value) => JSON.stringify({ value }));
      const nUsers = accounts.ids.length;
      const nAmendments = paths.length;
      type Ctx = { attempt?: Attempt };
      const load = (duration: number) =>
        runLoad({
          url: server.url,
          connections: o.connections,
          pipelining: 1,
          duration,
          timeout: 10,
          requests: [
            {
              setupRequest: (req, context) => {
                const a: Attempt = {
                  user: Math.floor(Math.random() * nUsers),
                  amendment: Math.floor(Math.random() * nAmendments),
                  value: Math.floor(Math.random() * 3),
                  sent: performance.now(),
                  done: -1,
                  status: 0,
                };
                attempts.push(a);
                (context as Ctx).attempt = a;
                return {
                  ...req,
                  method: 'PUT',
                  path: paths[a.amendment],
                  headers: { 'content-type': 'application/json', authorization: auths[a.user] },
                  body: bodies[a.value],
                };
              },
              onResponse: (status, _body, context) => {
                const a = (context as Ctx).attempt;
                if (a) {
                  a.done = performance.now();
                  a.status = status;
                }
              },
            },
          ],
        });

      if (o.warmup > 0) {
        const w = await load(o.warmup);
        console.log(`warm-up: ${o.warmup} s, ${w.requests.total} requests (${(w['2xx'] / w.duration).toFixed(0)} votes/s), p99 ${ms(w.latency.p99)} — not counted below`);
      }
      const { result: r } = await measure(() => load(o.duration), (res) => res.requests.total);
      const votesPerS = r['2xx'] / r.duration;
      console.log(`measured: ${r.requests.total} requests in ${r.duration.toFixed(1)} s → ${votesPerS.toFixed(0)} votes/s (2xx); per-second samples min ${r.requests.min}, mean ${r.requests.mean.toFixed(0)}, max ${r.requests.max}`);
      console.log(latencyLine(r));
      console.log(statusLine(r));

      // ── Checks ────────────────────────────────────────────────────────────────────────────
      const t0 = performance.now();
      await waitForIdle(bench.db, 'SELECT max(id) FROM vote_events');
      const tallies = await checkTallies(bench.db, bill.billId);
      // Through the API as well: GET /api/amendments/:id → amendment.tally, for every amendment.
      let httpMismatches = 0;
      const queue = [...bill.amendmentIds];
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
            const res = await fetch(`${server.url}/api/amendments/${id}`);
            const body = (await res.json().catch(() => ({}))) as { amendment?: { tally?: { for: number; mitigated: number; against: number } } };
            const t = body.amendment?.tally;
            const truth = tallies.truth.get(id);
            if (!res.ok || !t || !truth || [t.for, t.mitigated, t.against].join() !== truth.join()) httpMismatches++;
          }
        }),
      );
      // Every (account, amendment) pair against the requests sent for it.
      const userIndex = new Map(accounts.ids.map((id, i) => [id, i]));
      const amendmentIndex = new Map(bill.amendmentIds.map((id, i) => [id, i]));
      const rows = (await bench.db.query<{ user_id: string; target_id: string; value: string }>(`SELECT user_id, target_id, value FROM votes WHERE target_type = 'amendment'`)).rows;
      const byPair = new Map<number, Attempt[]>();
      for (const a of attempts) {
        const key = a.user * nAmendments + a.amendment;
        const list = byPair.get(key);
        if (list) list.push(a);
        else byPair.set(key, [a]);
      }
      let lost = 0;
      let wrongValue = 0;
      let phantom = 0;
      const rowKeys = new Set<number>();
      for (const row of rows) {
        const key = userIndex.get(row.user_id)! * nAmendments + amendmentIndex.get(row.target_id)!;
        rowKeys.add(key);
        const list = byPair.get(key) ?? [];
        const ok = list.filter((a) => a.status >= 200 && a.status < 300);
        // A request may have left the final value unless an acknowledged one was sent after it completed.
        const candidates = list.filter((c) => (c.status === 0 || (c.status >= 200 && c.status < 300)) && !ok.some((d) => c.done >= 0 && d.sent > c.done));
        if (candidates.length === 0) phantom++;
        else if (!candidates.some((c) => VOTE_VALUES[c.value] === row.value)) wrongValue++;
      }
      for (const [key, list] of byPair) {
        if (!rowKeys.has(key) && list.some((a) => a.status >= 200 && a.status < 300)) lost++;
      }
      const acknowledged = attempts.filter((a) => a.status >= 200 && a.status < 300).length;
      const reVotes = acknowledged - [...byPair.values()].filter((l) => l.some((a) => a.status >= 200 && a.status < 300)).length;
      const mismatches = tallies.mismatches.length + httpMismatches;
      const lostTotal = lost + wrongValue + phantom;
      console.log(
        `checks (${seconds(t0)}): ${acknowledged} acknowledged votes over warm-up + measure, ${reVotes} of them re-votes on a pair already voted; ` +
          `${rows.length} vote rows = ${tallies.votes} counted in tallies' truth`,
      );
      console.log(
        `  tallies table vs votes rows: ${tallies.mismatches.length} mismatches on ${tallies.amendments} amendments; ` +
          `GET /api/amendments/:id tally vs votes rows: ${httpMismatches} mismatches; vote_events replay vs tallies: ${tallies.eventMismatches} mismatches`,
      );
      console.log(`  per (account, amendment) pair: ${lost} acknowledged but absent, ${wrongValue} with a value no acknowledged request could leave, ${phantom} never acknowledged`);
      for (const m of tallies.mismatches.slice(0, 5)) console.log(`  mismatch ${m.id}: tally ${m.tally.join('/')} vs votes ${m.truth.join('/')}`);

      const errors = r.non2xx + r.errors;
      summary = [
        `SUMMARY bench:votes — requests ${r.requests.total}, duration ${r.duration.toFixed(1)} s, ${votesPerS.toFixed(0)} votes/s,`,
        `p50 ${ms(r.latency.p50)} p90 ${ms(r.latency.p90)} p99 ${ms(r.latency.p99)} max ${ms(r.latency.max)}, non-2xx ${r.non2xx},`,
        `connection errors ${r.errors}, lost ${lostTotal}, mismatches ${mismatches}`,
      ].join(' ');
      summary += `\n${verdict('RESULT bench:votes', [
        { name: `votes/s ≥ ${TARGET_VOTES_PER_S}:`, measured: votesPerS.toFixed(0), ok: votesPerS >= TARGET_VOTES_PER_S },
        { name: `p99 ≤ ${TARGET_P99_MS} ms:`, measured: ms(r.latency.p99), ok: r.latency.p99 <= TARGET_P99_MS },
        { name: 'lost = 0:', measured: String(lostTotal), ok: lostTotal === 0 },
        { name: 'mismatches = 0:', measured: String(mismatches + tallies.eventMismatches), ok: mismatches + tallies.eventMismatches === 0 },
        { name: 'errors = 0:', measured: String(errors), ok: errors === 0 },
      ])}`;
    },
  );
  console.log(summary);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

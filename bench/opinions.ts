/**
 * bench:opinions — opinion groups (issue 18, docs/opinion-groups.md) at the scale of *République
 * numérique*: 21,000 voters, 2,000 amendments, 150,000 votes, on a fresh PostgreSQL database.
 * Voters belong to four planted camps (each likes a random half of the amendments with
 * probability 0.8) and vote on about 7 amendments each.
 *
 *   npm run bench:opinions [-- --voters=21000 --items=2000 --votes=150000 --recomputes=5
 *                             --vote-load=20 --vote-rate=300 --connections=16 --rounds=2 --server=tsx|dist]
 *
 * Prints: the full computation (cold: no previous model, every vote read), then recomputations
 * after 100 new votes as the scheduler makes them (its vote cache patched from vote_events,
 * warm-started), each as read / compute (worker thread) / store, and the main event loop's delay
 * meanwhile. Then the vote bench's latency (PUT /api/amendments/:id/vote at a fixed rate on this
 * bill, the server in its own process) twice: opinion groups off (OPINIONS=off), then on with a
 * short debounce so that the server recomputes again and again while the votes come — its first
 * computation a full one (a fresh process), the next ones recomputations. `--vote-load=0` skips it.
 * Targets: full ≤ 5 s, recomputation after 100 new votes ≤ 500 ms, vote p99 unchanged.
 */
import { prng } from './lib/prng';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { computeOpinionGroupsOf, type OpinionRun } from '../server/commands/compute-opinion-groups';
import { releaseCompute } from '../server/compute';
import { OpinionVoteCache } from '../server/opinion-vote-cache';
import { VOTE_VALUES } from '../shared/votes';
import { createBenchDb } from './lib/db';
import { checkMode, latencyLine, runLoad } from './lib/load';
import { seedAccounts, seedBill } from './lib/seed';
import { startServer } from './lib/server';

function arg(name: string, fallback: number): number {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
}


const fmt = (ms: number) => `${Math.round(ms)} ms`;

/** CPU time of this process's main thread (user + system), from /proc (Linux; 0 elsewhere). */
function mainThreadCpuMs(): number {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime in ticks of 1/100 s
  } catch {
    return 0;
  }
}
const line = (label: string, r: OpinionRun, total: number) =>
  `${label.padEnd(34)} ${fmt(total).padStart(8)}  (read ${fmt(r.loadMs)} [${r.read}, ${r.votesRead} votes], compute ${fmt(r.computeMs)}, store ${fmt(r.saveMs)} [${r.rowsWritten} item rows]; ` +
  `${r.voters} voters placed, ${r.groups} groups, ${r.iterations} power iterations, k ${r.kSearch === 'kept' ? 'kept' : 'chosen among 2–5'})`;
const loadNow = () => os.loadavg()[0]!.toFixed(2);

async function main(): Promise<void> {
  const voters = arg('voters', 21_000), items = arg('items', 2_000), votes = arg('votes', 150_000), recomputes = arg('recomputes', 5);
  const voteLoad = arg('vote-load', 20), voteRate = arg('vote-rate', 300), connections = arg('connections', 16), rounds = arg('rounds', 2);
  const serverMode = checkMode(process.argv.find((a) => a.startsWith('--server='))?.split('=')[1] ?? 'tsx');
  const load = os.loadavg()[0]!;
  console.log(`bench:opinions — ${voters} voters × ${items} amendments, ${votes} votes; ${os.availableParallelism()} cores, load average ${load.toFixed(2)}`);
  const bench = await createBenchDb('opinions');
  const { db } = bench;
  try {
    const t0 = performance.now();
    const accounts = await seedAccounts(db, voters, { sessions: voteLoad > 0 });
    const perArticle = Array.from({ length: 20 }, () => items / 20);
    const bill = await seedBill(db, { authors: accounts.ids.slice(0, 200), amendmentsPerArticle: perArticle });
    // four camps; each likes a random half of the amendments
    const random = prng(18);
    const likes = Array.from({ length: 4 }, () => Array.from({ length: items }, () => (random() < 0.5 ? 0.8 : 0.2)));
    const seen = new Set<number>();
    const U: string[] = [], A: string[] = [], V: string[] = [];
    while (U.length < votes) {
      const u = Math.floor(random() * voters), j = Math.floor(random() * items);
      if (seen.has(u * items + j)) continue;
      seen.add(u * items + j);
      const r = random();
      U.push(accounts.ids[u]!);
      A.push(bill.amendmentIds[j]!);
      V.push(r < 0.05 ? 'mitigated' : random() < likes[u % 4]![j]! ? 'for' : 'against');
    }
    await db.transaction(async (tx) => {
      await tx.exec('ALTER TABLE votes DISABLE TRIGGER votes_tally');
      for (let i = 0; i < U.length; i += 50_000) {
        await tx.query(`INSERT INTO votes (target_type, target_id, user_id, value) SELECT 'amendment', a, u, v FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS x(a, u, v)`,
          [A.slice(i, i + 50_000), U.slice(i, i + 50_000), V.slice(i, i + 50_000)]);
      }
      await tx.exec('ALTER TABLE votes ENABLE TRIGGER votes_tally');
    });
    await db.exec('ANALYZE votes');
    console.log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const delay = monitorEventLoopDelay({ resolution: 10 });
    // as the scheduler does: one cache for the bill, kept between computations
    let cache = new OpinionVoteCache();
    const busy: number[] = [];
    const timed = async () => {
      const s = performance.now();
      const cpu = mainThreadCpuMs();
      const r = await computeOpinionGroupsOf(db, bill.billId, cache);
      // the event loop's own CPU (reading, parsing, storing): what competes with requests
      busy.push(mainThreadCpuMs() - cpu);
      return { r, total: performance.now() - s };
    };
    delay.enable();
    const first = await timed();
    console.log(line('full (first, worker starting)', first.r, first.total));
    await db.query('DELETE FROM opinion_maps WHERE bill_id = $1', [bill.billId]);
    cache = new OpinionVoteCache();
    const full = await timed();
    console.log(line(`full (cold, no previous model; load ${loadNow()})`, full.r, full.total));
    const totals: number[] = [];
    for (let k = 0; k < recomputes; k++) {
      for (let i = 0; i < 100; i++) {
        await db.query('SELECT cast_vote($1, $2, $3, $4)', ['amendment', bill.amendmentIds[Math.floor(random() * items)], accounts.ids[Math.floor(random() * voters)], random() < 0.5 ? 'for' : 'against']);
      }
      const warm = await timed();
      totals.push(warm.total);
      console.log(line(`after 100 new votes (#${k + 1}; load ${loadNow()})`, warm.r, warm.total));
    }
    delay.disable();
    totals.sort((a, b) => a - b);
    console.log(`\nfull computation: ${fmt(full.total)} (target ≤ 5,000 ms); recomputation after 100 votes: median ${fmt(totals[Math.floor(totals.length / 2)]!)}, worst ${fmt(totals.at(-1)!)} (target ≤ 500 ms)`);
    const recBusy = busy.slice(2);
    console.log(`main thread CPU: full computation ${fmt(busy[1]!)}, recomputation mean ${fmt(recBusy.reduce((a, b) => a + b, 0) / Math.max(1, recBusy.length))} (Linux clock ticks of 10 ms; the computation itself is on another thread)`);
    console.log(`main event loop while computing: delay p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms, max ${(delay.max / 1e6).toFixed(1)} ms (the computation itself runs in a worker thread)`);
    if (os.loadavg()[0]! > 1.5 || load > 1.5) console.log(`measured under load: other processes were busy (load average ${loadNow()} now, ${load.toFixed(2)} at the start)`);

    if (voteLoad > 0) {
      // the vote bench's p99 with and without the opinion groups being recomputed meanwhile
      await releaseCompute();
      const paths = bill.amendmentIds.map((id) => `/api/amendments/${id}/vote`);
      const bodies = VOTE_VALUES.map((value) => JSON.stringify({ value }));
      const phase = async (label: string, env: Record<string, string>) => {
        const server = await startServer({ databaseUrl: bench.url, mode: serverMode, logLevel: 'warn', extraEnv: env });
        try {
          const before = (await db.query<{ computed_at: Date | null }>('SELECT max(computed_at) AS computed_at FROM opinion_maps WHERE bill_id = $1', [bill.billId])).rows[0]!.computed_at;
          const runs: number[] = [];
          let last = before?.getTime() ?? 0;
          const watch = setInterval(() => {
            void db.query<{ computed_at: Date; duration_ms: number }>('SELECT computed_at, duration_ms FROM opinion_maps WHERE bill_id = $1', [bill.billId]).then(({ rows }) => {
              const r = rows[0];
              if (r && r.computed_at.getTime() !== last) {
                last = r.computed_at.getTime();
                runs.push(r.duration_ms);
              }
            });
          }, 200);
          const startLoad = loadNow();
          const r = await runLoad({
            url: server.url, connections, overallRate: voteRate, duration: voteLoad, timeout: 10,
            requests: [{
              setupRequest: (req) => ({
                ...req, method: 'PUT', path: paths[Math.floor(Math.random() * paths.length)],
                headers: { 'content-type': 'application/json', authorization: `Bearer ${accounts.tokens[Math.floor(Math.random() * accounts.tokens.length)]}` },
                body: bodies[Math.floor(Math.random() * 3)],
              }),
            }],
          });
          clearInterval(watch);
          console.log(`${label}: ${r['2xx']} votes in ${r.duration.toFixed(0)} s (${voteRate}/s asked, non-2xx ${r.non2xx}, errors ${r.errors}); ${latencyLine(r)}; load ${startLoad} → ${loadNow()}` +
            (runs.length ? `\n  ${runs.length} computations meanwhile, compute ${runs.map((d) => `${d} ms`).join(', ')}` : ''));
          return r.latency.p99;
        } finally {
          await server.stop();
        }
      };
      console.log(`\nvote bench on this bill (PUT /api/amendments/:id/vote, ${voteRate} votes/s, ${connections} connections, ${voteLoad} s each, server --server=${serverMode}):`);
      // alternated (off, on, off, on…): the first phase also meets what the seeding left to the
      // database (autovacuum, checkpoint), which alone made « off » look worse
      const offs: number[] = [], ons: number[] = [];
      for (let round = 1; round <= rounds; round++) {
        offs.push(await phase(`opinion groups off (round ${round})`, { OPINIONS: 'off' }));
        ons.push(await phase(`opinion groups recomputed meanwhile (round ${round})`, { OPINIONS: 'on', OPINIONS_QUIET_MS: '300', OPINIONS_MAX_WAIT_MS: '1500' }));
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
      console.log(`vote p99: ${offs.join(', ')} ms without (median ${median(offs)}), ${ons.join(', ')} ms while opinion groups are recomputed (median ${median(ons)}) (target: unchanged)${os.loadavg()[0]! > 1.5 ? ' — measured under load' : ''}`);
    }
  } finally {
    await releaseCompute();
    await bench.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

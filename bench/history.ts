/**
 * bench:history — a journalist's reads of a long-lived bill: 5,000 submitted amendments and
 * 100,000 public events (submissions, formalisations, responses, decisions, moderation…), then
 *   - the first page of the timeline (GET /api/bills/:billId/history?order=desc, 50 events) under
 *     load, and the same page narrowed to a type;
 *   - the full CSV export of the amendments (GET …/opendata/amendments.csv), timed one by one.
 * Against the server in its own process, on a fresh PostgreSQL database.
 *
 *   npm run bench:history [-- --server=dist|tsx --no-build --duration=15 --warmup=3 --connections=16
 *                            --amendments=5000 --events=100000 --exports=7 --keep-db]
 *
 * Targets: timeline first page p99 ≤ 50 ms; full CSV export of amendments ≤ 2 s.
 */
import { parse } from 'csv-parse/sync';
import { checkMode, latencyLine, ms, parseArgs, runLoad, statusLine, verdict, type CommonOptions } from './lib/load';
import { seconds, withBench } from './lib/run';
import { seedAccounts, seedBill, type SeededBill } from './lib/seed';

const TARGET_P99_MS = 50;
const TARGET_EXPORT_MS = 2000;

const EVENT_TYPES = ['amendment.formalised', 'amendment.response', 'amendment.decided', 'moderation.hide', 'amendment.withdrawn', 'commission.rule_set'];

async function main(): Promise<void> {
  const o = parseArgs({
    server: 'dist', build: true, duration: 15, warmup: 3, connections: 16, amendments: 5000, accounts: 1000, events: 100_000, exports: 7,
    profile: false, countQueries: false, logLevel: 'warn', serverRoot: '', keepDb: false, serverEnv: '', dbUrlQuery: '',
  });
  const opts: CommonOptions = { ...o, server: checkMode(o.server) };
  console.log(`bench:history — ${o.amendments} amendments, ${o.events} events: timeline first page under load, full CSV export of amendments`);
  let bill!: SeededBill;
  let summary = '';
  await withBench(
    'history',
    opts,
    async ({ db }) => {
      let t0 = performance.now();
      const accounts = await seedAccounts(db, o.accounts, { sessions: false });
      const per = Math.ceil(o.amendments / 10);
      bill = await seedBill(db, { authors: accounts.ids, amendmentsPerArticle: Array.from({ length: 10 }, (_v, i) => Math.min(per, o.amendments - i * per)) });
      console.log(`seeded ${o.accounts} accounts, a bill with 10 articles and ${bill.amendmentIds.length} submitted amendments in ${seconds(t0)}`);
      t0 = performance.now();
      // One statement: events about the amendments, by their authors, spread over 90 days, oldest first.
      await db.query(
        `INSERT INTO events (bill_id, type, actor_id, subject_type, subject_id, data, at)
         SELECT $1, ($4::text[])[1 + (g % array_length($4::text[], 1))], ($3::uuid[])[1 + (g % array_length($3::uuid[], 1))],
                'amendment', ($2::uuid[])[1 + (g % array_length($2::uuid[], 1))]::text, jsonb_build_object('number', 1 + (g % array_length($2::uuid[], 1))),
                now() - interval '90 days' + (g * interval '90 days' / $5)
         FROM generate_series(1, $5) AS g`,
        [bill.billId, bill.amendmentIds, accounts.ids, EVENT_TYPES, o.events],
      );
      await db.exec('VACUUM ANALYZE');
      const n = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE bill_id = $1', [bill.billId])).rows[0]!.n;
      console.log(`seeded ${n} events of the bill (${o.events} generated + those of the seeding) and VACUUM ANALYZE in ${seconds(t0)}`);
    },
    async ({ server }) => {
      const timeline = `/api/bills/${bill.billId}/history?order=desc`;
      const first = (await (await fetch(server.url + timeline)).json()) as { events: { id: string }[]; next: string | null };
      const pageOk = first.events.length === 50 && first.next !== null;
      console.log(`first page: ${first.events.length} events, next cursor ${first.next ?? 'none'}`);
      const load = (path: string, duration: number) => runLoad({ url: server.url + path, connections: o.connections, pipelining: 1, duration, timeout: 10 });
      if (o.warmup > 0) await load(timeline, o.warmup);
      const r = await load(timeline, o.duration);
      console.log(`timeline, first page: ${r.requests.total} requests in ${r.duration.toFixed(1)} s → ${(r['2xx'] / r.duration).toFixed(0)} req/s`);
      console.log(latencyLine(r));
      console.log(statusLine(r));
      const typed = await load(`${timeline}&type=amendment.decided`, Math.max(5, Math.round(o.duration / 3)));
      console.log(`timeline narrowed to one type: ${(typed['2xx'] / typed.duration).toFixed(0)} req/s; ${latencyLine(typed)}`);

      const times: number[] = [];
      let rows = 0;
      let bytes = 0;
      for (let i = 0; i < o.exports; i++) {
        const t0 = performance.now();
        const res = await fetch(`${server.url}/api/bills/${bill.billId}/opendata/amendments.csv`);
        const text = await res.text();
        times.push(performance.now() - t0);
        rows = (parse(text, { columns: true, bom: true }) as unknown[]).length;
        bytes = text.length;
      }
      const sorted = [...times].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)]!;
      const worst = sorted.at(-1)!;
      console.log(`CSV export of amendments: ${rows} rows (parsed back), ${(bytes / 2 ** 20).toFixed(1)} MiB; ` +
        `${o.exports} runs: best ${ms(sorted[0]!)}, median ${ms(median)}, worst ${ms(worst)}`);
      const errors = r.non2xx + r.errors;
      summary = `SUMMARY bench:history — timeline first page p50 ${ms(r.latency.p50)} p99 ${ms(r.latency.p99)} max ${ms(r.latency.max)}, ${(r['2xx'] / r.duration).toFixed(0)} req/s; CSV export median ${ms(median)} worst ${ms(worst)}`;
      summary += `\n${verdict('RESULT bench:history', [
        { name: `timeline first page p99 ≤ ${TARGET_P99_MS} ms:`, measured: ms(r.latency.p99), ok: r.latency.p99 <= TARGET_P99_MS },
        { name: `CSV export (worst of ${o.exports}) ≤ ${TARGET_EXPORT_MS} ms:`, measured: ms(worst), ok: worst <= TARGET_EXPORT_MS },
        { name: `CSV rows = ${bill.amendmentIds.length}:`, measured: String(rows), ok: rows === bill.amendmentIds.length },
        { name: 'errors = 0:', measured: String(errors), ok: errors === 0 },
        { name: 'first page full:', measured: pageOk ? 'yes' : 'no', ok: pageOk },
      ])}`;
    },
  );
  console.log(summary);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

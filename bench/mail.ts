/**
 * bench:mail — one phase change on a big bill queues 100,000 notification e-mails for 20,000
 * accounts (5 drafts each, frozen when the consultation closes); the server's outbox worker sends
 * them to a real SMTP server (smtp-server in a worker thread of this process) while thousands of
 * accounts vote on another bill. Measures the phase change, the messages per second, and the vote
 * p99 before and while the outbox drains; checks that every message arrived once.
 *
 *   npm run bench:mail [-- --accounts=20000 --drafts=5 --duration=20 --connections=32 --mail-rate=100
 *                          --drain=full|window --server=dist|tsx --no-build]
 *
 * `--mail-rate` is the server's MAIL_RATE (e-mails per second it allows itself; 0: no limit).
 * `--drain=window` stops 30 s after the votes instead of waiting for the last message (at the
 * default rate, 100,000 messages take 17 minutes).
 *
 * Targets: every message delivered (full drain), none twice; the vote p99 while draining ≤ 1.1 × before.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { VOTE_VALUES } from '../shared/votes';
import { checkMode, latencyLine, ms, parseArgs, runLoad, verdict, type CommonOptions } from './lib/load';
import { seconds, withBench } from './lib/run';
import { seedAccounts, seedBill, type Accounts, type SeededBill } from './lib/seed';

type SinkCount = { accepted: number; unique: number; duplicates: number };

function startSink(): Promise<{ port: number; count(): Promise<SinkCount>; close(): Promise<void> }> {
  const worker = new Worker(path.join(__dirname, 'lib/smtp-sink-worker.cjs'), { workerData: {} });
  const next = (type: string) => new Promise<Record<string, unknown>>((resolve) => {
    const on = (m: Record<string, unknown>) => {
      if (m.type !== type) return;
      worker.off('message', on);
      resolve(m);
    };
    worker.on('message', on);
  });
  return next('listening').then((m) => ({
    port: m.port as number,
    count: () => {
      const p = next('count');
      worker.postMessage('count');
      return p as Promise<SinkCount>;
    },
    close: async () => {
      const p = next('closed');
      worker.postMessage('close');
      await p;
      await worker.terminate();
    },
  }));
}

async function main(): Promise<void> {
  const o = parseArgs({
    server: 'dist', build: true, duration: 20, warmup: 3, connections: 32, accounts: 20_000, drafts: 5, amendments: 300, mailRate: 100, drain: 'full',
    profile: false, countQueries: false, logLevel: 'warn', serverRoot: '', keepDb: false, serverEnv: '', dbUrlQuery: '',
  });
  const sink = await startSink();
  const expected = o.accounts * o.drafts;
  const opts: CommonOptions = {
    ...o, server: checkMode(o.server),
    serverEnv: [`SMTP_URL=smtp://127.0.0.1:${sink.port}`, 'MAIL_POLL_MS=200', `MAIL_RATE=${o.mailRate}`, o.serverEnv].filter(Boolean).join(','),
  };
  console.log(`bench:mail — ${o.accounts} accounts, ${expected} drafts frozen by one phase change → ${expected} e-mails to a local SMTP server; votes on another bill meanwhile`);

  let accounts!: Accounts;
  let voteBill!: SeededBill;
  let bigBillId = '';
  let summary = '';
  try {
    await withBench('mail', opts, async ({ db }) => {
      const t0 = performance.now();
      accounts = await seedAccounts(db, o.accounts, { sessions: true });
      await db.query(`UPDATE users SET email_verified_at = now(), roles = CASE WHEN id = $1 THEN ARRAY['admin'] ELSE roles END`, [accounts.ids[0]]);
      voteBill = await seedBill(db, { authors: accounts.ids, amendmentsPerArticle: Array.from({ length: 10 }, () => o.amendments / 10) });
      const big = await seedBill(db, { authors: accounts.ids.slice(0, 10), amendmentsPerArticle: Array.from({ length: 20 }, () => 1) });
      bigBillId = big.billId;
      // o.drafts drafts per account on the big bill, spread over its articles
      await db.query(
        `INSERT INTO amendments (bill_id, article_id, kind, status, base_version, alineas, rationale, created_by)
         SELECT $1, ($3::uuid[])[1 + (d + u.i) % cardinality($3::uuid[])], 'modify', 'draft', 1,
                jsonb_build_array('Brouillon ' || d || ' de ' || u.i), 'Exposé', u.id
         FROM unnest($2::uuid[]) WITH ORDINALITY AS u(id, i), generate_series(1, $4::int) AS d`,
        [bigBillId, accounts.ids, big.articleIds, o.drafts],
      );
      await db.query(`INSERT INTO amendment_authors (amendment_id, user_id) SELECT id, created_by FROM amendments WHERE bill_id = $1 AND status = 'draft'`, [bigBillId]);
      console.log(`seeded ${o.accounts} confirmed accounts with sessions, a bill of ${voteBill.amendmentIds.length} amendments to vote on, and ${expected} drafts on a second bill in ${seconds(t0)}`);
    }, async ({ bench, server, measure }) => {
      const paths = voteBill.amendmentIds.map((id) => `/api/amendments/${id}/vote`);
      const auths = accounts.tokens.map((t) => `Bearer ${t}`);
      const bodies = VOTE_VALUES.map((value) => JSON.stringify({ value }));
      const pick = (n: number) => Math.floor(Math.random() * n);
      const votes = (duration: number) => runLoad({
        url: server.url, connections: o.connections, pipelining: 1, duration, timeout: 10,
        requests: [{ setupRequest: (req) => ({ ...req, method: 'PUT', path: paths[pick(paths.length)], headers: { 'content-type': 'application/json', authorization: auths[pick(auths.length)]! }, body: bodies[pick(3)] }) }],
      });
      if (o.warmup > 0) await votes(o.warmup);
      const { result: before } = await measure(() => votes(o.duration), (r) => r.requests.total);
      console.log(`votes before: ${(before['2xx'] / before.duration).toFixed(0)} votes/s; ${latencyLine(before)}`);

      // the phase change: every draft frozen, every author told, every message queued, in one transaction
      const t1 = performance.now();
      const res = await fetch(`${server.url}/api/bills/${bigBillId}/status`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: auths[0]! }, body: JSON.stringify({ status: 'commission' }),
      });
      const phaseMs = performance.now() - t1;
      if (!res.ok) throw new Error(`phase change: ${res.status} ${await res.text()}`);
      const queued = Number((await bench.db.query<{ n: string }>(`SELECT count(*) AS n FROM mail_outbox WHERE kind = 'notification'`)).rows[0]!.n);
      console.log(`phase change: ${Math.round(phaseMs)} ms for ${queued} notification e-mails queued (HTTP request, one transaction)`);

      const t2 = performance.now();
      const { result: during } = await measure(() => votes(o.duration), (r) => r.requests.total);
      const sentDuring = (await sink.count()).accepted;
      console.log(`votes while draining: ${(during['2xx'] / during.duration).toFixed(0)} votes/s; ${latencyLine(during)}; ${sentDuring} e-mails accepted by the relay meanwhile`);
      const full = o.drain !== 'window';
      for (;;) {
        const c = await sink.count();
        if (c.accepted >= queued || (!full && performance.now() - t2 > o.duration * 1000 + 30_000)) break;
        if (performance.now() - t2 > 30 * 60_000) throw new Error(`drain: only ${c.accepted} of ${queued} after 30 min`);
        await new Promise((r) => setTimeout(r, 250));
      }
      const drainS = (performance.now() - t2) / 1000;
      await new Promise((r) => setTimeout(r, 2000));
      const final = await sink.count();
      const drained = full ? queued : final.accepted;
      const states = (await bench.db.query<{ status: string; n: string }>(`SELECT status, count(*) AS n FROM mail_outbox GROUP BY status ORDER BY status`)).rows;
      const rate = drained / drainS;
      console.log(`${full ? 'drained' : 'sent (window)'} ${drained} e-mails in ${drainS.toFixed(1)} s → ${rate.toFixed(0)} e-mails/s; relay: ${final.accepted} accepted, ${final.unique} distinct Message-IDs, ${final.duplicates} duplicates; outbox: ${states.map((s) => `${s.status} ${s.n}`).join(', ')}`);
      const ratio = during.latency.p99 / before.latency.p99;
      summary = [
        `SUMMARY bench:mail — phase change ${Math.round(phaseMs)} ms for ${queued} e-mails; ${rate.toFixed(0)} e-mails/s (MAIL_RATE=${o.mailRate});`,
        `vote p99 ${ms(before.latency.p99)} before, ${ms(during.latency.p99)} while draining (×${ratio.toFixed(2)});`,
        `votes/s ${(before['2xx'] / before.duration).toFixed(0)} → ${(during['2xx'] / during.duration).toFixed(0)}`,
      ].join(' ');
      summary += `\n${verdict('RESULT bench:mail', [
        ...(full ? [{ name: 'every e-mail delivered:', measured: `${final.unique}/${queued}`, ok: final.unique === queued && queued === expected }] : []),
        { name: 'none twice:', measured: String(final.duplicates), ok: final.duplicates === 0 },
        { name: 'vote p99 while draining ≤ 1.1 × before:', measured: `×${ratio.toFixed(2)}`, ok: ratio <= 1.1 },
      ])}`;
    });
  } finally {
    await sink.close();
  }
  console.log(summary);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

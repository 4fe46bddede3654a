/**
 * bench:abuse — an attacker and an innocent citizen on the same server (issue 11). For `duration`
 * seconds, `attackers` loops send the largest accepted inputs to every compute endpoint (dispositif
 * generation and application, reconciled text in every format, liasse, tableau comparatif, article
 * diff, a bill import as an admin) and the oversized ones, which must be refused at once; meanwhile
 * an innocent client, every 50 ms, reads /healthz and casts a vote (PUT, then the round trip).
 * Each request varies its input so that the result cache does not help the attacker's victim.
 *
 *   npm run bench:abuse [-- --server=dist|tsx --no-build --duration=30 --attackers=4 --rate-limits=off]
 *
 * Targets for the innocent client: p99 ≤ 50 ms, max ≤ 200 ms, zero errors.
 */
import { Worker } from 'node:worker_threads';
import { TEXT_LIMITS } from '../shared/limits';
import { checkMode, ms, parseArgs, verdict, type CommonOptions } from './lib/load';
import { withBench } from './lib/run';
import { seedAccounts, seedBill, type SeededBill } from './lib/seed';

const TARGET_P99_MS = 50;
const TARGET_MAX_MS = 200;

interface Sample {
  ms: number;
  status: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(samples: Sample[]): { line: string; p99: number; max: number; errors: number } {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const codes = new Map<number, number>();
  for (const s of samples) codes.set(s.status, (codes.get(s.status) ?? 0) + 1);
  const p99 = percentile(sorted, 99);
  const max = sorted.at(-1) ?? NaN;
  return {
    line: `${samples.length} requests, p50 ${ms(percentile(sorted, 50))}, p99 ${ms(p99)}, max ${ms(max)} — ${[...codes].map(([c, n]) => `${c}×${n}`).join(', ')}`,
    p99, max, errors: samples.filter((s) => s.status < 200 || s.status >= 300).length,
  };
}

async function timed(url: string, init?: RequestInit): Promise<Sample> {
  const t0 = performance.now();
  try {
    const res = await fetch(url, init);
    await res.arrayBuffer();
    return { ms: performance.now() - t0, status: res.status };
  } catch {
    return { ms: performance.now() - t0, status: 0 };
  }
}

/** Words numbered per alinéa: every third one changed between before and after (the diff's worst useful case). */
const words = (alinea: number, n: number, shift: (i: number) => number, salt: number) =>
  Array.from({ length: n }, (_, i) => `m${alinea}x${shift(i)}${i === 0 ? `s${salt}` : ''}`).join(' ');
/** As many alinéas of `alineaChars` as one text takes: the largest accepted text. */
function largestText(salt: number, changed: boolean): string[] {
  const perAlinea = Math.floor(TEXT_LIMITS.alineaChars / 9);
  const count = Math.floor(TEXT_LIMITS.textChars / TEXT_LIMITS.alineaChars);
  return Array.from({ length: count }, (_, k) => words(k, perAlinea, (i) => (changed && i % 3 === 0 ? i + 1 : i), salt)).map((a) => a.slice(0, TEXT_LIMITS.alineaChars));
}
/** Many operations, each on another word of the first alinéa, up to the largest accepted dispositif. */
function largestDispositif(salt: number): string {
  const out: string[] = [];
  let chars = 0;
  for (let i = 1; ; i += 1) {
    const op = `Au premier alinéa, le mot « m0x${i} » est remplacé par le mot « code${salt} ». `;
    if (chars + op.length > TEXT_LIMITS.dispositifChars) return out.join('');
    out.push(op);
    chars += op.length;
  }
}

function largeBill(salt: number): string {
  const articles = Array.from({ length: 400 }, (_, i) => `Article ${i + 1}\n${Array.from({ length: 5 }, (_, j) => `Alinéa ${j + 1} de l’article ${i + 1} (${salt}) : ${'les dispositions du présent code sont applicables. '.repeat(10)}`).join('\n')}`);
  return `PROJET DE LOI d’essai ${salt}\n\n${articles.join('\n\n')}\n`;
}

/**
 * The innocent client runs in a worker thread of its own: the attacker's loops build megabytes of
 * input and read large answers on this thread, which would otherwise delay the innocent client's
 * own timers and reads and be counted against the server.
 */
const INNOCENT = `
const { parentPort, workerData: { url, amendmentId, token, until } } = require('node:worker_threads');
async function timed(u, init) {
  const t0 = performance.now();
  try { const res = await fetch(u, init); await res.arrayBuffer(); return { ms: performance.now() - t0, status: res.status }; }
  catch { return { ms: performance.now() - t0, status: 0 }; }
}
(async () => {
  const health = [], votes = [];
  const vote = url + '/api/amendments/' + amendmentId + '/vote';
  for (let i = 0; Date.now() < until; i += 1) {
    const tick = performance.now();
    health.push(await timed(url + '/healthz'));
    votes.push(await timed(vote, { method: 'PUT', body: JSON.stringify({ value: i % 2 ? 'for' : 'against' }), headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token } }));
    await new Promise((r) => setTimeout(r, Math.max(0, 50 - (performance.now() - tick))));
  }
  parentPort.postMessage({ health, votes });
})();
`;

function innocentClient(url: string, amendmentId: string, token: string, until: number): Promise<{ health: Sample[]; votes: Sample[] }> {
  const worker = new Worker(INNOCENT, { eval: true, workerData: { url, amendmentId, token, until } });
  return new Promise((resolve, reject) => {
    worker.once('message', (m: { health: Sample[]; votes: Sample[] }) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

type Attack = { name: string; expect: 'accepted' | 'refused'; send: (salt: number) => Promise<Sample> };

function attacks(url: string, bill: SeededBill, adminToken: string): Attack[] {
  const json = (body: unknown, token?: string): RequestInit => ({
    method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  const b = `${url}/api/bills/${bill.billId}`;
  return [
    { name: 'POST /api/legistique/dispositif (2 × 100,000 chars)', expect: 'accepted', send: (s) => timed(`${url}/api/legistique/dispositif`, json({ before: { alineas: largestText(s, false) }, after: { alineas: largestText(s, true) } })) },
    { name: 'POST /api/legistique/apply (100,000 + 50,000 chars)', expect: 'accepted', send: (s) => timed(`${url}/api/legistique/apply`, json({ alineas: largestText(s, false), dispositif: largestDispositif(s) })) },
    { name: 'GET reconciled ?format=akn', expect: 'accepted', send: () => timed(`${b}/reconciled?format=akn`) },
    { name: 'GET reconciled ?format=markdown', expect: 'accepted', send: () => timed(`${b}/reconciled?format=markdown`) },
    { name: 'GET liasse ?format=akn', expect: 'accepted', send: () => timed(`${b}/liasse?format=akn`) },
    { name: 'GET comparatif ?format=docx', expect: 'accepted', send: () => timed(`${b}/comparatif?format=docx`) },
    { name: 'GET /api/articles/:id/diff', expect: 'accepted', send: () => timed(`${url}/api/articles/${bill.articleIds[0]}/diff?from=1`) },
    { name: 'POST /api/bills (admin, 400 articles, 1 MB)', expect: 'accepted', send: (s) => timed(`${url}/api/bills`, json({ title: `Essai ${s}`, text: largeBill(s) }, adminToken)) },
    { name: 'oversized: dispositif 6 × 20,000 chars', expect: 'refused', send: (s) => timed(`${url}/api/legistique/dispositif`, json({ before: { alineas: Array(6).fill(`${s}${'x'.repeat(TEXT_LIMITS.alineaChars - 5)}`) }, after: { alineas: ['a'] } })) },
    { name: 'oversized: apply with a 1.1 MB body', expect: 'refused', send: (s) => timed(`${url}/api/legistique/apply`, json({ alineas: ['a'], dispositif: `${s}${'x'.repeat(1_100_000)}` })) },
  ];
}

async function main(): Promise<void> {
  const o = parseArgs({
    server: 'dist', build: true, duration: 30, warmup: 0, connections: 1, attackers: 4, rateLimits: 'off',
    profile: false, countQueries: false, logLevel: 'warn', serverRoot: '', keepDb: false, serverEnv: '', dbUrlQuery: '',
  });
  const opts: CommonOptions = { ...o, server: checkMode(o.server), serverEnv: [o.serverEnv, o.rateLimits === 'on' ? 'RATE_LIMITS=on' : ''].filter(Boolean).join(',') };
  console.log(`bench:abuse — ${o.attackers} attacker loops on every compute endpoint for ${o.duration} s; an innocent client reads /healthz and votes every 50 ms (rate limits ${o.rateLimits})`);
  let bill!: SeededBill;
  let tokens: string[] = [];
  await withBench('abuse', opts, async ({ db }) => {
    const accounts = await seedAccounts(db, 2, { sessions: true });
    tokens = accounts.tokens;
    await db.query(`UPDATE users SET roles = '{admin}' WHERE id = $1`, [accounts.ids[0]]);
    bill = await seedBill(db, { authors: accounts.ids, amendmentsPerArticle: [60, 60, 60, 60, 60] });
    console.log(`seeded a bill in consultation with 5 articles and ${bill.amendmentIds.length} submitted amendments (the liasse generates their dispositifs)`);
  }, async ({ server, measure }) => {
    const url = server.url;
    const [adminToken, voterToken] = tokens as [string, string];
    const list = attacks(url, bill, adminToken);
    const attackSamples = new Map<string, Sample[]>(list.map((a) => [a.name, []]));
    let health: Sample[] = [];
    let votes: Sample[] = [];
    const until = performance.now() + o.duration * 1000;
    const { result } = await measure(async () => {
      const attacker = async (offset: number) => {
        for (let i = offset; performance.now() < until; i += 1) {
          const a = list[i % list.length]!;
          attackSamples.get(a.name)!.push(await a.send(i));
        }
      };
      const innocent = async () => {
        ({ health, votes } = await innocentClient(url, bill.amendmentIds[0]!, voterToken, Date.now() + o.duration * 1000));
      };
      await Promise.all([innocent(), ...Array.from({ length: o.attackers }, (_, k) => attacker(k * 3))]);
      return health.length + votes.length + [...attackSamples.values()].reduce((n, s) => n + s.length, 0);
    }, (n) => n);
    console.log(`\nattacker (${result} requests in all):`);
    let refusedSlow = 0;
    for (const a of list) {
      const s = summary(attackSamples.get(a.name)!);
      const bad = a.expect === 'refused' ? attackSamples.get(a.name)!.filter((x) => x.status < 400 || x.status >= 500).length : 0;
      if (a.expect === 'refused') refusedSlow += attackSamples.get(a.name)!.filter((x) => x.ms > 200).length + bad;
      console.log(`  ${a.name.padEnd(52)} ${s.line}`);
    }
    const h = summary(health);
    const v = summary(votes);
    const all = summary([...health, ...votes]);
    console.log('\ninnocent client:');
    console.log(`  GET /healthz                                         ${h.line}`);
    console.log(`  PUT /api/amendments/:id/vote                         ${v.line}`);
    console.log(verdict('bench:abuse', [
      { name: 'innocent p99', ok: all.p99 <= TARGET_P99_MS, measured: `${ms(all.p99)} (≤ ${TARGET_P99_MS} ms)` },
      { name: 'innocent max', ok: all.max <= TARGET_MAX_MS, measured: `${ms(all.max)} (≤ ${TARGET_MAX_MS} ms)` },
      { name: 'innocent errors', ok: all.errors === 0, measured: String(all.errors) },
      { name: 'oversized refused at once', ok: refusedSlow === 0, measured: `${refusedSlow} slow or not 4xx` },
    ]));
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

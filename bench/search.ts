/**
 * bench:search — French full-text search (GET /api/search's queries, issue 16) on a large
 * consultation: 100,000 amendments (10 % drafts, never found) and 200,000 arguments, in words drawn
 * from the demo bill's vocabulary with Zipf frequencies (a few words everywhere, most rare).
 * Prints the load time (the triggers of migration 031 write each row's search document, vector
 * included, in the same statement), the GIN index build time, the database and index sizes, then the latency of searches — rare,
 * medium and common words, two words, phrases, filters, later pages — one at a time, through the
 * same code as the route (hits, count, ranking, highlighted extracts of the page).
 *
 *   npm run bench:search [-- --amendments=100000 --arguments=200000 --runs=30 --keep-db]
 *
 * Target: search p99 ≤ 50 ms.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { SearchType } from '../shared/search';
import { search } from '../server/present/search';
import { insertArticles } from '../server/sql/articles';
import { insertBill } from '../server/sql/bills';
import { createBenchDb, pgDescription } from './lib/db';
import { prng } from './lib/prng';
import { seedAccounts } from './lib/seed';

const TARGET_P99_MS = 50;

function arg(name: string, fallback: number): number {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.split('=')[1]) : fallback;
}

const rand = prng(16);
const demo = fs.readFileSync(path.join(__dirname, '../server/demo/pjl-enseignement-superieur.txt'), 'utf8');
const counts = new Map<string, number>();
for (const w of demo.toLowerCase().match(/[\p{L}]{3,}/gu) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
// by frequency in the demo text; sampled with Zipf weights 1/rank
const VOCAB = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([w]) => w);
const cumulative: number[] = [];
VOCAB.reduce((sum, _w, i) => {
  const next = sum + 1 / (i + 1);
  cumulative.push(next);
  return next;
}, 0);
function word(): string {
  const x = rand() * cumulative.at(-1)!;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return VOCAB[lo]!;
}
const sentence = (n: number) => {
  const ws = Array.from({ length: n }, word);
  return `${ws[0]!.charAt(0).toUpperCase()}${ws.join(' ').slice(1)}.`;
};

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const fmt = (x: number) => `${x.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main(): Promise<void> {
  const nAmendments = arg('amendments', 100_000);
  const nArguments = arg('arguments', 200_000);
  const runs = arg('runs', 30);
  const keep = process.argv.includes('--keep-db');
  console.log(`bench:search — ${nAmendments.toLocaleString('en')} amendments, ${nArguments.toLocaleString('en')} arguments, vocabulary of ${VOCAB.length} words (Zipf)`);
  const bench = await createBenchDb('search');
  const { db } = bench;
  try {
    console.log(await pgDescription(db));
    let t0 = performance.now();
    const accounts = await seedAccounts(db, 1000, { sessions: false });
    const bill = await insertBill(db, { title: 'Projet de loi relatif à l’enseignement supérieur et à la recherche', status: 'draft', createdBy: accounts.ids[0]! });
    const articleTexts = Array.from({ length: 50 }, () => [sentence(30), sentence(40), sentence(25)]);
    await insertArticles(db, bill.id, articleTexts.map((alineas, i) => ({ number: String(i + 1), headings: [], alineas })), { reason: 'Texte initial', createdBy: null });
    await db.query(`UPDATE bills SET status = 'consultation' WHERE id = $1`, [bill.id]);
    const articles = (await db.query<{ id: string; position: number }>('SELECT id, position FROM articles WHERE bill_id = $1 ORDER BY position', [bill.id])).rows;

    const BATCH = 5000;
    const amendmentIds: string[] = [];
    let number = 0;
    for (let start = 0; start < nAmendments; start += BATCH) {
      const n = Math.min(BATCH, nAmendments - start);
      const ids: string[] = [], arts: string[] = [], statuses: string[] = [], numbers: (number | null)[] = [], alineas: string[] = [], rationales: string[] = [], authors: string[] = [];
      for (let i = 0; i < n; i++) {
        const k = Math.floor(rand() * articles.length);
        const draft = rand() < 0.1;
        const text = [...articleTexts[k]!];
        text[Math.floor(rand() * text.length)] = sentence(25);
        const id = randomUUID();
        ids.push(id);
        if (!draft) amendmentIds.push(id);
        arts.push(articles[k]!.id);
        statuses.push(draft ? 'draft' : 'submitted');
        numbers.push(draft ? null : ++number);
        alineas.push(JSON.stringify(text));
        rationales.push(`${sentence(20)} ${sentence(15)}`);
        authors.push(accounts.ids[Math.floor(rand() * accounts.ids.length)]!);
      }
      await db.query(
        `INSERT INTO amendments (id, bill_id, article_id, kind, status, number, base_version, alineas, rationale, created_by, submitted_at)
         SELECT id, $1, art, 'modify', st, num, 1, al::jsonb, ra, au, CASE WHEN st = 'draft' THEN NULL ELSE now() END
         FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::int[], $6::text[], $7::text[], $8::uuid[]) AS x(id, art, st, num, al, ra, au)`,
        [bill.id, ids, arts, statuses, numbers, alineas, rationales, authors],
      );
      await db.query('INSERT INTO amendment_authors (amendment_id, user_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])', [ids, authors]);
    }
    const tAmendments = performance.now() - t0;
    t0 = performance.now();
    for (let start = 0; start < nArguments; start += BATCH) {
      const n = Math.min(BATCH, nArguments - start);
      const types: string[] = [], targets: string[] = [], sides: string[] = [], bodies: string[] = [], authors: string[] = [];
      for (let i = 0; i < n; i++) {
        const onArticle = rand() < 0.2;
        types.push(onArticle ? 'article' : 'amendment');
        targets.push(onArticle ? articles[Math.floor(rand() * articles.length)]!.id : amendmentIds[Math.floor(rand() * amendmentIds.length)]!);
        sides.push(rand() < 0.5 ? 'for' : 'against');
        bodies.push(`${sentence(18)} ${sentence(10)}`);
        authors.push(accounts.ids[Math.floor(rand() * accounts.ids.length)]!);
      }
      await db.query(
        `INSERT INTO arguments (bill_id, target_type, target_id, side, body, author_id)
         SELECT $1, t, g, s, b, a FROM unnest($2::text[], $3::uuid[], $4::text[], $5::text[], $6::uuid[]) AS x(t, g, s, b, a)`,
        [bill.id, types, targets, sides, bodies, authors],
      );
    }
    const tArguments = performance.now() - t0;
    console.log(`load (rows, and their search documents written by the triggers, GIN index maintained): amendments ${(tAmendments / 1000).toFixed(1)} s, arguments ${(tArguments / 1000).toFixed(1)} s`);

    // index build time, from scratch (migration 031: one GIN index over every searchable document)
    const indexDef = (await db.query<{ def: string }>(`SELECT pg_get_indexdef('search_documents_idx'::regclass) AS def`)).rows[0]!.def.replace(' ON ONLY ', ' ON ');
    await db.query('DROP INDEX search_documents_idx');
    t0 = performance.now();
    await db.query(indexDef);
    const tIdx = performance.now() - t0;
    console.log(`GIN index build (search_documents_idx, one per type's partition: ${indexDef.replace(/^.* USING /, '')}): ${(tIdx / 1000).toFixed(1)} s`);
    await db.exec('VACUUM ANALYZE');
    const sizes = (await db.query<{ db: number; idx: number; docs: number; a_tbl: number; g_tbl: number }>(
      `SELECT pg_database_size(current_database()) AS db,
              (SELECT sum(pg_relation_size(relid)) FROM pg_partition_tree('search_documents_idx')) AS idx,
              (SELECT sum(pg_total_relation_size(relid)) FROM pg_partition_tree('search_documents')) AS docs,
              pg_total_relation_size('amendments') AS a_tbl, pg_total_relation_size('arguments') AS g_tbl`)).rows[0]!;
    console.log(`sizes: database ${mb(sizes.db)}; search_documents ${mb(sizes.docs)} (its GIN index ${mb(sizes.idx)}); amendments ${mb(sizes.a_tbl)}; arguments ${mb(sizes.g_tbl)}`);

    const hits = async (w: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM search_documents WHERE search @@ plainto_tsquery('palimpseste_fr', $1) AND listed AND bill_public`, [w])).rows[0]!.n;
    const byRank = (r: number) => VOCAB[Math.min(VOCAB.length - 1, r)]!;
    const cases: { label: string; q: string; type?: SearchType; status?: 'submitted'; bill?: boolean; article?: boolean; page?: number }[] = [
      { label: 'rare word', q: byRank(Math.floor(VOCAB.length * 0.9)) },
      { label: 'rare word', q: byRank(Math.floor(VOCAB.length * 0.7)) },
      { label: 'medium word', q: byRank(150) },
      { label: 'medium word', q: byRank(300) },
      { label: 'common word', q: byRank(30) },
      { label: 'common word', q: byRank(12) },
      { label: 'two words', q: `${byRank(40)} ${byRank(200)}` },
      { label: 'phrase', q: `"${byRank(20)} ${byRank(25)}"` },
      { label: 'type=amendment', q: byRank(100), type: 'amendment' },
      { label: 'status=submitted', q: byRank(100), status: 'submitted' },
      { label: 'article filter', q: byRank(60), article: true },
      { label: 'page 5', q: byRank(80), page: 5 },
    ];
    const all: number[] = [];
    console.log(`\nsearches (${runs} runs each, one at a time, after 3 warm-up runs):`);
    for (const c of cases) {
      const f = { q: c.q, type: c.type, status: c.status, billId: c.bill ? bill.id : undefined, articleId: c.article ? articles[0]!.id : undefined, page: c.page ?? 1 };
      for (let i = 0; i < 3; i++) await search(db, f);
      const times: number[] = [];
      let total = '';
      for (let i = 0; i < runs; i++) {
        const s = performance.now();
        const r = await search(db, f);
        total = `${r.totalExact ? '' : '≥'}${r.total}`;
        times.push(performance.now() - s);
      }
      times.sort((a, b) => a - b);
      all.push(...times);
      console.log(`  ${c.label.padEnd(18)} ${JSON.stringify(c.q).padEnd(28)} found ${total.padStart(5)} (of ${String(await hits(c.q.replace(/"/g, ''))).padStart(7)} rows with a word)  p50 ${fmt(pct(times, 50))}  p95 ${fmt(pct(times, 95))}  p99 ${fmt(pct(times, 99))}`);
    }
    all.sort((a, b) => a - b);
    const p99 = pct(all, 99);
    console.log(`\nall searches: p50 ${fmt(pct(all, 50))}, p95 ${fmt(pct(all, 95))}, p99 ${fmt(p99)} — target p99 ≤ ${TARGET_P99_MS} ms: ${p99 <= TARGET_P99_MS ? 'MET' : 'MISSED'}`);
  } finally {
    if (keep) console.log(`database kept: ${bench.url}`);
    else await bench.drop();
  }
}

main().then(() => process.exit(0), (err: unknown) => {
  console.error(err);
  process.exit(1);
});

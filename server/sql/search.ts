import type { AmendmentOrigin, AmendmentStatus } from '../../shared/amendment';
import { SEARCH_TYPES, type SearchType } from '../../shared/search';
import type { Queryable } from '../db/db';

/**
 * French full-text search over what the public may read (migration 029: the `palimpseste_fr`
 * configuration, generated search vectors, GIN indexes).
 *
 * Public only, in the SQL itself: never a bill in `draft`, never a draft amendment, never a
 * contribution hidden by the moderation (nor an argument or a response on a hidden or draft
 * amendment), never an article the adopted text deleted, never a deleted account.
 *
 * Two steps: the hits (type, id, rank) of every searched table, counted and ranked in one query
 * whose page is cut by LIMIT; then, for the page's rows only, their titles and highlighted
 * extracts (`ts_headline` is the costly part: 20 rows, never the whole set).
 */
export interface SearchFilters {
  q: string;
  type?: SearchType | undefined;
  billId?: string | undefined;
  articleId?: string | undefined;
  /** An amendment status: with it, only amendments are searched. */
  status?: AmendmentStatus | undefined;
  limit: number;
  offset: number;
}

export interface SearchHit {
  type: SearchType;
  id: string;
  rank: number;
}

const QUERY = `websearch_to_tsquery('palimpseste_fr', $1)`;

/** Which types a search covers, given its filters (a filter a type cannot satisfy leaves it out). */
export function searchedTypes(f: Pick<SearchFilters, 'type' | 'billId' | 'articleId' | 'status'>): SearchType[] {
  return SEARCH_TYPES.filter((t) => {
    if (f.type && f.type !== t) return false;
    if (f.status && t !== 'amendment') return false;
    if ((f.billId || f.articleId) && t === 'contributor') return false;
    if (f.articleId && t === 'bill') return false;
    return true;
  });
}

/** A public amendment of a public bill (`m` the amendment, `b` its bill). */
const PUBLIC_AMENDMENT = `m.status <> 'draft' AND m.hidden_reason IS NULL AND b.status <> 'draft'`;

function typeQuery(t: SearchType, f: SearchFilters, param: (v: unknown) => string): string {
  const bill = (col: string) => (f.billId ? ` AND ${col} = ${param(f.billId)}` : '');
  const article = (col: string) => (f.articleId ? ` AND ${col} = ${param(f.articleId)}` : '');
  switch (t) {
    case 'bill':
      return `SELECT 'bill' AS type, b.id::text AS id, ts_rank(b.search, qq.q) AS rank FROM bills b, qq
              WHERE b.search @@ qq.q AND b.status <> 'draft'${bill('b.id')}`;
    case 'article':
      return `SELECT 'article', a.id::text, ts_rank(a.search, qq.q) FROM articles a JOIN bills b ON b.id = a.bill_id, qq
              WHERE a.search @@ qq.q AND a.deleted_at IS NULL AND b.status <> 'draft'${bill('a.bill_id')}${article('a.id')}`;
    case 'amendment':
      return `SELECT 'amendment', m.id::text, ts_rank(m.search, qq.q) FROM amendments m JOIN bills b ON b.id = m.bill_id, qq
              WHERE m.search @@ qq.q AND ${PUBLIC_AMENDMENT}${bill('m.bill_id')}${article('m.article_id')}${f.status ? ` AND m.status = ${param(f.status)}` : ''}`;
    case 'argument': {
      const onArticle = f.articleId ? ` AND coalesce(m.article_id, g.target_id) = ${param(f.articleId)}` : '';
      return `SELECT 'argument', g.id::text, ts_rank(g.search, qq.q) FROM arguments g JOIN bills b ON b.id = g.bill_id
                LEFT JOIN amendments m ON g.target_type = 'amendment' AND m.id = g.target_id, qq
              WHERE g.search @@ qq.q AND g.hidden_reason IS NULL AND b.status <> 'draft'
                AND (g.target_type = 'article' OR (m.status <> 'draft' AND m.hidden_reason IS NULL))${bill('g.bill_id')}${onArticle}`;
    }
    case 'annotation':
      return `SELECT 'annotation', n.id::text, ts_rank(n.search, qq.q) FROM annotations n JOIN bills b ON b.id = n.bill_id, qq
              WHERE n.search @@ qq.q AND n.hidden_reason IS NULL AND b.status <> 'draft'${bill('n.bill_id')}${article('n.article_id')}`;
    case 'response':
      return `SELECT 'response', r.id::text, ts_rank(r.search, qq.q) FROM amendment_responses r
                JOIN amendments m ON m.id = r.amendment_id JOIN bills b ON b.id = m.bill_id, qq
              WHERE r.search @@ qq.q AND ${PUBLIC_AMENDMENT}${bill('m.bill_id')}${article('m.article_id')}`;
    case 'contributor':
      // Someone is a contributor once something of theirs is public.
      return `SELECT 'contributor', u.id::text, ts_rank(u.search, qq.q) FROM users u, qq
              WHERE u.search @@ qq.q AND u.deleted_at IS NULL AND (
                EXISTS (SELECT 1 FROM amendment_authors aa JOIN amendments m ON m.id = aa.amendment_id JOIN bills b ON b.id = m.bill_id
                        WHERE aa.user_id = u.id AND ${PUBLIC_AMENDMENT})
                OR EXISTS (SELECT 1 FROM arguments g JOIN bills b ON b.id = g.bill_id
                           WHERE g.author_id = u.id AND g.hidden_reason IS NULL AND b.status <> 'draft')
                OR EXISTS (SELECT 1 FROM annotations n JOIN bills b ON b.id = n.bill_id
                           WHERE n.author_id = u.id AND n.hidden_reason IS NULL AND b.status <> 'draft'))`;
  }
}

/**
 * At most this many matches of each type are ranked. Ranking reads each match's vector from the
 * table (ts_rank), so a word found in 80,000 arguments would cost seconds; past the cap the matches
 * ranked are the first the index yields, the total is a lower bound (`totalExact: false`, « plus
 * de … ») and more words narrow the search down. Measured by bench:search.
 */
export const SEARCH_CANDIDATES_PER_TYPE = 250;

/** The page of hits, best first, and how many there are (exactly, or at least). */
export async function searchHits(db: Queryable, f: SearchFilters): Promise<{ total: number; totalExact: boolean; hits: SearchHit[] }> {
  const types = searchedTypes(f);
  if (types.length === 0) return { total: 0, totalExact: true, hits: [] };
  const params: unknown[] = [f.q];
  const param = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  // Responses have bigint ids, the others uuids: every branch yields text ids.
  const cap = param(SEARCH_CANDIDATES_PER_TYPE);
  const branches = types.map((t) => `(${typeQuery(t, f, param)} LIMIT ${cap})`);
  const limit = param(f.limit);
  const offset = param(f.offset);
  const sql = `WITH qq AS (SELECT ${QUERY} AS q),
    hits (type, id, rank) AS MATERIALIZED (${branches.join('\n UNION ALL \n')})
    SELECT (SELECT coalesce(json_object_agg(type, n), '{}') FROM (SELECT type, count(*)::int AS n FROM hits GROUP BY type) c) AS counts,
           (SELECT coalesce(json_agg(p), '[]') FROM (SELECT type, id, rank FROM hits ORDER BY rank DESC, type, id LIMIT ${limit} OFFSET ${offset}) p) AS page`;
  const r = await db.query<{ counts: Record<string, number>; page: SearchHit[] }>(sql, params);
  const row = r.rows[0]!;
  const counts = Object.values(row.counts);
  return { total: counts.reduce((a, b) => a + b, 0), totalExact: counts.every((n) => n < SEARCH_CANDIDATES_PER_TYPE), hits: row.page };
}

/** The page rows' details: what the title, the extract and the address are made of. */
export interface HitDetail {
  type: SearchType;
  id: string;
  /** The highlighted extract, matches between \u0001 and \u0002 (server/present/search.ts escapes it). */
  headline: string;
  title: string | null;
  bill_id: string | null;
  bill_title: string | null;
  article_id: string | null;
  article_number: string | null;
  amendment_id: string | null;
  origin: AmendmentOrigin | null;
  number: number | null;
  parliament_number: string | null;
  parliament_group: string | null;
  side: 'for' | 'against' | null;
  target_type: 'article' | 'amendment' | null;
  quote: string | null;
  kind: 'citizen' | 'organisation' | null;
}

/**
 * Marks around matches: control characters, removed from the text first (`clean`), so that no
 * text a person typed can forge or unbalance them; the presenter escapes, then replaces them.
 */
export const MARK_START = '\u0001';
export const MARK_END = '\u0002';
const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=32, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;
const clean = (expr: string) => `translate(${expr}, chr(1) || chr(2), '')`;
const headline = (expr: string) => `coalesce(ts_headline('palimpseste_fr', ${clean(expr)}, qq.q, $2), '')`;
const alineaText = (col: string) => `coalesce((SELECT string_agg(x, ' ') FROM jsonb_array_elements_text(${col}) x), '')`;

const NULLS = {
  title: 'NULL::text', bill_id: 'NULL::uuid', bill_title: 'NULL::text', article_id: 'NULL::uuid', article_number: 'NULL::text',
  amendment_id: 'NULL::uuid', origin: 'NULL::text', number: 'NULL::int', parliament_number: 'NULL::text', parliament_group: 'NULL::text',
  side: 'NULL::text', target_type: 'NULL::text', quote: 'NULL::text', kind: 'NULL::text',
};
const select = (type: SearchType, id: string, head: string, cols: Partial<Record<keyof typeof NULLS, string>>, from: string) =>
  `SELECT '${type}' AS type, ${id}::text AS id, ${head} AS headline, ${Object.entries(NULLS).map(([k, v]) => `${cols[k as keyof typeof NULLS] ?? v} AS ${k}`).join(', ')}
   FROM qq, ${from}`;

const AMENDMENT_COLS = { amendment_id: 'm.id', origin: 'm.origin', number: 'm.number', parliament_number: 'm.parliament_number', parliament_group: 'm.parliament_group' };
const DETAILS: Record<SearchType, string> = {
  bill: select('bill', 'b.id', headline(`coalesce(b.memorandum, b.title)`), { title: 'b.title', bill_id: 'b.id', bill_title: 'b.title' },
    'bills b WHERE b.id = ANY($IDS)'),
  article: select('article', 'a.id', headline(`coalesce(a.summary || ' — ', '') || ${alineaText('v.alineas')}`),
    { bill_id: 'b.id', bill_title: 'b.title', article_id: 'a.id', article_number: 'a.number' },
    'articles a JOIN bills b ON b.id = a.bill_id JOIN article_versions v ON v.article_id = a.id AND v.version = a.current_version WHERE a.id = ANY($IDS)'),
  amendment: select('amendment', 'm.id', headline(`coalesce(nullif(m.rationale, '') || ' — ', '') || coalesce(m.dispositif || ' — ', '') || ${alineaText('m.alineas')}`),
    { bill_id: 'b.id', bill_title: 'b.title', article_id: 'a.id', article_number: 'a.number', ...AMENDMENT_COLS },
    'amendments m JOIN bills b ON b.id = m.bill_id JOIN articles a ON a.id = m.article_id WHERE m.id = ANY($IDS)'),
  argument: select('argument', 'g.id', headline('g.body'),
    { bill_id: 'b.id', bill_title: 'b.title', article_id: 'a.id', article_number: 'a.number', side: 'g.side', target_type: 'g.target_type', ...AMENDMENT_COLS },
    `arguments g JOIN bills b ON b.id = g.bill_id LEFT JOIN amendments m ON g.target_type = 'amendment' AND m.id = g.target_id
     JOIN articles a ON a.id = coalesce(m.article_id, g.target_id) WHERE g.id = ANY($IDS)`),
  annotation: select('annotation', 'n.id', headline('n.body'),
    { bill_id: 'b.id', bill_title: 'b.title', article_id: 'a.id', article_number: 'a.number', quote: 'n.quote' },
    'annotations n JOIN bills b ON b.id = n.bill_id JOIN articles a ON a.id = n.article_id WHERE n.id = ANY($IDS)'),
  response: select('response', 'r.id', headline('r.body'),
    { bill_id: 'b.id', bill_title: 'b.title', article_id: 'a.id', article_number: 'a.number', ...AMENDMENT_COLS },
    'amendment_responses r JOIN amendments m ON m.id = r.amendment_id JOIN bills b ON b.id = m.bill_id JOIN articles a ON a.id = m.article_id WHERE r.id = ANY($IDS)'),
  contributor: select('contributor', 'u.id', headline('u.display_name'), { title: 'u.display_name', kind: 'u.kind' },
    'users u WHERE u.id = ANY($IDS)'),
};

/** Titles, extracts and addresses of the given hits (one query per type present). */
export async function hitDetails(db: Queryable, q: string, hits: readonly SearchHit[]): Promise<Map<string, HitDetail>> {
  const out = new Map<string, HitDetail>();
  const types = [...new Set(hits.map((h) => h.type))];
  if (types.length === 0) return out;
  // each type's ids in their own array, of the column's type, so that the primary key is used
  const params: unknown[] = [q, HEADLINE_OPTIONS];
  const parts = types.map((t) => {
    params.push(hits.filter((h) => h.type === t).map((h) => h.id));
    return `(${DETAILS[t].replace('$IDS', `$${params.length}::${t === 'response' ? 'bigint' : 'uuid'}[]`)})`;
  });
  const sql = `WITH qq AS (SELECT ${QUERY} AS q) ${parts.join(' UNION ALL ')}`;
  const r = await db.query<HitDetail>(sql, params);
  for (const row of r.rows) out.set(`${row.type}:${row.id}`, row);
  return out;
}

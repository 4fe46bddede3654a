import type { AmendmentOrigin, AmendmentStatus } from '../../shared/amendment';
import { SEARCH_TYPES, type SearchType } from '../../shared/search';
import type { Queryable } from '../db/db';

/**
 * French full-text search over what the public may read (migration 027: the `palimpseste_fr`
 * configuration; migration 031: the `search_documents` table, one row per searchable bill,
 * article, amendment, argument, annotation and official response, with its vector, its type,
 * bill, article and status, kept by triggers; contributors are searched in `users`).
 *
 * Public only, in the SQL itself: `listed AND bill_public` (never a bill in `draft`, never a draft
 * amendment, never a contribution hidden by the moderation, nor an argument or a response on a
 * hidden or draft amendment, never an article the adopted text deleted), and for contributors
 * never a deleted account nor one with nothing public.
 *
 * One query: the hits (type, id, rank) of every searched type, counted and ranked, the page cut
 * by LIMIT; then, for the page's rows only, their titles and highlighted extracts (`ts_headline`
 * is the costly part: 20 rows, never the whole set).
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

/**
 * At most this many matches of each type are ranked. Ranking reads each match's vector (ts_rank),
 * so a word found in 80,000 arguments would cost seconds; past the cap the matches ranked are the
 * first the index yields, the total is a lower bound (`totalExact: false`, « plus de … ») and more
 * words narrow the search down. Measured by bench:search.
 */
export const SEARCH_CANDIDATES_PER_TYPE = 250;

/**
 * A phrase ("…", or a hyphenated word) is checked on each document holding all its words: the
 * index knows which documents hold a word, not where. Common words together are in tens of
 * thousands of documents, and checking them all costs hundreds of milliseconds; so at most this
 * many documents of each type holding all the words are checked, and past it the total is a lower
 * bound (`totalExact: false`). Measured by bench:search (« phrase »).
 */
export const SEARCH_PHRASE_CHECKS_PER_TYPE = 1000;

/**
 * The query as PostgreSQL parsed it (`websearch_to_tsquery`), and, when it holds a phrase and no
 * exclusion, the same query with every phrase turned into « all these words » (`&`): what the
 * index can answer alone, a superset of the phrase's matches. (Not with an exclusion: « not this
 * phrase » is not a superset of « not all these words ».)
 */
export function phraseFree(tsquery: string): string | null {
  const outside = tsquery.replace(/'(?:[^']|'')*'/g, "''");
  if (!/<(?:-|\d+)>/.test(outside) || outside.includes('!')) return null;
  return tsquery.replace(/'(?:[^']|'')*'|<(?:-|\d+)>/g, (m) => (m.startsWith("'") ? m : '&'));
}

function contributorQuery(q: string): string {
  // Someone is a contributor once something of theirs is public.
  return `SELECT 'contributor' AS type, u.id::text AS id, ts_rank(u.search, ${q}) AS rank FROM users u
          WHERE u.search @@ ${q} AND u.deleted_at IS NULL AND (
            EXISTS (SELECT 1 FROM amendment_authors aa JOIN amendments m ON m.id = aa.amendment_id JOIN bills b ON b.id = m.bill_id
                    WHERE aa.user_id = u.id AND ${PUBLIC_AMENDMENT})
            OR EXISTS (SELECT 1 FROM arguments g JOIN bills b ON b.id = g.bill_id
                       WHERE g.author_id = u.id AND g.hidden_reason IS NULL AND b.status <> 'draft')
            OR EXISTS (SELECT 1 FROM annotations n JOIN bills b ON b.id = n.bill_id
                       WHERE n.author_id = u.id AND n.hidden_reason IS NULL AND b.status <> 'draft'))`;
}

export interface SearchHits {
  /** How many there are: exactly, or at least (`totalExact: false`). */
  total: number;
  totalExact: boolean;
  /** The page, best first. */
  hits: SearchHit[];
  /** The page's details, by `type:id`. */
  details: Map<string, HitDetail>;
}

/**
 * The page of hits, best first, with their titles and highlighted extracts, and how many there are.
 *
 * Each type is one partition of `search_documents` (migration 031), searched with the parsed query
 * as a constant the planner sees: from the words' frequencies (ANALYZE) it reads a rare word's
 * matches from the GIN index, and a word in most documents by reading the type's rows until 250
 * match (building the index's bitmap of 57,000 matches costs more than reading 400 rows).
 */
export async function searchHits(db: Queryable, f: SearchFilters): Promise<SearchHits> {
  const types = searchedTypes(f);
  const none = { total: 0, totalExact: true, hits: [], details: new Map<string, HitDetail>() };
  if (types.length === 0) return none;
  // Words alone (letters, digits, spaces) make no phrase: parsed within the search itself (the
  // planner folds the immutable parse into a constant). Anything else — quotes, hyphens,
  // apostrophes (« aujourd'hui » is a phrase) — is parsed first, to find the phrases in it.
  let wide: string | null = null;
  let q = QUERY;
  const params: unknown[] = [f.q];
  if (!/^[\p{L}\p{N}\s]*$/u.test(f.q)) {
    const tsquery = (await db.query<{ q: string }>(`SELECT ${QUERY}::text AS q`, [f.q])).rows[0]!.q;
    // a query of stop words only is empty and finds nothing
    if (tsquery === '') return none;
    wide = phraseFree(tsquery);
    params[0] = tsquery;
    q = '$1::tsquery';
  }
  const param = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const cap = param(SEARCH_CANDIDATES_PER_TYPE);
  // the filters, resolved in the index (migration 031: bill and article beside the words)
  const where = () => `d.listed AND d.bill_public${f.billId ? ` AND d.bill_id = ${param(f.billId)}` : ''}`
    + `${f.articleId ? ` AND d.article_id = ${param(f.articleId)}` : ''}${f.status ? ` AND d.status = ${param(f.status)}` : ''}`;
  // Each type's partition by its name: through the parent, PostgreSQL 15 picks the partition's
  // path by its total cost, blind to the LIMIT, and builds the bitmap of 57,000 matches of a common
  // word instead of reading 400 rows (bench:search, « common word »: 24 ms against 0.3 ms).
  const partition = (t: Exclude<SearchType, 'contributor'>) => `search_documents_${t}`;
  const wideQ = wide ? `${param(wide)}::tsquery` : '';
  const checks = wide ? param(SEARCH_PHRASE_CHECKS_PER_TYPE) : '';
  const ctes: string[] = [];
  const branches: string[] = [];
  const checked: string[] = [];
  for (const t of types) {
    if (t === 'contributor') {
      branches.push(`(${contributorQuery(q)} LIMIT ${cap})`);
    } else if (wide) {
      // phrases: the documents holding all the words (the index alone), at most `checks` of them,
      // the phrase itself checked on their stored vectors in the same pass (rank: null if not)
      ctes.push(`c_${t} AS MATERIALIZED (SELECT d.doc_id, CASE WHEN d.search @@ ${q} THEN ts_rank(d.search, ${q}) END AS rank
                 FROM ${partition(t)} d WHERE ${where()} AND d.search @@ ${wideQ} LIMIT ${checks})`);
      branches.push(`(SELECT '${t}' AS type, c.doc_id AS id, c.rank FROM c_${t} c WHERE c.rank IS NOT NULL LIMIT ${cap})`);
      checked.push(`'${t}', (SELECT count(*) FROM c_${t})`);
    } else {
      branches.push(`(SELECT '${t}' AS type, d.doc_id AS id, ts_rank(d.search, ${q}) AS rank FROM ${partition(t)} d
                      WHERE ${where()} AND d.search @@ ${q} LIMIT ${cap})`);
    }
  }
  const limit = param(f.limit);
  const offset = param(f.offset);
  // the page's details in the same query (one round trip): each type's ids in an array of the
  // column's type, so that the primary key is used
  const opts = param(HEADLINE_OPTIONS);
  const details = types.map((t) => `(${DETAILS[t].split('$OPTS').join(opts)
    .replace('$IDS', `ARRAY(SELECT id::${t === 'response' ? 'bigint' : 'uuid'} FROM page WHERE type = '${t}')`)})`);
  const sql = `WITH ${ctes.map((c) => `${c},`).join('\n')}
    hits (type, id, rank) AS MATERIALIZED (${branches.join('\n UNION ALL \n')}),
    page AS MATERIALIZED (SELECT type, id, rank FROM hits ORDER BY rank DESC, type, id LIMIT ${limit} OFFSET ${offset}),
    qq AS MATERIALIZED (SELECT ${q} AS q)
    SELECT (SELECT coalesce(json_object_agg(type, n), '{}') FROM (SELECT type, count(*)::int AS n FROM hits GROUP BY type) c) AS counts,
           ${checked.length ? `json_build_object(${checked.join(', ')})` : `'{}'::json`} AS checked,
           (SELECT coalesce(json_agg(p ORDER BY p.rank DESC, p.type, p.id), '[]') FROM page p) AS page,
           (SELECT coalesce(json_agg(d), '[]') FROM (${details.join(' UNION ALL ')}) d) AS details`;
  const r = await db.query<{ counts: Record<string, number>; checked: Record<string, number>; page: SearchHit[]; details: HitDetail[] }>(sql, params);
  const row = r.rows[0]!;
  const counts = Object.values(row.counts);
  const exact = counts.every((n) => n < SEARCH_CANDIDATES_PER_TYPE) && Object.values(row.checked).every((n) => n < SEARCH_PHRASE_CHECKS_PER_TYPE);
  return { total: counts.reduce((a, b) => a + b, 0), totalExact: exact, hits: row.page, details: new Map(row.details.map((d) => [`${d.type}:${d.id}`, d])) };
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
const headline = (expr: string) => `coalesce(ts_headline('palimpseste_fr', ${clean(expr)}, qq.q, $OPTS), '')`;
const alineaText = (col: string) => `coalesce((SELECT string_agg(x, ' ') FROM jsonb_array_elements_text(${col}) x), '')`;

const NULLS = {
  title: 'NULL::text', bill_id: 'NULL::uuid', bill_title: 'NULL::text', article_id: 'NULL::uuid', article_number: 'NULL::text',
  amendment_id: 'NULL::uuid', origin: 'NULL::text', number: 'NULL::int', parliament_number: 'NULL::text', parliament_group: 'NULL::text',
  side: 'NULL::text', target_type: 'NULL::text', quote: 'NULL::text', kind: 'NULL::text',
};
const select = (type: SearchType, id: string, head: string, cols: Partial<Record<keyof typeof NULLS, string>>, from: string) =>
  `SELECT '${type}' AS type, ${id}::text AS id, ${head} AS headline, ${Object.entries(NULLS).map(([k, v]) => `${cols[k as keyof typeof NULLS] ?? v} AS ${k}`).join(', ')}
   FROM qq, ${from}`; // qq: the parsed query (searchHits)

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

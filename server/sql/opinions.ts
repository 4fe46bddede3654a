import type { GroupOutput, ItemOutput, OpinionModel } from '../../shared/opinion-groups';
import type { Queryable } from '../db/db';

/**
 * SQL of the opinion groups (migration 026, docs/opinion-groups.md). The votes leave the database
 * packed in one string and without any account id: the computation sees anonymous rows only.
 */

/** What a bill's computation reads: its items (amendments and arguments citizens vote on) and their votes. */
export interface OpinionVotes {
  /** 'amendment:<id>' / 'argument:<id>'. */
  itemKeys: string[];
  /** Voters separated by « ; », votes « +j », « =j », « -j » (item j) by « , » (shared/opinion-groups.ts › parsePackedVotes). */
  packed: string;
  /** vote_events id these votes include at least. */
  watermark: number;
}

// Published amendments citizens vote on (not parliamentary ones, not drafts, not masked) and arguments.
const ITEMS = `
  SELECT 'amendment'::text AS target_type, id FROM amendments
    WHERE bill_id = $1 AND status <> 'draft' AND origin <> 'parliament' AND hidden_reason IS NULL
  UNION ALL
  SELECT 'argument', id FROM arguments WHERE bill_id = $1 AND hidden_reason IS NULL`;

/** The bill's items numbered, and each voter's votes packed on a line (`+3,-7,=12`), lines in account order. */
const PACKED_VOTES = `
    WITH numbered AS (
      SELECT target_type, id, (row_number() OVER (ORDER BY target_type, id) - 1)::int AS ix FROM (${ITEMS}) i
    ), lines AS (
      SELECT v.user_id, string_agg(CASE v.value WHEN 'for' THEN '+' WHEN 'against' THEN '-' ELSE '=' END || n.ix, ',') AS line
      FROM votes v JOIN numbered n ON v.target_type = n.target_type AND v.target_id = n.id
      GROUP BY v.user_id
    )
    SELECT (SELECT coalesce(array_agg(target_type || ':' || id ORDER BY ix), '{}') FROM numbered) AS keys,
           (SELECT coalesce(string_agg(line, ';' ORDER BY user_id), '') FROM lines) AS packed`;

const SQL = {
  watermark: 'SELECT coalesce(max(id), 0)::bigint AS id FROM vote_events',
  votes: `
${PACKED_VOTES}`,
  /**
   * The same votes with their voters, for the scheduler's cache (server/opinion-vote-cache.ts): the
   * packed lines in account order and that order's account ids (they stay in the server's memory,
   * never reach the computation), the vote_events id they include, and the count of deleted accounts
   * (a deletion moves votes without a vote event: the cache is then rebuilt). One statement: one snapshot.
   */
  votesWithVoters: `
${PACKED_VOTES},
           (SELECT coalesce(string_agg(user_id::text, ',' ORDER BY user_id), '') FROM lines) AS voters,
           (SELECT coalesce(max(id), 0)::bigint FROM vote_events) AS watermark,
           (SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM vote_events WHERE id > (SELECT coalesce(max(id), 0) FROM vote_events) - $2::bigint) AS recent,
           (SELECT count(*)::int FROM users WHERE deleted_at IS NOT NULL) AS deleted`,
  /**
   * What changed since the cache's watermark, in one snapshot: the vote events after it (and the
   * earlier ids that were missing then: transactions not yet committed), the bill's items now, and
   * the current votes on the items that need reading — those an event touched, and those new to
   * the cache ($3: the keys it holds).
   */
  voteChanges: `
    WITH items AS (${ITEMS}),
    ev AS (SELECT id, target_type, target_id FROM vote_events WHERE id > $2::bigint OR id = ANY($4::bigint[])),
    known AS (SELECT DISTINCT key FROM unnest($3::text[]) AS k(key)),
    touched AS (SELECT DISTINCT target_type, target_id FROM ev),
    wanted AS (
      -- hash joins: the bill's items (thousands) against the keys held and the items touched
      SELECT i.target_type, i.id FROM items i
      LEFT JOIN touched t ON t.target_type = i.target_type AND t.target_id = i.id
      LEFT JOIN known k ON k.key = i.target_type || ':' || i.id
      WHERE t.target_id IS NOT NULL OR k.key IS NULL
    )
    SELECT (SELECT coalesce(array_agg(target_type || ':' || id ORDER BY target_type, id), '{}') FROM items) AS keys,
           (SELECT coalesce(array_agg(id), '{}') FROM ev) AS events,
           (SELECT coalesce(max(id), 0)::bigint FROM vote_events) AS watermark,
           (SELECT coalesce(array_agg(target_type || ':' || id), '{}') FROM wanted) AS wanted,
           (SELECT count(*)::int FROM users WHERE deleted_at IS NOT NULL) AS deleted,
           v.keys AS vote_keys, v.voters AS vote_voters, v.vals AS vote_values
    FROM (SELECT coalesce(array_agg(v.target_type || ':' || v.target_id), '{}') AS keys, coalesce(array_agg(v.user_id::text), '{}') AS voters,
                 coalesce(array_agg(CASE v.value WHEN 'for' THEN 1 WHEN 'against' THEN -1 ELSE 0 END), '{}') AS vals
          FROM votes v JOIN wanted w ON v.target_type = w.target_type AND v.target_id = w.id) v`,
  /**
   * The cheap form of `voteChanges` while the bill's items are those the cache holds ($3: the md5 of
   * their keys, comma-joined in order): the votes an event changed, found by the event's instant (a
   * vote's updated_at is its last change's, migration 034), not every vote on the items touched;
   * only an item with a withdrawn vote (an event without a new value) is read whole again.
   * `same` false: the items changed, nothing else is read (the caller uses `voteChanges`).
   */
  voteChangesQuick: `
    WITH items AS (${ITEMS}),
    sig AS (SELECT md5(coalesce(string_agg(target_type || ':' || id, ',' ORDER BY target_type, id), '')) = $3 AS same FROM items),
    ev AS (SELECT id, target_type, target_id, new_value, at FROM vote_events WHERE (id > $2::bigint OR id = ANY($4::bigint[])) AND (SELECT same FROM sig)),
    withdrawn AS (SELECT DISTINCT e.target_type, e.target_id FROM ev e JOIN items i ON i.target_type = e.target_type AND i.id = e.target_id WHERE e.new_value IS NULL),
    changed AS (
      SELECT v.target_type, v.target_id, v.user_id, v.value
      FROM (SELECT DISTINCT target_type, target_id, at FROM ev WHERE new_value IS NOT NULL) e
      JOIN votes v ON v.target_type = e.target_type AND v.target_id = e.target_id AND v.updated_at = e.at
      JOIN items i ON i.target_type = e.target_type AND i.id = e.target_id
      WHERE NOT EXISTS (SELECT 1 FROM withdrawn w WHERE w.target_type = v.target_type AND w.target_id = v.target_id)
      UNION ALL
      SELECT v.target_type, v.target_id, v.user_id, v.value FROM withdrawn w JOIN votes v ON v.target_type = w.target_type AND v.target_id = w.target_id
    )
    SELECT (SELECT same FROM sig) AS same,
           (SELECT coalesce(array_agg(id), '{}') FROM ev) AS events,
           (SELECT coalesce(max(id), 0)::bigint FROM vote_events) AS watermark,
           (SELECT coalesce(array_agg(target_type || ':' || target_id), '{}') FROM withdrawn) AS wanted,
           (SELECT count(*)::int FROM users WHERE deleted_at IS NOT NULL) AS deleted,
           v.keys AS vote_keys, v.voters AS vote_voters, v.vals AS vote_values
    FROM (SELECT coalesce(array_agg(target_type || ':' || target_id), '{}') AS keys, coalesce(array_agg(user_id::text), '{}') AS voters,
                 coalesce(array_agg(CASE value WHEN 'for' THEN 1 WHEN 'against' THEN -1 ELSE 0 END), '{}') AS vals
          FROM changed) v`,
  /** A viewer's own votes on the bill's items (to place them with the stored model). */
  myVotes: `SELECT v.target_type || ':' || v.target_id AS key, v.value FROM votes v
            JOIN (${ITEMS}) i ON i.target_type = v.target_type AND i.id = v.target_id WHERE v.user_id = $2`,
  /** Bills with votes after `$1`, with their last vote event. */
  changed: `
    SELECT coalesce(a.bill_id, g.bill_id) AS bill_id, max(e.id)::bigint AS last
    FROM vote_events e
    LEFT JOIN amendments a ON e.target_type = 'amendment' AND a.id = e.target_id
    LEFT JOIN arguments g ON e.target_type = 'argument' AND g.id = e.target_id
    WHERE e.id > $1 AND e.target_type <> 'article'
    GROUP BY 1`,
  watermarks: 'SELECT bill_id, watermark FROM opinion_maps',
  storedWatermark: 'SELECT watermark FROM opinion_maps WHERE bill_id = $1',
  // scheduled_jobs.last_run: when a process last started this bill's computation; -infinity once it is done
  claim: `
    INSERT INTO scheduled_jobs AS j (name, last_run) VALUES ($1, now()) ON CONFLICT (name) DO UPDATE SET last_run = now()
    WHERE j.last_run < now() - make_interval(secs => $2::double precision / 1000)
    RETURNING last_run::text AS claimed`,
  // only the claim this process holds: one that overran its lease does not free the next holder's
  release: `UPDATE scheduled_jobs SET last_run = '-infinity' WHERE name = $1 AND last_run = $2::timestamptz`,
  map: 'SELECT computed_at, watermark, item_keys, model, groups, placed, k, silhouette, duration_ms FROM opinion_maps WHERE bill_id = $1',
  previous: 'SELECT item_keys, model, silhouette FROM opinion_maps WHERE bill_id = $1',
  // a result never replaces a newer one (two processes, or a slow computation overtaken)
  save: `
    INSERT INTO opinion_maps AS m (bill_id, computed_at, watermark, item_keys, model, groups, placed, k, silhouette, duration_ms)
    VALUES ($1, now(), $2, ARRAY(SELECT jsonb_array_elements_text($3::jsonb)), $4, $5, $6, $7, $8, $9)
    ON CONFLICT (bill_id) DO UPDATE SET computed_at = now(), watermark = EXCLUDED.watermark, item_keys = EXCLUDED.item_keys,
      model = EXCLUDED.model, groups = EXCLUDED.groups, placed = EXCLUDED.placed, k = EXCLUDED.k, silhouette = EXCLUDED.silhouette,
      duration_ms = EXCLUDED.duration_ms
    WHERE m.watermark <= EXCLUDED.watermark
    RETURNING m.computed_at::text AS written`,
  // the map as it is now, locked until the store commits: in a statement of its own, since the
  // upsert's snapshot would not see a map another process committed while the upsert waited for it
  lockMap: 'SELECT computed_at::text AS previous FROM opinion_maps WHERE bill_id = $1 FOR UPDATE',
  clearItems: 'DELETE FROM opinion_item_scores WHERE bill_id = $1',
  dropItems: `DELETE FROM opinion_item_scores s USING jsonb_to_recordset($2::jsonb) AS x(t text, id uuid)
              WHERE s.bill_id = $1 AND s.target_type = x.t AND s.target_id = x.id`,
  // one JSON parameter (JSON.stringify is native; five arrays of 2,000 elements were escaped element by element in JS)
  saveItems: `
    INSERT INTO opinion_item_scores (bill_id, target_type, target_id, bridging, support, votes)
    SELECT $1, x.t, x.id, x.b, x.s, x.n FROM jsonb_to_recordset($2::jsonb) AS x(t text, id uuid, b float8, s jsonb, n jsonb)
    ON CONFLICT (bill_id, target_type, target_id) DO UPDATE SET bridging = EXCLUDED.bridging, support = EXCLUDED.support, votes = EXCLUDED.votes`,
  // only what is still public (an amendment masked since the computation drops out at once)
  items: `SELECT s.target_type, s.target_id, s.bridging, s.support, s.votes FROM opinion_item_scores s
          JOIN (${ITEMS}) i ON i.target_type = s.target_type AND i.id = s.target_id WHERE s.bill_id = $1`,
  itemsOf: 'SELECT target_id, bridging, support, votes FROM opinion_item_scores WHERE bill_id = $1 AND target_type = $2 AND target_id = ANY($3::uuid[])',
  labels: `
    SELECT 'amendment:' || a.id AS key, a.origin, a.number, ar.number AS article, NULL AS side, NULL AS body, NULL AS target
      FROM amendments a JOIN articles ar ON ar.id = a.article_id
      WHERE a.bill_id = $1 AND a.status <> 'draft' AND a.origin <> 'parliament' AND a.hidden_reason IS NULL
    UNION ALL
    SELECT 'argument:' || g.id, NULL, NULL, NULL, g.side, left(g.body, 120), g.target_type || ':' || g.target_id FROM arguments g WHERE g.bill_id = $1 AND g.hidden_reason IS NULL`,
} as const;

export interface ItemLabelRow {
  key: string;
  origin: 'citizen' | 'commission' | null;
  number: number | null;
  article: string | null;
  side: 'for' | 'against' | null;
  body: string | null;
  /** An argument's target: 'article:<id>' or 'amendment:<id>'. */
  target: string | null;
}

/** What the map page needs to name each item: an amendment's number and article, an argument's first words. */
export async function opinionItemLabels(db: Queryable, billId: string): Promise<ItemLabelRow[]> {
  return (await db.query<ItemLabelRow>(SQL.labels, [billId])).rows;
}

export async function loadOpinionVotes(db: Queryable, billId: string): Promise<OpinionVotes> {
  const watermark = Number((await db.query<{ id: string }>(SQL.watermark)).rows[0]!.id);
  const row = (await db.query<{ keys: string[]; packed: string }>(SQL.votes, [billId])).rows[0]!;
  return { itemKeys: row.keys, packed: row.packed, watermark };
}

/** A bill's votes with their voters (server/opinion-vote-cache.ts); `recentIds`: the vote_events ids present among the last `lookback`. */
export async function loadOpinionVotesWithVoters(db: Queryable, billId: string, lookback: number): Promise<OpinionVotes & { voters: string[]; recentIds: number[]; deletedAccounts: number }> {
  const row = (await db.query<{ keys: string[]; packed: string; voters: string; watermark: string; recent: string[]; deleted: number }>(SQL.votesWithVoters, [billId, lookback])).rows[0]!;
  // 21,000 account ids as one string split natively: as an array, parsed element by element on the event loop
  return { itemKeys: row.keys, packed: row.packed, voters: row.voters ? row.voters.split(',') : [], watermark: Number(row.watermark), recentIds: row.recent.map(Number), deletedAccounts: row.deleted };
}

export interface OpinionVoteChanges {
  /** The bill's items now, in the computation's order. */
  itemKeys: string[];
  /** The vote_events ids read (after the watermark, and those of `pending` now committed). */
  eventIds: number[];
  watermark: number;
  /** Items whose votes were read again (their votes are all of `votes` on them: possibly none). */
  wanted: string[];
  deletedAccounts: number;
  votes: { keys: string[]; voters: string[]; values: number[] };
}

export async function loadOpinionVoteChanges(db: Queryable, billId: string, after: number, known: readonly string[], pending: readonly number[]): Promise<OpinionVoteChanges> {
  const r = (await db.query<{ keys: string[]; events: string[]; watermark: string; wanted: string[]; deleted: number; vote_keys: string[]; vote_voters: string[]; vote_values: number[] }>(
    SQL.voteChanges, [billId, after, known, pending],
  )).rows[0]!;
  return {
    itemKeys: r.keys, eventIds: r.events.map(Number), watermark: Number(r.watermark), wanted: r.wanted, deletedAccounts: r.deleted,
    votes: { keys: r.vote_keys, voters: r.vote_voters, values: r.vote_values },
  };
}

/**
 * The votes changed since `after` while the bill's items are unchanged (`itemsSignature`: md5 of
 * the keys the caller holds, comma-joined): null when the items changed (then `loadOpinionVoteChanges`).
 * `wanted`: the items to read whole again (a vote withdrawn); the other votes are upserts.
 */
export async function loadOpinionVoteChangesQuick(db: Queryable, billId: string, after: number, itemsSignature: string, pending: readonly number[]): Promise<Omit<OpinionVoteChanges, 'itemKeys'> | null> {
  const r = (await db.query<{ same: boolean; events: string[]; watermark: string; wanted: string[]; deleted: number; vote_keys: string[]; vote_voters: string[]; vote_values: number[] }>(
    SQL.voteChangesQuick, [billId, after, itemsSignature, pending],
  )).rows[0]!;
  if (!r.same) return null;
  return {
    eventIds: r.events.map(Number), watermark: Number(r.watermark), wanted: r.wanted, deletedAccounts: r.deleted,
    votes: { keys: r.vote_keys, voters: r.vote_voters, values: r.vote_values },
  };
}

export async function loadMyOpinionVotes(db: Queryable, billId: string, userId: string): Promise<{ key: string; value: 'for' | 'mitigated' | 'against' }[]> {
  return (await db.query<{ key: string; value: 'for' | 'mitigated' | 'against' }>(SQL.myVotes, [billId, userId])).rows;
}

export async function currentVoteWatermark(db: Queryable): Promise<number> {
  return Number((await db.query<{ id: string }>(SQL.watermark)).rows[0]!.id);
}

export async function billsVotedSince(db: Queryable, after: number): Promise<{ billId: string; last: number }[]> {
  const rows = (await db.query<{ bill_id: string | null; last: string }>(SQL.changed, [after])).rows;
  return rows.flatMap((r) => (r.bill_id ? [{ billId: r.bill_id, last: Number(r.last) }] : []));
}

/** The vote_events id the bill's stored map includes (0: none stored). */
export async function opinionWatermark(db: Queryable, billId: string): Promise<number> {
  const row = (await db.query<{ watermark: string }>(SQL.storedWatermark, [billId])).rows[0];
  return row ? Number(row.watermark) : 0;
}

/**
 * Several processes run the scheduler (docs/deployment.md): the one that claims a bill computes
 * it, the others leave it. A claim lapses after `leaseMs` (a process that died while computing).
 * Returns the claim (its time, to give it back), or null when another process holds it.
 */
export async function claimOpinionComputation(db: Queryable, billId: string, leaseMs: number): Promise<string | null> {
  return (await db.query<{ claimed: string }>(SQL.claim, [`opinions:${billId}`, leaseMs])).rows[0]?.claimed ?? null;
}

/** Gives the claim back (`claim`: what claimOpinionComputation returned), unless another process holds it now. */
export async function releaseOpinionComputation(db: Queryable, billId: string, claim: string): Promise<void> {
  await db.query(SQL.release, [`opinions:${billId}`, claim]);
}

export async function opinionWatermarks(db: Queryable): Promise<Map<string, number>> {
  return new Map((await db.query<{ bill_id: string; watermark: string }>(SQL.watermarks)).rows.map((r) => [r.bill_id, Number(r.watermark)]));
}

/** A shown group as stored: its traits as item keys. */
export type StoredGroup = Omit<GroupOutput, 'supports' | 'rejects'> & { supports: string[]; rejects: string[] };

export interface OpinionMapRow {
  computed_at: Date;
  watermark: string;
  item_keys: string[];
  model: OpinionModel;
  groups: StoredGroup[];
  placed: number;
  k: number;
  silhouette: number | null;
  duration_ms: number;
}

export async function findOpinionMap(db: Queryable, billId: string): Promise<OpinionMapRow | undefined> {
  return (await db.query<OpinionMapRow>(SQL.map, [billId])).rows[0];
}

export async function findPreviousModel(db: Queryable, billId: string): Promise<{ item_keys: string[]; model: OpinionModel; silhouette: number | null } | undefined> {
  return (await db.query<{ item_keys: string[]; model: OpinionModel; silhouette: number | null }>(SQL.previous, [billId])).rows[0];
}

export interface OpinionItemRow {
  target_type: 'amendment' | 'argument';
  target_id: string;
  bridging: number | null;
  support: Record<string, number | null>;
  votes: Record<string, number>;
}

export async function listOpinionItems(db: Queryable, billId: string): Promise<OpinionItemRow[]> {
  return (await db.query<OpinionItemRow>(SQL.items, [billId])).rows;
}

export async function opinionItemsOf(db: Queryable, billId: string, type: 'amendment' | 'argument', ids: readonly string[]): Promise<Map<string, OpinionItemRow>> {
  if (ids.length === 0) return new Map();
  const rows = (await db.query<Omit<OpinionItemRow, 'target_type'>>(SQL.itemsOf, [billId, type, ids])).rows;
  return new Map(rows.map((r) => [r.target_id, { ...r, target_type: type }]));
}

/**
 * What a process last stored for a bill: the map's `computed_at` and each item's row as written.
 * The next store writes only the rows that differ — an item's scores change only when the votes
 * counted for it do — unless the stored map is no longer that one (another process stored since).
 */
export interface SavedScores {
  computedAt: string;
  rows: Map<string, string>;
}

/**
 * Stores a computation unless a newer one is there. Returns null when a newer one was there,
 * else what was stored (to pass as `previous` next time), and how many item rows were written.
 */
export async function saveOpinionMap(
  db: Queryable & { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> },
  billId: string,
  r: { watermark: number; itemKeys: string[]; model: OpinionModel; groups: StoredGroup[]; items: ItemOutput[]; placed: number; k: number; silhouette: number | null; durationMs: number },
  previous?: SavedScores,
): Promise<{ saved: SavedScores; rowsWritten: number } | null> {
  return db.transaction(async (tx) => {
    const previousAt = (await tx.query<{ previous: string }>(SQL.lockMap, [billId])).rows[0]?.previous ?? null;
    const stored = (await tx.query<{ written: string }>(SQL.save, [
      billId, r.watermark, JSON.stringify(r.itemKeys), JSON.stringify(r.model), JSON.stringify(r.groups), r.placed, r.k, r.silhouette, Math.round(r.durationMs),
    ])).rows[0];
    if (!stored) return null;
    const ids = r.groups.map((g) => g.id);
    const rows = new Map<string, string>();
    r.itemKeys.forEach((key, j) => {
      const colon = key.indexOf(':');
      const it = r.items[j]!;
      const s: Record<string, number | null> = {}, n: Record<string, number> = {};
      ids.forEach((g, gi) => {
        s[g] = it.support[gi] ?? null;
        n[g] = it.votes[gi] ?? 0;
      });
      rows.set(key, JSON.stringify({ t: key.slice(0, colon), id: key.slice(colon + 1), b: it.bridging, s, n }));
    });
    const incremental = previous !== undefined && previousAt !== null && previousAt === previous.computedAt;
    const write: string[] = [];
    if (incremental) {
      for (const [key, row] of rows) if (previous.rows.get(key) !== row) write.push(row);
      const gone = [...previous.rows.keys()].filter((key) => !rows.has(key)).map((key) => {
        const colon = key.indexOf(':');
        return { t: key.slice(0, colon), id: key.slice(colon + 1) };
      });
      if (gone.length) await tx.query(SQL.dropItems, [billId, JSON.stringify(gone)]);
    } else {
      await tx.query(SQL.clearItems, [billId]);
      write.push(...rows.values());
    }
    if (write.length) await tx.query(SQL.saveItems, [billId, `[${write.join(',')}]`]);
    return { saved: { computedAt: stored.written, rows }, rowsWritten: write.length };
  });
}

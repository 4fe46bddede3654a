/**
 * Bulk seeding straight in SQL — thousands of accounts with open sessions, a bill in
 * consultation, submitted amendments, votes — in a few statements, instead of thousands of HTTP
 * calls. The rows are the ones the commands would write (numbers, submission revisions, authors,
 * counters, events), so the API serves them exactly as it would serve real ones.
 */
import { randomUUID } from 'node:crypto';
import { hashPassword } from '../../server/auth/passwords';
import { hashToken, newSessionToken } from '../../server/auth/tokens';
import type { Db } from '../../server/db/db';
import { backfillIdentityKeys } from '../../server/sql/amendments';

export interface Accounts {
  ids: string[];
  /** Bearer tokens, same order as ids (empty when seeded without sessions). */
  tokens: string[];
}

/** `n` citizen accounts sharing one pre-computed argon2 hash, each with an open session if asked. */
export async function seedAccounts(db: Db, n: number, opts: { sessions: boolean }): Promise<Accounts> {
  const passwordHash = await hashPassword('mot-de-passe-du-banc-d-essai');
  const ids = Array.from({ length: n }, () => randomUUID());
  const tokens = opts.sessions ? ids.map(() => newSessionToken()) : [];
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO users (id, email, password_hash, display_name)
       SELECT id, format('votant%s@banc.invalid', lpad(i::text, 6, '0')), $2, format('Votant %s', i)
       FROM unnest($1::uuid[]) WITH ORDINALITY AS u(id, i)`,
      [ids, passwordHash],
    );
    if (opts.sessions) {
      await tx.query(
        `INSERT INTO sessions (token_hash, user_id, expires_at)
         SELECT h, u, now() + interval '1 day' FROM unnest($1::text[], $2::uuid[]) AS s(h, u)`,
        [tokens.map(hashToken), ids],
      );
    }
  });
  return { ids, tokens };
}

const WORDS = 'le la les des un une administration donnée publique droit accès document code article disposition présente loi ministre décret conditions établissement enseignement supérieur recherche'.split(' ');

function sentence(seed: number, words: number): string {
  let s = '';
  for (let i = 0; i < words; i++) s += `${WORDS[(seed * 31 + i * 17) % WORDS.length]} `;
  return `${s.trim()}.`;
}

export interface SeededBill {
  billId: string;
  /** In text order. */
  articleIds: string[];
  /** All submitted amendments, by public number (index 0 = n° 1). */
  amendmentIds: string[];
  /** Amendment ids per article, same order as articleIds. */
  amendmentsByArticle: string[][];
}

/**
 * A bill in consultation with `amendmentsPerArticle.length` articles (3 alinéas each) and, on
 * article k, `amendmentsPerArticle[k]` submitted `modify` amendments (2 alinéas + an exposé
 * sommaire), numbered 1… in submission order, written by accounts taken in turn from `authors`.
 */
export async function seedBill(db: Db, opts: { authors: string[]; amendmentsPerArticle: number[] }): Promise<SeededBill> {
  const articleText = [sentence(1, 40), sentence(2, 60), sentence(3, 30)];
  const admin = opts.authors[0]!;
  // Amendment i (1-based) goes to article `articleOf[i-1]`, articles interleaved like real submissions.
  const articleOf: number[] = [];
  const left = [...opts.amendmentsPerArticle];
  while (left.some((n) => n > 0)) {
    left.forEach((n, k) => {
      if (n > 0) {
        articleOf.push(k + 1);
        left[k] = n - 1;
      }
    });
  }
  const total = articleOf.length;
  return db.transaction(async (tx) => {
    const billId = (
      await tx.query<{ id: string }>(
        `INSERT INTO bills (title, status, created_by) VALUES ('Projet de loi du banc d''essai', 'consultation', $1) RETURNING id`,
        [admin],
      )
    ).rows[0]!.id;
    const articleIds = (
      await tx.query<{ id: string }>(
        `INSERT INTO articles (bill_id, position, number)
         SELECT $1, g, CASE WHEN g = 1 THEN '1er' ELSE g::text END FROM generate_series(1, $2::int) g
         RETURNING id`,
        [billId, opts.amendmentsPerArticle.length],
      )
    ).rows.map((r) => r.id);
    await tx.query(
      `INSERT INTO article_versions (article_id, version, alineas, reason, created_by)
       SELECT id, 1, $2::jsonb, 'Texte initial', $3 FROM articles WHERE bill_id = $1`,
      [billId, JSON.stringify(articleText), admin],
    );
    const rows = (
      await tx.query<{ id: string; number: number }>(
        `INSERT INTO amendments (bill_id, article_id, kind, status, number, base_version, alineas, rationale, created_by, created_at, submitted_at)
         SELECT $1, ar.id, 'modify', 'submitted', x.i, 1,
                jsonb_build_array($5::text || ' (amendement n° ' || x.i || ')', $6::text),
                'Exposé sommaire de l''amendement n° ' || x.i || ' : ' || $7::text,
                ($3::uuid[])[1 + (x.i - 1) % cardinality($3::uuid[])],
                now() - make_interval(secs => $4::int - x.i + 60), now() - make_interval(secs => $4::int - x.i)
         FROM unnest($2::int[]) WITH ORDINALITY AS x(position, i)
         JOIN articles ar ON ar.bill_id = $1 AND ar.position = x.position
         RETURNING id, number`,
        [billId, articleOf, opts.authors, total, sentence(4, 45), sentence(5, 35), sentence(6, 50)],
      )
    ).rows.sort((a, b) => a.number - b.number);
    await tx.query(
      `INSERT INTO amendment_authors (amendment_id, user_id) SELECT id, created_by FROM amendments WHERE bill_id = $1`,
      [billId],
    );
    await tx.query(
      `INSERT INTO amendment_revisions (amendment_id, revision, kind, alineas, rationale, author_id, created_at)
       SELECT id, 1, 'submission', alineas, rationale, created_by, submitted_at FROM amendments WHERE bill_id = $1`,
      [billId],
    );
    await tx.query(`INSERT INTO amendment_counters (bill_id, origin, last_number) VALUES ($1, 'citizen', $2)`, [billId, total]);
    await tx.query(
      `INSERT INTO events (bill_id, type, actor_id, subject_type, subject_id, data)
       VALUES ($1::uuid, 'bill.created', $2, 'bill', $4::text, jsonb_build_object('title', 'Projet de loi du banc d''essai', 'articles', $3::int))`,
      [billId, admin, articleIds.length, billId],
    );
    await tx.query(
      `INSERT INTO events (bill_id, type, actor_id, subject_type, subject_id, data, at)
       SELECT bill_id, 'amendment.submitted', created_by, 'amendment', id::text,
              jsonb_build_object('number', number, 'articleId', article_id, 'kind', kind, 'origin', origin), submitted_at
       FROM amendments WHERE bill_id = $1 ORDER BY number`,
      [billId],
    );
    await backfillIdentityKeys(tx); // raw inserts above: their identity keys, from the one definition
    const amendmentsByArticle = articleIds.map(() => [] as string[]);
    for (const r of rows) amendmentsByArticle[articleOf[r.number - 1]! - 1]!.push(r.id);
    return { billId, articleIds, amendmentIds: rows.map((r) => r.id), amendmentsByArticle };
  });
}

/**
 * Exactly `200 × amendments.length` votes (for an even count) on the given amendments. Amendment
 * i gets 200 ± d_i votes (d_i in [-200, 199], paired so that the total is exact) from distinct
 * accounts, with its own share of « d'accord », so that the rankings have something to rank.
 * Needs at least 400 accounts.
 *
 * `via: 'trigger'` inserts them with one INSERT … SELECT through the `votes_tally` trigger, row by
 * row as in production (≈ 30 s for 200,000 here). `via: 'bulk'` (default) disables the trigger for
 * this one transaction and writes what it would have written — the `tallies` (added to any
 * existing ones) and one `vote_events` row per vote — from the inserted rows in the same
 * statement (≈ 2 s). Either way `checkTallies` proves the result consistent.
 */
export async function seedVotes(db: Db, amendmentIds: string[], accountIds: string[], via: 'bulk' | 'trigger' = 'bulk'): Promise<number> {
  if (amendmentIds.length % 2 !== 0) throw new Error('seedVotes: an even number of amendments');
  if (accountIds.length < 400) throw new Error('seedVotes: at least 400 accounts');
  const half = amendmentIds.length / 2;
  const insert = `WITH a AS (
         SELECT id, i,
                CASE WHEN i <= $3 THEN 200 + ((((i - 1) % $3 + 1) * 37) % 400 - 200)
                     ELSE 200 - ((((i - 1) % $3 + 1) * 37) % 400 - 200) END AS k,
                ((i * 61) % 100) / 100.0 AS p_for
         FROM unnest($1::uuid[]) WITH ORDINALITY AS x(id, i)),
       u AS (SELECT id, j FROM unnest($2::uuid[]) WITH ORDINALITY AS y(id, j))
       INSERT INTO votes (target_type, target_id, user_id, value)
       SELECT 'amendment', a.id, u.id,
              CASE WHEN random() < a.p_for THEN 'for' WHEN random() < 0.33 THEN 'mitigated' ELSE 'against' END
       FROM a CROSS JOIN LATERAL generate_series(0, a.k - 1) AS t
       JOIN u ON u.j = 1 + ((a.i * 97 + t) % cardinality($2::uuid[]))`;
  return db.transaction(async (tx) => {
    await tx.query('SELECT setseed(0.42)');
    if (via === 'trigger') return (await tx.query(insert, [amendmentIds, accountIds, half])).rowCount;
    await tx.exec('ALTER TABLE votes DISABLE TRIGGER votes_tally');
    const r = await tx.query<{ n: number }>(
      `WITH ins AS (${insert} RETURNING target_type, target_id, value, updated_at),
       t AS (
         INSERT INTO tallies AS t (target_type, target_id, n_for, n_mitigated, n_against)
         SELECT target_type, target_id, count(*) FILTER (WHERE value = 'for'), count(*) FILTER (WHERE value = 'mitigated'),
                count(*) FILTER (WHERE value = 'against')
         FROM ins GROUP BY target_type, target_id
         ON CONFLICT (target_type, target_id) DO UPDATE
         SET n_for = t.n_for + EXCLUDED.n_for, n_mitigated = t.n_mitigated + EXCLUDED.n_mitigated, n_against = t.n_against + EXCLUDED.n_against),
       e AS (
         INSERT INTO vote_events (target_type, target_id, old_value, new_value, at)
         SELECT target_type, target_id, NULL, value, updated_at FROM ins)
       SELECT count(*)::int AS n FROM ins`,
      [amendmentIds, accountIds, half],
    );
    await tx.exec('ALTER TABLE votes ENABLE TRIGGER votes_tally');
    return r.rows[0]!.n;
  });
}

export interface TallyCheck {
  amendments: number;
  votes: number;
  /** amendments whose cached tally differs from the count of their `votes` rows */
  mismatches: { id: string; tally: [number, number, number]; truth: [number, number, number] }[];
  /** amendments whose tally differs from the replay of their `vote_events` */
  eventMismatches: number;
  /** per amendment id: the truth counted from `votes` [for, mitigated, against] */
  truth: Map<string, [number, number, number]>;
}

/** Compares every amendment's cached tally to its `votes` rows (the truth) and to its events. */
export async function checkTallies(db: Db, billId: string): Promise<TallyCheck> {
  const rows = (
    await db.query<{ id: string; t_for: number; t_mit: number; t_against: number; v_for: number; v_mit: number; v_against: number; e_for: number; e_mit: number; e_against: number }>(
      `SELECT a.id,
              COALESCE(t.n_for, 0) AS t_for, COALESCE(t.n_mitigated, 0) AS t_mit, COALESCE(t.n_against, 0) AS t_against,
              COALESCE(v.n_for, 0)::int AS v_for, COALESCE(v.n_mit, 0)::int AS v_mit, COALESCE(v.n_against, 0)::int AS v_against,
              COALESCE(e.n_for, 0)::int AS e_for, COALESCE(e.n_mit, 0)::int AS e_mit, COALESCE(e.n_against, 0)::int AS e_against
       FROM amendments a
       LEFT JOIN tallies t ON t.target_type = 'amendment' AND t.target_id = a.id
       LEFT JOIN (SELECT target_id, count(*) FILTER (WHERE value = 'for') AS n_for,
                         count(*) FILTER (WHERE value = 'mitigated') AS n_mit,
                         count(*) FILTER (WHERE value = 'against') AS n_against
                  FROM votes WHERE target_type = 'amendment' GROUP BY target_id) v ON v.target_id = a.id
       LEFT JOIN (SELECT target_id,
                         count(*) FILTER (WHERE new_value = 'for') - count(*) FILTER (WHERE old_value = 'for') AS n_for,
                         count(*) FILTER (WHERE new_value = 'mitigated') - count(*) FILTER (WHERE old_value = 'mitigated') AS n_mit,
                         count(*) FILTER (WHERE new_value = 'against') - count(*) FILTER (WHERE old_value = 'against') AS n_against
                  FROM vote_events WHERE target_type = 'amendment' GROUP BY target_id) e ON e.target_id = a.id
       WHERE a.bill_id = $1`,
      [billId],
    )
  ).rows;
  const check: TallyCheck = { amendments: rows.length, votes: 0, mismatches: [], eventMismatches: 0, truth: new Map() };
  for (const r of rows) {
    const truth: [number, number, number] = [r.v_for, r.v_mit, r.v_against];
    const tally: [number, number, number] = [r.t_for, r.t_mit, r.t_against];
    check.truth.set(r.id, truth);
    check.votes += r.v_for + r.v_mit + r.v_against;
    if (tally.join() !== truth.join()) check.mismatches.push({ id: r.id, tally, truth });
    if ([r.e_for, r.e_mit, r.e_against].join() !== tally.join()) check.eventMismatches++;
  }
  return check;
}

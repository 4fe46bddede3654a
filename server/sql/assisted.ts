import type { Queryable } from '../db/db';

/** SQL for `assisted_contributions`: what a mediator filed for a person or a workshop (migration 028). */
export type AssistedSubject = 'amendment' | 'argument' | 'annotation';

/**
 * The provenance of a contribution as one JSON value (null when nobody collected it), for the
 * SELECT lists of the contributions' own queries: `${PROVENANCE_JSON('argument', 'g.id')} AS provenance`.
 */
export const PROVENANCE_JSON = (type: AssistedSubject, idColumn: string) => `(SELECT json_build_object(
    'kind', ac.kind, 'personName', ac.person_name, 'place', ac.workshop_place, 'date', to_char(ac.workshop_date, 'YYYY-MM-DD'),
    'participants', ac.workshop_participants, 'mediatorName', ac.mediator_name, 'mediatorTown', ac.mediator_town, 'claimed', ac.claimed_at IS NOT NULL)
  FROM assisted_contributions ac WHERE ac.subject_type = '${type}' AND ac.subject_id = ${idColumn})`;

/** What `PROVENANCE_JSON` gives. */
export interface ProvenanceJson {
  kind: 'person' | 'workshop';
  personName: string | null;
  place: string | null;
  date: string | null;
  participants: number | null;
  mediatorName: string;
  mediatorTown: string;
  claimed: boolean;
}

const SQL = {
  insert: `INSERT INTO assisted_contributions (subject_type, subject_id, bill_id, mediator_id, mediator_name, mediator_town, kind,
             person_name, consent_at, workshop_place, workshop_date, workshop_participants, claim_hash)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $7 = 'person' THEN now() END, $9, $10::date, $11, $12)`,
  provenance: (type: AssistedSubject) => `SELECT ${PROVENANCE_JSON(type, '$1::uuid')} AS p`,
  byHash: `SELECT id, subject_type, subject_id, bill_id, mediator_id, mediator_name, mediator_town, person_name, claimed_by
           FROM assisted_contributions WHERE claim_hash = $1 FOR UPDATE`,
  markClaimed: 'UPDATE assisted_contributions SET claimed_by = $2, claimed_at = now() WHERE id = $1 AND claimed_at IS NULL',
  counts: `SELECT count(*) FILTER (WHERE subject_type = 'amendment' AND (a.status IS DISTINCT FROM 'draft'))::int AS amendments,
                  count(*) FILTER (WHERE subject_type = 'argument')::int AS arguments,
                  count(*) FILTER (WHERE subject_type = 'annotation')::int AS annotations,
                  count(*) FILTER (WHERE ac.kind = 'person' AND (a.status IS DISTINCT FROM 'draft'))::int AS persons,
                  count(DISTINCT (ac.mediator_id, ac.workshop_place, ac.workshop_date)) FILTER (WHERE ac.kind = 'workshop' AND (a.status IS DISTINCT FROM 'draft'))::int AS workshops
           FROM assisted_contributions ac LEFT JOIN amendments a ON ac.subject_type = 'amendment' AND a.id = ac.subject_id
           WHERE ac.bill_id = $1`,
  participants: `SELECT COALESCE(sum(n), 0)::int AS n FROM (
                   SELECT max(ac.workshop_participants) AS n
                   FROM assisted_contributions ac LEFT JOIN amendments a ON ac.subject_type = 'amendment' AND a.id = ac.subject_id
                   WHERE ac.bill_id = $1 AND ac.kind = 'workshop' AND a.status IS DISTINCT FROM 'draft'
                   GROUP BY ac.mediator_id, ac.workshop_place, ac.workshop_date) w`,
} as const;

export interface NewAssisted {
  subjectType: AssistedSubject;
  subjectId: string;
  billId: string;
  mediator: { id: string; name: string; town: string };
  kind: 'person' | 'workshop';
  personName?: string | undefined;
  place?: string | undefined;
  date?: string | undefined;
  participants?: number | undefined;
  claimHash?: Buffer | undefined;
}

export async function insertAssisted(db: Queryable, a: NewAssisted): Promise<void> {
  await db.query(SQL.insert, [
    a.subjectType, a.subjectId, a.billId, a.mediator.id, a.mediator.name, a.mediator.town, a.kind,
    a.personName ?? null, a.place ?? null, a.date ?? null, a.participants ?? null, a.claimHash ?? null,
  ]);
}

export async function findProvenance(db: Queryable, type: AssistedSubject, id: string): Promise<ProvenanceJson | null> {
  return (await db.query<{ p: ProvenanceJson | null }>(SQL.provenance(type), [id])).rows[0]?.p ?? null;
}

export interface ClaimRow {
  id: string;
  subject_type: AssistedSubject;
  subject_id: string;
  bill_id: string;
  mediator_id: string | null;
  mediator_name: string;
  mediator_town: string;
  person_name: string;
  claimed_by: string | null;
}

/** The row a claim code opens, locked for the claim (inside a transaction). */
export async function lockByClaimHash(db: Queryable, hash: Buffer): Promise<ClaimRow | undefined> {
  return (await db.query<ClaimRow>(SQL.byHash, [hash])).rows[0];
}

/** False when someone claimed it first. */
export async function markClaimed(db: Queryable, id: string, userId: string): Promise<boolean> {
  return (await db.query(SQL.markClaimed, [id, userId])).rowCount > 0;
}

/** Public collected contributions of a bill, counted apart (drafts are nobody's business). */
export interface AssistedCounts {
  amendments: number;
  arguments: number;
  annotations: number;
  /** Contributions filed on behalf of a person. */
  persons: number;
  /** Distinct workshops (mediator, place, day) and the people who took part in them. */
  workshops: number;
  workshopParticipants: number;
}

export async function countAssisted(db: Queryable, billId: string): Promise<AssistedCounts> {
  const [c, p] = await Promise.all([
    db.query<Omit<AssistedCounts, 'workshopParticipants'>>(SQL.counts, [billId]),
    db.query<{ n: number }>(SQL.participants, [billId]),
  ]);
  return { ...c.rows[0]!, workshopParticipants: p.rows[0]!.n };
}

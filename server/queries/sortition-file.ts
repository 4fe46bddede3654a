import type { Queryable } from '../db/db';
import { probabilitiesByPseudonym, volunteersOf } from '../commands/sortition';
import { FILE_FORMAT, type SortitionFile } from '../sortition/file';
import { problemOf, quotasFor } from '../sortition/model';
import type { BillRow } from '../sql/bills';
import { findSortition, listVolunteers, type SortitionRow, type VolunteerRow } from '../sql/sortition';

export interface SortitionView {
  row: SortitionRow;
  file: SortitionFile;
  volunteers: VolunteerRow[];
}

/** The published file of a bill's sortition (server/sortition/file.ts), with the rows behind it. */
export async function loadSortition(db: Queryable, bill: Pick<BillRow, 'id' | 'title'>): Promise<SortitionView | undefined> {
  const row = await findSortition(db, bill.id);
  if (!row) return undefined;
  const volunteers = await listVolunteers(db, bill.id);
  const pool = volunteersOf(volunteers);
  const problem = problemOf(row.seats, row.strata, pool);
  const d = row.distribution;
  const probabilities = d ? probabilitiesByPseudonym(problem, d.probabilities) : null;
  const declines = volunteers.filter((v) => v.decline_seq !== null).sort((a, b) => a.decline_seq! - b.decline_seq!);
  const events = declines.map((v) => v.pseudonym);
  const file: SortitionFile = {
    format: FILE_FORMAT, billId: bill.id, billTitle: bill.title, status: row.status,
    seats: row.seats, strata: row.strata, quotas: quotasFor(row.seats, row.strata), volunteers: pool,
    poolHash: row.pool_hash, seedHash: row.seed_hash, committedAt: row.committed_at?.toISOString() ?? null,
    lottery: d ? {
      algorithm: d.algorithm, total: d.total,
      profiles: problem.profiles.map((p) => ({ answers: Object.fromEntries(row.strata.map((s, i) => [s.name, s.categories[p.categories[i]!]!.value])), members: p.members })),
      panels: d.panels, stats: d.stats,
    } : null,
    probabilities, minimumProbability: d ? Math.min(...d.probabilities) : null,
    seed: row.seed, publicValue: row.public_value, drawnAt: row.drawn_at?.toISOString() ?? null,
    drawn: row.drawn, declines: events,
    replacements: [],
    panel: row.drawn ? volunteers.filter((v) => v.seated_at && v.response !== 'declined').map((v) => v.pseudonym).sort() : null,
    failure: row.failure,
  };
  file.replacements = declines.map((v) => ({ declined: v.pseudonym, replacement: v.replaced_by }));
  return { row, file, volunteers };
}

import { rankItems } from '../../shared/ranking';
import { tally } from '../../shared/votes';
import type { Queryable } from '../db/db';
import type { ArgumentRow } from '../sql/arguments';
import { getTallies, type TallyScope } from '../sql/votes';
import { hiddenView } from './amendment';
import { presentProvenance } from './provenance';

export function presentArgument(g: ArgumentRow) {
  const hidden = hiddenView(g.hidden_reason);
  return {
    id: g.id,
    targetType: g.target_type,
    targetId: g.target_id,
    side: g.side,
    body: hidden ? '' : g.body,
    author: { id: g.author_id, displayName: g.author_name, kind: g.author_kind, assurance: g.author_assurance },
    /** « recueilli par … »: filed by a mediator for a person or a workshop (null otherwise). */
    collected: presentProvenance(g.provenance),
    createdAt: g.created_at.toISOString(),
    inspiredBy: g.inspired_by ? { id: g.inspired_by, displayName: g.inspired_by_name ?? '' } : null,
    tally: tally(g.n_for, g.n_mitigated, g.n_against),
    hidden,
  };
}

/** The rows with the tallies of verified identities only, when those are asked for. */
export async function withArgumentTallies(db: Queryable, rows: ArgumentRow[], scope: TallyScope): Promise<ArgumentRow[]> {
  if (scope === 'all') return rows;
  const tallies = await getTallies(db, 'argument', rows.map((g) => g.id), 'verified');
  return rows.map((g) => {
    const t = tallies.get(g.id)!;
    return { ...g, n_for: t.for, n_mitigated: t.mitigated, n_against: t.against };
  });
}

/** Arguments sorted by support (the Wilson lower bound of /api/ranking), the best first. */
export function presentArgumentsBySupport(rows: ArgumentRow[]) {
  const items = rows.map((g, i) => ({ ...presentArgument(g), position: [0, i] as [number, number], submittedAt: g.created_at.getTime() }));
  return rankItems(items, 'support', { viewerSeed: '' }).map(({ position: _p, submittedAt: _s, ...rest }) => rest);
}

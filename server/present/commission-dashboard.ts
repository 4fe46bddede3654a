import { displayNumber } from '../../shared/amendment';
import { commissionTally, type College } from '../../shared/commission';
import type { Queryable } from '../db/db';
import { notFound } from '../http/errors';
import { latestFormalisations } from '../sql/amendment-revisions';
import { findBill } from '../sql/bills';
import { commissionVotesOf, listMembers, myCommissionVotes } from '../sql/commission';
import type { UserRow } from '../sql/users';
import { getTallies } from '../sql/votes';
import { presentAuthor } from './amendment';
import { loadCommissionData } from './commission-data';

/**
 * The commission's dashboard: amendments in examination order (identical ones together), each with
 * the citizens' tally, the clerks' note, the commission's tally per college, the viewer's own vote
 * when a member, and the decision once taken. Also used as JSON by the page's live refresh.
 */
export async function loadDashboard(db: Queryable, billId: string, viewer: UserRow | null) {
  const bill = await findBill(db, billId);
  if (!bill) throw notFound('Projet de loi introuvable.');
  const data = await loadCommissionData(db, bill.id);
  const ids = data.rows.map((r) => r.id);
  const [citizen, commission, members] = await Promise.all([getTallies(db, 'amendment', ids), commissionVotesOf(db, ids), listMembers(db, bill.id)]);
  const myCollege: College | null = viewer ? (members.find((m) => m.user_id === viewer.id)?.college ?? null) : null;
  const mine = viewer && myCollege ? await myCommissionVotes(db, viewer.id, ids) : new Map();
  // Clerks' notes: the note of each amendment's latest formalisation.
  const formal = await latestFormalisations(db, ids);
  const articleNumber = new Map(data.articles.map((a) => [a.id, a.number]));
  const groups = data.groups.map((g, index) => {
    const rows = g.amendmentIds.map((id) => data.byId.get(id)!);
    const head = rows[0]!;
    const decision = data.decisions.get(head.id);
    return {
      index: index + 1,
      articleNumber: articleNumber.get(g.articleId) ?? head.article_number,
      kind: g.kind,
      amendments: rows.map((r) => ({
        id: r.id, displayNumber: displayNumber(r.origin, r.number), origin: r.origin, status: r.status,
        authors: (data.authors.get(r.id) ?? []).map(presentAuthor), rationale: r.rationale,
        citizenTally: citizen.get(r.id) ?? { for: 0, mitigated: 0, against: 0, total: 0 },
        clerkNote: formal.get(r.id)?.note || null,
      })),
      commissionTally: commissionTally(commission.get(head.id) ?? []),
      myVote: mine.get(head.id) ?? null,
      decision: decision
        ? { outcome: decision.outcome, rule: decision.rule, reason: decision.reason, byAmendmentId: decision.by_amendment_id, tallies: decision.tallies, decidedAt: decision.decided_at.toISOString() }
        : null,
    };
  });
  return {
    bill: { id: bill.id, title: bill.title, status: bill.status, rule: bill.decision_rule ?? 'simple_majority', quorum: bill.quorum ?? null },
    members: members.map((m) => ({ userId: m.user_id, displayName: m.display_name, college: m.college })),
    myCollege,
    groups,
  };
}

export type Dashboard = Awaited<ReturnType<typeof loadDashboard>>;

import { rowNumber } from '../../shared/amendment';
import { commissionTally, type College } from '../../shared/commission';
import type { Queryable } from '../db/db';
import { notFound } from '../errors';
import { latestFormalisations } from '../sql/amendment-revisions';
import { findBill } from '../sql/bills';
import { commissionVotesOf, listMembers, myCommissionVotes } from '../sql/commission';
import type { UserRow } from '../sql/users';
import { getTallies } from '../sql/votes';
import { presentAuthor } from './amendment';
import { loadCommissionData } from '../queries/commission-data';
import { opinionItemsOf } from '../sql/opinions';

/**
 * The commission's dashboard: amendments in examination order (identical ones together), each with
 * the citizens' tally, the clerks' note, the commission's tally per college, the viewer's own vote
 * when a member, and the decision once taken. Also used as JSON by the page's live refresh.
 */
export interface DashboardFilter {
  articleId?: string | undefined;
  /** Only the groups not decided yet. */
  pending: boolean;
  page: number;
  pageSize: number;
}

export async function loadDashboard(db: Queryable, billId: string, viewer: UserRow | null, f: DashboardFilter = { pending: false, page: 1, pageSize: 50 }) {
  const bill = await findBill(db, billId);
  if (!bill) throw notFound('Projet de loi introuvable.');
  const data = await loadCommissionData(db, bill.id);
  // Each group keeps its rank in the whole examination (its anchor, #examen-N), whatever the filter.
  const ranked = data.groups.map((g, i) => ({ g, index: i + 1 }));
  const selected = ranked.filter(({ g }) => (!f.articleId || g.articleId === f.articleId) && (!f.pending || !data.decisions.has(g.amendmentIds[0]!)));
  const onPage = selected.slice((f.page - 1) * f.pageSize, f.page * f.pageSize);
  const ids = onPage.flatMap(({ g }) => g.amendmentIds);
  const [citizen, commission, members, opinions] = await Promise.all([getTallies(db, 'amendment', ids), commissionVotesOf(db, ids), listMembers(db, bill.id), opinionItemsOf(db, bill.id, 'amendment', ids)]);
  const myCollege: College | null = viewer ? (members.find((m) => m.user_id === viewer.id)?.college ?? null) : null;
  const mine = viewer && myCollege ? await myCommissionVotes(db, viewer.id, ids) : new Map();
  // Clerks' notes: the note of each amendment's latest formalisation.
  const formal = await latestFormalisations(db, ids);
  const articleNumber = new Map(data.articles.map((a) => [a.id, a.number]));
  const parentNumber = (id: string) => {
    const p = data.byId.get(id);
    return p ? rowNumber(p) : null;
  };
  const groups = onPage.map(({ g, index }) => {
    const rows = g.amendmentIds.map((id) => data.byId.get(id)!);
    const head = rows[0]!;
    const decision = data.decisions.get(head.id);
    return {
      index,
      articleNumber: articleNumber.get(g.articleId) ?? head.article_number,
      kind: g.kind,
      amendments: rows.map((r) => ({
        id: r.id, displayNumber: rowNumber(r), origin: r.origin, status: r.status, rectification: r.rectification,
        // a sous-amendement: the amendment it rewrites (examined just after it)
        subAmendmentOf: r.parent_id === null ? null : { id: r.parent_id, displayNumber: parentNumber(r.parent_id) },
        authors: (data.authors.get(r.id) ?? []).map(presentAuthor), rationale: r.rationale,
        citizenTally: citizen.get(r.id) ?? { for: 0, mitigated: 0, against: 0, total: 0 },
        clerkNote: formal.get(r.id)?.note || null,
        // the citizens' support per opinion group (issue 18): aggregates of groups of 10 or more
        groupSupport: opinions.get(r.id)?.support ?? null,
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
    articles: data.articles.map((a) => ({ id: a.id, number: a.number })),
    total: data.groups.length,
    pendingTotal: data.groups.filter((g) => !data.decisions.has(g.amendmentIds[0]!)).length,
    selected: selected.length,
    filter: f,
  };
}

export type Dashboard = Awaited<ReturnType<typeof loadDashboard>>;

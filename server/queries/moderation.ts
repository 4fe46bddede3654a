import { z } from 'zod';
import { CHARTER_RULE_IDS, FLAG_CAUSES, FLAG_LABELS, MODERATION_LIMITS, QUEUE_AGES, ruleTitle, type FlagCause, type QueueAge } from '../../shared/moderation';
import { idParam, queryInt } from '../http/schemas';
import type { Queryable } from '../db/db';
import { findAppealOfAction, type AppealRow } from '../sql/moderation-appeals';
import { listQueue, subjectDetails, type QueueRow } from '../sql/moderation-queue';
import { findModerationAction, SUBJECT_TYPES, type ModerationLogRow, type SubjectType } from '../sql/moderation';

/** Read models of the moderation queue and of one decision, for the JSON API and the pages alike. */

/** The queue's filters (docs/moderation.md): kind, reason (a rule or a flag's cause), bill, age; pages. */
export const queueQuery = z.object({
  type: z.enum(SUBJECT_TYPES).optional(),
  reason: z.enum([...CHARTER_RULE_IDS, ...FLAG_CAUSES]).optional(),
  bill: idParam.optional(),
  age: z.enum(Object.keys(QUEUE_AGES) as [QueueAge, ...QueueAge[]]).optional(),
  page: queryInt(1, 100_000).default(1),
  perPage: queryInt(1, 100).default(MODERATION_LIMITS.queuePage),
});


export interface QueueQuery {
  type?: SubjectType | undefined;
  reason?: string | undefined;
  bill?: string | undefined;
  age?: QueueAge | undefined;
  page: number;
  perPage: number;
}

const signalLabel = (source: 'report' | 'flag', cause: string) => (source === 'flag' ? FLAG_LABELS[cause as FlagCause] ?? cause : ruleTitle(cause));

export async function moderationQueue(db: Queryable, q: QueueQuery) {
  const { rows, total } = await listQueue(db, {
    type: q.type ?? null, reason: q.reason ?? null, billId: q.bill ?? null, minAgeSeconds: q.age ? QUEUE_AGES[q.age] : null,
  }, { limit: q.perPage, offset: (q.page - 1) * q.perPage });
  const details = await subjectDetails(db, rows.map((r) => ({ type: r.subject_type, id: r.subject_id })));
  const items = rows.map((r: QueueRow) => {
    const d = details.get(`${r.subject_type}:${r.subject_id}`);
    return {
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      bill: r.bill_id ? { id: r.bill_id, title: r.bill_title ?? '' } : null,
      excerpt: d?.excerpt ?? '',
      link: d?.link ?? null,
      author: d?.author_id ? { id: d.author_id, displayName: d.author_name ?? '' } : null,
      hidden: d ? d.hidden_reason !== null : false,
      reports: r.reports,
      flags: r.flags,
      signals: r.signals.map((s) => ({ source: s.source, cause: s.cause, label: signalLabel(s.source, s.cause), detail: s.detail, at: new Date(s.at).toISOString() })),
      waitingSince: r.first_at.toISOString(),
    };
  });
  return { items, total, page: q.page, perPage: q.perPage, pages: Math.max(1, Math.ceil(total / q.perPage)) };
}

export type QueueItem = Awaited<ReturnType<typeof moderationQueue>>['items'][number];

/** A decision of the public log, as anyone reads it. */
export const presentAction = (a: ModerationLogRow) => ({
  id: String(a.id),
  subjectType: a.subject_type,
  subjectId: a.subject_id,
  billId: a.bill_id,
  action: a.action,
  rule: a.rule,
  ruleTitle: a.rule ? ruleTitle(a.rule) : null,
  reason: a.reason,
  suspendedUntil: a.action === 'suspend' ? (a.suspended_until?.toISOString() ?? null) : undefined,
  appealId: a.appeal_id === null ? null : String(a.appeal_id),
  account: a.subject_type === 'account' ? { id: a.subject_id, displayName: a.account_name ?? '' } : undefined,
  at: a.at.toISOString(),
  moderator: a.moderator_name,
});

/** The appeal as its author and the moderators read it; others see that it exists and its outcome, not its text. */
export const presentAppeal = (p: AppealRow, full: boolean) => ({
  id: String(p.id),
  actionId: String(p.action_id),
  createdAt: p.created_at.toISOString(),
  body: full ? p.body : undefined,
  decision: p.decision,
  decidedAt: p.decided_at?.toISOString() ?? null,
  decidedBy: p.decided_by_name,
  decisionReason: p.decision_reason,
});

export async function decisionDetail(db: Queryable, actionId: string) {
  const action = await findModerationAction(db, actionId);
  if (!action) return undefined;
  return { action, appeal: await findAppealOfAction(db, actionId) };
}

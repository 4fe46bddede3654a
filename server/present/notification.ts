import { amendmentTitle, displayNumber } from '../../shared/amendment';
import { ACTOR, type NotificationRow } from '../sql/notifications';

/** A notification as read now: the acting person named as their account is called today. */
export const presentNotification = (n: NotificationRow) => ({
  id: String(n.id),
  type: n.type,
  message: n.message.split(ACTOR).join(n.actor_name ?? 'Quelqu’un'),
  amendment: n.amendment_id
    ? { id: n.amendment_id, displayNumber: displayNumber(n.origin ?? 'citizen', n.number), articleNumber: n.article_number, billTitle: n.bill_title }
    : null,
  bill: { id: n.bill_id, title: n.bill_title },
  /** Where following it leads (and marks it read): GET /notifications/<id>. */
  url: `/notifications/${n.id}`,
  createdAt: n.created_at.toISOString(),
  read: n.read_at !== null,
});

/** What a notification is about, in words: « Amendement n° 3 — article 2, Projet de loi … ». */
export const notificationAbout = (n: ReturnType<typeof presentNotification>): string =>
  n.amendment ? `${amendmentTitle(n.amendment.displayNumber)} — article ${n.amendment.articleNumber ?? ''}, ${n.bill.title}` : n.bill.title;

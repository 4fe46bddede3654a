import express, { type Router } from 'express';
import { NOTIFICATION_KIND_LABELS } from '../../shared/notification-kinds';
import { markNotificationsReadOp } from '../operations/accounts';
import type { OpDeps } from '../operations/operation';
import { presentNotification } from '../present/notification';
import { findNotification, listNotifications, markNotificationsRead, type NotificationType } from '../sql/notifications';
import { amendmentTitle, dateTimeFr } from './amendment-parts';
import { html } from '../html';
import { layout, type PageContext } from './layout';
import { formOperation } from './form-operation';
import { formAlert, stateFor } from './form-state';
import { ctx, formBody, page } from './page-kit';
import { t } from '../i18n';
import { tMessage } from '../i18n/message';

const PAGE_SIZE = 30;
const TYPE_LABELS = Object.fromEntries(Object.entries(NOTIFICATION_KIND_LABELS).map(([k, v]) => [k, v.label])) as Record<NotificationType, string>;

type Item = ReturnType<typeof presentNotification>;

function notificationsPage(c: PageContext, items: Item[], next: string | null): string {
  const unread = items.filter((n) => !n.read).length;
  const list = items.length
    ? html`<ol class="notifications" role="list">${items.map((n) => html`<li class="notification${n.read ? '' : ' unread'}">
        <p class="meta"><span class="status">${t(TYPE_LABELS[n.type])}</span> · ${dateTimeFr.format(new Date(n.createdAt))}${n.read ? '' : html` · <strong>${t('non lue')}</strong>`}</p>
        <p>${tMessage(n.message)}</p>
        <p><a href="${n.url}">${n.type === 'moderation' ? html`${t('Voir la décision et faire appel')} — ` : ''}${n.amendment ? html`${amendmentTitle(n.amendment.displayNumber)} — ${t('article {{numero}}', { numero: n.amendment.articleNumber ?? '' })}, ` : ''}<span lang="fr">${n.bill.title}</span></a></p>
      </li>`)}</ol>`
    : html`<p class="empty">${t('Aucune notification. Vous serez prévenu ici quand le greffe ou la commission traitera vos amendements.')}</p>`;
  return layout(c, {
    title: 'Notifications',
    main: html`<h1>${t('Notifications')}</h1>
      <p class="lead">${t('Ce qu’il advient de vos amendements : mise en forme, irrecevabilité, réponses du greffe, décisions.')}</p>
      ${formAlert(stateFor(c, 'lues'))}
      ${unread > 0 ? html`<form method="post" action="/notifications/lues" novalidate><button type="submit">${t('Tout marquer comme lu')}</button></form>` : ''}
      ${list}
      ${next ? html`<p><a href="/notifications?avant=${next}">${t('Notifications plus anciennes')}</a></p>` : ''}`,
  });
}

/** A person's notifications: read them, mark them read. */
export function notificationPages(deps: OpDeps): Router {
  const { db } = deps;
  const r = express.Router();
  r.get('/notifications', page(async (req, res) => {
    if (!req.user) return res.redirect(303, '/connexion?suite=/notifications');
    const before = typeof req.query.avant === 'string' && /^\d{1,18}$/.test(req.query.avant) ? req.query.avant : undefined;
    const rows = await listNotifications(db, req.user.id, { before, limit: PAGE_SIZE + 1 });
    const items = rows.slice(0, PAGE_SIZE).map(presentNotification);
    res.type('html').send(notificationsPage(ctx(req), items, rows.length > PAGE_SIZE ? items.at(-1)!.id : null));
  }));
  // Following a notification marks it read, then leads to what it is about.
  r.get('/notifications/:id', page(async (req, res) => {
    const id = String(req.params.id);
    if (!req.user) return res.redirect(303, `/connexion?suite=/notifications/${encodeURIComponent(id)}`);
    const n = /^\d{1,18}$/.test(id) ? await findNotification(db, req.user.id, id) : undefined;
    if (!n) return res.redirect(303, '/notifications');
    await markNotificationsRead(db, req.user.id, [n.id]);
    if (n.moderation_action_id !== null) return res.redirect(303, `/moderation/decisions/${n.moderation_action_id}`);
    res.redirect(303, n.amendment_id ? `/amendements/${n.amendment_id}` : `/textes/${n.bill_id ?? ''}${n.type === 'appointed' ? '/commission' : ''}`);
  }));
  // The adapter of POST /api/notifications/read (no ids: all of them).
  r.post('/notifications/lues', formBody('10kb'), formOperation(deps, markNotificationsReadOp, {
    signIn: () => '/notifications', formPage: () => '/notifications', formName: () => 'lues',
    body: () => ({}),
    done: (_req, res) => res.redirect(303, '/notifications'),
  }));
  return r;
}

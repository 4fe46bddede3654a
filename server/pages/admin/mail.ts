import express, { type Router } from 'express';
import { z } from 'zod';
import { precheck } from '../../authorize';
import type { Db } from '../../db/db';
import { notFound } from '../../http/errors';
import { html, type SafeHtml } from '../../html';
import type { MailService } from '../../mail/service';
import { findOutbox, listOutbox, outboxCounts, OUTBOX_STATUSES, requeue, type OutboxKind, type OutboxListRow, type OutboxStatus } from '../../sql/mail-outbox';
import { dateTimeFr } from '../amendment-parts';
import { ctx, formBody, page } from '../page-kit';
import { adminLayout } from './shell';
import { hidesBody } from '../../routes/account-mail';
import { t } from '../../i18n';
import { msg } from '../../../shared/i18n';

const PAGE_SIZE = 50;
export const STATUS_LABELS: Record<OutboxStatus, string> = {
  pending: msg('en attente'), sending: msg('en cours d’envoi'), sent: msg('envoyé'), failed: msg('en échec'), uncertain: msg('envoi incertain'), cancelled: msg('annulé'),
};
const KIND_LABELS: Record<OutboxKind, string> = {
  verify_email: msg('Confirmation d’adresse'), password_reset: msg('Mot de passe oublié'), email_change: msg('Nouvelle adresse'), email_changed: msg('Avis de changement d’adresse'),
  password_changed: msg('Avis de changement de mot de passe'), notification: msg('Notification'), digest: msg('Résumé quotidien'), sortition: msg('Tirage au sort'), moderation: msg('Décision de modération sur le compte'),
};
const listQuery = z.object({
  statut: z.enum(OUTBOX_STATUSES).optional().catch(undefined),
  avant: z.string().regex(/^\d{1,18}$/).optional().catch(undefined),
});

const badge = (s: OutboxStatus) => html`<span class="badge badge-mail-${s}">${STATUS_LABELS[s]}</span>`;

/** Plain text with its web addresses made into links (the demo's admin follows them from here). */
function linkified(text: string): SafeHtml[] {
  return text.split(/(https?:\/\/[^\s<>"]+)/g).map((part, i) => (i % 2 === 1 ? html`<a href="${part}">${part}</a>` : html`${part}`));
}

function sendingNotice(mail: MailService): SafeHtml {
  return mail.sending
    ? html`<p class="notice" role="status">${t('Les courriels partent par le relais SMTP configuré (')}<code>${t('SMTP_URL')}</code>${t('). Ceux qui contenaient un lien personnel n’en gardent que l’objet une fois envoyés.')}</p>`
    : html`<p class="notice notice-warn" role="status"><strong>${t('Aucun relais SMTP n’est configuré')}</strong> (<code>${t('SMTP_URL')}</code>${t(') : rien ne part, les courriels restent ici, lisibles par les administrateurs — c’est le mode démonstration. En production, configurez un relais (voir le README).')}</p>`;
}

function listPage(rows: OutboxListRow[], counts: Record<OutboxStatus, number>, status: OutboxStatus | undefined, next: string | null, mail: MailService): SafeHtml {
  const filter = (s: OutboxStatus | undefined, label: string, n: number) =>
    html`<li><a href="/admin/courriels${s ? `?statut=${s}` : ''}"${s === status ? html` aria-current="page"` : ''}>${label} (${n})</a></li>`;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return html`<h1>${t('Courriels')}</h1>
    ${sendingNotice(mail)}
    <nav aria-label="${t('Filtrer par état')}"><ul role="list" class="filters">${filter(undefined, t('Tous'), total)}${OUTBOX_STATUSES.map((s) => filter(s, t(STATUS_LABELS[s]), counts[s]))}</ul></nav>
    ${rows.length === 0
      ? html`<p class="empty">${status ? t('Aucun courriel {{etat}} pour l’instant.', { etat: t(STATUS_LABELS[status]) }) : t('Aucun courriel pour l’instant.')}</p>`
      : html`<div class="table-scroll" tabindex="0" role="region" aria-label="${t('Courriels')}"><table class="data-table">
        <thead><tr><th scope="col">${t('Créé le')}</th><th scope="col">${t('Type')}</th><th scope="col">${t('À')}</th><th scope="col">${t('Objet')}</th><th scope="col">${t('État')}</th><th scope="col">${t('Essais')}</th></tr></thead>
        <tbody>${rows.map((m) => html`<tr>
          <td>${dateTimeFr.format(m.created_at)}</td><td>${t(KIND_LABELS[m.kind])}</td><td>${m.to_address ?? m.user_email ?? ''}</td>
          <td><a href="/admin/courriels/${m.id}">${m.subject ?? t('{{type}} (composé à l’envoi)', { type: t(KIND_LABELS[m.kind]) })}</a></td><td>${badge(m.status)}</td><td>${m.attempts}</td>
        </tr>`)}</tbody></table></div>`}
    ${next ? html`<p><a href="/admin/courriels?${new URLSearchParams({ ...(status ? { statut: status } : {}), avant: next }).toString()}">${t('Courriels plus anciens')}</a></p>` : ''}`;
}

function messagePage(m: OutboxListRow, sending: boolean): SafeHtml {
  const canResend = m.status === 'failed' || m.status === 'uncertain';
  return html`<h1>${m.subject ?? t(KIND_LABELS[m.kind])}</h1>
    <dl class="account-facts">
      <dt>${t('Type')}</dt><dd>${t(KIND_LABELS[m.kind])}</dd>
      <dt>${t('À')}</dt><dd>${m.to_address ?? m.user_email ?? ''}</dd>
      <dt>${t('État')}</dt><dd>${badge(m.status)}${m.sent_at ? html` ${t('le {{date}}', { date: dateTimeFr.format(m.sent_at) })}` : ''}</dd>
      <dt>${t('Essais')}</dt><dd>${m.attempts}${m.status === 'pending' && m.attempts > 0 ? html` — ${t('prochain essai le {{date}}', { date: dateTimeFr.format(m.next_attempt_at) })}` : ''}</dd>
      ${m.last_error ? html`<dt>${t('Dernière erreur')}</dt><dd>${m.last_error}</dd>` : ''}
    </dl>
    ${canResend ? html`<form method="post" action="/admin/courriels/${m.id}/renvoyer" novalidate><input type="hidden" name="statut" value="${m.status}"><button type="submit">${t('Renvoyer')}</button></form>` : ''}
    <h2>${t('Texte')}</h2>
    ${hidesBody(m, sending)
      ? html`<p class="muted">${t('Masqué : ce courriel contient un lien personnel à usage unique, que seule la personne destinataire reçoit.')}</p>`
      : m.body_text !== null
      ? html`<pre class="mail-text">${linkified(m.body_text)}</pre>`
      : m.kind === 'notification' || m.kind === 'digest'
        ? html`<p class="muted">${t('Composé au moment de l’envoi, à partir des notifications de la personne (elles sont dans son espace « Notifications »).')}</p>`
        : html`<p class="muted">${t('Effacé après l’envoi : il contenait un lien personnel à usage unique.')}</p>`}`;
}

/** `/admin/courriels`: the outbox, read by admins (all of it without SMTP: the demo's mailbox). */
export function mailConsolePages(db: Db, mail: MailService): Router {
  const r = express.Router();
  r.get('/admin/courriels', page(async (req, res) => {
    precheck('mail.read', req.user ?? null);
    const q = listQuery.parse(req.query);
    const [rows, counts] = await Promise.all([listOutbox(db, { status: q.statut, before: q.avant, limit: PAGE_SIZE + 1 }), outboxCounts(db)]);
    const shown = rows.slice(0, PAGE_SIZE);
    res.set('Cache-Control', 'no-store').type('html').send(adminLayout(ctx(req), {
      title: t('Courriels'), here: '/admin/courriels', main: listPage(shown, counts, q.statut, rows.length > PAGE_SIZE ? shown.at(-1)!.id : null, mail),
    }));
  }));
  r.get('/admin/courriels/:id', page(async (req, res) => {
    precheck('mail.read', req.user ?? null);
    const id = String(req.params.id);
    const m = /^\d{1,18}$/.test(id) ? await findOutbox(db, id) : undefined;
    if (!m) throw notFound(msg('Courriel introuvable.'));
    res.set('Cache-Control', 'no-store').type('html').send(adminLayout(ctx(req), {
      title: m.subject ?? t('Courriel'), here: '/admin/courriels', crumbs: html`<a href="/admin/courriels">${t('Courriels')}</a>`, main: messagePage(m, mail.sending),
      notice: req.query.fait === 'renvoye' ? t('Le courriel est remis dans la file d’envoi.') : undefined,
    }));
  }));
  r.post('/admin/courriels/:id/renvoyer', formBody('1kb'), page(async (req, res) => {
    precheck('mail.resend', req.user ?? null);
    const id = String(req.params.id);
    const m = /^\d{1,18}$/.test(id) ? await findOutbox(db, id) : undefined;
    if (!m) throw notFound(msg('Courriel introuvable.'));
    if (await requeue(db, id)) mail.kick();
    res.redirect(303, `/admin/courriels/${id}?fait=renvoye`);
  }));
  return r;
}

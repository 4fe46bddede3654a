import express, { type Router } from 'express';
import type { Db } from '../db/db';
import { precheck } from '../authorize';
import { serialId } from '../http/schemas';
import { listModerationLog, listOpenReports, type ModerationLogRow, type OpenReportRow, type SubjectType } from '../sql/moderation';
import { html, type SafeHtml } from '../html';
import { layout, type PageContext } from './layout';
import { ctx, page } from './page-kit';
import { t } from '../i18n';

const SUBJECT_LABELS: Record<SubjectType, string> = { amendment: 'Amendement', argument: 'Argument', annotation: 'Annotation', reply: 'Réponse' };
const dateFr = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' });

/** A link to the contribution where it can be seen (amendments have their own page). */
function subjectLink(type: SubjectType, id: string): SafeHtml {
  return type === 'amendment' ? html`<a href="/amendements/${id}">${SUBJECT_LABELS[type]}</a>` : html`${SUBJECT_LABELS[type]} <code>${id.slice(0, 8)}</code>`;
}

function logPage(c: PageContext, rows: ModerationLogRow[], next: number | null): string {
  const table = rows.length
    ? html`<table class="data"><caption>${t('Décisions de modération, les plus récentes d’abord')}</caption>
        <thead><tr><th scope="col">${t('Date')}</th><th scope="col">${t('Décision')}</th><th scope="col">${t('Contribution')}</th><th scope="col">${t('Raison publique')}</th><th scope="col">${t('Par')}</th></tr></thead>
        <tbody>${rows.map((r) => html`<tr><td>${dateFr.format(r.at)}</td><td>${r.action === 'hide' ? 'Masquée' : 'Rétablie'}</td>
          <td>${subjectLink(r.subject_type, r.subject_id)}</td><td>${r.reason}</td><td>${r.moderator_name}</td></tr>`)}</tbody></table>`
    : html`<p class="empty">${t('Aucune décision de modération n’a été prise.')}</p>`;
  return layout(c, {
    title: 'Journal de la modération',
    main: html`<h1>${t('Journal de la modération')}</h1>
      <p class="lead">${t('Chaque contribution masquée l’est avec une raison publique ; chaque décision figure ici.')}</p>
      ${table}${next ? html`<p><a href="/moderation?avant=${next}">${t('Décisions plus anciennes')}</a></p>` : ''}`,
  });
}

function queuePage(c: PageContext, rows: OpenReportRow[]): string {
  const item = (r: OpenReportRow) => html`<li class="report-item">
    <p>${subjectLink(r.subject_type, r.subject_id)} — ${r.reports} signalement${r.reports > 1 ? 's' : ''}</p>
    <ul>${r.reasons.map((reason) => html`<li>${reason}</li>`)}</ul>
    <form method="post" action="/moderation/${r.subject_type}/${r.subject_id}/hide" class="inline-form">
      <label for="hide-${r.subject_id}">${t('Raison publique')}</label><input id="hide-${r.subject_id}" name="reason" required minlength="3">
      <button type="submit">${t('Masquer')}</button></form>
    <form method="post" action="/moderation/${r.subject_type}/${r.subject_id}/restore" class="inline-form">
      <label for="keep-${r.subject_id}">${t('Raison (si masquée)')}</label><input id="keep-${r.subject_id}" name="reason" required minlength="3">
      <button type="submit">${t('Rétablir')}</button></form></li>`;
  return layout(c, {
    title: 'Signalements',
    main: html`<h1>${t('Signalements à traiter')}</h1>
      ${rows.length ? html`<ol class="report-queue">${rows.map(item)}</ol>` : html`<p class="empty">${t('Aucun signalement en attente.')}</p>`}
      <p><a href="/moderation">${t('Journal public de la modération')}</a></p>`,
  });
}

export function moderationPages(db: Db): Router {
  const r = express.Router();
  r.get('/moderation', page(async (req, res) => {
    const before = serialId.safeParse(req.query.avant);
    const rows = await listModerationLog(db, before.success ? before.data : null, 50);
    res.type('html').send(logPage(ctx(req), rows, rows.length === 50 ? rows[rows.length - 1]!.id : null));
  }));
  r.get('/moderation/signalements', page(async (req, res) => {
    if (!req.user) return res.redirect(303, '/connexion?suite=/moderation/signalements');
    precheck('moderation.read', req.user);
    res.type('html').send(queuePage(ctx(req), await listOpenReports(db, 200)));
  }));
  return r;
}

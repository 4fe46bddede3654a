import express, { type Request, type Router } from 'express';
import {
  BULK_ACTION_LABELS, BULK_ACTIONS, CHARTER, FLAG_CAUSES, FLAG_LABELS, MODERATION_LIMITS as L, QUEUE_AGE_LABELS, QUEUE_AGES, type QueueAge,
} from '../../shared/moderation';
import { isSuspended } from '../../shared/policy';
import type { Db } from '../db/db';
import { precheck, suspensionOf } from '../authorize';
import { notFound } from '../http/errors';
import { moderationQueue, queueQuery, type QueueItem, type QueueQuery } from '../queries/moderation';
import { listBills } from '../sql/bills';
import { listPendingAppeals } from '../sql/moderation-appeals';
import { findUserById, type UserRow } from '../sql/users';
import { html, type SafeHtml } from '../html';
import { takeFlash } from './flash';
import { fieldAria, fieldError, formAlert, stateFor, typed } from './form-state';
import type { FormState } from './amendment-parts';
import { layout, type PageContext } from './layout';
import { dateFr, SUBJECT_LABELS } from './moderation-pages';
import { ctx, page } from './page-kit';
import { t, tn } from '../i18n';
import { tMessage } from '../i18n/message';

/** The moderators' pages: the queue (filters, pages, bulk actions) and an account's suspension. */

type Queue = Awaited<ReturnType<typeof moderationQueue>>;
type Notice = { error?: string | undefined; done?: string | undefined };

const notices = (n: Notice) => html`${n.error ? html`<p class="alert" role="alert">${tMessage(n.error)}</p>` : ''}${n.done ? html`<p class="notice notice-ok" role="status">${n.done}</p>` : ''}`;
const option = (value: string, label: string, selected: string | undefined) => html`<option value="${value}"${selected === value ? html` selected` : ''}>${label}</option>`;

/** The page's filters as a query string (the pager and the bulk form carry them). */
function queueHref(q: QueueQuery, pageNo: number): string {
  const p = new URLSearchParams();
  if (q.type) p.set('type', q.type);
  if (q.reason) p.set('reason', q.reason);
  if (q.bill) p.set('bill', q.bill);
  if (q.age) p.set('age', q.age);
  if (pageNo > 1) p.set('page', String(pageNo));
  const s = p.toString();
  return `/moderation/signalements${s ? `?${s}` : ''}`;
}

function filtersForm(q: QueueQuery, bills: { id: string; title: string }[]): SafeHtml {
  return html`<form method="get" action="/moderation/signalements" class="form queue-filters" aria-label="${t('Filtres de la file')}">
    <div class="filters">
      <p><label for="f-type">${t('Type')}</label> <select id="f-type" name="type">${option('', t('Tous'), q.type ?? '')}${Object.entries(SUBJECT_LABELS).filter(([k]) => k !== 'account').map(([k, v]) => option(k, t(v), q.type))}</select></p>
      <p><label for="f-reason">${t('Motif')}</label> <select id="f-reason" name="reason">${option('', t('Tous'), q.reason ?? '')}
        <optgroup label="${t('Règles de la charte')}">${CHARTER.map((r) => option(r.id, t(r.title), q.reason))}</optgroup>
        <optgroup label="${t('Signaux automatiques')}">${FLAG_CAUSES.map((c) => option(c, t(FLAG_LABELS[c]), q.reason))}</optgroup></select></p>
      <p><label for="f-bill">${t('Texte')}</label> <select id="f-bill" name="bill">${option('', t('Tous'), q.bill ?? '')}${bills.map((b) => html`<option value="${b.id}" lang="fr"${q.bill === b.id ? html` selected` : ''}>${b.title}</option>`)}</select></p>
      <p><label for="f-age">${t('En attente')}</label> <select id="f-age" name="age">${option('', t('Peu importe'), q.age ?? '')}${(Object.keys(QUEUE_AGES) as QueueAge[]).map((a) => option(a, t(QUEUE_AGE_LABELS[a]), q.age))}</select></p>
      <p><button type="submit">${t('Filtrer')}</button> <a href="/moderation/signalements">${t('Tout afficher')}</a></p>
    </div></form>`;
}

function itemRow(it: QueueItem, i: number, ticked: ReadonlySet<string>): SafeHtml {
  const label = it.author ? t('{{type}} de {{nom}}', { type: t(SUBJECT_LABELS[it.subjectType]!), nom: it.author.displayName }) : t(SUBJECT_LABELS[it.subjectType]!);
  return html`<tr>
    <td><input type="checkbox" id="sel-${i}" name="item-${i}" value="${it.subjectType}:${it.subjectId}"${ticked.has(`${it.subjectType}:${it.subjectId}`) ? html` checked` : ''}><label for="sel-${i}" class="visually-hidden">${t('Choisir : {{quoi}}', { quoi: label })}</label></td>
    <td><p>${it.link ? html`<a href="${it.link}">${t(SUBJECT_LABELS[it.subjectType]!)}</a>` : t(SUBJECT_LABELS[it.subjectType]!)}${it.hidden ? html` <span class="badge badge-warn">${t('masquée')}</span>` : ''}
      ${it.bill ? html` · <span class="meta" lang="fr">${it.bill.title}</span>` : ''}</p>
      <blockquote class="excerpt" lang="fr">${it.excerpt}</blockquote>
      ${it.author ? html`<p class="meta">${t('Par {{nom}}', { nom: it.author.displayName })} · <a href="/moderation/comptes/${it.author.id}">${t('compte et suspension')}</a></p>` : ''}</td>
    <td><ul class="signals">${it.signals.map((s) => html`<li>${s.source === 'flag' ? html`<span class="badge badge-warn">${t('signal automatique')}</span> ` : html`<span class="badge">${t('signalement')}</span> `}${t(s.label)}${s.detail ? html` — <q lang="fr">${s.detail}</q>` : ''}</li>`)}</ul></td>
    <td><time datetime="${it.waitingSince}">${dateFr.format(new Date(it.waitingSince))}</time></td></tr>`;
}

function pager(q: QueueQuery, queue: Queue): SafeHtml {
  if (queue.pages <= 1) return html``;
  return html`<nav aria-label="${t('Pages de la file')}" class="pager">
    ${q.page > 1 ? html`<a href="${queueHref(q, q.page - 1)}" rel="prev">${t('← Page précédente')}</a>` : ''}
    <span>${t('Page {{n}} sur {{total}}', { n: q.page, total: queue.pages })}</span>
    ${q.page < queue.pages ? html`<a href="${queueHref(q, q.page + 1)}" rel="next">${t('Page suivante →')}</a>` : ''}</nav>`;
}

/** The items ticked in a refused bulk form (`<type>:<id>`): ticked again wherever they are on the page. */
const tickedIn = (back: FormState | undefined) => new Set(Object.entries(back?.values ?? {}).filter(([k]) => /^item-\d{1,4}$/.test(k)).map(([, v]) => v));

function queuePage(c: PageContext, q: QueueQuery, queue: Queue, bills: { id: string; title: string }[], appeals: number, n: Notice): string {
  // a refused bulk decision (post → redirect → get): its message beside the form, the boxes, the decision, the rule and the reason as they were
  const back = stateFor(c, 'lot');
  const ticked = tickedIn(back);
  const table = queue.items.length
    ? html`<form method="post" action="/moderation/lot" class="form bulk-form" novalidate>
        <input type="hidden" name="suite" value="${queueHref(q, q.page)}">
        <table class="data queue"><caption>${tn('{{count}} élément en attente, les plus anciens d’abord', '{{count}} éléments en attente, les plus anciens d’abord', queue.total)}</caption>
          <thead><tr><th scope="col"><span class="visually-hidden">${t('Choisir')}</span></th><th scope="col">${t('Contribution')}</th><th scope="col">${t('Signaux')}</th><th scope="col">${t('En attente depuis')}</th></tr></thead>
          <tbody>${queue.items.map((it, i) => itemRow(it, i, ticked))}</tbody></table>
        <fieldset${back?.fieldErrors?.mesure ? html` aria-describedby="bulk-mesure-error"` : ''}><legend>${t('Décision sur les éléments cochés ({{n}} au plus)', { n: L.bulkItems })}</legend>
          ${fieldError(back, 'mesure', 'bulk-mesure')}
          ${BULK_ACTIONS.map((a, i) => html`<label><input type="radio" name="mesure" value="${a}"${i === 0 ? html` required` : ''}${typed(back, 'mesure') === a ? html` checked` : ''}> ${t(BULK_ACTION_LABELS[a])}</label> `)}
          <p><label for="bulk-rule">${t('Règle de la charte (obligatoire pour masquer)')}</label>
          ${fieldError(back, 'rule', 'bulk-rule')}
          <select id="bulk-rule" name="rule"${fieldAria(back, 'rule', 'bulk-rule')}><option value="">—</option>${CHARTER.map((r) => html`<option value="${r.id}"${typed(back, 'rule') === r.id ? html` selected` : ''}>${t(r.title)}</option>`)}</select></p>
          <p><label for="bulk-reason">${t('Raison publique (facultative)')}</label> ${fieldError(back, 'reason', 'bulk-reason')}
          <input id="bulk-reason" name="reason" maxlength="${L.reasonChars}" value="${typed(back, 'reason')}"${fieldAria(back, 'reason', 'bulk-reason')}></p>
          <div class="actions"><button type="submit">${t('Appliquer aux éléments cochés')}</button></div>
        </fieldset></form>${pager(q, queue)}`
    : html`<p class="empty">${q.type || q.reason || q.bill || q.age ? t('Aucun élément en attente pour ces filtres.') : t('Aucun élément en attente.')}</p>`;
  return layout(c, {
    title: t('File de modération'),
    main: html`<h1>${t('File de modération')}</h1>
      ${notices(n)}
      <p class="lead">${t('Signalements et signaux automatiques depuis la dernière décision sur chaque contribution. Un signal automatique ne masque rien : c’est à vous de décider, selon la')} <a href="/charte-de-moderation">${t('charte')}</a>.</p>
      ${appeals > 0 ? html`<p><a href="/moderation/appels">${tn('{{count}} appel en attente de décision', '{{count}} appels en attente de décision', appeals)}</a></p>` : ''}
      ${filtersForm(q, bills)}${formAlert(back)}${table}
      <p><a href="/moderation">${t('Journal public de la modération')}</a></p>`,
  });
}

function appealsPage(c: PageContext, rows: { id: number; action_id: number; created_at: Date }[]): string {
  return layout(c, {
    title: t('Appels en attente'),
    main: html`<h1>${t('Appels en attente')}</h1>
      ${rows.length ? html`<ul>${rows.map((r) => html`<li><a href="/moderation/decisions/${r.action_id}">${t('Appel du {{date}}', { date: dateFr.format(r.created_at) })}</a></li>`)}</ul>` : html`<p class="empty">${t('Aucun appel en attente.')}</p>`}
      <p><a href="/moderation/signalements">${t('File de modération')}</a></p>`,
  });
}

function accountPage(c: PageContext, u: UserRow, n: Notice): string {
  const suspended = isSuspended(suspensionOf(u), new Date());
  // a refused suspension or lifting (post → redirect → get): the message beside that form, what was typed kept
  const [susp, lifting] = [stateFor(c, 'suspendre'), stateFor(c, 'lever')];
  const state = suspended
    ? html`<p class="notice notice-warn">${u.suspended_until ? t('Compte suspendu jusqu’au {{date}}.', { date: dateFr.format(u.suspended_until) }) : t('Compte suspendu définitivement.')}</p>`
    : html`<p>${t('Ce compte n’est pas suspendu.')}</p>`;
  const lift = suspended
    ? html`<form method="post" action="/moderation/comptes/${u.id}/lever" class="form" novalidate><h2>${t('Lever la suspension')}</h2>
        <label for="lift-reason">${t('Raison publique')}</label>${fieldError(lifting, 'reason', 'lift-reason')}
        <input id="lift-reason" name="reason" required minlength="3" maxlength="${L.reasonChars}" value="${typed(lifting, 'reason')}"${fieldAria(lifting, 'reason', 'lift-reason')}>
        <div class="actions"><button type="submit">${t('Lever la suspension')}</button></div></form>`
    : html``;
  const permanent = typed(susp, 'duree') === 'permanente';
  return layout(c, {
    title: t('Modération du compte {{nom}}', { nom: u.display_name }),
    breadcrumb: html`<a href="/moderation/signalements">${t('File de modération')}</a> › ${t('Compte')}`,
    main: html`<h1>${t('Compte de {{nom}}', { nom: u.display_name })}</h1>${notices(n)}${state}
      <p><a href="/contributeurs/${u.id}">${t('Ses contributions publiques')}</a> · <a href="/moderation">${t('Journal de la modération')}</a></p>
      ${formAlert(susp)}
      <form method="post" action="/moderation/comptes/${u.id}/suspendre" class="form" novalidate><h2>${suspended ? t('Modifier la suspension') : t('Suspendre le compte')}</h2>
        <input type="hidden" name="nom" value="${u.display_name}">
        <fieldset><legend>${t('Durée')}</legend>
          <label><input type="radio" name="duree" value="temporaire"${permanent ? '' : html` checked`}> ${t('Jusqu’à une date :')}</label>
          <label for="susp-until">${t('Date de fin')}</label> ${fieldError(susp, 'jusqua', 'susp-until')}
          <input type="date" id="susp-until" name="jusqua" value="${typed(susp, 'jusqua')}"${fieldAria(susp, 'jusqua', 'susp-until')}>
          <label><input type="radio" name="duree" value="permanente"${permanent ? html` checked` : ''}> ${t('Définitive')}</label></fieldset>
        <label for="susp-rule">${t('Règle de la charte')}</label>${fieldError(susp, 'rule', 'susp-rule')}
        <select id="susp-rule" name="rule"${fieldAria(susp, 'rule', 'susp-rule')}><option value="">—</option>${CHARTER.map((r) => html`<option value="${r.id}"${typed(susp, 'rule') === r.id ? html` selected` : ''}>${t(r.title)}</option>`)}</select>
        <label for="susp-reason">${t('Raison publique')}</label>${fieldError(susp, 'reason', 'susp-reason')}
        <input id="susp-reason" name="reason" required minlength="3" maxlength="${L.reasonChars}" value="${typed(susp, 'reason')}"${fieldAria(susp, 'reason', 'susp-reason')}>
        <div class="actions"><button type="submit" class="danger">${t('Suspendre')}</button></div></form>
      ${formAlert(lifting)}${lift}`,
  });
}

/** The queue's query from a page's address: what the API accepts, anything else ignored. */
function pageQuery(req: Request): QueueQuery {
  const raw = Object.fromEntries(Object.entries(req.query).filter(([, v]) => typeof v === 'string' && v !== ''));
  const parsed = queueQuery.safeParse(raw);
  return parsed.success ? { ...parsed.data, perPage: L.queuePage } : { page: 1, perPage: L.queuePage };
}

export function moderationQueuePages(db: Db): Router {
  const r = express.Router();
  const signedIn = (req: Request) => req.user ?? null;
  r.get('/moderation/signalements', page(async (req, res) => {
    if (!req.user) return res.redirect(303, '/connexion?suite=/moderation/signalements');
    precheck('moderation.read', signedIn(req));
    const q = pageQuery(req);
    const [queue, bills, appeals] = await Promise.all([moderationQueue(db, q), listBills(db, 200, 0, false), listPendingAppeals(db, 200)]);
    res.set('Cache-Control', 'no-store').type('html')
      .send(queuePage(ctx(req), q, queue, bills.map((b) => ({ id: b.id, title: b.title })), appeals.length, { error: takeFlash(req.query.erreur), done: takeFlash(req.query.fait) }));
  }));
  r.get('/moderation/appels', page(async (req, res) => {
    if (!req.user) return res.redirect(303, '/connexion?suite=/moderation/appels');
    precheck('moderation.read', signedIn(req));
    res.type('html').send(appealsPage(ctx(req), await listPendingAppeals(db, 200)));
  }));
  r.get('/moderation/comptes/:userId', page(async (req, res) => {
    if (!req.user) return res.redirect(303, '/connexion?suite=/moderation/signalements');
    precheck('account.suspend', signedIn(req));
    const u = await findUserById(db, String(req.params.userId));
    if (!u) throw notFound('Compte introuvable.');
    res.set('Cache-Control', 'no-store').type('html').send(accountPage(ctx(req), u, { done: takeFlash(req.query.fait) }));
  }));
  return r;
}

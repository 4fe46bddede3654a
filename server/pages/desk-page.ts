import { AMENDMENT_KINDS, GROUND_LABELS_FR, KIND_LABELS_FR } from '../../shared/amendment';
import { DESK_STATUSES, type DeskFilters, type DeskView } from '../present/desk';
import type { BillRow } from '../sql/bills';
import { amendmentTitle, authorList, dateTimeFr, kindBadge, statusBadge } from './amendment-parts';
import { html, type SafeHtml } from '../html';
import { layout, may, type PageContext } from './layout';
import { frContent, t, th, tn } from '../i18n';
import { msg } from '../../shared/i18n';

const STATUS_FILTER_LABELS: Record<(typeof DESK_STATUSES)[number], string> = {
  open: msg('À traiter (déposés ou mis en forme)'), submitted: msg('Déposés, pas encore mis en forme'), formalised: msg('Mis en forme'),
  inadmissible: msg('Irrecevables'), all: msg('Tous'),
};
const ASSIGNED_LABELS = { any: msg('Tous'), me: msg('Confiés à moi'), none: msg('Sans greffier') } as const;

export interface DeskPageData {
  bill: BillRow;
  desk: DeskView;
  filters: DeskFilters;
  page: number;
  pageSize: number;
}

const option = (value: string, label: string, selected: boolean) => html`<option value="${value}"${selected ? html` selected` : ''}>${label}</option>`;

/** Plain GET form: filters are in the address, so a filtered queue can be bookmarked and shared. */
function filtersForm(d: DeskPageData): SafeHtml {
  const f = d.filters;
  return html`<form method="get" action="/textes/${d.bill.id}/greffe" class="desk-filters">
    <div class="field"><label for="f-statut">${t('Statut')}</label><select id="f-statut" name="statut">
      ${DESK_STATUSES.map((s) => option(s, t(STATUS_FILTER_LABELS[s]), f.status === s))}</select></div>
    <div class="field"><label for="f-article">${t('Article')}</label><select id="f-article" name="article">
      ${option('', t('Tous les articles'), !f.articleId)}
      ${d.desk.articles.map((a) => option(a.id, t('Article {{numero}} ({{n}} à traiter)', { numero: a.number, n: a.open }), f.articleId === a.id))}</select></div>
    <div class="field"><label for="f-nature">${t('Nature')}</label><select id="f-nature" name="nature">
      ${option('', t('Toutes'), !f.kind)}${AMENDMENT_KINDS.map((k) => option(k, t(KIND_LABELS_FR[k]), f.kind === k))}</select></div>
    <div class="field"><label for="f-greffier">${t('Greffier')}</label><select id="f-greffier" name="greffier">
      ${(Object.keys(ASSIGNED_LABELS) as (keyof typeof ASSIGNED_LABELS)[]).map((k) => option(k, t(ASSIGNED_LABELS[k]), f.assigned === k))}</select></div>
    <button type="submit">${t('Filtrer')}</button>
  </form>`;
}

function counts(d: DeskPageData): SafeHtml {
  const c = d.desk.counts;
  return html`<dl class="desk-counts">
    <div><dt>${t('À mettre en forme')}</dt><dd>${c.submitted}</dd></div>
    <div><dt>${t('Mis en forme')}</dt><dd>${c.formalised}</dd></div>
    <div><dt>${t('Irrecevables')}</dt><dd>${c.inadmissible}</dd></div>
    <div><dt>${t('Retirés')}</dt><dd>${c.withdrawn}</dd></div>
    <div><dt>${t('Total déposés')}</dt><dd>${c.total}</dd></div>
  </dl>`;
}

type Group = DeskView['groups'][number];
type Item = Group['amendments'][number];

function itemRow(d: DeskPageData, a: Item, ctx: PageContext): SafeHtml {
  const mine = a.assignedClerk?.id === ctx.user?.id;
  const open = a.status === 'submitted' || a.status === 'formalised';
  return html`<li class="desk-item">
    <p><a href="/amendements/${a.id}"><strong>${amendmentTitle(a.displayNumber)}</strong></a> ${kindBadge(a.kind)} ${statusBadge(a.status)}
      ${a.stale ? html`<span class="badge badge-warn">${t('article modifié depuis')}</span>` : ''}</p>
    <p class="meta">${t('Article {{numero}}', { numero: a.articleNumber })} · ${authorList(a.authors)}${a.submittedAt ? html` · ${t('déposé le {{date}}', { date: dateTimeFr.format(new Date(a.submittedAt)) })}` : ''}</p>
    ${a.inadmissible ? html`<p class="meta">${t(GROUND_LABELS_FR[a.inadmissible.ground])} — <span lang="fr">${a.inadmissible.reason}</span></p>` : ''}
    <p class="meta">${a.assignedClerk ? t('Greffier : {{qui}}', { qui: mine ? t('vous') : a.assignedClerk.displayName }) : t('Sans greffier')}</p>
    ${open ? html`<div class="desk-actions">
      ${mine
        ? html`<a class="button" href="/amendements/${a.id}/mise-en-forme">${t('Mettre en forme')}</a>`
        : a.assignedClerk
          // another clerk's: taken over only after a confirmation page (that clerk is told)
          ? html`<a class="button" href="/amendements/${a.id}/reprendre">${t('Reprendre…')}</a>`
          : html`<form method="post" action="/amendements/${a.id}/prendre" class="inline" novalidate><input type="hidden" name="suite" value="/amendements/${a.id}/mise-en-forme">
            <button type="submit">${t('Prendre en charge et mettre en forme')}</button></form>`}
      <a href="/amendements/${a.id}#greffe">${t('Irrecevabilité, réponse…')}</a>
    </div>` : ''}
  </li>`;
}

function groupBlock(d: DeskPageData, g: Group, ctx: PageContext): SafeHtml {
  const near = g.nearIdentical.length
    ? html`<p class="near">${tn('Quasi identique :', 'Quasi identiques :', g.nearIdentical.length)} ${g.nearIdentical.map((n, i) => html`${i ? ', ' : ''}<a href="/amendements/${n.id}">${amendmentTitle(n.displayNumber)}</a> (${Math.round(n.similarity * 100)} %)`)}</p>`
    : '';
  return html`<li class="desk-group${g.identical ? ' identical' : ''}">
    ${g.identical ? html`<p class="group-label">${t('{{n}} amendements identiques — examinés ensemble, décidés par un seul vote', { n: g.amendments.length })}</p>` : ''}
    <ul role="list">${g.amendments.map((a) => itemRow(d, a, ctx))}</ul>${near}</li>`;
}

function pager(d: DeskPageData): SafeHtml {
  const pages = Math.max(1, Math.ceil(d.desk.totalGroups / d.pageSize));
  if (pages <= 1) return html``;
  const f = d.filters;
  const href = (p: number) => {
    const q = new URLSearchParams({ statut: f.status, greffier: f.assigned, page: String(p) });
    if (f.articleId) q.set('article', f.articleId);
    if (f.kind) q.set('nature', f.kind);
    return `/textes/${d.bill.id}/greffe?${q.toString()}`;
  };
  return html`<nav aria-label="${t('Pages du bureau')}" class="pager">
    ${d.page > 1 ? html`<a href="${href(d.page - 1)}" rel="prev">${t('Page précédente')}</a>` : ''}
    <span>${t('Page {{page}} sur {{pages}}', { page: d.page, pages })}</span>
    ${d.page < pages ? html`<a href="${href(d.page + 1)}" rel="next">${t('Page suivante')}</a>` : ''}</nav>`;
}

/** The clerks' desk of a bill: counts, filters, the queue in text order with identical groups. */
export function deskPage(ctx: PageContext, d: DeskPageData): string {
  const groups = d.desk.groups;
  return layout(ctx, {
    title: t('Bureau du greffe – {{texte}}', { texte: d.bill.title }),
    breadcrumb: html`<a href="/">${t('Projets de loi')}</a> › <a href="/textes/${d.bill.id}" lang="fr">${d.bill.title}</a>`,
    main: html`<h1>${t('Bureau du greffe')}</h1>
      <p class="lead">${th('Les amendements déposés sur « {{texte}} », article par article puis par numéro (l’ordre d’examen est celui de la commission). Les amendements identiques sont regroupés ; les quasi-identiques sont signalés (mêmes modifications à au moins 60 %).', { texte: frContent(d.bill.title) })}</p>
      ${may(ctx, 'amendment.importParliament', d.bill.status) ? html`<p><a href="/textes/${d.bill.id}/amendements/importer">${t('Importer des amendements parlementaires')}</a> ${t('(Assemblée nationale, Sénat)')}</p>` : ''}
      ${counts(d)}
      ${filtersForm(d)}
      <p class="muted" role="status">${tn('{{count}} amendement correspond aux filtres.', '{{count}} amendements correspondent aux filtres.', d.desk.totalAmendments)}</p>
      ${groups.length ? html`<ol class="desk-queue" role="list">${groups.map((g) => groupBlock(d, g, ctx))}</ol>` : html`<p class="empty">${t('Aucun amendement ne correspond à ces filtres.')}</p>`}
      ${pager(d)}`,
  });
}

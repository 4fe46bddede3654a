import { renderSideBySideDiff } from '../../shared/diff-html';
import type { TextDiff } from '../../shared/text-diff';
import { subjectPath } from '../opendata/atom';
import { eventLabel, type PresentedEvent } from '../present/history';
import type { BillRow } from '../sql/bills';
import { dateTimeFr } from './amendment-parts';
import { html, raw, type SafeHtml } from '../html';
import { layout, type PageContext } from './layout';
import { t, th } from '../i18n';
import { msg } from '../../shared/i18n';

/** The kinds of event a reader can narrow the timeline to, by family. */
export const TYPE_FILTERS: Record<string, { label: string; types: string[] }> = {
  amendements: { label: msg('Dépôts et retraits d’amendements'), types: ['amendment.submitted', 'amendment.withdrawn'] },
  greffe: { label: msg('Greffe : mises en forme, irrecevabilités, réponses, reprises'), types: ['amendment.formalised', 'amendment.inadmissible', 'amendment.response', 'amendment.taken_over'] },
  commission: { label: msg('Commission : décisions, amendements tombés, membres'), types: ['amendment.decided', 'amendment.fallen', 'commission.member_appointed', 'commission.member_removed', 'commission.rule_set'] },
  texte: { label: msg('Le texte : phases, versions des articles'), types: ['bill.created', 'bill.status_changed', 'article.version_added', 'article.created', 'article.deleted'] },
  moderation: { label: msg('Modération'), types: ['moderation.hide', 'moderation.restore', 'moderation.keep', 'moderation.dismiss', 'moderation.uphold'] },
};

export interface TimelineData {
  bill: BillRow;
  articles: { id: string; number: string }[];
  events: PresentedEvent[];
  next: string | null;
  filters: { famille: string; article: string; du: string; au: string };
  /** The query string of the current filters, to carry into « plus anciens ». */
  query: URLSearchParams;
}

export function eventList(events: readonly PresentedEvent[], billId: string): SafeHtml {
  if (events.length === 0) return html`<p class="empty">${t('Aucun événement ne correspond.')}</p>`;
  return html`<ol class="timeline" role="list">${events.map((e) => html`<li class="event event-${e.type.split('.')[0] ?? ''}">
    <p class="meta"><time datetime="${e.at}">${dateTimeFr.format(new Date(e.at))}</time>${e.actor ? html` · <a href="/contributeurs/${e.actor.id}">${e.actor.displayName}</a>` : ''}</p>
    <p><a href="${subjectPath(e, billId)}">${eventLabel(e.type, e.data, t)}</a>${typeof e.data.reason === 'string' && e.data.reason ? html` — <span lang="fr">${e.data.reason}</span>` : ''}</p>
  </li>`)}</ol>`;
}

const option = (value: string, label: string, selected: boolean) => html`<option value="${value}"${selected ? html` selected` : ''}>${label}</option>`;

/** The bill's timeline: every public action, newest first, with filters and cursor pages. */
export function timelinePage(ctx: PageContext, d: TimelineData): string {
  const f = d.filters;
  const api = `/api/bills/${d.bill.id}`;
  const older = new URLSearchParams(d.query);
  if (d.next) older.set('avant', d.next);
  return layout(ctx, {
    title: t('Historique – {{titre}}', { titre: d.bill.title }),
    breadcrumb: html`<a href="/">${t('Projets de loi')}</a> › <a href="/textes/${d.bill.id}" lang="fr">${d.bill.title}</a>`,
    main: html`<h1>${t('Historique du texte')}</h1>
      <p class="lead">${th('Tout ce qui s’est passé publiquement sur « {{titre}} », du plus récent au plus ancien : dépôts, mises en forme, décisions, versions. Jamais qui a voté quoi.', { titre: html`<span lang="fr">${d.bill.title}</span>` })}</p>
      <form method="get" action="/textes/${d.bill.id}/historique" class="desk-filters">
        <div class="field"><label for="h-famille">${t('Événements')}</label><select id="h-famille" name="famille">
          ${option('', t('Tous'), f.famille === '')}${Object.entries(TYPE_FILTERS).map(([k, v]) => option(k, t(v.label), f.famille === k))}</select></div>
        <div class="field"><label for="h-article">${t('Article')}</label><select id="h-article" name="article">
          ${option('', t('Tous les articles'), f.article === '')}${d.articles.map((a) => option(a.id, t('Article {{numero}}', { numero: a.number }), f.article === a.id))}</select></div>
        <div class="field"><label for="h-du">${t('Du')}</label><input type="date" id="h-du" name="du" value="${f.du}"></div>
        <div class="field"><label for="h-au">${t('Au')}</label><input type="date" id="h-au" name="au" value="${f.au}"></div>
        <button type="submit">${t('Filtrer')}</button>
      </form>
      ${eventList(d.events, d.bill.id)}
      ${d.next ? html`<p><a href="/textes/${d.bill.id}/historique?${older.toString()}" rel="next">${t('Événements plus anciens')}</a></p>` : ''}
      <section aria-labelledby="donnees"><h2 id="donnees">${t('Données ouvertes')}</h2>
        <p>${t('Flux Atom :')} <a href="${api}/feed.atom">${t('historique du texte')}</a>${t('. Téléchargements (CSV et JSON, seulement des décomptes, jamais les votes individuels) :')}</p>
        <ul>
          <li>${t('Amendements :')} <a href="${api}/opendata/amendments.csv">CSV</a> · <a href="${api}/opendata/amendments.json">JSON</a></li>
          <li>${t('Arguments :')} <a href="${api}/opendata/arguments.csv">CSV</a> · <a href="${api}/opendata/arguments.json">JSON</a></li>
          <li>${t('Décisions de la commission :')} <a href="${api}/opendata/decisions.csv">CSV</a> · <a href="${api}/opendata/decisions.json">JSON</a></li>
          <li>${t('Versions des articles :')} <a href="${api}/opendata/article-versions.csv">CSV</a> · <a href="${api}/opendata/article-versions.json">JSON</a></li>
          <li>${t('Auditions de la commission :')} <a href="${api}/opendata/hearings.csv">CSV</a> · <a href="${api}/opendata/hearings.json">JSON</a></li>
          <li>${t('Tout le texte :')} <a href="${api}/opendata.zip">${t('archive ZIP')}</a> ${t('· l’API :')} <a href="/api/openapi.json">${t('OpenAPI')}</a></li>
        </ul></section>`,
  });
}

/** Two <select>s and a button: compare any two versions (or revisions) of a text. */
export function compareForm(action: string, label: string, choices: { value: number; label: string }[], from: number, to: number): SafeHtml {
  return html`<form method="get" action="${action}" class="desk-filters compare-form">
    <div class="field"><label for="cmp-de">${label === 'Version' ? t('Version de départ') : t('Révision de départ')}</label><select id="cmp-de" name="de">${choices.map((c) => option(String(c.value), c.label, c.value === from))}</select></div>
    <div class="field"><label for="cmp-a">${label === 'Version' ? t('Version d’arrivée') : t('Révision d’arrivée')}</label><select id="cmp-a" name="a">${choices.map((c) => option(String(c.value), c.label, c.value === to))}</select></div>
    <button type="submit">${t('Comparer')}</button>
  </form>`;
}

export function diffBlock(diff: TextDiff, caption: string, columns: [string, string]): SafeHtml {
  return html`<p class="hint">${t('Les ajouts sont soulignés, les suppressions barrées.')}</p><div class="diff-wrap">${raw(renderSideBySideDiff(diff, { caption, columns }))}</div>`;
}

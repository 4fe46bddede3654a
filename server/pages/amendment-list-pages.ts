import { RANKING_DOCS, RANKINGS, type Ranking } from '../../shared/ranking';
import type { listAmendmentsPage } from '../present/amendment-list';
import type { ArticleRow } from '../sql/articles';
import type { BillRow } from '../sql/bills';
import { amendmentTitle, authorsLine, kindBadge, statusBadge, tallyLine } from './amendment-parts';
import { proposeAmendment } from './amendment-form-page';
import { html, type SafeHtml } from '../html';
import { layout, type PageContext } from './layout';
import type { TallyScope } from '../sql/votes';
import { ASSURANCE_PARAM, assuranceToggle, withAssurance } from './assurance-toggle';
import { currentLang, t, th, tn } from '../i18n';
import { tMessage } from '../i18n/message';
import { msg } from '../../shared/i18n';
import { articleTitle } from './bill-text';

/** The orders a reader can choose, as the sort selector names them. */
export const RANKING_LABELS_FR: Record<Ranking, string> = {
  position: msg('ordre d’examen'),
  support: msg('les plus soutenus'),
  bridging: msg('les plus rassembleurs'),
  controversy: msg('les plus débattus'),
  recent: msg('les plus récents'),
  random: msg('au hasard'),
};

/** The query value of the sort selector is the ranking's own id: `?tri=support`. */
export const SORT_PARAM = 'tri';

type ListPage = Awaited<ReturnType<typeof listAmendmentsPage>>;
type Item = ListPage['amendments'][number];

function item(a: Item): SafeHtml {
  const title = amendmentTitle(a.displayNumber, a.parliament);
  return html`<li class="amendment-item">
    <h2 class="amendment-item-title"><a href="/amendements/${a.id}">${title}</a></h2>
    <p class="meta">${kindBadge(a.kind)} ${statusBadge(a.status)}${a.stale ? html` <span class="stale-flag">${t('rédigé sur une version antérieure')}</span>` : ''}</p>
    ${authorsLine(a)}
    ${a.hidden ? html`<p class="moderated">${tMessage(a.hidden.label)}</p>` : ''}
    ${a.parliament ? '' : tallyLine(a.tally)}
  </li>`;
}

function listParams(sort: Ranking, page: number): URLSearchParams {
  const params = new URLSearchParams();
  if (sort !== 'position') params.set(SORT_PARAM, sort);
  if (page > 1) params.set('page', String(page));
  return params;
}

function pageHref(articleId: string, sort: Ranking, page: number, scope: TallyScope = 'all'): string {
  return withAssurance(`/articles/${articleId}/amendements`, listParams(sort, page), scope);
}

function pager(articleId: string, list: ListPage, page: number): SafeHtml {
  const hasPrevious = page > 1;
  const hasNext = list.offset + list.limit < list.total;
  if (!hasPrevious && !hasNext) return html``;
  return html`<nav aria-label="${t('Pages de la liste')}" class="pager">
    ${hasPrevious ? html`<a href="${pageHref(articleId, list.sort, page - 1, list.assurance)}" rel="prev">${t('← Page précédente')}</a>` : ''}
    ${hasNext ? html`<a href="${pageHref(articleId, list.sort, page + 1, list.assurance)}" rel="next">${t('Page suivante →')}</a>` : ''}
  </nav>`;
}

/** An article's published amendments, in the order the reader chose, 20 to a page. */
export function amendmentListPage(ctx: PageContext, d: { bill: BillRow; article: ArticleRow; list: ListPage; page: number }): string {
  const { bill, article, list, page } = d;
  const first = list.offset + 1;
  const last = list.offset + list.amendments.length;
  const sortForm = html`<form method="get" action="/articles/${article.id}/amendements" class="sort-form">
    <label for="tri">${t('Trier par')}</label>
    <select id="tri" name="${SORT_PARAM}">${RANKINGS.map(
      (r) => html`<option value="${r}"${r === list.sort ? html` selected` : ''}>${t(RANKING_LABELS_FR[r])}</option>`,
    )}</select>
    ${list.assurance === 'verified' ? html`<input type="hidden" name="${ASSURANCE_PARAM}" value="verifies">` : ''}
    <button type="submit" class="secondary">${t('Trier')}</button>
    <a href="/classements">${t('Comment ces classements sont-ils calculés ?')}</a>
  </form>`;
  const count = list.total === 0
    ? ''
    : html`<p class="meta">${tn('{{count}} amendement', '{{count}} amendements', list.total)}${list.total > list.limit ? html` — ${t('{{first}} à {{last}} ci-dessous', { first, last })}` : ''}, ${t(RANKING_LABELS_FR[list.sort])}</p>`;
  const body = list.total === 0
    ? html`<p class="empty">${t('Aucun amendement n’a encore été déposé sur cet article.')}${bill.status === 'consultation' ? ` ${t('Soyez le premier à en proposer un.')}` : ''}</p>`
    : list.amendments.length === 0
      ? html`<p class="empty">${tn('Cette page est vide : la liste compte {{count}} amendement.', 'Cette page est vide : la liste compte {{count}} amendements.', list.total)} <a href="${pageHref(article.id, list.sort, 1, list.assurance)}">${t('Revenir à la première page')}</a></p>`
      : html`<ol class="amendment-list" role="list">${list.amendments.map(item)}</ol>`;
  return layout(ctx, {
    title: `${t('Amendements à l’article {{numero}}', { numero: article.number })}${page > 1 ? ` (${t('page {{n}}', { n: page })})` : ''} – ${bill.title}`,
    breadcrumb: html`<a href="/">${t('Projets de loi')}</a> › <a href="/textes/${bill.id}" lang="fr">${bill.title}</a> › <a href="/articles/${article.id}">${articleTitle(article.number)}</a>`,
    main: html`<h1>${th('Amendements à l’article {{numero}}', { numero: html`<span lang="fr">${article.number}</span>` })}</h1>
      ${bill.status === 'consultation' ? proposeAmendment(article) : ''}
      ${list.total > 0 ? sortForm : ''}
      ${list.total > 0 ? assuranceToggle(ctx, list.assurance, { path: `/articles/${article.id}/amendements`, params: listParams(list.sort, 1) }) : ''}
      ${count}
      ${body}
      ${pager(article.id, list, page)}`,
  });
}

/** GET /classements: every ranking formula, in French, as the API publishes it. */
export function rankingsPage(ctx: PageContext): string {
  return layout(ctx, {
    title: t('Comment les amendements sont classés'),
    breadcrumb: html`<a href="/">${t('Projets de loi')}</a>`,
    main: html`<h1>${t('Comment les amendements sont classés')}</h1>
      <p class="lead">${t('Chaque ordre de la liste des amendements est calculé à partir des votes publics seulement, par une formule publiée ici telle qu’elle est appliquée : chacun peut refaire le calcul à partir des données ouvertes.')}</p>
      ${RANKINGS.map((r) => {
        const doc = RANKING_DOCS[r][currentLang()];
        return html`<section aria-labelledby="classement-${r}" class="ranking-doc">
          <h2 id="classement-${r}">${doc.name} <span class="muted">— « ${t(RANKING_LABELS_FR[r])} »</span></h2>
          <p>${doc.explanation}</p>
          <p class="formula"><strong>${t('Formule :')}</strong> ${doc.formula}</p>
        </section>`;
      })}
      <p>${t('Les mêmes formules, en français et en anglais, au format JSON :')} <a href="/api/ranking">${t('/api/ranking')}</a>.</p>`,
  });
}

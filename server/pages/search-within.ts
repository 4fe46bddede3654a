import { SEARCH_QUERY_MAX } from '../../shared/search';
import { html, type SafeHtml } from '../html';
import { t } from '../i18n';

/**
 * « Rechercher dans ce texte » on a bill's page, and in an article on its page: a search box that
 * lands on /recherche limited to it (`bill`, and `article`), where the filters can be changed. Not
 * on a draft bill: search finds only what is public.
 */
export function searchWithin(scope: { billId: string; article?: { id: string } }): SafeHtml {
  const id = scope.article ? 'recherche-article' : 'recherche-texte';
  const label = scope.article ? t('Rechercher dans cet article') : t('Rechercher dans ce texte');
  return html`<form method="get" action="/recherche" role="search" class="search-within" aria-label="${label}">
    <input type="hidden" name="bill" value="${scope.billId}">${scope.article ? html`<input type="hidden" name="article" value="${scope.article.id}">` : ''}
    <label for="${id}">${label}</label>
    <input type="search" id="${id}" name="q" maxlength="${SEARCH_QUERY_MAX}" aria-describedby="${id}-hint">
    <button type="submit" class="secondary">${t('Rechercher')}</button>
    <span class="hint" id="${id}-hint">${t('Amendements, arguments, annotations et réponses du greffe compris.')}${scope.article ? html` <a href="/recherche?bill=${scope.billId}">${t('Ou dans tout le projet de loi')}</a>` : ''}</span>
  </form>`;
}

import { amendmentTitle, displayNumber, parliamentLabel } from '../../shared/amendment';
import { SEARCH_PAGE_SIZE, type SearchType } from '../../shared/search';
import type { Queryable } from '../db/db';
import { escapeHtml } from '../html';
import { MARK_END, MARK_START, searchHits, type HitDetail, type SearchFilters } from '../sql/search';

export interface SearchResult {
  type: SearchType;
  id: string;
  title: string;
  /** Safe HTML: the text escaped, the matched words between `<mark>` and `</mark>`. */
  excerpt: string;
  url: string;
}

export interface SearchPage {
  results: SearchResult[];
  total: number;
  /** False when some type had more matches than are ranked: `total` is then « at least ». */
  totalExact: boolean;
  page: number;
}

/**
 * Escapes the extract, then turns the sentinel marks into `<mark>` elements: escaping first means
 * nothing a person typed ever becomes markup; the sentinels were removed from the text before
 * `ts_headline` placed its own (server/sql/search.ts), so the marks are always balanced.
 */
export function highlightedExcerpt(headline: string): string {
  return escapeHtml(headline.replace(/\s+/g, ' ').trim()).split(MARK_START).join('<mark>').split(MARK_END).join('</mark>');
}

function amendmentName(d: HitDetail): string {
  const parliament = d.origin === 'parliament' && d.parliament_number ? { label: parliamentLabel(d.parliament_number, d.parliament_group) } : null;
  return amendmentTitle(displayNumber(d.origin ?? 'citizen', d.number), parliament);
}

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

function present(d: HitDetail): SearchResult {
  const excerpt = highlightedExcerpt(d.headline);
  const common = { type: d.type, id: d.id, excerpt };
  const onArticle = `article ${d.article_number ?? ''} — ${d.bill_title ?? ''}`;
  switch (d.type) {
    case 'bill':
      return { ...common, title: d.title ?? '', url: `/textes/${d.id}` };
    case 'article':
      return { ...common, title: `Article ${d.article_number ?? ''} — ${d.bill_title ?? ''}`, url: `/articles/${d.id}` };
    case 'amendment':
      return { ...common, title: `${amendmentName(d)} — ${onArticle}`, url: `/amendements/${d.id}` };
    case 'argument': {
      const side = d.side === 'for' ? 'pour' : 'contre';
      const target = d.target_type === 'amendment' ? `l’${lower(amendmentName(d))} (article ${d.article_number ?? ''})` : `l’article ${d.article_number ?? ''}`;
      const page = d.target_type === 'amendment' ? `/amendements/${d.amendment_id}` : `/articles/${d.article_id}`;
      return { ...common, title: `Argument ${side} ${target} — ${d.bill_title ?? ''}`, url: `${page}#argument-${d.id}` };
    }
    case 'annotation': {
      const quote = (d.quote ?? '').length > 60 ? `${(d.quote ?? '').slice(0, 59).trimEnd()}…` : (d.quote ?? '');
      return { ...common, title: `Annotation sur « ${quote} » — ${onArticle}`, url: `/articles/${d.article_id}#annotation-${d.id}` };
    }
    case 'response':
      return { ...common, title: `Réponse du greffe à l’${lower(amendmentName(d))} — ${onArticle}`, url: `/amendements/${d.amendment_id}#reponses` };
    case 'contributor':
      return { ...common, title: d.kind === 'organisation' ? `${d.title ?? ''} (organisation)` : (d.title ?? ''), url: `/contributeurs/${d.id}` };
  }
}

/** One page of search results, best first (`GET /api/search`, `/recherche`). */
export async function search(db: Queryable, f: Omit<SearchFilters, 'limit' | 'offset'> & { page: number }): Promise<SearchPage> {
  const { hits, total, totalExact, details } = await searchHits(db, { ...f, limit: SEARCH_PAGE_SIZE, offset: (f.page - 1) * SEARCH_PAGE_SIZE });
  const results = hits.flatMap((h) => {
    const d = details.get(`${h.type}:${h.id}`);
    return d ? [present(d)] : [];
  });
  return { results, total, totalExact, page: f.page };
}

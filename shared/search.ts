import { msg } from './i18n';
/** What the search finds (API.md › Participation: `GET /api/search`). */
export const SEARCH_TYPES = ['bill', 'article', 'amendment', 'argument', 'annotation', 'response', 'contributor'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/** Labels of the type filter, singular and plural. */
export const SEARCH_TYPE_LABELS_FR: Record<SearchType, { one: string; many: string }> = {
  bill: { one: msg('Projet de loi'), many: msg('Projets de loi') },
  article: { one: msg('Article'), many: msg('Articles') },
  amendment: { one: msg('Amendement'), many: msg('Amendements') },
  argument: { one: msg('Argument'), many: msg('Arguments') },
  annotation: { one: msg('Annotation'), many: msg('Annotations') },
  response: { one: msg('Réponse du greffe'), many: msg('Réponses du greffe') },
  contributor: { one: msg('Contributeur'), many: msg('Contributeurs') },
};

/** Results per page, and how far one may page (deep pages cost the database without helping anyone). */
export const SEARCH_PAGE_SIZE = 20;
export const SEARCH_MAX_PAGE = 50;
/** Longest query accepted, in characters. */
export const SEARCH_QUERY_MAX = 200;

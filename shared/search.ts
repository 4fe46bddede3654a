/** What the search finds (API.md › Participation: `GET /api/search`). */
export const SEARCH_TYPES = ['bill', 'article', 'amendment', 'argument', 'annotation', 'response', 'contributor'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/** Labels of the type filter, singular and plural. */
export const SEARCH_TYPE_LABELS_FR: Record<SearchType, { one: string; many: string }> = {
  bill: { one: 'Projet de loi', many: 'Projets de loi' },
  article: { one: 'Article', many: 'Articles' },
  amendment: { one: 'Amendement', many: 'Amendements' },
  argument: { one: 'Argument', many: 'Arguments' },
  annotation: { one: 'Annotation', many: 'Annotations' },
  response: { one: 'Réponse du greffe', many: 'Réponses du greffe' },
  contributor: { one: 'Contributeur', many: 'Contributeurs' },
};

/** Results per page, and how far one may page (deep pages cost the database without helping anyone). */
export const SEARCH_PAGE_SIZE = 20;
export const SEARCH_MAX_PAGE = 50;
/** Longest query accepted, in characters. */
export const SEARCH_QUERY_MAX = 200;

/**
 * The interface's languages (issue 16 › 5). French is the platform's language and the default;
 * English is offered beside it for the interface only: legal texts, amendments and what people
 * write stay French, marked `lang="fr"` inside English pages.
 */
export type Lang = 'fr' | 'en';

export const LANGS: readonly Lang[] = ['fr', 'en'];
export const DEFAULT_LANG: Lang = 'fr';

export const isLang = (v: unknown): v is Lang => v === 'fr' || v === 'en';

/**
 * Marks a French interface string where it is written (a label in a table) so that the catalogue
 * test finds it; it is translated where it is shown, with `t(label)`. gettext's `N_()`.
 */
export const msg = (s: string): string => s;

import type { Request } from 'express';
import { html, type SafeHtml } from '../html';
import { t } from '../i18n';
import type { TallyScope } from '../sql/votes';
import type { PageContext } from './layout';

/**
 * « Tous les votes » or « identités vérifiées seulement » (issue 13): every page that shows tallies
 * reads `?votes=verifies` and offers both as links (no JavaScript). The choice is shown where sign-in
 * with an identity provider is configured, or when the address asks for it.
 */
export const ASSURANCE_PARAM = 'votes';
const VERIFIED_VALUE = 'verifies';

export function pageAssurance(req: Request): TallyScope {
  return req.query[ASSURANCE_PARAM] === VERIFIED_VALUE ? 'verified' : 'all';
}

/** `path` with its query (other parameters kept) for the given choice, then `#fragment`. */
export function withAssurance(path: string, params: URLSearchParams, scope: TallyScope, fragment = ''): string {
  const q = new URLSearchParams(params);
  if (scope === 'verified') q.set(ASSURANCE_PARAM, VERIFIED_VALUE);
  else q.delete(ASSURANCE_PARAM);
  const s = q.toString();
  return `${path}${s ? `?${s}` : ''}${fragment ? `#${fragment}` : ''}`;
}

export function assuranceToggle(
  ctx: PageContext, scope: TallyScope, target: { path: string; params?: URLSearchParams; fragment?: string },
): SafeHtml {
  if (!ctx.oidc && scope === 'all') return html``;
  const params = target.params ?? new URLSearchParams();
  const link = (s: TallyScope, label: string) => (s === scope
    ? html`<a href="${withAssurance(target.path, params, s, target.fragment)}" aria-current="true">${label}</a>`
    : html`<a href="${withAssurance(target.path, params, s, target.fragment)}">${label}</a>`);
  return html`<p class="assurance-toggle">${t('Décompte :')} ${link('all', t('tous les votes'))} · ${link('verified', t('identités vérifiées seulement'))}</p>`;
}

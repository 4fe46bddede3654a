import { html, type SafeHtml } from '../html';
import type { Say } from '../../shared/i18n';
import { currentLang, say, t } from '.';
import { EN } from './en';

/**
 * A message that may come from the domain (an AppError's French text): in English when the
 * catalogue has it, else shown as it is, marked French. The API keeps its French messages and
 * its stable codes (API.md); only pages translate.
 */
export function tMessage(message: string): SafeHtml {
  if (currentLang() === 'fr') return html`${message}`;
  return message in EN ? html`${t(message)}` : html`<span lang="fr">${message}</span>`;
}

/** An error's message on a page: a policy refusal says itself in the request's language (`explain`), any other goes through `tMessage`. */
export function tError(err: { message: string; explain?: ((say: Say) => string) | undefined }): SafeHtml {
  return err.explain ? html`${err.explain(say())}` : tMessage(err.message);
}

import { html, type SafeHtml } from '../html';
import { currentLang } from '../i18n';
import { tMessage } from '../i18n/message';
import type { FormState } from './amendment-parts';
import type { PageContext } from './layout';

/**
 * A refused form sent back to its page (post → redirect → get, docs/forms.md), for pages that hold
 * several forms: the sealed state names the form that failed (`form`, see `formName` in
 * form-operation.ts), `ctx()` opens it, and only that form shows the message and what was typed.
 */

/** The refused form's state if it is `form`'s, else nothing (another form of the page failed, or none). */
export function stateFor(c: Pick<PageContext, 'form'>, form: string): FormState | undefined {
  return c.form?.error && c.form.form === form ? c.form : undefined;
}

/** What the person typed in the refused form's field `name` (empty without a state). */
export const typed = (state: FormState | undefined, name: string, fallback = ''): string => state?.values?.[name] ?? fallback;

/**
 * The refusal's message inside the form that failed: `role="alert"`, and `id="erreurs"` where the
 * 303 lands (only one form of a page shows its state, so the id stays unique).
 */
export function formAlert(state: FormState | undefined): SafeHtml | '' {
  if (!state?.error) return '';
  const fields = [...new Set(Object.values(state.fieldErrors ?? {}))].filter((m) => m !== state.error);
  const error = state.said?.lang === currentLang() ? html`${state.said.text}` : tMessage(state.error);
  return html`<div class="alert" role="alert" id="erreurs" tabindex="-1"><p>${error}</p>${fields.map((m) => html`<p>${tMessage(m)}</p>`)}</div>`;
}

/** A page's own (unnamed) form state: a named form's is shown by that form, not at the top of the page. */
export const unnamed = <S extends { form?: string }>(state: S | undefined): S | undefined => (state?.form ? undefined : state);

/** The refused form's error for field `name`, to show beside the field (`<id>-error`); nothing without one. */
export function fieldError(state: FormState | undefined, name: string, id: string): SafeHtml | '' {
  const message = state?.fieldErrors?.[name];
  return message ? html`<p class="field-error" id="${id}-error">${tMessage(message)}</p>` : '';
}

/** The attributes that tie field `name` (element `id`) to its error and to its hint, if any: aria-describedby, aria-invalid. */
export function fieldAria(state: FormState | undefined, name: string, id: string, hint?: string): SafeHtml {
  const invalid = !!state?.fieldErrors?.[name];
  const describedBy = [hint, invalid ? `${id}-error` : undefined].filter(Boolean).join(' ');
  return html`${describedBy ? html` aria-describedby="${describedBy}"` : ''}${invalid ? html` aria-invalid="true"` : ''}`;
}

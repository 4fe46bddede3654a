import { KIND_LABELS_FR, STATUS_LABELS_FR, type AmendmentKind, type AmendmentStatus } from '../../shared/amendment';
import { VOTE_LABELS_FR, VOTE_VALUES, type Tally } from '../../shared/votes';
import type { AccountKind, Assurance } from '../sql/users';
import { html, type SafeHtml } from '../html';
import { glossedApart } from './glossary';
import { displayName } from './layout';
import { formatDateTime, t, tn } from '../i18n';
import { tMessage } from '../i18n/message';
import type { SealedFormState } from './flash';

/** Pieces shared by the amendment pages: badges, authors, tallies, form fields. */

/** Dates and times in the page's language (the name stays for the pages that format with it). */
export const dateTimeFr = { format: (d: Date): string => formatDateTime(d) };

/** What a form sent back, to show again with its errors: nothing the person typed is lost. */
export type FormState = SealedFormState;

export function kindBadge(kind: AmendmentKind): SafeHtml {
  return html`<span class="kind kind-${kind}">${t(KIND_LABELS_FR[kind])}</span>`;
}

/** The statuses that are words of the procedure: their badge links to the definition (once a page). */
const STATUS_TERMS: Partial<Record<AmendmentStatus, string>> = { inadmissible: 'irrecevable', fallen: 'tomber', withdrawn: 'retire' };

export function statusBadge(status: AmendmentStatus): SafeHtml {
  const id = STATUS_TERMS[status];
  const label = t(STATUS_LABELS_FR[status]);
  if (!id) return html`<span class="status status-${status}">${label}</span>`;
  // the definition follows the badge: the badge's text is its status alone
  const { term, definition } = glossedApart(id, label);
  return html`<span class="status status-${status}">${term}</span>${definition}`;
}

/** « Amendement n° 12 » in the page's language; a chamber's amendment keeps its printed label. */
export function amendmentTitle(displayNumber: string | null, parliament?: { label: string } | null): string {
  if (parliament) return parliament.label;
  return displayNumber === null ? t('Brouillon d’amendement') : t('Amendement n° {{numero}}', { numero: displayNumber });
}

/** « Auteur : … »; a chamber's amendment names its signatories as printed (not accounts). */
export function authorsLine(a: { authors: readonly { id?: string; displayName: string; kind: AccountKind; assurance?: Assurance }[]; parliament: { authors: string } | null }): SafeHtml {
  if (a.parliament) return html`<p class="authors">${t('Signataires :')} <span lang="fr">${a.parliament.authors || t('non indiqués')}</span></p>`;
  return html`<p class="authors">${a.authors.length > 1 ? t('Auteurs :') : t('Auteur :')} ${authorList(a.authors)}</p>`;
}

/** Authors' names, each a link to their public page when their id is known. */
export function authorList(authors: readonly { id?: string; displayName: string; kind: AccountKind; assurance?: Assurance }[]): SafeHtml {
  if (authors.length === 0) return html`<span class="muted">${t('auteur inconnu')}</span>`;
  return html`${authors.map((a, i) => {
    const name = displayName({ display_name: a.displayName, kind: a.kind, assurance: a.assurance });
    return html`${i > 0 ? ', ' : ''}${a.id ? html`<a href="/contributeurs/${a.id}">${name}</a>` : name}`;
  })}`;
}

/** The three counts, each with its label: a number alone means nothing to a screen reader. */
export function tallyLine(tally: Tally): SafeHtml {
  return html`<p class="tally">${VOTE_VALUES.map((v) => html`<span class="tally-${v}">${t('{{label}} :', { label: t(VOTE_LABELS_FR[v]) })} <strong>${tally[v]}</strong></span> `)}
    <span class="muted">(${tn('{{count}} vote', '{{count}} votes', tally.total)})</span></p>`;
}

/** « Erreur – » first in the window title, the first thing a screen reader says on the new page. */
export const titled = (title: string, state: FormState | undefined) => (state?.error ? `${t('Erreur')} – ${title}` : title);

/**
 * A refused form's summary, at the top of the page: the message, then each field's error as a
 * link to the field (field errors are keyed by the id of the element they concern). Its id,
 * `erreurs`, is where a form sent back after a post (post → redirect → get) lands.
 */
export const alertBox = (state: FormState | undefined) => {
  if (!state?.error) return '';
  const fields = Object.entries(state.fieldErrors ?? {});
  return html`<div class="alert" role="alert" id="erreurs" tabindex="-1"><p>${tMessage(state.error)}</p>${fields.length > 0
    ? html`<ul class="error-summary">${fields.map(([id, message]) => html`<li><a href="#${id}">${tMessage(message)}</a></li>`)}</ul>` : ''}</div>`;
};

/**
 * A labelled textarea with its hint and its error, both tied to it by aria-describedby. `id`
 * lets two forms on one page use the same field name.
 */
export function textareaField(
  f: { id: string; name: string; label: string; value: string; rows: number; hint?: string | SafeHtml; error?: string | undefined; required?: boolean; lang?: 'fr' },
): SafeHtml {
  const describedBy = [f.hint ? `${f.id}-hint` : '', f.error ? `${f.id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field">
    <label for="${f.id}">${f.label}</label>
    ${f.hint ? html`<p class="hint" id="${f.id}-hint">${f.hint}</p>` : ''}
    ${f.error ? html`<p class="field-error" id="${f.id}-error">${tMessage(f.error)}</p>` : ''}
    <textarea id="${f.id}" name="${f.name}" rows="${f.rows}"${f.lang ? html` lang="${f.lang}"` : ''}${f.required ? html` required` : ''}${describedBy ? html` aria-describedby="${describedBy}"` : ''}${f.error ? html` aria-invalid="true"` : ''}>${f.value}</textarea>
  </div>`;
}

/** Rows enough to show the whole text without a scroll bar inside the box, within reason. */
export const rowsFor = (text: string, min: number) => Math.min(30, Math.max(min, text.split('\n').length + 2));

/** The exposé sommaire as paragraphs, one per line the authors wrote. */
export function paragraphs(text: string): SafeHtml {
  return html`${text.split(/\r?\n/).filter((l) => l.trim() !== '').map((l) => html`<p>${l}</p>`)}`;
}

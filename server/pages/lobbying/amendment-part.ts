import { INTEREST_LIMITS } from '../../../shared/interest';
import type { BillStatus } from '../../../shared/phases';
import { html, type SafeHtml } from '../../html';
import type { MarkView } from '../../present/interest';
import type { RepresentativeChoice } from '../../sql/interest-representatives';
import { dateTimeFr } from '../amendment-parts';
import { may, type PageContext } from '../layout';
import { formAlert, stateFor, typed } from '../form-state';
import { repLink, representativeSelect } from './parts';
import { t, th } from '../../i18n';

/**
 * On the amendment page: « inspiré par … » as its authors say, the clerks' markings (who marked
 * it, when, why), and for clerks the form to mark it or remove a marking.
 */
export function inspirationSection(
  c: PageContext,
  a: { id: string; status: string; billStatus: BillStatus; inspiredBy: { id: string; displayName: string } | null; inspirationMarks: MarkView[] },
  representatives: readonly RepresentativeChoice[],
): SafeHtml {
  const mayMark = a.status !== 'draft' && may(c, 'amendment.markInspiration', a.billStatus);
  if (!a.inspiredBy && a.inspirationMarks.length === 0 && !mayMark) return html``;
  // a refused marking comes back here (post → redirect → get): the message, and what was chosen and typed
  const back = stateFor(c, 'inspiration');
  return html`<section aria-labelledby="inspiration" class="inspiration"><h2 id="inspiration">${t('Représentants d’intérêts')}</h2>
    ${a.inspiredBy ? html`<p>${t('Inspiré par')} ${repLink(a.inspiredBy)} <span class="badge">${t('représentant d’intérêts')}</span>${t(', selon ses auteurs.')}</p>` : ''}
    ${a.inspirationMarks.length ? html`<ul>${a.inspirationMarks.map((m) => html`<li>${th('Inspiré par {{representant}}, signalé par le greffe ({{nom}}) le {{date}}', { representant: repLink(m.representative), nom: m.markedBy.displayName, date: html`<time datetime="${m.markedAt}">${dateTimeFr.format(new Date(m.markedAt))}</time>` })}${m.note ? html` : « <span lang="fr">${m.note}</span> »` : ''}
      ${mayMark ? html`<form method="post" action="/amendements/${a.id}/inspiration/${m.representative.id}/retirer" class="inline" novalidate><button type="submit" class="link">${t('Retirer ce signalement')}</button></form>` : ''}</li>`)}</ul>` : ''}
    ${!a.inspiredBy && a.inspirationMarks.length === 0 ? html`<p class="empty">${t('Aucun représentant d’intérêts n’est associé à cet amendement.')}</p>` : ''}
    ${formAlert(back)}
    ${mayMark ? html`<form method="post" action="/amendements/${a.id}/inspiration" class="form" novalidate>
      ${representativeSelect({ id: 'marque-representant', name: 'representant', label: t('Signaler cet amendement comme inspiré par'), choices: representatives, none: t('Choisir une organisation déclarée'), value: typed(back, 'representant') })}
      <div class="field"><label for="marque-note">${t('Note publique (facultative)')}</label><input type="text" id="marque-note" name="note" maxlength="${INTEREST_LIMITS.noteChars}" value="${typed(back, 'note')}"></div>
      <div class="actions"><button type="submit" class="secondary">${t('Signaler')}</button></div>
    </form>` : ''}
  </section>`;
}

import { html, type SafeHtml } from '../html';
import { t } from '../i18n';

/** Shares as the French write them: « 72 % ». */
export const percent = (share: number | null | undefined): string => (share === null || share === undefined ? '—' : `${Math.round(share * 100)} %`);

/**
 * The commission dashboard's line beside the citizens' tally: the support of each opinion group
 * (issue 18), from the last computation; nothing when there is none.
 */
export function groupSupportLine(support: Record<string, number | null> | null, billId: string): SafeHtml {
  const groups = support ? Object.keys(support).sort() : [];
  if (!support || groups.length === 0) return html``;
  return html`<p class="group-support">${t('Soutien par')} <a href="/textes/${billId}/opinions">${t('groupe d’opinion')}</a> : ${groups.map(
    (g, i) => html`${i ? ' · ' : ''}<span>${t('groupe {{id}}', { id: g })} <strong>${percent(support[g])}</strong></span>`,
  )}</p>`;
}

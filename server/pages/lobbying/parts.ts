import { BUDGET_BANDS, BUDGET_LABELS_FR, HATVP_SEARCH_URL } from '../../../shared/interest';
import { html, type SafeHtml } from '../../html';
import type { DeclarationView, HearingView } from '../../present/interest';
import type { FootprintContribution, Link, RepresentativeView } from '../../queries/footprint';
import type { RepresentativeChoice } from '../../sql/interest-representatives';
import { dateTimeFr } from '../amendment-parts';
import { dateFormat, t, th } from '../../i18n';
import { tMessage } from '../../i18n/message';
import { msg } from '../../../shared/i18n';

/** The pieces the interest-representative pages share: a declaration, a link, a hearing, a contribution. */

const DAY = dateFormat({ dateStyle: 'long', timeZone: 'UTC' });
export const dayFr = (isoDay: string) => DAY.format(new Date(`${isoDay}T00:00:00Z`));
const when = (iso: string) => html`<time datetime="${iso}">${dateTimeFr.format(new Date(iso))}</time>`;

export const repLink = (r: { id: string; displayName: string }) => html`<a href="/contributeurs/${r.id}">${r.displayName || t('contributeur supprimé')}</a>`;

/** « Répertoire HATVP : H123456789 (fiche) · intérêts · dépenses ». */
export function declarationFacts(d: DeclarationView): SafeHtml {
  return html`<dl class="account-facts declaration">
    <dt>${t('Répertoire de la HATVP')}</dt><dd>${d.register && d.registerUrl
      ? html`<a href="${d.registerUrl}" rel="external noopener">${d.register}</a> (<a href="${HATVP_SEARCH_URL}" rel="external noopener">${t('rechercher dans le répertoire')}</a>)`
      : html`${t('non renseigné')} (<a href="${HATVP_SEARCH_URL}" rel="external noopener">${t('rechercher dans le répertoire')}</a>)`}</dd>
    <dt>${t('Intérêts représentés')}</dt><dd><ul class="interests" lang="fr">${d.interests.map((i) => html`<li>${i}</li>`)}</ul></dd>
    <dt>${t('Dépenses annuelles de représentation d’intérêts')}</dt><dd>${d.budgetLabel ? t(d.budgetLabel) : t('non déclarées')}</dd>
    <dt>${t('Déclaré le')}</dt><dd>${when(d.declaredAt)}${d.updatedAt !== d.declaredAt ? html` (${th('mis à jour le {{date}}', { date: when(d.updatedAt) })})` : ''}</dd>
    ${d.withdrawnAt ? html`<dt>${t('Déclaration retirée le')}</dt><dd>${when(d.withdrawnAt)}</dd>` : ''}
  </dl>`;
}

const RELATION_FR: Record<Link['relation'], string> = {
  author: msg('écrit par'),
  inspiredBy: msg('inspiré par (selon ses auteurs)'),
  markedByClerk: msg('inspiré par (signalé par le greffe)'),
};

export function linkLine(l: Link): SafeHtml {
  return html`<li>${t(RELATION_FR[l.relation])} ${repLink(l.representative)}${l.mark
    ? html` — ${th('signalé par {{nom}} le {{date}}', { nom: l.mark.markedBy.displayName, date: when(l.mark.markedAt) })}${l.mark.note ? html` : « <span lang="fr">${l.mark.note}</span> »` : ''}` : ''}</li>`;
}

export function contributionItem(c: FootprintContribution): SafeHtml {
  return html`<li class="contribution contribution-${c.type}">
    <p class="contribution-head"><a href="${c.url}">${c.title}</a>${c.at ? html` <span class="meta">· ${when(c.at)}</span>` : ''}</p>
    ${c.excerpt ? html`<blockquote lang="fr"><p>${c.excerpt}</p></blockquote>` : ''}
    <ul class="footprint-links">${c.links.map(linkLine)}</ul></li>`;
}

export function hearingItem(h: HearingView, actions: SafeHtml | string = ''): SafeHtml {
  return html`<li class="hearing" id="audition-${h.id}">
    <p class="contribution-head"><time datetime="${h.heldOn}">${dayFr(h.heldOn)}</time> — ${h.heard.representative ? html`${repLink(h.heard.representative)} <span class="badge">${t('représentant d’intérêts')}</span>` : h.heard.name}</p>
    ${h.subject ? html`<p lang="fr">${h.subject}</p>` : ''}
    <p class="meta">${h.article ? th('Sur l’{{article}}', { article: html`<a href="/articles/${h.article.id}">${t('article {{numero}}', { numero: h.article.number })}</a>` }) : t('Sur l’ensemble du texte')} · ${h.minutes
      ? html`<a href="${h.minutes.url}" type="${h.minutes.mediaType}">${t('Compte rendu ({{format}}, {{n}} ko)', { format: h.minutes.mediaType === 'application/pdf' ? 'PDF' : t('texte'), n: Math.max(1, Math.round(h.minutes.size / 1024)) })}</a> <span class="muted">${t('SHA-256')} <code>${h.minutes.sha256.slice(0, 16)}…</code></span>`
      : t('compte rendu pas encore publié')}</p>
    ${actions}</li>`;
}

export function representativesList(reps: readonly RepresentativeView[]): SafeHtml {
  if (reps.length === 0) return html``;
  return html`<details class="chart-data"><summary>${t('Les représentants d’intérêts concernés ({{n}})', { n: reps.length })}</summary><ul>
    ${reps.map((r) => html`<li>${repLink(r)}${r.declaration
      ? html` — ${r.declaration.register && r.declaration.registerUrl ? html`<a href="${r.declaration.registerUrl}" rel="external noopener">${r.declaration.register}</a> · ` : ''}<span lang="fr">${r.declaration.interests.join(', ')}</span>${r.declaration.withdrawnAt ? t(' (déclaration retirée)') : ''}` : ''}</li>`)}
  </ul></details>`;
}

/** A <select> of the declared representatives (« aucun » first). */
export function representativeSelect(f: { id: string; name: string; label: string; choices: readonly RepresentativeChoice[]; value?: string | undefined; hint?: string; error?: string | undefined; none?: string }): SafeHtml {
  const describedBy = [f.hint ? `${f.id}-hint` : '', f.error ? `${f.id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field"><label for="${f.id}">${f.label}</label>
    ${f.hint ? html`<p class="hint" id="${f.id}-hint">${f.hint}</p>` : ''}
    ${f.error ? html`<p class="field-error" id="${f.id}-error">${tMessage(f.error)}</p>` : ''}
    <select id="${f.id}" name="${f.name}"${describedBy ? html` aria-describedby="${describedBy}"` : ''}${f.error ? html` aria-invalid="true"` : ''}>
      <option value="">${f.none ?? t('Aucun')}</option>
      ${f.choices.map((c) => html`<option value="${c.user_id}"${c.user_id === f.value ? html` selected` : ''}>${c.display_name}${c.register ? ` (${c.register})` : ''}</option>`)}
    </select></div>`;
}

export const budgetOptions = (value: string | undefined) =>
  html`<option value="">${t('Ne pas déclarer')}</option>${BUDGET_BANDS.map((b) => html`<option value="${b}"${b === value ? html` selected` : ''}>${t(BUDGET_LABELS_FR[b])}</option>`)}`;

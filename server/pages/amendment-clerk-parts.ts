import { GROUND_LABELS_FR, INADMISSIBLE_GROUNDS, isOpen } from '../../shared/amendment';
import { renderUnifiedDiff } from '../../shared/diff-html';
import type { UserRow } from '../sql/users';
import type { AmendmentView } from './amendment-pages';
import { amendmentTitle, authorList, dateTimeFr, paragraphs } from './amendment-parts';
import { dispositifLines } from './formalisation-page';
import { html, raw, type SafeHtml } from '../html';
import { formAlert, stateFor, typed } from './form-state';
import { may, type PageContext } from './layout';
import { t, th } from '../i18n';
import { msg } from '../../shared/i18n';
import { glossed } from './glossary';

/**
 * The amendment as it appears in a parliamentary liasse: number, authors, the article it targets
 * (« APRÈS L’ARTICLE 3 » for an article additionnel), the dispositif, then the exposé sommaire.
 */
export function liasseSection(a: AmendmentView): SafeHtml {
  if (!a.dispositif) return html``;
  const target = a.kind === 'insert_after' ? `Après l’article ${a.articleNumber}` : `Article ${a.articleNumber}`;
  return html`<section aria-labelledby="dispositif-titre"><h2 id="dispositif-titre">${glossed('dispositif', t('Dispositif'))}</h2>
    <p class="hint">${a.dispositifSource === 'clerk'
      ? t('Rédigé par le greffe lors de la mise en forme.')
      : a.status === 'submitted' ? t('Rédigé automatiquement à partir du texte déposé ; le greffe le vérifiera lors de la mise en forme.') : t('Rédigé automatiquement à partir du texte déposé.')}</p>
    <article class="liasse" lang="fr" aria-label="${t('{{titre}} tel qu’il figure dans la liasse', { titre: amendmentTitle(a.displayNumber) })}">
      <p class="liasse-number">${(a.displayNumber === null ? 'Brouillon d’amendement' : `Amendement n° ${a.displayNumber}`).toUpperCase()}</p>
      <p class="liasse-authors">présenté par ${authorList(a.authors)}</p>
      <p class="liasse-target">${target.toUpperCase()}</p>
      <div class="liasse-dispositif">${dispositifLines(a.dispositif)}</div>
      ${a.rationale.trim() ? html`<p class="liasse-heading">EXPOSÉ SOMMAIRE</p><div class="liasse-expose">${paragraphs(a.rationale)}</div>` : ''}
    </article></section>`;
}

/** The clerks' formalisation beside the citizens' text: what changed, and the clerk's note. */
export function formalisationSection(a: AmendmentView): SafeHtml {
  const f = a.formalisation;
  if (!f) return html``;
  return html`<section aria-labelledby="mise-en-forme"><h2 id="mise-en-forme">${t('Mise en forme par le greffe')}</h2>
    <p class="meta">${t('Publiée le {{date}}. Le texte déposé par les citoyens reste consultable ci-dessous.', { date: dateTimeFr.format(new Date(f.createdAt)) })}</p>
    ${f.note.trim() ? html`<div class="clerk-note"><p class="label">${t('Note du greffe')}</p><div lang="fr">${paragraphs(f.note)}</div></div>` : ''}
    <h3>${t('Du texte déposé au texte mis en forme')}</h3>
    <p class="hint">${t('Les ajouts du greffe sont soulignés, ses suppressions barrées.')}</p>
    <div class="diff-wrap" lang="fr">${raw(renderUnifiedDiff(f.diff))}</div>
  </section>`;
}

export function inadmissibleNotice(a: AmendmentView): SafeHtml {
  if (!a.inadmissible) return html``;
  return html`<div class="notice notice-warn" role="note"><p><strong>${glossed('irrecevable', t('Irrecevable'))}</strong> — ${t(a.inadmissible.label)}.</p><p lang="fr">${a.inadmissible.reason}</p></div>`;
}

const HOW_FR: Record<string, string> = {
  explicit: msg('sur décision de sa présidence'), simple_majority: msg('à la majorité simple'), double_majority: msg('à la double majorité (dans chaque collège)'),
};

/** The commission's decision, said in words above the text: what, when, how, and why it fell. */
export function decisionNotice(a: AmendmentView): SafeHtml {
  const d = a.decision;
  if (!d) return html``;
  const when = dateTimeFr.format(new Date(d.decidedAt));
  const tally = d.tallies?.all;
  const votes = tally && tally.total ? html` ${t('Votes des membres : pour {{pour}}, contre {{contre}}, abstentions {{abstentions}}.', { pour: tally.for, contre: tally.against, abstentions: tally.abstain })}` : '';
  const by = d.by ? html` — ${th('à la suite de l’adoption de l’{{lien}}', { lien: html`<a href="/amendements/${d.by.amendmentId}">${t('amendement n° {{numero}}', { numero: d.by.displayNumber ?? '' })}</a>` })}` : '';
  const how = t(HOW_FR[d.rule] ?? '');
  switch (d.outcome) {
    case 'adopted': return html`<div class="notice notice-ok" role="note"><p><strong>${t('Adopté')}</strong> ${t('par la commission le {{date}}, {{comment}}.', { date: when, comment: how })}${votes}</p></div>`;
    case 'rejected': return html`<div class="notice" role="note"><p><strong>${t('Rejeté')}</strong> ${t('par la commission le {{date}}, {{comment}}.', { date: when, comment: how })}${votes}</p></div>`;
    case 'fallen': return html`<div class="notice notice-warn" role="note"><p><strong>${glossed('tomber', t('Tombé'))}</strong> ${t('le {{date}}', { date: when })}${by} ${t(': il ne pouvait plus s’appliquer au texte.')}</p>${d.reason ? html`<p lang="fr">${d.reason}</p>` : ''}</div>`;
    case 'not_examined': return html`<div class="notice" role="note"><p><strong>${t('Non examiné')}</strong> ${t(': la commission l’a clos sans l’examiner le {{date}}.', { date: when })}</p>${d.reason ? html`<p lang="fr">${d.reason}</p>` : ''}</div>`;
  }
}

export function responsesSection(a: AmendmentView): SafeHtml {
  if (a.responses.length === 0) return html``;
  return html`<section aria-labelledby="reponses"><h2 id="reponses">${t('Réponses du greffe')}</h2>
    <ol class="responses" role="list">${a.responses.map((r) => html`<li class="response">
      <p class="meta">${r.clerk.displayName}, ${t('le {{date}}', { date: dateTimeFr.format(new Date(r.createdAt)) })}</p><div lang="fr">${paragraphs(r.body)}</div></li>`)}</ol></section>`;
}

/** Links to the workspace for authors and clerks; clerks' forms (inadmissibility, response). */
export function clerkTools(a: AmendmentView, user: UserRow | null, c: Pick<PageContext, 'form'> = {}): SafeHtml {
  if (!user || a.status === 'draft') return html``;
  const isClerk = may({ user }, 'desk.read', null);
  if (!isClerk) {
    return a.viewerIsAuthor && isOpen(a.status)
      ? html`<p><a href="/amendements/${a.id}/mise-en-forme">${t('Suivre la mise en forme de votre amendement par le greffe')}</a> ${t('(vous pouvez y écrire avec le greffier).')}</p>`
      : html``;
  }
  const open = isOpen(a.status);
  // a refused form comes back here (post → redirect → get): that form shows the message and what was typed
  const [inadmissible, response] = [stateFor(c, 'irrecevable'), stateFor(c, 'reponse')];
  // While open, only the clerk in charge acts (server/commands/clerk-access.ts); the others take over first.
  if (open && a.assignedClerkId && a.assignedClerkId !== user.id) {
    return html`<section aria-labelledby="greffe" class="clerk-space"><h2 id="greffe">${t('Espace du greffe')}</h2>
      ${formAlert(inadmissible ?? response)}
      <p><a class="button" href="/amendements/${a.id}/mise-en-forme">${t('Ouvrir l’espace de mise en forme')}</a></p>
      <p class="notice">${t('Un autre greffier a cet amendement en charge : lui seul le met en forme, y répond ou le déclare irrecevable.')}
        <a href="/amendements/${a.id}/reprendre">${t('Reprendre l’amendement')}</a></p>
    </section>`;
  }
  return html`<section aria-labelledby="greffe" class="clerk-space"><h2 id="greffe">${t('Espace du greffe')}</h2>
    ${formAlert(inadmissible)}
    ${open ? html`<p><a class="button" href="/amendements/${a.id}/mise-en-forme">${t('Ouvrir l’espace de mise en forme')}</a></p>
    <form method="post" action="/amendements/${a.id}/irrecevable" class="form" novalidate>
      <h3>${t('Déclarer irrecevable')}</h3>
      <div class="field"><label for="motif">${t('Motif')}</label><select id="motif" name="motif" required>
        <option value="">${t('Choisir un motif')}</option>${INADMISSIBLE_GROUNDS.map((g) => html`<option value="${g}"${typed(inadmissible, 'motif') === g ? html` selected` : ''}>${t(GROUND_LABELS_FR[g])}</option>`)}</select></div>
      <div class="field"><label for="raison">${t('Raison publique')}</label><p class="hint" id="raison-hint">${t('Publiée sur l’amendement et envoyée à ses auteurs.')}</p>
        <textarea id="raison" name="raison" rows="3" required aria-describedby="raison-hint">${typed(inadmissible, 'raison')}</textarea></div>
      <div class="actions"><button type="submit" class="danger">${t('Déclarer irrecevable')}</button></div>
    </form>` : ''}
    <form method="post" action="/amendements/${a.id}/reponse" class="form" novalidate>
      <h3>${t('Publier une réponse officielle')}</h3>
      ${formAlert(response)}
      <div class="field"><label for="reponse">${t('Réponse')}</label><textarea id="reponse" name="reponse" rows="4" required>${typed(response, 'reponse')}</textarea></div>
      <div class="actions"><button type="submit">${t('Publier la réponse')}</button></div>
    </form>
  </section>`;
}

import { AMENDMENT_KINDS, type AmendmentKind } from '../../shared/amendment';
import type { ArticleRow } from '../sql/articles';
import type { BillRow } from '../sql/bills';
import { alertBox, rowsFor, textareaField, titled, type FormState } from './amendment-parts';
import { html, type SafeHtml } from '../html';
import { layout, type PageContext } from './layout';
import { onBehalfFieldset } from './on-behalf-form';
import { representativeSelect } from './lobbying/parts';
import type { RepresentativeChoice } from '../sql/interest-representatives';
import { t } from '../i18n';
import { tMessage } from '../i18n/message';
import { glossedText } from './glossary';

const KIND_CHOICES: Record<AmendmentKind, (articleNumber: string) => { label: string; hint: string }> = {
  modify: (n) => ({ label: t('Modifier l’article {{numero}}', { numero: n }), hint: t('Corrigez le texte ci-dessous : il remplacera celui de l’article.') }),
  delete: (n) => ({ label: t('Supprimer l’article {{numero}}', { numero: n }), hint: t('Le texte proposé est alors ignoré.') }),
  insert_after: (n) => ({
    label: t('Insérer un article additionnel après l’article {{numero}}', { numero: n }),
    hint: t('Remplacez le texte ci-dessous par celui du nouvel article.'),
  }),
};

/**
 * « Proposer un amendement »: a button that creates the draft at once (a modification, starting
 * from the article's text) and opens it in the live editor, where co-authors can be invited; the
 * other kinds, and a plain form without the editor, one link away.
 */
export function proposeAmendment(article: Pick<ArticleRow, 'id' | 'number'>): SafeHtml {
  return html`<form method="post" action="/articles/${article.id}/amendements" class="propose-amendment" novalidate>
      <input type="hidden" name="kind" value="modify"><input type="hidden" name="action" value="rediger">
      <button type="submit" aria-describedby="propose-hint-${article.id}">${t('Proposer un amendement')}</button>
    </form>
    <p class="hint" id="propose-hint-${article.id}">${t('Ouvre aussitôt un brouillon dans l’éditeur en direct, avec le texte de l’article : vous y inviterez des co-auteurs si vous le souhaitez, puis vous le déposerez.')} <a href="/articles/${article.id}/amendements/nouveau">${t('Supprimer l’article, insérer un article additionnel, ou écrire sans l’éditeur')}</a></p>`;
}

export const isKind = (v: unknown): v is AmendmentKind => typeof v === 'string' && (AMENDMENT_KINDS as readonly string[]).includes(v);

/**
 * « Proposer un amendement »: the kind, the proposed text (the article's alinéas, one per line,
 * to be edited in place), the exposé sommaire, then save as a draft or submit at once. `before`:
 * « Déposer » found close tabled amendments (participation-parts.ts › closestBeforeFiling), shown
 * first; the form then files with « Déposer quand même ».
 */
export function newAmendmentPage(ctx: PageContext, page: {
  bill: BillRow; article: ArticleRow; state?: FormState; representatives?: readonly RepresentativeChoice[]; before?: SafeHtml;
}): string {
  const { bill, article, state, before } = page;
  const kind = isKind(state?.values?.kind) ? state.values.kind : 'modify';
  const text = state?.values?.texte ?? article.alineas.join('\n');
  const errors = state?.fieldErrors ?? {};
  const choices = AMENDMENT_KINDS.map((k) => {
    const c = KIND_CHOICES[k](article.number);
    return html`<div><input type="radio" id="kind-${k}" name="kind" value="${k}" aria-describedby="kind-${k}-hint"${k === kind ? html` checked` : ''}>
      <span><label for="kind-${k}">${c.label}</label><span class="hint choice-hint" id="kind-${k}-hint">${c.hint}</span></span></div>`;
  });
  const title = t('Proposer un amendement à l’article {{numero}}', { numero: article.number });
  return layout(ctx, {
    title: titled(title, state),
    breadcrumb: html`<a href="/">${t('Projets de loi')}</a> › <a href="/textes/${bill.id}" lang="fr">${bill.title}</a> › <a href="/articles/${article.id}">${t('Article {{numero}}', { numero: article.number })}</a>`,
    main: html`<h1>${title}</h1>${alertBox(state)}${before ?? ''}
      <form method="post" action="/articles/${article.id}/amendements" class="form form-wide" novalidate>
        <fieldset id="kind"${errors.kind ? html` aria-describedby="kind-error"` : ''}><legend>${t('Nature de l’amendement')}</legend>
          ${errors.kind ? html`<p class="field-error" id="kind-error">${tMessage(errors.kind)}</p>` : ''}
          ${choices}
        </fieldset>
        ${textareaField({
          id: 'texte', name: 'texte', label: t('Texte proposé'), value: text, rows: rowsFor(text, 8), error: errors.texte, lang: 'fr',
          hint: glossedText(t('Un alinéa par ligne : chaque ligne non vide devient un alinéa. Le texte de l’article y figure déjà ; modifiez-le directement.')),
        })}
        ${textareaField({
          id: 'expose', name: 'expose', label: t('Exposé sommaire'), value: state?.values?.expose ?? '', rows: 6, error: errors.expose,
          hint: t('Expliquez en quelques phrases ce que change l’amendement et pourquoi. Il est obligatoire pour déposer l’amendement.'),
        })}
        ${onBehalfFieldset(ctx.user, 'amendement', state?.values, errors.pour)}
        ${page.representatives?.length ? representativeSelect({
          id: 'inspire', name: 'inspire', label: t('Inspiré par (facultatif)'), choices: page.representatives, value: state?.values?.inspire, error: errors.inspire,
          hint: t('Si une organisation déclarée comme représentant d’intérêts vous a suggéré cet amendement, dites-le : ce sera publié avec lui.'), none: t('Personne'),
        }) : ''}
        <p class="hint" id="actions-hint">${t('Un brouillon n’est visible que de ses auteurs et reste modifiable : « Enregistrer le brouillon » l’ouvre dans l’éditeur en direct, où vous pouvez inviter des co-auteurs. Le dépôt lui attribue un numéro public et fige son texte.')}</p>
        <div class="actions">
          ${before ? html`<input type="hidden" name="proches" value="vus">` : ''}
          <button type="submit" name="action" value="deposer" aria-describedby="actions-hint">${before ? t('Déposer quand même') : t('Déposer l’amendement')}</button>
          <button type="submit" name="action" value="brouillon" class="secondary" aria-describedby="actions-hint">${t('Enregistrer le brouillon')}</button>
        </div>
      </form>
      <p><a href="/articles/${article.id}">${t('Revenir à l’article {{numero}} sans rien enregistrer', { numero: article.number })}</a></p>`,
  });
}

import { CHARTER, MODERATION_LIMITS } from '../../shared/moderation';
import { VOTE_LABELS_FR, VOTE_VALUES, type Tally } from '../../shared/votes';
import type { loadArticleAnnotations } from '../present/annotations';
import type { presentArgumentsBySupport } from '../present/argument';
import { html, type SafeHtml } from '../html';
import { verifiedBadge, type PageContext } from './layout';
import { onBehalfFieldset, provenanceNote } from './on-behalf-form';
import { formatShortDateTime, t, th } from '../i18n';
import { msg } from '../../shared/i18n';
import { tMessage } from '../i18n/message';
import { formAlert, stateFor, typed } from './form-state';

type Annotation = Awaited<ReturnType<typeof loadArticleAnnotations>>[number];
type Argument = ReturnType<typeof presentArgumentsBySupport>[number];

const when = (iso: string) => html`<time datetime="${iso}">${formatShortDateTime(new Date(iso))}</time>`;

export function authorLine(a: { displayName: string; kind: string; assurance?: string }): SafeHtml {
  return html`${a.displayName}${a.kind === 'organisation' ? html` <span class="badge">${t('organisation')}</span>` : ''}${a.assurance === 'verified' ? html` ${verifiedBadge()}` : ''}`;
}

const REPORT_LABELS: Record<string, string> = { amendment: msg('cet amendement'), argument: msg('cet argument'), annotation: msg('cette annotation'), reply: msg('cette réponse') };

/** « Signaler » as a disclosure: a rule of the charter and a comment appear when opened; works without JavaScript. */
export function reportForm(ctx: PageContext, subjectType: string, subjectId: string, returnTo: string): SafeHtml {
  if (!ctx.user) return html``;
  // a refused report comes back to its page (post → redirect → get): this form open, with the message and the choice kept
  const back = stateFor(ctx, `signalement-${subjectId}`);
  return html`<details class="report"${back ? html` open` : ''}><summary>${t('Signaler')}<span class="visually-hidden"> ${t(REPORT_LABELS[subjectType] ?? msg('cette contribution'))}</span></summary>
    <form method="post" action="/signalements" class="inline-form" novalidate>
      ${formAlert(back)}
      <input type="hidden" name="subjectType" value="${subjectType}"><input type="hidden" name="subjectId" value="${subjectId}">
      <input type="hidden" name="suite" value="${returnTo}">
      <label for="report-${subjectId}">${t('Règle de la charte enfreinte')}</label>
      <select id="report-${subjectId}" name="reason" required><option value="">${t('— choisir —')}</option>${CHARTER.map((r) => html`<option value="${r.id}"${typed(back, 'reason') === r.id ? html` selected` : ''}>${t(r.title)}</option>`)}</select>
      <label for="report-comment-${subjectId}">${t('Commentaire (facultatif)')}</label>
      <input id="report-comment-${subjectId}" name="comment" maxlength="${MODERATION_LIMITS.commentChars}" value="${typed(back, 'comment')}">
      <button type="submit">${t('Envoyer le signalement')}</button>
      <a href="/charte-de-moderation" target="_blank">${t('Lire la charte de modération')}</a>
    </form></details>`;
}

const hiddenNotice = (reason: string) => html`<p class="moderated">${t('masqué par la modération :')} <span lang="fr">${reason}</span></p>`;

function tallyLine(tally: Tally): SafeHtml {
  return html`<span class="tally">${VOTE_VALUES.map((v) => html`<span class="tally-${v}">${t(VOTE_LABELS_FR[v])} ${tally[v]}</span> `)}</span>`;
}

function argumentItem(ctx: PageContext, g: Argument, open: boolean, returnTo: string): SafeHtml {
  const vote = open && ctx.user && !g.hidden
    ? html`<form method="post" action="/arguments/${g.id}/vote" class="inline-form vote-mini" novalidate>
        <input type="hidden" name="suite" value="${returnTo}">
        ${VOTE_VALUES.map((v) => html`<button type="submit" name="value" value="${v}" class="vote vote-${v}">${t(VOTE_LABELS_FR[v])}<span class="visually-hidden"> ${t('avec cet argument')}</span></button> `)}
      </form>`
    : '';
  return html`<li class="argument argument-${g.side}" id="argument-${g.id}">
    ${g.hidden ? hiddenNotice(g.hidden.reason) : html`<p lang="fr">${g.body}</p>`}
    <p class="meta">${authorLine(g.author)}${provenanceNote(g.collected)} · ${when(g.createdAt)} · ${tallyLine(g.tally)}</p>
    ${formAlert(stateFor(ctx, `argument-vote-${g.id}`))}${vote}${g.hidden ? '' : reportForm(ctx, 'argument', g.id, returnTo)}</li>`;
}

/** Arguments for and against, each column sorted by support, with a form to add one. */
export function argumentsSection(
  ctx: PageContext,
  target: { type: 'article' | 'amendment'; id: string },
  args: Argument[],
  open: boolean,
  returnTo: string,
): SafeHtml {
  const column = (side: 'for' | 'against', title: string) => {
    const items = args.filter((a) => a.side === side);
    return html`<div class="arguments-col"><h3>${title} <span class="muted">(${items.length})</span></h3>
      ${items.length ? html`<ol class="arguments" role="list">${items.map((g) => argumentItem(ctx, g, open, returnTo))}</ol>` : html`<p class="empty">${t('Aucun argument pour l’instant.')}</p>`}</div>`;
  };
  // a refused argument comes back to its page (post → redirect → get), what was typed kept
  const back = stateFor(ctx, 'argument');
  const side = typed(back, 'side');
  const form = !open
    ? html`<p class="muted">${t('On argumente pendant la consultation, sur les textes et les amendements encore en discussion.')}</p>`
    : !ctx.user
      ? html`<p>${th('{{lien}} pour argumenter.', { lien: html`<a href="/connexion?suite=${returnTo}">${t('Connectez-vous')}</a>` })}</p>`
      : html`<form method="post" action="/arguments" class="form" novalidate>
          <input type="hidden" name="targetType" value="${target.type}"><input type="hidden" name="targetId" value="${target.id}">
          <input type="hidden" name="suite" value="${returnTo}">
          <fieldset><legend>${t('Votre argument')}</legend>
            <div><input type="radio" id="side-for" name="side" value="for"${side === 'against' ? '' : html` checked`}><label for="side-for">${t('Pour')}</label></div>
            <div><input type="radio" id="side-against" name="side" value="against"${side === 'against' ? html` checked` : ''}><label for="side-against">${t('Contre')}</label></div>
          </fieldset>
          <div class="field"><label for="argument-body">${t('Argument')}</label><textarea id="argument-body" name="body" rows="3" required minlength="3" maxlength="5000">${typed(back, 'body')}</textarea></div>
          ${onBehalfFieldset(ctx.user, 'argument', back?.values)}
          <button type="submit">${t('Publier l’argument')}</button></form>`;
  return html`<section aria-labelledby="arguments-title" class="arguments-section"><h2 id="arguments-title">${t('Arguments')}</h2>
    <div class="arguments-cols">${column('for', t('Pour'))}${column('against', t('Contre'))}</div>${formAlert(back)}${form}</section>`;
}

function annotationItem(ctx: PageContext, n: Annotation, index: number, open: boolean, returnTo: string): SafeHtml {
  const where = n.anchor.status === 'orphaned'
    ? html`<span class="muted">${t('(passage disparu de la version actuelle)')}</span>`
    : html`<a href="#passage-${n.id}">${t('alinéa {{n}}', { n: n.anchor.alinea })}</a>${n.anchor.status === 'moved' ? html` <span class="muted">${t('(passage déplacé)')}</span>` : ''}`;
  const replies = n.replies.map((r) => html`<li>${r.hidden ? hiddenNotice(r.hidden.reason) : html`<p lang="fr">${r.body}</p>`}
    <p class="meta">${authorLine(r.author)} · ${when(r.createdAt)}</p>${r.hidden ? '' : reportForm(ctx, 'reply', r.id, returnTo)}</li>`);
  const reply = stateFor(ctx, `reponse-${n.id}`);
  const replyForm = open && ctx.user
    ? html`<form method="post" action="/annotations/${n.id}/reponses" class="inline-form" novalidate>
        <input type="hidden" name="suite" value="${returnTo}">
        <label for="reply-${n.id}">${t('Répondre')}</label><input id="reply-${n.id}" name="body" required maxlength="5000" value="${typed(reply, 'body')}">
        <button type="submit">${t('Envoyer')}</button></form>`
    : '';
  return html`<li id="annotation-${n.id}" class="annotation">
    <p class="annotation-head"><span class="note-num">${index}</span> ${where} — <q lang="fr">${n.quote}</q></p>
    ${n.hidden ? hiddenNotice(n.hidden.reason) : html`<p lang="fr">${n.body}</p>`}
    <p class="meta">${authorLine(n.author)}${provenanceNote(n.collected)} · ${when(n.createdAt)}</p>
    ${n.hidden ? '' : reportForm(ctx, 'annotation', n.id, returnTo)}
    ${replies.length ? html`<ol class="replies" role="list" aria-label="${t('Réponses')}">${replies}</ol>` : ''}${formAlert(reply)}${replyForm}</li>`;
}

/**
 * Annotations as footnotes of the text, and the form to add one. Without JavaScript (and with the
 * keyboard) one picks the alinéa and types the passage; with it, selecting text fills the form.
 */
export function annotationsSection(
  ctx: PageContext,
  article: { id: string; version: number; alineas: string[] },
  notes: Annotation[],
  open: boolean,
  returnTo: string,
  error?: { message: string; values: Record<string, string> },
): SafeHtml {
  const list = notes.length
    ? html`<ol class="annotations" role="list">${notes.map((n, i) => annotationItem(ctx, n, i + 1, open, returnTo))}</ol>`
    : html`<p class="empty">${t('Aucune annotation. Soyez la première personne à commenter un passage.')}</p>`;
  // a refused annotation comes back to the article page by a 303 (post → redirect → get), or is shown in place
  const back = stateFor(ctx, 'annoter');
  const failed = error ?? (back?.error ? { message: back.error, values: back.values ?? {} } : undefined);
  const v = failed?.values ?? {};
  const form = !open
    ? html`${failed ? html`<div class="alert" role="alert" id="erreurs" tabindex="-1">${tMessage(failed.message)}</div>` : ''}`
    : !ctx.user
      ? html`<p>${th('{{lien}} pour annoter un passage.', { lien: html`<a href="/connexion?suite=${returnTo}">${t('Connectez-vous')}</a>` })}</p>`
      : html`<form method="post" action="/articles/${article.id}/annotations" class="form annotate-form" id="annoter" novalidate>
          <h3>${t('Annoter un passage')}</h3>
          ${failed ? html`<div class="alert" role="alert">${tMessage(failed.message)}</div>` : ''}
          <input type="hidden" name="version" value="${article.version}"><input type="hidden" name="start" value="${v.start ?? ''}">
          <div class="field"><label for="annot-alinea">${t('Alinéa')}</label>
            <select id="annot-alinea" name="alinea">${article.alineas.map((_, i) => html`<option value="${i + 1}"${v.alinea === String(i + 1) ? html` selected` : ''}>${t('Alinéa {{n}}', { n: i + 1 })}</option>`)}</select></div>
          <div class="field"><label for="annot-quote">${t('Passage cité')}</label>
            <p class="hint" id="annot-quote-hint">${t('Recopiez exactement les mots commentés, ou sélectionnez-les dans le texte.')}</p>
            <input id="annot-quote" name="quote" type="text" required maxlength="5000" aria-describedby="annot-quote-hint" value="${v.quote ?? ''}"></div>
          <div class="field"><label for="annot-body">${t('Votre commentaire')}</label>
            <textarea id="annot-body" name="body" rows="3" required maxlength="5000">${v.body ?? ''}</textarea></div>
          ${onBehalfFieldset(ctx.user, 'annot', v)}
          <button type="submit">${t('Publier l’annotation')}</button></form>`;
  return html`<section aria-labelledby="annotations-title" class="annotations-section"><h2 id="annotations-title">${t('Annotations')}</h2>${list}${form}</section>`;
}

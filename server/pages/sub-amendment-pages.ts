import express, { type Request, type Response, type Router } from 'express';
import { rowNumber } from '../../shared/amendment';
import { authorize } from '../authorize';
import { loadVisibleAmendment } from '../commands/amendment-access';
import { AppError } from '../http/errors';
import { rectifyOp, subAmendOp } from '../operations/commission';
import type { OpDeps } from '../operations/operation';
import type { AmendmentRow } from '../sql/amendments';
import { findBill } from '../sql/bills';
import { html, type SafeHtml } from '../html';
import { textToAlineas } from './amendment-forms';
import { alertBox, amendmentTitle, paragraphs, rowsFor, textareaField, titled, type FormState } from './amendment-parts';
import { formOperation } from './form-operation';
import { sendFormBack, takeFormState } from './flash';
import { layout } from './layout';
import { ctx, formBody, formFields, page, safeNext } from './page-kit';
import { t } from '../i18n';
import { glossedText } from './glossary';

/**
 * The forms of docs/sub-amendments.md, without JavaScript: a commission member tables a
 * sous-amendement (the amendment's text, rewritten, one alinéa per line); the authors or the clerk
 * in charge publish a rectified version. Both go through the operations the JSON routes use.
 */
const param = (req: Request) => String(req.params.id);

function formPage(req: Request, a: AmendmentRow, billTitle: string, what: 'sub' | 'rectify', state?: FormState): string {
  const number = rowNumber(a);
  const title = what === 'sub' ? t('Sous-amender l’amendement n° {{numero}}', { numero: number ?? '' }) : t('Rectifier l’amendement n° {{numero}}', { numero: number ?? '' });
  const values = state?.values ?? {};
  const errors = state?.fieldErrors ?? {};
  const text = values.texte ?? a.alineas.join('\n');
  const suite = safeNext(values.suite ?? formFields(req).suite ?? (typeof req.query.suite === 'string' ? req.query.suite : undefined), `/amendements/${a.id}`);
  const action = `/amendements/${a.id}/${what === 'sub' ? 'sous-amender' : 'rectifier'}`;
  const intro: SafeHtml = what === 'sub'
    ? html`<p class="lead">${t('Le sous-amendement propose une nouvelle rédaction du texte de l’amendement : modifiez ci-dessous ses alinéas. Il est déposé aussitôt au nom de la commission (numéro COM-…), examiné juste avant l’amendement, et, s’il est adopté, l’amendement est réécrit en conséquence.')}</p>`
    : html`<p class="lead">${t('La version rectifiée remplace la version actuelle dans la liasse et l’examen (« n° {{numero}} rect. ») ; l’historique garde toutes les versions. Possible tant que les membres de la commission n’ont pas commencé à voter.', { numero: number ?? '' })}</p>`;
  return layout(ctx(req), {
    title: titled(title, state),
    breadcrumb: html`<a href="/">${t('Projets de loi')}</a> › <a href="/textes/${a.bill_id}" lang="fr">${billTitle}</a> › <a href="/amendements/${a.id}">${amendmentTitle(number)}</a>`,
    main: html`<h1>${title}</h1>${alertBox(state)}
      ${intro}
      <section aria-labelledby="actuel"><h2 id="actuel">${t('Texte actuel de l’amendement (article {{numero}})', { numero: a.article_number })}</h2>
        <div class="rationale" lang="fr">${a.kind === 'delete' ? html`<p>${t('Suppression de l’article.')}</p>` : paragraphs(a.alineas.join('\n'))}</div></section>
      <form method="post" action="${action}" class="form form-wide" novalidate>
        <input type="hidden" name="suite" value="${suite}">
        ${a.kind === 'delete' && what === 'rectify' ? '' : textareaField({
          id: 'sous-texte', name: 'texte', label: what === 'sub' ? t('Texte de l’amendement tel que le sous-amendement le rédige') : t('Texte rectifié'), lang: 'fr',
          value: text, rows: rowsFor(text, 6), error: errors['sous-texte'], hint: glossedText(t('Un alinéa par ligne : chaque ligne non vide devient un alinéa.')),
        })}
        ${textareaField({
          id: 'sous-expose', name: 'expose', label: t('Exposé sommaire'), value: values.expose ?? (what === 'rectify' ? a.rationale : ''), rows: 5, lang: 'fr',
          error: errors['sous-expose'], hint: what === 'sub' ? t('Obligatoire : pourquoi ce sous-amendement.') : t('Vous pouvez aussi le rectifier.'),
        })}
        <div class="actions"><button type="submit">${what === 'sub' ? t('Déposer le sous-amendement') : t('Publier la version rectifiée')}</button>
          <a href="${suite}" class="button secondary">${t('Annuler')}</a></div>
      </form>`,
  });
}

export function subAmendmentPages(deps: OpDeps): Router {
  const r = express.Router();
  const { db } = deps;
  const form = formBody('2mb');

  const show = (what: 'sub' | 'rectify') => page(async (req: Request, res: Response) => {
    if (!req.user) return res.redirect(303, `/connexion?suite=${encodeURIComponent(req.originalUrl)}`);
    const { amendment } = await loadVisibleAmendment(db, param(req), req.user);
    // the same table as the operation: a refusal here is the « Action impossible » page
    await authorize(db, what === 'sub' ? 'amendment.subAmend' : 'amendment.rectify', req.user, { amendment });
    const bill = await findBill(db, amendment.bill_id);
    res.type('html').send(formPage(req, amendment, bill?.title ?? '', what, takeFormState(req.query.formulaire)));
  });

  const sendBack = (what: 'sub' | 'rectify') => async (req: Request, res: Response, err: AppError, fieldErrors: Record<string, string>) => {
    if (err.code === 'not_found') return false;
    const { amendment } = await loadVisibleAmendment(db, param(req), req.user ?? null);
    const bill = await findBill(db, amendment.bill_id);
    const f = formFields(req);
    const state: FormState = { error: err.message, fieldErrors, values: { texte: f.texte ?? '', expose: f.expose ?? '', suite: f.suite ?? '' } };
    // post → redirect → get: back to the form's own page, unless the state does not fit in an address
    if (sendFormBack(res, `/amendements/${encodeURIComponent(amendment.id)}/${what === 'sub' ? 'sous-amender' : 'rectifier'}`, state)) return true;
    res.status(err.status).type('html').send(formPage(req, amendment, bill?.title ?? '', what, state));
    return true;
  };
  const fields = { alineas: 'sous-texte', rationale: 'sous-expose' };

  r.get('/amendements/:id/sous-amender', show('sub'));
  r.post('/amendements/:id/sous-amender', form, formOperation(deps, subAmendOp, {
    signIn: (req) => `/amendements/${param(req)}/sous-amender`,
    body: (f) => ({ alineas: textToAlineas(f.texte ?? ''), rationale: f.expose ?? '' }),
    fields,
    done: (req, res, out) => res.redirect(303, `/amendements/${out.id}`),
    refused: sendBack('sub'),
  }));

  r.get('/amendements/:id/rectifier', show('rectify'));
  r.post('/amendements/:id/rectifier', form, formOperation(deps, rectifyOp, {
    signIn: (req) => `/amendements/${param(req)}/rectifier`,
    body: (f) => ({ ...(f.texte === undefined ? {} : { alineas: textToAlineas(f.texte) }), ...(f.expose === undefined ? {} : { rationale: f.expose }) }),
    fields,
    done: (req, res) => res.redirect(303, safeNext(formFields(req).suite, `/amendements/${param(req)}`)),
    refused: sendBack('rectify'),
  }));
  return r;
}

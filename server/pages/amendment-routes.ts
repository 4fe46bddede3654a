import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import { z } from 'zod';
import { isOpen } from '../../shared/amendment';
import { RANKINGS } from '../../shared/ranking';
import type { LiveDocs } from '../collab/registry';
import type { Db } from '../db/db';
import { amendingOrigin, loadVisibleAmendment } from '../commands/amendment-access';
import { authorize } from '../authorize';
import { AppError } from '../http/errors';
import {
  addCoauthorOp, createAmendmentBody, createAmendmentOp, editAmendmentOp, inviteCoauthorOp, removeCoauthorOp, submitAmendmentOp, withdrawAmendmentOp,
} from '../operations/amendments';
import { operation, type OpDeps } from '../operations/operation';
import { amendmentVote } from '../operations/votes';
import { viewerSeed } from '../http/viewer-seed';
import { loadAmendmentView } from '../present/amendment';
import { listAmendmentsPage, type AmendmentListCache } from '../present/amendment-list';
import { presentArgumentsBySupport, withArgumentTallies } from '../present/argument';
import { pageAssurance } from './assurance-toggle';
import { listArguments } from '../sql/arguments';
import { findArticle, type ArticleRow } from '../sql/articles';
import { findBill } from '../sql/bills';
import { findMyVote } from '../sql/votes';
import { isKind, newAmendmentPage } from './amendment-form-page';
import { textToAlineas } from './amendment-forms';
import { amendmentListPage, rankingsPage, SORT_PARAM } from './amendment-list-pages';
import { amendmentPage, type DiffView } from './amendment-pages';
import type { FormState } from './amendment-parts';
import { argumentsSection, reportForm } from './contribution-parts';
import { amendmentParticipation, closestBeforeFiling } from './participation-parts';
import { closestToProposal } from '../present/participation';
import { afterFiling, ON_BEHALF_FIELDS, onBehalfError, onBehalfFromForm } from './on-behalf-form';
import { formOperation, type FieldErrors } from './form-operation';
import { ctx, formBody, formFields, page } from './page-kit';
import { putFormState, takeFormState, withFormState } from './flash';
import { html } from '../html';
import { inspirationSection } from './lobbying/amendment-part';
import { may } from './layout';
import { listActiveRepresentatives } from '../sql/interest-representatives';
import { msg } from '../../shared/i18n';

const PAGE_SIZE = 20;
/** The proposal form's state after « Déposer » when close amendments are already tabled. */
const BEFORE_FILING = 'avant-depot';

const listQuery = z.object({
  [SORT_PARAM]: z.enum(RANKINGS).catch('position'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

const param = (req: Request, name: string) => String(req.params[name]);
const signIn = (res: Response, next: string) => res.redirect(303, `/connexion?suite=${next}`);

/** The amendment pages: list, proposal form, the amendment, and its authors' and voters' forms. */
export function amendmentPageRoutes(db: Db, live: LiveDocs, lists: AmendmentListCache): Router {
  const r = express.Router();
  const deps = { db, live };
  // An article's whole text travels in the form, hence more room than the login form needs.
  const form = formBody('2mb');

  async function loadArticle(id: string) {
    const article = await findArticle(db, id);
    const bill = article ? await findBill(db, article.bill_id) : undefined;
    if (!article || !bill) throw new AppError('not_found', 'Cet article n’existe pas.');
    return { article, bill };
  }

  /** The amendment page, possibly with a form of the authors' space sent back with its errors. */
  async function renderAmendment(req: Request, res: Response, id: string, state?: FormState, status = 200): Promise<void> {
    const user = req.user ?? null;
    const { amendment, viewerIsAuthor } = await loadVisibleAmendment(db, id, user);
    const published = amendment.status !== 'draft' && amendment.hidden_reason === null;
    const assurance = pageAssurance(req);
    const [view, bill, mine, args] = await Promise.all([
      loadAmendmentView(db, live, amendment, user, viewerIsAuthor, assurance),
      findBill(db, amendment.bill_id),
      user ? findMyVote(db, { type: 'amendment', id: amendment.id }, user.id) : Promise.resolve(null),
      published ? listArguments(db, 'amendment', amendment.id).then((rows) => withArgumentTallies(db, rows, assurance)) : Promise.resolve([]),
    ]);
    if (!bill) throw new AppError('not_found', 'Ce projet de loi n’existe pas.');
    const diffView: DiffView = req.query.vue === 'cote-a-cote' ? 'side' : 'unified';
    const here = `/amendements/${amendment.id}`;
    const open = bill.status === 'consultation' && isOpen(amendment.status);
    // Arguments and reports concern what the public can read: not a draft, not a masked text.
    const cosigning = await amendmentParticipation(db, live, ctx(req), amendment, viewerIsAuthor, bill.status);
    const mayMark = published && may(ctx(req), 'amendment.markInspiration', bill.status);
    const inspiration = inspirationSection(ctx(req), { ...view, billStatus: bill.status }, mayMark ? await listActiveRepresentatives(db) : []);
    const contributions = published
      ? {
          extras: html`${inspiration}${cosigning}${argumentsSection(ctx(req), { type: 'amendment', id: amendment.id }, presentArgumentsBySupport(args), open, here)}`,
          report: reportForm(ctx(req), 'amendment', amendment.id, here),
        }
      : { extras: html`${inspiration}${cosigning}` };
    res.status(status).type('html').send(amendmentPage(ctx(req), {
      bill, amendment: view, articleVersion: amendment.article_version, mine, view: diffView, assurance, ...(state ? { state } : {}), ...contributions,
    }));
  }

  r.get('/classements', (req, res) => {
    res.type('html').send(rankingsPage(ctx(req)));
  });

  r.get('/articles/:articleId/amendements', page(async (req, res) => {
    const { article, bill } = await loadArticle(param(req, 'articleId'));
    const q = listQuery.parse(req.query);
    const sort = q[SORT_PARAM];
    const list = await listAmendmentsPage(db, lists, {
      billId: bill.id, articleId: article.id, sort, assurance: pageAssurance(req), viewerSeed: sort === 'random' ? viewerSeed(req, res) : '',
      limit: PAGE_SIZE, offset: (q.page - 1) * PAGE_SIZE,
    });
    res.type('html').send(amendmentListPage(ctx(req), { bill, article, list, page: q.page }));
  }));

  r.get('/articles/:articleId/amendements/nouveau', page(async (req, res) => {
    const articleId = param(req, 'articleId');
    if (!req.user) return signIn(res, `/articles/${encodeURIComponent(articleId)}/amendements/nouveau`);
    const { article, bill } = await loadArticle(articleId);
    await authorize(db, 'amendment.create', req.user, { bill });
    const state = takeFormState(req.query.formulaire);
    // after « Déposer »: the close tabled amendments, looked up again (one may have been withdrawn meanwhile)
    const closest = state?.form === BEFORE_FILING ? await closestToTyped(article, state.values ?? {}, req.user.id) : [];
    const before = closest.length ? closestBeforeFiling(ctx(req), closest, bill.status) : undefined;
    res.type('html').send(newAmendmentPage(ctx(req), { bill, article, ...(state ? { state } : {}), ...(before ? { before } : {}), representatives: await listActiveRepresentatives(db) }));
  }));

  /** The close tabled amendments to what the proposal form holds. */
  const closestToTyped = (article: ArticleRow, f: Record<string, string>, viewerId: string | null) =>
    isKind(f.kind) ? closestToProposal(db, article, f.kind, f.kind === 'delete' || f.texte === undefined ? undefined : textToAlineas(f.texte), viewerId) : Promise.resolve([]);

  /**
   * The proposal form's « Déposer » (issue 16 › 1): when tabled amendments to the article make close
   * changes, nothing is filed yet; the author is sent back to the form (post → redirect → get, what
   * was typed sealed, form BEFORE_FILING) where they are listed with « Cosigner plutôt », and the form's
   * « Déposer quand même » sends `proches=vus`. Once the rest of the proposal is valid only (the
   * refusals come first), and not for a mediator filing on someone's behalf (co-signing is one's own).
   * The JSON API files at once, as API.md says.
   */
  /** How long the text typed stays on the step before filing (a reload, the way back from a close amendment). */
  const BEFORE_FILING_KEEP_MS = 30 * 60_000;
  const fileOrSuggestOp = operation({
    policy: createAmendmentOp.policy, params: createAmendmentOp.params,
    body: createAmendmentBody.extend({ closestSeen: z.boolean().default(false) }),
    run: async (d, user, { params, body: { closestSeen, ...body } }) => {
      if (body.submit && !closestSeen && !body.onBehalfOf && body.rationale.trim() !== '') {
        const article = await findArticle(d.db, params.articleId);
        if (article) {
          // a closed phase is refused as the filing would be
          await amendingOrigin(d.db, article.bill_id, user);
          if ((await closestToProposal(d.db, article, body.kind, body.alineas, user.id)).length > 0) return { closest: true as const };
        }
      }
      return { closest: false as const, filed: await createAmendmentOp.run(d, user, { params, body }) };
    },
  });

  r.post('/articles/:articleId/amendements', form, formOperation(deps, fileOrSuggestOp, {
    signIn: (req) => `/articles/${encodeURIComponent(param(req, 'articleId'))}/amendements/nouveau`,
    // « rediger » (the button of the article page) sends no text: the draft starts from the article
    body: (f) => ({
      kind: f.kind, alineas: f.kind === 'delete' || f.texte === undefined ? undefined : textToAlineas(f.texte), rationale: f.expose ?? '', submit: f.action === 'deposer',
      onBehalfOf: onBehalfFromForm(f), ...(f.inspire ? { inspiredBy: f.inspire } : {}), closestSeen: f.proches === 'vus',
    }),
    fields: { ...NEW_FIELDS, ...ON_BEHALF_FIELDS },
    done: async (req, res, out) => {
      if (!out.closest) return afterFiling(res, out.filed, `/amendements/${encodeURIComponent(out.filed.id)}`);
      const articleId = param(req, 'articleId');
      const values = formFields(req);
      // kept half an hour: the step invites reading the close amendments before coming back to file
      const sealed = putFormState({ form: BEFORE_FILING, values }, Date.now(), BEFORE_FILING_KEEP_MS);
      if (sealed) return res.redirect(303, withFormState(`/articles/${encodeURIComponent(articleId)}/amendements/nouveau`, sealed, '#avant-depot'));
      // a text too long for an address: the same page, in answer to the post
      const { article, bill } = await loadArticle(articleId);
      const state = { form: BEFORE_FILING, values };
      const closest = await closestToTyped(article, values, req.user?.id ?? null);
      res.type('html').send(newAmendmentPage(ctx(req), {
        bill, article, state, ...(closest.length ? { before: closestBeforeFiling(ctx(req), closest, bill.status) } : {}), representatives: await listActiveRepresentatives(db),
      }));
    },
    // a refusal of the proposal itself (the consultation closed meanwhile…): its form page refuses the same, so
    // back to the article (post → redirect → get), said in its « Amendements » section, what was typed kept
    formPage: (req) => `/articles/${encodeURIComponent(param(req, 'articleId'))}`, formName: () => 'amender',
    // the form's own refusals (what was typed): back to the form
    refused: async (req, res, err, fieldErrors) => {
      if (err.code !== 'validation_failed' && err.code !== 'unprocessable') return false;
      const { article, bill } = await loadArticle(param(req, 'articleId'));
      const f = formFields(req);
      const values = { ...f, kind: f.kind ?? '', ...(f.texte === undefined ? {} : { texte: f.texte }), expose: f.expose ?? '', inspire: f.inspire ?? '' };
      if (fieldErrors.pour) fieldErrors.pour = onBehalfError(err);
      const state = { error: err.message, fieldErrors, values };
      // back to the form (post → redirect → get: a reload sends nothing again), unless it cannot travel in an address
      const sealed = putFormState(state);
      if (sealed) return res.redirect(303, withFormState(`/articles/${encodeURIComponent(article.id)}/amendements/nouveau`, sealed, '#erreurs'));
      res.status(400).type('html').send(newAmendmentPage(ctx(req), { bill, article, state, representatives: await listActiveRepresentatives(db) }));
    },
  }));

  r.get('/amendements/:id', page(async (req, res) => {
    // a named form's state (arguments, reports, co-signing, the clerk's forms…) is shown by that form (ctx().form)
    const state = takeFormState(req.query.formulaire);
    await renderAmendment(req, res, param(req, 'id'), state?.form ? undefined : state);
  }));

  amendmentActionRoutes(r, form, renderAmendment, { db, live });
  return r;
}

type Render = (req: Request, res: Response, id: string, state?: FormState, status?: number) => Promise<void>;

/** Form fields of the draft's form, by the operation's body field. */
const NEW_FIELDS = { kind: 'kind', alineas: 'texte', rationale: 'expose', inspiredBy: 'inspire' };
const EDIT_FIELDS = { alineas: 'edit-texte', rationale: 'edit-expose' };

/** The draft form's fields as an edit (the text field is absent for a deletion, or when the live editor runs). */
const draftEdit = (f: Record<string, string>) => ({
  ...(f.texte === undefined ? {} : { alineas: textToAlineas(f.texte) }),
  ...(f.expose === undefined ? {} : { rationale: f.expose }),
});

/** The forms posted from an amendment page; each answers with a redirect back to it (303). */
function amendmentActionRoutes(r: Router, form: RequestHandler[], renderAmendment: Render, deps: OpDeps): void {
  const here = (req: Request) => `/amendements/${encodeURIComponent(param(req, 'id'))}`;
  const back = (hash = '') => (req: Request, res: Response) => res.redirect(303, `${here(req)}${hash}`);
  /** A refusal shown on the amendment page, next to the field it concerns. */
  const onPage = (fields: (err: AppError, f: Record<string, string>, errors: FieldErrors) => FieldErrors) =>
    async (req: Request, res: Response, err: AppError, errors: FieldErrors) => {
      const f = formFields(req);
      const values = { ...(f.texte === undefined ? {} : { texte: f.texte }), expose: f.expose ?? '', compte: f.compte ?? '' };
      const state = { error: err.message, fieldErrors: fields(err, f, errors), values };
      // post → redirect → get, as for the proposal form
      const sealed = putFormState(state);
      if (sealed) return res.redirect(303, withFormState(here(req), sealed, '#erreurs'));
      await renderAmendment(req, res, param(req, 'id'), state, err.status);
    };
  const draftErrors = (err: AppError, _f: Record<string, string>, errors: FieldErrors) => (err.code === 'validation_failed' || err.code === 'unprocessable' ? errors : {});

  const votes = {
    cast: formOperation(deps, amendmentVote.cast, { signIn: here, formPage: here, body: (f) => ({ value: f.value }), done: back('#avis') }),
    withdraw: formOperation(deps, amendmentVote.withdraw, { signIn: here, formPage: here, done: back('#avis') }),
  };
  r.post('/amendements/:id/vote', form, (req: Request, res: Response, next: NextFunction) => votes[formFields(req).value === 'none' ? 'withdraw' : 'cast'](req, res, next));

  // A save that changes nothing is a no-op in the command itself (no revision added).
  r.post('/amendements/:id/modifier', form, formOperation(deps, editAmendmentOp, {
    signIn: here, body: draftEdit, fields: EDIT_FIELDS, done: back(), refused: onPage(draftErrors),
  }));

  // « Déposer » is a button of the draft form: what the authors just typed is saved first, after
  // checking that the deposit itself is allowed (so that a refusal names the deposit, not the save).
  r.post('/amendements/:id/deposer', form, formOperation(deps, {
    ...editAmendmentOp,
    policy: 'amendment.submit',
    run: async (d, user, input) => {
      const { amendment } = await loadVisibleAmendment(d.db, input.params.id, user);
      await authorize(d.db, 'amendment.submit', user, { amendment });
      await editAmendmentOp.run(d, user, input);
      await submitAmendmentOp.run(d, user, { params: input.params, body: undefined });
    },
  }, { signIn: here, body: draftEdit, fields: EDIT_FIELDS, done: back(), refused: onPage(draftErrors) }));

  r.post('/amendements/:id/coauteurs', form, formOperation(deps, addCoauthorOp, {
    signIn: here,
    body: (f) => {
      const compte = (f.compte ?? '').trim();
      return /^[0-9a-f-]{36}$/i.test(compte) ? { userId: compte } : { displayName: compte };
    },
    done: back(),
    refused: onPage((err) => ({ coauteur: err.code === 'validation_failed' ? msg('Saisissez le nom affiché (ou l’identifiant) du compte de votre co-auteur.') : err.message })),
  }));

  r.post('/amendements/:id/coauteurs/:userId/retirer', form, formOperation(deps, removeCoauthorOp, {
    signIn: here,
    // who leaves a draft can no longer see it
    done: (req, res, _out, input, user) => (input.params.userId === user.id ? res.redirect(303, '/') : back()(req, res)),
    refused: onPage(() => ({})),
  }));

  r.post('/amendements/:id/invitation', form, formOperation(deps, inviteCoauthorOp, {
    signIn: here, formPage: here,
    done: (req, res, { token }) => renderAmendment(req, res, param(req, 'id'), { values: { invitation: `${req.protocol}://${req.get('host') ?? ''}/invitations/${token}` } }),
  }));

  r.post('/amendements/:id/retirer', form, formOperation(deps, withdrawAmendmentOp, { signIn: here, formPage: here, done: back() }));
}

import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { z } from 'zod';
import { isOpen } from '../../shared/amendment';
import { RANKINGS } from '../../shared/ranking';
import { VOTE_VALUES } from '../../shared/votes';
import type { LiveDocs } from '../collab/registry';
import type { Db } from '../db/db';
import { addCoauthor } from '../commands/add-coauthor';
import { removeCoauthor } from '../commands/remove-coauthor';
import { createInvitation } from '../commands/invitations';
import { loadVisibleAmendment, requireAmendingPhase } from '../commands/amendment-access';
import { castVote } from '../commands/cast-vote';
import { createAmendment } from '../commands/create-amendment';
import { editAmendment } from '../commands/edit-amendment';
import { submitAmendment } from '../commands/submit-amendment';
import { withdrawAmendment } from '../commands/withdraw-amendment';
import { AppError } from '../http/errors';
import { viewerSeed } from '../http/viewer-seed';
import { loadAmendmentView } from '../present/amendment';
import { listAmendmentsPage, type AmendmentListCache } from '../present/amendment-list';
import { presentArgumentsBySupport } from '../present/argument';
import { listArguments } from '../sql/arguments';
import { findArticle } from '../sql/articles';
import { findBill } from '../sql/bills';
import type { UserRow } from '../sql/users';
import { findMyVote } from '../sql/votes';
import { newAmendmentPage } from './amendment-form-page';
import {
  alineasProblem, editAmendmentForm, fieldErrorsOf, newAmendmentForm, textToAlineas, validationFields,
} from './amendment-forms';
import { amendmentListPage, rankingsPage, SORT_PARAM } from './amendment-list-pages';
import { amendmentPage, type DiffView } from './amendment-pages';
import type { FormState } from './amendment-parts';
import { argumentsSection, reportForm } from './contribution-parts';
import { ctx, formBody, page } from './page-kit';

const PAGE_SIZE = 20;

const listQuery = z.object({
  [SORT_PARAM]: z.enum(RANKINGS).catch('position'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
const voteForm = z.object({ value: z.enum([...VOTE_VALUES, 'none']) });

const param = (req: Request, name: string) => String(req.params[name]);
const signIn = (res: Response, next: string) => res.redirect(303, `/connexion?suite=${next}`);
const body = (req: Request) => (req.body ?? {}) as Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The amendment pages: list, proposal form, the amendment, and its authors' and voters' forms. */
export function amendmentPageRoutes(db: Db, live: LiveDocs, lists: AmendmentListCache): Router {
  const r = express.Router();
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
    const [view, bill, mine, args] = await Promise.all([
      loadAmendmentView(db, live, amendment, user, viewerIsAuthor),
      findBill(db, amendment.bill_id),
      user ? findMyVote(db, { type: 'amendment', id: amendment.id }, user.id) : Promise.resolve(null),
      published ? listArguments(db, 'amendment', amendment.id) : Promise.resolve([]),
    ]);
    if (!bill) throw new AppError('not_found', 'Ce projet de loi n’existe pas.');
    const diffView: DiffView = req.query.vue === 'cote-a-cote' ? 'side' : 'unified';
    const here = `/amendements/${amendment.id}`;
    const open = bill.status === 'consultation' && isOpen(amendment.status);
    // Arguments and reports concern what the public can read: not a draft, not a masked text.
    const contributions = published
      ? {
          extras: argumentsSection(ctx(req), { type: 'amendment', id: amendment.id }, presentArgumentsBySupport(args), open, here),
          report: reportForm(ctx(req), 'amendment', amendment.id, here),
        }
      : {};
    res.status(status).type('html').send(amendmentPage(ctx(req), {
      bill, amendment: view, articleVersion: amendment.article_version, mine, view: diffView, ...(state ? { state } : {}), ...contributions,
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
      billId: bill.id, articleId: article.id, sort, viewerSeed: sort === 'random' ? viewerSeed(req, res) : '',
      limit: PAGE_SIZE, offset: (q.page - 1) * PAGE_SIZE,
    });
    res.type('html').send(amendmentListPage(ctx(req), { bill, article, list, page: q.page }));
  }));

  r.get('/articles/:articleId/amendements/nouveau', page(async (req, res) => {
    const articleId = param(req, 'articleId');
    if (!req.user) return signIn(res, `/articles/${encodeURIComponent(articleId)}/amendements/nouveau`);
    const { article, bill } = await loadArticle(articleId);
    await requireAmendingPhase(db, bill.id, req.user, 'Proposer un amendement');
    res.type('html').send(newAmendmentPage(ctx(req), { bill, article }));
  }));

  r.post('/articles/:articleId/amendements', form, page(async (req, res) => {
    const articleId = param(req, 'articleId');
    if (!req.user) return signIn(res, `/articles/${encodeURIComponent(articleId)}/amendements/nouveau`);
    const { article, bill } = await loadArticle(articleId);
    const raw = body(req);
    const values = { kind: str(raw.kind), texte: str(raw.texte), expose: str(raw.expose) };
    const sendBack = (status: number, fieldErrors: Record<string, string>, error: string) => {
      res.status(status).type('html').send(newAmendmentPage(ctx(req), { bill, article, state: { error, fieldErrors, values } }));
    };
    const input = newAmendmentForm.safeParse(raw);
    if (!input.success) return sendBack(400, fieldErrorsOf(input.error), 'Le formulaire contient des erreurs.');
    const alineas = input.data.kind === 'delete' ? undefined : textToAlineas(input.data.texte);
    const tooLong = alineas && alineasProblem(alineas);
    if (tooLong) return sendBack(400, { texte: tooLong }, tooLong);
    try {
      const id = await createAmendment(db, {
        user: req.user, articleId: article.id, kind: input.data.kind, alineas, rationale: input.data.expose, submit: input.data.action === 'deposer',
      });
      res.redirect(303, `/amendements/${encodeURIComponent(id)}`);
    } catch (err) {
      const fields = validationFields(err, { alineas: 'texte', rationale: 'expose' });
      if (!fields) throw err;
      sendBack(400, fields, (err as AppError).message);
    }
  }));

  r.get('/amendements/:id', page(async (req, res) => {
    await renderAmendment(req, res, param(req, 'id'));
  }));

  amendmentActionRoutes(r, form, renderAmendment, db, live);
  return r;
}

type Render = (req: Request, res: Response, id: string, state?: FormState, status?: number) => Promise<void>;

/** The forms posted from an amendment page; each answers with a redirect back to it (303). */
function amendmentActionRoutes(r: Router, form: RequestHandler[], renderAmendment: Render, db: Db, live: LiveDocs): void {
  const back = (res: Response, id: string, hash = '') => res.redirect(303, `/amendements/${encodeURIComponent(id)}${hash}`);

  r.post('/amendements/:id/vote', form, page(async (req, res) => {
    const id = param(req, 'id');
    if (!req.user) return signIn(res, `/amendements/${encodeURIComponent(id)}`);
    const value = voteForm.safeParse(body(req));
    if (!value.success) throw new AppError('validation_failed', 'Choix de vote inconnu.');
    await castVote(db, { userId: req.user.id, target: { type: 'amendment', id }, value: value.data.value === 'none' ? null : value.data.value });
    back(res, id, '#avis');
  }));

  /**
   * Saves the draft form's fields (a no-op when they change nothing, so that a deposit does not
   * add an empty revision). Returns false when it sent the form back with its errors.
   */
  async function saveDraft(req: Request, res: Response, id: string, user: UserRow): Promise<boolean> {
    const raw = body(req);
    if (typeof raw.texte !== 'string' && typeof raw.expose !== 'string') return true;
    const values = { ...(typeof raw.texte === 'string' ? { texte: raw.texte } : {}), expose: str(raw.expose) };
    const sendBack = async (fieldErrors: Record<string, string>, error: string) => {
      await renderAmendment(req, res, id, { error, fieldErrors, values }, 400);
      return false;
    };
    const input = editAmendmentForm.safeParse(raw);
    if (!input.success) {
      const errors = Object.entries(fieldErrorsOf(input.error)).map(([k, v]) => [`edit-${k}`, v]);
      return sendBack(Object.fromEntries(errors), 'Le formulaire contient des erreurs.');
    }
    const alineas = input.data.texte === undefined ? undefined : textToAlineas(input.data.texte);
    const tooLong = alineas && alineasProblem(alineas);
    if (tooLong) return sendBack({ 'edit-texte': tooLong }, tooLong);
    // A save that changes nothing is a no-op in the command itself (no revision added).
    try {
      await editAmendment(db, live, { user, amendmentId: id, alineas, rationale: input.data.expose });
      return true;
    } catch (err) {
      const fields = validationFields(err, { alineas: 'edit-texte', rationale: 'edit-expose' });
      if (!fields) throw err;
      return sendBack(fields, (err as AppError).message);
    }
  }

  r.post('/amendements/:id/modifier', form, page(async (req, res) => {
    const id = param(req, 'id');
    if (!req.user) return signIn(res, `/amendements/${encodeURIComponent(id)}`);
    if (await saveDraft(req, res, id, req.user)) back(res, id);
  }));

  // « Déposer » is a button of the draft form: what the authors just typed is saved first.
  r.post('/amendements/:id/deposer', form, page(async (req, res) => {
    const id = param(req, 'id');
    if (!req.user) return signIn(res, `/amendements/${encodeURIComponent(id)}`);
    if (!(await saveDraft(req, res, id, req.user))) return;
    try {
      await submitAmendment(db, live, { user: req.user, amendmentId: id });
      back(res, id);
    } catch (err) {
      const fields = validationFields(err, { alineas: 'edit-texte', rationale: 'edit-expose' });
      if (!fields) throw err;
      await renderAmendment(req, res, id, { error: (err as AppError).message, fieldErrors: fields }, 400);
    }
  }));

  r.post('/amendements/:id/coauteurs', form, page(async (req, res) => {
    const id = param(req, 'id');
    if (!req.user) return signIn(res, `/amendements/${encodeURIComponent(id)}`);
    const compte = str(body(req).compte).trim();
    const sendBack = (message: string) => renderAmendment(req, res, id, { error: message, fieldErrors: { coauteur: message }, values: { compte } }, 400);
    if (compte === '') return sendBack('Saisissez le nom affiché (ou l’identifiant) du compte de votre co-auteur.');
    try {
      const coauthor = /^[0-9a-f-]{36}$/i.test(compte) ? { userId: compte } : { displayName: compte };
      await addCoauthor(db, { user: req.user, amendmentId: id, coauthor });
      back(res, id);
    } catch (err) {
      // An amendment that the viewer may not see 404s again when the page is rendered.
      if (!(err instanceof AppError) || (err.code !== 'not_found' && err.code !== 'conflict')) throw err;
      await sendBack(err.message);
    }
  }));

  r.post('/amendements/:id/coauteurs/:userId/retirer', form, page(async (req, res) => {
    const id = param(req, 'id');
    if (!req.user) return signIn(res, `/amendements/${encodeURIComponent(id)}`);
    const userId = param(req, 'userId');
    try {
      await removeCoauthor(db, live, { user: req.user, amendmentId: id, coauthorId: userId });
    } catch (err) {
      if (!(err instanceof AppError) || (err.code !== 'not_found' && err.code !== 'conflict')) throw err;
      return renderAmendment(req, res, id, { error: err.message }, err.status);
    }
    // who leaves a draft can no longer see it
    if (userId === req.user.id) res.redirect(303, '/');
    else back(res, id);
  }));

  r.post('/amendements/:id/invitation', form, page(async (req, res) => {
    const id = param(req, 'id');
    if (!req.user) return signIn(res, `/amendements/${encodeURIComponent(id)}`);
    const { token } = await createInvitation(db, { user: req.user, amendmentId: id });
    await renderAmendment(req, res, id, { values: { invitation: `${req.protocol}://${req.get('host') ?? ''}/invitations/${token}` } });
  }));

  r.post('/amendements/:id/retirer', form, page(async (req, res) => {
    const id = param(req, 'id');
    if (!req.user) return signIn(res, `/amendements/${encodeURIComponent(id)}`);
    await withdrawAmendment(db, live, { user: req.user, amendmentId: id });
    back(res, id);
  }));
}

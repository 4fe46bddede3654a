import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { INADMISSIBLE_GROUNDS } from '../../shared/amendment';
import type { LiveDocs } from '../collab/registry';
import type { Db } from '../db/db';
import { loadVisibleAmendment } from '../commands/amendment-access';
import { assignAmendment } from '../commands/assign-clerk';
import { requireClerk } from '../commands/clerk-access';
import { declareInadmissible } from '../commands/declare-inadmissible';
import { formaliseAmendment } from '../commands/formalise-amendment';
import { loadWorkspace } from '../commands/formalisation-workspace';
import { respondToAmendment } from '../commands/respond-to-amendment';
import { AppError, notFound } from '../http/errors';
import { loadAmendmentView } from '../present/amendment';
import { DESK_ASSIGNED, DESK_STATUSES, loadDesk } from '../present/desk';
import { findBill } from '../sql/bills';
import { AMENDMENT_KINDS } from '../../shared/amendment';
import type { FormState } from './amendment-parts';
import { alineasProblem, textToAlineas } from './amendment-forms';
import { deskPage } from './desk-page';
import { workspacePage } from './formalisation-page';
import { ctx, formBody, formFields, page, safeNext } from './page-kit';
import { takeOverPages } from './takeover-page';

const PAGE_SIZE = 25;
const deskQuery = z.object({
  statut: z.enum(DESK_STATUSES).catch('open'),
  article: z.string().max(100).optional().catch(undefined),
  nature: z.enum(AMENDMENT_KINDS).optional().catch(undefined),
  greffier: z.enum(DESK_ASSIGNED).catch('any'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

const param = (req: Request, name: string) => String(req.params[name]);
const signIn = (res: Response, next: string) => res.redirect(303, `/connexion?suite=${encodeURIComponent(next)}`);

/** The clerks' pages: the desk, the formalisation workspace, and their forms. */
export function clerkPages(db: Db, live: LiveDocs): Router {
  const r = express.Router();
  const form = formBody('2mb');

  r.get('/textes/:billId/greffe', page(async (req, res) => {
    const billId = param(req, 'billId');
    if (!req.user) return signIn(res, `/textes/${billId}/greffe`);
    requireClerk(req.user);
    const bill = await findBill(db, billId);
    if (!bill) throw notFound('Ce projet de loi n’existe pas.');
    const q = deskQuery.parse(req.query);
    const filters = { status: q.statut, articleId: q.article || undefined, kind: q.nature, assigned: q.greffier, limit: PAGE_SIZE, offset: (q.page - 1) * PAGE_SIZE };
    const desk = await loadDesk(db, bill, req.user, filters);
    res.type('html').send(deskPage(ctx(req), { bill, desk, filters, page: q.page, pageSize: PAGE_SIZE }));
  }));

  r.post('/amendements/:id/prendre', form, page(async (req, res) => {
    const id = param(req, 'id');
    if (!req.user) return signIn(res, `/amendements/${id}`);
    await assignAmendment(db, live, { user: req.user, amendmentId: id });
    res.redirect(303, safeNext(formFields(req).suite, `/amendements/${id}/mise-en-forme`));
  }));

  async function renderWorkspace(req: Request, res: Response, id: string, state?: FormState, status = 200): Promise<void> {
    const user = req.user!;
    const workspace = await loadWorkspace(db, live, { user, amendmentId: id });
    const { amendment, viewerIsAuthor } = await loadVisibleAmendment(db, id, user);
    const [view, bill] = await Promise.all([loadAmendmentView(db, live, amendment, user, viewerIsAuthor), findBill(db, amendment.bill_id)]);
    if (!bill) throw notFound('Ce projet de loi n’existe pas.');
    res.status(status).type('html').send(workspacePage(ctx(req), { bill, amendment: view, workspace, ...(state ? { state } : {}) }));
  }

  r.get('/amendements/:id/mise-en-forme', page(async (req, res) => {
    const id = param(req, 'id');
    if (!req.user) return signIn(res, `/amendements/${id}/mise-en-forme`);
    await renderWorkspace(req, res, id);
  }));

  r.post('/amendements/:id/mise-en-forme', form, page(async (req, res) => {
    const id = param(req, 'id');
    if (!req.user) return signIn(res, `/amendements/${id}/mise-en-forme`);
    const f = formFields(req);
    const values = { ...f };
    const sendBack = (fieldErrors: Record<string, string>, error: string) => renderWorkspace(req, res, id, { error, fieldErrors, values }, 400);
    // The text field is disabled when the live editor runs: then the workspace's text is published.
    const alineas = f.texte === undefined ? undefined : textToAlineas(f.texte);
    const tooLong = alineas && alineasProblem(alineas);
    if (tooLong) return sendBack({ 'edit-texte': tooLong }, tooLong);
    // A dispositif the clerk did not touch is regenerated from the text, not checked against it.
    const dispositif = f.dispositif !== undefined && f.dispositif.trim() !== (f.dispositif_initial ?? '').trim() ? f.dispositif : undefined;
    try {
      await formaliseAmendment(db, live, { user: req.user, amendmentId: id, alineas, dispositif, note: (f.note ?? '').slice(0, 10_000) });
    } catch (err) {
      if (!(err instanceof AppError) || (err.code !== 'unprocessable' && err.code !== 'validation_failed')) throw err;
      return sendBack(err.code === 'unprocessable' ? { dispositif: err.message } : { 'edit-texte': err.message }, err.message);
    }
    res.redirect(303, `/amendements/${id}#mise-en-forme`);
  }));

  r.post('/amendements/:id/irrecevable', form, page(async (req, res) => {
    const id = param(req, 'id');
    if (!req.user) return signIn(res, `/amendements/${id}`);
    const f = formFields(req);
    const ground = z.enum(INADMISSIBLE_GROUNDS).safeParse(f.motif);
    const reason = (f.raison ?? '').trim();
    if (!ground.success) throw new AppError('validation_failed', 'Choisissez le motif d’irrecevabilité.');
    if (reason === '') throw new AppError('validation_failed', 'Donnez la raison publique de l’irrecevabilité : elle est publiée et envoyée aux auteurs.');
    await declareInadmissible(db, live, { user: req.user, amendmentId: id, ground: ground.data, reason: reason.slice(0, 10_000) });
    res.redirect(303, `/amendements/${id}#greffe`);
  }));

  r.post('/amendements/:id/reponse', form, page(async (req, res) => {
    const id = param(req, 'id');
    if (!req.user) return signIn(res, `/amendements/${id}`);
    const body = (formFields(req).reponse ?? '').trim();
    if (body === '') throw new AppError('validation_failed', 'La réponse est vide.');
    await respondToAmendment(db, { user: req.user, amendmentId: id, body: body.slice(0, 20_000) });
    res.redirect(303, `/amendements/${id}#reponses`);
  }));
  r.use(takeOverPages(db, live));
  return r;
}

import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { LiveDocs } from '../collab/registry';
import type { Db } from '../db/db';
import { loadVisibleAmendment } from '../commands/amendment-access';
import { precheck } from '../authorize';
import { loadWorkspace } from '../commands/formalisation-workspace';
import { assignOp, declareInadmissibleOp, formaliseOp, respondOp } from '../operations/clerks';
import { notFound } from '../http/errors';
import { loadAmendmentView } from '../present/amendment';
import { DESK_ASSIGNED, DESK_STATUSES, loadDesk } from '../present/desk';
import { findBill } from '../sql/bills';
import { AMENDMENT_KINDS } from '../../shared/amendment';
import type { FormState } from './amendment-parts';
import { textToAlineas } from './amendment-forms';
import { formOperation } from './form-operation';
import { deskPage } from './desk-page';
import { workspacePage } from './formalisation-page';
import { ctx, formBody, formFields, page, safeNext } from './page-kit';
import { sendFormBack, takeFormState } from './flash';
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
  const deps = { db, live };
  const form = formBody('2mb');

  r.get('/textes/:billId/greffe', page(async (req, res) => {
    const billId = param(req, 'billId');
    if (!req.user) return signIn(res, `/textes/${billId}/greffe`);
    precheck('desk.read', req.user);
    const bill = await findBill(db, billId);
    if (!bill) throw notFound('Ce projet de loi n’existe pas.');
    const q = deskQuery.parse(req.query);
    const filters = { status: q.statut, articleId: q.article || undefined, kind: q.nature, assigned: q.greffier, limit: PAGE_SIZE, offset: (q.page - 1) * PAGE_SIZE };
    const desk = await loadDesk(db, bill, req.user, filters);
    res.type('html').send(deskPage(ctx(req), { bill, desk, filters, page: q.page, pageSize: PAGE_SIZE }));
  }));

  const amendmentPage = (req: Request) => `/amendements/${param(req, 'id')}`;
  // a refused « prendre en charge » (another clerk was quicker, the amendment is closed…) goes back to the
  // workspace, which says who has it now (post → redirect → get)
  r.post('/amendements/:id/prendre', form, formOperation(deps, assignOp, {
    signIn: amendmentPage, body: () => ({}), formPage: (req) => `${amendmentPage(req)}/mise-en-forme`, formName: () => 'prendre',
    done: (req, res) => res.redirect(303, safeNext(formFields(req).suite, `${amendmentPage(req)}/mise-en-forme`)),
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
    const back = takeFormState(req.query.formulaire);
    // the take-over forms' refusal is a message only; the formalisation form's keeps what was typed
    await renderWorkspace(req, res, id, back?.form === 'prendre' ? { error: back.error ?? '' } : back);
  }));

  r.post('/amendements/:id/mise-en-forme', form, formOperation(deps, formaliseOp, {
    signIn: (req) => `${amendmentPage(req)}/mise-en-forme`,
    // any other refusal (another clerk in charge, the amendment closed…) goes back to the workspace too
    formPage: (req) => `${amendmentPage(req)}/mise-en-forme`,
    // The text field is disabled when the live editor runs: then the workspace's text is published.
    // A dispositif the clerk did not touch is regenerated from the text, not checked against it.
    body: (f) => ({
      alineas: f.texte === undefined ? undefined : textToAlineas(f.texte),
      dispositif: f.dispositif !== undefined && f.dispositif.trim() !== (f.dispositif_initial ?? '').trim() ? f.dispositif : undefined,
      note: f.note ?? '',
    }),
    fields: { alineas: 'edit-texte', dispositif: 'dispositif', note: 'note' },
    done: (req, res) => res.redirect(303, `${amendmentPage(req)}#mise-en-forme`),
    refused: async (req, res, err, fieldErrors) => {
      if (err.code !== 'unprocessable' && err.code !== 'validation_failed') return false;
      const errors: Record<string, string> = err.code === 'unprocessable' ? { dispositif: err.message } : { 'edit-texte': err.message, ...fieldErrors };
      const state = { error: err.message, fieldErrors: errors, values: { ...formFields(req) } };
      // post → redirect → get, unless the text does not fit in an address
      if (sendFormBack(res, `${amendmentPage(req)}/mise-en-forme`, state)) return;
      await renderWorkspace(req, res, param(req, 'id'), state, 400);
    },
  }));

  r.post('/amendements/:id/irrecevable', form, formOperation(deps, declareInadmissibleOp, {
    signIn: amendmentPage, formPage: amendmentPage, formName: () => 'irrecevable', body: (f) => ({ ground: f.motif, reason: f.raison }),
    done: (req, res) => res.redirect(303, `${amendmentPage(req)}#greffe`),
  }));

  r.post('/amendements/:id/reponse', form, formOperation(deps, respondOp, {
    signIn: amendmentPage, formPage: amendmentPage, formName: () => 'reponse', body: (f) => ({ body: f.reponse }),
    done: (req, res) => res.redirect(303, `${amendmentPage(req)}#reponses`),
  }));
  r.use(takeOverPages(db, live));
  return r;
}

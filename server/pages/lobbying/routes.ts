import express, { type Request, type Response, type Router } from 'express';
import { INTEREST_LIMITS } from '../../../shared/interest';
import { authorize } from '../../authorize';
import { AppError } from '../../errors';
import { multipartForm } from '../../http/multipart';
import type { OpDeps } from '../../operations/operation';
import {
  declareOp, markInspirationOp, removeHearingOp, scheduleHearingOp, unmarkInspirationOp, uploadMinutesOp, withdrawDeclarationOp,
} from '../../operations/lobbying';
import { presentDeclaration, presentHearing } from '../../present/interest';
import { loadArticleFootprint, loadBillFootprint } from '../../queries/footprint';
import { listBillArticles } from '../../sql/articles';
import { findBill } from '../../sql/bills';
import { listHearings } from '../../sql/hearings';
import { findDeclaration, listActiveRepresentatives } from '../../sql/interest-representatives';
import type { UserRow } from '../../sql/users';
import type { FormState } from '../amendment-parts';
import { formOperation, formPrecheck } from '../form-operation';
import { ctx, formBody, formFields, page, safeNext } from '../page-kit';
import { sendFormBack, takeFormState } from '../flash';
import { unnamed } from '../form-state';
import { agendaPage, articleFootprintPage, billFootprintPage, declarationPage } from './views';

const param = (req: Request, name: string) => String(req.params[name]);

/** Pages of issue 17 › 2: the legislative footprint, the hearings' agenda, the declaration, the clerks' markings. */
export function lobbyingPages(deps: OpDeps): Router {
  const { db } = deps;
  const r = express.Router();
  const form = formBody('20kb');

  r.get('/textes/:billId/empreinte', page(async (req, res) => {
    res.type('html').send(billFootprintPage(ctx(req), await loadBillFootprint(db, param(req, 'billId'))));
  }));
  r.get('/articles/:articleId/empreinte', page(async (req, res) => {
    res.type('html').send(articleFootprintPage(ctx(req), await loadArticleFootprint(db, param(req, 'articleId'))));
  }));

  // the agenda
  async function renderAgenda(req: Request, res: Response, billId: string, state?: FormState, status = 200) {
    const bill = await findBill(db, billId);
    if (!bill) throw new AppError('not_found', 'Ce projet de loi n’existe pas.');
    const manage = req.user ? await authorize(db, 'hearing.manage', req.user, { bill }).then(() => true, () => false) : false;
    const [articles, hearings, representatives] = await Promise.all([
      listBillArticles(db, bill.id), listHearings(db, bill.id), manage ? listActiveRepresentatives(db) : Promise.resolve([]),
    ]);
    res.status(status).set('Cache-Control', manage ? 'no-store' : 'no-cache').type('html')
      .send(agendaPage(ctx(req), { bill, articles, hearings: hearings.map(presentHearing), manage, representatives, ...(state ? { state } : {}) }));
  }
  // the schedule form's refusal is shown at the top, with what was typed; a hearing's forms (named) show theirs beside it
  r.get('/textes/:billId/auditions', page((req, res) => renderAgenda(req, res, param(req, 'billId'), unnamed(takeFormState(req.query.formulaire)))));
  const agenda = (req: Request) => `/textes/${encodeURIComponent(param(req, 'billId'))}/auditions`;
  r.post('/textes/:billId/auditions', form, formOperation(deps, scheduleHearingOp, {
    signIn: agenda,
    body: (f) => ({ heldOn: f.date ?? '', representativeId: f.representant, heard: f.entendu, subject: f.objet ?? '', articleId: f.article }),
    fields: { heldOn: 'audition-date', representativeId: 'audition-representant', heard: 'audition-entendu', subject: 'audition-objet', articleId: 'audition-article' },
    done: (req, res, h) => res.redirect(303, `${agenda(req)}#audition-${h.id}`),
    refused: async (req, res, err, fieldErrors) => {
      if (err.code !== 'validation_failed') return false;
      const state = { error: err.message, fieldErrors, values: formFields(req) };
      if (sendFormBack(res, agenda(req), state)) return; // post → redirect → get
      await renderAgenda(req, res, param(req, 'billId'), state, 400);
    },
  }));
  const suite = (req: Request) => safeNext(formFields(req).suite, '/');
  // a hearing's forms are sent from the agenda: a refusal goes back there, beside that hearing (post → redirect → get)
  const hearingForm = { formPage: (req: Request) => suite(req).split('#')[0]!, formName: (req: Request) => `audition-${param(req, 'id')}` };
  r.post('/auditions/:id/compte-rendu', formPrecheck(uploadMinutesOp.policy, '/'), multipartForm(INTEREST_LIMITS.minutesBytes + 64 * 1024), formOperation(deps, uploadMinutesOp, {
    signIn: suite, ...hearingForm,
    body: (_f, req) => {
      const file = req.uploads?.fichier;
      if (!file || file.bytes.length === 0) throw new AppError('validation_failed', 'Choisissez le fichier du compte rendu (PDF ou texte).');
      // the browser's declared type is not trusted: the content decides
      return { filename: file.filename, bytes: file.bytes };
    },
    done: (req, res) => res.redirect(303, `${suite(req)}#audition-${encodeURIComponent(param(req, 'id'))}`),
  }));
  r.post('/auditions/:id/supprimer', form, formOperation(deps, removeHearingOp, {
    signIn: suite, ...hearingForm, done: (req, res) => res.redirect(303, suite(req)),
  }));

  // the declaration
  async function renderDeclaration(req: Request, res: Response, user: UserRow, state?: FormState, status = 200) {
    const d = await findDeclaration(db, user.id);
    res.status(status).set('Cache-Control', 'no-store').type('html').send(declarationPage(ctx(req), user, d ? presentDeclaration(d) : null, state));
  }
  const mine = () => '/compte/representant-interets';
  r.get('/compte/representant-interets', page(async (req, res) => {
    if (!req.user) return res.redirect(303, `/connexion?suite=${mine()}`);
    // the withdrawal's refusal (named) is a message only; the declaration form's keeps what was typed
    const back = takeFormState(req.query.formulaire);
    await renderDeclaration(req, res, req.user, back?.form ? { error: back.error ?? '' } : back);
  }));
  r.post('/compte/representant-interets', form, formOperation(deps, declareOp, {
    signIn: mine,
    body: (f) => ({ register: f.registre ?? '', interests: (f.interets ?? '').split(/\r?\n/), budgetBand: f.budget ?? '' }),
    fields: { register: 'decl-registre', interests: 'decl-interets', budgetBand: 'decl-budget' },
    done: (_req, res) => res.redirect(303, mine()),
    refused: async (req, res, err, fieldErrors) => {
      if (err.code !== 'validation_failed' && err.code !== 'forbidden') return false;
      const state = { error: err.message, fieldErrors, values: formFields(req) };
      // post → redirect → get for what was typed; a policy refusal (403) keeps its status, in place
      if (err.code === 'validation_failed' && sendFormBack(res, mine(), state)) return;
      await renderDeclaration(req, res, req.user!, state, err.status);
    },
  }));
  r.post('/compte/representant-interets/retirer', form, formOperation(deps, withdrawDeclarationOp, {
    signIn: mine, formPage: mine, formName: () => 'retirer', done: (_req, res) => res.redirect(303, mine()),
  }));

  // the clerks' markings, from the amendment page
  const amendment = (req: Request) => `/amendements/${encodeURIComponent(param(req, 'id'))}`;
  r.post('/amendements/:id/inspiration', form, formOperation(deps, markInspirationOp, {
    signIn: amendment, formPage: amendment, formName: () => 'inspiration',
    body: (f) => ({ representativeId: f.representant ?? '', note: f.note ?? '' }),
    done: (req, res) => res.redirect(303, `${amendment(req)}#inspiration`),
  }));
  r.post('/amendements/:id/inspiration/:representativeId/retirer', form, formOperation(deps, unmarkInspirationOp, {
    signIn: amendment, formPage: amendment, formName: () => 'inspiration', done: (req, res) => res.redirect(303, `${amendment(req)}#inspiration`),
  }));
  return r;
}

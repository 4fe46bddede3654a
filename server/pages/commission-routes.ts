import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { displayNumber } from '../../shared/amendment';
import type { LiveDocs } from '../collab/registry';
import type { Db } from '../db/db';
import { resolveAccount } from '../commands/add-coauthor';
import { AppError } from '../http/errors';
import { appointMemberOp, commissionRuleOp, commissionVoteOp, decideOp, moveBillOp } from '../operations/commission';
import type { Operation } from '../operations/operation';
import { loadDashboard } from '../present/commission-dashboard';
import { loadReconciled } from '../queries/reconciled';
import { renderExport } from '../present/reconciled-formats';
import { listAuthors } from '../sql/amendment-authors';
import { findAmendments } from '../sql/amendments';
import { findUsersByExactName } from '../sql/users';
import { choosePath } from './admin/commission-console';
import { isPhasePrecondition, PHASE_PRECONDITIONS, phaseRefusedPage } from './admin/phase-refused';
import { commissionPage, itemForm } from './commission-page';
import { html, raw } from '../html';
import { layout } from './layout';
import { sendFormBack, takeFormState } from './flash';
import { formOperation, type FormAdapter } from './form-operation';
import { ctx, formBody, formFields, page, safeNext } from './page-kit';
import { reconciledPage, type ProvenanceSource } from './reconciled-page';
import { t } from '../i18n';

const param = (req: Request, name: string) => String(req.params[name]);
const DASHBOARD_PAGE = 50;
const dashboardQuery = z.object({
  article: z.string().max(100).optional().catch(undefined),
  attente: z.string().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/** The commission's pages: the dashboard and its forms, the reconciled text, the tableau comparatif. */
export function commissionPages(db: Db, live: LiveDocs): Router {
  const r = express.Router();
  const deps = { db, live };
  const form = formBody('100kb');

  /**
   * After a form, back to where it was sent from (filters, page and the item's anchor); a refused
   * action (quorum, conflict, wrong phase) goes back there too (post → redirect → get), its reason
   * and what was typed shown beside the form that failed (`formName`, commission-page.ts).
   */
  const backTo = (req: Request, fallback: string) => safeNext(formFields(req).suite, fallback);
  const dashboardOf = (req: Request) => (req.params.billId ? `/textes/${param(req, 'billId')}/commission` : `/amendements/${param(req, 'id')}`);
  const formPage = (req: Request) => backTo(req, dashboardOf(req)).split('#')[0]!;
  const onDashboard = <P extends z.ZodType, B extends z.ZodType, O>(op: Operation<P, B, O>, form: Pick<FormAdapter<P, B, O>, 'body' | 'fields' | 'formName'>) => formOperation(deps, op, {
    signIn: dashboardOf, ...form, formPage,
    done: (req, res) => res.redirect(303, backTo(req, dashboardOf(req))),
  });

  // The admin moves the bill one phase forward from its page or the dashboard (adoption freezes it).
  r.post('/textes/:billId/phase', form, formOperation(deps, moveBillOp, {
    signIn: (req) => `/textes/${param(req, 'billId')}`,
    body: (f) => ({ status: f.statut }),
    done: (req, res) => res.redirect(303, backTo(req, `/textes/${param(req, 'billId')}`)),
    // any other refusal (wrong phase, conflict, validation) goes back to the page the form is on (`depuis`,
    // else `suite`, else the bill's page), said beside the phase form (form `phase`)
    formPage: (req) => safeNext(formFields(req).depuis, backTo(req, `/textes/${param(req, 'billId')}`)).split('#')[0]!,
    formName: () => 'phase',
    // adoption's preconditions (members, pending amendments) get a page that lists what is missing
    refused: async (req, res, err) => {
      if (!isPhasePrecondition(err)) return false;
      // post → redirect → get: the refusal (its code, message and the pending amendments) sealed for the GET below
      const list = (err.details as { amendments?: unknown } | null)?.amendments;
      const amendments = Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string').slice(0, 200).join(' ') : '';
      if (sendFormBack(res, `/textes/${encodeURIComponent(param(req, 'billId'))}/phase`, { error: err.message, values: { code: err.code, amendments } }, '')) return;
      res.status(err.status).type('html').send(await phaseRefusedPage(db, ctx(req), param(req, 'billId'), err));
    },
  }));
  /** Where a refused phase move lands: what is missing, with the ways to fix it (nothing to show without a sealed refusal). */
  r.get('/textes/:billId/phase', page(async (req, res) => {
    const billId = param(req, 'billId');
    const back = takeFormState(req.query.formulaire);
    const code = back?.values?.code;
    if (!back?.error || !code || !(PHASE_PRECONDITIONS as readonly string[]).includes(code)) return res.redirect(303, `/textes/${encodeURIComponent(billId)}`);
    const err = new AppError(code as (typeof PHASE_PRECONDITIONS)[number], back.error, { amendments: (back.values?.amendments ?? '').split(' ').filter(Boolean) });
    res.set('Cache-Control', 'no-store').type('html').send(await phaseRefusedPage(db, ctx(req), billId, err));
  }));

  r.get('/textes/:billId/commission', page(async (req, res) => {
    const billId = param(req, 'billId');
    // filters travel in the address
    const q = dashboardQuery.parse(req.query);
    const filter = { articleId: q.article || undefined, pending: q.attente === '1', page: q.page, pageSize: DASHBOARD_PAGE };
    res.type('html').send(commissionPage(ctx(req), await loadDashboard(db, billId, req.user ?? null, filter)));
  }));

  // an item's vote and decision: a refusal is said in that item
  const item = (req: Request) => itemForm(param(req, 'id'));
  r.post('/amendements/:id/vote-commission', form, onDashboard(commissionVoteOp, { body: (f) => ({ value: f.value }), formName: item }));
  r.post('/amendements/:id/decision', form, onDashboard(decideOp, {
    body: (f) => ({
      decision: f.decision === 'adopted' || f.decision === 'rejected' || f.decision === 'not_examined' ? f.decision : undefined,
      reason: f.raison?.trim() ? f.raison : undefined,
    }),
    fields: { reason: 'raison' }, formName: item,
  }));
  // Members are chosen by account (suggestions as one types) or named by display name: a name that
  // is not exactly one account's leads to a choice among those that match (admin/commission-console.ts).
  const appoint = formOperation(deps, appointMemberOp, {
    signIn: dashboardOf,
    params: async (f, req) => ({ billId: req.params.billId, userId: f.userId ?? (await resolveAccount(db, { displayName: f.compte ?? '' })).id }),
    body: (f) => ({ college: f.college }), fields: { college: 'college' },
    formPage, formName: () => 'membres',
    done: (req, res) => res.redirect(303, backTo(req, dashboardOf(req))),
  });
  r.post('/textes/:billId/commission/membres', form, (req: Request, res: Response, next: NextFunction) => {
    const f = formFields(req);
    const billId = param(req, 'billId');
    const college = f.college === 'elected' || f.college === 'citizen' ? f.college : undefined;
    const ambiguous = async () => !!req.user && !f.userId && !!college && (await findUsersByExactName(db, (f.compte ?? '').trim())).length !== 1;
    ambiguous().then((choose) => {
      if (!choose) return appoint(req, res, next);
      res.redirect(303, choosePath(billId, { nom: f.compte ?? '', college: college!, suite: safeNext(f.suite, `/textes/${billId}/commission`) }));
    }, next);
  });
  r.post('/textes/:billId/commission/regle', form, onDashboard(commissionRuleOp, {
    body: (f) => {
      const quorum = (f.quorum ?? '').trim();
      return { rule: f.rule, quorum: quorum === '' ? null : Number(quorum) };
    },
    fields: { rule: 'rule', quorum: 'quorum' }, formName: () => 'regle',
  }));

  r.get('/textes/:billId/texte-reconcilie', page(async (req, res) => {
    const { bill, result, frozen } = await loadReconciled(db, param(req, 'billId'));
    const ids = [...new Set([...result.articles.flatMap((a) => a.provenance.flat().flatMap((x) => x.amendments)), ...result.fallen.map((f) => f.amendmentId)])];
    const [rows, authors] = await Promise.all([findAmendments(db, ids), listAuthors(db, ids)]);
    const sources = new Map<string, ProvenanceSource>(rows.map((a) => [a.id, {
      displayNumber: displayNumber(a.origin, a.number) ?? '?', authors: (authors.get(a.id) ?? []).map((x) => x.display_name),
    }]));
    res.type('html').send(reconciledPage(ctx(req), { bill, result, frozen, sources }));
  }));

  r.get('/textes/:billId/comparatif', page(async (req, res) => {
    const { bill, result, frozen } = await loadReconciled(db, param(req, 'billId'));
    const table = (await renderExport(db, bill, result, 'comparatif-table')).body.toString();
    const api = `/api/bills/${bill.id}/comparatif`;
    res.type('html').send(layout(ctx(req), {
      title: t('Tableau comparatif – {{texte}}', { texte: bill.title }),
      breadcrumb: html`<a href="/">${t('Projets de loi')}</a> › <a href="/textes/${bill.id}" lang="fr">${bill.title}</a>`,
      main: html`<h1>${t('Tableau comparatif')}</h1>
        <p class="lead">${frozen ? t('Le texte initial et le texte adopté, article par article.') : t('Le texte initial et le texte tel qu’il résulte des amendements adoptés à ce jour, article par article.')}</p>
        <p class="downloads">${t('Télécharger :')} <a href="${api}?format=docx">${t('Word (.docx)')}</a> · <a href="${api}?format=html">${t('version imprimable')}</a></p>
        <div class="comparatif-wrap" lang="fr">${raw(table)}</div>`,
    }));
  }));
  return r;
}

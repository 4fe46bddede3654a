import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { displayNumber } from '../../shared/amendment';
import { COLLEGES, COMMISSION_VOTES, DECISION_RULES } from '../../shared/commission';
import type { LiveDocs } from '../collab/registry';
import type { Db } from '../db/db';
import { appointMember, setCommissionRule } from '../commands/commission-members';
import { voteInCommission } from '../commands/commission-vote';
import { decideAmendment } from '../commands/decide-amendment';
import { changeBillStatus } from '../commands/change-bill-status';
import { BILL_STATUSES } from '../../shared/phases';
import { AppError, forbidden } from '../http/errors';
import { loadDashboard } from '../present/commission-dashboard';
import { loadReconciled } from '../present/reconciled';
import { renderExport } from '../present/reconciled-formats';
import { listAuthors } from '../sql/amendment-authors';
import { findAmendment, findAmendments } from '../sql/amendments';
import { findUsersByExactName } from '../sql/users';
import { choosePath } from './admin/commission-console';
import { isPhasePrecondition, phaseRefusedPage } from './admin/phase-refused';
import { commissionPage } from './commission-page';
import { html, raw } from './html';
import { layout } from './layout';
import { putFlash, takeFlash } from './flash';
import { ctx, formBody, formFields, page, safeNext } from './page-kit';
import { reconciledPage, type ProvenanceSource } from './reconciled-page';

const param = (req: Request, name: string) => String(req.params[name]);
const DASHBOARD_PAGE = 50;
const dashboardQuery = z.object({
  article: z.string().max(100).optional().catch(undefined),
  attente: z.string().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
const signIn = (res: Response, next: string) => res.redirect(303, `/connexion?suite=${encodeURIComponent(next)}`);

/** The commission's pages: the dashboard and its forms, the reconciled text, the tableau comparatif. */
export function commissionPages(db: Db, live: LiveDocs): Router {
  const r = express.Router();
  const form = formBody('100kb');

  const dashboard = async (req: Request, res: Response, billId: string, error?: string, status = 200) => {
    // filters travel in the address (GET) or, after a form, in its `suite`
    const from = new URL(safeNext(req.method === 'GET' ? req.originalUrl : formFields(req).suite, `/textes/${billId}/commission`), 'http://x');
    const q = dashboardQuery.parse(Object.fromEntries(from.searchParams));
    const filter = { articleId: q.article || undefined, pending: q.attente === '1', page: q.page, pageSize: DASHBOARD_PAGE };
    const at = Number(from.searchParams.get('examen'));
    res.status(status).type('html').send(commissionPage(ctx(req), await loadDashboard(db, billId, req.user ?? null, filter), error, Number.isInteger(at) && at > 0 ? at : undefined));
  };
  /**
   * After a form, back to where it was sent from (filters, page and the item's anchor); a refused
   * action (quorum, conflict, wrong phase) comes back with its reason shown there.
   */
  const orDashboard = async (req: Request, res: Response, billId: string, action: () => Promise<void>) => {
    const back = safeNext(formFields(req).suite, `/textes/${billId}/commission`);
    try {
      await action();
      res.redirect(303, back);
    } catch (err) {
      if (!(err instanceof AppError) || !['conflict', 'wrong_phase', 'validation_failed', 'not_found'].includes(err.code)) throw err;
      const [path, hash] = back.split('#');
      const item = /^examen-(\d+)$/.exec(hash ?? '')?.[1];
      res.redirect(303, `${path}${path!.includes('?') ? '&' : '?'}erreur=${putFlash(err.message)}${item ? `&examen=${item}` : ''}${hash ? `#${hash}` : ''}`);
    }
  };

  // The admin moves the bill one phase forward from its page or the dashboard (adoption freezes it).
  r.post('/textes/:billId/phase', form, page(async (req, res) => {
    const billId = param(req, 'billId');
    if (!req.user) return signIn(res, `/textes/${billId}`);
    if (!req.user.roles.includes('admin')) throw forbidden('Réservé aux administrateurs.');
    const to = z.enum(BILL_STATUSES).safeParse(formFields(req).statut);
    if (!to.success) throw new AppError('validation_failed', 'Phase inconnue.');
    try {
      await changeBillStatus(db, live, { billId, to: to.data, actorId: req.user.id });
    } catch (err) {
      if (!(err instanceof AppError) || !isPhasePrecondition(err)) throw err;
      return void res.status(err.status).type('html').send(await phaseRefusedPage(db, ctx(req), billId, err));
    }
    res.redirect(303, safeNext(formFields(req).suite, `/textes/${billId}`));
  }));

  r.get('/textes/:billId/commission', page(async (req, res) => dashboard(req, res, param(req, 'billId'), takeFlash(req.query.erreur))));

  r.post('/amendements/:id/vote-commission', form, page(async (req, res) => {
    const id = param(req, 'id');
    if (!req.user) return signIn(res, `/amendements/${id}`);
    const a = await findAmendment(db, id);
    if (!a) throw new AppError('not_found', 'Amendement introuvable.');
    const value = z.enum(COMMISSION_VOTES).safeParse(formFields(req).value);
    if (!value.success) throw new AppError('validation_failed', 'Choix de vote inconnu.');
    await orDashboard(req, res, a.bill_id, async () => {
      await voteInCommission(db, { user: req.user!, amendmentId: id, value: value.data });
    });
  }));

  r.post('/amendements/:id/decision', form, page(async (req, res) => {
    const id = param(req, 'id');
    if (!req.user) return signIn(res, `/amendements/${id}`);
    if (!req.user.roles.includes('admin')) throw forbidden('Réservé à la présidence de la commission (administrateurs).');
    const a = await findAmendment(db, id);
    if (!a) throw new AppError('not_found', 'Amendement introuvable.');
    const f = formFields(req);
    const decision = f.decision === 'adopted' || f.decision === 'rejected' || f.decision === 'not_examined' ? f.decision : undefined;
    await orDashboard(req, res, a.bill_id, async () => {
      await decideAmendment(db, live, { admin: req.user!, amendmentId: id, decision, reason: f.raison });
    });
  }));

  r.post('/textes/:billId/commission/membres', form, page(async (req, res) => {
    const billId = param(req, 'billId');
    if (!req.user) return signIn(res, `/textes/${billId}/commission`);
    if (!req.user.roles.includes('admin')) throw forbidden('Réservé aux administrateurs.');
    const f = formFields(req);
    const college = z.enum(COLLEGES).safeParse(f.college);
    // a name that is not exactly one account's: choose among those that match (admin/commission-console.ts)
    const found = f.userId ? [] : await findUsersByExactName(db, (f.compte ?? '').trim());
    if (!f.userId && found.length !== 1 && college.success) {
      return res.redirect(303, choosePath(billId, { nom: f.compte ?? '', college: college.data, suite: safeNext(f.suite, `/textes/${billId}/commission`) }));
    }
    await orDashboard(req, res, billId, async () => {
      if (!college.success) throw new AppError('validation_failed', 'Choisissez un collège.');
      await appointMember(db, { admin: req.user!, billId, userId: f.userId ?? found[0]!.id, college: college.data });
    });
  }));

  r.post('/textes/:billId/commission/regle', form, page(async (req, res) => {
    const billId = param(req, 'billId');
    if (!req.user) return signIn(res, `/textes/${billId}/commission`);
    if (!req.user.roles.includes('admin')) throw forbidden('Réservé aux administrateurs.');
    const f = formFields(req);
    await orDashboard(req, res, billId, async () => {
      const rule = z.enum(DECISION_RULES).safeParse(f.rule);
      const quorumText = (f.quorum ?? '').trim();
      const quorum = quorumText === '' ? null : Number(quorumText);
      if (!rule.success) throw new AppError('validation_failed', 'Choisissez une règle de décision.');
      if (quorum !== null && (!Number.isInteger(quorum) || quorum < 1 || quorum > 10_000)) throw new AppError('validation_failed', 'Le quorum est un nombre entier de votes (ou vide).');
      await setCommissionRule(db, { admin: req.user!, billId, rule: rule.data, quorum });
    });
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
      title: `Tableau comparatif – ${bill.title}`,
      breadcrumb: html`<a href="/">Projets de loi</a> › <a href="/textes/${bill.id}">${bill.title}</a>`,
      main: html`<h1>Tableau comparatif</h1>
        <p class="lead">Le texte initial et le texte ${frozen ? 'adopté' : 'tel qu’il résulte des amendements adoptés à ce jour'}, article par article.</p>
        <p class="downloads">Télécharger : <a href="${api}?format=docx">Word (.docx)</a> · <a href="${api}?format=html">version imprimable</a></p>
        <div class="comparatif-wrap">${raw(table)}</div>`,
    }));
  }));
  return r;
}

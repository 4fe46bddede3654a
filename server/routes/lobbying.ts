import express, { type RequestHandler } from 'express';
import { z } from 'zod';
import { INTEREST_LIMITS, MINUTES_TYPES, type MinutesType } from '../../shared/interest';
import { precheck } from '../authorize';
import { requireUser } from '../http/auth';
import { mayReadBill } from '../http/bill-visibility';
import { AppError, notFound } from '../http/errors';
import { operationRoute } from '../http/operation-route';
import { route, type Api } from '../http/route';
import { idParam } from '../http/schemas';
import type { OpDeps } from '../operations/operation';
import {
  declareOp, markInspirationOp, minutesBody, removeHearingOp, scheduleHearingOp, unmarkInspirationOp, uploadMinutesOp, withdrawDeclarationOp,
} from '../operations/lobbying';
import { presentHearing, presentMark, presentUserWithDeclaration } from '../present/interest';
import { loadArticleFootprint, loadBillFootprint } from '../queries/footprint';
import { findBill } from '../sql/bills';
import { findHearing, findMinutes, listHearings } from '../sql/hearings';
import { listMarks } from '../sql/inspiration-marks';
import { listActiveRepresentatives } from '../sql/interest-representatives';

/** The raw body of an upload, read only once the account may upload at all (no 5 MB read for a visitor). */
const accountMay = (op: Parameters<typeof precheck>[0]): RequestHandler => (req, _res, next) => {
  try {
    precheck(op, req.user ?? null);
    next();
  } catch (err) {
    next(err);
  }
};
const rawMinutes = express.raw({ type: [...MINUTES_TYPES, 'application/octet-stream'], limit: INTEREST_LIMITS.minutesBytes });

/** API.md › Legitimacy: interest representatives, « inspiré par », the clerks' markings, hearings, the legislative footprint. */
export function lobbyingRoutes(api: Api, deps: OpDeps): void {
  const { db } = deps;
  const tag = 'Représentants d’intérêts';

  operationRoute(api, deps, declareOp, {
    method: 'put', path: '/api/me/interest-representative', tag,
    summary: 'Déclarer son organisation représentant d’intérêts (ou mettre la déclaration à jour) : identifiant au répertoire de la HATVP (H + 9 chiffres, ou SIREN, ou RNA), intérêts représentés (1 à 20), tranche de dépenses annuelles (organisations seulement)',
    responses: { 200: '{user} avec user.interestRepresentative' },
  }, async (_row, _input, req) => ({ json: { user: await presentUserWithDeclaration(db, requireUser(req)) } }));
  operationRoute(api, deps, withdrawDeclarationOp, {
    method: 'delete', path: '/api/me/interest-representative', tag,
    summary: 'Retirer sa déclaration (ce qui a été écrit sous elle reste dans l’empreinte législative)', responses: { 200: '{user}' },
  }, async (_row, _input, req) => ({ json: { user: await presentUserWithDeclaration(db, requireUser(req)) } }));
  route(api, {
    method: 'get', path: '/api/interest-representatives', tag, access: 'public',
    summary: 'Les organisations déclarées représentants d’intérêts (déclaration en vigueur), par nom : ce que « inspiredBy » peut nommer',
    responses: { 200: '{representatives: [{id, displayName, register, registerUrl}]}' },
  }, async () => ({
    json: { representatives: (await listActiveRepresentatives(db)).map((r) => ({ id: r.user_id, displayName: r.display_name, register: r.register })) },
  }));

  const marks = async (amendmentId: string) => ({ marks: (await listMarks(db, [amendmentId])).map(presentMark) });
  operationRoute(api, deps, markInspirationOp, {
    method: 'post', path: '/api/amendments/:id/inspiration-marks', tag,
    summary: 'Signaler qu’un amendement déposé est inspiré par un représentant d’intérêts déclaré, avec une note (greffiers, administrateurs) ; qui l’a signalé est publié',
    responses: { 201: '{marks: [{representative, markedBy, note, markedAt}]}' },
  }, async (_out, { params }) => ({ status: 201, json: await marks(params.id) }));
  operationRoute(api, deps, unmarkInspirationOp, {
    method: 'delete', path: '/api/amendments/:id/inspiration-marks/:representativeId', tag,
    summary: 'Retirer ce signalement (l’historique garde le signalement et son retrait)', responses: { 200: '{marks}' },
  }, async (_out, { params }) => ({ json: await marks(params.id) }));

  route(api, {
    method: 'get', path: '/api/bills/:billId/hearings', tag, access: 'public', params: z.object({ billId: idParam }),
    summary: 'L’agenda public des auditions de la commission sur ce texte : date, qui a été entendu, objet, article, compte rendu (lien, type, taille, SHA-256)',
    responses: { 200: '{hearings}' },
  }, async ({ params }) => {
    const bill = await findBill(db, params.billId);
    if (!bill) throw notFound('Projet de loi introuvable.');
    return { json: { hearings: (await listHearings(db, bill.id)).map(presentHearing) } };
  });
  operationRoute(api, deps, scheduleHearingOp, {
    method: 'post', path: '/api/bills/:billId/hearings', tag,
    summary: 'Inscrire une audition à l’agenda : date (AAAA-MM-JJ), représentant d’intérêts déclaré (representativeId) ou nom (heard), objet, article (facultatif)',
    responses: { 201: '{hearing}' },
  }, (h) => ({ status: 201, json: { hearing: presentHearing(h) } }));
  operationRoute(api, deps, removeHearingOp, {
    method: 'delete', path: '/api/hearings/:id', tag, summary: 'Retirer une audition de l’agenda, avec son compte rendu', responses: { 204: 'retirée' },
  }, () => ({ status: 204 }));

  route(api, {
    method: 'put', path: '/api/hearings/:id/minutes', tag, access: uploadMinutesOp.policy, params: uploadMinutesOp.params,
    query: z.object({ filename: z.string().max(INTEREST_LIMITS.filenameChars).optional() }),
    consumes: [...MINUTES_TYPES, 'application/octet-stream'],
    before: [accountMay(uploadMinutesOp.policy), rawMinutes],
    summary: `Déposer le compte rendu d’une audition : le fichier est le corps de la requête (Content-Type application/pdf, text/plain ou application/octet-stream ; ${INTEREST_LIMITS.minutesBytes / 1024 / 1024} Mo au plus), son nom dans ?filename=. Le contenu décide : un PDF ou un texte UTF-8, rien d’autre (422 sinon) ; il remplace le précédent`,
    responses: { 200: '{hearing}' },
  }, async ({ params, query, req }) => {
    if (!Buffer.isBuffer(req.body)) {
      throw new AppError('validation_failed', 'Envoyez le fichier comme corps de la requête, avec l’en-tête Content-Type application/pdf ou text/plain.', [{ path: 'body', message: 'fichier attendu' }]);
    }
    const type = req.is([...MINUTES_TYPES]);
    const body = minutesBody.parse({ filename: query.filename ?? '', declaredType: typeof type === 'string' ? (type as MinutesType) : undefined, bytes: new Uint8Array(req.body) });
    return { json: { hearing: presentHearing(await uploadMinutesOp.run(deps, requireUser(req), { params, body })) } };
  });
  route(api, {
    method: 'get', path: '/api/hearings/:id/minutes', tag, access: 'public', params: z.object({ id: idParam }), produces: 'application/pdf',
    summary: 'Le compte rendu d’une audition (PDF ou texte), tel qu’il a été déposé ; son SHA-256 est dans l’en-tête ETag et dans l’agenda',
    responses: { 200: 'le fichier' },
  }, async ({ params, req, res }) => {
    const h = await findHearing(db, params.id);
    const bill = h ? await findBill(db, h.bill_id) : undefined;
    // a draft bill's hearings are as hidden as the bill
    if (!h || !bill || !mayReadBill(req.user ?? null, bill.status)) throw notFound('Compte rendu introuvable.');
    const file = await findMinutes(db, h.id);
    if (!file) throw notFound('Cette audition n’a pas encore de compte rendu.');
    res.set({
      'Content-Type': file.media_type === 'text/plain' ? 'text/plain; charset=utf-8' : file.media_type,
      'Content-Disposition': `inline; filename="${file.filename.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      // whatever the file holds, it runs nothing in our origin
      'Content-Security-Policy': "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      ETag: `"${file.sha256}"`,
      'Cache-Control': 'public, max-age=300',
    });
    res.send(Buffer.from(file.content));
    return undefined;
  });

  route(api, {
    method: 'get', path: '/api/bills/:billId/footprint', tag, access: 'public', params: z.object({ billId: idParam }),
    summary: 'L’empreinte législative du texte, article par article : contributions écrites par des représentants d’intérêts ou inspirées par eux (déclaré par les auteurs ou signalé par le greffe, avec qui l’a signalé), les représentants et leurs déclarations, les auditions',
    responses: { 200: '{bill, representatives, articles: [{article, contributions, hearings}], hearings}' },
  }, async ({ params }) => ({ json: await loadBillFootprint(db, params.billId) }));
  route(api, {
    method: 'get', path: '/api/articles/:articleId/footprint', tag, access: 'public', params: z.object({ articleId: idParam }),
    summary: 'L’empreinte législative d’un article : ses contributions liées à des représentants d’intérêts, ses auditions et celles sur l’ensemble du texte',
    responses: { 200: '{bill, article, representatives, contributions, hearings, wholeTextHearings}' },
  }, async ({ params }) => ({ json: await loadArticleFootprint(db, params.articleId) }));
}

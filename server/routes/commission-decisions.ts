import { z } from 'zod';
import type { DocRegistry } from '../collab/registry';
import type { Db } from '../db/db';
import { operationRoute } from '../http/operation-route';
import { decideOp, rectifyOp, subAmendOp } from '../operations/commission';
import { route, type Api } from '../http/route';
import { idParam } from '../http/schemas';
import { loadReconciled } from '../queries/reconciled';
import { downloadName, textFileWord } from '../present/downloads';
import { renderExport, RECONCILED_FORMATS } from '../present/reconciled-formats';

/** API.md › Commission: decisions, and the reconciled text in its formats. */
export function commissionDecisionRoutes(api: Api, db: Db, live: DocRegistry): void {
  operationRoute(api, { db, live }, decideOp, {
    method: 'post', path: '/api/amendments/:id/decision', tag: 'Commission',
    summary: 'Décision de la commission : adopté, rejeté, ou clos sans examen (« not_examined », avec une raison publique) ; sans corps, la règle du texte décide d’après le vote de la commission. Adopter un amendement qui ne peut plus s’appliquer → 409 avec la raison',
    responses: { 200: '{decision: {outcome, amendmentIds, tallies, fallen}}' },
  }, (decision) => ({ json: { decision } }));

  operationRoute(api, { db, live }, subAmendOp, {
    method: 'post', path: '/api/amendments/:id/sub-amendments', tag: 'Commission',
    summary: 'Déposer un sous-amendement (membres de la commission, phase « Commission ») : {alineas, rationale}, les alinéas de l’amendement tels que le sous-amendement les réécrit. Déposé aussitôt (COM-n), examiné juste avant l’amendement ; adopté, il le réécrit. 409 si l’amendement est clos, parlementaire, de suppression, lui-même un sous-amendement, ou si le vote sur lui a commencé',
    responses: { 201: '{subAmendment: {id, number, parentId}}' },
  }, (subAmendment) => ({ status: 201, json: { subAmendment } }));

  operationRoute(api, { db, live }, rectifyOp, {
    method: 'post', path: '/api/amendments/:id/rectify', tag: 'Commission',
    summary: 'Publier une version rectifiée (auteurs ou greffier en charge, phase « Commission », avant le vote des membres) : {alineas?, rationale?}. Elle remplace la précédente (« n° 12 rect. », « rect. bis ») ; l’historique garde toutes les versions',
    responses: { 200: '{rectified: {rectification, displayNumber}}' },
  }, (rectified) => ({ json: { rectified } }));

  route(api, {
    method: 'get', path: '/api/bills/:billId/reconciled', tag: 'Commission', access: 'public', params: z.object({ billId: idParam }),
    query: z.object({ format: z.enum(RECONCILED_FORMATS).default('json') }),
    summary: 'Le texte réconcilié (amendements adoptés appliqués dans l’ordre d’examen), avec la provenance de chaque mot : json, markdown, html, akn (Akoma Ntoso 3.0)',
    responses: { 200: '{billId, articles: [{number, alineas, provenance}], applied, fallen, contributors} ou le document' },
  }, async ({ params, query, res }) => {
    const { bill, result, frozen } = await loadReconciled(db, params.billId);
    const ext = { json: 'json', markdown: 'md', html: 'html', akn: 'akn.xml' }[query.format];
    res.attachment(downloadName(bill, textFileWord(bill), ext));
    if (query.format === 'json') {
      return { json: { billId: bill.id, status: bill.status, frozen, articles: result.articles.map((a) => ({ number: a.number, alineas: a.alineas, provenance: a.provenance, isNew: a.id === null })), applied: result.applied, fallen: result.fallen, contributors: result.contributors } };
    }
    const doc = await renderExport(db, bill, result, query.format);
    res.type(doc.contentType).send(doc.body);
    return undefined;
  });

  route(api, {
    method: 'get', path: '/api/bills/:billId/liasse', tag: 'Commission', access: 'public', params: z.object({ billId: idParam }),
    query: z.object({ format: z.enum(['html', 'akn']).default('html') }),
    summary: 'La liasse des amendements dans l’ordre d’examen, avec leur sort : HTML imprimable ou Akoma Ntoso (amendmentList)',
    responses: { 200: 'le document' },
  }, async ({ params, query, res }) => {
    const { bill, result } = await loadReconciled(db, params.billId);
    const doc = await renderExport(db, bill, result, query.format === 'akn' ? 'liasse-akn' : 'liasse-html');
    res.attachment(downloadName(bill, 'liasse', query.format === 'akn' ? 'akn.xml' : 'html'));
    res.type(doc.contentType).send(doc.body);
    return undefined;
  });

  route(api, {
    method: 'get', path: '/api/bills/:billId/comparatif', tag: 'Commission', access: 'public', params: z.object({ billId: idParam }),
    query: z.object({ format: z.enum(['html', 'docx']).default('html') }),
    summary: 'Le tableau comparatif (texte initial | texte adopté, modifications marquées) : HTML imprimable ou Word (.docx)',
    responses: { 200: 'le document' },
  }, async ({ params, query, res }) => {
    const { bill, result } = await loadReconciled(db, params.billId);
    const doc = await renderExport(db, bill, result, query.format === 'docx' ? 'comparatif-docx' : 'comparatif-html');
    res.attachment(downloadName(bill, 'tableau-comparatif', query.format));
    res.type(doc.contentType).send(doc.body);
    return undefined;
  });
}

import express, { type Request, type Router } from 'express';
import type { ImportReport } from '../commands/import-parliament-amendments';
import { importParliamentAmendmentsOp } from '../operations/bills';
import type { OpDeps } from '../operations/operation';
import { precheck } from '../authorize';
import { notFound } from '../http/errors';
import { findBill, type BillRow } from '../sql/bills';
import { findImportReport, putImportReport } from '../sql/import-reports';
import { html, type SafeHtml } from '../html';
import { layout, may, type PageContext } from './layout';
import { phaseBadge } from './bill-pages';
import { formOperation } from './form-operation';
import { sendFormBack, takeFormState } from './flash';
import { ctx, formBody, formFields, page } from './page-kit';
import { t, th, tn } from '../i18n';
import { tMessage } from '../i18n/message';
import { msg } from '../../shared/i18n';

const FORMATS = [
  ['an-xml', msg('Assemblée nationale : XML de l’open data (un ou plusieurs éléments <amendement>)')],
  ['senat-csv', msg('Sénat : export CSV « jeu complet » (séparé par des tabulations)')],
] as const;

interface Draft { format: string; donnees: string }
const draftOf = (f: Record<string, string>): Draft => ({ format: f.format === 'senat-csv' ? 'senat-csv' : 'an-xml', donnees: f.donnees ?? '' });

/** The form (on this page and in the bill's console page): a pasted file, or one read by the script. */
export function parliamentImportForm(billId: string, d: Draft = { format: 'an-xml', donnees: '' }, error?: string): SafeHtml {
  return html`<form method="post" action="/textes/${billId}/amendements/importer" class="form form-wide parliament-import" novalidate>
    <fieldset><legend>${t('Origine des amendements')}</legend>${FORMATS.map(([v, label]) => html`<div class="field checkbox"><input type="radio" id="format-${v}" name="format" value="${v}"${d.format === v ? html` checked` : ''}><label for="format-${v}">${t(label)}</label></div>`)}</fieldset>
    <div class="field file-field" data-file-field hidden><label for="fichier-amendements">${t('Lire un fichier (.xml ou .csv)')}</label>
      <input type="file" id="fichier-amendements" accept=".xml,.csv,.txt,text/xml,application/xml,text/csv,text/plain" data-read-into="donnees" data-formats="xml:an-xml csv:senat-csv"></div>
    <div class="field"><label for="donnees">${t('Contenu du fichier')}</label>
      <p class="hint" id="donnees-hint">${t('Collez le XML de l’Assemblée ou le CSV du Sénat. Chaque amendement est rattaché à l’article de même numéro ; ceux déjà importés, sans dispositif ou visant un article absent sont écartés, avec la raison.')}</p>
      ${error ? html`<p class="field-error" id="donnees-error">${tMessage(error)}</p>` : ''}
      <textarea id="donnees" name="donnees" rows="14" spellcheck="false" aria-describedby="donnees-hint${error ? ' donnees-error' : ''}"${error ? html` aria-invalid="true"` : ''}>${d.donnees}</textarea></div>
    <div class="actions"><button type="submit">${t('Importer les amendements')}</button></div>
  </form>`;
}

function report(r: ImportReport): SafeHtml {
  return html`<section aria-labelledby="resultat" class="import-report"><h2 id="resultat">${t('Résultat de l’import')}</h2>
    <p role="status">${tn('{{count}} amendement importé', '{{count}} amendements importés', r.imported)}, ${tn('{{count}} écarté', '{{count}} écartés', r.skipped.length)}.</p>
    ${r.skipped.length ? html`<div class="table-wrap" role="region" aria-label="${t('Amendements écartés')}" tabindex="0"><table class="data"><caption>${t('Amendements écartés')}</caption>
      <thead><tr><th scope="col">${t('Numéro')}</th><th scope="col">${t('Raison')}</th></tr></thead>
      <tbody>${r.skipped.map((s) => html`<tr><th scope="row">${s.number}</th><td>${tMessage(s.reason)}</td></tr>`)}</tbody></table></div>` : ''}
    ${r.notes.length ? html`<h3 id="notes-import">${t('À savoir')}</h3><ul aria-labelledby="notes-import">${r.notes.map((n) => html`<li>${th('Sous-amendement n° {{numero}} : {{note}}', { numero: n.number, note: tMessage(n.note) })}</li>`)}</ul>` : ''}</section>`;
}

function importPage(c: PageContext, bill: BillRow, d: Draft, opts: { error?: string; report?: ImportReport; gone?: boolean } = {}): string {
  return layout(c, {
    title: `${opts.error ? `${t('Erreur')} – ` : ''}${t('Importer des amendements parlementaires')} – ${bill.title}`,
    breadcrumb: html`<a href="/textes/${bill.id}" lang="fr">${bill.title}</a>${may(c, 'desk.read', null) ? html` › <a href="/textes/${bill.id}/greffe">${t('Bureau du greffe')}</a>` : ''}`,
    main: html`<h1>${t('Importer des amendements parlementaires')}</h1>
      <p class="meta">${phaseBadge(bill.status)} · « ${bill.title} »</p>
      ${opts.error ? html`<div class="alert" role="alert">${tMessage(opts.error)}</div>` : ''}
      ${opts.report ? report(opts.report) : ''}
      ${opts.gone ? html`<p class="notice" role="status">${t('Le rapport de cet import n’est plus disponible : les amendements importés figurent dans la liasse du texte.')}</p>` : ''}
      <p>${t('Les amendements importés ont l’origine « parlement » : leurs auteurs, groupes, numéros et sorts sont ceux de la chambre ; ils figurent à côté des amendements citoyens, sans compter dans leurs classements ni leurs décomptes.')}</p>
      ${parliamentImportForm(bill.id, opts.report ? { format: d.format, donnees: '' } : d, opts.error)}`,
  });
}

/** `/textes/:billId/amendements/importer`: the form adapter of POST /api/bills/:billId/amendments/import. */
export function parliamentImportPages(deps: OpDeps): Router {
  const r = express.Router();
  const here = (req: Request) => `/textes/${encodeURIComponent(String(req.params.billId))}/amendements/importer`;
  const loadBill = async (req: Request): Promise<BillRow> => {
    const bill = await findBill(deps.db, String(req.params.billId));
    if (!bill) throw notFound('Ce projet de loi n’existe pas.');
    return bill;
  };

  r.get('/textes/:billId/amendements/importer', page(async (req, res) => {
    if (!req.user) return res.redirect(303, `/connexion?suite=${encodeURIComponent(here(req))}`);
    precheck('amendment.importParliament', req.user);
    const bill = await loadBill(req);
    const open = may(ctx(req), 'amendment.importParliament', bill.status);
    const back = takeFormState(req.query.formulaire);
    const error = back?.error ?? (open ? undefined : msg('Les amendements s’importent pendant la consultation ou l’examen en commission.'));
    // after an import (post → redirect → get): its report, kept for its author (sql/import-reports.ts)
    const shown = req.query.rapport === undefined ? undefined : await findImportReport(deps.db, { id: req.query.rapport, billId: bill.id, userId: req.user.id });
    const draft = draftOf(back?.values ?? { format: String(req.query.format ?? '') });
    res.set('Cache-Control', 'no-store').type('html').send(importPage(ctx(req), bill, draft, {
      ...(error ? { error } : {}), ...(shown ? { report: shown } : req.query.rapport === undefined ? {} : { gone: true }),
    }));
  }));

  r.post('/textes/:billId/amendements/importer', formBody('5mb'), formOperation(deps, importParliamentAmendmentsOp, {
    signIn: here,
    body: (f) => ({ format: draftOf(f).format, data: f.donnees ?? '' }),
    // post → redirect → get: the report (however long) is kept for the page the 303 leads to
    done: async (req, res, out, input, user) => {
      const id = await putImportReport(deps.db, { billId: input.params.billId, userId: user.id, report: out });
      const format = draftOf(formFields(req)).format === 'senat-csv' ? '&format=senat-csv' : '';
      res.redirect(303, `${here(req)}?rapport=${id}${format}#resultat`);
    },
    refused: async (req, res, err) => {
      if (err.code === 'not_found') return false;
      const details = Array.isArray(err.details) ? (err.details as { message?: unknown }[]) : [];
      const detail = details.length === 1 && typeof details[0]?.message === 'string' ? details[0].message : err.message;
      // post → redirect → get when what was pasted fits in an address (compressed); a long file is shown back in place
      if (sendFormBack(res, here(req), { error: detail, values: { ...draftOf(formFields(req)) } }, '#donnees')) return;
      res.status(err.status).type('html').send(importPage(ctx(req), await loadBill(req), draftOf(formFields(req)), { error: detail }));
    },
  }));
  return r;
}

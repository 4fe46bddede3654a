import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { headingLine, type ImportIssue, type ParsedBill } from '../../../shared/bill';
import { parseBillInput } from '../../commands/parse-bill-input';
import { AppError } from '../../http/errors';
import { billImportBody, importBillOp } from '../../operations/bills';
import type { OpDeps } from '../../operations/operation';
import { listBillArticles } from '../../sql/articles';
import { listAllBills } from '../../sql/people';
import { phaseBadge } from '../bill-pages';
import { putFlash, sendFormBack, takeFormState } from '../flash';
import { html, type SafeHtml } from '../../html';
import type { PageContext } from '../layout';
import { formOperation } from '../form-operation';
import { ctx, formBody, formFields, page } from '../page-kit';
import { adminLayout } from './shell';
import { dateFormat, frContent, t, th, tn } from '../../i18n';
import { tMessage } from '../../i18n/message';
import { msg } from '../../../shared/i18n';

const dateFr = dateFormat({ dateStyle: 'medium', timeZone: 'Europe/Paris' });
const FORMATS = [
  ['texte', msg('Texte légistique (TITRE, Chapitre, Article, un alinéa par ligne)')],
  ['lafabrique', msg('Fichier JSON de {{fabrique}}')],
  ['akn', msg('Akoma Ntoso 3.0 (XML, comme l’export du texte réconcilié)')],
] as const;
type Format = (typeof FORMATS)[number][0];

interface Draft { titre: string; format: string; texte: string }
type Outcome = { bill: ParsedBill } | { issues: ImportIssue[]; status?: number };

const formatOf = (v: string | undefined): Format => FORMATS.find(([f]) => f === v)?.[0] ?? 'texte';
const draftOf = (f: Record<string, string>): Draft => ({ titre: f.titre ?? '', format: formatOf(f.format), texte: f.texte ?? '' });

/** The form as the body of POST /api/bills (a file that is not JSON: a validation error). */
function bodyOf(d: Draft): unknown {
  const title = d.titre.trim() || undefined;
  if (d.format === 'akn') return { title, akn: d.texte };
  if (d.format !== 'lafabrique') return { title, text: d.texte };
  try {
    return { title, lafabrique: JSON.parse(d.texte) as unknown };
  } catch (err) {
    throw new AppError('validation_failed', 'Ce n’est pas du JSON valide.', [{ message: `Ce n’est pas du JSON valide : ${(err as Error).message}` }]);
  }
}

/** The problems of a refused creation, as sealed in the form's state (one value, JSON). */
function sealedIssues(sealed: string | undefined, message: string): ImportIssue[] {
  try {
    const list = JSON.parse(sealed ?? '') as unknown;
    if (Array.isArray(list) && list.length > 0) {
      return list.filter((i): i is ImportIssue => !!i && typeof (i as ImportIssue).message === 'string')
        .map((i) => ({ message: i.message, ...(typeof i.line === 'number' ? { line: i.line } : {}), ...(typeof i.path === 'string' ? { path: i.path } : {}) }));
    }
  } catch { /* a state without its list: the message alone */ }
  return [{ message }];
}

/** An import refused for its input, as the list of problems the page shows. */
const issuesOf = (err: AppError): ImportIssue[] => (Array.isArray(err.details) ? (err.details as ImportIssue[]) : [{ message: err.message }]);

/** The preview: the form checked by the API's own schema, then parsed (compute pool), nothing created. */
async function parseDraft(d: Draft): Promise<Outcome> {
  try {
    const input = billImportBody.safeParse(bodyOf(d));
    if (!input.success) return { issues: input.error.issues.map((i) => ({ path: i.path.join('/'), message: i.message })) };
    return { bill: await parseBillInput(input.data) };
  } catch (err) {
    if (!(err instanceof AppError) || (err.code !== 'validation_failed' && err.code !== 'unprocessable')) throw err;
    return { issues: issuesOf(err), status: err.status };
  }
}

function issuesList(issues: readonly ImportIssue[], text: string): SafeHtml {
  const lines = text.split(/\r?\n/);
  return html`<div class="alert" role="alert" id="erreurs" tabindex="-1"><p>${tn('Le texte ne peut pas être importé tel quel : {{count}} problème à corriger.', 'Le texte ne peut pas être importé tel quel : {{count}} problèmes à corriger.', issues.length)}</p></div>
    <ol class="import-issues">${issues.map((i) => html`<li>${i.line ? html`<strong>${t('Ligne {{n}}', { n: i.line })}</strong> : ` : i.path ? html`<strong>${i.path}</strong> : ` : ''}${tMessage(i.message)}
      ${i.line && lines[i.line - 1] !== undefined ? html`<pre class="issue-line">${frContent(lines[i.line - 1]!.slice(0, 300))}</pre>` : ''}</li>`)}</ol>`;
}

/** The division of an article, said only when it changes from the previous one's. */
function division(headings: ParsedBill['articles'][number]['headings'], previous: typeof headings | undefined): string {
  const line = headingLine(headings) ?? '—';
  return previous && (headingLine(previous) ?? '—') === line ? t('idem') : line;
}

function preview(bill: ParsedBill): SafeHtml {
  const alineas = bill.articles.reduce((n, a) => n + a.alineas.length, 0);
  return html`<section aria-labelledby="apercu" class="import-preview"><h2 id="apercu">${th('Aperçu : {{titre}}', { titre: frContent(bill.title) })}</h2>
    <p role="status">${tn('{{count}} article', '{{count}} articles', bill.articles.length)}, ${tn('{{count}} alinéa', '{{count}} alinéas', alineas)}. ${t('Vérifiez le découpage avant de créer le texte.')}</p>
    <table class="data"><thead><tr><th scope="col">${t('Article')}</th><th scope="col">${t('Division')}</th><th scope="col">${t('Alinéas')}</th><th scope="col">${t('Début')}</th></tr></thead>
    <tbody>${bill.articles.map((a, i) => html`<tr><th scope="row">${a.number}</th><td lang="fr">${division(a.headings, bill.articles[i - 1]?.headings)}</td><td>${a.alineas.length}</td><td lang="fr">${(a.alineas[0] ?? '').slice(0, 120)}${(a.alineas[0]?.length ?? 0) > 120 ? '…' : ''}</td></tr>`)}</tbody></table></section>`;
}

function newBillPage(c: PageContext, d: Draft, outcome?: Outcome): string {
  const ready = outcome && 'bill' in outcome;
  return adminLayout(c, {
    title: `${outcome && !ready ? `${t('Erreur')} – ` : ''}${t('Nouveau texte')}`, here: '/admin/textes', crumbs: html`<a href="/admin/textes">${t('Textes')}</a>`,
    main: html`<h1>${t('Nouveau texte')}</h1>
      ${outcome ? ('bill' in outcome ? preview(outcome.bill) : issuesList(outcome.issues, d.texte)) : ''}
      <form method="post" action="/admin/textes/nouveau" class="form form-wide bill-import" novalidate>
        <div class="field"><label for="titre">${t('Titre (facultatif)')}</label><p class="hint" id="titre-hint">${th('Vide : la première ligne du texte (ou le titre du fichier de {{fabrique}}, ou le {{champ}} du document Akoma Ntoso).', { fabrique: frContent('La Fabrique'), champ: html`<code>docTitle</code>` })}</p>
          <input type="text" id="titre" name="titre" value="${d.titre}" maxlength="500" aria-describedby="titre-hint"></div>
        <fieldset><legend>${t('Format')}</legend>${FORMATS.map(([v, label]) => html`<div class="field checkbox"><input type="radio" id="format-${v}" name="format" value="${v}"${d.format === v ? html` checked` : ''}><label for="format-${v}">${th(label, { fabrique: frContent('La Fabrique de la Loi') })}</label></div>`)}</fieldset>
        <div class="field file-field" data-file-field hidden><label for="fichier">${t('Lire un fichier (.txt, .json ou .xml)')}</label>
          <input type="file" id="fichier" accept=".txt,.json,.xml,.akn,text/plain,application/json,text/xml,application/xml" data-read-into="texte" data-formats="txt:texte json:lafabrique xml:akn akn:akn"></div>
        <div class="field"><label for="texte">${t('Texte du projet de loi')}</label><p class="hint" id="texte-hint">${t('Collez le texte : une ligne par alinéa, « Article 1er », « TITRE Ier », « Chapitre II »… sur leur propre ligne ; ou le contenu du fichier JSON ou XML.')}</p>
          <textarea id="texte" name="texte" rows="18" spellcheck="false" lang="fr" aria-describedby="texte-hint">${d.texte}</textarea></div>
        <div class="actions">
          <button type="submit" name="etape" value="apercu"${ready ? html` class="secondary"` : ''}>${outcome ? t('Prévisualiser à nouveau') : t('Prévisualiser')}</button>
          ${ready ? html`<button type="submit" name="etape" value="creer">${t('Créer le texte (brouillon)')}</button>` : ''}
        </div>
        <p class="hint">${t('Le texte est créé à l’état de brouillon, visible des seuls administrateurs et greffiers, jusqu’à l’ouverture de la consultation.')}</p>
      </form>`,
  });
}

/** The bills section: every bill (drafts too), and creating one with a preview first. */
export function billConsolePages(deps: OpDeps): Router {
  const { db } = deps;
  const r = express.Router();

  r.get('/admin/textes', page(async (req, res) => {
    const bills = await listAllBills(db, 200, 0);
    res.type('html').send(adminLayout(ctx(req), {
      title: t('Textes'), here: '/admin/textes',
      main: html`<h1>${t('Textes')}</h1><p><a class="button" href="/admin/textes/nouveau">${t('Nouveau texte')}</a></p>
        ${bills.length ? html`<div class="table-wrap" role="region" aria-label="${t('Textes')}" tabindex="0"><table class="data"><thead><tr><th scope="col">${t('Titre')}</th><th scope="col">${t('Phase')}</th><th scope="col">${t('Articles')}</th><th scope="col">${t('Membres de la commission')}</th><th scope="col">${t('Créé le')}</th></tr></thead>
          <tbody>${bills.map((b) => html`<tr><th scope="row"><a href="/admin/textes/${b.id}" lang="fr">${b.title}</a></th><td>${phaseBadge(b.status)}</td><td>${b.article_count}</td><td>${b.member_count}</td><td>${dateFr.format(b.created_at)}</td></tr>`)}</tbody></table></div>`
          : html`<p class="empty">${t('Aucun texte pour l’instant.')}</p>`}`,
    }));
  }));

  r.get('/admin/textes/nouveau', (req, res) => {
    // a refused creation comes back here by a 303 (post → redirect → get): what was pasted and its problems
    const back = takeFormState(req.query.formulaire);
    if (!back?.error) return res.type('html').send(newBillPage(ctx(req), { titre: '', format: 'texte', texte: '' }));
    res.set('Cache-Control', 'no-store').type('html').send(newBillPage(ctx(req), draftOf(back.values ?? {}), { issues: sealedIssues(back.values?.problemes, back.error) }));
  });

  // « Créer » is the adapter of POST /api/bills; « Prévisualiser » parses and shows, creating nothing.
  const create = formOperation(deps, importBillOp, {
    signIn: () => '/admin/textes/nouveau',
    params: () => ({}),
    body: (f) => bodyOf(draftOf(f)),
    done: async (_req, res, bill) => {
      const articles = (await listBillArticles(db, bill.id)).length;
      res.redirect(303, `/admin/textes/${bill.id}?ok=${putFlash(tn('Texte créé : {{count}} article, à l’état de brouillon.', 'Texte créé : {{count}} articles, à l’état de brouillon.', articles))}`);
    },
    refused: (req, res, err) => {
      if (err.code !== 'validation_failed' && err.code !== 'unprocessable') return false;
      const d = draftOf(formFields(req));
      // back to the form (post → redirect → get), unless the pasted text does not fit in an address
      if (sendFormBack(res, '/admin/textes/nouveau', { error: err.message, values: { ...d, problemes: JSON.stringify(issuesOf(err).slice(0, 50)) } })) return;
      res.status(err.status).type('html').send(newBillPage(ctx(req), draftOf(formFields(req)), { issues: issuesOf(err) }));
    },
  });
  const preview = page(async (req, res) => {
    const d = draftOf(formFields(req));
    const outcome = await parseDraft(d);
    res.status('bill' in outcome ? 200 : (outcome.status ?? 400)).type('html').send(newBillPage(ctx(req), d, outcome));
  });
  r.post('/admin/textes/nouveau', formBody('5mb'), (req: Request, res: Response, next: NextFunction) => (formFields(req).etape === 'creer' ? create : preview)(req, res, next));
  return r;
}

import express, { type Request, type Router } from 'express';
import { AMENDMENT_STATUSES, STATUS_LABELS_FR } from '../../shared/amendment';
import { SEARCH_MAX_PAGE, SEARCH_PAGE_SIZE, SEARCH_QUERY_MAX, SEARCH_TYPE_LABELS_FR, SEARCH_TYPES, type SearchType } from '../../shared/search';
import type { LiveDocs } from '../collab/registry';
import type { Db } from '../db/db';
import { articleSummaryOp, billMemorandumOp, cosignOp, uncosignOp } from '../operations/participation';
import { search, type SearchPage } from '../present/search';
import { SEARCH_PHRASE_CHECKS_PER_TYPE } from '../sql/search';
import { listBillArticles } from '../sql/articles';
import { findBill, listBills } from '../sql/bills';
import { idParam } from '../http/schemas';
import { searchQuery } from '../routes/participation';
import { html, raw, type SafeHtml } from '../html';
import { formOperation } from './form-operation';
import { glossaryPage } from './glossary';
import { layout, type PageContext } from './layout';
import { ctx, formBody, page } from './page-kit';
import { formatNumber, t, tn } from '../i18n';

interface SearchForm {
  q: string;
  type: string;
  status: string;
  bill: string;
  article: string;
}

const PUBLIC_STATUSES = AMENDMENT_STATUSES.filter((s) => s !== 'draft');
/** The most bills the filter lists (newest first); an older one is still reached from its own page. */
const SEARCH_BILL_CHOICES = 200;

function href(f: SearchForm, page: number): string {
  const p = new URLSearchParams();
  for (const k of ['q', 'type', 'status', 'bill', 'article'] as const) if (f[k]) p.set(k, f[k]);
  if (page > 1) p.set('page', String(page));
  return `/recherche?${p.toString()}`;
}

/** What the bill and article filters offer: the public bills, and the chosen bill's articles. */
export interface SearchChoices {
  bills: readonly { id: string; title: string }[];
  articles: readonly { id: string; number: string }[];
}

function searchForm(f: SearchForm, choices: SearchChoices, error?: string): SafeHtml {
  const option = (value: string, label: string, current: string) => html`<option value="${value}"${value === current ? html` selected` : ''}>${label}</option>`;
  const billChosen = choices.bills.some((b) => b.id === f.bill);
  return html`<form method="get" action="/recherche" role="search" class="form search-form" aria-label="${t('Rechercher dans les textes et les contributions')}">
    <div class="field"><label for="recherche-q">${t('Mots à chercher')}</label>
      <p class="hint" id="recherche-q-hint">${t('Les accents et le pluriel sont indifférents. Une expression entre guillemets, un mot à exclure précédé de « - ».')}</p>
      ${error ? html`<p class="field-error" id="recherche-q-error">${error}</p>` : ''}
      <input type="search" id="recherche-q" name="q" value="${f.q}" maxlength="${SEARCH_QUERY_MAX}" aria-describedby="recherche-q-hint${error ? ' recherche-q-error' : ''}"${error ? html` aria-invalid="true"` : ''}></div>
    <div class="field"><label for="recherche-type">${t('Chercher parmi')}</label>
      <select id="recherche-type" name="type">${option('', t('Tout'), f.type)}${SEARCH_TYPES.map((ty) => option(ty, t(SEARCH_TYPE_LABELS_FR[ty].many), f.type))}</select></div>
    <div class="field"><label for="recherche-statut">${t('Statut de l’amendement')}</label>
      <select id="recherche-statut" name="status">${option('', t('Tous (et les autres contributions)'), f.status)}${PUBLIC_STATUSES.map((s) => option(s, t(STATUS_LABELS_FR[s]), f.status))}</select></div>
    <div class="field"><label for="recherche-texte">${t('Projet de loi')}</label>
      <select id="recherche-texte" name="bill"${billChosen ? '' : html` aria-describedby="recherche-texte-hint"`}>${option('', t('Tous les projets de loi'), f.bill)}${choices.bills.map((b) => html`<option value="${b.id}" lang="fr"${b.id === f.bill ? html` selected` : ''}>${b.title}</option>`)}</select>
      ${billChosen ? '' : html`<p class="hint" id="recherche-texte-hint">${t('Un projet de loi choisi, la recherche suivante propose ses articles.')}</p>`}</div>
    ${billChosen && choices.articles.length ? html`<div class="field"><label for="recherche-article">${t('Article')}</label>
      <select id="recherche-article" name="article">${option('', t('Tous les articles'), f.article)}${choices.articles.map((a) => option(a.id, t('Article {{numero}}', { numero: a.number }), f.article))}</select></div>`
      // an article of a bill the list does not hold (or no bill chosen): kept as it came
      : f.article ? html`<input type="hidden" name="article" value="${f.article}">` : ''}
    <button type="submit">${t('Rechercher')}</button>
    ${f.bill || f.article ? html`<p class="hint">${f.article ? t('Recherche limitée à un article.') : t('Recherche limitée à un projet de loi.')} <a href="${href({ ...f, bill: '', article: '' }, 1)}">${t('Chercher partout')}</a></p>` : ''}
  </form>`;
}

function resultsSection(f: SearchForm, r: SearchPage): SafeHtml {
  const pages = Math.min(SEARCH_MAX_PAGE, Math.ceil(r.total / SEARCH_PAGE_SIZE));
  const from = (r.page - 1) * SEARCH_PAGE_SIZE + 1;
  const summary = r.total === 0
    ? r.totalExact
      ? t('Aucun résultat. Essayez d’autres mots, ou retirez un filtre.')
      // a phrase checked on the first documents holding all its words only (server/sql/search.ts)
      : t('Aucun résultat parmi les {{n}} premiers documents de chaque sorte qui contiennent tous ces mots. Ajoutez un mot ou un filtre pour affiner.', { n: formatNumber(SEARCH_PHRASE_CHECKS_PER_TYPE) })
    : r.totalExact
      ? `${tn('{{count}} résultat', '{{count}} résultats', r.total)}${pages > 1 ? `, ${t('page {{page}} sur {{pages}}', { page: r.page, pages })}` : ''}`
      : t('Plus de {{n}} résultats, page {{page}} : les plus pertinents parmi les premiers trouvés. Ajoutez un mot ou un filtre pour affiner.', { n: formatNumber(r.total), page: r.page });
  return html`<section aria-labelledby="resultats"><h2 id="resultats">${t('Résultats')}</h2>
    <p role="status">${summary}</p>
    ${r.results.length ? html`<ol class="search-results" start="${from}">${r.results.map((x) => html`<li class="search-result search-result-${x.type}">
      <p class="result-type">${t(SEARCH_TYPE_LABELS_FR[x.type as SearchType].one)}</p>
      <h3><a href="${x.url}" lang="fr">${x.title}</a></h3>
      <p class="excerpt" lang="fr">${raw(x.excerpt)}</p></li>`)}</ol>` : ''}
    ${pages > 1 ? html`<nav aria-label="${t('Pages de résultats')}" class="pager">
      ${r.page > 1 ? html`<a href="${href(f, r.page - 1)}" rel="prev">${t('← Page précédente')}</a>` : ''}
      ${r.page < pages ? html`<a href="${href(f, r.page + 1)}" rel="next">${t('Page suivante →')}</a>` : ''}</nav>` : ''}
  </section>`;
}

export function searchPage(c: PageContext, f: SearchForm, choices: SearchChoices, result?: SearchPage, error?: string): string {
  return layout(c, {
    title: f.q ? `${error ? `${t('Erreur')} – ` : ''}${t('Recherche : {{q}}', { q: f.q })}` : t('Rechercher'),
    breadcrumb: html`<a href="/">${t('Projets de loi')}</a> › ${t('Recherche')}`,
    main: html`<h1>${t('Rechercher')}</h1>
      <p class="lead">${t('Dans les projets de loi, leurs articles, les amendements déposés, les arguments, les annotations, les réponses du greffe et les contributeurs. Seul ce qui est public est trouvé.')}</p>
      ${searchForm(f, choices, error)}
      ${result ? resultsSection(f, result) : ''}`,
  });
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** /recherche, /glossaire, and the forms of summaries, exposés des motifs and co-signatures. */
export function participationPages(db: Db, live: LiveDocs, reads: Db = db): Router {
  const r = express.Router();
  const deps = { db, live };
  const form = formBody('200kb');

  /** The bill filter's choices (public bills, newest first) and, a bill chosen, its articles. */
  async function choicesFor(f: SearchForm): Promise<SearchChoices> {
    const bills = (await listBills(reads, SEARCH_BILL_CHOICES, 0, false)).map((b) => ({ id: b.id, title: b.title }));
    // an older bill, come from its own page: listed too, so that the filter stays
    if (idParam.safeParse(f.bill).success && !bills.some((b) => b.id === f.bill)) {
      const older = await findBill(reads, f.bill);
      if (older && older.status !== 'draft') bills.push({ id: older.id, title: older.title });
    }
    const articles = bills.some((b) => b.id === f.bill) ? (await listBillArticles(reads, f.bill)).map((a) => ({ id: a.id, number: a.number })) : [];
    return { bills, articles };
  }

  r.get('/recherche', page(async (req, res) => {
    const f: SearchForm = { q: str(req.query.q), type: str(req.query.type), status: str(req.query.status), bill: str(req.query.bill), article: str(req.query.article) };
    const choices = await choicesFor(f);
    if (!f.q.trim() && !req.query.page) {
      res.type('html').send(searchPage(ctx(req), f, choices));
      return;
    }
    const parsed = searchQuery.safeParse({
      q: f.q, type: f.type || undefined, status: f.status || undefined, bill: f.bill || undefined, article: f.article || undefined, page: str(req.query.page) || undefined,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = String(issue?.path[0] ?? 'q');
      const message = field === 'q' ? (f.q.trim() ? t('Trop long : {{max}} caractères au plus.', { max: SEARCH_QUERY_MAX }) : t('Saisissez au moins un mot.')) : t('Un des filtres est invalide : choisissez parmi les options proposées.');
      res.status(400).type('html').send(searchPage(ctx(req), f, choices, undefined, message));
      return;
    }
    const q = parsed.data;
    const result = await search(reads, { q: q.q, type: q.type, billId: q.bill, articleId: q.article, status: q.status, page: q.page });
    res.type('html').send(searchPage(ctx(req), f, choices, result));
  }));

  r.get('/glossaire', (req, res) => {
    res.type('html').send(glossaryPage(ctx(req)));
  });

  // a refusal goes back to the form's page (post → redirect → get), the form named: only it shows the message
  const back = (path: (req: Request) => string, fragment: string) => ({
    signIn: path, formPage: path, formName: () => fragment,
    done: (req: Request, res: express.Response) => res.redirect(303, `${path(req)}#${fragment}`),
  });
  const articlePath = (req: Request) => `/articles/${encodeURIComponent(String(req.params.articleId))}`;
  const billPath = (req: Request) => `/textes/${encodeURIComponent(String(req.params.billId))}`;
  const amendmentPath = (req: Request) => `/amendements/${encodeURIComponent(String(req.params.id))}`;

  r.post('/articles/:articleId/resume', form, formOperation(deps, articleSummaryOp, {
    ...back(articlePath, 'ce-que-change'), body: (f) => ({ text: f.texte ?? '' }),
  }));
  r.post('/textes/:billId/expose-des-motifs', form, formOperation(deps, billMemorandumOp, {
    ...back(billPath, 'expose-des-motifs'), body: (f) => ({ text: f.texte ?? '' }),
  }));
  r.post('/amendements/:id/cosigner', form, formOperation(deps, cosignOp, { ...back(amendmentPath, 'cosignataires'), formName: () => 'cosigner' }));
  r.post('/amendements/:id/cosigner/retirer', form, formOperation(deps, uncosignOp, { ...back(amendmentPath, 'cosignataires'), formName: () => 'cosigner' }));
  return r;
}

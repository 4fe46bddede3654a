import type { ReconcileResult, ProvenanceRun } from '../../shared/reconcile';
import type { BillRow } from '../sql/bills';
import { articleAnchor } from './bill-text';
import { html, type SafeHtml } from '../html';
import { layout, type PageContext } from './layout';
import { currentLang, t } from '../i18n';
import { tMessage } from '../i18n/message';
import { glossed } from './glossary';

/** Who an amendment is, for the provenance of the words it brought. */
export interface ProvenanceSource {
  displayNumber: string;
  authors: string[];
}

export interface ReconciledPageData {
  bill: BillRow;
  result: ReconcileResult;
  frozen: boolean;
  sources: Map<string, ProvenanceSource>;
}

/**
 * A passage brought by amendments: a link to the (first) amendment, so that it is reachable by
 * keyboard, with its provenance shown on hover and on focus (CSS) and spoken as its description.
 */
function run(r: ProvenanceRun, d: ReconciledPageData): SafeHtml {
  if (r.amendments.length === 0) return html`${r.text}`;
  const sources = r.amendments.map((id) => ({ id, s: d.sources.get(id) }));
  const first = sources[0]!;
  const label = sources.map(({ s }) => (s ? t('amendement n° {{numero}} ({{auteurs}})', { numero: s.displayNumber, auteurs: s.authors.join(', ') || t('auteur inconnu') }) : t('un amendement'))).join(t(' et '));
  return html`<a class="prov" href="/amendements/${first.id}">${r.text}<span class="prov-tip" role="tooltip" lang="${currentLang()}"> — ${t('issu de l’{{source}}', { source: label })}</span></a>`;
}

const sameSources = (a: ProvenanceRun, b: ProvenanceRun) => a.amendments.length === b.amendments.length && a.amendments.every((x, i) => x === b.amendments[i]);

/**
 * Runs as a reader sees passages: a space or a punctuation mark of the initial text between two
 * runs of the same amendment(s) joins them, so that « de quinze jours » is one link, not three.
 */
export function passages(runs: readonly ProvenanceRun[]): ProvenanceRun[] {
  const out: ProvenanceRun[] = [];
  for (const r of runs) {
    const last = out[out.length - 1];
    const gap = out[out.length - 2];
    if (last && sameSources(last, r)) last.text += r.text;
    else if (last && gap && last.amendments.length === 0 && /^[\s,.;:’'-]*$/u.test(last.text) && r.amendments.length > 0 && sameSources(gap, r)) {
      gap.text += last.text + r.text;
      out.pop();
    } else out.push({ text: r.text, amendments: [...r.amendments] });
  }
  return out;
}

function articles(d: ReconciledPageData): SafeHtml {
  return html`${d.result.articles.map((a) => html`<section class="article" id="${articleAnchor(a.number)}" aria-labelledby="${articleAnchor(a.number)}-titre">
    <h2 class="article-number" id="${articleAnchor(a.number)}-titre">Article ${a.number}${a.id === null ? html` <span class="badge" lang="${currentLang()}">${t('nouveau')}</span>` : ''}</h2>
    <ol class="alineas" role="list">${a.provenance.map((runs, i) => html`<li id="${articleAnchor(a.number)}__al_${i + 1}">${passages(runs).map((r) => run(r, d))}</li>`)}</ol>
  </section>`)}`;
}

function fallenList(d: ReconciledPageData): SafeHtml {
  if (d.result.fallen.length === 0) return html``;
  return html`<section aria-labelledby="tombes"><h2 id="tombes">${glossed('tomber', t('Amendements tombés'))}</h2>
    <ul>${d.result.fallen.map((f) => html`<li><a href="/amendements/${f.amendmentId}">${t('Amendement n° {{numero}}', { numero: d.sources.get(f.amendmentId)?.displayNumber ?? '?' })}</a> : ${tMessage(f.reason)}</li>`)}</ul></section>`;
}

/** The reconciled text, each word that an amendment brought leading to that amendment and its authors. */
export function reconciledPage(ctx: PageContext, d: ReconciledPageData): string {
  const base = `/api/bills/${d.bill.id}`;
  const title = d.frozen ? t('Texte adopté') : t('Texte réconcilié');
  return layout(ctx, {
    title: t('{{titre}} – {{texte}}', { titre: title, texte: d.bill.title }),
    breadcrumb: html`<a href="/">${t('Projets de loi')}</a> › <a href="/textes/${d.bill.id}" lang="fr">${d.bill.title}</a>`,
    main: html`<h1>${title}</h1>
      <p class="lead">${d.frozen
        ? t('Le texte adopté par la commission mixte, figé à son adoption.')
        : t('Le texte tel qu’il résulte, à cet instant, des amendements adoptés par la commission, appliqués dans l’ordre d’examen.')}
        ${t('Les passages soulignés viennent d’amendements : survolez-les ou atteignez-les au clavier pour voir lequel et ses auteurs ; ils mènent à l’amendement.')}</p>
      <p class="downloads">${t('Télécharger :')} <a href="${base}/reconciled?format=json">JSON</a> · <a href="${base}/reconciled?format=markdown">Markdown</a> ·
        <a href="${base}/reconciled?format=html">${t('HTML imprimable')}</a> · <a href="${base}/reconciled?format=akn">Akoma Ntoso</a> ·
        <a href="/textes/${d.bill.id}/comparatif">${t('Tableau comparatif')}</a> · <a href="${base}/liasse?format=html">${t('Liasse (HTML)')}</a> · <a href="${base}/liasse?format=akn">${t('Liasse (Akoma Ntoso)')}</a></p>
      ${d.result.articles.length ? html`<div class="bill-text reconciled" lang="fr">${articles(d)}</div>` : html`<p class="empty">${t('Tous les articles ont été supprimés.')}</p>`}
      ${fallenList(d)}`,
  });
}

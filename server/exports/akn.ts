/**
 * The reconciled bill as an Akoma Ntoso 3.0 `<bill>`, valid against the OASIS schema
 * (akomantoso30.xsd). French conventions as in LEGISTIQUE.md: `<article eId="art_2bis">` with its
 * `<num>` and optional `<heading>`, then one `<alinea eId="art_2bis__al_3">` per alinéa, inside the
 * bill's divisions (`<title>`, `<chapter>`, `<section>`, `<subsection>`), so that the document
 * imports back to the same bill (shared/akn-bill.ts). A deleted
 * article stays in place with `status="removed"` and « (Supprimé) », so that eIds never move.
 *
 * Provenance: every adopted amendment is a `<passiveRef>` in the references and a `<textualMod>`
 * in `analysis/passiveModifications` (its authors in `refersTo`); each word group it wrote is a
 * `<span class="fromAmendment" refersTo="#amdt_12 …">` inside the alinéa.
 */
import { create } from 'xmlbuilder2';
import { headingLine, type Heading, type HeadingLevel } from '../../shared/bill';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import {
  alineaEid, alineaRuns, amendmentName, amendmentSlug, articleEid, articleLabel, isoDate, printedArticles,
  provenanceIndex, type ProvenanceIndex, textLabel,
} from './common';
import { AKN_NS, AuthorRefs, expressionUri, identification, modType, platformRef, PLATFORM, xmlText, type AknOptions } from './akn-meta';
import type { ExportArticle, ExportBill } from './types';

export { aknAmendmentList } from './akn-amendments';
export { billExpressionUri, type AknOptions } from './akn-meta';

const GOVERNMENT = { eId: 'gouvernement', href: '/ontology/organization/fr/gouvernement', showAs: 'Gouvernement' };
const COMMISSION = { eId: 'commission', href: '/ontology/organization/fr/commission-mixte', showAs: 'Commission mixte' };

export function renderAkn(bill: ExportBill, opts: AknOptions = {}): string {
  const exported = isoDate(bill.generatedAt);
  const workDate = opts.workDate ?? exported;
  const index = provenanceIndex(bill);
  const refIds = amendmentRefIds(index);
  const authors = new AuthorRefs();

  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(AKN_NS, 'akomaNtoso');
  const doc = root.ele('bill', { name: 'projetDeLoi' });
  const meta = doc.ele('meta');
  identification(meta, {
    type: 'bill', name: bill.billId, title: bill.title,
    workDate, workDateName: 'depot', exprDate: exported, exprDateName: bill.status === 'adopted' ? 'adoption' : 'reconciliation',
    exportDate: exported, workAuthor: `#${GOVERNMENT.eId}`, exprAuthor: `#${COMMISSION.eId}`, platform: PLATFORM.eId,
  });
  passiveModifications(meta, bill, index, refIds, authors);
  const references = meta.ele('references', { source: `#${PLATFORM.eId}` });
  platformRef(references, PLATFORM.eId);
  references.ele('TLCOrganization', GOVERNMENT);
  references.ele('TLCOrganization', COMMISSION);
  for (const { id, amendment } of index.list) {
    const number = amendment?.displayNumber ?? id;
    const date = amendment?.submittedAt ? isoDate(amendment.submittedAt) : exported;
    references.ele('passiveRef', {
      eId: refIds.get(id),
      href: expressionUri('amendment', date, `${bill.billId}-${number}`, date),
      showAs: xmlText(amendmentName(id, amendment)),
    });
  }
  authors.appendTo(references);

  const preface = doc.ele('preface');
  preface.ele('longTitle').ele('p').ele('docTitle').txt(xmlText(bill.title));
  preface.ele('p').ele('docStatus').txt(textLabel(bill));

  const body = doc.ele('body');
  const divisions = new Divisions(body);
  const printedList = printedArticles(bill);
  if (printedList.length === 0) {
    // the schema wants a non-empty body: a bill without articles says so
    body.ele('hcontainer', { eId: 'hcontainer_1', name: 'vide' }).ele('content').ele('p').txt('Ce texte ne comporte aucun article.');
  }
  for (const printed of printedList) {
    const parent = divisions.parentFor(printed.kind === 'deleted' ? printed.headings : printed.article.headings);
    if (printed.kind === 'deleted') {
      const article = parent.ele('article', { eId: articleEid(printed.number), status: 'removed' });
      article.ele('num').txt(xmlText(articleLabel(printed.number)));
      article.ele('content').ele('p').txt('(Supprimé)');
    } else {
      articleElement(parent, printed.article, refIds);
    }
  }
  // never pretty-printed: indenting would add spaces inside the alinéas' mixed content
  return root.end({ prettyPrint: false });
}

const DIVISION: Readonly<Record<HeadingLevel, { element: string; eId: string }>> = {
  titre: { element: 'title', eId: 'title' },
  chapitre: { element: 'chapter', eId: 'chp' },
  section: { element: 'section', eId: 'sec' },
  'sous-section': { element: 'subsection', eId: 'subsec' },
};

/**
 * The divisions of the body (`<title>`, `<chapter>`, `<section>`, `<subsection>`, each with its
 * `<num>` and `<heading>`), opened as the articles need them: a division is never empty.
 */
class Divisions {
  private readonly open: { heading: Heading; el: XMLBuilder; eId: string }[] = [];
  private readonly counts = new Map<string, number>();

  constructor(private readonly body: XMLBuilder) {}

  /** Where the next article goes: `headings` undefined keeps the current divisions. */
  parentFor(headings: readonly Heading[] | undefined): XMLBuilder {
    if (headings !== undefined) {
      let keep = 0;
      while (keep < this.open.length && keep < headings.length && sameHeading(this.open[keep]?.heading, headings[keep])) keep += 1;
      this.open.length = keep;
      for (const heading of headings.slice(keep)) {
        const parent = this.open[this.open.length - 1];
        const { element, eId: prefix } = DIVISION[heading.level];
        const key = `${parent?.eId ?? ''}/${prefix}`;
        const n = (this.counts.get(key) ?? 0) + 1;
        this.counts.set(key, n);
        const eId = parent ? `${parent.eId}__${prefix}_${n}` : `${prefix}_${n}`;
        const el = (parent?.el ?? this.body).ele(element, { eId });
        el.ele('num').txt(xmlText(heading.label));
        if (heading.title) el.ele('heading').txt(xmlText(heading.title));
        this.open.push({ heading, el, eId });
      }
    }
    return this.open[this.open.length - 1]?.el ?? this.body;
  }
}

function sameHeading(a: Heading | undefined, b: Heading | undefined): boolean {
  return a !== undefined && b !== undefined && a.level === b.level && a.label === b.label && a.title === b.title;
}

/** `amdt_12`, unique even when two amendments share a display number. */
function amendmentRefIds(index: ProvenanceIndex): Map<string, string> {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const { id, amendment } of index.list) {
    const base = `amdt_${amendmentSlug(amendment?.displayNumber ?? id)}`;
    let eId = base;
    for (let n = 2; taken.has(eId); n++) eId = `${base}_${n}`;
    taken.add(eId);
    ids.set(id, eId);
  }
  return ids;
}

function passiveModifications(
  meta: XMLBuilder, bill: ExportBill, index: ProvenanceIndex, refIds: Map<string, string>, authors: AuthorRefs,
): void {
  if (index.list.length === 0) return;
  const mods = meta.ele('analysis', { source: `#${PLATFORM.eId}` }).ele('passiveModifications');
  index.list.forEach(({ id, amendment }, i) => {
    const kind = amendment?.kind ?? 'modify';
    const attrs: Record<string, string> = { eId: `pmod_${i + 1}`, type: modType(kind) };
    const people = amendment?.authors.map((a) => `#${authors.eId(a)}`) ?? [];
    if (people.length > 0) attrs.refersTo = people.join(' ');
    const mod = mods.ele('textualMod', attrs);
    mod.ele('source', { href: `#${refIds.get(id) ?? ''}` });
    const created = kind === 'insert_after' ? bill.articles.find((a) => a.isNew && cites(a, id)) : undefined;
    if (created) mod.ele('destination', { href: `#${articleEid(created.number)}` });
    else if (amendment) mod.ele('destination', { href: `#${articleEid(amendment.articleNumber)}`, ...(kind === 'insert_after' ? { pos: 'after' } : {}) });
    else mod.ele('destination', { href: `#${articleEid(bill.articles.find((a) => cites(a, id))?.number ?? '')}` });
  });
}

function cites(article: ExportArticle, id: string): boolean {
  return article.provenance.some((runs) => runs.some((run) => run.amendments.includes(id)));
}

function articleElement(body: XMLBuilder, article: ExportArticle, refIds: Map<string, string>): void {
  const el = body.ele('article', { eId: articleEid(article.number) });
  el.ele('num').txt(xmlText(articleLabel(article.number)));
  // a heading that only names the divisions is already printed by them
  const divisionsLine = article.headings === undefined ? null : headingLine(article.headings);
  if (article.heading && article.heading !== divisionsLine) el.ele('heading').txt(xmlText(article.heading));
  if (article.alineas.length === 0) {
    el.ele('content').ele('p'); // an article is never empty in the schema
    return;
  }
  article.alineas.forEach((_, i) => {
    const p = el.ele('alinea', { eId: alineaEid(article.number, i) }).ele('content').ele('p');
    for (const run of alineaRuns(article, i)) {
      const text = xmlText(run.text);
      if (run.amendments.length === 0) p.txt(text);
      else p.ele('span', { class: 'fromAmendment', refersTo: run.amendments.map((id) => `#${refIds.get(id) ?? ''}`).join(' ') }).txt(text);
    }
  });
}

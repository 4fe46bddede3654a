import { ORIGIN_LABELS_FR } from '../../shared/amendment';
/**
 * The liasse as an Akoma Ntoso 3.0 `<amendmentList>`, valid against the OASIS schema: one
 * `<component>` per amendment in examination order, each holding a whole `<amendment>` document
 * (its own meta, its authors as TLC references, number and proponents in the preface, the target
 * as `amendmentHeading`, the dispositif as `amendmentContent`, the exposé sommaire as
 * `amendmentJustification`). The schema wants eIds unique across the whole list, so everything
 * inside component N is prefixed `cmp_N__`, as the AKN naming convention does for components.
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { amendmentTarget, articleEid, isoDate, lines } from './common';
import { AKN_NS, AuthorRefs, billExpressionUri, identification, modType, platformRef, PLATFORM, xmlText, type AknOptions } from './akn-meta';
import type { ExportAmendment, ExportBill } from './types';

export function aknAmendmentList(bill: ExportBill, opts: AknOptions = {}): string {
  const exported = isoDate(bill.generatedAt);
  const billUri = billExpressionUri(bill, opts);

  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(AKN_NS, 'akomaNtoso');
  const list = root.ele('amendmentList', { name: 'liasse' });
  const meta = list.ele('meta');
  identification(meta, {
    type: 'amendmentList', name: `${bill.billId}-liasse`, title: `Liasse des amendements — ${bill.title}`,
    workDate: exported, workDateName: 'publication', exprDate: exported, exprDateName: 'publication',
    exportDate: exported, workAuthor: `#${PLATFORM.eId}`, exprAuthor: `#${PLATFORM.eId}`, platform: PLATFORM.eId,
  });
  const references = meta.ele('references', { source: `#${PLATFORM.eId}` });
  platformRef(references, PLATFORM.eId);
  references.ele('activeRef', { eId: 'texte', href: billUri, showAs: xmlText(bill.title) });

  const preface = list.ele('preface');
  const title = preface.ele('longTitle').ele('p');
  title.txt('Liasse des amendements — ');
  title.ele('docTitle').txt(xmlText(bill.title));

  const body = list.ele('collectionBody');
  if (bill.amendments.length === 0) {
    // the schema wants at least one component: an empty liasse says so in one
    body.ele('component', { eId: 'cmp_1' }).ele('interstitial', { eId: 'cmp_1__intstl_1' }).ele('p').txt('Aucun amendement.');
  }
  bill.amendments.forEach((a, i) => {
    const cmp = `cmp_${i + 1}`;
    amendmentDocument(body.ele('component', { eId: cmp }), a, `${cmp}__`, { bill, billUri, exported });
  });
  return root.end({ prettyPrint: false });
}

interface Context {
  bill: ExportBill;
  billUri: string;
  exported: string;
}

function amendmentDocument(component: XMLBuilder, a: ExportAmendment, prefix: string, ctx: Context): void {
  const date = a.submittedAt ? isoDate(a.submittedAt) : ctx.exported;
  const platform = `${prefix}${PLATFORM.eId}`;
  const authors = new AuthorRefs(prefix);
  const proponents = a.authors.map((author) => ({ author, eId: authors.eId(author) }));
  const first = proponents[0]?.eId ?? platform;

  const doc = component.ele('amendment', { name: 'amendement' });
  const meta = doc.ele('meta');
  identification(meta, {
    type: 'amendment', name: `${ctx.bill.billId}-${a.displayNumber}`, number: a.displayNumber,
    workDate: date, workDateName: 'depot', exprDate: date, exprDateName: 'depot',
    exportDate: ctx.exported, workAuthor: `#${first}`, exprAuthor: `#${first}`, platform,
  });
  const mod = meta.ele('analysis', { source: `#${platform}` }).ele('activeModifications')
    .ele('textualMod', { eId: `${prefix}amod_1`, type: modType(a.kind) });
  mod.ele('source', { href: `#${prefix}amdcnt_1` });
  mod.ele('destination', { href: `${ctx.billUri}#${articleEid(a.articleNumber)}`, ...(a.kind === 'insert_after' ? { pos: 'after' } : {}) });
  const references = meta.ele('references', { source: `#${platform}` });
  platformRef(references, platform);
  authors.appendTo(references);

  const preface = doc.ele('preface');
  const heading = preface.ele('p');
  heading.txt('Amendement n° ').ele('docNumber').txt(xmlText(a.displayNumber));
  proponents.forEach(({ author, eId }, i) => {
    heading.txt(i === 0 ? ' présenté par ' : ', ');
    heading.ele('docProponent', { refersTo: `#${eId}` }).txt(xmlText(author.displayName));
  });
  const target = preface.ele('p');
  target.txt('Texte visé : ').ele('affectedDocument', { href: ctx.billUri }).txt(xmlText(ctx.bill.title));
  preface.ele('p').txt(ORIGIN_LABELS_FR[a.origin]);
  if (a.outcomeFr) preface.ele('p').txt('Sort : ').ele('docStatus').txt(xmlText(a.outcomeFr));

  const body = doc.ele('amendmentBody');
  body.ele('amendmentHeading', { eId: `${prefix}amdhdg_1` }).ele('p').txt(xmlText(amendmentTarget(a)));
  const content = body.ele('amendmentContent', { eId: `${prefix}amdcnt_1` });
  paragraphs(content, a.dispositif);
  if (a.rationale.trim() !== '') paragraphs(body.ele('amendmentJustification', { eId: `${prefix}amdjust_1` }), a.rationale);
}

/** One `<p>` per line (a dispositif puts one operation or quoted alinéa per line); at least one. */
function paragraphs(parent: XMLBuilder, text: string): void {
  const ls = lines(text);
  if (ls.length === 0) parent.ele('p');
  for (const line of ls) parent.ele('p').txt(xmlText(line));
}


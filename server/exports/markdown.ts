/**
 * The reconciled bill as Markdown (CommonMark + footnotes): the title, one « Article 2 bis »
 * heading per article, one paragraph per alinéa. Every piece of bill text is escaped, so that a
 * « * » or a « # » in the law stays text. With `provenance: true`, each word group that comes from
 * amendments is emphasised and followed by footnote marks; the footnotes name the amendments.
 */
import { alineaRuns, amendmentName, articleLabel, authorList, deletingAmendments, frenchDate, printedArticles, provenanceIndex, textLabel } from './common';
import type { ExportBill } from './types';

export interface MarkdownOptions {
  /** Emphasise the words that come from amendments and list those amendments as footnotes. */
  provenance?: boolean;
}

/** Backslash-escapes what Markdown would read as markup anywhere in a line. */
function escapeInline(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_[\]<>|~]/g, '\\$&')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&'); // « &amp; » would otherwise print as « & »
}

/** Also escapes what only means something at the start of a line (headings, lists, quotes). */
function escapeLineStart(text: string): string {
  return text
    .replace(/^\s+/, '')
    .replace(/^([#>+=-])/, '\\$1')
    .replace(/^(\d{1,9})([.)])/, '$1\\$2');
}

export function escapeMarkdown(text: string): string {
  return escapeLineStart(escapeInline(text));
}

export function renderMarkdown(bill: ExportBill, opts: MarkdownOptions = {}): string {
  const index = provenanceIndex(bill);
  const footnote = new Map(index.list.map((entry, i) => [entry.id, i + 1] as const));
  const used = new Set<string>();
  const out: string[] = [`# ${escapeMarkdown(bill.title)}`, '', `_${textLabel(bill)} — version du ${escapeInline(frenchDate(bill.generatedAt))}_`];

  for (const printed of printedArticles(bill)) {
    if (printed.kind === 'deleted') {
      const by = opts.provenance ? deletingAmendments(bill, printed.number) : [];
      for (const a of by) used.add(a.id);
      out.push('', `## ${escapeInline(articleLabel(printed.number))}`, '', `(Supprimé)${by.map((a) => `[^${footnote.get(a.id) ?? a.id}]`).join('')}`);
      continue;
    }
    const { article } = printed;
    out.push('', `## ${escapeInline(articleLabel(article.number))}${article.isNew ? ' (nouveau)' : ''}`);
    const heading = article.heading?.trim();
    if (heading) out.push('', `_${escapeInline(heading)}_`);
    article.alineas.forEach((_, i) => {
      const runs = opts.provenance ? alineaRuns(article, i) : [{ text: article.alineas[i] ?? '', amendments: [] }];
      const line = runs
        .map((run, r) => {
          const text = r === 0 ? escapeMarkdown(run.text) : escapeInline(run.text);
          if (run.amendments.length === 0) return text;
          for (const id of run.amendments) used.add(id);
          return emphasise(text, run.amendments.map((id) => `[^${footnote.get(id) ?? id}]`).join(''));
        })
        .join('');
      out.push('', line);
    });
  }

  if (opts.provenance && used.size > 0) {
    out.push('', '---', '', '**Provenance des modifications**', '');
    for (const { id, amendment } of index.list) {
      if (!used.has(id)) continue;
      const by = amendment && amendment.authors.length > 0 ? ` — ${escapeInline(authorList(amendment.authors))}` : '';
      out.push(`[^${footnote.get(id) ?? id}]: ${escapeInline(amendmentName(id, amendment))}${by}`);
    }
  }
  return out.join('\n') + '\n';
}

/**
 * `*words*[^1]` with the surrounding spaces left outside, since `* words*` is not emphasis; the
 * footnote marks go right after the words they annotate.
 */
function emphasise(text: string, marks: string): string {
  const m = /^(\s*)(.*?)(\s*)$/s.exec(text);
  const [, lead = '', core = '', trail = ''] = m ?? [];
  return core === '' ? text : `${lead}*${core}*${marks}${trail}`;
}

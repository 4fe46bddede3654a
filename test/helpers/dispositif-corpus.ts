/**
 * The corpus of real amendments (../shared/fixtures/amendments/corpus/, its README says how to
 * score): read rate per chamber, exact rate on the comparable adopted ones, and every result
 * applied without complaint but different from the adopted text (a silent wrong result).
 * Shared by test/unit/legistique-real-corpus.test.ts and bench/legistique.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { applyDispositif, parseDispositif, type ParseOptions } from '../../shared/legistique';

export const CORPUS_FILE = path.join(__dirname, '../../../shared/fixtures/amendments/corpus/amendments.jsonl');

export interface CorpusItem {
  id: string;
  chamber: 'AN' | 'Sénat';
  sort: string;
  context: 'article' | 'article_additionnel';
  after_article: string | null;
  dispositif: string;
  article_text: string[] | null;
  expected: string[] | null;
  expected_comparable: boolean | null;
  excluded: string | null;
}

export function loadCorpus(file = CORPUS_FILE): CorpusItem[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as CorpusItem)
    .filter((item) => item.excluded === null);
}

export function optionsOf(item: CorpusItem): ParseOptions {
  if (item.context !== 'article_additionnel') return {};
  return item.after_article === null ? { context: 'article_additionnel' } : { context: 'article_additionnel', article: item.after_article };
}

/** The README's normalisation: NFKC, no whitespace, one quote, one apostrophe, one dash, œ as oe. */
export function normaliseAlinea(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .replace(/[«»“”"]/g, '"')
    .replace(/[’']/g, "'")
    .replace(/[‐‑–—−]/g, '-')
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE');
}

export function sameArticle(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => normaliseAlinea(x) === normaliseAlinea(b[i] ?? ''));
}

/**
 * Items flagged comparable whose adopted text holds edits the amendment does not make (checked by
 * hand): a different result there is not the engine's error, but it is not counted as exact.
 */
export const KNOWN_NOT_COMPARABLE: Readonly<Record<string, string>> = {
  '13-plfss_2012__05_1erelecture_senat_hemicycle__16/amendement_176':
    'the amendment writes « au b) du I » and no final « ; » in alinéa 14; the adopted text has « au b du I … » ; and splits alinéa 21 in two',
};

export interface ChamberRate {
  read: number;
  total: number;
}

export interface WrongResult {
  id: string;
  got: string[];
  expected: string[];
}

export interface CorpusScore {
  read: Record<'AN' | 'Sénat', ChamberRate>;
  exact: Record<'AN' | 'Sénat', ChamberRate>;
  wrong: WrongResult[];
  /** Different from an adopted text known not to be comparable after all (KNOWN_NOT_COMPARABLE). */
  knownDifferent: string[];
  /** Comparable adopted items the engine refused: id and reason. */
  refused: { id: string; reason: string; message: string }[];
  unread: { id: string; message: string }[];
}

export function scoreCorpus(items: readonly CorpusItem[]): CorpusScore {
  const score: CorpusScore = {
    read: { AN: { read: 0, total: 0 }, Sénat: { read: 0, total: 0 } },
    exact: { AN: { read: 0, total: 0 }, Sénat: { read: 0, total: 0 } },
    wrong: [],
    knownDifferent: [],
    refused: [],
    unread: [],
  };
  for (const item of items) {
    const options = optionsOf(item);
    const parsed = parseDispositif(item.dispositif, options);
    score.read[item.chamber].total++;
    if (parsed.ok) score.read[item.chamber].read++;
    else score.unread.push({ id: item.id, message: parsed.errors.map((e) => `l.${e.line} « ${e.sentence} » : ${e.message}`).join(' | ') });
    if (item.expected === null || item.expected_comparable !== true || item.article_text === null) continue;
    score.exact[item.chamber].total++;
    const applied = applyDispositif(item.article_text, item.dispositif, options);
    if (!applied.ok) {
      score.refused.push({ id: item.id, reason: applied.error.reason, message: applied.error.message });
      continue;
    }
    const got = applied.newArticle ?? applied.alineas;
    if (sameArticle(got, item.expected)) score.exact[item.chamber].read++;
    else if (KNOWN_NOT_COMPARABLE[item.id] !== undefined) score.knownDifferent.push(item.id);
    else score.wrong.push({ id: item.id, got, expected: item.expected });
  }
  return score;
}

const pct = (r: ChamberRate) => (r.total === 0 ? '—' : `${((100 * r.read) / r.total).toFixed(1)} %`);

export function total(rates: Record<'AN' | 'Sénat', ChamberRate>): ChamberRate {
  return { read: rates.AN.read + rates.Sénat.read, total: rates.AN.total + rates.Sénat.total };
}

export function describeScore(score: CorpusScore): string {
  const line = (name: string, r: Record<'AN' | 'Sénat', ChamberRate>) =>
    `${name}: ${pct(total(r))} (${total(r).read}/${total(r).total}) — AN ${pct(r.AN)} (${r.AN.read}/${r.AN.total}), Sénat ${pct(r.Sénat)} (${r.Sénat.read}/${r.Sénat.total})`;
  const out = [line('read', score.read), line('exact', score.exact), `wrong: ${score.wrong.length}`, `different from an adopted text not comparable after all: ${score.knownDifferent.join(', ') || 'none'}`];
  for (const w of score.wrong) {
    out.push(`WRONG ${w.id}`);
    const n = Math.max(w.got.length, w.expected.length);
    for (let i = 0; i < n; i++) {
      const g = w.got[i] ?? '∅';
      const e = w.expected[i] ?? '∅';
      if (normaliseAlinea(g) !== normaliseAlinea(e)) out.push(`  alinéa ${i + 1}\n    got:      ${g}\n    expected: ${e}`);
    }
  }
  return out.join('\n');
}

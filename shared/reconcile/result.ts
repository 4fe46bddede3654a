/** The reconciled bill as published: visible text only, with provenance runs (docs/reconciliation.md). */
import type { AppliedRecord, LiveAlinea, LiveArticle, ReconcileState } from './state';
import type { Contributor, Provenance, ReconciledArticle, ReconcileResult } from './types';

export function reconciledText(state: ReconcileState): Omit<ReconcileResult, 'fallen'> {
  const applied: string[] = [];
  for (let entry = state.log; entry !== null; entry = entry.prev) applied.push(entry.id);
  applied.reverse();
  const records = new Map<string, AppliedRecord>();
  for (const article of state.articles.values()) for (const [id, record] of article.applied) records.set(id, record);
  const contributors: Record<string, Contributor> = {};
  for (const id of applied) {
    const record = records.get(id);
    if (record !== undefined) contributors[id] = { number: record.number, authors: [...record.authors] };
  }
  const articles: ReconciledArticle[] = [];
  for (const key of state.order) {
    const article = state.articles.get(key);
    if (article === undefined || article.deletedBy !== null) continue;
    articles.push(publish(article));
  }
  return { articles, applied, contributors };
}

function publish(article: LiveArticle): ReconciledArticle {
  // identical amendments decided together are credited together, in the order they were applied
  const credit = new Map<readonly string[], string[]>();
  const credited = (prov: readonly string[]): string[] => {
    let ids = credit.get(prov);
    if (ids === undefined) {
      ids = prov.flatMap((id) => [id, ...(article.applied.get(id)?.twins ?? [])]);
      credit.set(prov, ids);
    }
    return ids;
  };
  const alineas: string[] = [];
  const provenance: Provenance[] = [];
  for (const alinea of article.alineas) {
    if (alinea.deletedBy !== null) continue;
    const runs = runsOf(alinea, credited);
    alineas.push(runs.map((r) => r.text).join(''));
    provenance.push(runs);
  }
  return { id: article.id, number: article.number, alineas, provenance, origin: article.origin };
}

/** Visible cells, neighbours with the same provenance joined into one run. */
function runsOf(alinea: LiveAlinea, credited: (prov: readonly string[]) => string[]): Provenance {
  const runs: Provenance = [];
  let current: readonly string[] | null = null;
  for (const cell of alinea.cells) {
    if (cell.deletedBy !== null) continue;
    const last = runs[runs.length - 1];
    if (last !== undefined && (cell.prov === current || sameIds(cell.prov, current))) {
      last.text += cell.text;
      continue;
    }
    runs.push({ text: cell.text, amendments: [...credited(cell.prov)] });
    current = cell.prov;
  }
  return runs;
}

function sameIds(a: readonly string[], b: readonly string[] | null): boolean {
  return b !== null && a.length === b.length && a.every((id, i) => id === b[i]);
}

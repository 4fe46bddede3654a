/**
 * The synthetic bill of bench:reconcile, shared with any bench that needs a realistic reconciled
 * bill (the exports: Markdown, HTML, Akoma Ntoso): `syntheticBill()` for the bill and its
 * amendments, `reconciledSyntheticBill()` for the reconciled result. Deterministic for a seed.
 *
 * Default: 50 articles of 20 alinéas (words of the real bill in the fixtures), 5,000 amendments —
 * word substitutions, insertions and deletions, alinéa rewrites, insertions and deletions, article
 * deletions, articles additionnels, identical copies, some written against an older version of
 * their article — 500 of them adopted (identical copies with their original; 3 article deletions).
 */
import fs from 'node:fs';
import path from 'node:path';
import { examinationOrder, reconcile, type AdoptedAmendment, type BillArticle, type ExaminationGroup, type ExaminedAmendment, type ReconcileResult } from '../shared/reconcile';
import { prng } from './lib/prng';

export type SyntheticAmendment = ExaminedAmendment & AdoptedAmendment & { number: number };

export interface SyntheticOptions {
  seed: number;
  articles: number;
  alineasPerArticle: number;
  amendments: number;
  adopted: number;
  /** Adopted article deletions (each makes the other amendments on its article fall). */
  adoptedDeletions: number;
}

export interface SyntheticBill {
  articles: BillArticle[];
  amendments: SyntheticAmendment[];
  adopted: ReadonlySet<string>;
}

export const DEFAULT_OPTIONS: SyntheticOptions = { seed: 2013, articles: 50, alineasPerArticle: 20, amendments: 5000, adopted: 500, adoptedDeletions: 3 };

const FIXTURE = path.join(__dirname, '../../shared/fixtures/bills/pjl-enseignement-superieur-extrait.txt');
const FALLBACK_WORDS = "l'enseignement supérieur est un service public qui concourt à la réussite de tous les étudiants dans les établissements".split(' ');

function vocabulary(): string[] {
  const text = fs.existsSync(FIXTURE) ? fs.readFileSync(FIXTURE, 'utf8') : '';
  const words = text.split(/\s+/).map((w) => w.replace(/[«»"();:.,]/g, '')).filter((w) => /^[\p{L}'’-]{2,}$/u.test(w));
  return words.length > 100 ? words : FALLBACK_WORDS;
}

class Writer {
  constructor(
    readonly random: () => number,
    private readonly words: readonly string[],
  ) {}

  int(n: number): number {
    return Math.floor(this.random() * n);
  }

  pick<T>(list: readonly T[]): T {
    const item = list[this.int(list.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  phrase(n: number): string {
    return Array.from({ length: n }, () => this.pick(this.words)).join(' ');
  }

  /** A sentence shaped like an alinéa: capitalised, commas, closing punctuation. */
  sentence(): string {
    const parts = Array.from({ length: 1 + this.int(3) }, () => this.phrase(6 + this.int(12)));
    const text = parts.join(', ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}${this.pick(['.', '.', '.', ' ;', ' :'])}`;
  }

  /** One word edit inside an alinéa: substitute, insert after, or delete words. */
  editWords(alinea: string): string {
    const words = alinea.split(' ');
    const at = this.int(words.length);
    const kind = this.int(3);
    if (kind === 0) words[at] = this.pick(this.words);
    else if (kind === 1) words.splice(at + 1, 0, this.phrase(1 + this.int(3)));
    else if (words.length > 3) words.splice(Math.min(at, words.length - 2), 1 + this.int(2));
    return words.join(' ');
  }
}

export function syntheticBill(options: Partial<SyntheticOptions> = {}): SyntheticBill {
  const o = { ...DEFAULT_OPTIONS, ...options };
  const w = new Writer(prng(o.seed), vocabulary());
  let last = 0;
  const articles: BillArticle[] = Array.from({ length: o.articles }, (_v, i) => {
    // a few « bis » articles already in the bill, so that numbering has numbers to skip
    const number = i % 10 === 5 ? `${last} bis` : String(++last);
    return { id: `art-${i + 1}`, number: number.replace(/^1\b/, '1er'), alineas: Array.from({ length: o.alineasPerArticle }, () => w.sentence()) };
  });
  const amendments: SyntheticAmendment[] = [];
  for (let n = 1; n <= o.amendments; n++) {
    const article = w.pick(articles);
    const common = { id: `am-${n}`, number: n, articleId: article.id, origin: w.random() < 0.1 ? ('commission' as const) : ('citizen' as const), authors: [{ id: `user-${w.int(2000)}`, displayName: `Citoyen ${w.int(2000)}` }] };
    const roll = w.random();
    const earlier = amendments.length > 0 ? w.pick(amendments) : undefined;
    if (roll < 0.08 && earlier !== undefined) {
      amendments.push({ ...earlier, ...common, articleId: earlier.articleId }); // identical to an earlier one
    } else if (roll < 0.11) {
      amendments.push({ ...common, kind: 'delete', base: article.alineas, alineas: [] });
    } else if (roll < 0.16) {
      amendments.push({ ...common, kind: 'insert_after', base: article.alineas, alineas: Array.from({ length: 1 + w.int(4) }, () => w.sentence()) });
    } else {
      // a few were written against an older version of the article (one word different)
      const base = [...article.alineas];
      if (roll > 0.98) {
        const i = w.int(base.length);
        base[i] = w.editWords(base[i] ?? '');
      }
      amendments.push({ ...common, kind: 'modify', base, alineas: modify(w, base) });
    }
  }
  return { articles, amendments, adopted: chooseAdopted(w, amendments, o) };
}

function modify(w: Writer, base: readonly string[]): string[] {
  const next = [...base];
  const roll = w.random();
  const i = w.int(next.length);
  if (roll < 0.12) next[i] = w.sentence(); // rewrite an alinéa
  else if (roll < 0.2) next.splice(i + 1, 0, w.sentence()); // insert an alinéa
  else if (roll < 0.26) next.splice(i, 1); // delete an alinéa
  else {
    for (let k = 1 + w.int(3); k > 0; k--) {
      const j = w.int(next.length);
      next[j] = w.editWords(next[j] ?? '');
    }
  }
  return next;
}

function chooseAdopted(w: Writer, amendments: readonly SyntheticAmendment[], o: SyntheticOptions): Set<string> {
  const adopted = new Set<string>();
  // identical amendments are decided by one vote: adopting one adopts them all
  const keyOf = (a: SyntheticAmendment) => `${a.articleId}|${a.kind}|${a.alineas.join('\n')}`;
  const identical = new Map<string, SyntheticAmendment[]>();
  for (const a of amendments) identical.set(keyOf(a), [...(identical.get(keyOf(a)) ?? []), a]);
  let deletions = 0;
  while (adopted.size < Math.min(o.adopted, amendments.length)) {
    const a = w.pick(amendments);
    if (adopted.has(a.id)) continue;
    if (a.kind === 'delete' && deletions++ >= o.adoptedDeletions) continue;
    for (const b of identical.get(keyOf(a)) ?? [a]) adopted.add(b.id);
  }
  return adopted;
}

/** The adopted amendments in examination order, as reconciliation takes them. */
export function adoptedInOrder(bill: SyntheticBill, groups: readonly ExaminationGroup[]): SyntheticAmendment[] {
  const byId = new Map(bill.amendments.map((a) => [a.id, a]));
  return groups.flatMap((g) => g.amendmentIds.filter((id) => bill.adopted.has(id)).map((id) => byId.get(id) as SyntheticAmendment));
}

/** The reconciled synthetic bill, for benches of what is built from it (exports). */
export function reconciledSyntheticBill(options: Partial<SyntheticOptions> = {}): { bill: SyntheticBill; result: ReconcileResult } {
  const bill = syntheticBill(options);
  return { bill, result: reconcile(bill.articles, adoptedInOrder(bill, examinationOrder(bill.articles, bill.amendments))) };
}

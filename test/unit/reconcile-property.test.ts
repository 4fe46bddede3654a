import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { parseLegisticText } from '../../shared/legistic-text';
import { parseArticleNumber, reconcile, type AdoptedAmendment, type BillArticle } from '../../shared/reconcile';
import { isSpace, isWord, tokenize } from '../../shared/reconcile/tokens';

// Amendments built on the real bill so that they change different places (at least two untouched
// words, or a whole alinéa, apart): whatever order they are adopted in, the reconciled text and its
// provenance are the same, and equal to all their edits made at once.
const FIXTURE = fs.readFileSync(path.join(__dirname, '../../../shared/fixtures/bills/pjl-enseignement-superieur-extrait.txt'), 'utf8');
const parsed = parseLegisticText(FIXTURE);
if (!parsed.ok) throw new Error('the fixture bill does not parse');
const ARTICLES: BillArticle[] = parsed.bill.articles.map((a, k) => ({ id: `art-${k}`, number: a.number, alineas: a.alineas }));
const AUTHORS = [{ id: 'u', displayName: 'Auteur' }];

interface Spec {
  kind: 'sub' | 'ins' | 'del' | 'rewrite' | 'drop' | 'add' | 'deleteArticle' | 'after';
  article: number;
  alinea: number;
  word: number;
  /** Written against an older version of the article (one other word different). */
  older: boolean;
  /** Part of the previous amendment when it is on the same article. */
  join: boolean;
}
type Edit = { kind: Spec['kind']; i: number; t: number; marker: string };
interface Draft {
  id: string;
  article: number;
  base: string[];
  edits: Edit[];
  older: boolean;
}

/** The proposal: word edits from the end of each alinéa, then alinéa edits from the end of the article. */
function proposal(base: readonly string[], edits: readonly Edit[]): string[] {
  const tokens = base.map(tokenize);
  for (const e of [...edits].sort((a, b) => b.t - a.t)) {
    const list = tokens[e.i];
    if (list === undefined) continue;
    if (e.kind === 'sub') list[e.t] = e.marker;
    if (e.kind === 'ins') list.splice(e.t + 1, 0, ' ', e.marker);
    if (e.kind === 'del') list.splice(isSpace(list[e.t - 1] ?? '') ? e.t - 1 : e.t, isSpace(list[e.t - 1] ?? '') || isSpace(list[e.t + 1] ?? '') ? 2 : 1);
  }
  const out = tokens.map((t) => t.join(''));
  for (const e of [...edits].sort((a, b) => b.i - a.i)) {
    if (e.kind === 'rewrite') out[e.i] = `Texte entièrement réécrit ${e.marker}.`;
    if (e.kind === 'drop') out.splice(e.i, 1);
    if (e.kind === 'add') out.splice(e.i + 1, 0, `Alinéa ajouté ${e.marker}.`);
  }
  return out;
}

/** Amendments that pairwise change different places (at least two untouched words or a whole alinéa apart). */
function realise(specs: readonly Spec[]): { amendments: AdoptedAmendment[]; markers: Map<string, string>; expected: Map<string, string[] | null> } {
  const owners = new Map<string, 'alinea' | 'version' | number[]>();
  const touched = new Set<number>();
  const deleted = new Set<number>();
  const families = new Set<string>();
  const drafts: Draft[] = [];
  const amendments: AdoptedAmendment[] = [];
  const markers = new Map<string, string>();
  const edits = new Map<number, Edit[]>();
  specs.forEach((spec, n) => {
    const a = spec.article % ARTICLES.length;
    const article = ARTICLES[a]!;
    const id = `P${n}`;
    if (spec.kind === 'after') {
      // insertions after one family (2, 2 bis…) would be numbered by the order of decision
      const family = parseArticleNumber(article.number).base;
      if (families.has(family)) return;
      families.add(family);
      markers.set(`Zn${n}`, id);
      amendments.push({ id, articleId: article.id, kind: 'insert_after', base: article.alineas, alineas: [`Article nouveau Zn${n}.`], authors: AUTHORS });
      return;
    }
    if (deleted.has(a) || (spec.kind === 'deleteArticle' && touched.has(a))) return;
    touched.add(a);
    if (spec.kind === 'deleteArticle') {
      deleted.add(a);
      amendments.push({ id, articleId: article.id, kind: 'delete', base: article.alineas, alineas: [], authors: AUTHORS });
      return;
    }
    const i = spec.alinea % article.alineas.length;
    const edit = claim(owners, `${a}:${i}`, spec, article.alineas[i] ?? '', n, i);
    if (edit === null) return;
    edits.set(a, [...(edits.get(a) ?? []), edit]);
    const last = drafts[drafts.length - 1];
    if (spec.join && !spec.older && last !== undefined && last.article === a && !last.older) {
      last.edits.push(edit);
      if (edit.marker !== '') markers.set(edit.marker, last.id);
      return;
    }
    const base = [...article.alineas];
    const j = (i + 1) % base.length;
    if (spec.older && j !== i && !owners.has(`${a}:${j}`)) {
      const version = claim(owners, `${a}:${j}`, { ...spec, kind: 'sub' }, base[j] ?? '', n, j);
      if (version !== null) base[j] = proposal(base, [{ ...version, marker: `Zv${n}` }])[j] ?? '';
      owners.set(`${a}:${j}`, 'version');
    }
    drafts.push({ id, article: a, base, edits: [edit], older: spec.older });
    if (edit.marker !== '') markers.set(edit.marker, id);
  });
  for (const d of drafts) {
    const article = ARTICLES[d.article]!;
    amendments.push({ id: d.id, articleId: article.id, kind: 'modify', base: d.base, alineas: proposal(d.base, d.edits), authors: AUTHORS });
  }
  // the oracle: all the edits at once, each article's on its text (deleted articles: null)
  const expected = new Map(ARTICLES.map((article, a) => [article.id, deleted.has(a) ? null : proposal(article.alineas, edits.get(a) ?? [])]));
  return { amendments, markers, expected };
}

/** Reserves a place for one edit, or null when it is taken (or too close to a taken one). */
function claim(owners: Map<string, 'alinea' | 'version' | number[]>, key: string, spec: Spec, text: string, n: number, i: number): Edit | null {
  const owner = owners.get(key);
  const marker = spec.kind === 'drop' || spec.kind === 'del' ? '' : `Z${spec.kind.charAt(0)}${n}`;
  if (spec.kind === 'rewrite' || spec.kind === 'drop' || spec.kind === 'add') {
    if (owner !== undefined) return null;
    owners.set(key, 'alinea');
    return { kind: spec.kind, i, t: -1, marker };
  }
  if (owner === 'alinea' || owner === 'version') return null;
  const tokens = tokenize(text);
  const words = tokens.flatMap((t, k) => (isWord(t) ? [k] : []));
  if (words.length < 4) return null;
  const w = spec.word % words.length;
  const taken = owner ?? [];
  if (taken.some((x) => Math.abs(x - w) < 3)) return null;
  const t = words[w]!;
  // a deleted or replaced word occurring twice could be matched at its other occurrence
  if (spec.kind !== 'ins' && words.filter((k) => tokens[k] === tokens[t]).length > 1) return null;
  owners.set(key, [...taken, w]);
  return { kind: spec.kind, i, t, marker };
}

// few articles and alinéas, so that amendments meet on the same ones
const specArb: fc.Arbitrary<Spec> = fc.record({
  kind: fc.constantFrom<Spec['kind']>('sub', 'sub', 'ins', 'ins', 'del', 'del', 'rewrite', 'drop', 'add', 'add', 'deleteArticle', 'after'),
  article: fc.nat({ max: 4 }),
  alinea: fc.nat({ max: 4 }),
  word: fc.nat(),
  older: fc.integer({ min: 0, max: 99 }).map((x) => x < 15),
  join: fc.boolean(),
});

describe('reconcile: order does not matter for amendments that change different places', () => {
  test('all applied, the text is all their edits at once, provenance the same in any order, each new word credited', () => {
    fc.assert(
      fc.property(fc.array(specArb, { minLength: 1, maxLength: 24 }), fc.array(fc.integer(), { minLength: 24, maxLength: 24 }), (specs, keys) => {
        const { amendments, markers, expected } = realise(specs);
        const shuffled = amendments.map((a, k) => ({ a, key: keys[k % keys.length] ?? 0, k })).sort((x, y) => x.key - y.key || y.k - x.k).map((x) => x.a);
        const first = reconcile(ARTICLES, amendments);
        const second = reconcile(ARTICLES, shuffled);
        expect(first.fallen).toEqual([]);
        expect(second.fallen).toEqual([]);
        expect(second.articles).toEqual(first.articles);
        for (const [id, alineas] of expected) expect(first.articles.find((a) => a.id === id)?.alineas ?? null).toEqual(alineas);
        expect([...second.applied].sort()).toEqual([...first.applied].sort());
        const runs = first.articles.flatMap((a) => a.provenance.flat());
        for (const [marker, id] of markers) {
          const run = runs.find((r) => new RegExp(`\\b${marker}\\b`).test(r.text));
          expect(run?.amendments).toEqual([id]);
        }
        for (const a of first.articles) a.alineas.forEach((text, i) => expect((a.provenance[i] ?? []).map((r) => r.text).join('')).toBe(text));
      }),
      { numRuns: 150 },
    );
  });
});

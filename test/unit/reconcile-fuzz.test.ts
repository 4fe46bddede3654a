import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { parseLegisticText } from '../../shared/legistic-text';
import { reconcile, type AdoptedAmendment, type BillArticle } from '../../shared/reconcile';

// Amendments of any shape on the real bill, with the characters that trip tokenizers (no-break
// spaces, guillemets, apostrophes, soft hyphens, tabs): whatever collides, reconciliation holds up.
const FIXTURE = fs.readFileSync(path.join(__dirname, '../../../shared/fixtures/bills/pjl-enseignement-superieur-extrait.txt'), 'utf8');
const parsed = parseLegisticText(FIXTURE);
if (!parsed.ok) throw new Error('the fixture bill does not parse');
const ARTICLES: BillArticle[] = parsed.bill.articles.map((a, k) => ({ id: `art-${k}`, number: a.number, alineas: a.alineas }));
const AUTHORS = [{ id: 'u', displayName: 'Auteur' }];

/** In alinéa `i`, the characters [from, from + length) replaced by `by` (or the alinéa removed, or one added after it). */
type CharEdit = { i: number; from: number; length: number; by: string; op: 'chars' | 'drop' | 'add' };

describe('reconcile: any amendments, colliding or not', () => {
  const piece = fc.constantFrom('de', 'la', 'loi', 'é', ' ', '  ', '\u00a0', '\u202f', '«', '»', '’', "'", ',', '.', ';', '1er', '—', '-', '\t', '\u00ad');
  const text = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''));
  const edit: fc.Arbitrary<CharEdit> = fc.record({
    i: fc.nat(),
    from: fc.nat(),
    length: fc.nat({ max: 30 }),
    by: text,
    op: fc.constantFrom<CharEdit['op']>('chars', 'chars', 'drop', 'add'),
  });
  const amendment = fc.record({
    article: fc.nat({ max: 3 }),
    kind: fc.constantFrom<AdoptedAmendment['kind']>('modify', 'modify', 'modify', 'delete', 'insert_after'),
    /** The older version of the article it was written against, when `useOlder`. */
    older: edit,
    edits: fc.array(edit, { minLength: 1, maxLength: 3 }),
    useOlder: fc.boolean(),
  });
  const apply = (alineas: readonly string[], e: CharEdit) => {
    const out = [...alineas];
    const i = out.length === 0 ? 0 : e.i % out.length;
    if (e.op === 'drop') out.splice(i, 1);
    else if (e.op === 'add' || out.length === 0) out.splice(i + 1, 0, e.by);
    else {
      const a = out[i] ?? '';
      const from = e.from % (a.length + 1);
      out[i] = a.slice(0, from) + e.by + a.slice(from + e.length);
    }
    return out;
  };

  test('never throws; provenance spells every alinéa exactly; each amendment applied or fell; alone, one gives its proposal', () => {
    fc.assert(
      fc.property(fc.array(amendment, { minLength: 1, maxLength: 10 }), (specs) => {
        const amendments: AdoptedAmendment[] = specs.map((s, n) => {
          const article = ARTICLES[s.article]!;
          const base = s.useOlder ? apply(article.alineas, s.older) : article.alineas;
          const alineas = s.kind === 'delete' ? [] : s.edits.reduce(apply, s.kind === 'insert_after' ? [] : base);
          return { id: `R${n}`, number: n, articleId: article.id, kind: s.kind, base, alineas, authors: AUTHORS };
        });
        const result = reconcile(ARTICLES, amendments);
        for (const a of result.articles) a.alineas.forEach((t, i) => expect((a.provenance[i] ?? []).map((r) => r.text).join('')).toBe(t));
        expect(result.applied.length + result.fallen.length).toBe(amendments.length);
        // alone and written against the text, an amendment gives exactly its proposal
        const first = amendments[0]!;
        const article = ARTICLES.find((a) => a.id === first.articleId)!;
        if (first.kind === 'modify' && first.base === article.alineas) {
          expect(reconcile(ARTICLES, [first]).articles.find((a) => a.id === article.id)?.alineas).toEqual(first.alineas);
        }
      }),
      { numRuns: 200 },
    );
  });
});

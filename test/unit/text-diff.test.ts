import fc from 'fast-check';
import { applyTextDiff, diffTexts, newText, oldText, type AlineaOp, type TextDiff } from '../../shared/text-diff';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

const WORDS = [
  'le', 'la', 'les', 'de', 'du', 'à', 'est', 'sont', 'ministre', 'chargé', 'numérique', 'décret',
  "Conseil d'État", 'collectivités', 'territoriales', 'données', 'publiques', 'être', 'réutilisées',
  'librement', 'gratuitement', 'article', 'alinéa', 'présente', 'loi', 'code', 'relations', 'entre',
  'public', 'administration', 'œuvre', 'élève', 'ç', 'L. 300-2', '1er', '2°', 'bis', '«', '»', ',',
  ';', ':', '.', '!', '?', '(', ')', '–', '—', '…', "l'", "qu'", 'n°',
];
const SEPARATORS = [' ', ' ', ' ', NBSP, NNBSP, '  ', ''];
const SENTENCES = [
  'Le code des relations entre le public et l’administration est ainsi modifié :',
  '1° À l’article L. 300-2, après le mot : « administrations », sont insérés les mots : « , y compris les données » ;',
  'Les administrations mentionnées au premier alinéa de l’article L. 300-2 sont tenues de publier en ligne les règles définissant les principaux traitements algorithmiques.',
  'Un décret en Conseil d’État fixe les modalités d’application du présent article.',
  'Le présent article entre en vigueur le 1er janvier 2027.',
  '« Art. L. 312-1-1. – Sous réserve des articles L. 311-5 et L. 311-6, les administrations publient en ligne : »',
  'II. – Le second alinéa est supprimé.',
  '',
];

const wordy = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { maxLength: 14 })
  .map((pairs) => pairs.map(([w, s]) => w + s).join(''));
const alinea = fc.oneof(
  { weight: 4, arbitrary: wordy },
  { weight: 3, arbitrary: fc.constantFrom(...SENTENCES) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
);
const text = fc.array(alinea, { maxLength: 8 });

/** A light word edit: replace, insert or delete words at a few positions. */
const wordEdit = fc.array(fc.tuple(fc.constantFrom('replace', 'insert', 'delete'), fc.nat(), fc.constantFrom(...WORDS)), {
  minLength: 1,
  maxLength: 3,
});

function editWords(alineaText: string, edits: ReadonlyArray<readonly [string, number, string]>): string {
  const tokens = alineaText.split(/(\s+)/u);
  for (const [kind, at, word] of edits) {
    const i = tokens.length === 0 ? 0 : at % tokens.length;
    if (kind === 'replace') tokens.splice(i, 1, word);
    else if (kind === 'insert') tokens.splice(i, 0, word, ' ');
    else tokens.splice(i, 1);
  }
  return tokens.join('');
}

/** A new text derived from the old one, the way amendments are: most alinéas kept or retouched. */
function derived(before: string[]): fc.Arbitrary<string[]> {
  const fate = fc.constantFrom('keep', 'edit', 'edit', 'drop');
  return fc
    .tuple(
      fc.array(fc.tuple(fate, wordEdit), { minLength: before.length, maxLength: before.length }),
      fc.array(fc.tuple(fc.nat(), alinea), { maxLength: 3 }),
    )
    .map(([fates, insertions]) => {
      const out: string[] = [];
      before.forEach((a, i) => {
        const [f, edits] = fates[i] ?? ['keep', []];
        if (f === 'keep') out.push(a);
        else if (f === 'edit') out.push(editWords(a, edits));
      });
      for (const [at, a] of insertions) out.splice(at % (out.length + 1), 0, a);
      return out;
    });
}

const textPair = fc.oneof(
  { weight: 1, arbitrary: fc.tuple(text, text) },
  { weight: 3, arbitrary: text.chain((before) => fc.tuple(fc.constant(before), derived(before))) },
);

/** Checks every invariant the format promises (docs/diff-format.md) for one diff. */
function expectWellFormed(before: string[], after: string[], diff: TextDiff): void {
  expect(applyTextDiff(before, diff)).toEqual(after);
  for (const op of diff.ops) {
    if (op.op === 'equal') {
      expect(before[op.before - 1]).toBe(op.text);
      expect(after[op.after - 1]).toBe(op.text);
    }
    if (op.op !== 'modify') continue;
    expect(oldText(op.parts)).toBe(before[op.before - 1]);
    expect(newText(op.parts)).toBe(after[op.after - 1]);
    op.parts.forEach((part, i) => {
      expect(part.text).not.toBe('');
      expect(part.op).not.toBe(op.parts[i - 1]?.op);
    });
  }
  const count = (kind: AlineaOp['op']) => diff.ops.filter((op) => op.op === kind).length;
  expect(diff.stats).toEqual({
    inserted: count('insert'),
    deleted: count('delete'),
    modified: count('modify'),
    unchanged: count('equal'),
  });
}

const kinds = (diff: TextDiff) => diff.ops.map((op) => op.op);

describe('diffTexts — properties', () => {
  it('rebuilds the new text and keeps word parts faithful, for any pair of texts', () => {
    fc.assert(
      fc.property(textPair, ([before, after]) => {
        expectWellFormed(before, after, diffTexts(before, after));
      }),
      { numRuns: 1000 },
    );
  });

  it('stays exact when bounds force the alinéa-level fallback', () => {
    fc.assert(
      fc.property(textPair, fc.integer({ min: 0, max: 3 }), ([before, after], maxEditLength) => {
        const diff = diffTexts(before, after, { maxEditLength });
        expectWellFormed(before, after, diff);
        const same = before.length === after.length && before.every((a, i) => a === after[i]);
        // with no edit allowed at all, any difference must be reported as a fallback
        if (maxEditLength === 0) expect(diff.fallback === 'alinea-level').toBe(!same);
        if (maxEditLength === 0) expect(kinds(diff)).not.toContain('modify');
      }),
      { numRuns: 1000 },
    );
  });

  it('reports an unchanged text as all equal, without fallback', () => {
    fc.assert(
      fc.property(text, (before) => {
        const diff = diffTexts(before, [...before]);
        expect(kinds(diff).every((k) => k === 'equal')).toBe(true);
        expect(diff.fallback).toBeUndefined();
      }),
      { numRuns: 1000 },
    );
  });
});

const A = 'Le code des relations entre le public et l’administration est ainsi modifié :';
const B = 'Les administrations publient en ligne les règles définissant les principaux traitements algorithmiques.';
const C = 'Un décret en Conseil d’État fixe les modalités d’application du présent article.';
const D = 'Le présent article entre en vigueur le 1er janvier 2027.';
const NEW = '« Art. L. 312-1-1. – Les données de référence sont mises à disposition gratuitement. »';

describe('diffTexts — examples', () => {
  it('an alinéa inserted in the middle is one insert, the others stay equal', () => {
    const diff = diffTexts([A, B, C], [A, NEW, B, C]);
    expect(diff.ops).toEqual([
      { op: 'equal', before: 1, after: 1, text: A },
      { op: 'insert', after: 2, text: NEW },
      { op: 'equal', before: 2, after: 3, text: B },
      { op: 'equal', before: 3, after: 4, text: C },
    ]);
    expect(diff.stats).toEqual({ inserted: 1, deleted: 0, modified: 0, unchanged: 3 });
  });

  it('a deleted alinéa is not reported as modifications of the following ones', () => {
    expect(kinds(diffTexts([A, B, C, D], [A, C, D]))).toEqual(['equal', 'delete', 'equal', 'equal']);
  });

  it('a moved alinéa is one delete and one insert, the ones in between stay equal', () => {
    const diff = diffTexts([A, B, C, D], [B, C, A, D]);
    expect(kinds(diff)).toEqual(['delete', 'equal', 'equal', 'insert', 'equal']);
  });

  it('changing one word in a long alinéa gives one modify with one delete and one insert', () => {
    const long = `${B} ${C} ${D} ${B}`;
    const changed = long.replace('principaux', 'seuls');
    const diff = diffTexts([A, long, C], [A, changed, C]);
    expect(kinds(diff)).toEqual(['equal', 'modify', 'equal']);
    const modify = diff.ops[1];
    if (modify?.op !== 'modify') throw new Error('expected a modify');
    expect(modify.parts.filter((p) => p.op === 'delete')).toEqual([{ op: 'delete', text: 'principaux' }]);
    expect(modify.parts.filter((p) => p.op === 'insert')).toEqual([{ op: 'insert', text: 'seuls' }]);
  });

  it('pairs a retouched alinéa with its new version and leaves an unrelated new one as an insert', () => {
    const retouched = C.replace('Un décret', 'Un arrêté');
    const diff = diffTexts([A, C, D], [A, NEW, retouched, D]);
    expect(kinds(diff)).toEqual(['equal', 'insert', 'modify', 'equal']);
    expect(diff.ops[2]).toMatchObject({ op: 'modify', before: 2, after: 3 });
  });

  it('an alinéa replaced by an unrelated one is a delete and an insert, not a modify', () => {
    expect(kinds(diffTexts([A, B, D], [A, NEW, D]))).toEqual(['equal', 'delete', 'insert', 'equal']);
  });

  it('when the word diff exceeds maxEditLength, a modify becomes delete + insert with fallback set', () => {
    const rewritten = C.replace('Un décret en Conseil d’État', 'Une ordonnance du Gouvernement');
    const exact = diffTexts([A, C], [A, rewritten]);
    expect(kinds(exact)).toEqual(['equal', 'modify']);
    expect(exact.fallback).toBeUndefined();
    const bounded = diffTexts([A, C], [A, rewritten], { maxEditLength: 2 });
    expect(kinds(bounded)).toEqual(['equal', 'delete', 'insert']);
    expect(bounded.fallback).toBe('alinea-level');
  });

  it('two 50,000-word alinéas return within a second', () => {
    const words = (prefix: string) => Array.from({ length: 50_000 }, (_, i) => `${prefix}${i % 997}`);
    const shuffled = words('mot').map((w, i, all) => all[(i * 7919) % all.length] ?? w);
    const disjoint = { before: [words('avant').join(' ')], after: [words('après').join(' ')] };
    // same vocabulary in another order: similar enough to pair, far too costly to diff word by word
    const reordered = { before: [words('mot').join(' ')], after: [shuffled.join(' ')] };

    let start = Date.now();
    const nothingInCommon = diffTexts(disjoint.before, disjoint.after);
    expect(Date.now() - start).toBeLessThan(1000);
    expect(kinds(nothingInCommon)).toEqual(['delete', 'insert']);
    expect(applyTextDiff(disjoint.before, nothingInCommon)).toEqual(disjoint.after);

    start = Date.now();
    const tooCostly = diffTexts(reordered.before, reordered.after);
    expect(Date.now() - start).toBeLessThan(1000);
    expect(tooCostly.fallback).toBe('alinea-level');
    expect(applyTextDiff(reordered.before, tooCostly)).toEqual(reordered.after);
  });

  it('a large, fully rewritten article falls back at alinéa level instead of hanging', () => {
    const before = Array.from({ length: 20_000 }, (_, i) => `Alinéa ancien ${i}.`);
    const after = Array.from({ length: 20_000 }, (_, i) => `Alinéa nouveau ${i}.`);
    const diff = diffTexts(before, after);
    expect(diff.fallback).toBe('alinea-level');
    expect(applyTextDiff(before, diff)).toEqual(after);
  });
});

describe('applyTextDiff', () => {
  const diff = diffTexts([A, B, C], [A, NEW, C]);

  it('throws when the old text differs from the one the diff was computed from', () => {
    expect(() => applyTextDiff([A, D, C], diff)).toThrow(/does not fit/);
  });

  it('throws when the old text has more or fewer alinéas', () => {
    expect(() => applyTextDiff([A, B, C, D], diff)).toThrow(/stops before alinéa 4/);
    expect(() => applyTextDiff([A, B], diff)).toThrow(/does not fit/);
  });

  it('throws when ops are out of order', () => {
    expect(() => applyTextDiff([A, B, C], { ...diff, ops: [...diff.ops].reverse() })).toThrow();
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { amendmentNumber, applySubAmendment, generateDispositif, parseDispositif, printedNumber, subAmendmentTarget } from '../../shared/legistique';
import { examinationOrder } from '../../shared/reconcile';
import type { ExaminedAmendment } from '../../shared/reconcile/types';

/** Real sous-amendements of the Sénat (transparency in public life, 2013) and the amendments they amend. */
const CORPUS = path.join(__dirname, '../../../shared/fixtures/amendments/corpus/amendments.jsonl');
const rows = new Map(fs.readFileSync(CORPUS, 'utf8').trim().split('\n').map((l) => {
  const r = JSON.parse(l) as { id: string; dispositif: string };
  return [r.id, r] as const;
}));
const P = '14-transparence_vie_publique_pjl__07_1erelecture_senat_hemicycle__';
const dispositif = (article: string, n: number) => rows.get(`${P}${article}/amendement_${n}`)!.dispositif;
const a78 = dispositif('1er', 78).split('\n');
const a81 = dispositif('2', 81).split('\n');

describe('sous-amendements', () => {
  it('name the amendment they amend, with its rectification', () => {
    expect(subAmendmentTarget(dispositif('1er', 132))).toEqual({ base: '78', rectification: 1 });
    expect(subAmendmentTarget(dispositif('2', 181))).toEqual({ base: '81', rectification: 1 });
    expect(subAmendmentTarget(dispositif('1er', 78))).toBeNull();
    expect(subAmendmentTarget('Sous-amendement n° 12 rectifié bis, alinéa 2\nSupprimer ce texte illisible de toute façon')).toEqual({ base: '12', rectification: 2 });
  });

  it('apply to the amendment’s printed lines, « Alinéas 1 à 44 » being its alinéa 1 (n° 132, 139: words in alinéa 9)', () => {
    const r132 = applySubAmendment(a78, dispositif('1er', 132));
    if (!r132.ok) throw new Error(r132.error.message);
    expect(r132.alineas.length).toBe(a78.length);
    expect(r132.alineas[8]).toBe(a78[8]!.replace('les intérêts détenus', 'les intérêts matériels et personnels détenus'));
    expect(r132.alineas.filter((l, i) => l !== a78[i])).toHaveLength(1);
    const r139 = applySubAmendment(a78, dispositif('1er', 139));
    if (!r139.ok) throw new Error(r139.error.message);
    expect(r139.alineas[8]).not.toContain('dans les cinq années précédant cette date');
  });

  it('rewrite a whole alinéa of the amendment (n° 136, 141, 154) and insert two after its alinéa 3 (n° 181)', () => {
    for (const [article, n, line, parent] of [['1er', 136, 29, a78], ['1er', 141, 39, a78], ['2', 154, 42, a81]] as const) {
      const r = applySubAmendment(parent, dispositif(article, n));
      if (!r.ok) throw new Error(r.error.message);
      // the alinéa now reads as the sous-amendement wrote it (its third line, guillemets aside)
      const written = (dispositif(article, n).split('\n')[2] ?? '').replace(/^«\s*/, '').slice(0, 80);
      expect(r.alineas[line - 1]).not.toBe(parent[line - 1]);
      expect(r.alineas[line - 1]?.replace(/^«\s*/, '').slice(0, 80)).toBe(written);
      expect(r.alineas.filter((l, i) => l !== parent[i])).toHaveLength(1);
    }
    const r181 = applySubAmendment(a81, dispositif('2', 181));
    if (!r181.ok) throw new Error(r181.error.message);
    expect(r181.alineas).toHaveLength(a81.length + 2);
    expect(r181.alineas.slice(0, 3)).toEqual(a81.slice(0, 3));
    expect(r181.alineas[3]).toMatch(/^I BAA - L'article L\.O\. 144 du code électoral/);
    expect(r181.alineas.slice(5)).toEqual(a81.slice(3));
  });

  it('are refused when they are not sous-amendements or do not apply, never guessed', () => {
    expect(applySubAmendment(a78, 'Supprimer cet article.')).toMatchObject({ ok: false, error: { reason: 'unparseable' } });
    expect(applySubAmendment(a78, 'Amendement n° 78 rectifié, alinéa 9\nSupprimer le mot :\ninexistant')).toMatchObject({ ok: false, error: { reason: 'words_absent' } });
    expect(applySubAmendment(a78, 'Amendement n° 78 rectifié, alinéa 90\nSupprimer cet alinéa.')).toMatchObject({ ok: false, error: { reason: 'alinea_missing' } });
  });
});

describe('rectified numbers', () => {
  it.each([
    ['81', '81', 0], ['81 rect.', '81', 1], ['81 rectifié', '81', 1], ['81 rect. bis', '81', 2], ['COM-12 rect. ter', 'COM-12', 3], ['CL 12 rectifié bis', 'CL 12', 2],
  ])('« %s » is %s at level %i', (printed, base, rectification) => {
    expect(amendmentNumber(printed)).toEqual({ base, rectification });
  });
  it('print back', () => {
    expect(printedNumber({ base: '81', rectification: 2 })).toBe('81 rect. bis');
    expect(printedNumber(amendmentNumber('81 rectifié'))).toBe('81 rect.');
  });
});

describe('examination order of sous-amendements', () => {
  const articles = [{ id: 'art1' }];
  const base = ['Le maire est élu pour six ans.', 'Il est rééligible.'];
  const amendment = (id: string, number: number, alineas: string[], parentId: string | null = null): ExaminedAmendment =>
    ({ id, articleId: 'art1', kind: 'modify', base, alineas, number, origin: 'citizen', parentId });
  it('a sous-amendement is examined just before the amendment it amends, several by number', () => {
    const order = examinationOrder(articles, [
      amendment('a1', 1, ['Le maire est élu pour cinq ans.', 'Il est rééligible.']),
      amendment('a2', 2, ['Le maire est élu pour sept ans.', 'Il est rééligible une fois.']),
      amendment('s9', 9, [], 'a1'),
      amendment('s4', 4, [], 'a1'),
      amendment('ss5', 5, [], 's4'),
    ]);
    const ids = order.flatMap((g) => g.amendmentIds);
    const withoutSubs = examinationOrder(articles, [amendment('a1', 1, ['Le maire est élu pour cinq ans.', 'Il est rééligible.']), amendment('a2', 2, ['Le maire est élu pour sept ans.', 'Il est rééligible une fois.'])]).flatMap((g) => g.amendmentIds);
    expect(ids.filter((id) => id.startsWith('a'))).toEqual(withoutSubs);
    expect(ids.slice(ids.indexOf('a1') - 3, ids.indexOf('a1') + 1)).toEqual(['ss5', 's4', 's9', 'a1']);
  });
  it('one whose amendment is not in the list, or parents in a loop, is not lost', () => {
    const ids = examinationOrder(articles, [amendment('s1', 1, [], 'gone'), amendment('x', 2, [], 'y'), amendment('y', 3, [], 'x')]).flatMap((g) => g.amendmentIds);
    expect(ids.sort()).toEqual(['s1', 'x', 'y']);
  });
});

describe('sous-amendements tabled on the platform (docs/sub-amendments.md)', () => {
  it('« Amendement n° COM-3 rect. » names the platform\'s own numbers, and the generated operations apply to the amendment\'s alinéas', () => {
    const parent = ['Les administrations communiquent leurs documents dans un délai de quinze jours.', 'Elles les publient en ligne.'];
    const wanted = ['Les administrations communiquent leurs documents dans un délai de huit jours.', 'Elles les publient en ligne et sur papier.'];
    const dispositif = `Amendement n° COM-3 rect.\n${generateDispositif(parent, wanted)}`;
    expect(parseDispositif(dispositif)).toMatchObject({ ok: true, subAmendmentOf: 'COM-3 rect.' });
    expect(subAmendmentTarget(dispositif)).toEqual({ base: 'COM-3', rectification: 1 });
    expect(applySubAmendment(parent, dispositif)).toEqual({ ok: true, alineas: wanted });
  });
});

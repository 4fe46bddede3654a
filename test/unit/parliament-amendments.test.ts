import fs from 'node:fs';
import path from 'node:path';
import { htmlToText, parseAnXml, parseSenatCsv, readArticle, readOutcome } from '../../shared/parliament/amendments';

const DIR = path.join(__dirname, '../../../shared/fixtures/amendments');

describe('parseAnXml (Assemblée open data)', () => {
  test('one <amendement>: printed number, signatories decoded, article, dispositif as text, outcome', () => {
    const r = parseAnXml(fs.readFileSync(path.join(DIR, 'an-plfss2017-4072/135.xml'), 'utf8'));
    if (!r.ok) throw new Error(r.message);
    expect(r.amendments).toHaveLength(1);
    const [a] = r.amendments;
    expect(a).toMatchObject({ number: '135', articleNumber: '9', additional: false, outcome: 'adopted', group: null });
    expect(a!.authors).toBe('M. Bapt, rapporteur au nom de la commission des affaires sociales (Recettes et équilibre général) et M. Bapt');
    expect(a!.dispositif.split('\n')).toEqual([
      'Compléter cet article par l’alinéa suivant :',
      '« VI. – Le I de l’article L. 133‑1‑1 s’applique aux cotisations d’assurance famille, aux contributions sociales et à la contribution à la formation professionnelle dues par les professions libérales à compter du 1er janvier 2018. »',
    ]);
    expect(a!.expose).toMatch(/^L’intégration des professions libérales/);
  });

  test('an additional article (« APRÈS ART. 8 »), « Non soutenu », several under one root; rectified numbers kept', () => {
    const x = fs.readFileSync(path.join(DIR, 'an-plfss2017-4072/192.xml'), 'utf8').replace(/<\?xml[^>]*\?>/, '');
    const r = parseAnXml(`<amendements>${x}${x.replace('<numeroLong>192</numeroLong>', '<numeroLong>192 (Rect)</numeroLong>')}</amendements>`);
    if (!r.ok) throw new Error(r.message);
    expect(r.amendments.map((a) => [a.number, a.articleNumber, a.additional, a.outcome])).toEqual([
      ['192', '8', true, 'not_examined'],
      ['192 (Rect)', '8', true, 'not_examined'],
    ]);
  });

  test('not XML, or no amendment: an error message, no list', () => {
    expect(parseAnXml('<amendement><numero>1</numero').ok).toBe(false);
    expect(parseAnXml('<liste/>').ok).toBe(false);
  });
});

describe('parseSenatCsv (Sénat « jeu complet »)', () => {
  test('the short export: two amendments with authors, group, article, outcome', () => {
    const csv = new TextDecoder('windows-1252').decode(fs.readFileSync(path.join(DIR, 'senat-jeu-complet-2017-2018-63-short.csv')));
    const r = parseSenatCsv(csv);
    if (!r.ok) throw new Error(r.message);
    expect(r.amendments.map((a) => [a.number, a.authors, a.group, a.articleNumber, a.additional, a.outcome])).toEqual([
      ['31', 'M. VANLERENBERGHE', 'commission des affaires sociales', '3', false, 'adopted'],
      ['443', 'Mme COHEN', 'groupe CRCE', '4', false, 'rejected'],
    ]);
    expect(r.amendments[1]!.dispositif).toMatch(/^Rédiger ainsi cet article :\nÀ la quatrième phrase/);
  });

  test('a header without Numéro/Subdivision/Dispositif is refused', () => {
    expect(parseSenatCsv('a\tb\n1\t2\n').ok).toBe(false);
  });
});

describe('readers', () => {
  test.each([
    ['Article 9', '9', false], ['ART. 3 BIS', '3 bis', false], ['Article additionnel après l’article 8', '8', true],
    ['APRÈS ART. 8', '8', true], ['Article 1er', '1er', false], ['ARTICLE PREMIER', '1er', false], ['Article 1 bis', '1er bis', false], ['Intitulé du projet', null, false],
  ])('readArticle(%s)', (s, n, add) => expect(readArticle(s)).toEqual({ articleNumber: n, additional: add }));
  test('outcomes', () => {
    expect(['Adopté', 'Rejeté', 'Retiré', 'Tombé', 'Non soutenu', 'Non défendu', '', 'Irrecevable'].map(readOutcome))
      .toEqual(['adopted', 'rejected', 'withdrawn', 'fallen', 'not_examined', 'not_examined', null, null]);
  });
  test('htmlToText: paragraphs to lines, entities decoded, spaces squeezed', () => {
    expect(htmlToText('<p>a&#160;&amp; b</p><p> </p><div>c&nbsp;&raquo;</div>')).toBe('a & b\nc »');
  });
});

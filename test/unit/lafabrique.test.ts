import * as fs from 'fs';
import * as path from 'path';
import type { ImportResult, ParsedBill } from '../../shared/bill';
import { parseLaFabriqueJson } from '../../shared/lafabrique';
import { parseLegisticText } from '../../shared/legistic-text';

const FIXTURES = path.join(__dirname, '../../../shared/fixtures/bills');
const LA_FABRIQUE: unknown = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'lafabrique-pjl12-614.json'), 'utf8'));
const TEXT = fs.readFileSync(path.join(FIXTURES, 'pjl-enseignement-superieur-extrait.txt'), 'utf8');

function billOf(result: ImportResult): ParsedBill {
  if (!result.ok) throw new Error(`expected a bill, got issues: ${JSON.stringify(result.issues)}`);
  return result.bill;
}

function issuesOf(result: ImportResult) {
  if (result.ok) throw new Error('expected issues, got a bill');
  return result.issues;
}

/** A minimal valid document, to be spoilt one field at a time. */
function doc(articles: unknown[], sections: unknown[] = []): Record<string, unknown> {
  return { titre: 'Projet de loi test', type: 'texte', sections, articles };
}

function article(titre: string, order: number, alineas: unknown, extra: Record<string, unknown> = {}) {
  return { type: 'article', titre, order, statut: 'none', alineas, ...extra };
}

describe('parseLaFabriqueJson on the pjl12-614 fixture', () => {
  const bill = billOf(parseLaFabriqueJson(LA_FABRIQUE));

  it('takes the bill title from « titre »', () => {
    expect(bill.title).toMatch(/^Texte adopté n°\u00a0180 - Projet de loi, adopté/);
  });

  it('reads the 11 articles with their numbers during the procedure and their alinéa counts', () => {
    expect(bill.articles.map((a) => a.number)).toEqual([
      '1er bis', '2', '2 bis', '3', '3 bis', '4', '5', '5 bis', '6', '7', '7 bis',
    ]);
    expect(bill.articles.map((a) => a.alineas.length)).toEqual([2, 10, 1, 7, 3, 17, 6, 1, 5, 12, 3]);
  });

  it('builds the heading path of section T1C1 from the sections list', () => {
    expect(bill.articles[0]?.headings).toEqual([
      { level: 'titre', label: 'TITRE Ier', title: "Missions du service public de l'enseignement supérieur et de la recherche" },
      { level: 'chapitre', label: 'Chapitre Ier', title: "Les missions du service public de l'enseignement supérieur" },
    ]);
  });

  it('keeps the straight double quotes as given', () => {
    expect(bill.articles[0]?.alineas[1]).toBe(
      '"L\'État est le garant de l\'égalité devant le service public de l\'enseignement supérieur sur l\'ensemble du territoire."',
    );
  });

  it('gives the same article numbers and alinéa counts as the text version of the bill', () => {
    const text = billOf(parseLegisticText(TEXT));
    const shape = (b: ParsedBill) => b.articles.map((a) => [a.number, a.alineas.length, a.headings.map((h) => h.label)]);
    expect(shape(bill)).toEqual(shape(text));
  });
});

describe('parseLaFabriqueJson: reading', () => {
  it('sorts articles by order and skips entries that are not articles', () => {
    const bill = billOf(parseLaFabriqueJson(doc([
      article('2', 2, { '001': 'b' }),
      { type: 'section', id: 'T1', titre: 'Un' },
      { type: 'dots' },
      article('1er A', 0, { '001': 'z' }),
      article('1er', 1, { '001': 'a' }),
    ])));
    expect(bill.articles.map((a) => a.number)).toEqual(['1er A', '1er', '2']);
  });

  it('reads alinéas in numeric key order whatever order the keys were written in', () => {
    const bill = billOf(parseLaFabriqueJson(doc([article('1er', 1, { '010': 'dix', '002': 'deux', '001': 'un', '009': 'neuf' })])));
    expect(bill.articles[0]?.alineas).toEqual(['un', 'deux', 'neuf', 'dix']);
  });

  it('normalises the article number and the whitespace of alinéas', () => {
    const bill = billOf(parseLaFabriqueJson(doc([article('3 TER', 1, { '001': '  a \t b ' })])));
    expect(bill.articles[0]).toEqual({ number: '3 ter', headings: [], alineas: ['a b'] });
  });

  it('walks the prefixes of deep and « bis » section ids, deriving labels from the id', () => {
    const sections = [
      { id: 'T3 bis', titre: 'Stages', type_section: 'titre' },
      { id: 'T4', titre: 'Établissements', type_section: 'titre' },
      { id: 'T4C1', titre: 'Publics', type_section: 'chapitre' },
      { id: 'T4C1S2', titre: 'Autres', type_section: 'section' },
      { id: 'T4C1S2SS1', titre: 'Détail', type_section: 'sous-section' },
    ];
    const bill = billOf(parseLaFabriqueJson(doc([
      article('1er', 1, { '001': 'a' }, { section: 'T3 bis' }),
      article('2', 2, { '001': 'b' }, { section: 'T4C1S2SS1' }),
      article('3', 3, { '001': 'c' }, { section: 'TLC2' }),
      article('4', 4, { '001': 'd' }),
    ], sections)));
    expect(bill.articles.map((a) => a.headings)).toEqual([
      [{ level: 'titre', label: 'TITRE III bis', title: 'Stages' }],
      [
        { level: 'titre', label: 'TITRE IV', title: 'Établissements' },
        { level: 'chapitre', label: 'Chapitre Ier', title: 'Publics' },
        { level: 'section', label: 'Section 2', title: 'Autres' },
        { level: 'sous-section', label: 'Sous-section 1', title: 'Détail' },
      ],
      // Prefixes missing from « sections » still give a heading, with an empty title.
      [
        { level: 'titre', label: 'TITRE PRÉLIMINAIRE', title: '' },
        { level: 'chapitre', label: 'Chapitre II', title: '' },
      ],
      [],
    ]);
  });

  it('reads long multiplicative adverbs and capital letters inside section ids', () => {
    const bill = billOf(parseLaFabriqueJson(doc([
      article('1er', 1, { '001': 'a' }, { section: 'T2 terdeciesC1 AS3' }),
    ], [{ id: 'T2 terdeciesC1 A', titre: 'Chapitre inséré' }])));
    expect(bill.articles[0]?.headings).toEqual([
      { level: 'titre', label: 'TITRE II terdecies', title: '' },
      { level: 'chapitre', label: 'Chapitre Ier A', title: 'Chapitre inséré' },
      { level: 'section', label: 'Section 3', title: '' },
    ]);
  });

  it('turns a deleted article with an empty alinéa into « (Supprimé) »', () => {
    const bill = billOf(parseLaFabriqueJson(doc([article('2', 1, { '001': '' }, { statut: 'supprimé' })])));
    expect(bill.articles[0]?.alineas).toEqual(['(Supprimé)']);
  });
});

describe('parseLaFabriqueJson: errors', () => {
  it('rejects a value that is not an object', () => {
    expect(issuesOf(parseLaFabriqueJson([]))).toEqual([{ message: expect.stringMatching(/objet JSON/) }]);
    expect(issuesOf(parseLaFabriqueJson(null))).toHaveLength(1);
  });

  it('rejects a document without title or article list, with paths', () => {
    const issues = issuesOf(parseLaFabriqueJson({ sections: 'T1' }));
    expect(issues.map((i) => i.path)).toEqual(['titre', 'sections', 'articles']);
  });

  it('rejects a document without any article', () => {
    const issues = issuesOf(parseLaFabriqueJson(doc([{ type: 'section', id: 'T1' }])));
    expect(issues).toEqual([{ path: 'articles', message: expect.stringMatching(/^Aucun article/) }]);
  });

  it('rejects a duplicate article number, naming both entries', () => {
    const issues = issuesOf(parseLaFabriqueJson(doc([article('2', 1, { '001': 'a' }), article('1', 2, { '001': 'b' }), article('2', 3, { '001': 'c' })])));
    expect(issues).toEqual([{ path: 'articles/2/titre', message: 'L’article 2 apparaît deux fois : articles/0 et articles/2.' }]);
  });

  it('rejects section ids whose levels do not nest', () => {
    const issues = issuesOf(parseLaFabriqueJson(doc([
      article('1er', 1, { '001': 'a' }, { section: 'T1T2' }),
      article('2', 2, { '001': 'b' }, { section: 'C1T1' }),
      article('3', 3, { '001': 'c' }, { section: 'T1x' }),
    ])));
    expect(issues.map((i) => i.path)).toEqual(['articles/0/section', 'articles/1/section', 'articles/2/section']);
  });

  it('reports every malformed field of an article with its path', () => {
    const issues = issuesOf(parseLaFabriqueJson(doc([
      article('1er', 1, { '001': 'a' }),
      { type: 'article', titre: 'L. 123-4', section: 'X9', alineas: { '001': 3, abc: 'x', '003': 'a\nb' } },
      article('3', 3, {}),
      article('4', 4, { '001': 'a', '002': '  ' }),
      article('5', 5, []),
      'pas un objet',
    ])));
    expect(issues.map((i) => i.path)).toEqual([
      'articles/1/titre',
      'articles/1/order',
      'articles/1/section',
      'articles/1/alineas/001',
      'articles/1/alineas/abc',
      'articles/1/alineas/003',
      'articles/2/alineas',
      'articles/3/alineas/002',
      'articles/4/alineas',
      'articles/5',
    ]);
    expect(issues.every((i) => i.message.length > 0 && i.line === undefined)).toBe(true);
  });
});

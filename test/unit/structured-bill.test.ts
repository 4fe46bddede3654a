import * as fs from 'fs';
import * as path from 'path';
import { headingLine, type ImportResult, type ParsedBill } from '../../shared/bill';
import { parseLegisticText } from '../../shared/legistic-text';
import { checkStructuredBill, type StructuredBillInput } from '../../shared/structured-bill';

const TEXT = fs.readFileSync(
  path.join(__dirname, '../../../shared/fixtures/bills/pjl-enseignement-superieur-extrait.txt'),
  'utf8',
);

function billOf(result: ImportResult): ParsedBill {
  if (!result.ok) throw new Error(`expected a bill, got issues: ${JSON.stringify(result.issues)}`);
  return result.bill;
}

function issuesOf(result: ImportResult) {
  if (result.ok) throw new Error('expected issues, got a bill');
  return result.issues;
}

describe('checkStructuredBill: accepted input', () => {
  it('normalises article numbers, title and alinéa whitespace', () => {
    const bill = billOf(checkStructuredBill({
      title: '  Proposition de loi\ttest ',
      articles: [
        { number: '1', alineas: ['  Le   code est modifié. '] },
        { number: '2 BIS', alineas: ['a', 'b'] },
        { number: '1er A', alineas: ['c'] },
      ],
    }));
    expect(bill).toEqual({
      title: 'Proposition de loi test',
      articles: [
        { number: '1er', headings: [], alineas: ['Le code est modifié.'] },
        { number: '2 bis', headings: [], alineas: ['a', 'b'] },
        { number: '1er A', headings: [], alineas: ['c'] },
      ],
    });
  });

  it('round-trips a bill served by the API, headings given as headingLine', () => {
    const parsed = billOf(parseLegisticText(TEXT));
    const input: StructuredBillInput = {
      title: parsed.title,
      articles: parsed.articles.map((a) => ({ number: a.number, heading: headingLine(a.headings), alineas: a.alineas })),
    };
    expect(billOf(checkStructuredBill(input))).toEqual(parsed);
  });

  it('keeps a heading that is not a division path as one outermost heading, verbatim', () => {
    const bill = billOf(checkStructuredBill({
      title: 'Test',
      articles: [
        { number: '1er', heading: 'Dispositions finales', alineas: ['a'] },
        { number: '2', heading: 'Chapitre Ier – Un › TITRE II – Deux', alineas: ['b'] },
      ],
    }));
    expect(bill.articles.map((a) => a.headings)).toEqual([
      [{ level: 'titre', label: 'Dispositions finales', title: '' }],
      [{ level: 'titre', label: 'Chapitre Ier – Un › TITRE II – Deux', title: '' }],
    ]);
  });

  it('gives no heading for a missing, null or blank heading', () => {
    const bill = billOf(checkStructuredBill({
      title: 'Test',
      articles: [
        { number: '1er', alineas: ['a'] },
        { number: '2', heading: null, alineas: ['b'] },
        { number: '3', heading: '  ', alineas: ['c'] },
      ],
    }));
    expect(bill.articles.map((a) => a.headings)).toEqual([[], [], []]);
  });
});

describe('checkStructuredBill: rejected input', () => {
  it('rejects a bill without any article', () => {
    expect(issuesOf(checkStructuredBill({ title: 'Test', articles: [] }))).toEqual([
      { path: 'articles', message: 'Le texte doit contenir au moins un article.' },
    ]);
  });

  it('rejects an invalid article number with its path', () => {
    const issues = issuesOf(checkStructuredBill({
      title: 'Test',
      articles: [{ number: '1er', alineas: ['a'] }, { number: 'L. 123-4', alineas: ['b'] }],
    }));
    expect(issues).toEqual([{ path: 'articles/1/number', message: expect.stringMatching(/Numéro d’article non reconnu/) }]);
  });

  it('rejects duplicate numbers, even when spelt differently, naming both articles', () => {
    const issues = issuesOf(checkStructuredBill({
      title: 'Test',
      articles: [{ number: '1', alineas: ['a'] }, { number: '2', alineas: ['b'] }, { number: '1er', alineas: ['c'] }],
    }));
    expect(issues).toEqual([{ path: 'articles/2/number', message: 'L’article 1er apparaît deux fois : articles/0 et articles/2.' }]);
  });

  it('rejects an empty alinéa list and empty or multi-line alinéas, with paths', () => {
    const issues = issuesOf(checkStructuredBill({
      title: 'Test',
      articles: [
        { number: '1er', alineas: [] },
        { number: '2', alineas: ['a', 'b\nc', 'd\r\ne'] },
        { number: '3', alineas: [' \t '] },
      ],
    }));
    expect(issues.map((i) => i.path)).toEqual([
      'articles/0/alineas',
      'articles/1/alineas/1',
      'articles/1/alineas/2',
      'articles/2/alineas/0',
    ]);
  });

  it('rejects an empty title', () => {
    expect(issuesOf(checkStructuredBill({ title: ' ', articles: [{ number: '1er', alineas: ['a'] }] }))).toEqual([
      { path: 'title', message: 'L’intitulé du texte ne peut pas être vide.' },
    ]);
  });

  it('reports every problem at once', () => {
    const issues = issuesOf(checkStructuredBill({
      title: '',
      articles: [{ number: 'x', alineas: [''] }, { number: '2', alineas: [] }],
    }));
    expect(issues.map((i) => i.path)).toEqual(['title', 'articles/0/number', 'articles/0/alineas/0', 'articles/1/alineas']);
  });
});

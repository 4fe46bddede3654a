import { alineaEid, alineaRuns, amendmentTarget, articleEid, printedArticles, provenanceIndex } from '../../server/exports/common';
import { IDS, plainArticle, sampleBill } from './exports-fixture';

describe('export numbering', () => {
  it('turns article numbers into the eIds of LEGISTIQUE.md', () => {
    expect(articleEid('1er')).toBe('art_1er');
    expect(articleEid('2 bis')).toBe('art_2bis');
    expect(articleEid('1er A')).toBe('art_1erA');
    expect(alineaEid('1er', 1)).toBe('art_1er__al_2');
    expect(alineaEid('2 bis', 2)).toBe('art_2bis__al_3');
  });

  it('prints an article additionnel as « APRÈS L’ARTICLE » and other amendments as « ARTICLE »', () => {
    expect(amendmentTarget({ kind: 'insert_after', articleNumber: '3' })).toBe('APRÈS L’ARTICLE 3');
    expect(amendmentTarget({ kind: 'delete', articleNumber: '1er bis' })).toBe('ARTICLE 1er bis');
  });
});

describe('printedArticles', () => {
  const numbers = (bill = sampleBill()) =>
    printedArticles(bill).map((p) => (p.kind === 'deleted' ? `${p.number} (Supprimé)` : p.article.number));

  it('keeps a deleted article in its place, after the articles added before the next surviving one', () => {
    expect(numbers()).toEqual(['1er', '2', '2 bis', '3 (Supprimé)', '4']);
  });

  it('places deleted first and last articles, and counts an initial article missing from the adopted text as deleted', () => {
    const bill = sampleBill();
    bill.articles = bill.articles.filter((a) => a.number === '2' || a.number === '2 bis');
    bill.deletedArticles = ['1er', '3']; // « 4 » is missing from both lists
    expect(numbers(bill)).toEqual(['1er (Supprimé)', '2', '2 bis', '3 (Supprimé)', '4 (Supprimé)']);
  });
});

describe('alineaRuns', () => {
  it('merges neighbouring runs from the same amendments and drops empty ones', () => {
    const article = {
      ...plainArticle('1er', null, 'abc'),
      provenance: [[{ text: 'a', amendments: ['x', 'y'] }, { text: '', amendments: [] }, { text: 'b', amendments: ['y', 'x'] }, { text: 'c', amendments: [] }]],
    };
    expect(alineaRuns(article, 0)).toEqual([{ text: 'ab', amendments: ['x', 'y'] }, { text: 'c', amendments: [] }]);
  });

  it('prints the text, not the provenance, when the two disagree or the provenance is missing', () => {
    const article = { ...plainArticle('1er', null, 'le texte', 'second'), provenance: [[{ text: 'autre chose', amendments: ['x'] }]] };
    expect(alineaRuns(article, 0)).toEqual([{ text: 'le texte', amendments: [] }]);
    expect(alineaRuns(article, 1)).toEqual([{ text: 'second', amendments: [] }]);
  });
});

describe('provenanceIndex', () => {
  it('lists adopted and cited amendments in liasse order, then cited ids the liasse does not know', () => {
    const bill = sampleBill();
    bill.articles[1] = { ...plainArticle('2', null, 'x'), provenance: [[{ text: 'x', amendments: ['inconnu'] }]] };
    expect(provenanceIndex(bill).list.map((e) => e.id)).toEqual([IDS.a12, IDS.a15, IDS.a7, 'inconnu']);
  });
});

import * as fs from 'fs';
import * as path from 'path';
import { headingLine, type ImportResult, type ParsedBill } from '../../shared/bill';
import {
  MAX_REPORTED_ISSUES,
  normaliseArticleNumber,
  normaliseSpaces,
  parseDivisionHeading,
  parseLegisticText,
} from '../../shared/legistic-text';

const FIXTURE = fs.readFileSync(
  path.join(__dirname, '../../../shared/fixtures/bills/pjl-enseignement-superieur-extrait.txt'),
  'utf8',
);

const NBSP = '\u00a0';
const NNBSP = '\u202f';

function billOf(result: ImportResult): ParsedBill {
  if (!result.ok) throw new Error(`expected a bill, got issues: ${JSON.stringify(result.issues)}`);
  return result.bill;
}

function issuesOf(result: ImportResult) {
  if (result.ok) throw new Error('expected issues, got a bill');
  return result.issues;
}

/** A bill from lines, so that line numbers in the tests are easy to count. */
function parseLines(...lines: string[]): ImportResult {
  return parseLegisticText(lines.join('\n'));
}

describe('parseLegisticText on the enseignement supérieur fixture', () => {
  const bill = billOf(parseLegisticText(FIXTURE));

  it('takes the first line as the bill title', () => {
    expect(bill.title).toBe("PROJET DE LOI relatif à l'enseignement supérieur et à la recherche");
  });

  it('finds the 11 articles in text order with normalised numbers', () => {
    expect(bill.articles.map((a) => a.number)).toEqual([
      '1er bis', '2', '2 bis', '3', '3 bis', '4', '5', '5 bis', '6', '7', '7 bis',
    ]);
  });

  it('counts one alinéa per non-empty line', () => {
    expect(bill.articles.map((a) => a.alineas.length)).toEqual([2, 10, 1, 7, 3, 17, 6, 1, 5, 12, 3]);
  });

  it('puts every article under TITRE Ier › Chapitre Ier, titles taken from the next line', () => {
    for (const article of bill.articles) {
      expect(article.headings).toEqual([
        { level: 'titre', label: 'TITRE Ier', title: "MISSIONS DU SERVICE PUBLIC DE L'ENSEIGNEMENT SUPÉRIEUR ET DE LA RECHERCHE" },
        { level: 'chapitre', label: 'Chapitre Ier', title: "Les missions du service public de l'enseignement supérieur" },
      ]);
    }
    expect(headingLine(bill.articles[0]?.headings ?? [])).toBe(
      "TITRE Ier – MISSIONS DU SERVICE PUBLIC DE L'ENSEIGNEMENT SUPÉRIEUR ET DE LA RECHERCHE › Chapitre Ier – Les missions du service public de l'enseignement supérieur",
    );
  });

  it('keeps a quoted « Art. L. 123-4-1. - … » provision as an alinéa of article 6', () => {
    const article6 = bill.articles.find((a) => a.number === '6');
    expect(article6?.alineas[2]).toMatch(/^« Art\. L\. 123-4-1\. - Le service public/);
  });

  it('keeps lines opening with I. -, 1° and a) as alinéas, text unchanged', () => {
    const article2 = bill.articles.find((a) => a.number === '2');
    const article4 = bill.articles.find((a) => a.number === '4');
    expect(article2?.alineas[0]).toMatch(/^I\. - Le premier alinéa/);
    expect(article2?.alineas[9]).toMatch(/^II\. - Au second alinéa/);
    expect(article4?.alineas[1]).toBe('1° Avant le 1°, il est ajouté un 1° A ainsi rédigé :');
    expect(article4?.alineas[7]).toMatch(/^a\) Au début, sont ajoutés les mots/);
  });

  it('gives the same bill with Windows and old Mac line endings', () => {
    expect(billOf(parseLegisticText(FIXTURE.replace(/\n/g, '\r\n')))).toEqual(bill);
    expect(billOf(parseLegisticText(FIXTURE.replace(/\n/g, '\r')))).toEqual(bill);
  });

  it('ignores a byte-order mark at the start', () => {
    expect(billOf(parseLegisticText(`\uFEFF${FIXTURE}`))).toEqual(bill);
  });
});

describe('parseLegisticText: division headings', () => {
  it('reads the title on the heading line after « – », « - », « : » or « . »', () => {
    const bill = billOf(parseLines(
      'PROJET DE LOI test',
      'TITRE Ier – Premier titre',
      'Article 1er',
      'a',
      'TITRE II - Deuxième titre',
      'Article 2',
      'b',
      'TITRE III : Troisième titre',
      'Article 3',
      'c',
      'TITRE IV. Quatrième titre',
      'Article 4',
      'd',
    ));
    expect(bill.articles.map((a) => a.headings)).toEqual([
      [{ level: 'titre', label: 'TITRE Ier', title: 'Premier titre' }],
      [{ level: 'titre', label: 'TITRE II', title: 'Deuxième titre' }],
      [{ level: 'titre', label: 'TITRE III', title: 'Troisième titre' }],
      [{ level: 'titre', label: 'TITRE IV', title: 'Quatrième titre' }],
    ]);
  });

  it('clears the deeper divisions when a new TITRE or Chapitre starts', () => {
    const bill = billOf(parseLines(
      'PROJET DE LOI test',
      'TITRE Ier – Un',
      'Chapitre Ier – Un un',
      'Section 1 – Un un un',
      'Sous-section 2 – Un un un deux',
      'Article 1er',
      'a',
      'Chapitre II – Un deux',
      'Article 2',
      'b',
      'TITRE II – Deux',
      'Article 3',
      'c',
    ));
    expect(bill.articles.map((a) => headingLine(a.headings))).toEqual([
      'TITRE Ier – Un › Chapitre Ier – Un un › Section 1 – Un un un › Sous-section 2 – Un un un deux',
      'TITRE Ier – Un › Chapitre II – Un deux',
      'TITRE II – Deux',
    ]);
    expect(bill.articles[0]?.headings.map((h) => h.level)).toEqual(['titre', 'chapitre', 'section', 'sous-section']);
  });

  it('accepts TITRE PRÉLIMINAIRE, TITRE III bis, Arabic chapter numbers and any keyword case', () => {
    const bill = billOf(parseLines(
      'PROJET DE LOI test',
      'TITRE PRÉLIMINAIRE',
      'Dispositions générales',
      'Article 1er',
      'a',
      'TITRE III bis',
      'Stages',
      'CHAPITRE 2',
      'Formation',
      'Article 2',
      'b',
    ));
    expect(bill.articles.map((a) => a.headings)).toEqual([
      [{ level: 'titre', label: 'TITRE PRÉLIMINAIRE', title: 'Dispositions générales' }],
      [
        { level: 'titre', label: 'TITRE III bis', title: 'Stages' },
        { level: 'chapitre', label: 'CHAPITRE 2', title: 'Formation' },
      ],
    ]);
  });

  it('leaves the title empty when an article follows a heading directly', () => {
    const bill = billOf(parseLines('PROJET DE LOI test', 'Chapitre unique', 'Article unique', 'a'));
    expect(bill.articles[0]).toEqual({
      number: 'unique',
      headings: [{ level: 'chapitre', label: 'Chapitre unique', title: '' }],
      alineas: ['a'],
    });
  });

  it('reports a heading whose number is not a Roman or Arabic number, naming its line', () => {
    const issues = issuesOf(parseLines(
      'PROJET DE LOI test',
      'TITRE IIII – Mauvais',
      'Article 1er',
      'a',
      'Chapitre 2er',
      'Titre',
      'Article 2',
      'b',
    ));
    expect(issues.map((i) => i.line)).toEqual([2, 5]);
    expect(issues[0]?.message).toMatch(/Numéro de division non reconnu/);
  });

  it('does not take prose starting with « Section » or « Chapitre » for a heading', () => {
    const bill = billOf(parseLines(
      'PROJET DE LOI test',
      'Article 1er',
      'Section 1 du chapitre II du titre III du livre Ier est ainsi modifiée :',
      'Chapitre 3 est abrogé.',
    ));
    expect(bill.articles[0]?.alineas).toHaveLength(2);
  });
});

describe('parseLegisticText: article headings', () => {
  it('normalises the spellings of article headings', () => {
    const bill = billOf(parseLines(
      'PROJET DE LOI test',
      'Article 1',
      'a',
      'ARTICLE 2 BIS',
      'b',
      'Art. 3',
      'c',
      'Article 4.',
      'd',
      'Article 5 –',
      'e',
      'Article  6\tter  A',
      'f',
      `Article 7${NBSP}bis`,
      'g',
    ));
    expect(bill.articles.map((a) => a.number)).toEqual(['1er', '2 bis', '3', '4', '5', '6 ter A', '7 bis']);
  });

  it('keeps text order when Article 1er A comes before Article 1er', () => {
    const bill = billOf(parseLines('PROJET DE LOI test', 'Article 1er A', 'a', 'Article 1er', 'b', 'Article 3 ter A', 'c'));
    expect(bill.articles.map((a) => a.number)).toEqual(['1er A', '1er', '3 ter A']);
  });

  it('reads quoted provisions, code articles and enumerations as alinéas, never as headings', () => {
    const bill = billOf(parseLines(
      'PROJET DE LOI test',
      'Article 1er',
      'Le code de l’éducation est ainsi modifié :',
      '1° L’article L. 123-4-1 est ainsi rédigé :',
      '« Art. L. 123-4-1. - Le service public met à disposition des ressources.',
      '« Article 3',
      '« TITRE II',
      '"Chapitre Ier',
      'Article L. 123-4-1',
      'Art. L. 123-4-1. - Le service public …',
      'a) Au début ;',
      'I. - Le II est abrogé.',
      'Article additionnel',
      '« Les logiciels libres sont utilisés en priorité. »',
    ));
    expect(bill.articles).toHaveLength(1);
    expect(bill.articles[0]?.alineas).toHaveLength(12);
    expect(bill.articles[0]?.alineas[3]).toBe('« Article 3');
  });

  it('drops « (nouveau) » from a heading and keeps « (Supprimé) » as the article’s alinéa', () => {
    const bill = billOf(parseLines('PROJET DE LOI test', 'Article 2 (nouveau)', 'a', 'Article 3 (Supprimé)'));
    expect(bill.articles).toEqual([
      { number: '2', headings: [], alineas: ['a'] },
      { number: '3', headings: [], alineas: ['(Supprimé)'] },
    ]);
  });

  it('reports a mistyped article number instead of merging its text into the previous article', () => {
    const issues = issuesOf(parseLines('PROJET DE LOI test', 'Article 1er', 'a', 'Article 3a', 'b'));
    expect(issues).toEqual([{ line: 4, message: expect.stringMatching(/Numéro d’article non reconnu : « 3a »/) }]);
  });

  it('quotes at most 80 characters of a rejected number in the message', () => {
    const issues = issuesOf(parseLines('PROJET DE LOI test', 'Article 1er', 'a', `Article 3${'x'.repeat(10_000)}`, 'b'));
    expect(issues[0]?.message.length).toBeLessThan(200);
  });

  it('stays fast on a long run of dots after « Article »', () => {
    const started = Date.now();
    parseLines('PROJET DE LOI test', `Article ${'.'.repeat(200_000)}x`, 'a');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('parseLegisticText: whitespace', () => {
  it('trims alinéas and collapses tabs and repeated spaces', () => {
    const bill = billOf(parseLines('PROJET  DE LOI\ttest ', 'Article 1er', '   Le   code\t\test  modifié.  '));
    expect(bill.title).toBe('PROJET DE LOI test');
    expect(bill.articles[0]?.alineas).toEqual(['Le code est modifié.']);
  });

  it('keeps single no-break spaces of French typography', () => {
    const alinea = `Il est ainsi rédigé${NBSP}: «${NNBSP}texte${NNBSP}» ; fin${NNBSP}!`;
    const bill = billOf(parseLines('PROJET DE LOI test', 'Article 1er', alinea));
    expect(bill.articles[0]?.alineas).toEqual([alinea]);
  });

  it('reduces a no-break space doubled with spaces to the no-break space before « : » and after « «', () => {
    const bill = billOf(parseLines('PROJET DE LOI test', 'Article 1er', `rédigé ${NBSP} : « ${NNBSP}texte${NBSP}${NBSP}suite`));
    expect(bill.articles[0]?.alineas).toEqual([`rédigé${NBSP}: «${NNBSP}texte suite`]);
  });

  it('treats a line of no-break spaces and tabs as blank', () => {
    const bill = billOf(parseLines('PROJET DE LOI test', 'Article 1er', `${NBSP}\t${NNBSP}`, 'a'));
    expect(bill.articles[0]?.alineas).toEqual(['a']);
  });

  it('exposes the whitespace rule as normaliseSpaces', () => {
    expect(normaliseSpaces(`  a \t b${NBSP}:${NBSP}${NBSP}c  `)).toBe(`a b${NBSP}: c`);
  });
});

describe('parseLegisticText: errors', () => {
  it('rejects text between the title and the first heading, naming line 2', () => {
    const issues = issuesOf(parseLines('PROJET DE LOI', 'relatif à la recherche', '', 'Article 1er', 'a'));
    expect(issues).toEqual([{ line: 2, message: expect.stringMatching(/avant la première division/) }]);
  });

  it('rejects a duplicate article number, naming both lines', () => {
    const issues = issuesOf(parseLines('PROJET DE LOI test', 'Article 2', 'a', 'Article 2 bis', 'b', 'Article 2', 'c'));
    expect(issues).toEqual([{ line: 6, message: 'L’article 2 apparaît deux fois : lignes 2 et 6.' }]);
  });

  it('rejects an article without alinéa, naming its heading line', () => {
    const issues = issuesOf(parseLines('PROJET DE LOI test', 'Article 1er', '', 'Article 2', 'b'));
    expect(issues).toEqual([{ line: 2, message: 'L’article 1er ne contient aucun alinéa.' }]);
  });

  it('rejects an article without alinéa at the end of the text', () => {
    const issues = issuesOf(parseLines('PROJET DE LOI test', 'Article 1er', 'a', 'Article 2', ''));
    expect(issues.map((i) => i.line)).toEqual([4]);
  });

  it('rejects a text without any article', () => {
    const issues = issuesOf(parseLines('PROJET DE LOI test', 'TITRE Ier – Vide'));
    expect(issues).toEqual([{ message: expect.stringMatching(/^Aucun article trouvé/) }]);
  });

  it('rejects empty and blank input', () => {
    expect(issuesOf(parseLegisticText(''))).toEqual([{ message: 'Le texte est vide.' }]);
    expect(issuesOf(parseLegisticText(' \r\n\t\n\uFEFF'))).toEqual([{ message: 'Le texte est vide.' }]);
  });

  it('rejects input longer than maxChars with a single line-less issue, without parsing it', () => {
    expect(issuesOf(parseLegisticText(FIXTURE, { maxChars: 100 }))).toEqual([
      { message: `Le texte est trop long : ${FIXTURE.length} caractères, pour 100 au plus.` },
    ]);
    expect(issuesOf(parseLegisticText('x'.repeat(2_000_001)))).toHaveLength(1);
    expect(parseLegisticText(FIXTURE, { maxChars: FIXTURE.length }).ok).toBe(true);
  });

  it('rejects a text whose first line is a heading instead of the title', () => {
    const issues = issuesOf(parseLines('Article 1er', 'a'));
    expect(issues).toEqual([{ line: 1, message: expect.stringMatching(/première ligne doit être l’intitulé/) }]);
  });

  it('rejects text between a division heading and its first article', () => {
    const issues = issuesOf(parseLines('PROJET DE LOI test', 'Chapitre Ier', 'Titre du chapitre', 'suite du titre', 'Article 1er', 'a'));
    expect(issues).toEqual([{ line: 4, message: expect.stringMatching(/entre l’intitulé d’une division et le premier article/) }]);
  });

  it('reports every problem at once, in line order', () => {
    const issues = issuesOf(parseLines(
      'PROJET DE LOI test',
      'préambule',
      'Article 1er',
      'Article 2',
      'b',
      'TITRE IIII',
      'Article 2',
      'c',
    ));
    expect(issues.map((i) => i.line)).toEqual([2, 3, 6, 7]);
  });

  it('caps the number of reported issues and says how many were left out', () => {
    const lines = ['PROJET DE LOI test', ...Array.from({ length: 500 }, (_, i) => `ligne ${i}`), 'Article 1er', 'a'];
    const issues = issuesOf(parseLines(...lines));
    expect(issues).toHaveLength(MAX_REPORTED_ISSUES);
    expect(issues[MAX_REPORTED_ISSUES - 1]).toEqual({ message: `… et ${500 - MAX_REPORTED_ISSUES + 1} autres problèmes, non détaillés.` });
  });
});

describe('normaliseArticleNumber', () => {
  it.each([
    ['1', '1er'],
    ['1er', '1er'],
    ['1ER', '1er'],
    ['premier', '1er'],
    ['2', '2'],
    ['2 bis', '2 bis'],
    ['2bis', '2 bis'],
    ['2  BIS', '2 bis'],
    ['1er A', '1er A'],
    ['1 A', '1er A'],
    ['3 ter A', '3 ter A'],
    ['4 decies', '4 decies'],
    ['4 sexdecies', '4 sexdecies'],
    ['1er AA', '1er AA'],
    ['12', '12'],
    ['Unique', 'unique'],
    ['liminaire', 'liminaire'],
  ])('normalises « %s » to « %s »', (raw, expected) => {
    expect(normaliseArticleNumber(raw)).toBe(expected);
  });

  it.each(['', '0', '01', '12345', '2er', '2 a', '2 bis bis', 'L. 123-4-1', 'additionnel', '3a', 'III', '2 bis ABC'])(
    'rejects « %s »',
    (raw) => {
      expect(normaliseArticleNumber(raw)).toBeNull();
    },
  );
});

describe('parseDivisionHeading', () => {
  it('reads the « label – title » form that headingLine writes', () => {
    expect(parseDivisionHeading('Chapitre Ier – Les missions')).toEqual({ level: 'chapitre', label: 'Chapitre Ier', title: 'Les missions' });
    expect(parseDivisionHeading('Sous-section 2')).toEqual({ level: 'sous-section', label: 'Sous-section 2', title: '' });
  });

  it('returns null for anything that is not a valid division designation', () => {
    expect(parseDivisionHeading('Dispositions finales')).toBeNull();
    expect(parseDivisionHeading('TITRE IIII – Mauvais')).toBeNull();
  });
});

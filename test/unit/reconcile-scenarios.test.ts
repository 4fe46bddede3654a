import { reconcile, type AdoptedAmendment, type BillArticle, type ReconcileResult } from '../../shared/reconcile';

// Expected texts are written by hand; provenance as [text, amendments] pairs per alinéa.
const AUTHORS = [{ id: 'u1', displayName: 'Camille Martin' }];

const art1: BillArticle = {
  id: 'a1',
  number: '1er',
  alineas: [
    'Le conseil d’administration est élu pour trois ans.',
    'Il comprend des représentants des étudiants et des personnels.',
    'Le président est élu parmi ses membres.',
  ],
};
const art2: BillArticle = { id: 'a2', number: '2', alineas: ['Un rapport est remis au Parlement chaque année.'] };
const art2bis: BillArticle = { id: 'a2b', number: '2 bis', alineas: ['Le Gouvernement remet un rapport sur l’emploi du français.'] };
const art3: BillArticle = { id: 'a3', number: '3', alineas: ['Le présent article entre en vigueur le 1er janvier 2026.', 'Un décret fixe les modalités d’application.'] };
const BILL = [art1, art2, art2bis, art3];

function modify(id: string, number: number, article: BillArticle, alineas: string[], base: readonly string[] = article.alineas): AdoptedAmendment {
  return { id, number, articleId: article.id, kind: 'modify', base, alineas, authors: AUTHORS };
}
/** `article` with alinéa `i` (0-based) replaced. */
function edit(article: BillArticle, i: number, text: string): string[] {
  return article.alineas.map((a, k) => (k === i ? text : a));
}
function del(id: string, number: number, article: BillArticle): AdoptedAmendment {
  return { id, number, articleId: article.id, kind: 'delete', base: article.alineas, alineas: [], authors: AUTHORS };
}
function after(id: string, number: number, article: BillArticle, alineas: string[]): AdoptedAmendment {
  return { id, number, articleId: article.id, kind: 'insert_after', base: article.alineas, alineas, authors: AUTHORS };
}

function article(result: ReconcileResult, number: string) {
  const found = result.articles.find((a) => a.number === number);
  if (found === undefined) throw new Error(`no article ${number} in ${result.articles.map((a) => a.number).join(', ')}`);
  return found;
}
function runs(result: ReconcileResult, number: string, alinea: number): Array<[string, string[]]> {
  return (article(result, number).provenance[alinea] ?? []).map((r) => [r.text, r.amendments]);
}
/** The provenance invariant, on every result of this file. */
function checked(result: ReconcileResult): ReconcileResult {
  for (const a of result.articles) {
    expect(a.provenance).toHaveLength(a.alineas.length);
    a.alineas.forEach((text, i) => expect((a.provenance[i] ?? []).map((r) => r.text).join('')).toBe(text));
  }
  return result;
}
const run = (adopted: AdoptedAmendment[]) => checked(reconcile(BILL, adopted));

describe('reconcile: one amendment', () => {
  test('a word change: the new word carries the amendment, the rest is initial text', () => {
    const r = run([modify('A1', 1, art1, edit(art1, 0, 'Le conseil d’administration est élu pour quatre ans.'))]);
    expect(article(r, '1er').alineas).toEqual([
      'Le conseil d’administration est élu pour quatre ans.',
      'Il comprend des représentants des étudiants et des personnels.',
      'Le président est élu parmi ses membres.',
    ]);
    expect(runs(r, '1er', 0)).toEqual([['Le conseil d’administration est élu pour ', []], ['quatre', ['A1']], [' ans.', []]]);
    expect(runs(r, '1er', 1)).toEqual([['Il comprend des représentants des étudiants et des personnels.', []]]);
    expect(r.applied).toEqual(['A1']);
    expect(r.fallen).toEqual([]);
    expect(r.contributors).toEqual({ A1: { number: 1, authors: AUTHORS } });
  });

  test('a rewritten alinéa is the amendment’s from end to end; deleted words leave no run', () => {
    const r = run([modify('A2', 2, art1, edit(art1, 2, 'La présidence est assurée par un membre élu.'))]);
    expect(article(r, '1er').alineas[2]).toBe('La présidence est assurée par un membre élu.');
    expect(runs(r, '1er', 2)).toEqual([['La présidence est assurée par un membre élu.', ['A2']]]);
  });

  test('an inserted alinéa takes its place between the others', () => {
    const text = 'Il comprend également deux personnalités extérieures.';
    const r = run([modify('A3', 3, art1, [art1.alineas[0]!, art1.alineas[1]!, text, art1.alineas[2]!])]);
    expect(article(r, '1er').alineas).toEqual([art1.alineas[0], art1.alineas[1], text, art1.alineas[2]]);
    expect(runs(r, '1er', 2)).toEqual([[text, ['A3']]]);
    expect(runs(r, '1er', 3)).toEqual([['Le président est élu parmi ses membres.', []]]);
  });

  test('a deleted alinéa disappears with its provenance', () => {
    const r = run([modify('A4', 4, art1, [art1.alineas[0]!, art1.alineas[2]!])]);
    expect(article(r, '1er').alineas).toEqual([art1.alineas[0], art1.alineas[2]]);
    expect(runs(r, '1er', 1)).toEqual([['Le président est élu parmi ses membres.', []]]);
  });
});

describe('reconcile: articles', () => {
  test('a deleted article is gone and every later amendment on it falls, naming the deletion', () => {
    const r = run([del('D', 4, art2bis), modify('M', 5, art2bis, ['Le Gouvernement remet un rapport annuel sur l’emploi du français.']), del('D2', 6, art2bis)]);
    expect(r.articles.map((a) => a.number)).toEqual(['1er', '2', '3']);
    expect(r.applied).toEqual(['D', 'D2']); // identical deletions are one decision
    expect(r.fallen).toEqual([{ amendmentId: 'M', reason: 'L’article a été supprimé par l’amendement n° 4.', by: 'D' }]);
  });

  test('two articles additionnels after 2 skip the existing « 2 bis »: « 2 ter », then « 2 quater », after it', () => {
    const r = run([after('N1', 7, art2, ['Un observatoire est créé.']), after('N2', 8, art2, ['Il publie un rapport.', 'Ce rapport est public.']), after('N3', 9, art3, ['Dispositions finales.'])]);
    expect(r.articles.map((a) => a.number)).toEqual(['1er', '2', '2 bis', '2 ter', '2 quater', '3', '3 bis']);
    const ter = article(r, '2 ter');
    expect(ter).toEqual({ id: null, number: '2 ter', alineas: ['Un observatoire est créé.'], provenance: [[{ text: 'Un observatoire est créé.', amendments: ['N1'] }]], origin: { amendmentId: 'N1' } });
    expect(article(r, '2 quater').alineas).toEqual(['Il publie un rapport.', 'Ce rapport est public.']);
    expect(runs(r, '2 quater', 1)).toEqual([['Ce rapport est public.', ['N2']]]);
    expect(article(r, '2').id).toBe('a2');
  });

  test('an amendment on an article additionnel (its id: the amendment that created it) rebases onto it', () => {
    const created = after('N', 7, art3, ['Un observatoire est créé.']);
    const onIt: AdoptedAmendment = { id: 'S', number: 11, articleId: 'N', kind: 'modify', base: ['Un observatoire est créé.'], alineas: ['Un observatoire national est créé.'], authors: AUTHORS };
    const r = run([created, onIt]);
    expect(runs(r, '3 bis', 0)).toEqual([['Un observatoire ', ['N']], ['national ', ['S']], ['est créé.', ['N']]]);
  });

  test('an article additionnel after a deleted article keeps its place and number', () => {
    const r = run([del('D', 4, art2bis), after('N', 7, art2bis, ['Nouvel article.'])]);
    expect(r.articles.map((a) => a.number)).toEqual(['1er', '2', '2 ter', '3']);
  });

  test('an amendment on an article the text does not have falls without naming anyone', () => {
    const ghost: BillArticle = { id: 'zz', number: '9', alineas: ['Rien.'] };
    const r = run([modify('G', 10, ghost, ['Rien du tout.'])]);
    expect(r.fallen).toEqual([{ amendmentId: 'G', reason: 'L’article visé ne figure pas dans le texte.', by: null }]);
  });
});

describe('reconcile: several amendments on one alinéa', () => {
  const quatre = modify('X', 12, art1, edit(art1, 0, 'Le conseil d’administration est élu pour quatre ans.'));

  test('changes to different words both apply, each word credited to its amendment', () => {
    const designe = modify('Y', 13, art1, edit(art1, 0, 'Le conseil d’administration est désigné pour trois ans.'));
    const r = run([quatre, designe]);
    expect(article(r, '1er').alineas[0]).toBe('Le conseil d’administration est désigné pour quatre ans.');
    expect(runs(r, '1er', 0)).toEqual([['Le conseil d’administration est ', []], ['désigné', ['Y']], [' pour ', []], ['quatre', ['X']], [' ans.', []]]);
    expect(r.applied).toEqual(['X', 'Y']);
  });

  test('changes to the same words: the second falls, naming the first', () => {
    const cinq = modify('Z', 14, art1, edit(art1, 0, 'Le conseil d’administration est élu pour cinq années.'));
    const r = run([quatre, cinq]);
    expect(article(r, '1er').alineas[0]).toBe('Le conseil d’administration est élu pour quatre ans.');
    expect(r.fallen).toEqual([{ amendmentId: 'Z', reason: 'Le mot « trois » a déjà été modifié par l’amendement n° 12.', by: 'X' }]);
  });

  test('an insertion next to a rewritten word falls (its anchor is gone); one further away applies', () => {
    const pleins = modify('P', 15, art1, edit(art1, 0, 'Le conseil d’administration est élu pour trois ans pleins.'));
    expect(run([modify('Q', 16, art1, edit(art1, 0, 'Le conseil d’administration est élu pour trois mois.')), pleins]).fallen).toEqual([
      { amendmentId: 'P', reason: 'Le mot « ans » a déjà été modifié par l’amendement n° 16.', by: 'Q' },
    ]);
    const r = run([quatre, pleins]);
    expect(article(r, '1er').alineas[0]).toBe('Le conseil d’administration est élu pour quatre ans pleins.');
    expect(runs(r, '1er', 0)).toEqual([['Le conseil d’administration est élu pour ', []], ['quatre', ['X']], [' ans', []], [' pleins', ['P']], ['.', []]]);
  });

  test('deleting an alinéa another amendment changed falls, and so does changing a deleted one', () => {
    const removeFirst = modify('R', 17, art1, [art1.alineas[1]!, art1.alineas[2]!]);
    expect(run([quatre, removeFirst]).fallen).toEqual([{ amendmentId: 'R', reason: 'L’alinéa 1 a déjà été modifié par l’amendement n° 12.', by: 'X' }]);
    expect(run([removeFirst, quatre]).fallen).toEqual([{ amendmentId: 'X', reason: 'L’alinéa 1 a été supprimé par l’amendement n° 17.', by: 'R' }]);
  });

  test('two alinéas inserted at the same place: the second falls', () => {
    const one = modify('I1', 18, art1, [art1.alineas[0]!, 'Premier ajout.', art1.alineas[1]!, art1.alineas[2]!]);
    const two = modify('I2', 19, art1, [art1.alineas[0]!, 'Second ajout.', art1.alineas[1]!, art1.alineas[2]!]);
    expect(run([one, two]).fallen).toEqual([{ amendmentId: 'I2', reason: 'Un alinéa a déjà été inséré à cet endroit par l’amendement n° 18.', by: 'I1' }]);
  });
});

import {
  applyAmendment,
  canApply,
  initialState,
  reconcile,
  reconciledText,
  type AdoptedAmendment,
  type BillArticle,
  type ExaminedAmendment,
  type ReconcileResult,
} from '../../shared/reconcile';

// Expected texts are written by hand; provenance as [text, amendments] pairs per alinéa.
const AUTHORS = [{ id: 'u2', displayName: 'Rapporteure' }];

const art3: BillArticle = { id: 'a3', number: '3', alineas: ['Le présent article entre en vigueur le 1er janvier 2026.', 'Un décret fixe les modalités d’application.'] };
/** The version of article 3 before the consultation changed its date. */
const art3v1 = ['Le présent article entre en vigueur le 1er janvier 2025.', 'Un décret fixe les modalités d’application.'];
const art4: BillArticle = { id: 'a4', number: '4', alineas: ['Les établissements publient chaque année leur budget.'] };
const BILL = [art3, art4];

function modify(id: string, number: number, article: BillArticle, alineas: string[], base: readonly string[] = article.alineas): AdoptedAmendment {
  return { id, number, articleId: article.id, kind: 'modify', base, alineas, authors: AUTHORS };
}
function runs(result: ReconcileResult, number: string, alinea: number): Array<[string, string[]]> {
  const article = result.articles.find((a) => a.number === number);
  return (article?.provenance[alinea] ?? []).map((r) => [r.text, r.amendments]);
}
const alineas = (result: Pick<ReconcileResult, 'articles'>, number: string) => result.articles.find((a) => a.number === number)?.alineas;

describe('reconcile: rebasing', () => {
  test('an amendment written against an older version still merges where the text did not move', () => {
    const decree = modify('O', 20, art3, [art3v1[0]!, 'Un décret en Conseil d’État fixe les modalités d’application.'], art3v1);
    const r = reconcile(BILL, [decree]);
    expect(alineas(r, '3')).toEqual(['Le présent article entre en vigueur le 1er janvier 2026.', 'Un décret en Conseil d’État fixe les modalités d’application.']);
    expect(runs(r, '3', 0)).toEqual([['Le présent article entre en vigueur le 1er janvier 2026.', []]]);
    expect(runs(r, '3', 1)).toEqual([['Un décret ', []], ['en Conseil d’État ', ['O']], ['fixe les modalités d’application.', []]]);
  });

  test('…and falls where the text moved since, without blaming an amendment', () => {
    const date = modify('O2', 21, art3, ['Le présent article entre en vigueur le 1er janvier 2027.', art3v1[1]!], art3v1);
    expect(reconcile(BILL, [date]).fallen).toEqual([
      { amendmentId: 'O2', reason: 'Le mot « 2025 » a été modifié depuis la version du texte sur laquelle l’amendement a été rédigé.', by: null },
    ]);
  });

  test('an amendment written against the reconciled text may rewrite words of an earlier one: they become its own', () => {
    const first = modify('E1', 22, art4, ['Les établissements publient chaque année leur budget et leurs comptes.']);
    const later = modify('E2', 23, art4, ['Les établissements publient chaque année leur budget et leurs comptes certifiés.'], ['Les établissements publient chaque année leur budget et leurs comptes.']);
    const rewrite = modify('E3', 24, art4, ['Les établissements publient chaque année leur budget et leurs effectifs certifiés.'], ['Les établissements publient chaque année leur budget et leurs comptes certifiés.']);
    const r = reconcile(BILL, [first, later, rewrite]);
    expect(alineas(r, '4')).toEqual(['Les établissements publient chaque année leur budget et leurs effectifs certifiés.']);
    expect(runs(r, '4', 0)).toEqual([
      ['Les établissements publient chaque année leur budget', []],
      [' et leurs ', ['E1']],
      ['effectifs', ['E3']],
      [' certifiés', ['E2']],
      ['.', []],
    ]);
  });

  test('identical amendments decided together are both applied and both credited, in order', () => {
    const text = ['Les établissements publient chaque année leur budget détaillé.'];
    const r = reconcile(BILL, [modify('T1', 25, art4, text), { ...modify('T2', 26, art4, text), authors: [{ id: 'u9', displayName: 'Lou' }] }]);
    expect(r.applied).toEqual(['T1', 'T2']);
    expect(runs(r, '4', 0)).toEqual([['Les établissements publient chaque année leur budget', []], [' détaillé', ['T1', 'T2']], ['.', []]]);
    expect(r.contributors['T2']).toEqual({ number: 26, authors: [{ id: 'u9', displayName: 'Lou' }] });
  });

  test('a commission amendment is reconciled like any other', () => {
    const commission: ExaminedAmendment & AdoptedAmendment = { ...modify('C1', 27, art4, ['Les universités publient chaque année leur budget.']), number: 27, origin: 'commission' };
    const r = reconcile(BILL, [commission]);
    expect(runs(r, '4', 0)).toEqual([['Les ', []], ['universités', ['C1']], [' publient chaque année leur budget.', []]]);
    expect(r.contributors).toEqual({ C1: { number: 27, authors: AUTHORS } });
  });
});

describe('the incremental API of the commission desk', () => {
  const quatre = modify('K1', 30, art4, ['Les établissements publient chaque trimestre leur budget.']);
  const rival = modify('K2', 31, art4, ['Les établissements publient chaque semestre leur budget.']);
  const other = modify('K3', 32, art3, [art3.alineas[0]!, 'Un arrêté fixe les modalités d’application.']);

  test('applyAmendment returns a new state and leaves the old one as it was', () => {
    const before = initialState(BILL);
    const snapshot = JSON.stringify(reconciledText(before));
    const outcome = applyAmendment(before, quatre);
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(JSON.stringify(reconciledText(before))).toBe(snapshot);
    expect(alineas(reconciledText(outcome.state), '4')).toEqual(['Les établissements publient chaque trimestre leur budget.']);
  });

  test('after an adoption, canApply tells which pending amendments fall and why (the 409 of an adoption)', () => {
    const outcome = applyAmendment(initialState(BILL), quatre);
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(canApply(outcome.state, rival)).toEqual({ ok: false, reason: 'Le mot « année » a déjà été modifié par l’amendement n° 30.', by: 'K1' });
    expect(canApply(outcome.state, other)).toEqual({ ok: true });
    const refused = applyAmendment(outcome.state, rival);
    expect(refused.ok).toBe(false);
  });

  test('reconcile is the same as applying one by one', () => {
    let state = initialState(BILL);
    for (const a of [quatre, other]) {
      const outcome = applyAmendment(state, a);
      if (outcome.ok) state = outcome.state;
    }
    expect({ ...reconciledText(state), fallen: [] }).toEqual(reconcile(BILL, [quatre, other]));
  });
});

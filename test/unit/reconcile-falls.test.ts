import { adoptionConflict, fallenAfter, type AdoptedAmendment, type BillArticle } from '../../shared/reconcile';

const AUTHORS = [{ id: 'u1', displayName: 'Camille Martin' }];
const ART: BillArticle = {
  id: 'a1', number: '1er',
  alineas: ['Le conseil d’administration est élu pour trois ans.', 'Le président est élu parmi ses membres.'],
};
const modify = (id: string, number: number, alineas: string[]): AdoptedAmendment =>
  ({ id, number, articleId: ART.id, kind: 'modify', base: ART.alineas, alineas, authors: AUTHORS });
const del = (id: string, number: number): AdoptedAmendment => ({ id, number, articleId: ART.id, kind: 'delete', base: ART.alineas, alineas: [], authors: AUTHORS });

const FOUR_YEARS = modify('m1', 1, ['Le conseil d’administration est élu pour quatre ans.', ART.alineas[1]!]);
const FIVE_YEARS = modify('m2', 2, ['Le conseil d’administration est élu pour cinq ans.', ART.alineas[1]!]);
const PRESIDENT = modify('m3', 3, [ART.alineas[0]!, 'Le président est élu parmi les membres élus.']);

describe('amendments that fall (shared/reconcile/falls.ts)', () => {
  test('a candidate compatible with what is adopted has no conflict', () => {
    expect(adoptionConflict([ART], [FOUR_YEARS, PRESIDENT], PRESIDENT.id)).toBeNull();
  });

  test('a candidate that rewrites the same words as an adopted one cannot be adopted: its own reason', () => {
    const c = adoptionConflict([ART], [FOUR_YEARS, FIVE_YEARS], FIVE_YEARS.id);
    expect(c).not.toBeNull();
    expect(c!.with).toBeNull();
    expect(c!.reason.length).toBeGreaterThan(10);
  });

  test('a candidate examined before an adopted one that it would break names that one', () => {
    // the deletion is examined first (its place in `adopted`): adopting it makes the adopted one fall
    const c = adoptionConflict([ART], [del('d1', 4), FOUR_YEARS], 'd1');
    expect(c).toEqual({ reason: expect.any(String), with: FOUR_YEARS.id });
  });

  test('the adoption of one makes the pending ones on the same words fall, not the others', () => {
    const fallen = fallenAfter([ART], [FOUR_YEARS], [FIVE_YEARS, PRESIDENT]);
    expect(fallen.map((f) => f.amendmentId)).toEqual([FIVE_YEARS.id]);
    expect(fallen[0]!.reason).toEqual(expect.any(String));
  });

  test('nothing adopted: nothing falls', () => {
    expect(fallenAfter([ART], [], [FIVE_YEARS, PRESIDENT])).toEqual([]);
  });
});

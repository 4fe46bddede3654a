import fc from 'fast-check';
import {
  RANKINGS,
  RANKING_DOCS,
  controversyScore,
  isRanking,
  randomKey,
  rankItems,
  supportScore,
  type RankInput,
} from '../../shared/ranking';
import { tally } from '../../shared/votes';

function item(id: string, votes: [number, number, number] = [0, 0, 0], position: [number, number] = [1, 1], submittedAt = 0): RankInput {
  return { id, tally: tally(...votes), position, submittedAt };
}
const ids = (items: RankInput[]): string[] => items.map((i) => i.id);
const seed = { viewerSeed: 'viewer-1' };

const count = fc.nat({ max: 100_000 });
const anyTally = fc.tuple(count, count, count).map(([f, m, a]) => tally(f, m, a));

describe('supportScore', () => {
  it('ranks 3 agree out of 3 below 900 agree out of 1,000 with 100 against', () => {
    const small = supportScore(tally(3, 0, 0));
    const large = supportScore(tally(900, 0, 100));
    expect(small).toBeCloseTo(0.4385, 3);
    expect(large).toBeCloseTo(0.8799, 3);
    expect(small).toBeLessThan(large);
  });

  it('is 0 with no votes and with only « pas d’accord » votes', () => {
    expect(supportScore(tally(0, 0, 0))).toBe(0);
    expect(supportScore(tally(0, 0, 50))).toBe(0);
  });

  it('counts a « mitigé » vote as half an agreement', () => {
    expect(supportScore(tally(0, 10, 0))).toBeCloseTo(supportScore(tally(5, 0, 5)), 12);
    expect(supportScore(tally(0, 10, 0))).toBeGreaterThan(supportScore(tally(0, 0, 10)));
    expect(supportScore(tally(0, 10, 0))).toBeLessThan(supportScore(tally(10, 0, 0)));
  });

  it('stays within [0, 1)', () => {
    fc.assert(
      fc.property(anyTally, (t) => {
        const s = supportScore(t);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThan(1);
      }),
    );
  });

  it('never goes down when one more « d’accord » vote is added', () => {
    fc.assert(
      fc.property(anyTally, (t) => {
        expect(supportScore(tally(t.for + 1, t.mitigated, t.against))).toBeGreaterThanOrEqual(supportScore(t));
      }),
    );
  });

  it('never goes up when one more « pas d’accord » vote is added', () => {
    fc.assert(
      fc.property(anyTally, (t) => {
        expect(supportScore(tally(t.for, t.mitigated, t.against + 1))).toBeLessThanOrEqual(supportScore(t));
      }),
    );
  });
});

describe('controversyScore', () => {
  it('is 0 when either side has no vote, whatever the « mitigé » votes', () => {
    expect(controversyScore(tally(0, 0, 0))).toBe(0);
    expect(controversyScore(tally(100, 50, 0))).toBe(0);
    expect(controversyScore(tally(0, 50, 100))).toBe(0);
  });

  it('puts a balanced debate above a lopsided one with more votes', () => {
    expect(controversyScore(tally(50, 0, 50))).toBe(100);
    expect(controversyScore(tally(50, 0, 50))).toBeGreaterThan(controversyScore(tally(500, 0, 5)));
  });

  it('puts a large balanced debate above a small balanced one', () => {
    expect(controversyScore(tally(200, 0, 200))).toBeGreaterThan(controversyScore(tally(20, 0, 20)));
  });

  it('lets « mitigé » votes add half a vote of weight to the debate without changing its balance', () => {
    expect(controversyScore(tally(10, 20, 10))).toBe(30);
    expect(controversyScore(tally(10, 20, 10))).toBeGreaterThan(controversyScore(tally(10, 0, 10)));
    expect(controversyScore(tally(10, 20, 10))).toBeLessThan(controversyScore(tally(20, 0, 20)));
  });

  it('is symmetric in « d’accord » and « pas d’accord »', () => {
    fc.assert(
      fc.property(anyTally, (t) => {
        expect(controversyScore(tally(t.against, t.mitigated, t.for))).toBe(controversyScore(t));
      }),
    );
  });
});

describe('randomKey', () => {
  it('is in [0, 1) and the same for the same seed and id', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (s, id) => {
        const k = randomKey(s, id);
        expect(k).toBeGreaterThanOrEqual(0);
        expect(k).toBeLessThan(1);
        expect(randomKey(s, id)).toBe(k);
      }),
    );
  });

  it('does not confuse where the seed ends and the id begins', () => {
    expect(randomKey('ab', 'c')).not.toBe(randomKey('a', 'bc'));
  });
});

describe('rankItems', () => {
  it('orders by article position, then submission order, in position order', () => {
    const items = [item('d', [0, 0, 0], [2, 1]), item('c', [9, 0, 0], [1, 3]), item('a', [0, 0, 0], [1, 1]), item('b', [0, 0, 9], [1, 2])];
    expect(ids(rankItems(items, 'position', seed))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('puts the well-supported amendment first and the one without votes last in support order', () => {
    const items = [item('none', [0, 0, 0], [1, 1]), item('three', [3, 0, 0], [1, 2]), item('many', [900, 0, 100], [1, 3]), item('rejected', [1, 0, 30], [1, 4])];
    expect(ids(rankItems(items, 'support', seed))).toEqual(['many', 'three', 'rejected', 'none']);
  });

  it('breaks score ties by more votes, then text order, then id', () => {
    // Both score 0: the one with more votes first; equal votes fall back to position, then id.
    const items = [item('z', [0, 0, 0], [1, 1]), item('y', [0, 0, 5], [2, 1]), item('b', [0, 0, 0], [1, 2]), item('a', [0, 0, 0], [1, 2])];
    expect(ids(rankItems(items, 'support', seed))).toEqual(['y', 'z', 'a', 'b']);
    expect(ids(rankItems(items, 'controversy', seed))).toEqual(['y', 'z', 'a', 'b']);
  });

  it('puts the most balanced large debate first in controversy order', () => {
    const items = [item('consensus', [500, 0, 5]), item('small', [5, 0, 5]), item('split', [50, 0, 50]), item('none')];
    expect(ids(rankItems(items, 'controversy', seed))).toEqual(['split', 'small', 'consensus', 'none']);
  });

  it('puts the newest first in recent order, ties by id', () => {
    const items = [item('old', [0, 0, 0], [1, 1], 1000), item('new-b', [0, 0, 0], [1, 2], 3000), item('new-a', [0, 0, 0], [1, 3], 3000), item('mid', [0, 0, 0], [1, 4], 2000)];
    expect(ids(rankItems(items, 'recent', seed))).toEqual(['new-a', 'new-b', 'mid', 'old']);
  });

  it('gives one viewer the same random order every time, and another viewer a different one', () => {
    const items = Array.from({ length: 20 }, (_, i) => item(`amendement-${i}`, [0, 0, 0], [1, i]));
    const first = ids(rankItems(items, 'random', { viewerSeed: 'alice' }));
    expect(ids(rankItems([...items].reverse(), 'random', { viewerSeed: 'alice' }))).toEqual(first);
    expect(ids(rankItems(items, 'random', { viewerSeed: 'bob' }))).not.toEqual(first);
    expect(first).not.toEqual(ids(items));
  });

  it('does not mutate its input', () => {
    const items = [item('b', [0, 0, 0], [1, 2]), item('a', [0, 0, 0], [1, 1])];
    rankItems(items, 'position', seed);
    expect(ids(items)).toEqual(['b', 'a']);
  });

  it('returns the same order whatever the input order, for every ranking', () => {
    const arbItem = fc.record({
      id: fc.string({ maxLength: 3 }),
      tally: fc.tuple(fc.nat(5), fc.nat(5), fc.nat(5)).map(([f, m, a]) => tally(f, m, a)),
      position: fc.tuple(fc.nat(3), fc.nat(3)),
      submittedAt: fc.nat(3),
    });
    const uniqueItems = fc.uniqueArray(arbItem, { selector: (i) => i.id, maxLength: 12 });
    fc.assert(
      fc.property(uniqueItems, fc.constantFrom(...RANKINGS), fc.string(), (items, ranking, viewerSeed) => {
        const ranked = ids(rankItems(items, ranking, { viewerSeed }));
        expect(ids(rankItems([...items].reverse(), ranking, { viewerSeed }))).toEqual(ranked);
        expect([...ranked].sort()).toEqual(ids(items).sort());
      }),
    );
  });
});

describe('RANKING_DOCS', () => {
  it('documents every ranking in French and English, with the constants written out', () => {
    for (const ranking of RANKINGS) {
      for (const lang of ['fr', 'en'] as const) {
        const doc = RANKING_DOCS[ranking][lang];
        expect(doc.name).not.toBe('');
        expect(doc.formula).not.toBe('');
        expect(doc.explanation).not.toBe('');
      }
    }
    expect(RANKING_DOCS.support.fr.formula).toContain('z = 1,96');
    expect(RANKING_DOCS.support.en.formula).toContain('z = 1.96');
    expect(RANKING_DOCS.controversy.fr.formula).toContain('0,5 × mitigé');
  });

  it('recognises ranking names and rejects others', () => {
    expect(RANKINGS.every(isRanking)).toBe(true);
    expect(isRanking('popularity')).toBe(false);
  });
});

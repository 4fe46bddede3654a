/**
 * The engine on 968 real amendments (../shared/fixtures/amendments/corpus/, scored as its README
 * says): the read rate per chamber, the exact rate on the comparable adopted ones, and every
 * silent wrong result are printed; none may be wrong, and the rates may not fall below what the
 * engine reached (docs/dispositif.md keeps the figures and the refusals by class).
 */
import { describeScore, loadCorpus, scoreCorpus, total } from '../helpers/dispositif-corpus';

/** Floors: the rates reached, so that a change that reads less fails here. */
const MIN_READ = { AN: 0.97, Sénat: 0.955 };
/** The targets: 95 % read in each chamber and over both, 95 % exact. */
const MIN_READ_BOTH = 0.95;
const MIN_EXACT = 0.95;

describe('real amendments corpus (both chambers, 11 bills)', () => {
  const items = loadCorpus();
  const score = scoreCorpus(items);

  it('has the 968 items the README describes (24 excluded)', () => {
    expect(items).toHaveLength(968);
    expect(score.exact.AN.total + score.exact.Sénat.total).toBe(89);
  });

  it('prints the rates and every wrong result', () => {
    console.log(describeScore(score));
    expect(score.read.AN.total + score.read.Sénat.total).toBe(968);
  });

  it('applies nothing wrongly without a word: every comparable adopted amendment gives the adopted text or a refusal', () => {
    expect(score.wrong.map((w) => w.id)).toEqual([]);
  });

  it('reads at least what it read, per chamber, and applies exactly at least what it did', () => {
    expect(score.read.AN.read / score.read.AN.total).toBeGreaterThanOrEqual(MIN_READ.AN);
    expect(score.read.Sénat.read / score.read.Sénat.total).toBeGreaterThanOrEqual(MIN_READ.Sénat);
    const read = total(score.read);
    expect(read.read / read.total).toBeGreaterThanOrEqual(MIN_READ_BOTH);
    const exact = total(score.exact);
    expect(exact.read / exact.total).toBeGreaterThanOrEqual(MIN_EXACT);
  });
});

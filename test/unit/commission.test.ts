import { commissionTally, decideByRule, type College, type CommissionVote } from '../../shared/commission';

const votes = (spec: Partial<Record<College, Partial<Record<CommissionVote, number>>>>) =>
  (Object.entries(spec) as [College, Partial<Record<CommissionVote, number>>][]).flatMap(([college, counts]) =>
    (Object.entries(counts) as [CommissionVote, number][]).flatMap(([value, n]) => Array.from({ length: n }, () => ({ college, value }))));

describe('commission tallies and decision rules', () => {
  test('tallies per college and in all', () => {
    const t = commissionTally(votes({ elected: { for: 2, abstain: 1 }, citizen: { against: 3 } }));
    expect(t.elected).toEqual({ for: 2, against: 0, abstain: 1, total: 3 });
    expect(t.citizen).toEqual({ for: 0, against: 3, abstain: 0, total: 3 });
    expect(t.all).toEqual({ for: 2, against: 3, abstain: 1, total: 6 });
  });

  test('simple majority of votes cast; abstentions do not count; a tie rejects', () => {
    expect(decideByRule('simple_majority', null, commissionTally(votes({ elected: { for: 1, abstain: 5 }, citizen: { against: 0 } })))).toEqual({ ok: true, outcome: 'adopted' });
    expect(decideByRule('simple_majority', null, commissionTally(votes({ elected: { for: 2 }, citizen: { against: 2 } })))).toEqual({ ok: true, outcome: 'rejected' });
  });

  test('double majority needs a majority in each college', () => {
    const t = commissionTally(votes({ elected: { for: 5 }, citizen: { for: 1, against: 2 } }));
    expect(decideByRule('simple_majority', null, t)).toEqual({ ok: true, outcome: 'adopted' });
    expect(decideByRule('double_majority', null, t)).toEqual({ ok: true, outcome: 'rejected' });
    expect(decideByRule('double_majority', null, commissionTally(votes({ elected: { for: 2, against: 1 }, citizen: { for: 3 } })))).toEqual({ ok: true, outcome: 'adopted' });
  });

  test('quorum of votes cast (abstentions included), and no decision without votes', () => {
    const t = commissionTally(votes({ elected: { for: 1, abstain: 1 } }));
    expect(decideByRule('simple_majority', 3, t)).toMatchObject({ ok: false, message: expect.stringMatching(/Quorum non atteint : 2 votes pour un quorum de 3/) });
    expect(decideByRule('simple_majority', 2, t)).toEqual({ ok: true, outcome: 'adopted' });
    expect(decideByRule('simple_majority', null, commissionTally([]))).toMatchObject({ ok: false });
  });
});

import { ERROR_STATUS } from '../../shared/errors';
import { BILL_STATUSES, STATUS_LABELS_FR } from '../../shared/phases';
import { ACTORS, allowedPhases, decide, decideSuspension, isSuspended, OPERATIONS, POLICY, type Actor, type Rule } from '../../shared/policy';
import { runInLang, say } from '../../server/i18n';

/** The policy table, read as a whole: every operation × every actor × every phase. */

/** The qualities a person holding `actor` holds with it (a signed-in actor is also a citizen). */
const holding = (actor: Actor): Set<Actor> => new Set(actor === 'anonymous' ? ['anonymous'] : ['citizen', actor]);

describe('decide(), over the whole table', () => {
  const cases = OPERATIONS.flatMap((op) => ACTORS.flatMap((actor) => BILL_STATUSES.map((phase) => [op, actor, phase] as const)));

  test.each(cases)('%s by %s in phase %s', (op, actor, phase) => {
    const rule: Rule = POLICY[op];
    const actors = holding(actor);
    const expected = [...actors].some((a) => rule.allow[a]?.includes(phase));
    const d = decide(op, actors, phase);
    expect(d.ok).toBe(expected);
    if (d.ok) return;
    // a refusal always names a catalogue code and, but for hidden reads, the operation
    expect(ERROR_STATUS[d.code]).toBeGreaterThanOrEqual(400);
    if (rule.hidden) {
      expect(d.code).toBe('not_found');
      return;
    }
    expect(d.message.startsWith(`${rule.verb} : `)).toBe(true);
    const mayAtAll = [...actors].some((a) => rule.allow[a] !== undefined);
    if (mayAtAll) {
      expect(d.code).toBe('wrong_phase');
      expect(d.message).toContain(`« ${STATUS_LABELS_FR[phase]} »`);
    } else if (actor === 'anonymous') {
      expect(d.code).toBe('unauthenticated');
    } else {
      expect(d.code).toBe(rule.otherwise && actors.has(rule.otherwise.actor) ? rule.otherwise.code : 'forbidden');
    }
  });

  test('every operation is allowed to someone in some phase, and no write to a visitor', () => {
    for (const op of OPERATIONS) {
      expect(ACTORS.some((a) => allowedPhases(op, [a]).length > 0)).toBe(true);
      if (!(POLICY[op] as Rule).hidden) expect(allowedPhases(op, ['anonymous'])).toEqual([]);
    }
  });
});

describe('what the table says, in words', () => {
  test('depositing on an adopted bill names the deposit, not an edit', () => {
    const d = decide('amendment.submit', new Set(['citizen', 'author']), 'adopted');
    expect(d).toMatchObject({ ok: false, code: 'wrong_phase', message: 'Déposer un amendement : impossible en phase « Adopté », seulement en phase « Consultation » ou « Commission ».' });
  });

  test('the same refusal, said in English for an English page (the API keeps the French message)', () => {
    const d = decide('amendment.submit', new Set(['citizen', 'author']), 'adopted');
    if (d.ok) throw new Error('allowed');
    expect(runInLang({ lang: 'en', url: '/' }, () => d.explain(say()))).toBe('Table an amendment: not possible in the “Adopted” phase, only in the “Consultation” or “Commission” phase.');
    expect(d.explain(say())).toBe(d.message);
    const f = decide('amendment.decide', new Set(['citizen']), 'commission');
    if (f.ok) throw new Error('allowed');
    expect(runInLang({ lang: 'en', url: '/' }, () => f.explain(say()))).toBe('Decide in commission: reserved for administrators.');
  });

  test('a citizen proposing during the commission is told who may', () => {
    const d = decide('amendment.create', new Set(['citizen']), 'commission');
    expect(d).toMatchObject({ ok: false, code: 'wrong_phase', message: 'Proposer un amendement : pendant la phase « Commission », réservé aux membres de la commission.' });
    expect(decide('amendment.create', new Set(['citizen', 'commissionMember']), 'commission').ok).toBe(true);
  });

  test('a clerk not in charge is told to take the amendment over', () => {
    expect(decide('amendment.formalise', new Set(['citizen', 'clerk']), 'consultation')).toMatchObject({ ok: false, code: 'other_clerk_in_charge' });
    expect(decide('amendment.formalise', new Set(['citizen', 'clerk', 'clerkInCharge']), 'consultation').ok).toBe(true);
    expect(decide('amendment.formalise', new Set(['citizen']), 'consultation')).toMatchObject({ ok: false, code: 'forbidden' });
  });

  test('draft bills are read by admins and clerks only, others get a 404', () => {
    expect(decide('bill.read', new Set(['anonymous']), 'draft')).toMatchObject({ ok: false, code: 'not_found' });
    expect(decide('bill.read', new Set(['citizen', 'moderator']), 'draft')).toMatchObject({ ok: false, code: 'not_found' });
    expect(decide('bill.read', new Set(['citizen', 'clerk']), 'draft').ok).toBe(true);
    expect(decide('bill.read', new Set(['anonymous']), 'consultation').ok).toBe(true);
  });

  test('outside a bill only the actor counts; moderation is for moderators and admins', () => {
    expect(decide('contribution.moderate', new Set(['citizen', 'admin']), null).ok).toBe(true);
    expect(decide('contribution.moderate', new Set(['citizen']), null)).toMatchObject({ ok: false, code: 'forbidden', message: 'Modérer une contribution : réservé aux modérateurs ou administrateurs.' });
    expect(decide('user.setRoles', new Set(['anonymous']), null)).toMatchObject({ ok: false, code: 'unauthenticated' });
  });

  test('a moderator who wrote the contribution is barred from moderating it (one is not judge of one’s own case)', () => {
    expect(decide('contribution.moderate', new Set(['citizen', 'moderator', 'author']), null)).toMatchObject({
      ok: false, code: 'forbidden', message: 'Modérer une contribution : on ne modère pas sa propre contribution ; un autre modérateur en décidera.',
    });
    expect(decide('contribution.moderate', new Set(['citizen', 'admin', 'author']), null).ok).toBe(false);
    expect(decide('contribution.moderate', new Set(['citizen', 'moderator']), null).ok).toBe(true);
  });

  test('votes are open during the consultation only (what cast_vote_checked also checks)', () => {
    for (const op of ['vote.article', 'vote.amendment', 'vote.argument'] as const) expect(allowedPhases(op, ['citizen'])).toEqual(['consultation']);
  });

  test('mediators file for others during the consultation only; only admins declare them; anyone signed in claims', () => {
    expect(allowedPhases('contribution.onBehalf', ['mediator'])).toEqual(['consultation']);
    expect(decide('contribution.onBehalf', new Set(['citizen']), 'consultation')).toMatchObject({
      ok: false, code: 'forbidden', message: 'Contribuer pour une personne ou un atelier : réservé aux structures de médiation.',
    });
    expect(decide('contribution.onBehalf', new Set(['citizen', 'mediator']), 'commission')).toMatchObject({ ok: false, code: 'wrong_phase' });
    expect(decide('mediator.declare', new Set(['citizen', 'mediator']), null)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(decide('mediator.declare', new Set(['citizen', 'admin']), null).ok).toBe(true);
    expect(decide('contribution.claim', new Set(['citizen']), null).ok).toBe(true);
    expect(decide('contribution.claim', new Set(['anonymous']), null)).toMatchObject({ ok: false, code: 'unauthenticated' });
    // no vote row lets a mediator act as such: a mediator votes as the citizen it is, for itself
    for (const op of ['vote.article', 'vote.amendment', 'vote.argument'] as const) expect(POLICY[op].allow).not.toHaveProperty('mediator');
  });
});

describe('interest representatives and hearings (issue 17 › 2)', () => {
  test('any signed-in account may try to declare (the command keeps it to organisations); a visitor is told to sign in', () => {
    expect(decide('interest.declare', new Set(['citizen']), null).ok).toBe(true);
    expect(decide('interest.declare', new Set(['anonymous']), null)).toMatchObject({ ok: false, code: 'unauthenticated' });
  });

  test('clerks and admins mark an amendment as inspired, in every phase; a citizen or an author may not', () => {
    for (const phase of BILL_STATUSES) expect(decide('amendment.markInspiration', new Set(['citizen', 'clerk']), phase).ok).toBe(true);
    expect(decide('amendment.markInspiration', new Set(['citizen', 'author']), 'consultation')).toMatchObject({ ok: false, code: 'forbidden' });
  });

  test('the agenda of hearings: admins and clerks always, commission members during the consultation and the commission', () => {
    expect(decide('hearing.manage', new Set(['citizen', 'commissionMember']), 'commission').ok).toBe(true);
    expect(decide('hearing.manage', new Set(['citizen', 'commissionMember']), 'adopted')).toMatchObject({ ok: false, code: 'wrong_phase' });
    expect(decide('hearing.manage', new Set(['citizen', 'clerk']), 'adopted').ok).toBe(true);
    expect(decide('hearing.manage', new Set(['citizen']), 'consultation')).toMatchObject({ ok: false, code: 'forbidden' });
  });
});

describe('moderation at scale (docs/moderation.md)', () => {
  const now = new Date('2026-12-06T12:00:00Z');
  const none = { suspendedAt: null, suspendedUntil: null };
  const temporary = { suspendedAt: new Date('2026-12-01T00:00:00Z'), suspendedUntil: new Date('2026-12-10T00:00:00Z') };
  const permanent = { suspendedAt: new Date('2026-12-01T00:00:00Z'), suspendedUntil: null };

  test.each([
    // [operation, who, allowed]
    ['moderation.appeal', ['citizen', 'author'], true],
    ['moderation.appeal', ['citizen', 'moderator'], false],
    ['moderation.decideAppeal', ['citizen', 'moderator', 'reviewer'], true],
    ['moderation.decideAppeal', ['citizen', 'admin', 'reviewer'], true],
    ['moderation.decideAppeal', ['citizen', 'moderator'], false],
    ['moderation.decideAppeal', ['citizen'], false],
    ['account.suspend', ['citizen', 'moderator'], true],
    ['account.suspend', ['citizen', 'admin'], true],
    ['account.suspend', ['citizen', 'clerk'], false],
    ['account.lift', ['citizen', 'moderator'], true],
    ['account.lift', ['anonymous'], false],
  ] as const)('%s by %j: %s', (op, who, allowed) => {
    expect(decide(op, new Set<Actor>(who), null).ok).toBe(allowed);
  });

  test('a party to the case (the decider, an author, the appellant) is told another moderator settles its appeal', () => {
    expect(decide('moderation.decideAppeal', new Set(['citizen', 'moderator']), null)).toMatchObject({
      ok: false, code: 'forbidden', message: 'Trancher un appel : un autre modérateur, qui n’a ni pris la décision, ni écrit la contribution, ni formé l’appel, doit trancher l’appel.',
    });
  });

  test('a suspension holds until its end (none: for good), and refuses every write but the appeal and one’s own account', () => {
    expect(isSuspended(none, now)).toBe(false);
    expect(isSuspended(temporary, now)).toBe(true);
    expect(isSuspended(temporary, new Date('2026-12-10T00:00:01Z'))).toBe(false);
    expect(isSuspended(permanent, new Date('2099-01-01T00:00:00Z'))).toBe(true);
    for (const op of ['argument.post', 'vote.article', 'amendment.create', 'contribution.report', 'contribution.moderate', 'account.suspend', 'workspace.write', 'workspace.watch'] as const) {
      expect(decideSuspension(op, temporary, now)).toMatchObject({ ok: false, code: 'account_suspended' });
      expect(decideSuspension(op, none, now).ok).toBe(true);
    }
    expect(decideSuspension('argument.post', permanent, now)).toMatchObject({ message: expect.stringContaining('suspendu définitivement') });
    expect(decideSuspension('argument.post', temporary, now)).toMatchObject({ message: expect.stringContaining('suspendu jusqu’au 10 décembre 2026') });
    for (const op of ['moderation.appeal', 'account.delete', 'account.manage', 'notification.read', 'bill.read'] as const) expect(decideSuspension(op, permanent, now).ok).toBe(true);
  });
});

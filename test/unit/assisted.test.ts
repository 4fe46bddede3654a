import { randomBytes } from 'node:crypto';
import { formatClaimCode, normaliseClaimCode, provenanceLabel } from '../../shared/assisted';

describe('claim codes', () => {
  test('25 characters of Crockford base 32 in groups of five, read back however typed', () => {
    for (let i = 0; i < 200; i += 1) {
      const code = formatClaimCode(randomBytes(16));
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){4}$/);
      expect(normaliseClaimCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
    }
    expect(normaliseClaimCode('0O1IL-00000-00000-00000-00000')).toBe('00111-00000-00000-00000-00000');
    expect(normaliseClaimCode('ABCDE')).toBeNull();
    expect(normaliseClaimCode('UUUUU-UUUUU-UUUUU-UUUUU-UUUUU')).toBeNull();
  });
});

describe('the « recueilli par » mark', () => {
  const mediator = { name: 'Espace public numérique', town: 'Saint-Denis' };
  test('for a person, and for a workshop', () => {
    expect(provenanceLabel({ kind: 'person', displayName: 'Awa', mediator, claimed: false })).toBe('Au nom de Awa, recueilli par Espace public numérique (Saint-Denis)');
    expect(provenanceLabel({ kind: 'workshop', place: 'Maison de quartier', date: '2026-03-01', participants: 8, mediator, claimed: false }))
      .toBe('Atelier du 1er mars 2026 à Maison de quartier, 8 participants, recueilli par Espace public numérique (Saint-Denis)');
  });
});

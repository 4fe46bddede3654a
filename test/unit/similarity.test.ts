import { changeSignature, identityKey, NEAR_IDENTICAL, similarity } from '../../shared/similarity';

const base = ['Le mandat dure trois ans.', 'Il est renouvelable une fois.'];
const sig = (alineas: string[]) => changeSignature('modify', base, alineas);

describe('identical amendments', () => {
  test('same article, kind and text (blanks trimmed) share a key; deletions of one article too', () => {
    expect(identityKey('a1', 'modify', ['X ', 'Y'])).toBe(identityKey('a1', 'modify', ['X', 'Y']));
    expect(identityKey('a1', 'modify', ['X'])).not.toBe(identityKey('a2', 'modify', ['X']));
    expect(identityKey('a1', 'modify', ['X'])).not.toBe(identityKey('a1', 'insert_after', ['X']));
    expect(identityKey('a1', 'delete', [])).toBe(identityKey('a1', 'delete', []));
  });
});

describe('near-identical amendments compare their changes, not their whole text', () => {
  test('the same change is 1; the documented examples land on each side of the threshold', () => {
    const cinq = sig(['Le mandat dure cinq ans.', base[1]!]);
    expect(similarity(cinq, sig(['Le mandat dure cinq ans.', base[1]!]))).toBe(1);
    // « trois » → « cinq » vs « trois » → « cinq » plus « pleins »: 2 shared edits of 3
    const cinqPleins = sig(['Le mandat dure cinq ans pleins.', base[1]!]);
    expect(similarity(cinq, cinqPleins)).toBeCloseTo(2 / 3);
    expect(similarity(cinq, cinqPleins)).toBeGreaterThanOrEqual(NEAR_IDENTICAL);
    // « trois » → « cinq » vs « trois » → « six »: 1 shared edit of 3
    expect(similarity(cinq, sig(['Le mandat dure six ans.', base[1]!]))).toBeCloseTo(1 / 3);
  });

  test('changes to different alinéas have nothing in common, however similar the texts', () => {
    const a = sig(['Le mandat dure cinq ans.', base[1]!]);
    const b = sig([base[0]!, 'Il est renouvelable deux fois.']);
    expect(similarity(a, b)).toBe(0);
  });

  test('an inserted or deleted alinéa counts all its words', () => {
    const added = sig([...base, 'Le mandat est gratuit.']);
    expect([...added].sort()).toEqual(['after2:+est', 'after2:+gratuit', 'after2:+le', 'after2:+mandat']);
    const removed = sig([base[0]!]);
    expect(removed.has('1:-renouvelable')).toBe(true);
    expect(changeSignature('delete', base, [])).toEqual(new Set(['article:-']));
  });
});

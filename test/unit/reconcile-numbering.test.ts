import { formatArticleNumber, insertionIndex, numberAfter, numberBefore, parseArticleNumber } from '../../shared/reconcile';

describe('article numbers', () => {
  test('parse and format round-trip, canonical spelling included', () => {
    expect(parseArticleNumber('2 bis')).toEqual({ base: '2', adverb: 1, letters: '' });
    expect(parseArticleNumber('1er A')).toEqual({ base: '1er', adverb: 0, letters: 'A' });
    expect(parseArticleNumber('premier')).toEqual({ base: '1er', adverb: 0, letters: '' });
    expect(parseArticleNumber('3 TER B')).toEqual({ base: '3', adverb: 2, letters: 'B' });
    expect(parseArticleNumber('unique')).toEqual({ base: 'unique', adverb: 0, letters: '' });
    for (const n of ['1er', '2 bis', '4 decies', '1er A', '3 ter B', '12']) expect(formatArticleNumber(parseArticleNumber(n))).toBe(n);
  });

  test('after an article: bis, ter, … in turn, past the numbers already used', () => {
    expect(numberAfter('2', ['1er', '2', '3'])).toBe('2 bis');
    expect(numberAfter('2', ['1er', '2', '2 bis', '3'])).toBe('2 ter');
    expect(numberAfter('2', ['2', '2 bis', '2 ter', '2 quater', '2 quinquies', '2 sexies', '2 septies', '2 octies', '2 nonies'])).toBe('2 decies');
    expect(numberAfter('2 bis', ['2', '2 bis', '3'])).toBe('2 ter');
    expect(numberAfter('1er', ['1er A', '1er', '2'])).toBe('1er bis');
    // a number is past the whole family, gaps included, so that the order of decisions is kept
    expect(numberAfter('2', ['2', '2 ter'])).toBe('2 quater');
  });

  test('before article 1er: « 1er A », then « 1er B »; after « 1er A »: « 1er B »', () => {
    expect(numberBefore('1er', ['1er', '2'])).toBe('1er A');
    expect(numberBefore('1er', ['1er A', '1er', '2'])).toBe('1er B');
    expect(numberBefore('3', ['3'])).toBe('3 A');
    expect(numberBefore('1er A', ['1er A', '1er'])).toBe('1er AA');
    expect(numberAfter('1er A', ['1er A', '1er'])).toBe('1er B');
    expect(numberAfter('1er A', ['1er A', '1er B', '1er'])).toBe('1er C');
  });

  test('the adverbs and letters running out is an error, not a made-up number', () => {
    expect(() => numberAfter('2 vicies', ['2 vicies'])).toThrow(RangeError);
    expect(() => numberAfter('1er Z', ['1er Z'])).toThrow(RangeError);
  });

  test('a new article goes after its target and the target’s family', () => {
    const numbers = ['1er A', '1er', '2', '2 bis', '2 ter A', '2 ter', '3', '3 A'];
    expect(insertionIndex(numbers, 2)).toBe(6); // after 2 ter, before 3
    expect(insertionIndex(numbers, 3)).toBe(6); // after 2 bis: 2 ter A and 2 ter follow it
    expect(insertionIndex(numbers, 0)).toBe(1); // after 1er A, before 1er
    expect(insertionIndex(numbers, 7)).toBe(8);
  });
});

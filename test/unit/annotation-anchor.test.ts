import fc from 'fast-check';
import { CONTEXT_LENGTH, checkSelection, reanchor, type Anchor, type Selection } from '../../shared/annotation-anchor';

const ARTICLE = [
  'Le code des relations entre le public et l’administration est ainsi modifié :',
  'Les administrations publient en ligne les règles définissant les principaux traitements algorithmiques utilisés dans l’accomplissement de leurs missions.',
  'Un décret en Conseil d’État fixe les modalités d’application du présent article.',
];

/** A selection of `quote` at its first occurrence in alinéa `alinea` (1-based) of `alineas`. */
function select(alineas: readonly string[], alinea: number, quote: string, from = 0): Selection {
  const start = (alineas[alinea - 1] ?? '').indexOf(quote, from);
  if (start < 0) throw new Error(`fixture: « ${quote} » not in alinéa ${alinea}`);
  return { alinea, start, end: start + quote.length, quote };
}

/** The anchor that checkSelection would let the server store. */
function anchorOf(alineas: readonly string[], sel: Selection): Anchor {
  const check = checkSelection(alineas, sel);
  if (!check.ok) throw new Error(`fixture: ${check.message}`);
  return { ...sel, prefix: check.prefix, suffix: check.suffix };
}

describe('checkSelection', () => {
  it('accepts an exact quote and returns up to 32 characters of context on each side', () => {
    const sel = select(ARTICLE, 2, 'traitements algorithmiques');
    const result = checkSelection(ARTICLE, sel);
    expect(result).toEqual({
      ok: true,
      prefix: ARTICLE[1]!.slice(sel.start - CONTEXT_LENGTH, sel.start),
      suffix: ARTICLE[1]!.slice(sel.end, sel.end + CONTEXT_LENGTH),
    });
    expect(result.ok && result.prefix).toBe('gles définissant les principaux ');
    expect(result.ok && result.prefix.length).toBe(32);
  });

  it('returns shorter context at the edges of the alinéa, never text from a neighbouring alinéa', () => {
    expect(checkSelection(ARTICLE, select(ARTICLE, 3, 'Un décret'))).toEqual({
      ok: true,
      prefix: '',
      suffix: ' en Conseil d’État fixe les moda',
    });
    expect(checkSelection(ARTICLE, select(ARTICLE, 1, 'modifié :'))).toMatchObject({ ok: true, suffix: '' });
  });

  it('rejects a quote that differs from the selected text, even by case or accent', () => {
    const sel = select(ARTICLE, 3, 'Conseil d’État');
    for (const quote of ['conseil d’État', 'Conseil d’Etat', "Conseil d'État", 'Conseil d’État ']) {
      expect(checkSelection(ARTICLE, { ...sel, quote })).toMatchObject({ ok: false, reason: 'quote_mismatch' });
    }
  });

  it('rejects a range that is empty, reversed, negative, fractional or past the end of the alinéa', () => {
    const length = ARTICLE[2]!.length;
    const ranges: [number, number][] = [[5, 5], [6, 5], [-1, 3], [1.5, 4], [0, length + 1], [length, length + 1], [Number.NaN, 3]];
    for (const [start, end] of ranges) {
      const result = checkSelection(ARTICLE, { alinea: 3, start, end, quote: 'x' });
      expect(result).toMatchObject({ ok: false, reason: 'bad_range' });
    }
    expect(checkSelection(ARTICLE, { alinea: 3, start: 0, end: length, quote: ARTICLE[2]! }).ok).toBe(true);
  });

  it('rejects alinéa 0, a fractional alinéa and one past the last, with a message in French', () => {
    for (const alinea of [0, -1, 1.5, 4]) {
      const result = checkSelection(ARTICLE, { alinea, start: 0, end: 2, quote: 'Le' });
      expect(result).toMatchObject({ ok: false, reason: 'no_such_alinea' });
    }
    const result = checkSelection(ARTICLE, { alinea: 4, start: 0, end: 2, quote: 'Le' });
    expect(!result.ok && result.message).toBe("L'alinéa 4 n'existe pas : cet article compte 3 alinéas.");
  });

  it('counts offsets in UTF-16 code units: an emoji is 2 units, a decomposed accent is 2 units', () => {
    const decomposed = 'e\u0301'; // « é » as e + combining acute accent
    const alineas = [`Le 🇫🇷 drapeau 😀 et l’${decomposed}cole.`];
    const text = alineas[0]!;
    expect(checkSelection(alineas, select(alineas, 1, '😀'))).toMatchObject({ ok: true });
    expect(select(alineas, 1, '😀').end - select(alineas, 1, '😀').start).toBe(2);
    expect(checkSelection(alineas, select(alineas, 1, `${decomposed}cole`))).toMatchObject({ ok: true, prefix: `Le 🇫🇷 drapeau 😀 et l’` });
    // The precomposed « é » is a different string: no normalisation, so it does not match.
    const sel = select(alineas, 1, `${decomposed}cole`);
    expect(checkSelection(alineas, { ...sel, quote: 'école' })).toMatchObject({ ok: false, reason: 'quote_mismatch' });
    // Cutting between « e » and its combining accent is allowed: it is still valid UTF-16.
    const e = text.indexOf(decomposed);
    expect(checkSelection(alineas, { alinea: 1, start: e, end: e + 1, quote: 'e' })).toMatchObject({ ok: true });
  });

  it('rejects a range that cuts a surrogate pair in half', () => {
    const alineas = ['Un 😀 ici.'];
    const emoji = alineas[0]!.indexOf('😀');
    expect(checkSelection(alineas, { alinea: 1, start: emoji, end: emoji + 1, quote: '\ud83d' })).toMatchObject({ ok: false, reason: 'bad_range' });
    expect(checkSelection(alineas, { alinea: 1, start: emoji + 1, end: emoji + 3, quote: '\ude00 ' })).toMatchObject({ ok: false, reason: 'bad_range' });
  });

  it('shortens the context rather than cutting a surrogate pair at its far end', () => {
    // The 32nd unit before the quote is the second half of « 😀 »: the prefix keeps 31 units.
    const alineas = [`😀${'a'.repeat(31)}CIBLE${'b'.repeat(31)}😀`];
    const result = checkSelection(alineas, select(alineas, 1, 'CIBLE'));
    expect(result).toEqual({ ok: true, prefix: 'a'.repeat(31), suffix: 'b'.repeat(31) });
  });
});

describe('reanchor', () => {
  it('keeps the anchor exact when the text did not change', () => {
    const anchor = anchorOf(ARTICLE, select(ARTICLE, 3, 'Conseil d’État'));
    expect(reanchor(ARTICLE, anchor)).toEqual({ alinea: 3, start: anchor.start, end: anchor.end, status: 'exact' });
  });

  it('moves the anchor to the next alinéa when an alinéa was inserted before it', () => {
    const anchor = anchorOf(ARTICLE, select(ARTICLE, 2, 'traitements algorithmiques'));
    const later = [ARTICLE[0]!, 'Après le mot : « public », sont insérés les mots : « et les usagers ».', ARTICLE[1]!, ARTICLE[2]!];
    expect(reanchor(later, anchor)).toEqual({ alinea: 3, start: anchor.start, end: anchor.end, status: 'moved' });
  });

  it('moves the anchor inside its alinéa when words were inserted before the quote', () => {
    const anchor = anchorOf(ARTICLE, select(ARTICLE, 3, 'modalités'));
    const later = [ARTICLE[0]!, ARTICLE[1]!, 'Un décret en Conseil d’État, pris après avis de la CNIL, fixe les modalités d’application du présent article.'];
    const start = later[2]!.indexOf('modalités');
    expect(reanchor(later, anchor)).toEqual({ alinea: 3, start, end: start + 'modalités'.length, status: 'moved' });
  });

  it('orphans the anchor when the quoted words were deleted', () => {
    const anchor = anchorOf(ARTICLE, select(ARTICLE, 2, 'traitements algorithmiques'));
    const later = [ARTICLE[0]!, 'Les administrations publient en ligne leurs règles.', ARTICLE[2]!];
    expect(reanchor(later, anchor)).toEqual({ status: 'orphaned' });
  });

  it('chooses, of two occurrences, the one whose preceding text matches the stored prefix', () => {
    const alineas = ['Le ministre chargé du numérique publie un rapport.', 'Le ministre chargé de la culture publie un rapport.'];
    const anchor = anchorOf(alineas, select(alineas, 2, 'publie un rapport'));
    // The second alinéa moved first and both alinéas were reworded after the quote: only the
    // prefix still tells the two occurrences apart.
    const later = ['Le ministre chargé de la culture publie un rapport annuel.', 'Le ministre chargé du numérique publie un rapport annuel.'];
    const start = later[0]!.indexOf('publie un rapport');
    expect(reanchor(later, anchor)).toEqual({ alinea: 1, start, end: start + 'publie un rapport'.length, status: 'moved' });
  });

  it('chooses, of two occurrences in one alinéa, the one whose context matches', () => {
    const alineas = ['Le décret fixe la liste ; un second décret fixe les tarifs.'];
    const anchor = anchorOf(alineas, select(alineas, 1, 'décret', 10));
    const later = ['Un arrêté fixe la date. Le décret fixe la liste ; un second décret fixe les tarifs.'];
    const start = later[0]!.lastIndexOf('décret');
    expect(reanchor(later, anchor)).toEqual({ alinea: 1, start, end: start + 'décret'.length, status: 'moved' });
  });

  it('does not stay on an unrelated occurrence that happens to sit at the old offsets', () => {
    const alineas = ['Le décret est pris.', 'Le décret fixe les tarifs.'];
    const anchor = anchorOf(alineas, select(alineas, 2, 'décret'));
    // A new first alinéa pushes the real passage to alinéa 3; alinéa 2 now holds « décret » at
    // the same offsets but in another sentence.
    const later = ['Le présent article est ainsi rédigé :', 'Le décret est pris.', 'Le décret fixe les tarifs.'];
    expect(reanchor(later, anchor)).toEqual({ alinea: 3, start: anchor.start, end: anchor.end, status: 'moved' });
  });

  it('prefers the nearest alinéa when the context does not decide', () => {
    const alineas = ['A.', 'B.', 'C.', 'D.', 'E.'];
    const anchor: Anchor = { alinea: 4, start: 0, end: 2, quote: 'X.', prefix: '', suffix: '' };
    const later = ['X.', 'B.', 'C.', 'D.', 'X.'];
    expect(reanchor(alineas, anchor)).toEqual({ status: 'orphaned' });
    expect(reanchor(later, anchor)).toEqual({ alinea: 5, start: 0, end: 2, status: 'moved' });
  });

  it('orphans an anchor with an empty quote, which would match anywhere', () => {
    expect(reanchor(ARTICLE, { alinea: 1, start: 0, end: 0, quote: '', prefix: '', suffix: '' })).toEqual({ status: 'orphaned' });
  });

  it('finds the quote again when the anchored alinéa no longer exists', () => {
    const anchor = anchorOf(ARTICLE, select(ARTICLE, 3, 'présent article'));
    const later = [ARTICLE[2]!];
    const start = later[0]!.indexOf('présent article');
    expect(reanchor(later, anchor)).toEqual({ alinea: 1, start, end: start + 'présent article'.length, status: 'moved' });
  });

  it('re-anchors exactly, at the same offsets, any valid selection on the unchanged text', () => {
    // Few distinct characters, so that quotes often occur several times and the context decides.
    const chars = fc.constantFrom('a', 'b', ' ', 'é', 'e\u0301', '😀', '«', '»');
    const alinea = fc.array(chars, { minLength: 1, maxLength: 80 }).map((cs) => cs.join(''));
    const scenario = fc
      .array(alinea, { minLength: 1, maxLength: 6 })
      .chain((alineas) =>
        fc.record({
          alineas: fc.constant(alineas),
          index: fc.nat(alineas.length - 1),
          a: fc.nat(),
          b: fc.nat(),
        }),
      )
      .map(({ alineas, index, a, b }) => {
        const text = alineas[index]!;
        // Offsets on code point boundaries only, as a browser selection would give.
        const boundaries = [0];
        for (const cp of text) boundaries.push(boundaries[boundaries.length - 1]! + cp.length);
        const i = a % boundaries.length;
        let j = b % boundaries.length;
        if (i === j) j = i === boundaries.length - 1 ? i - 1 : i + 1;
        const [start, end] = [boundaries[Math.min(i, j)]!, boundaries[Math.max(i, j)]!];
        return { alineas, sel: { alinea: index + 1, start, end, quote: text.slice(start, end) } };
      });
    fc.assert(
      fc.property(scenario, ({ alineas, sel }) => {
        const check = checkSelection(alineas, sel);
        expect(check.ok).toBe(true);
        if (!check.ok) return;
        expect(check.prefix.length).toBeLessThanOrEqual(CONTEXT_LENGTH);
        expect(check.suffix.length).toBeLessThanOrEqual(CONTEXT_LENGTH);
        expect(alineas[sel.alinea - 1]!.slice(sel.start - check.prefix.length, sel.end + check.suffix.length)).toBe(
          check.prefix + sel.quote + check.suffix,
        );
        expect(reanchor(alineas, { ...sel, ...check })).toEqual({ alinea: sel.alinea, start: sel.start, end: sel.end, status: 'exact' });
      }),
      { numRuns: 300 },
    );
  });
});

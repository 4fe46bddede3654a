import { FORM_STATE_MAX_KEEP_MS, putFormState, takeFormState } from '../../server/pages/flash';

/** A refused form's sealed state (docs/forms.md): it lasts a minute, or what its caller asked (at most an hour). */
test('a sealed form state lasts a minute by default', () => {
  const at = 1_800_000_000_000;
  const sealed = putFormState({ form: 'x', values: { texte: 'Bonjour' } }, at)!;
  expect(takeFormState(sealed, at + 59_000)).toEqual({ form: 'x', values: { texte: 'Bonjour' } });
  expect(takeFormState(sealed, at + 61_000)).toBeUndefined();
});

test('a state kept longer (the step before filing: half an hour) lasts that long, and never past an hour', () => {
  const at = 1_800_000_000_000;
  const half = putFormState({ form: 'avant-depot', values: { texte: 'Bonjour' } }, at, 30 * 60_000)!;
  expect(takeFormState(half, at + 29 * 60_000)?.values).toEqual({ texte: 'Bonjour' });
  expect(takeFormState(half, at + 31 * 60_000)).toBeUndefined();
  const day = putFormState({ form: 'y' }, at, 24 * 3600_000)!;
  expect(takeFormState(day, at + FORM_STATE_MAX_KEEP_MS - 1000)).toEqual({ form: 'y' });
  expect(takeFormState(day, at + FORM_STATE_MAX_KEEP_MS + 1000)).toBeUndefined();
});

test('secrets never travel; a forged or altered state is refused', () => {
  const sealed = putFormState({ values: { courriel: 'a@b.fr', motdepasse: 'x', graine: 'y' } })!;
  expect(takeFormState(sealed)?.values).toEqual({ courriel: 'a@b.fr' });
  const flipped = sealed.slice(0, 20) + (sealed[20] === 'A' ? 'B' : 'A') + sealed.slice(21);
  expect(takeFormState(flipped)).toBeUndefined();
  expect(takeFormState('abc')).toBeUndefined();
  expect(takeFormState(undefined)).toBeUndefined();
});

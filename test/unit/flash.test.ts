import { putFlash, setFlashKey, takeFlash } from '../../server/pages/flash';

describe('flash messages sealed in the address', () => {
  test('a message comes back as it was put, and only for a minute', () => {
    const sealed = putFlash('Rôles de Camille : greffe.', 1_000_000);
    expect(sealed).not.toContain('Camille');
    expect(takeFlash(sealed, 1_000_000 + 59_000)).toBe('Rôles de Camille : greffe.');
    expect(takeFlash(sealed, 1_000_000 + 61_000)).toBeUndefined();
  });

  test('a crafted or altered token says nothing', () => {
    const sealed = putFlash('Texte créé.');
    const flipped = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'B' : 'A') + sealed.slice(-1);
    expect(takeFlash(flipped)).toBeUndefined();
    expect(takeFlash('Vous avez gagné')).toBeUndefined();
    expect(takeFlash(['x'])).toBeUndefined();
    expect(takeFlash('')).toBeUndefined();
  });

  test('processes sharing a key read each other’s messages; another key does not', () => {
    setFlashKey(Buffer.from('la clé partagée par tous les processus'));
    const sealed = putFlash('Membre retiré.');
    setFlashKey(Buffer.from('une autre clé'));
    expect(takeFlash(sealed)).toBeUndefined();
    setFlashKey(Buffer.from('la clé partagée par tous les processus'));
    expect(takeFlash(sealed)).toBe('Membre retiré.');
  });
});

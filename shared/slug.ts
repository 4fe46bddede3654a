/** An ASCII slug: no accents, lower case, words joined by « - » (« Élise Dupont » → `elise-dupont`); '' when nothing is left. */
export function slug(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

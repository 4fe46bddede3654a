import { runInLang } from '../../server/i18n';
import { opinionMapSvg } from '../../server/pages/opinion-pages';
import { frenchLooking, textOutsideFrench } from '../helpers/i18n-html';

/**
 * Issue 16 › 5: the opinion map's picture speaks the page's language: its title and description
 * (its accessible name) and the counts on its discs go through the catalogue, with plurals.
 */
const GROUPS = [
  { id: 'A', size: 12, x: -1, y: 0.5 },
  { id: 'B', size: 1, x: 1, y: -0.5 },
] as unknown as Parameters<typeof opinionMapSvg>[0];

const svg = (lang: 'fr' | 'en') => runInLang({ lang, url: '/' }, () => opinionMapSvg(GROUPS));

test('in English: title, description and counts in English, nothing French-looking', () => {
  const en = svg('en');
  expect(en).toContain('<title id="carte-titre">Map of the opinion groups</title>');
  expect(en).toContain('<desc id="carte-desc">group A, 12 voters; group B, 1 voter. The closer two groups are');
  expect(en).toContain('>12 voters</text>');
  expect(en).toContain('>1 voter</text>');
  expect(frenchLooking(en)).toEqual([]);
});

test('in French: the French text, singular for one', () => {
  const fr = svg('fr');
  expect(fr).toContain('<title id="carte-titre">Carte des groupes d’opinion</title>');
  expect(fr).toContain('<desc id="carte-desc">groupe A, 12 votants ; groupe B, 1 votant. Plus deux groupes');
  expect(fr).toContain('>1 votant</text>');
});

test('the English-page check reads an SVG’s title (an image’s name), not the page’s <title>', () => {
  const page = '<html lang="en"><head><title>Projet de loi</title></head><body><svg role="img"><title>Carte des groupes</title><desc>Plus deux groupes sont proches…</desc></svg></body></html>';
  expect(textOutsideFrench(page)).toEqual(['Carte des groupes', 'Plus deux groupes sont proches…']);
  expect(frenchLooking(page)).toEqual(['Carte des groupes', 'Plus deux groupes sont proches…']);
});

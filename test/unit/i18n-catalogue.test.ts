import fs from 'node:fs';
import path from 'node:path';
import { CLIENT_EN } from '../../client/src/i18n-en';
import { EN } from '../../server/i18n/en';
import { CONFIRMATIONS_EN } from '../../shared/confirmations-en';
import { currentLang, formatDate, runInLang, t, th, tn } from '../../server/i18n';
import { negotiate } from '../../server/i18n/middleware';
import { html } from '../../server/html';
import { tMessage } from '../../server/i18n/message';
import { CLIENT_DIRS, extractKeys, requiredEntries, SERVER_DIRS } from '../helpers/i18n-keys';

/**
 * Every interface string the sources ask for has its English: the keys are read from the syntax
 * trees of server/, shared/ and client/src (t('…'), th('…'), msg('…'), tn('…', '…', n)).
 */
describe.each([
  ['server and shared', SERVER_DIRS, EN, 'server/i18n/en/'],
  ['browser', CLIENT_DIRS, CLIENT_EN, 'client/src/i18n-en.ts'],
] as const)('the English catalogue of the %s code', (_name, dirs, catalogue, where) => {
  const need = requiredEntries(extractKeys([...dirs]));

  test('has every key the sources use', () => {
    const missing = [...need].filter(([key]) => !(key in catalogue)).map(([key, at]) => `${at}: ${JSON.stringify(key)}`);
    if (missing.length) throw new Error(`${missing.length} interface strings have no English in ${where} (npx tsx scripts/i18n-missing.ts):\n${missing.join('\n')}`);
  });

  test('has no entry the sources no longer use', () => {
    const unused = Object.keys(catalogue).filter((key) => !need.has(key));
    expect(unused).toEqual([]);
  });

  test('keeps the {{placeholders}} of each French key', () => {
    const names = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const wrong = Object.entries(catalogue).filter(([fr, en]) => names(fr.replace(/_(one|other)$/, '')).join() !== names(en).join() && !(fr.endsWith('_one') && names(en).length === 0));
    expect(wrong).toEqual([]);
  });
});

describe('t, tn, th', () => {
  test('outside a request, French: the key itself, filled', () => {
    expect(currentLang()).toBe('fr');
    expect(t('Projets de loi')).toBe('Projets de loi');
    expect(tn('{{count}} article', '{{count}} articles', 0)).toBe('0 article');
    expect(tn('{{count}} article', '{{count}} articles', 3)).toBe('3 articles');
  });

  test('in English: the catalogue, plurals by i18next, dates by Intl', () => {
    runInLang({ lang: 'en', url: '/' }, () => {
      expect(t('Projets de loi')).toBe('Bills');
      expect(tn('{{count}} article', '{{count}} articles', 1)).toBe('1 article');
      expect(tn('{{count}} article', '{{count}} articles', 2)).toBe('2 articles');
      expect(formatDate(new Date('2026-12-06T12:00:00Z'))).toBe('6 December 2026');
    });
    expect(formatDate(new Date('2026-12-06T12:00:00Z'))).toBe('6 décembre 2026');
  });

  test('th escapes the translated text and inserts the markup it is given', () => {
    const link = html`<a href="/connexion">${'Connectez-vous'}</a>`;
    expect(th('{{lien}} pour donner votre avis.', { lien: link }).value).toBe('<a href="/connexion">Connectez-vous</a> pour donner votre avis.');
    expect(th('{{lien}} pour donner votre avis.', { lien: '<b>' }).value).toBe('&lt;b&gt; pour donner votre avis.');
  });
});

test('Accept-Language: French wherever it is named; English only without French; else French', () => {
  expect(negotiate(undefined)).toBe('fr');
  expect(negotiate('en-US,en;q=0.9,fr;q=0.8')).toBe('fr');
  expect(negotiate('en-GB,en;q=0.9')).toBe('en');
  expect(negotiate('de-DE')).toBe('fr');
});

test('no key has its English in two catalogue files (the one spread last would silently win)', () => {
  const dir = path.join(__dirname, '../../server/i18n/en');
  const where = new Map<string, string[]>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(dir, file)) as Record<string, unknown>;
    for (const part of Object.values(mod)) {
      if (typeof part !== 'object' || part === null) continue;
      for (const key of Object.keys(part)) where.set(key, [...(where.get(key) ?? []), file]);
    }
  }
  // the confirmations' English (shared with the browser) is one more catalogue file
  for (const key of Object.keys(CONFIRMATIONS_EN)) where.set(key, [...(where.get(key) ?? []), 'shared/confirmations-en.ts']);
  expect([...where].filter(([, files]) => files.length > 1).map(([key, files]) => `${key}: ${files.join(', ')}`)).toEqual([]);
  expect(where.size).toBeGreaterThan(500);
});

test('a domain message filled from a catalogue key is said in English from that key, with its values', () => {
  runInLang({ lang: 'en', url: '/' }, () => {
    expect(String(tMessage('Au moins 12 caractères.'))).toBe('At least 12 characters.');
    expect(String(tMessage('Caractère interdit (NUL ou demi-paire UTF-16 isolée) dans le champ « titre ».'))).toBe('Forbidden character (NUL or lone UTF-16 surrogate) in the field <span lang="fr">« titre »</span>.');
    expect(String(tMessage('Ce champ est requis.'))).toBe('This field is required.');
    // not from the catalogue: shown as it is, marked French
    expect(String(tMessage('Un message que personne n’a traduit.'))).toBe('<span lang="fr">Un message que personne n’a traduit.</span>');
  });
  runInLang({ lang: 'fr', url: '/' }, () => expect(String(tMessage('Au moins 12 caractères.'))).toBe('Au moins 12 caractères.'));
});

test('a value of a filled message that is itself a message of the catalogue is said in English too', () => {
  runInLang({ lang: 'en', url: '/' }, () => {
    expect(String(tMessage('Réponse à revoir : choisissez une des catégories de « âge ».'))).toBe('Answer to review: choose one of the categories of « <span lang="fr">âge</span> ».');
    expect(String(tMessage('Réponse à revoir : critère inconnu.'))).toBe('Answer to review: unknown criterion.');
  });
});

test('the domain commands’ refusals and notifications are said in English on pages, their French unchanged', () => {
  const refused = 'Cet amendement n’est plus ouvert : il ne peut plus être cosigné.';
  const fallen = 'Le sous-amendement n° COM-3 est tombé : L’amendement n° COM-1, qu’il modifiait, a été retiré.';
  runInLang({ lang: 'en', url: '/' }, () => {
    expect(String(tMessage(refused))).toBe('This amendment is no longer open: it can no longer be co-signed.');
    // filled, with a value that is itself a filled message of the catalogue, whose value is one too
    expect(String(tMessage(fallen))).toBe('Sub-amendment no. COM-3 has fallen: Amendment no. COM-1, which it changed, was withdrawn.');
    // the key with the most fixed text reads it: not « version {{n}} »
    expect(String(tMessage('version antérieure : « 12 rect. » est déjà importé'))).toBe('earlier version: “<span lang="fr">12 rect.</span>” is already imported');
  });
  runInLang({ lang: 'fr', url: '/' }, () => expect(String(tMessage(fallen))).toBe(fallen));
});

test('reading a message back is linear in its length, and people’s own words in it are never read as a message', () => {
  runInLang({ lang: 'en', url: '/' }, () => {
    // a crafted reason of 590 characters made of pieces of catalogue keys: no backtracking
    const crafted = 'Réponse à revoir : '.concat('Au moins  caractères. est tombé : « » '.repeat(15)).slice(0, 590);
    const started = performance.now();
    for (let i = 0; i < 20; i++) tMessage(crafted);
    expect(performance.now() - started).toBeLessThan(2_000);
    // a value that is not a message slot keeps its words, even when they look like a message
    const quoted = 'Réponse à revoir : critère inconnu.';
    expect(String(tMessage(quoted))).toBe('Answer to review: unknown criterion.');
  });
});

test('a refused minutes file says why in English, its reason read from the catalogue', () => {
  runInLang({ lang: 'en', url: '/' }, () => {
    expect(String(tMessage('Compte rendu refusé : le fichier est vide. Envoyez un PDF ou un fichier texte.'))).toBe('Minutes refused: the file is empty. Send a PDF or a text file.');
  });
});

test('the values a filled message keeps French are marked lang="fr" on English pages: words, not numbers or labels', () => {
  const unknownReason = 'une raison que le catalogue n’a pas';
  runInLang({ lang: 'en', url: '/' }, () => {
    // a person's name (a value with words), a number left bare
    expect(String(tMessage('Aucun compte ne s’appelle « Jeanne <b> Dupont ».'))).toBe('No account is called “<span lang="fr">Jeanne &lt;b&gt; Dupont</span>”.');
    expect(String(tMessage('Au moins 12 caractères.'))).toBe('At least 12 characters.');
    // a label without a lowercase letter (« COM-3 ») is the same in both languages
    expect(String(tMessage('Le sous-amendement n° COM-3 est tombé : L’amendement n° COM-1, qu’il modifiait, a été retiré.'))).toBe('Sub-amendment no. COM-3 has fallen: Amendment no. COM-1, which it changed, was withdrawn.');
    // a message slot whose value the catalogue cannot read: kept, marked French
    expect(String(tMessage(`Réponse à revoir : ${unknownReason}.`))).toBe(`Answer to review: <span lang="fr">${unknownReason}</span>.`);
  });
  // French pages: as it was, nothing marked
  runInLang({ lang: 'fr', url: '/' }, () => expect(String(tMessage('Aucun compte ne s’appelle « Jeanne <b> Dupont ».'))).toBe('Aucun compte ne s’appelle « Jeanne &lt;b&gt; Dupont ».'));
});

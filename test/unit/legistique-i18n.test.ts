/**
 * The dispositif engine's refusals on English pages (issue 16 › 5): the API keeps their French,
 * byte for byte; a page says them in English, read back from their whole-sentence keys
 * (server/i18n/en/legistique.ts) with their values — an alinéa's number, an operation's label, a
 * rank — and no French is left but the quoted words.
 */
import { runInLang } from '../../server/i18n';
import { tMessage } from '../../server/i18n/message';
import { textareaField } from '../../server/pages/amendment-parts';
import { resolveFormalisation } from '../../shared/formalisation';
import { fill, msg } from '../../shared/i18n';
import { applyDispositif, applySubAmendment } from '../../shared/legistique';

const ARTICLE = ['Le chat dort. Le chien mange.', 'Le loup hurle.'];

function refusal(dispositif: string): string {
  const r = applyDispositif(ARTICLE, dispositif);
  if (r.ok) throw new Error(`applied: ${dispositif}`);
  return r.error.message;
}

const english = (message: string): string => runInLang({ lang: 'en', url: '/' }, () => String(tMessage(message)));

/** French words of the refusals' sentences, once the quoted words (“…”, people's and the dispositif's own) are set aside. */
const FRENCH = /\b(?:Opération|alinéa|phrase|ligne|dernière|avant-dernière|deuxième|troisième|occurrence du|figure|figurent|ne|pas|dans|cet|fois|dispositif|Le|la|les|du|des)\b|lang="fr"/u;
const unquoted = (s: string): string => s.replace(/“[^”]*”/gu, '“”');

/** [dispositif, its French refusal (as the API gives it), the same refusal on an English page]. */
const CASES: [string, string, string][] = [
  ['Supprimer l’alinéa 5.',
    'Opération I\u00a0: l’alinéa 5 n’existe pas (l’article en compte 2).',
    'Operation I: paragraph 5 does not exist (the article has 2).'],
  ['I. Supprimer l’alinéa 2.\nII. Rédiger ainsi le début de la dernière phrase de l’alinéa 1 : « Zzz qqq… »',
    'Opération II\u00a0: les derniers mots du nouveau début ne figurent pas dans la dernière phrase de l’alinéa 1\u00a0: où il rejoint le texte n’est pas dit.',
    'Operation II: the last words of the new beginning do not appear in the last sentence of paragraph 1: where it joins the text is not said.'],
  ['À l’alinéa 1, supprimer la deuxième occurrence du mot : « chat ».',
    'Opération I\u00a0: il n’y a pas de deuxième occurrence du mot «\u00a0chat\u00a0» à l’alinéa 1 (une seule fois).',
    'Operation I: there is no second occurrence of the word “<span lang="fr">chat</span>” in paragraph 1 (only one).'],
  ['Supprimer la troisième phrase de l’alinéa 1.',
    'Opération I\u00a0: l’alinéa 1 n’a pas de troisième phrase.',
    'Operation I: paragraph 1 has no third sentence.'],
  ['Supprimer l’avant-dernière phrase de l’alinéa 2.',
    'Opération I\u00a0: l’alinéa 2 n’a pas de avant-dernière phrase.',
    'Operation I: paragraph 2 has no second-to-last sentence.'],
  ['Supprimer la 21e phrase de l’alinéa 1.',
    'Opération I\u00a0: l’alinéa 1 n’a pas de 21e phrase.',
    'Operation I: paragraph 1 has no 21st sentence.'],
  ['Supprimer le mot : « Le ».',
    'Opération I\u00a0: le mot «\u00a0Le\u00a0» figure 3 fois dans cet article\u00a0: citez des mots voisins ou précisez l’occurrence («\u00a0la première occurrence\u00a0»).',
    'Operation I: the word “<span lang="fr">Le</span>” appears 3 times in this article: quote neighbouring words or name the occurrence (“la première occurrence”).'],
  ['Blabla.',
    'Opération I\u00a0: la phrase «\u00a0Blabla.\u00a0» (ligne 1) ne peut pas être lue\u00a0: phrase non reconnue.',
    'Operation I: the sentence “<span lang="fr">Blabla.</span>” (line 1) cannot be read: sentence not recognised.'],
];

describe('the dispositif’s refusals', () => {
  test.each(CASES)('%s: French for the API, English on a page', (dispositif, french, inEnglish) => {
    const message = refusal(dispositif);
    expect(message).toBe(french);
    expect(english(message)).toBe(inEnglish);
    expect(unquoted(english(message))).not.toMatch(FRENCH);
    // on a French page, the French as it is
    expect(runInLang({ lang: 'fr', url: '/' }, () => String(tMessage(message)))).toBe(french);
  });

  test('a clerk’s formalisation refused: the dispositif’s refusal inside the formalisation’s, both in English', () => {
    const r = resolveFormalisation({ kind: 'modify', base: ARTICLE, dispositif: 'Supprimer la troisième phrase de l’alinéa 1.', fallback: [] });
    if (r.ok) throw new Error('formalised');
    expect(r.message).toBe('Le dispositif ne s’applique pas à l’article : Opération I\u00a0: l’alinéa 1 n’a pas de troisième phrase.');
    expect(english(r.message)).toBe('The operative text does not apply to the article: Operation I: paragraph 1 has no third sentence.');
  });

  test('five levels deep: a sous-amendement that no longer applies, refused at the commission’s decision', () => {
    const r = applyDispositif(ARTICLE, 'À l’alinéa 2, supprimer les mots : « le renard ».');
    if (r.ok) throw new Error('applied');
    const stale = fill(msg('l’amendement n° {{numero}} a changé depuis son dépôt et ce sous-amendement ne s’y applique plus ({{raison}})'), { numero: 'COM-1', raison: r.error.message });
    const refused = fill(msg('Impossible d’adopter l’amendement n° {{numero}} : {{raison}}'), { numero: 'COM-2', raison: stale });
    expect(english(refused)).toBe('Cannot adopt amendment no. COM-2: amendment no. COM-1 has changed since it was tabled and this sub-amendment no longer applies to it (Operation I: the words “<span lang="fr">le renard</span>” do not appear in paragraph 2.)');
  });

  test('a sous-amendement that names no amendment', () => {
    const r = applySubAmendment(['Supprimer l’alinéa 2.'], 'Supprimer l’alinéa 1.');
    if (r.ok) throw new Error('applied');
    expect(english(r.error.message)).toBe('Operation I: this operative text does not name the amendment it changes (“Amendement n° 78 rectifié, alinéa 9”).');
  });

  test('on the clerk’s form, the dispositif field’s error is said in English', () => {
    const field = runInLang({ lang: 'en', url: '/' }, () => String(textareaField({ id: 'dispositif', name: 'dispositif', label: 'Operative text', value: '', rows: 3, error: refusal('Supprimer l’alinéa 5.') })));
    expect(field).toContain('<p class="field-error" id="dispositif-error">Operation I: paragraph 5 does not exist (the article has 2).</p>');
    expect(field).not.toContain('Opération');
  });
});

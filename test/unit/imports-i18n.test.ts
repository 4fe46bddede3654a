/**
 * The importers' refusals and the commission's rules on English pages (issue 16 › 5): the API
 * keeps their French, byte for byte; a page says them in English, read back from their
 * whole-sentence keys (server/i18n/en/imports.ts), and no French is left but the values taken from
 * the imported document (an article's number, a key, an element's name), marked `lang="fr"`.
 */
import { runInLang } from '../../server/i18n';
import { tMessage } from '../../server/i18n/message';
import { AKN_NS, parseAknBill } from '../../shared/akn-bill';
import { adoptionBlocker, COLLEGE_LABELS_FR, decideByRule, type CommissionTally } from '../../shared/commission';
import { parseLaFabriqueJson } from '../../shared/lafabrique';
import { parseLegisticText } from '../../shared/legistic-text';
import { parseSenatCsv } from '../../shared/parliament/amendments';

const english = (message: string): string => runInLang({ lang: 'en', url: '/' }, () => String(tMessage(message)));

/** French words and signs of these messages, once the values marked French are set aside. */
const FRENCH = /[éèàçù«»]|\b(?:le|la|les|du|des|un|une|ne|pas|et|aucun|alinéa|trouvé|attendu|non|texte|mal|formé)\b/u;
const withoutData = (s: string): string => s.replace(/<span lang="fr">[^<]*<\/span>/g, '');

function issues(r: { ok: boolean; issues?: { message: string }[] }): string[] {
  if (r.ok || !r.issues) throw new Error('imported');
  return r.issues.map((i) => i.message);
}

const tally = (total: number): CommissionTally => ({
  all: { for: total, against: 0, abstain: 0, total },
  elected: { for: total, against: 0, abstain: 0, total },
  citizen: { for: 0, against: 0, abstain: 0, total: 0 },
});

/** A rule's or a parser's refusal (`{ ok: false, message }`), or a blocker (`{ code, message }`). */
function refusal(r: { ok?: boolean; message?: string } | null): string {
  if (!r || r.ok === true || r.message === undefined) throw new Error('not refused');
  return r.message;
}

/** [the French as the parser or rule gives it (the API's), the same on an English page]. */
const CASES: [string, string, string][] = [
  [issues(parseLegisticText('PROJET DE LOI\nArticle 3a\nfoo'))[0]!,
    'Numéro d’article non reconnu : « 3a » (attendu par exemple « 1er », « 2 bis », « 1er A »).',
    'Article number not recognised: “<span lang="fr">3a</span>” (expected for example “1er”, “2 bis”, “1er A”).'],
  [issues(parseLegisticText('PROJET DE LOI\nArticle 1er\nfoo\nArticle 1er\nbar'))[0]!,
    'L’article 1er apparaît deux fois : lignes 2 et 4.',
    'Article <span lang="fr">1er</span> appears twice: lines 2 and 4.'],
  [issues(parseLegisticText('x'.repeat(20), { maxChars: 10 }))[0]!,
    'Le texte est trop long : 20 caractères, pour 10 au plus.',
    'The text is too long: 20 characters, for at most 10.'],
  // a refusal holding scanXml's reason: both read back
  [issues(parseAknBill('<a>'.repeat(101) + '</a>'.repeat(101), { maxChars: 10_000 }))[0]!,
    'XML mal formé : Imbrication trop profonde : plus de 100 éléments.',
    'Malformed XML: Nesting too deep: more than 100 elements.'],
  [issues(parseAknBill('<a><b></a>', { maxChars: 10_000 }))[0]!,
    'XML mal formé : Balise fermante </a> sans balise ouvrante correspondante.',
    'Malformed XML: Closing tag &lt;/<span lang="fr">a</span>&gt; without a matching opening tag.'],
  [issues(parseAknBill(`<akomaNtoso xmlns="${AKN_NS}"><act><body></body></act></akomaNtoso>`, { maxChars: 10_000, titleGiven: true }))[0]!,
    'Le document ne contient aucun article (<article>).',
    'The document contains no article (&lt;article&gt;).'],
  [issues(parseAknBill('<debate/>', { maxChars: 10_000 }))[0]!,
    `Élément racine attendu : <akomaNtoso xmlns="${AKN_NS}"> (Akoma Ntoso 3.0), trouvé <debate>.`,
    `Root element expected: &lt;akomaNtoso xmlns=&quot;${AKN_NS}&quot;&gt; (Akoma Ntoso 3.0), found &lt;<span lang="fr">debate</span>&gt;.`],
  [issues(parseLaFabriqueJson({ titre: 'T', articles: [{ type: 'article', titre: '1er', order: 1, alineas: { a: 'x' } }] }))[0]!,
    'Clé d’alinéa non numérique : « a ».',
    'Non-numeric paragraph key: “<span lang="fr">a</span>”.'],
  [issues(parseLaFabriqueJson({ titre: 'T', articles: [{ type: 'article', titre: '1er', order: 1, alineas: { '001': ' ' } }] }))[0]!,
    'Alinéa vide.',
    'Empty paragraph.'],
  [refusal(parseSenatCsv('Numéro\tSubdivision\tDispositif\n')),
    'Aucune ligne d’amendement.',
    'No amendment row.'],
  [refusal(decideByRule('simple_majority', 3, tally(0))),
    'Quorum non atteint : 0 vote pour un quorum de 3.',
    'Quorum not reached: no votes for a quorum of 3.'],
  [refusal(decideByRule('simple_majority', 3, tally(1))),
    'Quorum non atteint : 1 vote pour un quorum de 3.',
    'Quorum not reached: 1 vote for a quorum of 3.'],
  [refusal(decideByRule('simple_majority', 3, tally(2))),
    'Quorum non atteint : 2 votes pour un quorum de 3.',
    'Quorum not reached: 2 votes for a quorum of 3.'],
  [refusal(adoptionBlocker([], [])),
    'La commission doit compter des membres dans les deux collèges avant d’adopter le texte : il manque le collège « Élus » et le collège « Citoyens ».',
    'The commission must have members in both colleges before adopting the text: the “Elected members” and “Citizens” colleges have none.'],
  [refusal(adoptionBlocker([{ college: 'elected' }], [])),
    'La commission doit compter des membres dans les deux collèges avant d’adopter le texte : il manque le collège « Citoyens ».',
    'The commission must have members in both colleges before adopting the text: the “Citizens” college has none.'],
  [refusal(adoptionBlocker([{ college: 'elected' }, { college: 'citizen' }], ['a', 'b'])),
    '2 amendements attendent encore une décision de la commission (adopté, rejeté ou clos sans examen) : le texte ne peut pas être adopté.',
    '2 amendments still await the commission’s decision (adopted, rejected or closed without examination): the text cannot be adopted.'],
];

describe('the importers’ refusals and the commission’s rules', () => {
  test.each(CASES)('%s', (message, french, inEnglish) => {
    expect(message).toBe(french);
    expect(english(message)).toBe(inEnglish);
    expect(withoutData(english(message))).not.toMatch(FRENCH);
    // on a French page, the French as it is
    expect(runInLang({ lang: 'fr', url: '/' }, () => String(tMessage(message)))).toBe(french.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'));
  });

  test('a missing college is named as the commission pages name it (COLLEGE_LABELS_FR)', () => {
    expect(refusal(adoptionBlocker([{ college: 'citizen' }], []))).toContain(`le collège « ${COLLEGE_LABELS_FR.elected} »`);
    expect(refusal(adoptionBlocker([{ college: 'elected' }], []))).toContain(`le collège « ${COLLEGE_LABELS_FR.citizen} »`);
    expect(refusal(adoptionBlocker([], []))).toContain(`le collège « ${COLLEGE_LABELS_FR.elected} » et le collège « ${COLLEGE_LABELS_FR.citizen} »`);
  });

  test('past 100 issues, the summary of the others is said in English too', () => {
    const text = `PROJET DE LOI\n${Array.from({ length: 120 }, (_, i) => `Article ${i + 1}`).join('\n')}`;
    const all = issues(parseLegisticText(text));
    expect(all[all.length - 1]).toBe('… et 21 autres problèmes, non détaillés.');
    expect(english(all[all.length - 1]!)).toBe('… and 21 more problems, not listed.');
    expect(english(all[1]!)).toBe('Article 2 has no paragraph.');
  });
});

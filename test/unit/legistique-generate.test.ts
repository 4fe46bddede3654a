/**
 * generateDispositif writes what a clerk would: the most precise operations, French typography,
 * alinéa numbers of the original text, coarser forms past the documented thresholds.
 */
import { generateDispositif } from '../../shared/legistique';

const NBSP = '\u00a0';
/** The dispositif with its typographic spaces shown, so that expectations stay readable. */
const visible = (text: string) => text.replace(/\u00a0/g, '⍽');

const ARTICLE = [
  'Le ministre chargé de l’enseignement supérieur assure la coordination de la stratégie de la recherche.',
  `La stratégie nationale est arrêtée par le ministre${NBSP}: elle est révisée tous les cinq ans.`,
  'Elle est transmise au Parlement et au Conseil économique, social et environnemental, qui rend un avis motivé dans un délai de trois mois.',
  'Un rapport est présenté au Parlement.',
  'Le présent article entre en vigueur le 1er janvier 2027.',
];

/** The article with alinéa `n` (1-based) edited. */
const edit = (n: number, change: (text: string) => string) => ARTICLE.map((a, i) => (i === n - 1 ? change(a) : a));
const generated = (after: string[]) => visible(generateDispositif(ARTICLE, after));

describe('word operations inside an alinéa', () => {
  it('substitutes one word, with no-break spaces inside « » and before « : », and ’', () => {
    expect(generateDispositif(ARTICLE, edit(4, (t) => t.replace('rapport', 'bilan')))).toBe(
      `À l’alinéa 4, substituer au mot${NBSP}: «${NBSP}rapport${NBSP}» le mot${NBSP}: «${NBSP}bilan${NBSP}».`,
    );
  });

  it('substitutes several words', () => {
    expect(generated(edit(2, (t) => t.replace('tous les cinq ans', 'chaque année')))).toBe(
      'À l’alinéa 2, substituer aux mots⍽: «⍽tous les cinq ans⍽» les mots⍽: «⍽chaque année⍽».',
    );
  });

  it('extends a repeated word with its neighbours until the quotation is unique', () => {
    expect(generated(edit(1, (t) => t.replace('de la stratégie', 'de sa stratégie')))).toBe(
      'À l’alinéa 1, substituer aux mots⍽: «⍽la stratégie⍽» les mots⍽: «⍽sa stratégie⍽».',
    );
  });

  it('names the occurrence of a repeated word it deletes', () => {
    expect(generated(edit(1, (t) => t.replace('la stratégie de la recherche', 'la stratégie la recherche')))).toBe(
      'À l’alinéa 1, supprimer la troisième occurrence du mot⍽: «⍽de⍽».',
    );
  });

  it('deletes words, quoting them as a clerk would (not ending on a comma)', () => {
    expect(generated(edit(3, (t) => t.replace(', social et environnemental', '')))).toBe(
      'À l’alinéa 3, supprimer les mots⍽: «⍽, social et environnemental⍽».',
    );
  });

  it('deletes the end of an alinéa after quoted words, keeping its final period', () => {
    expect(generated(edit(3, (t) => t.replace(', qui rend un avis motivé dans un délai de trois mois', '')))).toBe(
      'À l’alinéa 3, après le mot⍽: «⍽environnemental⍽», supprimer la fin de cet alinéa.',
    );
  });

  it('inserts words after others, or at the end of the alinéa', () => {
    expect(generated(edit(4, (t) => t.replace('rapport', 'rapport annuel')))).toBe(
      'À l’alinéa 4, après le mot⍽: «⍽rapport⍽», insérer le mot⍽: «⍽annuel⍽».',
    );
    expect(generated(edit(4, (t) => t.replace('Parlement.', 'Parlement et au Sénat.')))).toBe(
      'Compléter l’alinéa 4 par les mots⍽: «⍽et au Sénat⍽».',
    );
  });
});

describe('sentences added at the end of an alinéa', () => {
  /** Ten alinéas, the ninth being the one of the user test. */
  const LONG = [
    ...ARTICLE,
    'Les établissements publient chaque année leur offre de formation.',
    'Ils en informent le recteur.',
    'Le conseil d’administration en délibère.',
    'Les enseignements proposés permettent aux étudiants de suivre, à distance ou sur place, les cours dispensés.',
    'Un décret fixe les modalités d’application du présent article.',
  ];
  const longEdit = (n: number, change: (text: string) => string) => LONG.map((a, i) => (i === n - 1 ? change(a) : a));
  const fromLong = (after: string[]) => visible(generateDispositif(LONG, after));

  it('writes « par une phrase ainsi rédigée », never a quotation that starts with a period', () => {
    expect(generateDispositif(LONG, longEdit(9, (t) => `${t} Une évaluation annuelle en est publiée.`))).toBe(
      `Compléter l’alinéa 9 par une phrase ainsi rédigée${NBSP}: «${NBSP}Une évaluation annuelle en est publiée.${NBSP}»`,
    );
  });

  it('« par deux phrases ainsi rédigées » when it adds several', () => {
    expect(fromLong(longEdit(9, (t) => `${t} Une évaluation annuelle en est publiée. Elle est transmise au Parlement.`))).toBe(
      'Compléter l’alinéa 9 par deux phrases ainsi rédigées⍽: «⍽Une évaluation annuelle en est publiée. Elle est transmise au Parlement.⍽»',
    );
  });

  it('after an alinéa that ends with a closing guillemet, or with a new sentence that opens with one', () => {
    const quoted = ['Le code est ainsi modifié :', '« Art. L. 1. – Les établissements publient leurs données. »', 'Fin de l’article.'];
    // the last alinéa of a quoted provision takes the sentence inside its closing mark, as the chambers consolidate it
    expect(visible(generateDispositif(quoted, [quoted[0] ?? '', '« Art. L. 1. – Les établissements publient leurs données. Un décret fixe les modalités. »', quoted[2] ?? '']))).toBe(
      'Compléter l’alinéa 2 par une phrase ainsi rédigée⍽: «⍽Un décret fixe les modalités.⍽»',
    );
    expect(fromLong(longEdit(9, (t) => `${t} « Nul n’en est exclu. »`))).toBe('Compléter l’alinéa 9 par une phrase ainsi rédigée⍽: «⍽« Nul n’en est exclu. »⍽»');
  });

  it('besides other changes in the same alinéa', () => {
    expect(fromLong(longEdit(9, (t) => `${t.replace('proposés', 'offerts')} Un décret.`))).toBe(
      ['I.⍽– À l’alinéa 9, substituer au mot⍽: «⍽proposés⍽» le mot⍽: «⍽offerts⍽».', 'II.⍽– Compléter l’alinéa 9 par une phrase ainsi rédigée⍽: «⍽Un décret.⍽»'].join('\n'),
    );
  });

  it('words that do not start a sentence are still « les mots »', () => {
    expect(generated(edit(4, (t) => t.replace('Parlement.', 'Parlement et au Sénat.')))).toBe('Compléter l’alinéa 4 par les mots⍽: «⍽et au Sénat⍽».');
  });
});

describe('whole alinéas and the article', () => {
  it('rewrites an alinéa most of which changes', () => {
    expect(generated(edit(4, () => 'Une évaluation indépendante est conduite chaque année.'))).toBe(
      'Rédiger ainsi l’alinéa 4⍽:\n«⍽Une évaluation indépendante est conduite chaque année.⍽»',
    );
  });

  it('rewrites an alinéa rather than edit it in more than three places', () => {
    const after = edit(3, (t) => t.replace('Elle', 'Celle-ci').replace('Parlement', 'Sénat').replace('avis motivé', 'avis').replace('trois', 'deux'));
    expect(generated(after)).toBe(`Rédiger ainsi l’alinéa 3⍽:\n«⍽${after[2]}⍽»`);
  });

  it('inserts one or several alinéas, each quoted alinéa on its own line, only the last one closed', () => {
    expect(generated([ARTICLE[0] ?? '', 'Nouvel alinéa.', ...ARTICLE.slice(1)])).toBe('Après l’alinéa 1, insérer un alinéa ainsi rédigé⍽:\n«⍽Nouvel alinéa.⍽»');
    expect(generated([ARTICLE[0] ?? '', 'Premier :', 'Second.', ...ARTICLE.slice(1)])).toBe(
      'Après l’alinéa 1, insérer deux alinéas ainsi rédigés⍽:\n«⍽Premier :\n«⍽Second.⍽»',
    );
    expect(generated(['Avant tout.', ...ARTICLE])).toBe('Avant l’alinéa 1, insérer un alinéa ainsi rédigé⍽:\n«⍽Avant tout.⍽»');
  });

  it('deletes one alinéa or a range', () => {
    expect(generated([ARTICLE[0] ?? '', ...ARTICLE.slice(2)])).toBe('Supprimer l’alinéa 2.');
    expect(generated([ARTICLE[0] ?? '', ARTICLE[4] ?? ''])).toBe('Supprimer les alinéas 2 à 4.');
  });

  it('completes, deletes or rewrites the article', () => {
    expect(generated([...ARTICLE, 'Un décret fixe les modalités.'])).toBe('Compléter cet article par un alinéa ainsi rédigé⍽:\n«⍽Un décret fixe les modalités.⍽»');
    expect(generated([])).toBe('Supprimer cet article.');
    expect(generated(['Autre texte.', 'Et un autre.'])).toBe('Rédiger ainsi cet article⍽:\n«⍽Autre texte.\n«⍽Et un autre.⍽»');
  });

  it('numbers several operations « I. – », « II. – », one per line, with alinéa numbers of the original text', () => {
    const after = [ARTICLE[0] ?? '', 'Nouvel alinéa.', ARTICLE[1] ?? '', (ARTICLE[3] ?? '').replace('rapport', 'bilan'), ARTICLE[4] ?? ''];
    expect(generated(after)).toBe(
      [
        'I.⍽– Après l’alinéa 1, insérer un alinéa ainsi rédigé⍽:',
        '«⍽Nouvel alinéa.⍽»',
        'II.⍽– Supprimer l’alinéa 3.',
        'III.⍽– À l’alinéa 4, substituer au mot⍽: «⍽rapport⍽» le mot⍽: «⍽bilan⍽».',
      ].join('\n'),
    );
  });

  it('returns "" when nothing changes', () => {
    expect(generateDispositif(ARTICLE, [...ARTICLE])).toBe('');
  });
});

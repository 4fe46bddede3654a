/**
 * parseDispositif reads dispositifs as both chambers and citizens write them; applyDispositif
 * performs them on the original numbering and refuses what would be a guess.
 */
import fc from 'fast-check';
import { applyDispositif, generateDispositif, parseDispositif, type Operation, type ParseOptions } from '../../shared/legistique';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

function ops(text: string, options?: ParseOptions): Operation[] {
  const result = parseDispositif(text, options);
  if (!result.ok) throw new Error(`expected operations, got ${JSON.stringify(result.errors)}`);
  return result.operations.map((o) => o.operation);
}

function only(text: string, options?: ParseOptions): Operation {
  const all = ops(text, options);
  expect(all).toHaveLength(1);
  return all[0] as Operation;
}

/** A small article: « article("alinéa 1", "alinéa 2") ». */
const article = (...alineas: string[]) => alineas;

describe('Assemblée style', () => {
  it('substitution, plural and singular', () => {
    expect(only(`À l’alinéa 2, substituer aux mots${NBSP}: «${NBSP}la commune${NBSP}» les mots${NBSP}: «${NBSP}le département${NBSP}».`)).toEqual({
      kind: 'substitute_words', alinea: 2, words: { text: 'la commune' }, replacement: 'le département',
    });
    expect(only("À l'alinéa 2, substituer au mot : « publiquement » le mot : « gratuitement ».")).toEqual({
      kind: 'substitute_words', alinea: 2, words: { text: 'publiquement' }, replacement: 'gratuitement',
    });
  });

  it('référence, nombre, date, année and signe as well as mots', () => {
    expect(only('À l’alinéa 3, substituer à la référence : « L. 131-4 » la référence : « L. 131-5 ».')).toMatchObject({ words: { text: 'L. 131-4' }, replacement: 'L. 131-5' });
    expect(only('À l’alinéa 3, substituer au nombre : « 150 » le nombre : « 200 ».')).toMatchObject({ words: { text: '150' }, replacement: '200' });
    expect(only('À l’alinéa 3, substituer à la date : « 1er janvier 2018 » la date : « 1er juillet 2018 ».')).toMatchObject({ replacement: '1er juillet 2018' });
    expect(only('À l’alinéa 3, substituer à l’année : « 2017 » l’année : « 2018 ».')).toMatchObject({ words: { text: '2017' }, replacement: '2018' });
    expect(only('À l’alinéa 3, substituer au signe : « ; » le signe : « . ».')).toMatchObject({ words: { text: ';' }, replacement: '.' });
  });

  it('deletion of words, and of the end of an alinéa', () => {
    expect(only('À l’alinéa 2, supprimer les mots : « et gratuit ».')).toEqual({ kind: 'delete_words', alinea: 2, words: { text: 'et gratuit' } });
    expect(only('À l’alinéa 4, après les mots : « présente loi », supprimer la fin de cet alinéa.')).toEqual({
      kind: 'delete_end_of_alinea', alinea: 4, after: { text: 'présente loi' },
    });
    expect(only('À l’alinéa 4, après le mot : « loi », supprimer la fin de l’alinéa.')).toMatchObject({ kind: 'delete_end_of_alinea' });
  });

  it('insertion of words after, before, at the start and at the end', () => {
    expect(only('À l’alinéa 2, après le mot : « loi », insérer les mots : « de finances ».')).toEqual({
      kind: 'insert_words', alinea: 2, at: { position: 'after', anchor: { text: 'loi' } }, words: 'de finances',
    });
    expect(only('À l’alinéa 2, avant les mots : « du code », insérer le mot : « nouveau ».')).toMatchObject({
      at: { position: 'before', anchor: { text: 'du code' } }, words: 'nouveau',
    });
    expect(only('Au début de l’alinéa 5, insérer les mots : « Sauf exception, ».')).toMatchObject({ alinea: 5, at: { position: 'start' }, words: 'Sauf exception,' });
    expect(only('Compléter l’alinéa 3 par les mots : « et des régions ».')).toEqual({ kind: 'insert_words', alinea: 3, at: { position: 'end' }, words: 'et des régions' });
  });

  it('sentences added at the end of an alinéa: « par une phrase / deux phrases ainsi rédigée(s) »', () => {
    expect(only(`Compléter l’alinéa 9 par une phrase ainsi rédigée${NBSP}: «${NBSP}Une évaluation annuelle en est publiée.${NBSP}»`)).toEqual({
      kind: 'append_sentences', alinea: 9, text: 'Une évaluation annuelle en est publiée.',
    });
    expect(only('Compléter l’alinéa 3 par deux phrases ainsi rédigées :\n« Un décret fixe les modalités. Il est publié. »')).toEqual({
      kind: 'append_sentences', alinea: 3, text: 'Un décret fixe les modalités. Il est publié.',
    });
    expect(only('Compléter le troisième alinéa par la phrase suivante : « Un décret fixe les modalités. »')).toMatchObject({ kind: 'append_sentences', alinea: 3 });
    expect(only('Compléter l’alinéa 3 par une phrase rédigée comme suit : « Un décret. »')).toMatchObject({ kind: 'append_sentences', text: 'Un décret.' });
    expect(only('Compléter l’alinéa 3 par la phrase : « Un décret. »')).toMatchObject({ kind: 'append_sentences', text: 'Un décret.' });
    // the words form stays what it was
    expect(only('Compléter l’alinéa 3 par les mots : « et des régions ».')).toMatchObject({ kind: 'insert_words' });
  });

  it('named occurrences, before or after the quotation', () => {
    expect(only('À l’alinéa 5, substituer à la première occurrence du mot : « et » le signe : « , ».')).toMatchObject({ words: { text: 'et', occurrence: 1 } });
    expect(only('À l’alinéa 3, supprimer la seconde occurrence du mot : « public ».')).toMatchObject({ words: { text: 'public', occurrence: 2 } });
    expect(only('À l’alinéa 3, après la dernière occurrence des mots : « de la », insérer le mot : « même ».')).toMatchObject({
      at: { position: 'after', anchor: { text: 'de la', occurrence: 'last' } },
    });
    expect(only('À l’alinéa 3, supprimer le mot : « public » (troisième occurrence).')).toMatchObject({ words: { text: 'public', occurrence: 3 } });
  });

  it('whole alinéas: rewrite, delete, insert, ranges and lists', () => {
    expect(only('Rédiger ainsi l’alinéa 3 :\n« Le nouveau texte. »')).toEqual({ kind: 'rewrite_alinea', range: { from: 3, to: 3 }, alineas: ['Le nouveau texte.'] });
    expect(only('Rédiger ainsi les alinéas 3 et 4 :\n« a ;\n« b. »')).toEqual({ kind: 'rewrite_alinea', range: { from: 3, to: 4 }, alineas: ['a ;', 'b.'] });
    expect(only('Supprimer l’alinéa 4.')).toEqual({ kind: 'delete_alineas', range: { from: 4, to: 4 } });
    expect(only('Supprimer les alinéas 3 à 5.')).toEqual({ kind: 'delete_alineas', range: { from: 3, to: 5 } });
    expect(ops('Supprimer les alinéas 3 et 6.')).toEqual([
      { kind: 'delete_alineas', range: { from: 3, to: 3 } },
      { kind: 'delete_alineas', range: { from: 6, to: 6 } },
    ]);
    expect(only('Supprimer le deuxième alinéa.')).toEqual({ kind: 'delete_alineas', range: { from: 2, to: 2 } });
    expect(only('Après l’alinéa 5, insérer un alinéa ainsi rédigé :\n« Nouveau. »')).toEqual({ kind: 'insert_alineas_after', after: 5, alineas: ['Nouveau.'] });
    expect(only('Après l’alinéa 5, insérer deux alinéas ainsi rédigés :\n« a ;\n« b. »')).toMatchObject({ after: 5, alineas: ['a ;', 'b.'] });
    expect(only('Après l’alinéa 5, insérer l’alinéa suivant :\n« a. »')).toMatchObject({ after: 5, alineas: ['a.'] });
    expect(only('Avant l’alinéa 1, insérer un alinéa ainsi rédigé :\n« a. »')).toMatchObject({ kind: 'insert_alineas_after', after: 0 });
  });

  it('the article: delete, rewrite, complete', () => {
    expect(only('Supprimer cet article.')).toEqual({ kind: 'delete_article' });
    expect(only('Rédiger ainsi cet article :\n« I. – a ;\n« II. – b. »')).toEqual({ kind: 'rewrite_article', alineas: ['I. – a ;', 'II. – b.'] });
    expect(only('Compléter cet article par un alinéa ainsi rédigé :\n« III. – c. »')).toEqual({ kind: 'complete_article', alineas: ['III. – c.'] });
    expect(only('Compléter cet article par l’alinéa suivant :\n« III. – c. »')).toMatchObject({ kind: 'complete_article' });
    expect(only('Compléter cet article par deux alinéas ainsi rédigés :\n« c ;\n« d. »')).toMatchObject({ alineas: ['c ;', 'd.'] });
  });

  it('a heading line naming the article is skipped', () => {
    expect(only('ARTICLE 3\nSupprimer cet article.')).toEqual({ kind: 'delete_article' });
  });
});

describe('Sénat style', () => {
  it('« Alinéa 6 » on its own line, then « Remplacer les mots … par les mots … »', () => {
    expect(only('Alinéa 6\nRemplacer les mots :\n« la commune »\npar les mots :\n« le département »')).toEqual({
      kind: 'substitute_words', alinea: 6, words: { text: 'la commune' }, replacement: 'le département',
    });
  });

  it('« Rédiger ainsi cet alinéa : » followed by unquoted lines', () => {
    expect(only('Alinéa 8\nRédiger ainsi cet alinéa :\nII. – Par dérogation, le produit est réduit.')).toEqual({
      kind: 'rewrite_alinea', range: { from: 8, to: 8 }, alineas: ['II. – Par dérogation, le produit est réduit.'],
    });
  });

  it('unquoted lines stop at the next line that only locates', () => {
    expect(ops('Alinéa 8\nRédiger ainsi cet alinéa :\nNouveau texte.\nAlinéa 9\nSupprimer cet alinéa.')).toEqual([
      { kind: 'rewrite_alinea', range: { from: 8, to: 8 }, alineas: ['Nouveau texte.'] },
      { kind: 'delete_alineas', range: { from: 9, to: 9 } },
    ]);
  });

  it('« Alinéas 3 à 5 » then « Supprimer ces alinéas »', () => {
    expect(only('Alinéas 3 à 5\nSupprimer ces alinéas.')).toEqual({ kind: 'delete_alineas', range: { from: 3, to: 5 } });
  });

  it('« Après l’alinéa 6 » then « Insérer un alinéa ainsi rédigé : »', () => {
    expect(only('Après l’alinéa 6\nInsérer un alinéa ainsi rédigé :\n« Nouveau. »')).toEqual({ kind: 'insert_alineas_after', after: 6, alineas: ['Nouveau.'] });
  });

  it('« Alinéa 9 » then « Compléter cet alinéa par une phrase ainsi rédigée : »', () => {
    expect(only('Alinéa 9\nCompléter cet alinéa par une phrase ainsi rédigée :\n« Une évaluation annuelle en est publiée. »')).toEqual({
      kind: 'append_sentences', alinea: 9, text: 'Une évaluation annuelle en est publiée.',
    });
    expect(only('Alinéa 3\nCompléter cet alinéa par deux phrases ainsi rédigées :\n« Un décret. Il est publié. »')).toEqual({
      kind: 'append_sentences', alinea: 3, text: 'Un décret. Il est publié.',
    });
  });

  it('« Alinéa 2, première phrase »: the words are looked for in that sentence', () => {
    expect(only('Alinéa 2, première phrase\nSupprimer les mots :\n« en France »')).toEqual({ kind: 'delete_words', alinea: 2, words: { text: 'en France' }, sentence: 1 });
  });

  it('a rewritten article whose text quotes words is content, not operations', () => {
    expect(only('Rédiger ainsi cet article :\nÀ la quatrième phrase, les mots : « 19 millions » sont remplacés par le nombre : « 760 000 ».')).toEqual({
      kind: 'rewrite_article',
      alineas: ['À la quatrième phrase, les mots : « 19 millions » sont remplacés par le nombre : « 760 000 ».'],
    });
  });
});

describe('what people actually type', () => {
  it('straight or curly apostrophes and quotes', () => {
    const expected = { kind: 'substitute_words', alinea: 2, words: { text: 'la loi' }, replacement: 'le décret' };
    expect(only('A l\'alinea 2, substituer aux mots : "la loi" les mots : "le décret".')).toEqual(expected);
    expect(only('À l’alinéa 2, substituer aux mots : “la loi” les mots : “le décret”.')).toEqual(expected);
    expect(only('À l‘alinéa 2, substituer aux mots:«la loi»les mots:«le décret»')).toEqual(expected);
  });

  it('plain, no-break and narrow no-break spaces, and line breaks anywhere', () => {
    const expected = { kind: 'substitute_words', alinea: 2, words: { text: 'la loi' }, replacement: 'le décret' };
    expect(only(`À${NBSP}l’alinéa${NNBSP}2,   substituer aux mots${NNBSP}:${NBSP}«${NNBSP}la loi${NNBSP}» les mots : « le décret ».`)).toEqual(expected);
    expect(only('À l’alinéa\n2, substituer\naux mots :\n« la\nloi » les\nmots : « le décret\n».')).toEqual(expected);
    expect(only('À l’alinéa 2, substituer aux mots : « la loi » les mots : « le décret ».\r\n')).toEqual(expected);
  });

  it('sentences added to an alinéa, however they are typed', () => {
    const expected = { kind: 'append_sentences', alinea: 9, text: 'Une évaluation annuelle en est publiée.' };
    expect(only('Completer l\'alinea 9 par une phrase ainsi redigee : "Une évaluation annuelle en est publiée."')).toEqual(expected);
    expect(only(`Compléter${NBSP}l’alinéa 9\npar une\nphrase ainsi rédigée${NNBSP}:\n«${NNBSP}Une évaluation annuelle\nen est publiée.${NNBSP}».`)).toEqual(expected);
    expect(ops('I. – Compléter l’alinéa 9 par une phrase ainsi rédigée : « Une évaluation annuelle en est publiée. »\nII. – Supprimer l’alinéa 4.')).toEqual([
      expected,
      { kind: 'delete_alineas', range: { from: 4, to: 4 } },
    ]);
  });

  it('multi-alinéa quotations where only the last one closes', () => {
    expect(only('Après l’alinéa 2, insérer trois alinéas ainsi rédigés :\n« a :\n\n« b ;\n« c. »')).toMatchObject({ alineas: ['a :', 'b ;', 'c.'] });
  });

  it('quoted provisions that themselves start with a guillemet', () => {
    expect(only('Après l’alinéa 2, insérer un alinéa ainsi rédigé :\n« « Art. L. 131-4-4. – Les gains sont exonérés. » »')).toMatchObject({
      alineas: ['« Art. L. 131-4-4. – Les gains sont exonérés. »'],
    });
    // the first alinéa of a quoted provision opens an inner quotation it does not close
    expect(only('Rédiger ainsi l’alinéa 2 :\n« « La langue de l’enseignement est le français. Des exceptions peuvent être justifiées : »')).toMatchObject({
      alineas: ['« La langue de l’enseignement est le français. Des exceptions peuvent être justifiées :'],
    });
    expect(only('Rédiger ainsi les alinéas 2 et 3 :\n« « 1° Par les nécessités ;\n« « 2° Lorsque les enseignants sont invités. » »')).toMatchObject({
      alineas: ['« 1° Par les nécessités ;', '« 2° Lorsque les enseignants sont invités. »'],
    });
    expect(only('À l’alinéa 2, substituer aux mots : « les mots : « X » sont » les mots : « le mot : « Y » est ».')).toMatchObject({
      words: { text: 'les mots : « X » sont' }, replacement: 'le mot : « Y » est',
    });
  });

  it('numbered operations « I. – », « II. - », « 1° » and lowercase « à l’alinéa »', () => {
    const result = parseDispositif(
      'I. – À l’alinéa 2, supprimer le mot : « public ».\nII. - Supprimer l’alinéa 4.\nIII. – À l’alinéa 6 :\n1° à l’alinéa 6, substituer au mot : « a » le mot : « b » ;\n2° après le mot : « c », insérer le mot : « d ».',
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.operations.map((o) => [o.label, o.operation.kind, 'alinea' in o.operation ? o.operation.alinea : null])).toEqual([
      ['I', 'delete_words', 2],
      ['II', 'delete_alineas', null],
      ['III, 1°', 'substitute_words', 6],
      ['III, 2°', 'insert_words', 6],
    ]);
  });

  it('a locator inside or at the end of the sentence', () => {
    expect(only('Substituer, à l’alinéa 2, au mot : « a » le mot : « b ».')).toMatchObject({ alinea: 2, words: { text: 'a' } });
    expect(only('Supprimer les mots : « en France » à l’alinéa 3.')).toMatchObject({ kind: 'delete_words', alinea: 3 });
  });

  it('the indicative of bill articles, after a locator', () => {
    expect(only('À l’alinéa 2, les mots : « la loi » sont remplacés par les mots : « le décret ».')).toEqual({
      kind: 'substitute_words', alinea: 2, words: { text: 'la loi' }, replacement: 'le décret',
    });
    expect(only('Alinéa 3\nLe mot : « public » est supprimé.')).toEqual({ kind: 'delete_words', alinea: 3, words: { text: 'public' } });
    expect(only('À l’alinéa 2, après le mot : « loi », sont insérés les mots : « de finances ».')).toMatchObject({ kind: 'insert_words', words: 'de finances' });
  });

  it('no alinéa named: the words are looked for in the whole article', () => {
    expect(only('Substituer au mot : « a » le mot : « b ».')).toMatchObject({ alinea: null });
  });

  it('one operation per alinéa of « Aux alinéas 3 et 5 »', () => {
    expect(ops('Aux alinéas 3 et 5, substituer au mot : « a » le mot : « b ».').map((o) => ('alinea' in o ? o.alinea : null))).toEqual([3, 5]);
  });
});

describe('articles additionnels', () => {
  it('a heading line « APRÈS L’ARTICLE 8 » then « Insérer un article additionnel ainsi rédigé : »', () => {
    expect(only('APRÈS L’ARTICLE 8\nInsérer un article additionnel ainsi rédigé :\n« I. – a.\n« II. – b. »')).toEqual({
      kind: 'insert_article_after', article: '8', alineas: ['I. – a.', 'II. – b.'],
    });
  });

  it('with the option, the body alone is the new article (its « I. – » are content)', () => {
    expect(only('I. – Le code est complété par un article ainsi rédigé :\n« Art. L. 1. – Texte. »\nII. – La perte est compensée.', { context: 'article_additionnel', article: '8' })).toEqual({
      kind: 'insert_article_after', article: '8',
      alineas: ['I. – Le code est complété par un article ainsi rédigé :', '« Art. L. 1. – Texte. »', 'II. – La perte est compensée.'],
    });
  });

  it('« Après l’article 3, insérer un article additionnel ainsi rédigé : » in one sentence', () => {
    expect(only('Après l’article 3 bis, insérer un article additionnel ainsi rédigé :\n« Texte. »')).toEqual({
      kind: 'insert_article_after', article: '3 bis', alineas: ['Texte.'],
    });
  });
});

describe('sentences that cannot be read', () => {
  it('are reported with their line and text, and the rest is still read', () => {
    const result = parseDispositif('I. – Supprimer l’alinéa 2.\nII. – Faire quelque chose de vague.\nIII. – Supprimer l’alinéa 5.');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([{ line: 2, label: 'II', sentence: 'II. – Faire quelque chose de vague.', message: 'phrase non reconnue' }]);
    expect(result.operations.map((o) => o.label)).toEqual(['I', 'III']);
  });

  it('an unclosed quotation, empty text, or words spread over several alinéas', () => {
    expect(parseDispositif('À l’alinéa 2, supprimer les mots : « foo.')).toMatchObject({ ok: false, errors: [{ message: expect.stringContaining('jamais fermé') }] });
    expect(parseDispositif('')).toMatchObject({ ok: false, errors: [{ message: 'aucune opération' }] });
    expect(parseDispositif('À l’alinéa 2, supprimer les mots : « a\n« b ».')).toMatchObject({ ok: false, errors: [{ message: expect.stringContaining('plusieurs alinéas') }] });
  });

  it('a sentence-level occurrence is counted in that sentence', () => {
    const article = ['Un.', 'Deux.', 'Trois.', 'La loi et la loi. La loi.'];
    expect(applyDispositif(article, 'À la dernière phrase de l’alinéa 4, supprimer la première occurrence du mot : « loi ».')).toEqual({
      ok: true, alineas: ['Un.', 'Deux.', 'Trois.', 'La loi et la loi. La.'],
    });
  });
});

describe('applyDispositif', () => {
  const text = article(
    'Le ministre chargé de l’enseignement supérieur assure la coordination.',
    `La stratégie nationale est arrêtée par le ministre${NBSP}: elle est révisée tous les cinq ans.`,
    'Elle est transmise au Parlement et au Conseil économique.',
    'Un rapport est présenté au Parlement.',
  );

  it('performs operations on the original numbering, whatever earlier ones inserted or deleted', () => {
    const result = applyDispositif(text, [
      'I. – Après l’alinéa 1, insérer deux alinéas ainsi rédigés :',
      '« a ;',
      '« b. »',
      'II. – Supprimer l’alinéa 2.',
      'III. – À l’alinéa 4, substituer au mot : « rapport » le mot : « bilan ».',
      'IV. – Compléter cet article par un alinéa ainsi rédigé :',
      '« c. »',
    ].join('\n'));
    expect(result).toEqual({
      ok: true,
      alineas: [text[0], 'a ;', 'b.', text[2], 'Un bilan est présenté au Parlement.', 'c.'],
    });
  });

  it('matches words whatever the spaces and apostrophes, and keeps the text’s own characters', () => {
    expect(applyDispositif(text, "À l'alinéa 1, substituer aux mots : « de l'enseignement supérieur » les mots : « de la recherche ».")).toEqual({
      ok: true, alineas: ['Le ministre chargé de la recherche assure la coordination.', ...text.slice(1)],
    });
    expect(applyDispositif(text, 'À l’alinéa 2, après les mots : « le ministre : elle », insérer le mot : « aussi ».')).toMatchObject({
      ok: true, alineas: [text[0], `La stratégie nationale est arrêtée par le ministre${NBSP}: elle aussi est révisée tous les cinq ans.`, text[2], text[3]],
    });
  });

  it('spacing conventions: deletion takes one space with it; « la fin de cet alinéa » keeps the final period', () => {
    expect(applyDispositif(text, 'À l’alinéa 3, supprimer les mots : « et au Conseil économique ».')).toMatchObject({ alineas: [text[0], text[1], 'Elle est transmise au Parlement.', text[3]] });
    expect(applyDispositif(text, 'À l’alinéa 3, après le mot : « Parlement », supprimer la fin de cet alinéa.')).toMatchObject({ alineas: [text[0], text[1], 'Elle est transmise au Parlement.', text[3]] });
    expect(applyDispositif(text, 'Compléter l’alinéa 4 par les mots : « chaque année »')).toMatchObject({ alineas: [...text.slice(0, 3), 'Un rapport est présenté au Parlement chaque année.'] });
  });

  it('added sentences go after the alinéa’s own final punctuation, one space between; inside the closing guillemet of a quoted provision', () => {
    expect(applyDispositif(text, 'Compléter l’alinéa 4 par une phrase ainsi rédigée : « Il est rendu public. »')).toEqual({
      ok: true, alineas: [...text.slice(0, 3), 'Un rapport est présenté au Parlement. Il est rendu public.'],
    });
    expect(applyDispositif(['« Art. L. 1. – Le texte. »'], 'Alinéa 1\nCompléter cet alinéa par deux phrases ainsi rédigées :\n« Une. Deux. »')).toEqual({
      ok: true, alineas: ['« Art. L. 1. – Le texte. Une. Deux. »'],
    });
    expect(applyDispositif(['Un ;', 'Deux.'], 'Compléter cet alinéa par une phrase ainsi rédigée : « Trois. »')).toMatchObject({ ok: false, error: { reason: 'alinea_missing' } });
    expect(applyDispositif(text, 'Compléter l’alinéa 7 par une phrase ainsi rédigée : « Trois. »')).toMatchObject({ ok: false, error: { reason: 'alinea_missing' } });
  });

  it('refuses absent words, saying which operation and where', () => {
    expect(applyDispositif(text, 'I. – Supprimer l’alinéa 1.\nII. – À l’alinéa 3, supprimer les mots : « foo bar ».')).toEqual({
      ok: false,
      error: { operation: 2, label: 'II', reason: 'words_absent', message: `Opération II${NBSP}: les mots «${NBSP}foo bar${NBSP}» ne figurent pas à l’alinéa 3.` },
    });
  });

  it('refuses ambiguous words unless an occurrence is named', () => {
    const ambiguous = applyDispositif(text, 'À l’alinéa 3, supprimer les mots : « au ».');
    expect(ambiguous).toMatchObject({ ok: false, error: { operation: 1, reason: 'words_ambiguous', message: expect.stringContaining('figure 2 fois à l’alinéa 3') } });
    expect(applyDispositif(text, 'À l’alinéa 3, supprimer la deuxième occurrence du mot : « au ».')).toMatchObject({ ok: true, alineas: [text[0], text[1], 'Elle est transmise au Parlement et Conseil économique.', text[3]] });
    expect(applyDispositif(text, 'À l’alinéa 3, supprimer la troisième occurrence du mot : « au ».')).toMatchObject({ ok: false, error: { reason: 'words_absent' } });
  });

  it('refuses an alinéa the article does not have, or one an earlier operation removed', () => {
    expect(applyDispositif(text, 'Supprimer l’alinéa 7.')).toMatchObject({ ok: false, error: { reason: 'alinea_missing', message: expect.stringContaining('l’alinéa 7 n’existe pas (l’article en compte 4)') } });
    expect(applyDispositif(text, 'I. – Supprimer l’alinéa 2.\nII. – À l’alinéa 2, supprimer le mot : « nationale ».')).toMatchObject({ ok: false, error: { operation: 2, reason: 'conflict' } });
  });

  it('refuses what cannot be read, naming the sentence', () => {
    expect(applyDispositif(text, 'Faire mieux.')).toMatchObject({ ok: false, error: { operation: 1, label: 'I', reason: 'unparseable', message: expect.stringContaining('Faire mieux.') } });
    expect(applyDispositif(text, 'I. – Supprimer l’alinéa 2.\nII. – Faire mieux.')).toEqual({
      ok: false,
      error: {
        operation: 2, label: 'II', reason: 'unparseable',
        message: `Opération II${NBSP}: la phrase «${NBSP}II. – Faire mieux.${NBSP}» (ligne 2) ne peut pas être lue${NBSP}: phrase non reconnue.`,
      },
    });
  });

  it('with no alinéa named, finds the words in the whole article', () => {
    expect(applyDispositif(text, 'Substituer au mot : « coordination » le mot : « tutelle ».')).toMatchObject({ ok: true, alineas: ['Le ministre chargé de l’enseignement supérieur assure la tutelle.', ...text.slice(1)] });
    expect(applyDispositif(text, 'Supprimer le mot : « Parlement ».')).toMatchObject({ ok: false, error: { reason: 'words_ambiguous', message: expect.stringContaining('dans cet article') } });
  });

  it('deletes the article, and gives an article additionnel as a new article', () => {
    expect(applyDispositif(text, 'Supprimer cet article.')).toEqual({ ok: true, alineas: [] });
    expect(applyDispositif(text, 'APRÈS L’ARTICLE 3\nInsérer un article additionnel ainsi rédigé :\n« Nouveau. »')).toEqual({ ok: true, alineas: text, newArticle: ['Nouveau.'] });
  });

  it('an empty dispositif changes nothing', () => {
    expect(applyDispositif(text, '')).toEqual({ ok: true, alineas: text });
  });
});

describe('robustness', () => {
  const PIECES = [
    'À l’alinéa ', '2', ', ', 'substituer aux mots : ', '« ', ' »', '«', '»', '"', '“', '”', '\n', 'Supprimer ', 'l’alinéa 3', 'cet article', '.',
    'I. – ', '1° ', 'Alinéa 6', 'Rédiger ainsi cet alinéa :', 'les mots', 'par ', 'Remplacer ', 'après le mot : ', 'insérer ', 'APRÈS L’ARTICLE 8',
    'Insérer un article additionnel ainsi rédigé :', ' ', NBSP, 'la première occurrence du mot', 'Alinéas 3 à 5', 'ces alinéas',
  ];
  const scraps = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })), { maxLength: 30 }).map((a) => a.join(''));

  it('reading, applying and generating never throw, whatever the input', () => {
    fc.assert(
      fc.property(scraps, fc.array(scraps, { maxLength: 5 }), fc.array(scraps, { maxLength: 5 }), (text, before, after) => {
        expect(typeof parseDispositif(text).ok).toBe('boolean');
        expect(typeof parseDispositif(text, { context: 'article_additionnel' }).ok).toBe('boolean');
        expect(typeof applyDispositif(before, text).ok).toBe('boolean');
        expect(typeof generateDispositif(before, after)).toBe('string');
      }),
      { numRuns: 1000 },
    );
  });
});

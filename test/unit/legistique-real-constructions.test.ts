/**
 * One test per construction the chambers really write, each on a real amendment of the corpus
 * (../shared/fixtures/amendments/corpus/) applied to its real article: the result is the text
 * the chamber adopted (compared as the corpus README says), or the refusal a clerk must see.
 */
import { applyDispositif, formatDispositif, parseDispositif } from '../../shared/legistique';
import { loadCorpus, optionsOf, sameArticle, type CorpusItem } from '../helpers/dispositif-corpus';

const corpus = new Map(loadCorpus().map((item) => [item.id, item]));

function item(id: string): CorpusItem {
  const found = corpus.get(id);
  if (found === undefined) throw new Error(`not in the corpus: ${id}`);
  return found;
}

/** Applying the real dispositif to the real article gives the adopted article. */
function appliesAsAdopted(id: string): void {
  const it = item(id);
  if (it.article_text === null || it.expected === null) throw new Error(`${id}: no adopted text`);
  const result = applyDispositif(it.article_text, it.dispositif, optionsOf(it));
  if (!result.ok) throw new Error(`${id}: ${result.error.message}`);
  expect(sameArticle(result.alineas, it.expected)).toBe(true);
}

const P = '13-plfss_2012__05_1erelecture_senat_hemicycle__';
const R = '13-reforme_retraites__05_1erelecture_senat_hemicycle__';

describe('Sénat: words and sentences without guillemets, on their own lines', () => {
  it.each([
    ['Remplacer les mots : ⏎ X ⏎ par les mots : ⏎ Y', `${P}10_bis/amendement_339`],
    ['Remplacer le montant : ⏎ 300 millions ⏎ par le montant : … (two numbered operations)', `${P}46/amendement_38`],
    ['Remplacer les références : ⏎ 26, 27 quater et 27 quinquies ⏎ par les références : …', `${R}33/amendement_1213`],
    ['Compléter cet alinéa par les mots : ⏎ et sur les conditions… (inside the closing mark of a quoted provision)', `${R}31_bis/amendement_461`],
    ['Compléter cet article par une phrase ainsi rédigée : ⏎ L’assuré est informé…', `${R}3_quinquies/amendement_94`],
    ['Supprimer le mot : « notamment » between commas leaves no « ,, »', 'tlf-esr/20122013-614/COM-8'],
  ])('%s', (_what, id) => appliesAsAdopted(id));

  it('unquoted text ends at the next labelled operation: « 2° Alinéa 19 » is an operation, not content', () => {
    const ops = parseDispositif(item(`${P}16/amendement_176`).dispositif);
    expect(ops.ok && ops.operations.map((o) => o.operation.kind)).toEqual(['rewrite_alinea', 'substitute_words']);
  });
});

describe('sentences', () => {
  it.each([
    ['Alinéa 2, dernière phrase ⏎ Supprimer cette phrase. (the provision keeps its closing mark)', `${P}31_bis/amendement_330`],
    ['Alinéa 2, première phrase ⏎ Compléter cette phrase par les mots : …', `${P}62_ter/amendement_342`],
    ['Alinéa 2 ⏎ Après la deuxième phrase, insérer une phrase ainsi rédigée : …', 'tlf-esr/20122013-614/COM-58'],
    ['Alinéa 6, première phrase ⏎ 1° Supprimer le mot … 2° Remplacer les mots …', 'tlf-esr/20122013-660/210'],
    ['Alinéa 2, troisième phrase ⏎ Remplacer le mot : est (twice in the alinéa, once in the sentence)', 'tlf-esr/20122013-660/362'],
    ['Alinéa 2 ⏎ Compléter cet alinéa par une phrase ainsi rédigée : (inside the closing mark)', `${R}32_sexies/amendement_185`],
  ])('%s', (_what, id) => appliesAsAdopted(id));
});

describe('quoted provisions and numbering placeholders', () => {
  it.each([
    ['a rewritten alinéa of a quoted provision keeps its marks', `${P}33_bis/amendement_332`],
    ['« Art. L. 612-14.– … » rewritten inside a provision', 'tlf-esr/20122013-614/COM-47'],
    ['an inserted alinéa inside a provision opens with its mark', `${P}31/amendement_354`],
    ['« Avant l’alinéa 12 ⏎ Insérer deux alinéas » inside a provision', `${R}25_duodecies/amendement_430`],
    ['« … - » inserted between IV and V becomes « IV bis »', `${P}36_bis/amendement_30`],
    ['« ... . - » three times completing the article become III, IV, V', `${R}11/amendement_1226`],
    ['« ...° » becomes the next number', 'tlf-esr/20122013-660/292'],
  ])('%s', (_what, id) => appliesAsAdopted(id));
});

describe('Assemblée tolerances and other forms', () => {
  it.each([
    ['Rédiger ainsi l’article unique :', '14-securisation_transactions_ZAC_Gerland__01_1erelecture_assemblee_commission__1er/amendement_CL1'],
    ['« du 4 ° » matches « du 4° »', '13-reforme_ports_outre-mer__05_1erelecture_senat_hemicycle__2/amendement_27'],
    ['Le nombre : « 64 » est remplacé par le nombre « 65 »', 'tlf-esr/20122013-614/COM-97'],
  ])('%s', (_what, id) => appliesAsAdopted(id));

  it.each([
    ['a comma between the two quotations', 'À l’alinéa 1, substituer au mot : « contiennent », le mot : « comportent ».', ['Les actes contiennent tout.'], ['Les actes comportent tout.']],
    ['« En conséquence, » and « au même alinéa »', 'I. – À l’alinéa 1, supprimer le mot : « tout ».\nII. – En conséquence, au même alinéa, substituer au mot : « actes » le mot : « lois ».', ['Les actes disent tout.'], ['Les lois disent.']],
    ['« Procéder à la même suppression aux alinéas 2 et 3 »', 'I. – À l’alinéa 1, supprimer le mot : « seuls ».\nII. – En conséquence, procéder à la même suppression aux alinéas 2 et 3.', ['Les seuls actes.', 'Les seuls lois.', 'Les seuls décrets.'], ['Les actes.', 'Les lois.', 'Les décrets.']],
    ['« Alinéa 2 ⏎ Après cet alinéa, insérer un alinéa ainsi rédigé »', 'Alinéa 2\nAprès cet alinéa, insérer un alinéa ainsi rédigé :\n« Nouveau. »', ['Un.', 'Deux.'], ['Un.', 'Deux.', 'Nouveau.']],
    ['« Remplacer ces alinéas par un alinéa ainsi rédigé »', 'Alinéas 1 et 2\nRemplacer ces alinéas par un alinéa ainsi rédigé :\nUn et deux.', ['Un.', 'Deux.', 'Trois.'], ['Un et deux.', 'Trois.']],
    ['« Substituer à l’alinéa 1 les deux alinéas suivants »', 'Substituer à l’alinéa 1 les deux alinéas suivants :\n« Un.\n« Un bis. »', ['Un.', 'Deux.'], ['Un.', 'Un bis.', 'Deux.']],
    ['« après le mot : « X », rédiger ainsi la fin de cet alinéa »', 'Alinéa 1\nAprès le mot :\ndont\nrédiger ainsi la fin de cet alinéa :\ntrois représentants.', ['Un conseil dont deux membres.'], ['Un conseil dont trois représentants.']],
    ['« Supprimer (deux fois) les mots : X »: both occurrences', 'Alinéa 1\nSupprimer (deux fois) les mots :\nen Conseil d’État', ['Un décret en Conseil d’État et un arrêté en Conseil d’État.'], ['Un décret et un arrêté.']],
    ['« aux alinéas 1 et 2, remplacer les mots (deux fois) »: once in each', 'Aux alinéas 1 et 2\nRemplacer les mots (deux fois) :\nle Haut Conseil\npar les mots :\nl’Agence', ['Selon le Haut Conseil.', 'Par le Haut Conseil.'], ['Selon l’Agence.', 'Par l’Agence.']],
    ['« Dernier alinéa ⏎ Supprimer les mots », counted from the end of the article', 'Dernier alinéa\nSupprimer les mots :\n, diminuée de cinq années', ['Un.', 'La durée, diminuée de cinq années.'], ['Un.', 'La durée.']],
    ['« L’alinéa 2 est ainsi rédigé : », « L’alinéa 1 est supprimé. »', 'I – L’alinéa 2 est ainsi rédigé : « Deux bis. »\nII – L’alinéa 1 est supprimé.', ['Un.', 'Deux.'], ['Deux bis.']],
    ['« Alinéa 1, avant la dernière phrase ⏎ Insérer une phrase ainsi rédigée »', 'Alinéa 1, avant la dernière phrase\nInsérer une phrase ainsi rédigée :\nDeux bis.', ['Un. Deux. Trois.'], ['Un. Deux. Deux bis. Trois.']],
    ['« Supprimer la dernière phrase de l’alinéa 1 »', 'Supprimer la dernière phrase de l’alinéa 1.', ['Un. Deux. Trois.'], ['Un. Deux.']],
    ['« Alinéa 1, troisième et quatrième phrases ⏎ Supprimer ces phrases »', 'Alinéa 1, troisième et quatrième phrases\nSupprimer ces phrases.', ['Un. Deux. Trois. Quatre. Cinq.'], ['Un. Deux. Cinq.']],
    ['« Alinéa 1, deux dernières phrases ⏎ Rédiger ainsi ces phrases »', 'Alinéa 1, deux dernières phrases\nRédiger ainsi ces phrases :\n« Fin. »', ['Un. Deux. Trois.'], ['Un. Fin.']],
    ['« La dernière phrase de l’alinéa 1 est remplacée par les phrases suivantes »', 'La dernière phrase de l’alinéa 1 est remplacée par les phrases suivantes : « Trois. Quatre. »', ['Un. Deux.'], ['Un. Trois. Quatre.']],
    ['« Alinéa 1 ⏎ Remplacer les mots : X ⏎ par les mots : Y ⏎ et le mot : A ⏎ par le mot : B »', 'Alinéa 1\nRemplacer les mots :\nLe maire\npar les mots :\nLa maire\net le mot :\nsigne\npar le mot :\nvise', ['Le maire signe.'], ['La maire vise.']],
  ])('%s', (_what, dispositif, article, expected) => {
    expect(applyDispositif(article, dispositif)).toEqual({ ok: true, alineas: expected });
  });
});

describe('never wrong in silence', () => {
  it('unquoted alinéas take exactly the announced number: the next line is read as an operation', () => {
    const r = applyDispositif(['Un.', 'Deux.'], 'Après l’alinéa 1\nInsérer un alinéa ainsi rédigé :\nUn bis.\nMais ceci ne se lit pas.');
    expect(r).toMatchObject({ ok: false, error: { reason: 'unparseable', operation: 2 } });
  });

  it('a quotation that holds another number of alinéas than announced is refused', () => {
    const r = applyDispositif(['Un.', 'Deux.'], 'Après l’alinéa 1, insérer deux alinéas ainsi rédigés :\n« Un bis. »');
    expect(r).toMatchObject({ ok: false, error: { reason: 'unparseable' } });
  });

  it('several operations apply all or refuse, naming the one that cannot be read', () => {
    const r = applyDispositif(['Un.', 'Deux.'], 'I. – Supprimer l’alinéa 1.\nII. – Faire autrement.');
    expect(r).toMatchObject({ ok: false, error: { reason: 'unparseable', operation: 2, label: 'II' } });
  });

  it('a sous-amendement is read with the amendment it amends, and not applied to the article', () => {
    const text = item('14-transparence_vie_publique_pjl__07_1erelecture_senat_hemicycle__1er/amendement_132').dispositif;
    expect(parseDispositif(text)).toMatchObject({ ok: true, subAmendmentOf: '78 rectifié' });
    expect(applyDispositif(['Un.'], text)).toMatchObject({ ok: false, error: { reason: 'sub_amendment', operation: 1 } });
  });

  it('« (deux fois) » must count the occurrences exactly, and says how many places it means', () => {
    expect(applyDispositif(['Un décret en Conseil d’État.'], 'Alinéa 1\nSupprimer (deux fois) les mots :\nen Conseil d’État')).toMatchObject({ ok: false, error: { reason: 'words_absent' } });
    expect(applyDispositif(['Il.', 'Il.', 'Il.'], 'Aux alinéas 1 à 3, remplacer le mot (deux fois) : « Il » par le mot : « Elle ».')).toMatchObject({ ok: false, error: { reason: 'unparseable' } });
  });

  it('a sentence the alinéa does not have is a refusal', () => {
    expect(applyDispositif(['Un. Deux.'], 'Alinéa 1, troisième phrase\nSupprimer cette phrase.')).toMatchObject({ ok: false, error: { reason: 'alinea_missing' } });
  });
});

/** The real amendment applied to its real article: only `changed` alinéas differ, and they read as given. */
function appliesWith(id: string, changed: Record<number, string>): void {
  const it = item(id);
  if (it.article_text === null) throw new Error(`${id}: no article text`);
  const result = applyDispositif(it.article_text, it.dispositif, optionsOf(it));
  if (!result.ok) throw new Error(`${id}: ${result.error.message}`);
  const expected = it.article_text.map((a, i) => changed[i + 1] ?? a);
  expect(sameArticle(result.alineas, expected)).toBe(true);
}

describe('the start of an alinéa or a sentence rewritten (« (le reste sans changement) »)', () => {
  const C = '14-art11_Constitution_pl__08_2emelecture_assemblee_hemicycle__3_quater/amendement_';

  it('AN: « Rédiger ainsi le début de l’alinéa 8 : « Lorsque plusieurs référendums sont organisés…(le reste sans changement) » » meets the text at « organisés », inside the quoted provision', () => {
    const ops = parseDispositif(item(`${C}20`).dispositif);
    expect(ops).toMatchObject({ ok: true, operations: [{ operation: { kind: 'rewrite_start', alinea: 8, text: 'Lorsque plusieurs référendums sont organisés' } }] });
    appliesWith(`${C}20`, {
      8: '"Lorsque plusieurs référendums sont organisés le même jour, il est mis à disposition des électeurs un bulletin de vote imprimé sur papier blanc reprenant chacune des questions posées et, face à chacune d\'elle, deux cases à cocher portant, respectivement, les mentions "oui" et "non".',
    });
  });

  it('AN: « Art. L. 558‑46. – Sont applicables aux opérations référendaires régies ...(le reste sans changement) »', () => {
    appliesWith(`${C}21`, { 9: '"Art. L. 558-46. - Sont applicables aux opérations référendaires régies par le présent titre :' });
  });

  it('AN: « … une déclaration de... (le reste sans changement). » meets the text at « une déclaration de »', () => {
    appliesWith('14-transparence_vie_publique_pjl__11_nouv.lect._assemblee_hemicycle__1er/amendement_35', {
      85: 'Tout député et tout sénateur établit, au plus tard le 1er février 2014, une déclaration de situation patrimoniale et une déclaration d\'intérêts et d\'activités suivant les modalités prévues aux articles L.O. 135-1 et L.O. 135-2 du code électoral.',
    });
  });

  it('Sénat: « Alinéa 3 ⏎ Rédiger ainsi le début de cet alinéa : ⏎ 2° Au sein de … il est rétabli… » (unquoted)', () => {
    appliesWith(`${P}30_bis/amendement_349`, {
      3: '2° Au sein de la sous-section 1 de la section IV du chapitre III bis du titre III du livre premier, il est rétabli un article L. 133-8-3 ainsi rédigé :',
    });
  });

  it('Sénat: « Alinéa 7, deuxième phrase ⏎ Rédiger ainsi le début de cette phrase : ⏎ Dans ce cadre, et conformément aux.... » (after a word deleted in the first sentence)', () => {
    const before = item('tlf-esr/20122013-614/COM-144').article_text?.[6] ?? '';
    const after = before.replace('une seule communauté', 'une communauté').replace('Toutefois, et conformément aux', 'Dans ce cadre, et conformément aux');
    expect(after).not.toBe(before);
    appliesWith('tlf-esr/20122013-614/COM-144', { 7: after });
  });

  it('Sénat: the third sentence of alinéa 3: the other sentences stay', () => {
    const id = '14-transparence_vie_publique_pjl__14_nouv.lect._senat_hemicycle__1er/amendement_9';
    const before = item(id).article_text?.[2] ?? '';
    appliesWith(id, { 3: before.replace('il adresse au président de la Haute Autorité ainsi qu\'au Bureau', 'il adresse au Bureau') });
  });

  it('writes back in both styles and reads the same operation', () => {
    const op = { kind: 'rewrite_start' as const, alinea: 3, sentence: 2, text: 'Dans ce cadre, et conformément aux' };
    for (const chamber of ['an', 'senat'] as const) {
      const text = formatDispositif([op], { chamber });
      expect(parseDispositif(text)).toMatchObject({ ok: true, operations: [{ operation: op }] });
    }
    expect(formatDispositif([{ kind: 'rewrite_start', alinea: 8, text: 'Lorsque' }])).toBe('Rédiger ainsi le début de l’alinéa 8\u00A0: «\u00A0Lorsque… (le reste sans changement)\u00A0»');
  });

  it('refuses when the junction is not said: last words absent, present twice, or too short to say', () => {
    const start = (alinea: string, text: string) => applyDispositif([alinea], `Rédiger ainsi le début de l’alinéa 1 : « ${text}… (le reste sans changement) ».`);
    expect(start('Les maires signent les actes.', 'Tout élu paraphe')).toMatchObject({ ok: false, error: { reason: 'words_absent' } });
    expect(start('Les actes des maires et les actes des préfets.', 'Seuls les actes')).toMatchObject({ ok: false, error: { reason: 'words_ambiguous' } });
    expect(start('Le maire de la commune signe.', 'Le président de')).toMatchObject({ ok: false, error: { reason: 'words_ambiguous' } });
    expect(start('Les maires signent les actes.', 'Seuls les maires')).toEqual({ ok: true, alineas: ['Seuls les maires signent les actes.'] });
    // a sentence the alinéa does not have
    expect(applyDispositif(['Un. Deux.'], 'Alinéa 1, troisième phrase\nRédiger ainsi le début de cette phrase :\nTrois...')).toMatchObject({ ok: false, error: { reason: 'alinea_missing' } });
    // « de cette phrase » with no sentence named is unreadable
    expect(parseDispositif('Alinéa 1\nRédiger ainsi le début de cette phrase :\nTrois...')).toMatchObject({ ok: false });
  });
});

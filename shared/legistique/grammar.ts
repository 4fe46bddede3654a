/**
 * The sentences of a dispositif, in both chambers' styles (docs/dispositif.md lists them):
 * - operations that name their own place (« Supprimer l’alinéa 4. », « Rédiger ainsi cet article : »);
 * - a locator (« À l’alinéa 2, », Sénat « Alinéa 2 » on its own line, « Alinéas 3 à 5 ») then an
 *   operation on it (« substituer aux mots : … », « Remplacer les mots : … par … », « Supprimer ces
 *   alinéas »). A locator alone, or ending in « : », carries over to the next numbered items.
 */
import { fill, msg } from '../i18n';
import { Cursor, ParseFailure, pattern } from './cursor';
import { alineaNumber, alineaRanges, alineasBlock, announcedAlineas, dativeWords, directWords, newWords, withTimes } from './refs';
import { AROUND, BY, COLON, DELETE, needPlace, oneRange, REWRITE, type StatementContext } from './grammar-common';
import { newSentences, sentenceOperation, sentenceText } from './grammar-sentences';
import { sentenceIndex } from './sentences';
import { newStartText } from './start';

export type { StatementContext } from './grammar-common';
import type { AlineaRange, Operation, QuotedWords, WordsPlace } from './types';

// « I. – », « II.- », and « I - » without its period
export const LABEL = pattern(" ?(?:([ivxlcdm]+)(?: ?\\.(?= |-|$)|(?= ?- ))|(\\d+) ?(?:°|\\.(?= |-)|\\))\\)?|([a-h]) ?(?:\\)|\\.(?= ?- )))(?: ?-(?= |$|[a-z]))?");
const STATEMENT_END = pattern(' ?(?:[.;]|$)');

/** Reads one sentence here: its operations ([] for a locator alone), or null when none matches. */
export function readStatement(c: Cursor, ctx: StatementContext): Operation[] | null {
  // « En conséquence, … », and « et après le mot : … » that continues the sentence before
  c.eat(CONSEQUENCE);
  if (c.eat(AND) !== null) {
    // « Remplacer le mot : X par le mot : Y ⏎ et les mots : A par les mots : B »
    const more = c.attempt(() => moreWords(c, ctx));
    if (more !== null) return more;
  }
  const own = articleOperation(c) ?? alineaOperation(c) ?? c.attempt(() => sameOperation(c, ctx));
  if (own !== null) return own;
  const same = c.eat(SAME_ALINEA);
  if (same !== null) {
    if (ctx.lastAt === null) throw new ParseFailure(msg('« même alinéa » : aucun alinéa n’a été nommé avant'));
    ctx.at = ctx.lastAt;
    c.eat(LOCATOR_END);
    if (c.sees(STATEMENT_END) || c.sees(LABEL)) return [];
  }
  const place = c.attempt(() => locator(c));
  // Sénat: « Alinéa 4 ⏎ Après l’alinéa 4, insérer… »: the operation names its place again
  const named = place === null ? null : articleOperation(c) ?? alineaOperation(c);
  if (named !== null) return named;
  if (place !== null) {
    ctx.at = place.at ?? ctx.at; // « Au début de cet alinéa » names the one located before
    ctx.sentence = place.sentence ?? (place.at === null ? ctx.sentence : null);
    ctx.moreSentences = place.sentence === null && place.at === null ? ctx.moreSentences : (place.moreSentences ?? []);
    ctx.afterSentence = place.afterSentence;
    if (c.sees(STATEMENT_END) || c.sees(LABEL)) return [];
  }
  // Sénat: « Alinéa 3 ⏎ Au début de cet alinéa, insérer… », « Alinéa 8 ⏎ À la deuxième phrase de cet alinéa, … »
  const inner = place !== null && place.edge === null ? c.attempt(() => {
    const p = locator(c);
    return p !== null && p.at === null && (p.edge !== null || p.sentence !== null) ? p : null;
  }) : null;
  if (inner !== null && inner.sentence !== null) {
    ctx.sentence = inner.sentence;
    ctx.moreSentences = inner.moreSentences ?? [];
    ctx.afterSentence = inner.afterSentence;
  }
  return locatedOperation(c, ctx, inner?.edge ?? place?.edge ?? null);
}

const CONSEQUENCE = pattern(' ?(?:en consequence|par coordination|modifier ainsi cet article ?:) ?,?(?= )');
const AND = pattern(" ?et(?= (?:apres|avant|a|au|aux|les?|la|l'|supprimer|remplacer|substituer|inserer|completer)(?![a-z]))");
const SAME_ALINEA = pattern(" ?(?:(?:a|au|dans) (?:ce |le )?meme alinea(?: \\d+)?|audit alinea|dans ledit alinea)(?![a-z])");
const SAME_OPERATION = pattern(" ?proceder a la meme (suppression|substitution|insertion|modification|coordination|remplacement)(?: ?,)? (?:a|aux|dans)(?= )");

/** After « et », the same kind of word operation as the one before, on other words. */
function moreWords(c: Cursor, ctx: StatementContext): Operation[] | null {
  const last = ctx.last;
  if (last === null || (last.kind !== 'substitute_words' && last.kind !== 'delete_words')) return null;
  const words = directWords(c);
  if (words === null) return null;
  if (last.kind === 'delete_words') return [{ ...last, words }];
  const replacement = c.eat(BY) ? newWords(c) : null;
  return replacement === null ? null : [{ ...last, words, replacement }];
}

/** « Procéder à la même suppression aux alinéas 8 et 12 »: the operation before, on those alinéas. */
function sameOperation(c: Cursor, ctx: StatementContext): Operation[] | null {
  if (c.eat(SAME_OPERATION) === null) return null;
  const ranges = alineaRanges(c);
  const last = ctx.last;
  if (ranges === null) return null;
  if (last === null || !('alinea' in last) || last.kind === 'edit_sentence') throw new ParseFailure(msg('« la même » opération : aucune opération sur des mots ne précède'));
  const ops: Operation[] = [];
  // on the whole alinéa: the words must then occur once there (the sentence named before was another alinéa's)
  const { sentence: _sentence, ...operation } = last as Operation & { sentence?: number };
  void _sentence;
  const seen = new Set<string>();
  for (const range of ranges) {
    for (let n = range.from; n <= range.to; n++) {
      const op = { ...operation, alinea: n } as Operation;
      const key = JSON.stringify(op);
      if (!seen.has(key)) ops.push(op);
      seen.add(key);
    }
  }
  return ops;
}

const DELETE_ARTICLE = pattern(" ?supprimer (?:cet|le present|l') ?article(?: unique)?(?![a-z])");
const REWRITE_ARTICLE = pattern(
  " ?(?:rediger (?:ainsi|comme suit) (?:cet article|le present article|l'article unique)|retablir (?:cet|le present) article(?: (?:dans la redaction suivante|ainsi redige))?|(?:cet|le present) article est (?:ainsi )?redige(?: comme suit)?)(?: ?:)?",
);
const COMPLETE_ARTICLE_BY = pattern(' ?completer (?:cet|le present) article par(?= )');
const COMPLETE_ARTICLE = pattern(' ?(?:completer (?:cet|le present) article|(?:cet|le present) article est complete) par [^:\uE000]{0,80}?:');
const INSERT_ARTICLE = pattern(" ?(?:apres l'article ([^,:\uE000]{1,30}?) ?,? ?)?inserer (?:un|l') ?article(?![a-z])[^:\uE000]{0,60}?:");

function articleOperation(c: Cursor): Operation[] | null {
  if (c.eat(DELETE_ARTICLE)) return [{ kind: 'delete_article' }];
  if (c.eat(REWRITE_ARTICLE)) return [{ kind: 'rewrite_article', alineas: alineasBlock(c, 'article') }];
  const sentences = c.attempt(() => (c.eat(COMPLETE_ARTICLE_BY) ? newSentences(c) : null));
  if (sentences !== null) return [{ kind: 'complete_article_sentences', text: sentences }];
  const complete = c.eat(COMPLETE_ARTICLE);
  if (complete !== null) return [{ kind: 'complete_article', alineas: alineasBlock(c, 'alinea', announcedAlineas(complete[0])) }];
  const additionnel = c.eat(INSERT_ARTICLE);
  if (additionnel === null) return null;
  return [{ kind: 'insert_article_after', article: additionnel[1]?.trim() ?? null, alineas: alineasBlock(c, 'article') }];
}

const SUBSTITUTE_ALINEAS = pattern(' ?substituer (?:a|aux)(?= )');
const ALINEAS_FOLLOWING = pattern(" ?,? ?(?:les |l')?(?:(?:un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|\\d+) )?(?:nouvel |nouveaux )?alineas?(?: suivants?| ainsi redige?s?)? ?:");
// « insérer un alinéa ainsi rédigé : », « il est inséré un alinéa… », « créer un 5° bis ainsi rédigé », « rédigé comme suit « … » »
const INSERT_ALINEAS = pattern(' ?,? ?(?:inserer|ajouter|creer|il est (?:insere|ajoute)|sont inseres) [^:\uE000]{0,80}?(?::|(?= ?\uE000))');
const ALINEA_DELETED = pattern(' ?(?:est|sont) supprimes?(?![a-z])');
const ALINEA_REWRITTEN = pattern(' ?(?:est|sont) (?:ainsi redige|redige comme suit)s? ?:');
const SENTENCE_SUBJECT = pattern(" ?(?:la |l')?{ORD} ?phrase (?:de |du |d')");
const SENTENCE_DELETED = pattern(' ?est supprimee(?![a-z])');
const SENTENCE_REPLACED = pattern(' ?est (?:remplacee par|ainsi redigee)(?: [^:\uE000]{0,60}?)? ?:');
const ARTICLE_START = pattern(" ?au debut (?:de cet|du present) article ?,? ?(?:inserer|ajouter) [^:\uE000]{0,80}?:");
const INSERT_FIRST = pattern(' ?inserer (apres|avant)(?= )');
const INTRO_REST = pattern(' ?,? ?[^:\uE000]{0,80}?:');
const COMPLETE = pattern(' ?completer(?= )');
const REWRITE_START = pattern(" ?,? ?rediger (?:ainsi|comme suit) le debut (?:de |du |d')");
/** Sénat: « Alinéa 3 ⏎ Rédiger ainsi le début de cet alinéa : », « Alinéa 3, troisième phrase ⏎ … de cette phrase : » */
const REWRITE_START_THIS = pattern(" ?,? ?rediger (?:ainsi|comme suit) le debut (?:de |du )(?:(?:cet |ce |ledit )alinea|(?:cette|ladite|la) phrase)(?![a-z]) ?:?");

/** The new start of an alinéa or a sentence (start.ts), without its ellipsis. */
function startText(c: Cursor): string {
  const text = newStartText(sentenceText(c));
  if (text === '') throw new ParseFailure(msg('le nouveau début est vide'));
  return text;
}

/** Operations on whole alinéas that name them: « Supprimer les alinéas 3 à 5. », « Après l’alinéa 5, insérer… ». */
function alineaOperation(c: Cursor): Operation[] | null {
  return (
    c.attempt(() => {
      if (!c.eat(DELETE)) return null;
      return alineaRanges(c)?.map((range): Operation => ({ kind: 'delete_alineas', range })) ?? null;
    }) ??
    c.attempt(() => {
      // « Rédiger ainsi le début de l’alinéa 8 : « … (le reste sans changement) » », « … le début de la première phrase de l’alinéa 3 : »
      if (!c.eat(REWRITE_START)) return null;
      const ordinal = c.eat(SENTENCE_OF);
      const n = alineaNumber(c);
      const sentence = ordinal === null ? undefined : sentenceIndex(ordinal[1] ?? '');
      if (n === null || sentence === null) return null;
      c.eat(COLON);
      return [{ kind: 'rewrite_start', alinea: n, ...(sentence === undefined ? {} : { sentence }), text: startText(c) }];
    }) ??
    c.attempt(() => {
      // « Supprimer la dernière phrase de l’alinéa 3 », « Rédiger ainsi la première phrase de l’alinéa 2 : »
      const verb = c.eat(DELETE) !== null ? 'delete' : c.eat(REWRITE) !== null ? 'rewrite' : c.eat(AROUND)?.[1] === 'apres' ? 'insert_after' : null;
      const ordinal = verb === null ? null : c.eat(SENTENCE_OF);
      const n = ordinal === null ? null : alineaNumber(c);
      if (verb === null || ordinal === null || n === null) return null;
      const sentence = sentenceIndex(ordinal[1] ?? '');
      if (sentence === null) return null;
      if (verb === 'insert_after' && !c.eat(INSERT_ALINEAS)) return null;
      c.eat(COLON);
      return [{ kind: 'edit_sentence', alinea: n, sentence, action: verb, text: verb === 'delete' ? '' : sentenceText(c) }];
    }) ??
    c.attempt(() => {
      // the indicative: « La dernière phrase de l’alinéa 2 est remplacée par les phrases suivantes : », « … est supprimée »
      const ordinal = c.eat(SENTENCE_SUBJECT);
      const n = ordinal === null ? null : alineaNumber(c);
      const sentence = n === null ? null : sentenceIndex(ordinal?.[1] ?? '');
      if (n === null || sentence === null) return null;
      if (c.eat(SENTENCE_DELETED)) return [{ kind: 'edit_sentence', alinea: n, sentence, action: 'delete', text: '' }];
      if (!c.eat(SENTENCE_REPLACED)) return null;
      return [{ kind: 'edit_sentence', alinea: n, sentence, action: 'rewrite', text: sentenceText(c) }];
    }) ??
    c.attempt(() => {
      // « Au début de cet article, ajouter un paragraphe ainsi rédigé : »
      const intro = c.eat(ARTICLE_START);
      return intro === null ? null : [{ kind: 'insert_alineas_after', after: 0, alineas: alineasBlock(c, 'alinea', announcedAlineas(intro[0])) }];
    }) ??
    c.attempt(() => {
      // « Insérer après le 9ème alinéa un alinéa ainsi rédigé : »
      const around = c.eat(INSERT_FIRST);
      const n = around === null ? null : alineaNumber(c);
      const intro = n === null ? null : c.eat(INTRO_REST);
      if (n === null || intro === null) return null;
      return [{ kind: 'insert_alineas_after', after: around?.[1] === 'avant' ? n - 1 : n, alineas: alineasBlock(c, 'alinea', announcedAlineas(intro[0])) }];
    }) ??
    c.attempt(() => {
      // « Substituer à l’alinéa 13 les deux alinéas suivants : », « Substituer aux alinéas 5 à 8 les alinéas suivants : »
      if (!c.eat(SUBSTITUTE_ALINEAS)) return null;
      const ranges = alineaRanges(c);
      const intro = ranges === null ? null : c.eat(ALINEAS_FOLLOWING);
      if (ranges === null || intro === null) return null;
      return [{ kind: 'rewrite_alinea', range: oneRange(ranges), alineas: alineasBlock(c, 'alinea', announcedAlineas(intro[0])) }];
    }) ??
    c.attempt(() => {
      if (!c.eat(REWRITE)) return null;
      const ranges = alineaRanges(c);
      if (ranges === null) return null;
      c.eat(COLON);
      return [{ kind: 'rewrite_alinea', range: oneRange(ranges), alineas: alineasBlock(c, 'alinea') }];
    }) ??
    c.attempt(() => {
      // the indicative: « L’alinéa 10 est ainsi rédigé : », « Les alinéas 3 et 4 sont ainsi rédigés : »
      const ranges = alineaRanges(c);
      if (ranges !== null && c.eat(ALINEA_DELETED)) return ranges.map((range): Operation => ({ kind: 'delete_alineas', range }));
      if (ranges === null || !c.eat(ALINEA_REWRITTEN)) return null;
      return [{ kind: 'rewrite_alinea', range: oneRange(ranges), alineas: alineasBlock(c, 'alinea') }];
    }) ??
    c.attempt(() => {
      const around = c.eat(AROUND);
      const n = around === null ? null : alineaNumber(c);
      const intro = n === null ? null : c.eat(INSERT_ALINEAS);
      if (n === null || intro === null) return null;
      const after = around?.[1] === 'avant' ? n - 1 : n;
      return [{ kind: 'insert_alineas_after', after, alineas: alineasBlock(c, 'alinea', announcedAlineas(intro[0])) }];
    }) ??
    c.attempt(() => {
      const n = c.eat(COMPLETE) ? alineaNumber(c) : null;
      if (n === null || !c.eat(BY)) return null;
      const sentences = newSentences(c);
      if (sentences !== null) return [{ kind: 'append_sentences', alinea: n, text: sentences }];
      const words = newWords(c);
      return words === null ? null : [{ kind: 'insert_words', alinea: n, at: { position: 'end' }, words }];
    })
  );
}

const LOCATOR_PREFIX = pattern(' ?(?:a|au|aux|dans|en)(?= )');
const PHRASES_OF = pattern(" ?(?:aux |les )?{ORD} et {ORD} phrases (?:de |du |d'|del')");
const PHRASE = pattern(" ?(?:a )?(?:la |l')?{ORD} ?phrase (?:de |du |d')");
const SENTENCE_ALONE = pattern(" ?(?:la |l')?{ORD} ?phrase(?![a-z])(?! ?(?:de |du |d'))");
const SENTENCE_OF = pattern(" ?(?:la |l')?{ORD} ?phrase (?:de |du |d')");
const EDGE = pattern(" ?(au debut|a la fin) (?:de |du |d')");
const THIS_ALINEA = pattern(" ?(?:cet|ce|ledit) alinea(?![a-z])");
const SENAT_PHRASE = pattern(' ?, ?(apres |avant )?(?:a la |a l\'|la |l\')?{ORD} ?phrase(?![a-z])');
const SENAT_PHRASES = pattern(' ?, ?(?:(?:les |aux )?deux (premieres|dernieres)|(?:les |aux )?{ORD} et {ORD}) phrases(?![a-z])(?: ?\\(deux fois\\))?');
const MODIFIED = pattern(' ?(?:est|sont) ainsi modifiee?s?(?![a-z])');
const LOCATOR_END = pattern(' ?[,:]');

interface Place {
  at: AlineaRange[] | null;
  sentence: number | null;
  moreSentences?: number[];
  afterSentence: boolean;
  edge: 'start' | 'end' | null;
}

/** « À l’alinéa 2, », « Aux alinéas 3 et 5, », « À la première phrase du deuxième alinéa, », « Alinéa 6 », « Au début de l’alinéa 3, ». */
function locator(c: Cursor): Place | null {
  const edge = c.eat(EDGE);
  if (edge !== null) {
    const n = c.eat(THIS_ALINEA) ? null : alineaNumber(c);
    if (n === null && c.pos === edge.index + edge[0].length) return null;
    c.eat(LOCATOR_END);
    return { at: n === null ? null : [{ from: n, to: n }], sentence: null, afterSentence: false, edge: edge[1] === 'au debut' ? 'start' : 'end' };
  }
  c.eat(LOCATOR_PREFIX);
  // « Aux première et deuxième phrases de l’alinéa 9, »
  const phrases = c.attempt(() => {
    const m = c.eat(PHRASES_OF);
    const at = m === null ? null : alineaRanges(c);
    const [first, second] = [sentenceIndex(m?.[1] ?? ''), sentenceIndex(m?.[2] ?? '')];
    return at === null || first === null || second === null ? null : { at, sentence: first, moreSentences: [second], afterSentence: false, edge: null };
  });
  if (phrases !== null) {
    c.eat(LOCATOR_END);
    return phrases;
  }
  const phrase = c.eat(PHRASE);
  // « À la deuxième phrase de cet alinéa, »: the alinéa named before
  const thisAlinea = phrase !== null && c.eat(THIS_ALINEA) !== null;
  if (thisAlinea) {
    const sentence = sentenceIndex(phrase[1] ?? '');
    if (sentence === null) return null;
    c.eat(LOCATOR_END);
    return { at: null, sentence, afterSentence: false, edge: null };
  }
  const at = alineaRanges(c);
  if (at === null) {
    // « Première phrase » on its own line, under the alinéa named before
    const alone = phrase === null ? c.eat(SENTENCE_ALONE) : null;
    const sentence = alone === null ? null : sentenceIndex(alone[1] ?? '');
    if (sentence === null) return null;
    c.eat(LOCATOR_END);
    return { at: null, sentence, afterSentence: false, edge: null };
  }
  // « Alinéa 2, troisième et quatrième phrases », « Alinéa 4, deux premières phrases »
  const several = phrase === null ? c.eat(SENAT_PHRASES) : null;
  if (several !== null) {
    const list = several[1] !== undefined ? (several[1] === 'premieres' ? [1, 2] : [-2, -1]) : [sentenceIndex(several[2] ?? ''), sentenceIndex(several[3] ?? '')];
    const [first, second] = list;
    if (first === null || second === null || first === undefined || second === undefined) return null;
    c.eat(LOCATOR_END);
    return { at, sentence: first, moreSentences: [second], afterSentence: false, edge: null };
  }
  const senatPhrase = phrase === null ? c.eat(SENAT_PHRASE) : null;
  // « L’alinéa 3 est ainsi modifié : » then « 1° … », « 2° … » on it
  if (phrase === null && senatPhrase === null) c.eat(MODIFIED);
  c.eat(LOCATOR_END);
  const ordinal = phrase?.[1] ?? senatPhrase?.[2];
  const sentence = ordinal === undefined ? null : sentenceIndex(ordinal);
  if (ordinal !== undefined && sentence === null) throw new ParseFailure(fill(msg('phrase illisible : « {{mots}} »'), { mots: ordinal }));
  // « Alinéa 4, avant la dernière phrase ⏎ Insérer… » is after the one before it
  if (senatPhrase?.[1] === 'avant ' && sentence !== null) {
    if (sentence === 1) throw new ParseFailure(msg('avant la première phrase : écrivez « Au début de l’alinéa »'));
    return { at, sentence: sentence - 1, afterSentence: true, edge: null };
  }
  return { at, sentence, afterSentence: senatPhrase?.[1] !== undefined, edge: null };
}

const SUBSTITUTE = pattern(' ?substituer(?= |,)');
const REPLACE = pattern(' ?remplacer(?= |,)');
const DELETE_THESE = pattern(' ?supprimer (?:cet|ce|ces|ledit|lesdits)(?: [a-z]+)? alineas?(?![a-z])');
const REWRITE_THESE = pattern(' ?(?:rediger (?:ainsi|comme suit)|retablir) (?:cet|ces)(?: [a-z]+)? alineas?(?![a-z])(?: (?:dans la redaction suivante|ainsi redige))?(?: ?:)?');
/** « Remplacer cet alinéa par deux alinéas ainsi rédigés : », « Remplacer ces alinéas par un alinéa ainsi rédigé : » */
const REPLACE_THESE = pattern(' ?remplacer (?:cet|ces)(?: [a-z]+)? alineas? par ([^:\uE000]{0,60}?):');
const COMPLETE_THIS = pattern(' ?completer (?:(?:cet|ce) alinea|(?:ces|lesdits) alineas) par(?= )');
const INSERT = pattern(' ?,? ?(?:inserer|ajouter)(?= )');
const DELETE_AFTER = pattern(' ?,? ?supprimer(?= (?:le|les|la|l))');
const REWRITE_END = pattern(" ?,? ?rediger (?:ainsi|comme suit) la fin (?:de |du )(?:cet |ce |l'|la |cette )?(alinea|phrase)(?: (\\d+))?(?![a-z])");
/** « rédiger ainsi la fin de la première phrase de l’alinéa 3 : » */
const REWRITE_SENTENCE_END = pattern(" ?,? ?rediger (?:ainsi|comme suit) la fin de (?:la |l')?{ORD} ?phrase (?:de |du |d')");
const END_OF = pattern(" ?,? ?supprimer la fin (?:de|du) (?:cet |ce |l'|la )?(alinea|phrase)(?![a-z])");

/** Operations on the alinéa(s) a locator named (or, for words, on the whole article when none). */
function locatedOperation(c: Cursor, ctx: StatementContext, edge: 'start' | 'end' | null): Operation[] | null {
  const sentenceOp = c.attempt(() => sentenceOperation(c, ctx));
  if (sentenceOp !== null) return sentenceOp;
  // « Alinéa 5 ⏎ Après cet alinéa, insérer un alinéa ainsi rédigé : »
  const around = c.attempt(() => {
    const m = c.eat(AROUND_THIS);
    const intro = m === null ? null : c.eat(INSERT_ALINEAS);
    return m === null || intro === null ? null : { before: m[1] === 'avant', intro: intro[0] };
  });
  if (around !== null) {
    const range = oneRange(needPlace(ctx));
    const after = around.before ? range.from - 1 : range.to;
    return [{ kind: 'insert_alineas_after', after, alineas: alineasBlock(c, 'alinea', announcedAlineas(around.intro)) }];
  }
  if (c.eat(DELETE_THESE)) return needPlace(ctx).map((range): Operation => ({ kind: 'delete_alineas', range }));
  const start = c.eat(REWRITE_START_THIS);
  if (start !== null) {
    const range = oneRange(needPlace(ctx));
    if (range.from !== range.to) throw new ParseFailure(msg('le début se réécrit dans un seul alinéa'));
    const inSentence = start[0].includes('phrase');
    if (inSentence && ctx.sentence === null) throw new ParseFailure(msg('quelle phrase ? (« Alinéa 3, première phrase » manque)'));
    return [{ kind: 'rewrite_start', alinea: range.from, ...(inSentence ? { sentence: ctx.sentence as number } : {}), text: startText(c) }];
  }
  if (c.eat(REWRITE_THESE)) return [{ kind: 'rewrite_alinea', range: oneRange(needPlace(ctx)), alineas: alineasBlock(c, 'alinea') }];
  const replaced = c.eat(REPLACE_THESE);
  if (replaced !== null) {
    return [{ kind: 'rewrite_alinea', range: oneRange(needPlace(ctx)), alineas: alineasBlock(c, 'alinea', announcedAlineas(` ${replaced[1] ?? ''}`)) }];
  }
  const located: Located = { at: null };
  const words = c.attempt(() => wordsOperation(c, edge, located));
  if (words === null) return null;
  // « Supprimer les mots : « X » à l’alinéa 3. »: the locator may also close the sentence
  located.at ??= c.attempt(() => {
    const ranges = c.eat(TRAILING_LOCATOR) ? alineaRanges(c) : null;
    return ranges !== null && (c.sees(STATEMENT_END) || c.sees(LABEL)) ? ranges : null;
  });
  return wordsOperations(located.at === null ? ctx : { ...ctx, at: located.at, sentence: located.sentence ?? null, moreSentences: [], afterSentence: false }, words);
}

const AROUND_THIS = pattern(" ?(apres|avant) (?:cet|ce|ledit|le meme) alinea(?![a-z])");
const TRAILING_LOCATOR = pattern(' ?,? ?(?:a|au|aux|dans)(?= )');
const INLINE_LOCATOR = pattern(' ?, ?(?:a|au|aux|dans)(?= )');
const COMMA = pattern(' ?,');

type WordsDraft =
  | { kind: 'substitute_words'; words: QuotedWords; replacement: string }
  | { kind: 'delete_words'; words: QuotedWords }
  | { kind: 'delete_end_of_alinea'; after: QuotedWords; text?: string; inSentence?: true }
  | { kind: 'insert_words'; at: WordsPlace; words: string }
  | { kind: 'append_sentences'; text: string };

/** A word operation; `located.at` is set when the verb is followed by its locator (« Substituer, à l’alinéa 2, aux mots… »). */
interface Located {
  at: AlineaRange[] | null;
  sentence?: number;
}

function wordsOperation(c: Cursor, edge: 'start' | 'end' | null, located: Located): WordsDraft | null {
  const inline = () => {
    located.at = c.attempt(() => {
      const ranges = c.eat(INLINE_LOCATOR) ? alineaRanges(c) : null;
      return ranges !== null && c.eat(COMMA) ? ranges : null;
    });
  };
  if (c.eat(SUBSTITUTE)) {
    inline();
    const words = dativeWords(c);
    const replacement = words === null ? null : newWords(c);
    return words === null || replacement === null ? null : { kind: 'substitute_words', words, replacement };
  }
  if (c.eat(REPLACE)) {
    inline();
    const words = directWords(c);
    const replacement = words !== null && c.eat(BY) ? newWords(c) : null;
    return words === null || replacement === null ? null : { kind: 'substitute_words', words, replacement };
  }
  if (c.eat(COMPLETE_THIS)) {
    const sentences = newSentences(c);
    if (sentences !== null) return { kind: 'append_sentences', text: sentences };
    const added = newWords(c);
    return added === null ? null : { kind: 'insert_words', at: { position: 'end' }, words: added };
  }
  if (c.eat(DELETE)) {
    inline();
    // « Supprimer (deux fois) les mots : »
    const times = c.eat(TIMES_FIRST);
    const words = directWords(c);
    if (words !== null && times !== null) return { kind: 'delete_words', words: withTimes(words, times[0]) };
    return words === null ? null : { kind: 'delete_words', words };
  }
  const indicative = c.attempt(() => indicativeOperation(c));
  if (indicative !== null) return indicative;
  if (edge !== null) {
    const added = c.eat(INSERT) || c.eat(INSERTED) ? newWords(c) : null;
    return added === null ? null : { kind: 'insert_words', at: { position: edge }, words: added };
  }
  const around = c.eat(AROUND);
  const anchor = around === null ? null : directWords(c);
  if (around === null || anchor === null) return null;
  if (c.eat(INSERTED)) {
    const added = newWords(c);
    return added === null ? null : { kind: 'insert_words', at: { position: around[1] === 'avant' ? 'before' : 'after', anchor }, words: added };
  }
  // « Après les mots : X ⏎ supprimer le mot : Y »: Y, which must then occur once
  const deleted = c.attempt(() => (around[1] === 'apres' && c.eat(DELETE_AFTER) ? directWords(c) : null));
  if (deleted !== null) return { kind: 'delete_words', words: deleted };
  const endOf = c.eat(END_OF);
  if (endOf !== null) {
    if (around[1] === 'avant') throw new ParseFailure(msg('seule la fin d’un alinéa, après des mots cités, peut être supprimée'));
    return { kind: 'delete_end_of_alinea', after: anchor, ...(endOf[1] === 'phrase' ? { inSentence: true as const } : {}) };
  }
  // « après le mot : « X », rédiger ainsi la fin de cet alinéa / de l’alinéa 11 / de cette phrase : « Y » »
  const sentenceEnd = around[1] === 'apres' ? c.attempt(() => {
    const m = c.eat(REWRITE_SENTENCE_END);
    const n = m === null ? null : alineaNumber(c);
    const s = n === null ? null : sentenceIndex(m?.[1] ?? '');
    return n === null || s === null ? null : { n, s };
  }) : null;
  if (sentenceEnd !== null) {
    located.at = [{ from: sentenceEnd.n, to: sentenceEnd.n }];
    located.sentence = sentenceEnd.s;
    c.eat(COLON);
    return { kind: 'delete_end_of_alinea', after: anchor, text: sentenceText(c) };
  }
  const rewriteEnd = c.eat(REWRITE_END);
  if (rewriteEnd !== null) {
    if (around[1] === 'avant') return null;
    if (rewriteEnd[2] !== undefined) located.at = [{ from: Number(rewriteEnd[2]), to: Number(rewriteEnd[2]) }];
    c.eat(COLON);
    return { kind: 'delete_end_of_alinea', after: anchor, text: sentenceText(c), ...(rewriteEnd[1] === 'phrase' ? { inSentence: true as const } : {}) };
  }
  const added = c.eat(INSERT) ? newWords(c) : null;
  return added === null ? null : { kind: 'insert_words', at: { position: around[1] === 'avant' ? 'before' : 'after', anchor }, words: added };
}

const TIMES_FIRST = pattern(' ?\\((?:deux|trois|quatre|cinq) fois\\)');
const REPLACED = pattern(' ?(?:sont|est) remplacee?s? par(?= )');
const DELETED = pattern(' ?(?:sont|est) supprimee?s?(?![a-z])');
const INSERTED = pattern(' ?,? ?(?:sont|est) inseree?s?(?= )');

/**
 * The indicative of bill articles, which citizens also use in dispositifs: « À l’alinéa 2, les
 * mots : « X » sont remplacés par les mots : « Y » », « … sont supprimés ». Only after a locator
 * or at the start of a sentence: inside a rewritten text it is content.
 */
function indicativeOperation(c: Cursor): WordsDraft | null {
  const words = directWords(c);
  if (words === null) return null;
  if (c.eat(DELETED)) return { kind: 'delete_words', words };
  const replacement = c.eat(REPLACED) ? newWords(c) : null;
  return replacement === null ? null : { kind: 'substitute_words', words, replacement };
}

function withoutTimes(op: Operation): Operation {
  const strip = (w: QuotedWords): QuotedWords => ({ text: w.text, ...(w.occurrence === undefined ? {} : { occurrence: w.occurrence }) });
  if (op.kind === 'substitute_words' || op.kind === 'delete_words') return { ...op, words: strip(op.words) };
  if (op.kind === 'delete_end_of_alinea') return { ...op, after: strip(op.after) };
  if (op.kind === 'insert_words' && (op.at.position === 'after' || op.at.position === 'before')) return { ...op, at: { ...op.at, anchor: strip(op.at.anchor) } };
  return op;
}

/** One operation per named alinéa (« Aux alinéas 3 et 5, substituer… » is two), or one on the whole article. */
function wordsOperations(ctx: StatementContext, draft: WordsDraft): Operation[] {
  const quoted =
    draft.kind === 'delete_end_of_alinea' ? draft.after
    : draft.kind === 'append_sentences' ? null
    : draft.kind !== 'insert_words' ? draft.words
    : draft.at.position === 'after' || draft.at.position === 'before' ? draft.at.anchor
    : null;
  // A sentence is not located inside its alinéa: the words are searched in the whole alinéa,
  // which is only safe when they must be unique there (an occurrence would count differently).
  void quoted;
  if (draft.kind === 'delete_end_of_alinea' && draft.inSentence === true) {
    if (ctx.sentence === null) throw new ParseFailure(msg('quelle phrase ? (« Alinéa 3, première phrase » manque)'));
    delete draft.inSentence;
  }
  if (ctx.sentence !== null && draft.kind === 'append_sentences') throw new ParseFailure(msg('des phrases s’ajoutent à l’alinéa, pas à une phrase'));
  const scopes = ctx.sentence === null || draft.kind === 'append_sentences' ? [{}] : [ctx.sentence, ...(ctx.moreSentences ?? [])].map((sentence) => ({ sentence }));
  if (ctx.at === null) {
    if (ctx.sentence !== null) throw new ParseFailure(msg('quel alinéa ? (la phrase est nommée sans son alinéa)'));
    return [{ ...draft, alinea: null }];
  }
  const ops: Operation[] = [];
  for (const range of ctx.at) for (let n = range.from; n <= range.to; n++) for (const scope of scopes) ops.push({ ...draft, alinea: n, ...scope } as Operation);
  // « Aux alinéas 3, 7 et 9, remplacer les mots (trois fois) »: once in each place
  if (quoted?.times !== undefined && ops.length > 1) {
    if (ops.length !== quoted.times) throw new ParseFailure(fill(msg('« ({{n}} fois) » sur {{endroits}} endroits : combien de fois dans chacun ?'), { n: quoted.times, endroits: ops.length }));
    return ops.map((op) => withoutTimes(op));
  }
  return ops;
}

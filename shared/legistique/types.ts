/**
 * An alinéa number below 0 counts from the end: -1 is « le dernier alinéa ».
 *
 * The operations of a French *dispositif* (the instruction part of an amendment), as the parser
 * reads them, the applier performs them and the generator writes them (docs/dispositif.md).
 *
 * Alinéa numbers are 1-based positions in the article as published (the ORIGINAL numbering):
 * an operation never sees the numbering left by the operations before it, as in real amendments.
 */

/** Which occurrence of a quoted word group: 1-based, or the last one. */
export type Occurrence = number | 'last';

/** Quoted words that locate a place in an alinéa (« au mot : « X » », « la deuxième occurrence des mots : « X » »). */
export interface QuotedWords {
  /** The quotation as written (matching tolerates spacing, apostrophe and dash variants). */
  text: string;
  /** Absent: the words must occur exactly once. */
  occurrence?: Occurrence;
  /** « (deux fois) »: every occurrence, and there must be exactly that many. */
  times?: number;
}

/** Inclusive range of original alinéa numbers; `from === to` for one alinéa. */
export interface AlineaRange {
  from: number;
  to: number;
}

/** Where words are inserted: next to quoted words, or at the start / end of the alinéa. */
export type WordsPlace = { position: 'after' | 'before'; anchor: QuotedWords } | { position: 'start' | 'end' };

export type Operation =
  /** « Supprimer cet article. » */
  | { kind: 'delete_article' }
  /** « Rédiger ainsi cet article : » */
  | { kind: 'rewrite_article'; alineas: string[] }
  /** « Compléter cet article par un alinéa ainsi rédigé : » — appended after everything else. */
  | { kind: 'complete_article'; alineas: string[] }
  /** « Compléter cet article par une phrase ainsi rédigée : » — the sentence(s) end its last alinéa. */
  | { kind: 'complete_article_sentences'; text: string }
  /** An *article additionnel* (« APRÈS L’ARTICLE 8 … Insérer un article additionnel ainsi rédigé : »). */
  | { kind: 'insert_article_after'; article: string | null; alineas: string[] }
  /** « Rédiger ainsi l’alinéa 3 : » / « les alinéas 3 à 5 : » — the range replaced by `alineas`. */
  | { kind: 'rewrite_alinea'; range: AlineaRange; alineas: string[] }
  /** « Supprimer l’alinéa 4. » / « Supprimer les alinéas 3 à 5. » */
  | { kind: 'delete_alineas'; range: AlineaRange }
  /** « Après l’alinéa 5, insérer un alinéa ainsi rédigé : »; `after: 0` is « Avant l’alinéa 1 ». */
  | { kind: 'insert_alineas_after'; after: number; alineas: string[] }
  /** Word operations: `alinea: null` when no alinéa is named (the words must then be unique in the article). */
  | { kind: 'substitute_words'; alinea: number | null; words: QuotedWords; replacement: string; sentence?: number }
  | { kind: 'delete_words'; alinea: number | null; words: QuotedWords; sentence?: number }
  /**
   * « Après les mots : « X », supprimer la fin de cet alinéa. » (the final punctuation stays);
   * with `text`, « … rédiger ainsi la fin de cet alinéa : « Y » » (Y brings its own punctuation).
   */
  | { kind: 'delete_end_of_alinea'; alinea: number | null; after: QuotedWords; sentence?: number; text?: string }
  /** « après le mot : « X », insérer les mots : « Y » »; `end` is « Compléter l’alinéa 2 par les mots : ». */
  | { kind: 'insert_words'; alinea: number | null; at: WordsPlace; words: string; sentence?: number }
  /**
   * « Compléter l’alinéa 9 par une phrase ainsi rédigée : » / « par deux phrases ainsi rédigées : »:
   * `text` (the quoted sentence or sentences) is appended after the alinéa's own final
   * punctuation, separated by one space.
   */
  | { kind: 'append_sentences'; alinea: number | null; text: string }
  /**
   * On sentence `sentence` of alinéa `alinea` (1-based; -1 the last, -2 the one before):
   * « Supprimer la dernière phrase de l’alinéa 3 », « Rédiger ainsi cette phrase : »,
   * « Après la première phrase, insérer une phrase ainsi rédigée : ».
   */
  | { kind: 'edit_sentence'; alinea: number; sentence: number; action: 'delete' | 'rewrite' | 'insert_after'; text: string }
  /**
   * « Rédiger ainsi le début de l’alinéa 8 : « Lorsque plusieurs référendums sont organisés… (le
   * reste sans changement) » » (of a sentence with `sentence`): `text` is the new start, without
   * the ellipsis. It meets the old text at its last words, which must occur once there (start.ts).
   */
  | { kind: 'rewrite_start'; alinea: number; sentence?: number; text: string };

export type OperationKind = Operation['kind'];

/** Whose style a generated dispositif follows: the Assemblée nationale's (default) or the Sénat's. */
export type Chamber = 'an' | 'senat';

/** One operation with the label it was written under (« II », « I, 1° ») or its rank in Roman numerals. */
export interface LabelledOperation {
  label: string;
  operation: Operation;
}

export interface ParseError {
  /** 1-based line of the dispositif where the unreadable sentence starts. */
  line: number;
  /** The label the sentence was written under (« II »), when it has one. */
  label?: string;
  /** The sentence as written (shortened when long). */
  sentence: string;
  message: string;
}

export type ParseResult =
  /** `subAmendmentOf`: a sous-amendement (« Amendement n° 78 rectifié, alinéa 9 »): its operations apply to that amendment's text. */
  | { ok: true; operations: LabelledOperation[]; subAmendmentOf?: string }
  /** `operations`: what could be read, for display; never to be applied. */
  | { ok: false; operations: LabelledOperation[]; errors: ParseError[] };

export interface ParseOptions {
  /**
   * `article_additionnel`: the amendment is « APRÈS L’ARTICLE X »; its body is the new article
   * (optionally introduced by « Insérer un article additionnel ainsi rédigé : »).
   * Also recognised without the option when the text starts with such a heading line.
   */
  context?: 'article' | 'article_additionnel';
  /** The article after which the new one goes, when the caller knows it (« 8 »). */
  article?: string;
}

export type ApplyFailure = 'unparseable' | 'words_absent' | 'words_ambiguous' | 'alinea_missing' | 'conflict' | 'sub_amendment';

export interface ApplyError {
  /** 1-based rank of the failing operation in the dispositif. */
  operation: number;
  /** Its label as written (« II »), or its rank in Roman numerals. */
  label: string;
  reason: ApplyFailure;
  /** French, for people: « Opération II : les mots « foo » ne figurent pas à l’alinéa 3. » */
  message: string;
}

/**
 * `alineas`: the article after the amendment ([] once deleted). For an article additionnel the
 * article itself is unchanged and the new article is `newArticle`.
 */
export type ApplyResult =
  | { ok: true; alineas: string[]; newArticle?: string[] }
  | { ok: false; error: ApplyError };

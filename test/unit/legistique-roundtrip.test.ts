/**
 * Round trip as a property: for random edits of REAL articles (the two bill fixtures), the
 * generated dispositif, read back and applied to the article, gives exactly the edited article.
 */
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import type { ImportResult } from '../../shared/bill';
import { parseLaFabriqueJson } from '../../shared/lafabrique';
import { applyDispositif, formatDispositif, generateDispositif, parseDispositif, type Chamber, type Operation, type QuotedWords } from '../../shared/legistique';
import { parseLegisticText } from '../../shared/legistic-text';
import { closesProvision } from '../../shared/legistique/provisions';

const FIXTURES = path.join(__dirname, '../../../shared/fixtures/bills');
const NBSP = '\u00a0';

function articlesOf(result: ImportResult): string[][] {
  if (!result.ok) throw new Error(`fixture did not import: ${JSON.stringify(result.issues)}`);
  return result.bill.articles.map((a) => a.alineas);
}

const ARTICLES: readonly string[][] = [
  ...articlesOf(parseLegisticText(fs.readFileSync(path.join(FIXTURES, 'pjl-enseignement-superieur-extrait.txt'), 'utf8'))),
  ...articlesOf(parseLaFabriqueJson(JSON.parse(fs.readFileSync(path.join(FIXTURES, 'lafabrique-pjl12-614.json'), 'utf8')))),
];

/** Words clerks move around, including repeated little words and quotation marks. */
const VOCABULARY = [
  'de la', 'de', 'la', 'loi', 'l’État', "l'État", 'public', 'les établissements', 'du code de l’éducation', 'et',
  'enseignement supérieur', 'L. 123-4', `200${NBSP}000`, '1°', '2° bis', '« nouvelle »', 'définis', ', le cas échéant,',
  '(nouveau)', 'au premier alinéa', 'à', 'français', 'recherche', `mots${NBSP}:`,
];
const SENTENCES = [
  'Un décret en Conseil d’État fixe les modalités d’application du présent article.',
  '« Art. L. 123-4-1. – Les établissements publics de la recherche et de l’enseignement supérieur publient leurs données. »',
  '« 5° Par la coopération de la recherche et de l’enseignement ;',
  'II. – Le second alinéa de l’article L. 121-3 du même code est supprimé.',
  'de la recherche de la recherche de la recherche.',
];

/** Sentences citizens add at the end of an alinéa (« Compléter l’alinéa par une phrase ainsi rédigée »). */
const ADDED_SENTENCES = [
  'Une évaluation annuelle en est publiée.',
  'Un décret fixe les modalités. Il est publié au Journal officiel.',
  '« Nul n’en est exclu. »',
  'Le cas échéant, l’État en informe le Parlement !',
  '« Art. L. 1. – Les données sont publiques.',
  'et de la recherche.',
];

type Edit =
  | { kind: 'substitute' | 'insert_words'; a: number; w: number; count: number; words: string }
  | { kind: 'add_sentence'; a: number; text: string }
  | { kind: 'delete_words'; a: number; w: number; count: number }
  | { kind: 'insert_alinea' | 'rewrite_alinea'; a: number; text: string }
  | { kind: 'delete_alineas'; a: number; count: number }
  | { kind: 'split' | 'merge' | 'duplicate'; a: number; w: number };

const words = fc.oneof(fc.constantFrom(...VOCABULARY), fc.nat().map((n) => `@${n}`));
const sentence = fc.constantFrom(...SENTENCES);
const small = fc.integer({ min: 1, max: 4 });

const wordEdit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('substitute' as const), a: fc.nat(), w: fc.nat(), count: small, words }),
  fc.record({ kind: fc.constant('insert_words' as const), a: fc.nat(), w: fc.nat(), count: small, words }),
  fc.record({ kind: fc.constant('delete_words' as const), a: fc.nat(), w: fc.nat(), count: small }),
  fc.record({ kind: fc.constant('add_sentence' as const), a: fc.nat(), text: fc.constantFrom(...ADDED_SENTENCES) }),
);
const alineaEdit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constantFrom('insert_alinea' as const, 'rewrite_alinea' as const), a: fc.nat(), text: sentence }),
  fc.record({ kind: fc.constant('delete_alineas' as const), a: fc.nat(), count: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constantFrom('split' as const, 'merge' as const, 'duplicate' as const), a: fc.nat(), w: fc.nat() }),
);

/** Word spans of an alinéa, so that edits keep the text's own spaces elsewhere. */
function tokens(text: string): { start: number; end: number }[] {
  return [...text.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** `@n` in the vocabulary stands for a word of the article itself, so that repeated words are common. */
function resolve(word: string, article: readonly string[]): string {
  if (!word.startsWith('@')) return word;
  const all = article.flatMap((a) => a.match(/[\p{L}’']+/gu) ?? []);
  return all.length === 0 ? 'loi' : (all[Number(word.slice(1)) % all.length] ?? 'loi');
}

function applyEdit(article: string[], edit: Edit): string[] {
  const out = [...article];
  if (out.length === 0) return edit.kind === 'insert_alinea' ? [edit.text] : out;
  const a = edit.a % out.length;
  const text = out[a] ?? '';
  const toks = tokens(text);
  const tok = (i: number) => toks[Math.min(i, toks.length - 1)] ?? { start: 0, end: 0 };
  switch (edit.kind) {
    case 'substitute': {
      const first = tok(edit.w % toks.length);
      const last = tok((edit.w % toks.length) + edit.count - 1);
      out[a] = text.slice(0, first.start) + resolve(edit.words, article) + text.slice(last.end);
      break;
    }
    case 'insert_words': {
      const at = edit.w % (toks.length + 1);
      const added = resolve(edit.words, article);
      out[a] = at === toks.length ? `${text} ${added}` : `${text.slice(0, tok(at).start)}${added} ${text.slice(tok(at).start)}`;
      break;
    }
    case 'delete_words': {
      const i = edit.w % toks.length;
      const end = Math.min(i + edit.count, toks.length);
      const from = tok(i).start;
      const to = end === toks.length ? text.length : tok(end).start;
      out[a] = (text.slice(0, from) + text.slice(to)).trim();
      if (out[a] === '') out.splice(a, 1);
      break;
    }
    case 'add_sentence': {
      // the last alinéa of a quoted provision takes a new sentence inside its closing mark
      const closing = closesProvision(text) ? /\s*[»"”][\s.;,]*$/u.exec(text) : null;
      out[a] = closing === null ? `${text} ${edit.text}` : `${text.slice(0, closing.index)} ${edit.text}${text.slice(closing.index)}`;
      break;
    }
    case 'insert_alinea':
      out.splice(edit.a % (out.length + 1), 0, edit.text);
      break;
    case 'rewrite_alinea':
      out[a] = edit.text;
      break;
    case 'delete_alineas':
      out.splice(a, edit.count);
      break;
    case 'split': {
      const at = toks.length < 2 ? 0 : 1 + (edit.w % (toks.length - 1));
      if (at > 0) out.splice(a, 1, text.slice(0, tok(at).start).trim(), text.slice(tok(at).start).trim());
      break;
    }
    case 'merge':
      if (a + 1 < out.length) out.splice(a, 2, `${text} ${out[a + 1] ?? ''}`);
      break;
    case 'duplicate':
      out.splice(edit.w % (out.length + 1), 0, text);
      break;
  }
  return out;
}

const article = fc.constantFrom(...ARTICLES);

function roundTrip(before: readonly string[], after: readonly string[], chamber: Chamber = 'an'): string {
  const dispositif = generateDispositif(before, after, { chamber });
  if (dispositif !== '') expect(parseDispositif(dispositif)).toMatchObject({ ok: true });
  const result = applyDispositif(before, dispositif);
  if (!result.ok || JSON.stringify(result.alineas) !== JSON.stringify(after)) {
    throw new Error(`round trip failed\nbefore: ${JSON.stringify(before)}\nafter: ${JSON.stringify(after)}\ndispositif:\n${dispositif}\nresult: ${JSON.stringify(result)}`);
  }
  return dispositif;
}

describe('in the Sénat’s style (« Alinéa 3 ⏎ Remplacer les mots : … »), the same round trip', () => {
  it('word and alinéa edits, mixed: never an Assemblée locator (« À l’alinéa 3, ») in the text', () => {
    fc.assert(
      fc.property(article, fc.array(fc.oneof(wordEdit, alineaEdit), { minLength: 1, maxLength: 5 }), (before, edits) => {
        const dispositif = roundTrip(before, edits.reduce(applyEdit, [...before]), 'senat');
        expect(dispositif).not.toMatch(/(?:^|\n)(?:[IVX]+\.\u00a0– )?(?:À l’alinéa|Après l’alinéa \d+, insérer|Rédiger ainsi l’alinéa|Supprimer l’alinéa)/u);
      }),
      { numRuns: 500 },
    );
  });

  it('sentences added at the end of an alinéa', () => {
    fc.assert(
      fc.property(article, fc.nat(), fc.constantFrom(...ADDED_SENTENCES), (before, a, added) => {
        roundTrip(before, applyEdit([...before], { kind: 'add_sentence', a, text: added }), 'senat');
      }),
      { numRuns: 200 },
    );
  });
});

describe('generateDispositif then applyDispositif gives the edited article back', () => {
  it('reads the real articles of both fixtures', () => {
    expect(ARTICLES.length).toBeGreaterThan(15);
  });

  it('word substitutions, insertions and deletions (repeated words, article words, alinéa edges)', () => {
    fc.assert(
      fc.property(article, fc.array(wordEdit, { minLength: 1, maxLength: 4 }), (before, edits) => {
        roundTrip(before, edits.reduce(applyEdit, [...before]));
      }),
      { numRuns: 1000 },
    );
  });

  it('sentences added at the end of an alinéa: « par une phrase ainsi rédigée », never a quotation opening on punctuation', () => {
    fc.assert(
      fc.property(article, fc.nat(), fc.constantFrom(...ADDED_SENTENCES.slice(0, 4)), (before, a, added) => {
        const after = applyEdit([...before], { kind: 'add_sentence', a, text: added });
        roundTrip(before, after);
        const dispositif = generateDispositif(before, after);
        const edited = before[a % before.length] ?? '';
        if (/[.!?;…][\s»”]*$/u.test(edited) && !dispositif.includes('Rédiger')) expect(dispositif).toMatch(/ phrases? ainsi rédigées?/);
        expect(dispositif).not.toMatch(/«\u00a0[\s.,;:!?]/u);
      }),
      { numRuns: 300 },
    );
  });

  it('alinéa insertions, deletions, rewrites, splits, merges and duplicates', () => {
    fc.assert(
      fc.property(article, fc.array(alineaEdit, { minLength: 1, maxLength: 3 }), (before, edits) => {
        roundTrip(before, edits.reduce(applyEdit, [...before]));
      }),
      { numRuns: 600 },
    );
  });

  it('mixed word and alinéa edits', () => {
    fc.assert(
      fc.property(article, fc.array(fc.oneof(wordEdit, alineaEdit), { minLength: 1, maxLength: 6 }), (before, edits) => {
        roundTrip(before, edits.reduce(applyEdit, [...before]));
      }),
      { numRuns: 500 },
    );
  });

  it('whole rewrites, deletion of the article, and texts from nothing', () => {
    fc.assert(
      fc.property(article, article, fc.constantFrom('rewrite', 'delete', 'from-empty'), (before, other, how) => {
        if (how === 'delete') roundTrip(before, []);
        else if (how === 'from-empty') roundTrip([], other);
        else roundTrip(before, other);
      }),
      { numRuns: 100 },
    );
  });

  it('returns "" when nothing changes', () => {
    for (const a of ARTICLES) expect(generateDispositif(a, [...a])).toBe('');
  });
});

/** Quotations that read back as written: balanced inner quotes, apostrophes, no-break spaces. */
const QUOTABLE_WORDS = [
  'loi', 'de la', 'l’État', "l'article L. 123-4", `200${NBSP}000`, 'les mots : « X » sont', '« Art. L. 1. – »', ';', ', le cas échéant,', '1er janvier 2027',
];
const QUOTABLE_ALINEAS = [
  ...SENTENCES, '« La langue de l’enseignement est le français. Des exceptions peuvent être justifiées :', 'II. – Alinéa 3 à supprimer.', 'Texte "entre guillemets droits".',
];

const number = fc.integer({ min: 1, max: 40 });
const quoted: fc.Arbitrary<QuotedWords> = fc.record(
  { text: fc.constantFrom(...QUOTABLE_WORDS), occurrence: fc.oneof(fc.integer({ min: 1, max: 25 }), fc.constant('last' as const)) },
  { requiredKeys: ['text'] },
);
const text = fc.constantFrom(...QUOTABLE_WORDS);
const alineas = fc.array(fc.constantFrom(...QUOTABLE_ALINEAS), { minLength: 1, maxLength: 25 });
const range = fc.tuple(number, fc.nat(3)).map(([from, more]) => ({ from, to: from + more }));
const alinea = fc.option(number, { nil: null, freq: 5 });

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constant('rewrite_alinea' as const), range, alineas }),
  fc.record({ kind: fc.constant('delete_alineas' as const), range }),
  fc.record({ kind: fc.constant('insert_alineas_after' as const), after: fc.nat(40), alineas }),
  fc.record({ kind: fc.constant('complete_article' as const), alineas }),
  fc.record({ kind: fc.constant('substitute_words' as const), alinea, words: quoted, replacement: text }),
  fc.record({ kind: fc.constant('delete_words' as const), alinea, words: quoted }),
  fc.record({ kind: fc.constant('delete_end_of_alinea' as const), alinea, after: quoted }),
  fc.record({ kind: fc.constant('append_sentences' as const), alinea, text: fc.constantFrom(...ADDED_SENTENCES.slice(0, 5)) }),
  fc.record({
    kind: fc.constant('insert_words' as const), alinea, words: text,
    at: fc.oneof(
      fc.record({ position: fc.constantFrom('after' as const, 'before' as const), anchor: quoted }),
      fc.record({ position: fc.constantFrom('start' as const, 'end' as const) }),
    ),
  }),
);
const articleOperation: fc.Arbitrary<Operation> = fc.oneof(
  fc.constant({ kind: 'delete_article' as const }),
  fc.record({ kind: fc.constant('rewrite_article' as const), alineas }),
  fc.record({ kind: fc.constant('insert_article_after' as const), article: fc.constantFrom('8', '3 bis', null), alineas }),
);

describe('formatDispositif then parseDispositif gives the operations back', () => {
  it('for every kind of operation, alone or numbered', () => {
    fc.assert(
      fc.property(fc.oneof(articleOperation.map((op) => [op]), fc.array(operation, { minLength: 1, maxLength: 4 })), (ops) => {
        const result = parseDispositif(formatDispositif(ops));
        expect(result).toEqual({ ok: true, operations: ops.map((op) => ({ label: expect.any(String), operation: op })) });
        expect(parseDispositif(formatDispositif(ops, { chamber: 'senat' }))).toEqual({ ok: true, operations: ops.map((op) => ({ label: expect.any(String), operation: op })) });
        if (result.ok && ops.length > 1) expect(result.operations.map((o) => o.label)).toEqual(ops.map((_, i) => ['I', 'II', 'III', 'IV'][i]));
      }),
      { numRuns: 300 },
    );
  });
});

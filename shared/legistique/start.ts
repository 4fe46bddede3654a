/**
 * « Rédiger ainsi le début de l’alinéa 8 : « Lorsque plusieurs référendums sont organisés… (le
 * reste sans changement) » »: the alinéa (or the sentence) gets a new start, and the rest of it
 * stays. Where the new start meets the old text is said by the words the new start ends with:
 * « organisés » in « …seraient organisés le même jour, il est… ». The junction is the longest
 * run of the new start's last words that occurs in the old text (whatever the case); it must
 * occur there exactly once and hold at least one word of four letters or more (« de », « la » say nothing).
 * Otherwise the operation is refused: nothing is guessed.
 */
import { SearchableText, type Span } from './match';
import { fill, msg } from '../i18n';

/** The new start as written, without the ellipsis and « (le reste sans changement) ». */
export function newStartText(written: string): string {
  return written
    .trim()
    .replace(/\s*\(\s*le reste (?:sans changement|inchangé)\s*\)\s*[.;]?$/iu, '')
    .replace(/\s*(?:\[\s*)?(?:…|\.{3,})[.…]*(?:\s*\])?$/u, '')
    .trim();
}

export type StartResult = { ok: true; text: string } | { ok: false; reason: 'words_absent' | 'words_ambiguous'; message: string };

const MEANINGFUL = /[\p{L}\p{N}]{4,}/u;

/** The old text with its start up to the junction replaced by `start`; `where` names the place (« à l’alinéa 8 »). */
export function rewriteStart(old: string, start: string, where: string): StartResult {
  // a quoted provision's opening mark belongs to the alinéa, not to its start
  const open = /^[«"“]\s*/u.exec(old)?.[0] ?? '';
  const body = old.slice(open.length);
  const mark = /^[«"“]/u.test(start) ? '' : open;
  const words = start.split(/\s+/u).filter((w) => w !== '');
  // case does not count here: a new start often capitalises a word the old text had inside (« il est » / « Il est »)
  const lower = body.toLowerCase();
  const hay = lower.length === body.length ? lower : body;
  const searchable = new SearchableText(hay); // normalised once for every try
  for (let k = words.length; k >= 1; k--) {
    const tail = words.slice(words.length - k).join(' ');
    const spans: Span[] = searchable.findAll(hay === body ? tail : tail.toLowerCase());
    if (spans.length === 0) continue;
    if (!MEANINGFUL.test(tail)) {
      return { ok: false, reason: 'words_ambiguous', message: fill(msg('le nouveau début ne rejoint le texte que par «\u00a0{{mots}}\u00a0»\u00a0: c’est trop peu pour dire où.'), { mots: tail }) };
    }
    const span = spans[0] as Span;
    if (spans.length > 1) {
      return { ok: false, reason: 'words_ambiguous', message: fill(msg('le nouveau début se termine par «\u00a0{{mots}}\u00a0», qui figure {{n}} fois {{lieu}}\u00a0: où il rejoint le texte n’est pas dit.'), { mots: tail, n: spans.length, lieu: where }) };
    }
    return { ok: true, text: mark + start + body.slice(span.end) };
  }
  return { ok: false, reason: 'words_absent', message: fill(msg('les derniers mots du nouveau début ne figurent pas {{lieu}}\u00a0: où il rejoint le texte n’est pas dit.'), { lieu: where }) };
}

import { html, type SafeHtml } from '../html';
import type { Say } from '../../shared/i18n';
import { currentLang, say, t } from '.';
import { EN } from './en';

/**
 * A message that may come from the domain (an AppError's French text): in English when the
 * catalogue has it, else shown as it is, marked French. The API keeps its French messages and
 * its stable codes (API.md); only pages translate.
 */
export function tMessage(message: string): SafeHtml {
  if (currentLang() === 'fr') return html`${message}`;
  if (message in EN) return html`${t(message)}`;
  const filled = fromTemplate(message);
  return filled !== undefined ? html`${filled}` : html`<span lang="fr">${message}</span>`;
}

let templates: { re: RegExp; key: string; names: string[]; literals: string[] }[] | undefined;
/** Keys with less fixed text than this say too little to be recognised (« {{nom}} : {{erreur}} »). */
const MIN_LITERAL = 8;

/**
 * A message the domain filled from a catalogue key with `{{placeholders}}` (« Au moins 12
 * caractères. » from « Au moins {{n}} caractères. »), said from that key's English with the same
 * values; undefined when no key gives it.
 */
function fromTemplate(message: string, depth = 0): string | undefined {
  if (message.length > 2_000) return undefined;
  templates ??= Object.keys(EN).filter((key) => key.includes('{{') && !/_(one|other)$/.test(key)).flatMap((key) => {
    const names: string[] = [];
    const literals: string[] = [];
    const source = key.split(/(\{\{\w+\}\})/).map((part) => {
      const name = /^\{\{(\w+)\}\}$/.exec(part)?.[1];
      if (!name) {
        if (part) literals.push(part);
        return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      }
      names.push(name);
      return '([^]+?)';
    }).join('');
    return literals.join('').length < MIN_LITERAL ? [] : [{ re: new RegExp(`^${source}$`), key, names, literals }];
  // the key that says the most first: « version {{n}} » must not read « version antérieure : … »
  }).sort((a, b) => b.literals.join('').length - a.literals.join('').length);
  for (const { re, key, names, literals } of templates) {
    // its fixed text first (cheap), then the anchored pattern
    if (!literals.every((l) => message.includes(l))) continue;
    const m = re.exec(message);
    // a value may itself be a message of the catalogue (« Réponse à revoir : {{detail}}. »)
    if (m) return t(key, Object.fromEntries(names.map((name, i) => [name, m[i + 1]! in EN ? t(m[i + 1]!) : (depth < 1 && fromTemplate(m[i + 1]!, depth + 1)) || m[i + 1]!])));
  }
  return undefined;
}

/** An error's message on a page: a policy refusal says itself in the request's language (`explain`), any other goes through `tMessage`. */
export function tError(err: { message: string; explain?: ((say: Say) => string) | undefined }): SafeHtml {
  return err.explain ? html`${err.explain(say())}` : tMessage(err.message);
}

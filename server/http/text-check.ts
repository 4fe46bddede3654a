/**
 * Text PostgreSQL cannot store, or that is not Unicode at all: a NUL (`text` refuses 0x00) and a
 * lone UTF-16 surrogate (no UTF-8 form). Every input is walked once before validation — API
 * bodies, queries and paths in `route()`, page forms in `formBody()` — so no such string reaches
 * a command or a query, and the refusal names the field.
 */
const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSTORABLE_MESSAGE = 'caractère interdit (NUL ou demi-paire UTF-16 isolée)';

export const isStorableText = (s: string): boolean => !UNSTORABLE.test(s);

/**
 * The paths (`body.alineas.0`) of the strings, and object keys, in `value` that cannot be stored.
 * Iterative: a body nested a million levels deep must not overflow the stack.
 */
export function unstorableTextPaths(value: unknown, path: string): string[] {
  const out: string[] = [];
  const todo: [unknown, string][] = [[value, path]];
  for (let item = todo.pop(); item; item = todo.pop()) {
    const [v, at] = item;
    if (typeof v === 'string') {
      if (!isStorableText(v)) out.push(at);
    } else if (typeof v === 'object' && v !== null) {
      for (const [k, child] of Object.entries(v)) {
        if (isStorableText(k)) todo.push([child, `${at}.${k}`]);
        else out.push(`${at}.${k.replace(new RegExp(UNSTORABLE.source, 'g'), '?')}`);
      }
    }
  }
  return out.sort();
}

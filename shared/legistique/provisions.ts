/**
 * What the consolidated text keeps that a dispositif leaves implicit:
 * - inside a quoted provision (an alinéa of a code article, « … opened on each alinéa and
 *   closed on the last one), a rewritten or inserted alinéa keeps the provision's marks, which
 *   the Sénat does not write (« Alinéa 2 ⏎ Rédiger ainsi cet alinéa : ⏎ « Art. L. 1. – … » »);
 * - a numbering placeholder (« … – », « ... . - », « …° ») becomes the number of the division
 *   it stands for: the next one, or « bis » of the previous one between two consecutive numbers.
 */

const OPENING = /^[«"“]/u;
const CLOSING = /[»"”][\s.;,]*$/u;

function count(text: string, re: RegExp): number {
  return (text.match(re) ?? []).length;
}

/** Whether the alinéa ends a quoted provision: an unmatched closing mark at its end. */
export function closesProvision(text: string): boolean {
  const t = text.trim();
  if (!CLOSING.test(t)) return false;
  const straight = count(t, /"/g);
  if (straight > 0 && count(t, /[«»“”]/g) === 0) return straight % 2 === 1 || OPENING.test(t);
  return count(t, /[»”]/g) > count(t, /[«“]/g) || (OPENING.test(t) && count(t, /[»”]/g) === count(t, /[«“]/g));
}

function opens(text: string): boolean {
  return OPENING.test(text.trim());
}

/** For each alinéa: whether a quoted provision is still open after it. */
export function provisionOpenAfter(alineas: readonly string[]): boolean[] {
  let open = false;
  return alineas.map((a) => {
    if (opens(a)) open = true;
    else if (open && !closesProvision(a)) open = false;
    if (closesProvision(a)) open = false;
    return open;
  });
}

function markOf(text: string): string {
  const t = text.trim();
  return t[0] === '«' ? '«\u00A0' : (t[0] ?? '"');
}

/** Alinéas that replace `original` (one or several consecutive ones) inside a quoted provision take its marks. */
export function keepProvisionMarks(original: readonly string[], replacement: readonly string[]): string[] {
  const first = original[0];
  const last = original[original.length - 1];
  if (first === undefined || last === undefined || replacement.length === 0 || !opens(first) || opens(replacement[0] ?? '')) {
    return [...replacement];
  }
  const out = replacement.map((a) => `${markOf(first)}${a}`);
  const closing = /[»"”][\s.;,]*$/u.exec(last.trim());
  const end = out.length - 1;
  if (closesProvision(last) && closing !== null && !CLOSING.test(out[end] ?? '')) {
    const mark = closing[0][0] ?? '"';
    out[end] = `${out[end] ?? ''}${mark === '»' ? '\u00A0' : ''}${mark}`;
  }
  return out;
}

/** Alinéas inserted where a quoted provision is open get its opening mark. */
export function insideProvision(open: boolean, model: string, inserted: readonly string[]): string[] {
  if (!open) return [...inserted];
  return inserted.map((a) => (opens(a) ? a : `${markOf(model)}${a}`));
}

const ROMAN_PLACEHOLDER = /^((?:[«"“]\s*)?)(?:…|\.\.\.)\s*(?:\.\s*)?[-–—‑]\s*/u;
const ARABIC_PLACEHOLDER = /^((?:[«"“]\s*)?)(?:…|\.\.\.)\s*°\s*/u;
const ROMAN_LABEL = /^(?:[«"“]\s*)?([IVXLC]+)(?:\s+(bis|ter|quater|quinquies|sexies|septies|octies|nonies|decies))?\s*\.?\s*[-–—‑]/u;
const ARABIC_LABEL = /^(?:[«"“]\s*)?(\d+)\s*°(?:\s*(bis|ter|quater|quinquies|sexies|septies|octies|nonies|decies)(?![\p{L}]))?/u;
const SUFFIXES = ['', 'bis', 'ter', 'quater', 'quinquies', 'sexies', 'septies', 'octies', 'nonies', 'decies'];
const ROMAN = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']] as const;

function fromRoman(r: string): number {
  let n = 0;
  let rest = r;
  for (const [v, d] of ROMAN) while (rest.startsWith(d)) { n += v; rest = rest.slice(d.length); }
  return n;
}

function toRoman(n: number): string {
  let out = '';
  let rest = n;
  for (const [v, d] of ROMAN) while (rest >= v) { out += d; rest -= v; }
  return out;
}

interface Label { n: number; suffix: number }

function labelAt(text: string, roman: boolean): Label | null {
  const m = (roman ? ROMAN_LABEL : ARABIC_LABEL).exec(text);
  if (m?.[1] === undefined) return null;
  return { n: roman ? fromRoman(m[1]) : Number(m[1]), suffix: SUFFIXES.indexOf(m[2] ?? '') };
}

/** The article with its placeholders numbered; unchanged when it has none. */
export function numberPlaceholders(alineas: readonly string[]): string[] {
  const out = [...alineas];
  for (let i = 0; i < out.length; i++) {
    const text = out[i] ?? '';
    const roman = ROMAN_PLACEHOLDER.exec(text);
    const arabic = roman === null ? ARABIC_PLACEHOLDER.exec(text) : null;
    const m = roman ?? arabic;
    if (m === null) continue;
    const isRoman = roman !== null;
    const stop = (t: string) => !isRoman && labelAt(t, true) !== null;
    let prev: Label | null = null;
    for (let k = i - 1; k >= 0 && prev === null; k--) {
      prev = labelAt(out[k] ?? '', isRoman);
      if (prev === null && stop(out[k] ?? '')) break;
    }
    let next: Label | null = null;
    for (let k = i + 1; k < out.length && next === null; k++) {
      if (ROMAN_PLACEHOLDER.test(out[k] ?? '') || ARABIC_PLACEHOLDER.test(out[k] ?? '')) continue;
      next = labelAt(out[k] ?? '', isRoman);
      if (next === null && stop(out[k] ?? '')) break;
    }
    const label: Label =
      prev === null ? { n: 1, suffix: 0 }
      : next !== null && next.n === prev.n + 1 && next.suffix === 0 ? { n: prev.n, suffix: prev.suffix + 1 }
      : { n: prev.n + 1, suffix: 0 };
    const suffix = SUFFIXES[label.suffix] ?? '';
    const name = `${isRoman ? toRoman(label.n) : `${label.n}°`}${suffix === '' ? '' : ` ${suffix}`}`;
    out[i] = `${m[1] ?? ''}${name}${isRoman ? '.\u00A0– ' : ' '}${text.slice(m[0].length)}`;
  }
  return out;
}

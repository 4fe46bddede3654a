/**
 * What an English page says in its own voice: its text and its labelling attributes, outside any
 * element marked `lang="fr"` (legal texts, amendments, what people wrote) and outside scripts.
 */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const LABELS = ['title', 'aria-label', 'placeholder', 'alt'];

const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&nbsp;/g, ' ');

function attrs(s: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of s.matchAll(/([\w:-]+)(?:="([^"]*)")?/g)) out.set(m[1]!.toLowerCase(), decode(m[2] ?? ''));
  return out;
}

export function textOutsideFrench(page: string): string[] {
  const out: string[] = [];
  const stack: { tag: string; fr: boolean; hidden: boolean }[] = [];
  const top = () => stack[stack.length - 1];
  for (const m of page.matchAll(/<!--[\s\S]*?-->|<!doctype[^>]*>|<(\/?)([a-zA-Z][\w-]*)([^>]*?)(\/?)>|([^<]+)/gi)) {
    const [, close, rawTag, rest, selfClose, text] = m;
    if (text !== undefined) {
      const parent = top();
      if (!parent?.fr && !parent?.hidden && text.trim()) out.push(decode(text.trim()));
      continue;
    }
    if (!rawTag) continue;
    const tag = rawTag.toLowerCase();
    if (close) {
      const at = stack.map((e) => e.tag).lastIndexOf(tag);
      if (at >= 0) stack.length = at;
      continue;
    }
    const a = attrs(rest ?? '');
    const parent = top();
    const lang = a.get('lang');
    const fr = lang !== undefined ? lang.startsWith('fr') : (parent?.fr ?? false);
    // a page's <title> cannot mark the bill title it quotes: it is left to the pages' own checks;
    // an SVG's <title> (and <desc>) is an image's accessible name: checked (a test whose chart title
    // quotes a bill title, which a <title> cannot mark either, allows that title)
    const inSvg = stack.some((e) => e.tag === 'svg');
    const hidden = (parent?.hidden ?? false) || tag === 'script' || tag === 'style' || (tag === 'title' && !inSvg);
    if (!fr) for (const name of LABELS) if (a.get(name)) out.push(a.get(name)!);
    if (!VOID.has(tag) && !selfClose) stack.push({ tag, fr, hidden });
  }
  return out;
}

/** Frequent French words of an interface, and accented letters, which English UI text lacks. */
const FRENCH = /\b(le|la|les|des|du|une|et|pour|avec|vous|votre|vos|dans|sur|est|sont|pas|aux|ce|cette|amendements?|projets?|connexion|compte|rechercher|retour|aucun|aucune|voir|déposé)\b|[éèêàùçôî]/i;

/** French names English keeps: the procedure's terms a definition explains, the chambers. */
export const KEPT_IN_ENGLISH = ['alinéa', 'Assemblée nationale', 'Assemblée', 'Sénat', 'Français'];

/** The pieces of an English page's own text that look French (`allowed` removed first). */
export function frenchLooking(page: string, allowed: readonly string[] = KEPT_IN_ENGLISH): string[] {
  return textOutsideFrench(page).filter((s) => FRENCH.test(allowed.reduce((rest, a) => rest.split(a).join(''), s)));
}

import type { AmendmentKind } from './amendment';
import { applyDispositif, generateDispositif } from './legistique';
import { fill, msg } from './i18n';

/**
 * What a clerk's formalisation publishes: the formal text and its dispositif, kept consistent.
 * The clerk may send the text, the dispositif, both, or neither (then the workspace's text):
 * - text only → the dispositif is generated from the article and the text;
 * - dispositif only → the text is what the dispositif does to the article;
 * - both → the dispositif must turn the article into exactly that text (a clerk may reword a
 *   generated dispositif, not make it say something else).
 * A deletion has no text; an article additionnel is inserted whole.
 */
export type Formalisation =
  | { ok: true; alineas: string[]; dispositif: string }
  | { ok: false; message: string; details?: unknown };

const NBSP = '\u00a0';

/** « Insérer un article additionnel ainsi rédigé : » then the article, one quoted alinéa per line. */
export function articleAdditionnelDispositif(alineas: readonly string[]): string {
  const quoted = alineas.map((a, i) => `«${NBSP}${a}${i === alineas.length - 1 ? `${NBSP}»` : ''}`);
  return [`Insérer un article additionnel ainsi rédigé${NBSP}:`, ...quoted].join('\n');
}

/** The dispositif of an amendment of this kind, generated from its text. */
export function dispositifFor(kind: AmendmentKind, base: readonly string[], alineas: readonly string[]): string {
  if (kind === 'insert_after') return articleAdditionnelDispositif(alineas);
  return generateDispositif(base, kind === 'delete' ? [] : alineas);
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function resolveFormalisation(input: {
  kind: AmendmentKind;
  base: readonly string[];
  alineas?: readonly string[] | undefined;
  dispositif?: string | undefined;
  /** The text to formalise when the clerk sends none (the workspace's, else the submission). */
  fallback: readonly string[];
}): Formalisation {
  const dispositif = input.dispositif?.trim() || undefined;
  if (input.kind === 'delete') {
    return { ok: true, alineas: [], dispositif: dispositif ?? dispositifFor('delete', input.base, []) };
  }
  if (input.kind === 'insert_after') {
    // The text of a new article is the text itself: a reworded heading changes nothing to it.
    const alineas = [...(input.alineas ?? input.fallback)];
    return { ok: true, alineas, dispositif: dispositif ?? articleAdditionnelDispositif(alineas) };
  }
  if (!dispositif) {
    const alineas = [...(input.alineas ?? input.fallback)];
    return { ok: true, alineas, dispositif: generateDispositif(input.base, alineas) };
  }
  const applied = applyDispositif(input.base, dispositif);
  if (!applied.ok) return { ok: false, message: fill(msg('Le dispositif ne s’applique pas à l’article : {{raison}}'), { raison: applied.error.message }), details: applied.error };
  if (input.alineas && !same(applied.alineas, input.alineas)) {
    return {
      ok: false,
      message: msg('Le dispositif ne produit pas le texte mis en forme : corrigez l’un ou l’autre.'),
      details: { fromDispositif: applied.alineas, alineas: input.alineas },
    };
  }
  return { ok: true, alineas: applied.alineas, dispositif };
}

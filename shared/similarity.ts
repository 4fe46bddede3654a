import { diffArrays, diffWords } from 'diff';

/**
 * Grouping amendments for the clerks' desk.
 *
 * **Identical** amendments have the same kind, target the same article and propose exactly the
 * same text: they are decided by one vote (LEGISTIQUE.md › Examination), so the desk shows them as
 * one group.
 *
 * **Near-identical** ones are only suggested. Comparing whole proposed texts would not work: two
 * amendments touching different words of a long article share 95 % of their text and still say
 * different things. So we compare what they *change*: each amendment becomes the set of its edits
 * against the article — `alinéa:-word` for each word it removes, `alinéa:+word` for each word it
 * adds (words lower-cased, punctuation dropped; a removed or added alinéa contributes all its
 * words) — and the similarity of two amendments is the Jaccard index of these sets,
 * |A ∩ B| / |A ∪ B|. At or above {@link NEAR_IDENTICAL} (0.6) they are suggested as near-identical:
 * « trois » → « cinq » and « trois » → « cinq ans » (2 shared edits of 3) are; « trois » → « cinq »
 * and « trois » → « six » (1 of 3) are not. Two deletions of one article are identical.
 */
export const NEAR_IDENTICAL = 0.6;

export type ChangeKind = 'modify' | 'delete' | 'insert_after';

/** The key under which identical amendments meet. */
export function identityKey(articleId: string, kind: ChangeKind, alineas: readonly string[]): string {
  return kind === 'delete' ? `${articleId}|delete` : `${articleId}|${kind}|${JSON.stringify(alineas.map((a) => a.trim()))}`;
}

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** The set of edits an amendment makes to its article (see above). */
export function changeSignature(kind: ChangeKind, base: readonly string[], proposed: readonly string[]): Set<string> {
  const edits = new Set<string>();
  const addAll = (alinea: number | string, sign: '+' | '-', text: string) => {
    for (const w of words(text)) edits.add(`${alinea}:${sign}${w}`);
  };
  if (kind === 'delete') {
    edits.add('article:-');
    return edits;
  }
  if (kind === 'insert_after') {
    proposed.forEach((a) => addAll('new', '+', a));
    return edits;
  }
  // Align alinéas first, then words inside the alinéas that stayed in place (changed or not).
  let baseIndex = 0;
  const parts = diffArrays([...base], [...proposed]);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const next = parts[i + 1];
    if (part.removed && next?.added && next.value.length === part.value.length) {
      // a rewritten alinéa (or several): compare word by word
      part.value.forEach((old, k) => {
        for (const w of diffWords(old, next.value[k]!)) {
          if (w.added) addAll(baseIndex + k, '+', w.value);
          else if (w.removed) addAll(baseIndex + k, '-', w.value);
        }
      });
      baseIndex += part.value.length;
      i++;
    } else if (part.removed) {
      part.value.forEach((old, k) => addAll(baseIndex + k, '-', old));
      baseIndex += part.value.length;
    } else if (part.added) {
      part.value.forEach((a) => addAll(`after${baseIndex}`, '+', a));
    } else {
      baseIndex += part.value.length;
    }
  }
  return edits;
}

/** Jaccard index of two edit sets: 1 for the same changes, 0 for nothing in common. */
export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let common = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const e of small) if (large.has(e)) common++;
  return common / (a.size + b.size - common);
}

/**
 * Sous-amendements and rectified amendments (docs/dispositif.md › Sous-amendements).
 *
 * A sous-amendement names the amendment it amends on its first line (« Amendement n° 78
 * rectifié, alinéa 9 »); its alinéas are those of that amendment as printed: one per line of its
 * dispositif, operation lines included (« Alinéas 1 à 44 » is alinéa 1). Applying it rewrites the
 * amendment's dispositif, which is then applied to the article as any dispositif is.
 *
 * A printed number carries the amendment's rectification: « 81 », « 81 rect. », « 81 rectifié
 * bis »: `amendmentNumber` splits it into the base number and the level (0, 1 for « rect. »,
 * 2 for « rect. bis »…), so that a rectified version replaces the earlier one.
 */
import { fill, msg } from '../i18n';
import { parseDispositif } from './parse';
import { applyOperations } from './apply';
import type { ApplyResult } from './types';

const LEVELS = ['', 'bis', 'ter', 'quater', 'quinquies', 'sexies'];

export interface AmendmentNumber {
  /** « COM-12 », « 81 », « CL 12 »: the number without its rectification. */
  base: string;
  /** 0: never rectified; 1: « rect. »; 2: « rect. bis »… */
  rectification: number;
}

/** « 81 rectifié bis » → {base: '81', rectification: 2}. */
export function amendmentNumber(printed: string): AmendmentNumber {
  const t = printed.replace(/\s+/g, ' ').trim();
  const m = /^(.*?)\s*\(?\b(?:rect(?:ifi[ée]e?)?\.?)(?:\s+(bis|ter|quater|quinquies|sexies))?\)?$/iu.exec(t);
  if (m?.[1] === undefined || m[1] === '') return { base: t, rectification: 0 };
  return { base: m[1], rectification: 1 + Math.max(0, LEVELS.indexOf((m[2] ?? '').toLowerCase())) };
}

/** The number as printed: « 81 », « 81 rect. », « 81 rect. bis ». */
export function printedNumber(n: AmendmentNumber): string {
  if (n.rectification === 0) return n.base;
  const level = LEVELS[n.rectification - 1] ?? String(n.rectification);
  return `${n.base} rect.${level ? ` ${level}` : ''}`;
}

/** The amendment a dispositif sub-amends (« 78 rectifié »), or null when it amends an article. */
export function subAmendmentTarget(dispositif: string): AmendmentNumber | null {
  const parsed = parseDispositif(dispositif);
  if (!parsed.ok || parsed.subAmendmentOf === undefined) {
    // unreadable further down, still a sous-amendement by its first line
    const first = dispositif.trimStart().split('\n', 1)[0] ?? '';
    const m = /^(?:sous-)?amendement\s+(?:n°\s*)?(\d+(?:\s+rect(?:ifié|\.)?(?:\s+(?:bis|ter|quater))?)?)/iu.exec(first);
    return m?.[1] === undefined ? null : amendmentNumber(m[1]);
  }
  return amendmentNumber(parsed.subAmendmentOf);
}

/**
 * Applies a sous-amendement to the dispositif of the amendment it amends (one alinéa a line):
 * the amendment's new dispositif, or the refusal (never a guess). A dispositif that is no
 * sous-amendement is refused with `unparseable` on its first line.
 */
export function applySubAmendment(parentDispositif: readonly string[], dispositif: string): ApplyResult {
  const parsed = parseDispositif(dispositif);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    return { ok: false, error: { operation: parsed.operations.length + 1, label: 'I', reason: 'unparseable', message: first
      ? fill(msg('Opération I : la phrase « {{phrase}} » (ligne {{ligne}}) ne peut pas être lue : {{raison}}.'), { phrase: first.sentence, ligne: first.line, raison: first.message })
      : msg('Opération I : illisible.') } };
  }
  if (parsed.subAmendmentOf === undefined) {
    return { ok: false, error: { operation: 1, label: 'I', reason: 'unparseable', message: msg('Opération I : ce dispositif ne nomme pas l’amendement qu’il modifie (« Amendement n° 78 rectifié, alinéa 9 »).') } };
  }
  return applyOperations(parentDispositif, parsed.operations);
}

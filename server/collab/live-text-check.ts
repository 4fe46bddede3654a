import { TEXT_LIMITS, totalChars } from '../../shared/limits';
import { AppError } from '../errors';
import { isStorableText, UNSTORABLE_MESSAGE } from '../http/text-check';

const fr = (n: number) => n.toLocaleString('fr-FR');

/**
 * A live document's text checked as the HTTP schemas check a text (TEXT_LIMITS, nothing
 * PostgreSQL cannot store), before a command commits it: the update guard keeps documents within
 * these limits, but one stored before it was may not be. 400 `validation_failed` naming the alinéa.
 */
export function checkLiveText(alineas: readonly string[]): void {
  const fail = (message: string, reason: string, index?: number): never => {
    throw new AppError('validation_failed', message, [{ path: 'alineas', reason, message, ...(index === undefined ? {} : { index }) }]);
  };
  if (alineas.length > TEXT_LIMITS.alineas) fail(`Le texte compte ${fr(alineas.length)} alinéas : au plus ${fr(TEXT_LIMITS.alineas)}.`, 'too_many_alineas');
  alineas.forEach((a, i) => {
    if (!isStorableText(a)) fail(`L’alinéa ${i + 1} contient un ${UNSTORABLE_MESSAGE}.`, 'forbidden_character', i);
    if (a.length > TEXT_LIMITS.alineaChars) fail(`L’alinéa ${i + 1} compte ${fr(a.length)} caractères : au plus ${fr(TEXT_LIMITS.alineaChars)}.`, 'alinea_too_long', i);
  });
  const total = totalChars(alineas);
  if (total > TEXT_LIMITS.textChars) fail(`Le texte compte ${fr(total)} caractères : au plus ${fr(TEXT_LIMITS.textChars)} en tout.`, 'text_too_long');
}

import { fill, msg } from '../../shared/i18n';
import type { ParsedBill } from '../../shared/bill';
import { TEXT_LIMITS } from '../../shared/limits';
import { compute } from '../compute';
import { AppError } from '../errors';

/** The ways to give a bill (API.md › Bills): plain legistic text, structured JSON, La Fabrique JSON, Akoma Ntoso 3.0. */
export type BillInput =
  | { title?: string | undefined; text: string }
  | { title: string; articles: { number: string; heading?: string | null | undefined; alineas: string[] }[] }
  | { title?: string | undefined; lafabrique: unknown }
  | { title?: string | undefined; akn: string };

/** Maximum size of a pasted bill, in characters (the code civil is about 1.5 million). */
/** Longest bill title (the longest real ones are under 300 characters). */
export const MAX_TITLE_CHARS = 500;

export const MAX_BILL_CHARS = TEXT_LIMITS.billChars;

/** Parses and checks a bill (in the compute pool); refuses it with `validation_failed` and issues naming each line. */
export async function parseBillInput(input: BillInput): Promise<ParsedBill> {
  const result = await compute().run('parseBill', input, { cache: false });
  if (!result.ok) {
    // a well-formed Akoma Ntoso document that is not a readable bill: 422, the XML itself being fine
    if ('reason' in result && result.reason === 'unreadable') {
      throw new AppError('unprocessable', msg('Le document Akoma Ntoso n’est pas un projet de loi lisible : voir le détail.'), result.issues);
    }
    throw new AppError('validation_failed', msg('Le texte du projet de loi est invalide : voir le détail ligne par ligne.'), result.issues);
  }
  const title = input.title?.trim() || result.bill.title;
  if (title.length > MAX_TITLE_CHARS) {
    throw new AppError('validation_failed', fill(msg('L’intitulé du texte est trop long : {{max}} caractères au plus (la première ligne du texte est son intitulé).'), { max: MAX_TITLE_CHARS }), [{ line: 1, message: msg('intitulé trop long') }]);
  }
  return { ...result.bill, title };
}

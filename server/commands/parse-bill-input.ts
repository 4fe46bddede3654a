import type { ImportResult, ParsedBill } from '../../shared/bill';
import { TEXT_LIMITS } from '../../shared/limits';
import { compute } from '../compute';
import { AppError } from '../errors';

/** The three ways to give a bill (API.md › Bills): plain legistic text, structured JSON, La Fabrique JSON. */
export type BillInput =
  | { title?: string | undefined; text: string }
  | { title: string; articles: { number: string; heading?: string | null | undefined; alineas: string[] }[] }
  | { title?: string | undefined; lafabrique: unknown };

/** Maximum size of a pasted bill, in characters (the code civil is about 1.5 million). */
/** Longest bill title (the longest real ones are under 300 characters). */
export const MAX_TITLE_CHARS = 500;

export const MAX_BILL_CHARS = TEXT_LIMITS.billChars;

/** Parses and checks a bill (in the compute pool); refuses it with `validation_failed` and issues naming each line. */
export async function parseBillInput(input: BillInput): Promise<ParsedBill> {
  const result: ImportResult = await compute().run('parseBill', input, { cache: false });
  if (!result.ok) {
    throw new AppError('validation_failed', 'Le texte du projet de loi est invalide : voir le détail ligne par ligne.', result.issues);
  }
  const title = input.title?.trim() || result.bill.title;
  if (title.length > MAX_TITLE_CHARS) {
    throw new AppError('validation_failed', `L’intitulé du texte est trop long : ${MAX_TITLE_CHARS} caractères au plus (la première ligne du texte est son intitulé).`, [{ line: 1, message: 'intitulé trop long' }]);
  }
  return { ...result.bill, title };
}

import type { ImportResult, ParsedBill } from '../../shared/bill';
import { parseLaFabriqueJson } from '../../shared/lafabrique';
import { parseLegisticText } from '../../shared/legistic-text';
import { checkStructuredBill } from '../../shared/structured-bill';
import { AppError } from '../http/errors';

/** The three ways to give a bill (API.md › Bills): plain legistic text, structured JSON, La Fabrique JSON. */
export type BillInput =
  | { title?: string | undefined; text: string }
  | { title: string; articles: { number: string; heading?: string | null | undefined; alineas: string[] }[] }
  | { title?: string | undefined; lafabrique: unknown };

/** Maximum size of a pasted bill, in characters (the code civil is about 1.5 million). */
export const MAX_BILL_CHARS = 2_000_000;

/** Parses and checks a bill; refuses it with `validation_failed` and issues naming each line. */
export function parseBillInput(input: BillInput): ParsedBill {
  let result: ImportResult;
  if ('text' in input) result = parseLegisticText(input.text, { maxChars: MAX_BILL_CHARS });
  else if ('articles' in input) result = checkStructuredBill(input);
  else result = parseLaFabriqueJson(input.lafabrique);
  if (!result.ok) {
    throw new AppError('validation_failed', 'Le texte du projet de loi est invalide : voir le détail ligne par ligne.', result.issues);
  }
  const title = input.title?.trim();
  return title ? { ...result.bill, title } : result.bill;
}

/**
 * Reading the amendment forms: the proposed text comes as one textarea, one alinéa per line. The
 * limits and messages are the operations' (server/operations/amendments.ts), not restated here.
 */

/** Each non-empty line of the textarea is one alinéa (blank lines only separate them). */
export function textToAlineas(text: string): string[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.trim()).filter((l) => l !== '');
}

/**
 * File names of downloads: what the file is, of which bill, with the right extension —
 * « projet-de-loi-pour-une-republique-numerique-texte-adopte.akn.xml » rather than « reconciled ».
 */
import { slug } from '../../shared/slug';

const MAX_SLUG = 60;

/** The bill's title as a file-name part: no accents, lower case, words joined by « - », at most 60 characters. */
export function titleSlug(title: string): string {
  const s = slug(title);
  const cut = s.length > MAX_SLUG ? s.slice(0, MAX_SLUG).replace(/-[^-]*$/, '') : s;
  return cut || 'texte';
}

/** `<title>-<what>.<ext>`, `what` already a slug (« texte-adopte », « liasse »…). */
export function downloadName(bill: { title: string }, what: string, ext: string): string {
  return `${titleSlug(bill.title)}-${what}.${ext}`;
}

/** What the reconciled text is called in a file name: adopted only once it is. */
export function textFileWord(bill: { status: string }): string {
  return bill.status === 'adopted' ? 'texte-adopte' : 'texte-commission-provisoire';
}

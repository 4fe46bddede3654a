/**
 * Names of live documents: `amendment-<id>` is the draft text of an amendment, written by its
 * authors; `formalisation-<id>` is the formalisation workspace of a submitted amendment, where
 * the clerk in charge and the authors write its formal text together (seeded from the submission).
 */
const PREFIXES = { amendment: 'amendment-', formalisation: 'formalisation-' } as const;
export type LiveDocKind = keyof typeof PREFIXES;

export function amendmentDocName(amendmentId: string): string {
  return `${PREFIXES.amendment}${amendmentId}`;
}

export function formalisationDocName(amendmentId: string): string {
  return `${PREFIXES.formalisation}${amendmentId}`;
}

export function parseDocName(name: string): { kind: LiveDocKind; id: string } | null {
  for (const kind of Object.keys(PREFIXES) as LiveDocKind[]) {
    if (name.startsWith(PREFIXES[kind])) return { kind, id: name.slice(PREFIXES[kind].length) };
  }
  return null;
}

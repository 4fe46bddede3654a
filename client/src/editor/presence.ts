/**
 * Who else has the draft open, in words. Sighted co-authors see each other's carets; a screen
 * reader does not (the name labels are hidden from it, or it would read them in the middle of the
 * text), so this line says the same thing. Not a live region: joins and leaves would interrupt
 * typing; it is read when the person reaches it.
 */
import type { Awareness } from 'y-protocols/awareness';

function names(awareness: Awareness): string[] {
  const seen = new Set<string>();
  for (const [clientId, state] of awareness.getStates()) {
    const name: unknown = (state as { user?: { name?: unknown } }).user?.name;
    if (clientId !== awareness.clientID && typeof name === 'string' && name.trim()) seen.add(name.trim().slice(0, 60));
  }
  return [...seen].sort((a, b) => a.localeCompare(b, 'fr'));
}

/** A draft is written by its co-authors; a formalisation workspace by a clerk and the authors. */
const WORDING = {
  draft: { nobody: 'Aucun co-auteur n’a ce brouillon ouvert en ce moment.', others: 'Aussi sur ce brouillon' },
  workspace: { nobody: 'Personne d’autre n’a cet espace de mise en forme ouvert en ce moment.', others: 'Aussi dans cet espace' },
} as const;

export function showPresence(awareness: Awareness, line: HTMLElement, where: keyof typeof WORDING = 'draft'): void {
  const words = WORDING[where];
  const render = () => {
    const others = names(awareness);
    line.textContent = others.length === 0 ? words.nobody : `${words.others} : ${others.join(', ')}.`;
  };
  awareness.on('change', render);
  render();
}

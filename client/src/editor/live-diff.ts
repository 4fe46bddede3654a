/**
 * The diff of the text being written against the article, redrawn as people type, at most every
 * 150 ms (a burst of keystrokes costs one diff, and long typing still shows progress). It is not an aria-live region: announcing it on
 * every keystroke would drown the editor; a screen reader user reads it, heading and summary
 * first, when they choose to.
 */
import { renderSideBySideDiff, renderUnifiedDiff } from '../../../shared/diff-html';
import { diffTexts, type TextDiffStats } from '../../../shared/text-diff';
import { msg, t } from '../i18n';

export const DEBOUNCE_MS = 150;

/** French agreement: the singular up to 1; the English catalogue follows (n is never 0 here). */
const plural = (n: number, one: string, other: string) => t(n > 1 ? other : one, { n });

/** « 2 alinéas modifiés, 1 alinéa ajouté, 3 alinéas inchangés » — or that nothing changed. */
export function summarise(stats: TextDiffStats): string {
  const parts: string[] = [];
  if (stats.modified) parts.push(plural(stats.modified, msg('{{n}} alinéa modifié'), msg('{{n}} alinéas modifiés')));
  if (stats.inserted) parts.push(plural(stats.inserted, msg('{{n}} alinéa ajouté'), msg('{{n}} alinéas ajoutés')));
  if (stats.deleted) parts.push(plural(stats.deleted, msg('{{n}} alinéa supprimé'), msg('{{n}} alinéas supprimés')));
  if (parts.length === 0) return t('Aucune modification par rapport au texte de l’article pour l’instant.');
  if (stats.unchanged) parts.push(plural(stats.unchanged, msg('{{n}} alinéa inchangé'), msg('{{n}} alinéas inchangés')));
  return `${parts.join(', ')}.`;
}

/**
 * The page's own diff section (server-rendered, marked `data-live-diff`) when there is one, so
 * that the page never shows a stale diff beside a live one; else a panel of our own in `fallbackParent`.
 */
function diffTarget(fallbackParent: HTMLElement): HTMLElement {
  const existing = document.querySelector<HTMLElement>('[data-live-diff]');
  if (existing) return existing;
  const panel = document.createElement('section');
  panel.className = 'live-diff';
  panel.setAttribute('aria-labelledby', 'live-diff-title');
  const heading = document.createElement('h3');
  heading.id = 'live-diff-title';
  heading.textContent = t('Modifications proposées');
  const wrap = document.createElement('div');
  wrap.className = 'diff-wrap';
  panel.append(heading, wrap);
  fallbackParent.append(panel);
  return wrap;
}

export interface LiveDiff {
  /** Redraw within DEBOUNCE_MS. */
  schedule(): void;
  /** Redraw now. */
  render(): void;
}

export function liveDiff(fallbackParent: HTMLElement, base: readonly string[], read: () => string[]): LiveDiff {
  const wrap = diffTarget(fallbackParent);
  const summary = document.createElement('p');
  summary.className = 'live-diff-summary';
  summary.id = 'live-diff-summary';
  wrap.before(summary);
  // the side-by-side view keeps its caption (it says which version of the article it compares to)
  const caption = wrap.querySelector('table.diff-side caption')?.textContent ?? null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const render = () => {
    timer = null;
    const diff = diffTexts(base, read());
    summary.textContent = summarise(diff.stats);
    wrap.innerHTML = caption === null ? renderUnifiedDiff(diff) : renderSideBySideDiff(diff, { caption }); // escaped by diff-html
  };
  return {
    render,
    schedule() {
      if (timer === null) timer = setTimeout(render, DEBOUNCE_MS);
    },
  };
}

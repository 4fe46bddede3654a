/**
 * The formalisation workspace's dispositif, regenerated from the formal text as people type
 * (at most every 300 ms). The read-only view is replaced; the clerk's textarea is replaced only
 * while it still holds the last generated dispositif — once the clerk rewords it by hand, it is
 * theirs, and a note says that the text has changed since.
 */
import { dispositifFor } from '../../../shared/formalisation';
import type { AmendmentKind } from '../../../shared/amendment';
import { t } from '../i18n';

const DEBOUNCE_MS = 300;

export interface LiveDispositif {
  schedule(): void;
}

function setLines(el: HTMLElement, text: string): void {
  el.replaceChildren(...text.split('\n').filter((l) => l.trim()).map((line) => {
    const p = document.createElement('p');
    p.textContent = line;
    return p;
  }));
}

export function liveDispositif(kind: AmendmentKind, base: readonly string[], read: () => string[]): LiveDispositif | null {
  const views = [...document.querySelectorAll<HTMLElement>('div[data-live-dispositif]')];
  const field = document.querySelector<HTMLTextAreaElement>('textarea[data-live-dispositif]');
  const initial = document.querySelector<HTMLInputElement>('input[data-live-dispositif-initial]');
  if (views.length === 0 && !field) return null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stale: HTMLElement | null = null;
  const render = () => {
    timer = null;
    const text = dispositifFor(kind, base, read());
    for (const v of views) setLines(v, text);
    if (!field || !initial) return;
    if (field.value.trim() === initial.value.trim()) {
      field.value = text;
      initial.value = text;
    } else if (!stale) {
      stale = document.createElement('p');
      stale.className = 'field-error';
      stale.setAttribute('role', 'status');
      stale.textContent = t('Le texte a changé depuis que vous avez retouché le dispositif : vérifiez-le avant de publier.');
      field.before(stale);
    }
  };
  return {
    schedule() {
      if (timer === null) timer = setTimeout(render, DEBOUNCE_MS);
    },
  };
}

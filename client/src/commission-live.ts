/**
 * The commission's dashboard follows the session as it happens: every few seconds it reads the
 * page again and updates each amendment's status, commission tally and decision in place (the
 * forms stay as they are unless the amendment was decided, so nobody loses focus or a half-made
 * choice). The count of pending amendments is a polite live region: a decision is announced.
 */
const PERIOD_MS = 5000;
const PARTS = ['[data-status]', '[data-tally]', '[data-decision]'] as const;

function update(current: Document, fresh: Document): void {
  for (const item of fresh.querySelectorAll<HTMLElement>('.exam-item[id]')) {
    const here = current.getElementById(item.id);
    if (!here) continue;
    for (const selector of PARTS) {
      const [mine, theirs] = [here.querySelector(selector), item.querySelector(selector)];
      if (mine && theirs && mine.innerHTML !== theirs.innerHTML) mine.innerHTML = theirs.innerHTML;
    }
    // decided meanwhile: its vote and decision forms are gone from the fresh page
    const decided = !item.querySelector('form') && here.querySelector('form');
    if (decided && !here.contains(document.activeElement)) here.querySelectorAll('form').forEach((f) => f.remove());
  }
  const [pending, fresher] = [current.querySelector('[data-pending]'), fresh.querySelector('[data-pending]')];
  if (pending && fresher && pending.textContent !== fresher.textContent) pending.textContent = fresher.textContent;
}

export function followCommission(): void {
  const list = document.querySelector<HTMLElement>('[data-commission-live]');
  if (!list) return;
  const tick = async () => {
    try {
      const res = await fetch(location.pathname, { headers: { Accept: 'text/html' }, credentials: 'same-origin' });
      if (res.ok) update(document, new DOMParser().parseFromString(await res.text(), 'text/html'));
    } catch {
      // offline for a moment: the next tick will catch up
    }
    setTimeout(() => void tick(), PERIOD_MS);
  };
  setTimeout(() => void tick(), PERIOD_MS);
}

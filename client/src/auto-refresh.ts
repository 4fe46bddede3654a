/**
 * Pages that follow a computation (the lottery of a sortition) ask to be reloaded every few
 * seconds: `<body data-auto-refresh="5" data-refresh-url="…">` (server/pages/layout.ts). Not a
 * meta refresh, which a reader cannot stop before it fires (WCAG 2.2.1): the page itself has a
 * link that turns it off, and the reload waits while the reader is typing in a form or the tab
 * is hidden.
 */
export function autoRefresh(): void {
  const seconds = Number(document.body.dataset.autoRefresh);
  const url = document.body.dataset.refreshUrl;
  if (!Number.isFinite(seconds) || seconds <= 0 || !url) return;
  const busy = () => document.hidden || (document.activeElement instanceof HTMLElement && document.activeElement.matches('input, textarea, select'));
  const tick = () => {
    if (busy()) window.setTimeout(tick, 1000);
    else window.location.replace(url);
  };
  window.setTimeout(tick, seconds * 1000);
}

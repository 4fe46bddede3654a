/**
 * The editor's toolbar, as the ARIA toolbar pattern asks: one Tab stop (roving tabindex), arrow
 * keys, Home and End move between its buttons. An unavailable button stays focusable with
 * aria-disabled, so that arrowing through the toolbar never skips silently over it.
 */
export interface Toolbar {
  setAvailable(command: string, available: boolean): void;
}

export function wireToolbar(toolbar: HTMLElement, actions: Record<string, () => void>): Toolbar {
  const buttons = Array.from(toolbar.querySelectorAll<HTMLButtonElement>('button[data-command]'));
  const focusAt = (index: number) => {
    const count = buttons.length;
    const target = buttons[((index % count) + count) % count];
    if (!target) return;
    for (const b of buttons) b.tabIndex = b === target ? 0 : -1;
    target.focus();
  };
  buttons.forEach((b, i) => (b.tabIndex = i === 0 ? 0 : -1));

  toolbar.addEventListener('keydown', (event) => {
    const index = buttons.indexOf(event.target as HTMLButtonElement);
    if (index < 0) return;
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1, Home: 0, End: buttons.length - 1 };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    focusAt(next);
  });
  for (const button of buttons) {
    button.addEventListener('click', () => {
      const command = button.dataset.command ?? '';
      if (button.getAttribute('aria-disabled') !== 'true') actions[command]?.();
    });
  }
  return {
    setAvailable(command, available) {
      toolbar.querySelector(`button[data-command="${command}"]`)?.setAttribute('aria-disabled', String(!available));
    },
  };
}

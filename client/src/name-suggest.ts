/**
 * Name fields (`data-suggest-accounts`) suggest accounts as one types: a `<datalist>` filled
 * from `GET /api/users?search=` (display names starting with what is typed), shown by the
 * browser's own accessible list. Without this script the field is a plain text field and the
 * server offers a page to choose among the accounts that match.
 */
const MIN_CHARS = 2;
const DELAY_MS = 150;

interface Found { id: string; displayName: string; kind: string }

function attach(input: HTMLInputElement): void {
  const list = document.createElement('datalist');
  list.id = `${input.id || input.name}-suggestions`;
  input.after(list);
  input.setAttribute('list', list.id);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = '';
  const refresh = async () => {
    const typed = input.value.trim();
    if (typed.length < MIN_CHARS || typed === asked) return;
    asked = typed;
    try {
      const res = await fetch(`/api/users?search=${encodeURIComponent(typed)}&limit=8`, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      if (!res.ok || input.value.trim() !== typed) return;
      const { users } = (await res.json()) as { users: Found[] };
      list.replaceChildren(...users.map((u) => {
        const option = document.createElement('option');
        option.value = u.displayName;
        if (u.kind === 'organisation') option.label = `${u.displayName} (organisation)`;
        return option;
      }));
    } catch {
      // offline for a moment: the field still works as plain text
    }
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), DELAY_MS);
  });
}

export function suggestAccounts(): void {
  document.querySelectorAll<HTMLInputElement>('input[data-suggest-accounts]').forEach(attach);
}

import { CONFIRM_FIELD, confirmationFor, type Confirmation } from '../../shared/confirmations';
import { catalogueSay } from '../../shared/i18n';
import { t } from './i18n';

/**
 * Before an irreversible form leaves (shared/confirmations.ts says which), a modal `<dialog>`
 * states the consequences: « Annuler » has the focus first, Échap cancels, and the focus goes
 * back to the button that was pressed. Confirming sends the form with `confirme=1`, so the
 * server does not ask again; without this script the server asks with a page. The dialog speaks
 * the page's language (`<html lang>`): on English pages, the confirmations' own catalogue is a
 * chunk loaded at the first confirmation (French pages never load it).
 */
function buildDialog(q: Confirmation): { dialog: HTMLDialogElement; ok: HTMLButtonElement; cancel: HTMLButtonElement } {
  const dialog = document.createElement('dialog');
  dialog.className = 'confirm-dialog';
  dialog.setAttribute('aria-labelledby', 'confirm-dialog-title');
  dialog.setAttribute('aria-describedby', 'confirm-dialog-list');
  const title = document.createElement('h2');
  title.id = 'confirm-dialog-title';
  title.textContent = q.title;
  const list = document.createElement('ul');
  list.id = 'confirm-dialog-list';
  list.className = 'consequences';
  for (const line of q.consequences) list.appendChild(document.createElement('li')).textContent = line;
  const actions = document.createElement('div');
  actions.className = 'actions';
  const ok = document.createElement('button');
  ok.type = 'button';
  ok.className = 'danger';
  ok.textContent = q.confirm;
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.className = 'secondary';
  cancel.textContent = t('Annuler');
  actions.append(ok, ' ', cancel);
  dialog.append(title, list, actions);
  return { dialog, ok, cancel };
}

function ask(form: HTMLFormElement, submitter: HTMLElement | null, q: Confirmation): void {
  const { dialog, ok, cancel } = buildDialog(q);
  document.body.appendChild(dialog);
  let confirmed = false;
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (!confirmed) return void (submitter ?? form).focus();
    const flag = document.createElement('input');
    flag.type = 'hidden';
    flag.name = CONFIRM_FIELD;
    flag.value = '1';
    form.appendChild(flag);
    form.dataset.confirmed = '1';
    form.requestSubmit(submitter instanceof HTMLButtonElement || submitter instanceof HTMLInputElement ? submitter : null);
  });
  ok.addEventListener('click', () => { confirmed = true; dialog.close(); });
  cancel.addEventListener('click', () => dialog.close());
  dialog.showModal();
  cancel.focus();
}

let english: Promise<Readonly<Record<string, string>>> | undefined;
const englishCatalogue = () => (english ??= import('../../shared/confirmations-en').then((m) => m.CONFIRMATIONS_EN));

export function confirmIrreversibleForms(): void {
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== 'post' || form.dataset.confirmed === '1') return;
    const submitter = (event as SubmitEvent).submitter;
    const data = new FormData(form, submitter);
    if (data.get(CONFIRM_FIELD) === '1') return;
    const fields: Record<string, string> = {};
    data.forEach((v, k) => { if (typeof v === 'string') fields[k] = v; });
    const action = new URL(submitter?.getAttribute('formaction') ?? form.action, location.href);
    if (action.origin !== location.origin) return;
    const q = confirmationFor(action.pathname, fields, 'browser');
    if (!q) return;
    event.preventDefault();
    if (document.documentElement.lang !== 'en') return ask(form, submitter, q);
    // the English words, or the French ones if the chunk cannot be had
    englishCatalogue().then(
      (en) => ask(form, submitter, confirmationFor(action.pathname, fields, 'browser', catalogueSay('en', en)) ?? q),
      () => ask(form, submitter, q),
    );
  });
}

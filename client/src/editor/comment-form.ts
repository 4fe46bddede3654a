/**
 * The small form that writes a comment on the passage chosen in the editor (markup in
 * server/pages/amendment-live-editor.ts). It knows nothing of Yjs: `publish` does the work and
 * returns a message when the comment could not be published, which the form shows by its field.
 */
import { t } from '../i18n';

export const MAX_BODY = 5000; // as the REST route (server/routes/draft-comments.ts)

export interface CommentFormEvents {
  /** Publishes `body` (trimmed, not empty); returns why it could not, or null. */
  publish(body: string): string | null;
  /** The form was closed, by « Publier » or « Annuler » (or Escape). */
  closed(published: boolean): void;
}

export interface CommentForm {
  /** Shows the form for the passage described by `target`, focus in the text field (kept when already open). */
  open(target: string): void;
  close(): void;
}

function part<T extends Element>(form: HTMLFormElement, selector: string): T {
  const el = form.querySelector<T>(selector);
  if (!el) throw new Error(`comment form: ${selector} missing`);
  return el;
}

export function wireCommentForm(form: HTMLFormElement, events: CommentFormEvents): CommentForm {
  const target = part<HTMLElement>(form, '.draft-comment-target');
  const error = part<HTMLElement>(form, '.field-error');
  const body = part<HTMLTextAreaElement>(form, 'textarea');
  const describedBy = body.getAttribute('aria-describedby') ?? '';

  const showError = (message: string | null) => {
    error.hidden = message === null;
    error.textContent = message ?? '';
    body.setAttribute('aria-invalid', String(message !== null));
    body.setAttribute('aria-describedby', message === null ? describedBy : `${error.id} ${describedBy}`);
  };
  const close = (published: boolean) => {
    if (form.hidden) return;
    form.hidden = true;
    body.value = '';
    showError(null);
    events.closed(published);
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = body.value.trim();
    const problem = text === '' ? t('Écrivez votre commentaire avant de le publier.')
      : text.length > MAX_BODY ? t('Votre commentaire dépasse {{n}} caractères.', { n: MAX_BODY })
      : events.publish(text);
    if (problem === null) {
      close(true);
      return;
    }
    showError(problem);
    body.focus();
  });
  part<HTMLButtonElement>(form, '[data-action="cancel"]').addEventListener('click', () => close(false));
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close(false);
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && event.target === body) {
      // Enter alone starts a new line of the comment; Ctrl+Enter publishes, as in most comment fields
      event.preventDefault();
      form.requestSubmit();
    }
  });

  return {
    open(text) {
      target.textContent = text;
      if (form.hidden) showError(null);
      form.hidden = false;
      body.focus();
    },
    close: () => close(false),
  };
}

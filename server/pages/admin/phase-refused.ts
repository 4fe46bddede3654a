import type { AppError } from '../../http/errors';
import { html, type SafeHtml } from '../html';
import { layout, type PageContext } from '../layout';

/** The refusals of a phase move that the admin can fix, each with the way to fix it. */
export const PHASE_PRECONDITIONS = ['commission_incomplete', 'pending_amendments'] as const;

export function isPhasePrecondition(err: AppError): boolean {
  return (PHASE_PRECONDITIONS as readonly string[]).includes(err.code);
}

interface Pending { id: string; label: string }

/** `details.amendments` as the command gives it: ids, or objects with an id and a number. */
function pendingOf(details: unknown): Pending[] {
  const list = (details as { amendments?: unknown } | null)?.amendments;
  if (!Array.isArray(list)) return [];
  return list.flatMap((a: unknown): Pending[] => {
    if (typeof a === 'string') return [{ id: a, label: 'Amendement' }];
    const o = a as { id?: unknown; displayNumber?: unknown; number?: unknown };
    if (typeof o?.id !== 'string') return [];
    const n = typeof o.displayNumber === 'string' ? o.displayNumber : typeof o.number === 'number' || typeof o.number === 'string' ? String(o.number) : null;
    return [{ id: o.id, label: n ? `Amendement n° ${n}` : 'Amendement' }];
  });
}

function remedy(billId: string, err: AppError): SafeHtml {
  if ((err.code as string) === 'commission_incomplete') {
    return html`<p>Nommez au moins un membre dans chaque collège (élus et citoyens) : <a href="/admin/textes/${billId}#commission">gérer la commission</a>.</p>`;
  }
  const pending = pendingOf(err.details);
  return html`<p>Chaque amendement doit être décidé, tombé, retiré, irrecevable ou clos comme « non examiné ».
    <a href="/textes/${billId}/commission?attente=1">Voir les amendements en attente sur le tableau de bord de la commission</a>.</p>
    ${pending.length ? html`<ul class="pending-amendments">${pending.slice(0, 200).map((p) => html`<li><a href="/amendements/${p.id}">${p.label}</a></li>`)}</ul>` : ''}`;
}

/** The phase move was refused for a reason the admin can fix: said in words, with links to fix it. */
export function phaseRefusedPage(c: PageContext, billId: string, err: AppError): string {
  return layout(c, {
    title: 'Changement de phase impossible',
    breadcrumb: html`<a href="/admin">Administration</a> › <a href="/admin/textes/${billId}">Le texte</a>`,
    main: html`<h1>Changement de phase impossible</h1>
      <div class="alert" role="alert"><p>${err.message}</p></div>
      ${remedy(billId, err)}
      <p><a href="/admin/textes/${billId}">Retour au texte dans la console</a></p>`,
  });
}

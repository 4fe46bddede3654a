import { displayNumber } from '../../../shared/amendment';
import type { Queryable } from '../../db/db';
import type { AppError } from '../../http/errors';
import { findAmendments } from '../../sql/amendments';
import { html, type SafeHtml } from '../../html';
import { layout, type PageContext } from '../layout';
import { t } from '../../i18n';
import { tMessage } from '../../i18n/message';

/** The refusals of a phase move that the admin can fix, each with the way to fix it. */
export const PHASE_PRECONDITIONS = ['commission_incomplete', 'pending_amendments'] as const;

export function isPhasePrecondition(err: AppError): boolean {
  return (PHASE_PRECONDITIONS as readonly string[]).includes(err.code);
}

interface Pending { id: string; label: string }

/** `details.amendments` (their ids), each with its public number. */
async function pendingOf(db: Queryable, details: unknown): Promise<Pending[]> {
  const list = (details as { amendments?: unknown } | null)?.amendments;
  const ids = Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string').slice(0, 200) : [];
  const rows = new Map((await findAmendments(db, ids)).map((a) => [a.id, a]));
  return ids.map((id) => {
    const a = rows.get(id);
    const n = a ? displayNumber(a.origin, a.number) : null;
    return { id, label: n ? `Amendement n° ${n}` : 'Amendement' };
  });
}

function remedy(billId: string, err: AppError, pending: readonly Pending[]): SafeHtml {
  if (err.code === 'commission_incomplete') {
    return html`<p>${t('Nommez au moins un membre dans chaque collège (élus et citoyens) :')} <a href="/admin/textes/${billId}#commission">${t('gérer la commission')}</a>.</p>`;
  }
  return html`<p>${t('Chaque amendement doit être décidé, tombé, retiré, irrecevable ou clos comme « non examiné ».')}
    <a href="/textes/${billId}/commission?attente=1">${t('Voir les amendements en attente sur le tableau de bord de la commission')}</a>.</p>
    ${pending.length ? html`<ul class="pending-amendments">${pending.map((p) => html`<li><a href="/amendements/${p.id}">${p.label}</a></li>`)}</ul>` : ''}`;
}

/** The phase move was refused for a reason the admin can fix: said in words, with links to fix it. */
export async function phaseRefusedPage(db: Queryable, c: PageContext, billId: string, err: AppError): Promise<string> {
  const pending = err.code === 'pending_amendments' ? await pendingOf(db, err.details) : [];
  return layout(c, {
    title: t('Changement de phase impossible'),
    breadcrumb: html`<a href="/admin">${t('Administration')}</a> › <a href="/admin/textes/${billId}">${t('Le texte')}</a>`,
    main: html`<h1>${t('Changement de phase impossible')}</h1>
      <div class="alert" role="alert"><p>${tMessage(err.message)}</p></div>
      ${remedy(billId, err, pending)}
      <p><a href="/admin/textes/${billId}">${t('Retour au texte dans la console')}</a></p>`,
  });
}

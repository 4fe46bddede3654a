import { SORTITION_LEASE } from '../../shared/limits';
import { html, type SafeHtml } from '../html';
import type { SortitionRow } from '../sql/sortition';
import { formatNumberWith, t } from '../i18n';
import { msg } from '../../shared/i18n';

/**
 * The lottery's computation as the draw page shows it while it runs (docs/sortition.md ›
 * Calcul): the step, the round, the profiles whose probability is fixed, the panels found and
 * the time elapsed, from the progress the worker reports. The page reloads itself every
 * `REFRESH_SECONDS` (client/src/auto-refresh.ts; not a meta refresh, WCAG 2.2.1) unless the reader stops it; a computation
 * silent for too long (the server stopped) says so, and offers to relaunch it.
 */
export const REFRESH_SECONDS = 5;

const PHASES: Record<string, string> = {
  feasibility: msg('vérification des quotas'),
  relaxation: msg('probabilités cibles (LEXIMIN de la relaxation linéaire)'),
  decomposition: msg('recherche des panels qui atteignent ces probabilités'),
  leximin: msg('LEXIMIN par étapes (les cibles n’étaient pas atteignables)'),
  rounding: msg('arrondi des poids de la loterie'),
};

const pct = (p: number) => `${formatNumberWith(p * 100, { maximumFractionDigits: 2 })} %`;
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** True when the process computing the lottery has given no sign of life for too long. */
export function computationStalled(row: Pick<SortitionRow, 'status' | 'compute_heartbeat' | 'committed_at'>, now = Date.now()): boolean {
  if (row.status !== 'computing') return false;
  const last = row.compute_heartbeat ?? row.committed_at;
  return last !== null && now - last.getTime() > SORTITION_LEASE.staleMs;
}

export function progressBlock(billId: string, row: SortitionRow, opts: { autoRefresh: boolean; now?: number }): SafeHtml {
  const now = opts.now ?? Date.now();
  const p = row.progress ?? {};
  const phase = typeof p.phase === 'string' ? p.phase : null;
  const started = typeof p.startedAt === 'string' ? Date.parse(p.startedAt) : row.committed_at?.getTime() ?? now;
  const level = num(p.level);
  const parts: string[] = [];
  if (phase) parts.push(t('étape : {{etape}}', { etape: PHASES[phase] ? t(PHASES[phase]) : phase }));
  if (num(p.round)) parts.push(t('tour {{n}}', { n: String(p.round) }));
  const decomposing = phase === 'decomposition';
  if (num(p.profiles)) parts.push(decomposing ? t('probabilités cibles connues pour les {{n}} profils', { n: String(p.profiles) }) : t('{{fixes}} profils fixés sur {{n}}', { fixes: String(num(p.fixed) ?? 0), n: String(p.profiles) }));
  if (num(p.panels)) parts.push(t('{{n}} panels trouvés', { n: String(p.panels) }));
  if (level !== null) parts.push(decomposing ? t('{{p}} des probabilités cibles atteintes', { p: pct(level) }) : t('probabilité minimale atteinte {{p}}', { p: pct(level) }));
  if ((num(p.attempt) ?? 1) > 1) parts.push(t('reprise n° {{n}} après un arrêt du serveur', { n: String(p.attempt) }));
  const stalled = computationStalled(row, now);
  const here = `/textes/${billId}/tirage`;
  return html`<section aria-labelledby="calcul" data-progress><h2 id="calcul">${t('Calcul de la loterie')}</h2>
    <p role="status">${phase ? t('Calcul en cours depuis') : t('Calcul en attente de démarrage depuis')} <span data-elapsed>${duration(now - started)}</span>${parts.length ? ` — ${parts.join(' · ')}` : ''}.</p>
    ${decomposing && level !== null ? html`<progress max="1" value="${String(Math.min(1, level))}" aria-label="${t('Part des probabilités cibles atteinte')}"></progress>`
    : num(p.profiles) ? html`<progress max="${String(p.profiles)}" value="${String(num(p.fixed) ?? 0)}" aria-label="${t('Profils dont la probabilité est fixée')}"></progress>` : ''}
    ${stalled ? html`<p class="error" data-stalled>${t('Aucun signe du calcul depuis plus de {{n}} s : le serveur a sans doute redémarré. Le calcul reprend de lui-même dans moins d’une minute ; l’administration peut aussi le relancer.', { n: String(SORTITION_LEASE.staleMs / 1000) })}</p>` : ''}
    <p class="muted">${opts.autoRefresh
    ? html`${t('Cette page se met à jour toutes les {{n}} secondes.', { n: String(REFRESH_SECONDS) })} <a href="${here}?actualisation=non#calcul">${t('Arrêter la mise à jour automatique')}</a> · <a href="${here}#calcul">${t('Actualiser maintenant')}</a>`
    : html`${t('Mise à jour automatique arrêtée.')} <a href="${here}#calcul">${t('Actualiser')}</a> · <a href="${here}?actualisation=oui#calcul">${t('La reprendre')}</a>`}</p>
  </section>`;
}

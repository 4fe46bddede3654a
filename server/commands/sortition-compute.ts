import { fill, msg } from '../../shared/i18n';
import { randomBytes } from 'node:crypto';
import { COMPUTE_BUDGET_MS, SORTITION_LEASE } from '../../shared/limits';
import { authorize } from '../authorize';
import { AppError, notFound } from '../errors';
import { computeLottery } from '../sortition/runner';
import { findBill } from '../sql/bills';
import { appendEvent } from '../sql/events';
import {
  claimComputation, findSortition, heartbeat, listVolunteers, restartComputation, saveDistribution, saveFailure, saveProgress, staleComputations,
} from '../sql/sortition';
import type { UserRow } from '../sql/users';
import { volunteersOf, type SortitionDeps } from './sortition';

/**
 * The computation of a sortition's lottery (docs/sortition.md › Calcul), and what happens when the
 * server stops in the middle of it. The process that computes holds a lease on the row (its id,
 * a heartbeat every few seconds); a lottery left « computing » whose heartbeat is older than
 * `SORTITION_LEASE.staleMs` is taken over by any process — at start, then every `sweepMs` — and
 * computed again from the beginning (the result is the same: the computation is deterministic).
 * Past `attempts` interrupted attempts it is marked failed with the reason, and the admin
 * relaunches it (« Relancer le calcul »).
 */

/** This process, as the holder of the lotteries it computes. */
const PROCESS_ID = `${process.pid}-${randomBytes(6).toString('hex')}`;

const running = new Map<string, Promise<void>>();

/** True while this process computes (or queues) the bill's lottery. */
export const isComputing = (billId: string): boolean => running.has(billId);

const interrupted = (n: number) => fill(msg('Le calcul de la loterie a été interrompu {{n}} fois (arrêt ou redémarrage du serveur) sans aboutir. Relancez-le avec « Relancer le calcul » ; s’il s’interrompt encore, signalez-le à l’équipe technique.'), { n });

/** Computes the bill's lottery if it is computing and nobody else holds it (stale holders are replaced). */
export function runComputation(deps: SortitionDeps, billId: string): Promise<void> {
  const current = running.get(billId);
  if (current) return current;
  const job = (async () => {
    const attempt = await claimComputation(deps.db, billId, PROCESS_ID, SORTITION_LEASE.staleMs);
    if (attempt === null) return;
    if (attempt > SORTITION_LEASE.attempts) {
      await fail(deps, billId, interrupted(attempt - 1), false, attempt);
      return;
    }
    const beat = setInterval(() => {
      heartbeat(deps.db, billId, PROCESS_ID).catch((err: unknown) => deps.log?.('sortition heartbeat', err));
    }, SORTITION_LEASE.heartbeatMs);
    beat.unref();
    try {
      const s = await findSortition(deps.db, billId);
      if (!s || s.status !== 'computing') return;
      const volunteers = volunteersOf(await listVolunteers(deps.db, billId));
      let last = 0;
      let startedAt: string | null = null;
      const outcome = await computeLottery({ seats: s.seats, strata: s.strata, volunteers }, {
        budgetMs: COMPUTE_BUDGET_MS.sortition,
        onProgress: (p) => {
          // the first message comes when the worker starts (after any lottery queued before this one)
          startedAt ??= new Date().toISOString();
          if (Date.now() - last < 1_000) return;
          last = Date.now();
          saveProgress(deps.db, billId, PROCESS_ID, { ...p, attempt, startedAt, at: new Date().toISOString() }).catch((err: unknown) => deps.log?.('sortition progress', err));
        },
      });
      if (outcome.ok) {
        await deps.db.transaction(async (tx) => {
          if (!(await saveDistribution(tx, billId, outcome.distribution))) return;
          const min = Math.min(...outcome.distribution.probabilities);
          await appendEvent(tx, {
            billId, type: 'sortition.computed', actorId: null, subjectType: 'bill', subjectId: billId,
            data: { algorithm: outcome.distribution.algorithm, panels: outcome.distribution.panels.length, minimumProbability: min, ms: outcome.distribution.stats.ms, attempt },
          });
        });
      } else {
        await fail(deps, billId, outcome.reason, outcome.infeasible, attempt);
      }
    } finally {
      clearInterval(beat);
    }
  })().catch((err: unknown) => deps.log?.('sortition computation', err)).finally(() => running.delete(billId));
  running.set(billId, job);
  return job;
}

async function fail(deps: SortitionDeps, billId: string, reason: string, infeasible: boolean, attempt: number): Promise<void> {
  await deps.db.transaction(async (tx) => {
    if (!(await saveFailure(tx, billId, reason))) return;
    await appendEvent(tx, { billId, type: 'sortition.failed', actorId: null, subjectType: 'bill', subjectId: billId, data: { reason, infeasible, attempt } });
  });
}

/**
 * Takes over every lottery left computing by a process that stopped (heartbeat older than
 * `staleMs`): run at the server's start and by the periodic sweep. Resolves when they are done.
 */
export async function resumeComputations(deps: SortitionDeps, staleMs: number = SORTITION_LEASE.staleMs): Promise<string[]> {
  const bills = await staleComputations(deps.db, staleMs);
  await Promise.all(bills.map((billId) => runComputation(deps, billId)));
  return bills;
}

/** The sweep of one process: at once, then every `sweepMs`; `stop()` ends it (a running computation goes on). */
export function startSortitionRecovery(deps: SortitionDeps, sweepMs: number = SORTITION_LEASE.sweepMs): { stop(): void } {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const sweep = () => {
    staleComputations(deps.db, SORTITION_LEASE.staleMs)
      .then((bills) => { for (const billId of bills) void runComputation(deps, billId); })
      .catch((err: unknown) => deps.log?.('sortition recovery', err))
      .finally(() => {
        if (stopped) return;
        timer = setTimeout(sweep, sweepMs);
        timer.unref();
      });
  };
  sweep();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

/** The admin relaunches a computation that failed, or one left computing by a stopped process. */
export async function retryComputation(deps: SortitionDeps, input: { admin: UserRow; billId: string }): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const bill = await findBill(tx, input.billId, { forUpdate: true });
    if (!bill) throw notFound(msg('Projet de loi introuvable.'));
    await authorize(tx, 'sortition.commit', input.admin, { bill });
    const s = await findSortition(tx, bill.id, { forUpdate: true });
    if (!s) throw notFound(msg('Aucun appel à volontaires n’est ouvert pour ce texte.'));
    const alive = s.compute_owner !== null && s.compute_heartbeat !== null && Date.now() - s.compute_heartbeat.getTime() < SORTITION_LEASE.staleMs;
    if (s.status === 'computing' && (isComputing(bill.id) || alive)) throw new AppError('conflict', msg('Le calcul est en cours.'), { progress: s.progress });
    if (s.status !== 'failed' && s.status !== 'computing') throw new AppError('conflict', msg('Il n’y a pas de calcul à relancer.'));
    await restartComputation(tx, bill.id);
  });
  void runComputation(deps, input.billId);
}

import type { ReconcileResult } from '../../shared/reconcile';
import { compute } from '../compute';
import type { Queryable } from '../db/db';
import { notFound } from '../errors';
import { findAdoptedText } from '../sql/adopted-texts';
import { findBill, type BillRow } from '../sql/bills';
import { loadCommissionData } from './commission-data';

/**
 * The reconciled text of a bill: frozen at adoption; before, the adopted amendments applied to
 * the current text in examination order. Amendments that fell at the commission's decisions are
 * listed with the reason recorded then, besides any the reconciliation itself finds.
 */
export async function loadReconciled(db: Queryable, billId: string): Promise<{ bill: BillRow; result: ReconcileResult; frozen: boolean }> {
  const bill = await findBill(db, billId);
  if (!bill) throw notFound('Projet de loi introuvable.');
  if (bill.status === 'adopted') {
    const stored = await findAdoptedText(db, bill.id);
    if (stored) return { bill, result: stored.result, frozen: true };
  }
  return { bill, result: await computeReconciled(db, bill.id), frozen: false };
}

export async function computeReconciled(db: Queryable, billId: string): Promise<ReconcileResult> {
  const data = await loadCommissionData(db, billId);
  const result = await compute().run('reconcile', { articles: data.articles, adopted: data.adopted() });
  const decidedFallen = [...data.decisions.values()]
    .filter((d) => d.outcome === 'fallen')
    .map((d) => ({ amendmentId: d.amendment_id, reason: d.reason ?? '', by: d.by_amendment_id }));
  const seen = new Set(decidedFallen.map((f) => f.amendmentId));
  return { ...result, fallen: [...decidedFallen, ...result.fallen.filter((f) => !seen.has(f.amendmentId))] };
}

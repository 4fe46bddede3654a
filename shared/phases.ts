import { msg } from './i18n';
/** A bill's phases, in the only order it may move through them. */
export const BILL_STATUSES = ['draft', 'consultation', 'commission', 'adopted'] as const;
export type BillStatus = (typeof BILL_STATUSES)[number];

export const STATUS_LABELS_FR: Record<BillStatus, string> = {
  draft: msg('Brouillon'),
  consultation: msg('Consultation'),
  commission: msg('Commission'),
  adopted: msg('Adopté'),
};

/** Phases only move forward, one step at a time: draft → consultation → commission → adopted. */
export function canMoveTo(from: BillStatus, to: BillStatus): boolean {
  return BILL_STATUSES.indexOf(to) === BILL_STATUSES.indexOf(from) + 1;
}

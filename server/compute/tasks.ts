import type { AmendmentKind } from '../../shared/amendment';
import type { BillInput } from '../commands/parse-bill-input';
import { dispositifFor, resolveFormalisation } from '../../shared/formalisation';
import { applyDispositif, applySubAmendment, generateDispositif, type Chamber } from '../../shared/legistique';
import { parseAknBill } from '../../shared/akn-bill';
import { parseLaFabriqueJson } from '../../shared/lafabrique';
import { parseLegisticText } from '../../shared/legistic-text';
import { TEXT_LIMITS, type ComputeBudget } from '../../shared/limits';
import { adoptionConflict, examinationOrder, fallenAfter, reconcile, type AdoptedAmendment, type BillArticle } from '../../shared/reconcile';
import { checkStructuredBill } from '../../shared/structured-bill';
import { diffTexts } from '../../shared/text-diff';
import { closestAmendments } from '../../shared/closest';
import { aknAmendmentList, comparatifTable, renderAkn, renderComparatifDocx, renderComparatifHtml, renderHtml, renderLiasseHtml, renderMarkdown, type ExportBill } from '../exports';
import { parseAnXml, parseSenatCsv } from '../../shared/parliament/amendments';

/**
 * The computations whose cost grows with their input, as pure functions of plain data: the
 * worker threads run them (server/compute/worker.ts), the pool (./pool.ts) sends them there with
 * a time budget. Inputs and outputs cross threads by structured clone: plain data only.
 */

/** An export's amendment whose dispositif is still to write (it is generated in the worker). */
export type PendingDispositif = string | { kind: AmendmentKind; base: string[]; alineas: string[] };
export type ExportInput = Omit<ExportBill, 'amendments'> & {
  amendments: (Omit<ExportBill['amendments'][number], 'dispositif'> & { dispositif: PendingDispositif })[];
};
export const EXPORT_FORMATS = ['markdown', 'html', 'akn', 'liasse-html', 'liasse-akn', 'comparatif-html', 'comparatif-table', 'comparatif-docx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

function completeExport(input: ExportInput): ExportBill {
  return {
    ...input,
    amendments: input.amendments.map((a) => ({
      ...a,
      dispositif: typeof a.dispositif === 'string' ? a.dispositif : dispositifFor(a.dispositif.kind, a.dispositif.base, a.dispositif.alineas),
    })),
  };
}

async function renderExport(input: { format: ExportFormat; bill: ExportInput; workDate: string }): Promise<string | Uint8Array> {
  const bill = completeExport(input.bill);
  switch (input.format) {
    case 'markdown': return renderMarkdown(bill);
    case 'html': return renderHtml(bill);
    case 'akn': return renderAkn(bill, { workDate: input.workDate });
    case 'liasse-html': return renderLiasseHtml(bill);
    case 'liasse-akn': return aknAmendmentList(bill, { workDate: input.workDate });
    case 'comparatif-html': return renderComparatifHtml(bill);
    case 'comparatif-table': return comparatifTable(bill).value;
    case 'comparatif-docx': return new Uint8Array(await renderComparatifDocx(bill));
  }
}

function parseBill(input: BillInput) {
  if ('text' in input) return parseLegisticText(input.text, { maxChars: TEXT_LIMITS.billChars, titleGiven: Boolean(input.title?.trim()) });
  if ('articles' in input) return checkStructuredBill(input);
  if ('akn' in input) return parseAknBill(input.akn, { maxChars: TEXT_LIMITS.billChars, titleGiven: Boolean(input.title?.trim()) });
  return parseLaFabriqueJson(input.lafabrique);
}

type Texts = { before: readonly string[]; after: readonly string[] };

export const TASKS = {
  generateDispositif: (i: Texts & { chamber?: Chamber }) => generateDispositif(i.before, i.after, { chamber: i.chamber ?? 'an' }),
  applyDispositif: (i: { alineas: readonly string[]; dispositif: string }) => applyDispositif(i.alineas, i.dispositif),
  applySubAmendment: (i: { parent: readonly string[]; dispositif: string }) => applySubAmendment(i.parent, i.dispositif),
  dispositifFor: (i: { kind: AmendmentKind; base: readonly string[]; alineas: readonly string[] }) => dispositifFor(i.kind, i.base, i.alineas),
  resolveFormalisation: (i: Parameters<typeof resolveFormalisation>[0]) => resolveFormalisation(i),
  diffTexts: (i: Texts) => diffTexts(i.before, i.after),
  closestAmendments,
  reconcile: (i: { articles: readonly BillArticle[]; adopted: readonly AdoptedAmendment[] }) => reconcile(i.articles, i.adopted),
  adoptionConflict: (i: { articles: readonly BillArticle[]; adopted: readonly AdoptedAmendment[]; candidateId: string }) => adoptionConflict(i.articles, i.adopted, i.candidateId),
  fallenAfter: (i: { articles: readonly BillArticle[]; adopted: readonly AdoptedAmendment[]; pending: readonly AdoptedAmendment[] }) => fallenAfter(i.articles, i.adopted, i.pending),
  examinationOrder: (i: { articles: readonly BillArticle[]; amendments: Parameters<typeof examinationOrder>[1] }) => examinationOrder(i.articles, i.amendments),
  parseBill,
  parseParliamentAmendments: (i: { format: 'an-xml' | 'senat-csv'; data: string }) => (i.format === 'an-xml' ? parseAnXml(i.data) : parseSenatCsv(i.data)),
  renderExport,
};

export type TaskName = keyof typeof TASKS;
export type TaskInput<N extends TaskName> = Parameters<(typeof TASKS)[N]>[0];
export type TaskOutput<N extends TaskName> = Awaited<ReturnType<(typeof TASKS)[N]>>;

/** Which budget each task spends (shared/limits.ts › COMPUTE_BUDGET_MS). */
export const TASK_BUDGET: Record<TaskName, ComputeBudget> = {
  generateDispositif: 'legistique', applyDispositif: 'legistique', applySubAmendment: 'legistique', dispositifFor: 'legistique', resolveFormalisation: 'legistique',
  diffTexts: 'diff', closestAmendments: 'diff', reconcile: 'reconcile', parseParliamentAmendments: 'import', examinationOrder: 'reconcile', adoptionConflict: 'reconcile', fallenAfter: 'reconcile', parseBill: 'import', renderExport: 'export',
};

/**
 * Below this many characters of input a task runs on the calling thread: sending it to a worker
 * (structured clone both ways, a message round trip) would cost more than the work (measured by
 * bench:abuse; a 4,000-character diff takes well under a millisecond).
 */
export const INLINE_MAX_CHARS: Partial<Record<TaskName, number>> = { diffTexts: 4_000, dispositifFor: 1_000, generateDispositif: 1_000, applyDispositif: 1_000, applySubAmendment: 1_000 };

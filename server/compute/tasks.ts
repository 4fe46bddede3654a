import { readFileSync } from 'node:fs';
import type { AmendmentKind } from '../../shared/amendment';
import type { BillInput } from '../commands/parse-bill-input';
import { dispositifFor, resolveFormalisation } from '../../shared/formalisation';
import { applyDispositif, applySubAmendment, generateDispositif, type Chamber } from '../../shared/legistique';
import { parseLaFabriqueJson } from '../../shared/lafabrique';
import { parseLegisticText } from '../../shared/legistic-text';
import { TEXT_LIMITS, type ComputeBudget } from '../../shared/limits';
import { adoptionConflict, examinationOrder, fallenAfter, reconcile, type AdoptedAmendment, type BillArticle } from '../../shared/reconcile';
import { checkStructuredBill } from '../../shared/structured-bill';
import { diffTexts } from '../../shared/text-diff';
import type { ExportBill } from '../exports';
import { computeOpinionGroups, parsePackedVotes, type OpinionInput, type VoteMatrix } from '../../shared/opinion-groups';

/**
 * A bill's opinion groups from its votes — a matrix of anonymous rows (typed arrays: copied to the
 * worker as they are, nothing to serialise or parse), or the packed string of
 * server/sql/opinions.ts; no voter is named in or out.
 */
function opinionGroups(i: ({ matrix: VoteMatrix } | { packed: string; items: number }) & { previous?: OpinionInput['previous'] }) {
  const matrix = 'matrix' in i ? i.matrix : parsePackedVotes(i.packed, i.items);
  const { assignment: _rows, ...result } = computeOpinionGroups({ matrix, previous: i.previous });
  return result;
}

/*
 * The exports (docx, jszip, xmlbuilder2…) and the parsers of imported files (xmlbuilder2, csv-parse)
 * are loaded on their first use, in the thread that runs it (usually a worker): a fresh server
 * process does not hold them (bench:collab's "fresh process" memory). `require`, not `import()`:
 * from sources, tsx resolves an extensionless relative `import()` as ESM and fails.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = <T>(id: string): T => require(id) as T;
import { closestAmendments } from '../../shared/closest';

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
  const x = load<typeof import('../exports')>('../exports');
  switch (input.format) {
    case 'markdown': return x.renderMarkdown(bill);
    case 'html': return x.renderHtml(bill);
    case 'akn': return x.renderAkn(bill, { workDate: input.workDate });
    case 'liasse-html': return x.renderLiasseHtml(bill);
    case 'liasse-akn': return x.aknAmendmentList(bill, { workDate: input.workDate });
    case 'comparatif-html': return x.renderComparatifHtml(bill);
    case 'comparatif-table': return x.comparatifTable(bill).value;
    case 'comparatif-docx': return new Uint8Array(await x.renderComparatifDocx(bill));
  }
}

function parseBill(input: BillInput) {
  if ('text' in input) return parseLegisticText(input.text, { maxChars: TEXT_LIMITS.billChars, titleGiven: Boolean(input.title?.trim()) });
  if ('articles' in input) return checkStructuredBill(input);
  if ('akn' in input) return load<typeof import('../../shared/akn-bill')>('../../shared/akn-bill').parseAknBill(input.akn, { maxChars: TEXT_LIMITS.billChars, titleGiven: Boolean(input.title?.trim()) });
  return parseLaFabriqueJson(input.lafabrique);
}

function parseParliamentAmendments(i: { format: 'an-xml' | 'senat-csv'; data: string }) {
  const p = load<typeof import('../../shared/parliament/amendments')>('../../shared/parliament/amendments');
  return i.format === 'an-xml' ? p.parseAnXml(i.data) : p.parseSenatCsv(i.data);
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
  parseParliamentAmendments,
  renderExport,
  opinionGroups,
  /** Nothing: the pool sends it to a fresh worker so that loading the code is not charged to a task's budget. */
  ping: () => true,
  /** The calling thread's nice value (Linux), or null: the background lane's test reads it. */
  threadNice: (): number | null => {
    try {
      const stat = readFileSync('/proc/thread-self/stat', 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    } catch {
      return null;
    }
  },
};

export type TaskName = keyof typeof TASKS;
export type TaskInput<N extends TaskName> = Parameters<(typeof TASKS)[N]>[0];
export type TaskOutput<N extends TaskName> = Awaited<ReturnType<(typeof TASKS)[N]>>;

/** Which budget each task spends (shared/limits.ts › COMPUTE_BUDGET_MS). */
export const TASK_BUDGET: Record<TaskName, ComputeBudget> = {
  generateDispositif: 'legistique', applyDispositif: 'legistique', applySubAmendment: 'legistique', dispositifFor: 'legistique', resolveFormalisation: 'legistique',
  diffTexts: 'diff', ping: 'diff', threadNice: 'diff', closestAmendments: 'diff', reconcile: 'reconcile', parseParliamentAmendments: 'import', examinationOrder: 'reconcile', adoptionConflict: 'reconcile', fallenAfter: 'reconcile', parseBill: 'import', renderExport: 'export', opinionGroups: 'opinions',
};

/**
 * Below this many characters of input a task runs on the calling thread: sending it to a worker
 * (structured clone both ways, a message round trip) would cost more than the work (measured by
 * bench:abuse; a 4,000-character diff takes well under a millisecond).
 */
export const INLINE_MAX_CHARS: Partial<Record<TaskName, number>> = { diffTexts: 4_000, dispositifFor: 1_000, generateDispositif: 1_000, applyDispositif: 1_000, applySubAmendment: 1_000, opinionGroups: 3_000 };

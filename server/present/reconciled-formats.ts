import { rowNumber, STATUS_LABELS_FR } from '../../shared/amendment';
import { headingLine } from '../../shared/bill';
import type { ReconcileResult } from '../../shared/reconcile';
import type { Queryable } from '../db/db';
import { compute } from '../compute';
import type { ExportFormat, ExportInput } from '../compute/tasks';
import { latestFormalisations, subAmendmentDispositifs } from '../sql/amendment-revisions';
import { listInitialText } from '../sql/articles';
import type { BillRow } from '../sql/bills';
import { loadCommissionData } from '../queries/commission-data';

export const RECONCILED_FORMATS = ['json', 'markdown', 'html', 'akn'] as const;
export type ReconciledFormat = (typeof RECONCILED_FORMATS)[number];

const OUTCOMES: Partial<Record<string, string>> = {
  adopted: STATUS_LABELS_FR.adopted, rejected: STATUS_LABELS_FR.rejected, fallen: STATUS_LABELS_FR.fallen,
  inadmissible: STATUS_LABELS_FR.inadmissible, withdrawn: STATUS_LABELS_FR.withdrawn,
};

/**
 * The plain data the export renderers (server/exports) take: the bill, its reconciled text, the
 * liasse. Dispositifs not formalised yet are generated with the rendering, in the compute pool.
 */
export async function buildExportBill(db: Queryable, bill: BillRow, result: ReconcileResult): Promise<ExportInput> {
  const [initial, data] = await Promise.all([listInitialText(db, bill.id), loadCommissionData(db, bill.id)]);
  const order = data.groups.flatMap((g) => g.amendmentIds).map((id) => data.byId.get(id)!).filter(Boolean);
  const formal = await latestFormalisations(db, order.map((r) => r.id));
  // a sous-amendement's dispositif names its amendment: the one written at its deposit or last rectification
  const subs = await subAmendmentDispositifs(db, order.filter((r) => r.parent_id !== null && r.parent_revision !== null).map((r) => r.id));
  const byId = new Map(initial.map((a) => [a.id, a]));
  const kept = new Set(result.articles.map((a) => a.id));
  return {
    billId: bill.id, title: bill.title, status: bill.status, generatedAt: new Date().toISOString(),
    initial: initial.map((a) => ({ number: a.number, heading: headingLine(a.headings), headings: a.headings, alineas: a.alineas })),
    articles: result.articles.map((a) => {
      const before = a.id ? byId.get(a.id) : undefined;
      return {
        number: a.number, heading: before ? headingLine(before.headings) : null, ...(before ? { headings: before.headings } : {}),
        alineas: a.alineas, provenance: a.provenance, isNew: a.id === null,
      };
    }),
    deletedArticles: initial.filter((a) => !kept.has(a.id)).map((a) => a.number),
    amendments: order.map((r) => ({
      id: r.id, displayNumber: rowNumber(r) ?? '', articleNumber: r.article_number, kind: r.kind,
      authors: (data.authors.get(r.id) ?? []).map((x) => ({ displayName: x.display_name, kind: x.kind })), origin: r.origin,
      // a contribution hidden by the moderation keeps its place in the liasse, not its content
      dispositif: r.hidden_reason !== null ? `(masqué par la modération : ${r.hidden_reason})` : (formal.get(r.id)?.dispositif ?? subs.get(r.id) ?? { kind: r.kind, base: [...data.change(r).base], alineas: r.alineas }),
      rationale: r.hidden_reason !== null ? '' : r.rationale, status: r.status, outcomeFr: OUTCOMES[r.status] ?? null, submittedAt: r.submitted_at?.toISOString() ?? null,
    })),
  };
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  markdown: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  akn: 'application/akn+xml; charset=utf-8',
  'liasse-html': 'text/html; charset=utf-8',
  'liasse-akn': 'application/akn+xml; charset=utf-8',
  'comparatif-html': 'text/html; charset=utf-8',
  'comparatif-table': 'text/html; charset=utf-8',
  'comparatif-docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** One export of a bill's reconciled text, liasse or tableau comparatif, rendered in the compute pool. */
export async function renderExport(
  db: Queryable, bill: BillRow, result: ReconcileResult, format: ExportFormat,
): Promise<{ contentType: string; body: string | Buffer }> {
  const data = await buildExportBill(db, bill, result);
  // The Work is the bill as first published: its URI must not change from one export to the next.
  const out = await compute().run('renderExport', { format, bill: data, workDate: bill.created_at.toISOString().slice(0, 10) }, { cache: false });
  return { contentType: CONTENT_TYPES[format], body: typeof out === 'string' ? out : Buffer.from(out.buffer, out.byteOffset, out.byteLength) };
}

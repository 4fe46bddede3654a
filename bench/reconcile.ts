/**
 * bench:reconcile — the mixed commission's pure work on a large bill, in this process: examination
 * order of 5,000 amendments, reconciliation of the 500 adopted ones (rebased one by one, with
 * word-level provenance), and the reconciled JSON. Data: bench/reconcile-data.ts (seeded).
 *
 *   npm run bench:reconcile [-- --runs=7 --seed=2013]
 *
 * Target: reconciled JSON (examination order + reconciliation + JSON.stringify) ≤ 1 s, median.
 *
 * Each measured step is a `Stage`, run in order on the same context; each `Target` sums some
 * stages and gets its own PASS/FAIL line on the median run. An export of the reconciled text
 * (Markdown, HTML, Akoma Ntoso ≤ 2 s) is measured by adding its stage to `EXPORT_STAGES` (it reads
 * `ctx.result`) and its target to `TARGETS`, e.g.
 *   EXPORT_STAGES: { name: 'Akoma Ntoso', run: (ctx) => void toAkomaNtoso(need(ctx.result, 'the reconciled result')) }
 *   TARGETS:       { label: 'Akoma Ntoso export', stages: ['Akoma Ntoso'], ms: 2000 }
 */
import { machineLine, ms } from './lib/load';
import { adoptedInOrder, syntheticBill, type SyntheticBill } from './reconcile-data';
import { examinationOrder, reconcile, type ExaminationGroup, type ReconcileResult } from '../shared/reconcile';
import { renderAkn, type ExportBill } from '../server/exports';

interface RunContext {
  bill: SyntheticBill;
  groups?: ExaminationGroup[];
  result?: ReconcileResult;
  json?: string;
}

interface Stage {
  name: string;
  run(ctx: RunContext): void;
}

/** A total over consecutive stages, checked against a target (milliseconds, on the median run). */
interface Target {
  label: string;
  stages: readonly string[];
  ms: number;
}

const need = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new Error(`bench:reconcile: ${what} is not computed yet`);
  return value;
};

const RECONCILE_STAGES: Stage[] = [
  { name: 'examination order', run: (ctx) => void (ctx.groups = examinationOrder(ctx.bill.articles, ctx.bill.amendments)) },
  { name: 'reconcile', run: (ctx) => void (ctx.result = reconcile(ctx.bill.articles, adoptedInOrder(ctx.bill, need(ctx.groups, 'the examination order')))) },
  { name: 'JSON', run: (ctx) => void (ctx.json = JSON.stringify(need(ctx.result, 'the reconciled result'))) },
];

/** The plain data of the server's exports (server/present/reconciled-formats.ts builds the same from the database). */
function exportBill(ctx: RunContext): ExportBill {
  const result = need(ctx.result, 'the reconciled result');
  const order = need(ctx.groups, 'the examination order').flatMap((g) => g.amendmentIds);
  const byId = new Map(ctx.bill.amendments.map((a) => [a.id, a]));
  const numberOf = new Map(ctx.bill.articles.map((a) => [a.id, a.number]));
  const kept = new Set(result.articles.map((a) => a.id));
  return {
    billId: 'bench', title: 'Projet de loi de synthèse', status: 'commission', generatedAt: new Date(0).toISOString(),
    initial: ctx.bill.articles.map((a) => ({ number: a.number, heading: null, alineas: [...a.alineas] })),
    articles: result.articles.map((a) => ({ number: a.number, heading: null, alineas: a.alineas, provenance: a.provenance, isNew: a.id === null })),
    deletedArticles: ctx.bill.articles.filter((a) => !kept.has(a.id)).map((a) => a.number),
    amendments: order.map((id) => byId.get(id)!).map((a) => ({
      id: a.id, displayNumber: String(a.number), articleNumber: numberOf.get(a.articleId) ?? '?', kind: a.kind,
      authors: a.authors.map((x) => ({ displayName: x.displayName, kind: 'citizen' as const })), origin: a.origin,
      dispositif: '', rationale: '', status: ctx.bill.adopted.has(a.id) ? 'adopted' : 'rejected', outcomeFr: null, submittedAt: null,
    })),
  };
}

/** Exports built from `ctx.result`. */
const EXPORT_STAGES: Stage[] = [
  { name: 'Akoma Ntoso', run: (ctx) => void renderAkn(exportBill(ctx), { workDate: '2026-01-01' }) },
];

const TARGETS: Target[] = [
  { label: 'reconciled JSON', stages: ['examination order', 'reconcile', 'JSON'], ms: 1000 },
  { label: 'Akoma Ntoso (examination + reconciliation + XML)', stages: ['examination order', 'reconcile', 'Akoma Ntoso'], ms: 2000 },
];

function option(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = arg === undefined ? fallback : Number(arg.slice(name.length + 3));
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

function main(): void {
  const runs = option('runs', 7);
  const seed = option('seed', 2013);
  console.log(machineLine());
  const t0 = performance.now();
  const bill = syntheticBill({ seed });
  const stages = [...RECONCILE_STAGES, ...EXPORT_STAGES];
  const kinds = new Map<string, number>();
  for (const a of bill.amendments) kinds.set(a.kind, (kinds.get(a.kind) ?? 0) + 1);
  console.log(
    `bill: ${bill.articles.length} articles × ${bill.articles[0]?.alineas.length ?? 0} alinéas, ${bill.amendments.length} amendments (${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')}), ${bill.adopted.size} adopted — generated in ${ms(performance.now() - t0)}`,
  );

  const times = new Map<string, number[]>(stages.map((s) => [s.name, []]));
  let last: RunContext | undefined;
  for (let r = 0; r < runs; r++) {
    const ctx: RunContext = { bill };
    for (const stage of stages) {
      const start = performance.now();
      stage.run(ctx);
      times.get(stage.name)?.push(performance.now() - start);
    }
    last = ctx;
  }
  const result = need(last?.result, 'the reconciled result');
  console.log(
    `result: ${result.articles.length} articles, ${result.applied.length} applied, ${result.fallen.length} fell, ${result.articles.reduce((n, a) => n + a.provenance.flat().length, 0)} provenance runs, ${(need(last?.json, 'the JSON').length / 1024).toFixed(0)} KiB of JSON`,
  );

  console.log(`${runs} runs (the first one includes warm-up):`);
  for (const stage of stages) {
    const t = times.get(stage.name) ?? [];
    console.log(`  ${stage.name.padEnd(20)} best ${ms(Math.min(...t)).padStart(7)}   median ${ms(median(t)).padStart(7)}`);
  }
  let failed = false;
  for (const target of TARGETS) {
    const totals = Array.from({ length: runs }, (_v, r) => target.stages.reduce((sum, name) => sum + (times.get(name)?.[r] ?? 0), 0));
    const pass = median(totals) <= target.ms;
    failed ||= !pass;
    console.log(`${pass ? 'PASS' : 'FAIL'} ${target.label}: best ${ms(Math.min(...totals))}, median ${ms(median(totals))} (target ≤ ${ms(target.ms)})`);
  }
  if (failed) process.exitCode = 1;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

main();

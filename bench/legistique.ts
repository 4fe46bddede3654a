/**
 * bench:legistique — the dispositif engine on random edits of real articles (the two bill
 * fixtures): per amendment, generate the dispositif from (before, after), read it back and apply
 * it to the article. A seeded PRNG makes every run the same 5,000 edits.
 *
 *   npm run bench:legistique [-- --edits=5000 --seed=42]
 *
 * Target: p99 ≤ 5 ms per amendment (generation + parsing + application; median of 3 runs of each
 * amendment, the first-run distribution printed beside it), every round trip exact. Then the 968
 * real amendments of the corpus (../shared/fixtures/amendments/corpus/): p99 ≤ 5 ms per amendment
 * to read and apply, and none applied wrongly.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ImportResult } from '../shared/bill';
import { parseLaFabriqueJson } from '../shared/lafabrique';
import { applyDispositif, generateDispositif, parseDispositif } from '../shared/legistique';
import { parseLegisticText } from '../shared/legistic-text';
import { machineLine, ms, verdict } from './lib/load';
import { prng } from './lib/prng';
import { describeScore, loadCorpus, optionsOf, scoreCorpus } from '../test/helpers/dispositif-corpus';

const TARGET_P99_MS = 5;
const WARMUP = 500;
/** Each amendment is timed this many times; its median filters out a preemption or a GC pause, as bench:import's median of 3 does. */
const RUNS = 3;
const FIXTURES = path.join(__dirname, '../../shared/fixtures/bills');
const VOCABULARY = ['de la', 'loi', 'l’État', 'public', 'les établissements', 'enseignement supérieur', 'L. 123-4', '« nouvelle »', 'recherche', 'et'];
const SENTENCE = 'Un décret en Conseil d’État fixe les modalités d’application du présent article.';

function option(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg === undefined ? fallback : Number(arg.slice(name.length + 3));
}

function articlesOf(result: ImportResult): string[][] {
  if (!result.ok) throw new Error(`fixture did not import: ${JSON.stringify(result.issues)}`);
  return result.bill.articles.map((a) => a.alineas);
}

/** One to four edits: words replaced, inserted or deleted, alinéas inserted, deleted or rewritten. */
function randomEdit(before: readonly string[], random: () => number): string[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const after = [...before];
  for (let k = 1 + Math.floor(random() * 4); k > 0 && after.length > 0; k--) {
    const a = Math.floor(random() * after.length);
    const text = after[a] ?? '';
    const token = pick([...text.matchAll(/\S+/g)]);
    const at = token?.index ?? 0;
    const end = at + (token?.[0].length ?? 0);
    const r = random();
    if (r < 0.3) after[a] = text.slice(0, at) + pick(VOCABULARY) + text.slice(end);
    else if (r < 0.55) after[a] = `${text.slice(0, at)}${pick(VOCABULARY)} ${text.slice(at)}`;
    else if (r < 0.75) after[a] = (text.slice(0, at) + text.slice(end)).replace(/ {2,}/, ' ').trim() || text;
    else if (r < 0.85) after.splice(a, 0, SENTENCE);
    else if (r < 0.93) after.splice(a, 1);
    else after[a] = SENTENCE;
  }
  return after;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function main(): void {
  const edits = option('edits', 5000);
  const seed = option('seed', 42);
  const articles = [
    ...articlesOf(parseLegisticText(fs.readFileSync(path.join(FIXTURES, 'pjl-enseignement-superieur-extrait.txt'), 'utf8'))),
    ...articlesOf(parseLaFabriqueJson(JSON.parse(fs.readFileSync(path.join(FIXTURES, 'lafabrique-pjl12-614.json'), 'utf8')))),
  ];
  console.log(machineLine());
  console.log(`bench:legistique — ${edits} random edits of ${articles.length} real articles (seed ${seed}, ${WARMUP} unmeasured warm-up edits first): generate + parse + apply`);
  const random = prng(seed);
  const cases = Array.from({ length: WARMUP + edits }, () => {
    const before = articles[Math.floor(random() * articles.length)] ?? [];
    return { before, after: randomEdit(before, random) };
  });
  const firsts: number[] = [];
  const medians: number[] = [];
  const phases = { generate: 0, parse: 0, apply: 0 };
  let wrong = 0;
  let chars = 0;
  for (const [i, { before, after }] of cases.entries()) {
    const runs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const t0 = performance.now();
      const dispositif = generateDispositif(before, after);
      const t1 = performance.now();
      parseDispositif(dispositif);
      const t2 = performance.now();
      const result = applyDispositif(before, dispositif);
      const t3 = performance.now();
      runs.push(t3 - t0);
      if (i < WARMUP || run > 0) continue;
      phases.generate += t1 - t0;
      phases.parse += t2 - t1;
      phases.apply += t3 - t2;
      chars += dispositif.length;
      if (!result.ok || JSON.stringify(result.alineas) !== JSON.stringify(after)) wrong++;
    }
    if (i < WARMUP) continue;
    firsts.push(runs[0] ?? 0);
    medians.push([...runs].sort((a, b) => a - b)[Math.floor(RUNS / 2)] ?? 0);
  }
  const line = (label: string, times: readonly number[]) => {
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`  ${label}: p50 ${ms(percentile(sorted, 50))}, p90 ${ms(percentile(sorted, 90))}, p99 ${ms(percentile(sorted, 99))}, max ${ms(sorted[sorted.length - 1] ?? 0)}`);
    return percentile(sorted, 99);
  };
  const p99 = line(`per amendment, median of ${RUNS} runs`, medians);
  line('per amendment, first run only', firsts);
  const mean = (x: number) => ms(x / edits);
  console.log(`  mean by phase (first runs): generate ${mean(phases.generate)} (includes its own read-back check), parse ${mean(phases.parse)}, apply ${mean(phases.apply)}; dispositifs average ${Math.round(chars / edits)} characters`);
  console.log(`  load average while measuring: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} (${os.cpus().length} cores; other processes inflate the first-run tail)`);
  console.log(`  round trips not exact: ${wrong}`);
  const corpus = realCorpus();
  console.log(verdict('RESULT bench:legistique', [
    { name: `p99 ≤ ${TARGET_P99_MS} ms`, ok: p99 <= TARGET_P99_MS, measured: ms(p99) },
    { name: 'exact round trips', ok: wrong === 0, measured: `${edits - wrong}/${edits}` },
    { name: `real amendments: p99 ≤ ${TARGET_P99_MS} ms`, ok: corpus.p99 <= TARGET_P99_MS, measured: ms(corpus.p99) },
    { name: 'real amendments: none applied wrongly', ok: corpus.wrong === 0, measured: String(corpus.wrong) },
  ]));
}

/**
 * The 968 real amendments of ../shared/fixtures/amendments/corpus/: each read and applied to its
 * article (median of RUNS runs), and scored as test/unit/legistique-real-corpus.test.ts does.
 */
function realCorpus(): { p99: number; wrong: number } {
  const items = loadCorpus();
  const medians: number[] = [];
  for (const item of items) {
    const options = optionsOf(item);
    const runs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const t0 = performance.now();
      parseDispositif(item.dispositif, options);
      if (item.article_text !== null) applyDispositif(item.article_text, item.dispositif, options);
      runs.push(performance.now() - t0);
    }
    medians.push([...runs].sort((a, b) => a - b)[Math.floor(RUNS / 2)] ?? 0);
  }
  const sorted = [...medians].sort((a, b) => a - b);
  const p99 = percentile(sorted, 99);
  console.log(`bench:legistique — ${items.length} real amendments (both chambers, 11 bills): parse + apply to the article`);
  console.log(`  per amendment, median of ${RUNS} runs: p50 ${ms(percentile(sorted, 50))}, p90 ${ms(percentile(sorted, 90))}, p99 ${ms(p99)}, max ${ms(sorted[sorted.length - 1] ?? 0)}`);
  const score = scoreCorpus(items);
  console.log(describeScore(score).split('\n').map((l) => `  ${l}`).join('\n'));
  return { p99, wrong: score.wrong.length };
}

main();

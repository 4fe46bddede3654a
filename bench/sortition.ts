/**
 * `npm run bench:sortition [-- --pools=500,2000 --budget=900]`: the LEXIMIN lottery for pools of
 * 500 and 2,000 synthetic volunteers (6 strata, bench/lib/sortition-pool.ts), a panel of 50:
 * time to compute it in a worker thread (progress printed as it goes), and the minimum selection
 * probability, beside a simple baseline: uniform draws of 50 rejected until every quota holds
 * (each volunteer's frequency over the accepted draws).
 */
import os from 'node:os';
import { computeLottery } from '../server/sortition/runner';
import { meetsQuotas, problemOf, type Problem } from '../server/sortition/model';
import { prng } from './lib/prng';
import { BENCH_STRATA, syntheticPool } from './lib/sortition-pool';

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const SEATS = 50;
const BASELINE_ATTEMPTS = 2_000_000;

function rejectionBaseline(problem: Problem, accepted: number, maxAttempts: number): { min: number; zero: number; acceptance: number; accepted: number } {
  const rand = prng(42);
  const people = problem.profiles.flatMap((p, t) => p.members.map(() => t));
  const hits = new Array<number>(people.length).fill(0);
  let ok = 0;
  let attempts = 0;
  const counts = new Array<number>(problem.profiles.length).fill(0);
  const idx = people.map((_p, i) => i);
  while (ok < accepted && attempts < maxAttempts) {
    attempts += 1;
    for (let i = 0; i < SEATS; i++) {
      const j = i + Math.floor(rand() * (idx.length - i));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    counts.fill(0);
    for (let i = 0; i < SEATS; i++) counts[people[idx[i]!]!]! += 1;
    if (!meetsQuotas(problem, counts)) continue;
    ok += 1;
    for (let i = 0; i < SEATS; i++) hits[idx[i]!]! += 1;
  }
  return { min: ok ? Math.min(...hits) / ok : NaN, zero: hits.filter((h) => h === 0).length, acceptance: ok / attempts, accepted: ok };
}

async function main() {
  const pools = arg('pools', '500,2000').split(',').map(Number);
  const budgetMs = Number(arg('budget', '900')) * 1000;
  console.log(`bench:sortition — ${os.cpus().length} cœurs, charge moyenne ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} ; panel de ${SEATS}, 6 critères`);
  const rows: string[] = [];
  for (const size of pools) {
    const volunteers = syntheticPool(size, 7);
    const problem = problemOf(SEATS, BENCH_STRATA, volunteers);
    console.log(`\nvivier de ${size} : ${problem.profiles.length} profils`);
    const started = performance.now();
    let last = 0;
    const outcome = await computeLottery({ seats: SEATS, strata: BENCH_STRATA, volunteers }, {
      budgetMs,
      onProgress: (p) => {
        if (performance.now() - last < 10_000) return;
        last = performance.now();
        console.log(`  ${((performance.now() - started) / 1000).toFixed(0)} s : ${p.phase}, tour ${p.round}, ${p.fixed}/${p.profiles} profils fixés, ${p.panels} panels${p.level !== null ? `, niveau ${(p.level * 100).toFixed(2)} %` : ''}`);
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const base = rejectionBaseline(problem, 2_000, BASELINE_ATTEMPTS);
    const leximinMin = outcome.ok ? Math.min(...outcome.distribution.probabilities) : NaN;
    const d = outcome.ok ? outcome.distribution : undefined;
    const st = d?.stats;
    console.log(d && st
      ? `  LEXIMIN : ${seconds.toFixed(1)} s (voie ${st.route}${st.route === 2 ? `, ${st.stages} étapes` : ''}), Carathéodory ${st.steps} pas (${(st.decomposeMs / 1000).toFixed(1)} s, reste ${st.rest.toExponential(1)}), ${d.panels.length} panels de poids non nul sur ${st.panelsGenerated} trouvés, ${st.pricingCalls} résolutions du maître (${(st.masterMs / 1000).toFixed(1)} s), recherche locale ${(st.searchMs / 1000).toFixed(1)} s, ${st.mipCalls} MIP (Carathéodory et tarification ; tarification exacte ${(st.exactMs / 1000).toFixed(1)} s) ; probabilité minimale ${(leximinMin * 100).toFixed(2)} %`
      : `  LEXIMIN : échec après ${seconds.toFixed(1)} s — ${outcome.ok ? '' : outcome.reason}`);
    console.log(base.accepted > 0
      ? `  rejet uniforme : ${base.accepted} panels acceptés, taux d’acceptation ${(base.acceptance * 100).toFixed(3)} %, minimum empirique ${(base.min * 100).toFixed(2)} % (${base.zero} volontaires jamais tirés)`
      : `  rejet uniforme : aucun panel accepté sur ${BASELINE_ATTEMPTS.toLocaleString('fr-FR')} tirages uniformes de ${SEATS} (les quotas sont presque tous exacts sur 6 critères) : pas de loterie du tout`);
    rows.push(`| ${size} | ${problem.profiles.length} | ${outcome.ok ? `${seconds.toFixed(1)} s` : `échec (${seconds.toFixed(0)} s)`} | ${outcome.ok ? `${(leximinMin * 100).toFixed(2)} %` : '—'} | ${base.accepted > 0 ? `${(base.min * 100).toFixed(2)} % (${base.zero} à 0)` : `aucun panel sur ${BASELINE_ATTEMPTS.toLocaleString('fr-FR')} tirages`} | ${(base.acceptance * 100).toFixed(3)} % |`);
  }
  console.log('\n| vivier | profils | LEXIMIN (temps) | LEXIMIN (p min) | rejet uniforme (p min empirique) | acceptation |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
  console.log(`\n(k/n : ${pools.map((n) => `${((SEATS / n) * 100).toFixed(2)} % pour ${n}`).join(', ')})`);
}

main().then(() => process.exit(0), (err: unknown) => {
  console.error(err);
  process.exit(1);
});

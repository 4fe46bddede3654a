/**
 * `npm run verify-draw -- <fichier.json | adresse>`: redoes a Palimpseste sortition from its
 * published file (docs/sortition.md) — seed hash, pool fingerprint, quotas, the LEXIMIN lottery
 * recomputed, the seeded draw and the replacements — and prints the panel. Exit code 0 when
 * everything matches, 1 otherwise. `--sans-recalcul` skips recomputing the lottery.
 */
import fs from 'node:fs';
import { verifyFile, type SortitionFile } from '../server/sortition/file';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const source = args.find((a) => !a.startsWith('--'));
  if (!source) {
    console.error('usage : npm run verify-draw -- <fichier.json | https://…/api/bills/<id>/sortition> [--sans-recalcul]');
    return 2;
  }
  const text = /^https?:\/\//.test(source) ? await (await fetch(source)).text() : fs.readFileSync(source, 'utf8');
  const file = JSON.parse(text) as SortitionFile;
  const result = await verifyFile(file, { recompute: !args.includes('--sans-recalcul') });
  console.log(`Tirage au sort : « ${file.billTitle} » (${file.seats} sièges, ${file.volunteers.length} volontaires)`);
  for (const c of result.checks) console.log(`${c.ok ? '✔' : '✘'} ${c.name}${c.detail ? ` — ${c.detail}` : ''}`);
  if (result.drawn) console.log(`Panel tiré : ${result.drawn.join(' ')}`);
  if (result.panel) console.log(`Panel : ${result.panel.join(' ')}`);
  console.log(result.ok ? 'Vérification réussie.' : 'ÉCHEC de la vérification.');
  return result.ok ? 0 : 1;
}

main().then((code) => process.exit(code), (err: unknown) => {
  console.error(err);
  process.exit(2);
});

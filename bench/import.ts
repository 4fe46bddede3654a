/**
 * bench:import — how long importing a bill takes, from the HTTP request to the stored articles,
 * for bills of growing size (up to the 5 MB body limit), on a fresh PostgreSQL database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { auth, createAdmin, startTestApp } from '../test/helpers/app';

const WORDS = "le la les des un une administration donnée publique droit accès document code article disposition présente loi ministre décret conditions".split(' ');

function sentence(seed: number, words: number): string {
  let s = '';
  for (let i = 0; i < words; i++) s += `${WORDS[(seed * 31 + i * 17) % WORDS.length]} `;
  return `${s.trim()}.`;
}

function syntheticBill(articles: number, alineas: number): string {
  const lines = ['PROJET DE LOI de mesure'];
  for (let a = 1; a <= articles; a++) {
    if (a % 50 === 1) lines.push(`TITRE ${Math.ceil(a / 50)}`, `DISPOSITIONS DU GROUPE ${Math.ceil(a / 50)}`);
    if (a % 10 === 1) lines.push(`Chapitre ${Math.ceil(a / 10)}`, `Mesures ${a}`);
    lines.push(`Article ${a === 1 ? '1er' : a}`);
    for (let l = 0; l < alineas; l++) lines.push(sentence(a * 100 + l, 25));
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const app = await startTestApp();
  try {
    const admin = await createAdmin(app);
    const cases: [string, string][] = [
      ['fixture (11 articles)', fs.readFileSync(path.join(__dirname, '../server/demo/pjl-enseignement-superieur.txt'), 'utf8')],
      ['100 articles × 10 alinéas', syntheticBill(100, 10)],
      ['500 articles × 10 alinéas', syntheticBill(500, 10)],
      ['1,000 articles × 10 alinéas', syntheticBill(1000, 10)],
    ];
    console.log('bench:import — POST /api/bills (parse + store), 3 runs each, best and median');
    for (const [label, text] of cases) {
      const times: number[] = [];
      let articles = 0;
      for (let run = 0; run < 3; run++) {
        const t0 = performance.now();
        const res = await app.http.post('/api/bills').set(auth(admin)).send({ title: label, text });
        times.push(performance.now() - t0);
        if (res.status !== 201) throw new Error(`${label}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
        articles = res.body.bill.articles.length;
      }
      times.sort((a, b) => a - b);
      const mb = (Buffer.byteLength(text) / 1e6).toFixed(2);
      console.log(`  ${label.padEnd(28)} ${mb} MB  ${articles} articles  best ${times[0]!.toFixed(0)} ms  median ${times[1]!.toFixed(0)} ms`);
    }
  } finally {
    await app.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

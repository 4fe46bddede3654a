// `npm start`: builds only when the sources changed since the last build (dist/.build-stamp),
// then runs the server. A second start does not rebuild what is built.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const STAMP = 'dist/.build-stamp';
const WATCHED = ['server', 'shared', 'client/src', 'scripts/build.mjs', 'scripts/build-client.mjs', 'package-lock.json'];

function newest(p) {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const entry of fs.readdirSync(p)) max = Math.max(max, newest(path.join(p, entry)));
  return max;
}

const built = fs.existsSync(STAMP) ? fs.statSync(STAMP).mtimeMs : 0;
if (WATCHED.some((p) => newest(p) > built)) {
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit', env: { ...process.env, BUILD_QUIET: '1' } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
// `--build-only`: start:cluster builds once, then starts its processes itself
if (!process.argv.includes('--build-only')) await import(path.resolve('dist/server/main.js'));

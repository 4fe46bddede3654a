// `npm run start:cluster`: N app processes on one machine behind a small round-robin front
// (server/cluster/front.ts), sharing live documents, rate limits and caches through Redis — to
// try the cluster mode locally (docs/deployment.md: a real deployment puts a load balancer there).
//   DATABASE_URL (required), REDIS_URL (default redis://127.0.0.1:6379), PORT (the front's, default
//   3000), CLUSTER_PROCESSES (default 2): processes listen on PORT+1 … PORT+N.
// Builds like `npm start` when the sources changed; stops every process on SIGINT/SIGTERM.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

const env = process.env;
if (!env.DATABASE_URL) {
  console.error('start:cluster : DATABASE_URL est requis (la base embarquée ne sert qu’un processus).');
  process.exit(1);
}
const n = Number(env.CLUSTER_PROCESSES ?? 2);
const port = Number(env.PORT ?? 3000);
if (!Number.isInteger(n) || n < 1 || n > 32 || !Number.isInteger(port)) {
  console.error('start:cluster : CLUSTER_PROCESSES (1–32) et PORT doivent être des entiers.');
  process.exit(1);
}
const r = spawnSync(process.execPath, ['scripts/start.mjs', '--build-only'], { stdio: 'inherit', env: { ...env, BUILD_QUIET: '1' } });
if (r.status !== 0) process.exit(r.status ?? 1);

const redisUrl = env.REDIS_URL || 'redis://127.0.0.1:6379';
const children = [];
let stopping = false;
for (let i = 1; i <= n; i++) {
  const child = spawn(process.execPath, [path.resolve('dist/server/main.js')], {
    stdio: 'inherit',
    // behind the front: the client's address is in X-Forwarded-For (rate limits per address)
    env: { ...env, PORT: String(port + i), REDIS_URL: redisUrl, TRUST_PROXY: env.TRUST_PROXY ?? '1', PUBLIC_ORIGIN: env.PUBLIC_ORIGIN ?? `http://localhost:${port}` },
  });
  child.on('exit', (code, signal) => {
    if (!stopping) console.error(`start:cluster : le processus ${i} (port ${port + i}) s’est arrêté (${signal ?? code}) ; les autres continuent.`);
  });
  children.push(child);
}

const { createFront } = await import(path.resolve('dist/server/cluster/front.js'));
const front = createFront(children.map((_, i) => `http://127.0.0.1:${port + i + 1}`));
front.server.listen(port, () => console.log(`start:cluster : ${n} processus derrière http://localhost:${port} (Redis ${redisUrl})`));

const stop = () => {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  void front.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

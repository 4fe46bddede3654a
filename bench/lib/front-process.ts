/**
 * The round-robin front of `npm run start:cluster` (server/cluster/front.ts) in a process of its
 * own, for the benches' `--processes N` (bench/lib/run.ts): in the bench's process it shared one
 * event loop with the load generator, and latencies measured through it meant nothing.
 *
 *   node --require tsx/cjs bench/lib/front-process.ts <target URL>…   → prints `listening <port>`
 */
import type { AddressInfo } from 'node:net';
import { createFront } from '../../server/cluster/front';

const targets = process.argv.slice(2);
if (targets.length === 0) throw new Error('front-process: no target');
const front = createFront(targets);
front.server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${(front.server.address() as AddressInfo).port}\n`);
});
const stop = () => void front.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// the bench went away without stopping it (its end of our stdin closed): so does the front
process.stdin.on('end', stop);
process.stdin.resume();

import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** Browser tests load the client bundle: build it once before the run (esbuild, well under a second). */
export default function globalSetup(): void {
  execFileSync(process.execPath, [path.join(__dirname, '../scripts/build-client.mjs')], { cwd: path.join(__dirname, '..'), stdio: 'inherit' });
}

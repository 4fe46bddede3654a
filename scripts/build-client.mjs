// Bundles the browser code (client/src/main.ts) into dist/public/app.js with esbuild.
// Pages work without it; it only adds progressive enhancements.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const entry = 'client/src/main.ts';
if (existsSync(entry)) {
  await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    sourcemap: true,
    target: 'es2020',
    outfile: 'dist/public/app.js',
    logLevel: 'warning',
  });
}

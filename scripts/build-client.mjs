// Bundles the browser code (client/src/main.ts) into dist/public/app.js with esbuild, as an ES
// module split in chunks: a reading page loads only app.js (the small enhancements); the live
// editor (ProseMirror, Yjs, the dispositif engine) is a chunk loaded only where an editor is.
// Pages work without any of it; it only adds progressive enhancements.
import { build } from 'esbuild';
import { existsSync, rmSync } from 'node:fs';

const entry = 'client/src/main.ts';
if (existsSync(entry)) {
  rmSync('dist/public', { recursive: true, force: true });
  await build({
    entryPoints: { app: entry },
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    sourcemap: true,
    target: 'es2020',
    outdir: 'dist/public',
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'warning',
  });
}

import fs from 'node:fs';
import path from 'node:path';

/** The project root, found from the sources (tsx) as from the compiled `dist/` tree. */
function findRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${start}`);
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = findRoot(__dirname);
export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'migrations');
export const STATIC_DIR = path.join(PROJECT_ROOT, 'client', 'static');
export const BUNDLE_DIR = path.join(PROJECT_ROOT, 'dist', 'public');
export const DEMO_BILL_FILE = path.join(PROJECT_ROOT, 'server', 'demo', 'pjl-enseignement-superieur.txt');

import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { PROJECT_ROOT } from '../../server/paths';

/** Where the server's interface strings are written (its catalogue: server/i18n/en/). */
export const SERVER_DIRS = ['server', 'shared'];
/** The browser code's (its catalogue: client/src/i18n-en.ts). */
export const CLIENT_DIRS = ['client/src'];

export interface ExtractedKeys {
  /** Keys of `t()`, `th()`, `msg()` and the client's `t()`: each needs an English entry. */
  keys: Map<string, string>;
  /** `tn(one, other, n)`: `<one>_one` and `<one>_other` need English entries. */
  plurals: Map<string, string>;
  /** Calls whose key is not a literal (`t(label)`): their strings are marked with `msg()` where written. */
  dynamic: string[];
}

const CALLEES = new Set(['t', 'th', 'msg']);

function files(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...files(p));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const literal = (node: ts.Node | undefined): string | undefined =>
  node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;

/** Every key the sources ask the catalogue for, read from their syntax trees (not by regex). */
export function extractKeys(dirs: string[], root = PROJECT_ROOT): ExtractedKeys {
  const out: ExtractedKeys = { keys: new Map(), plurals: new Map(), dynamic: [] };
  for (const file of dirs.flatMap((d) => files(path.join(root, d)))) {
    const rel = path.relative(root, file);
    // the catalogue and the machinery themselves
    if (rel.startsWith(path.join('server', 'i18n', 'en')) || rel === path.join('server', 'i18n', 'index.ts') || rel.startsWith(path.join('client', 'src', 'i18n'))) continue;
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
        const name = node.expression.text;
        const where = `${rel}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
        if (CALLEES.has(name)) {
          const key = literal(node.arguments[0]);
          if (key !== undefined) out.keys.set(key, out.keys.get(key) ?? where);
          else out.dynamic.push(where);
        } else if (name === 'tn') {
          const one = literal(node.arguments[0]);
          if (one !== undefined && literal(node.arguments[1]) !== undefined) out.plurals.set(one, out.plurals.get(one) ?? where);
          else out.dynamic.push(where);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}

/** The catalogue entries the sources need. */
export function requiredEntries(found: ExtractedKeys): Map<string, string> {
  const need = new Map(found.keys);
  for (const [one, where] of found.plurals) {
    need.set(`${one}_one`, where);
    need.set(`${one}_other`, where);
  }
  return need;
}

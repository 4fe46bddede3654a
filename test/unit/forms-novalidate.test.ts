import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../server/paths';

/**
 * Issue 16 › 7: a form that posts says its errors itself, in the page's language, beside the
 * field (docs/forms.md); the browser's own bubble (in the browser's language) never shows. So
 * every `<form method="post">` the server renders carries `novalidate`. Read from the templates:
 * each `<form …>` tag in server/, its `${…}` interpolations skipped whole (they may hold a `>`).
 */
const SERVER = path.join(PROJECT_ROOT, 'server');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Each `<form …>` opening tag of `source`, interpolations kept as written. */
export function formTags(source: string): string[] {
  const tags: string[] = [];
  for (let at = source.indexOf('<form'); at >= 0; at = source.indexOf('<form', at + 1)) {
    if (/[\w-]/.test(source[at + 5] ?? '')) continue; // <formula>, not a form
    let depth = 0;
    let i = at + 5;
    for (; i < source.length; i++) {
      if (source.startsWith('${', i)) { depth += 1; i += 1; continue; }
      if (depth > 0 && source[i] === '{') depth += 1;
      else if (depth > 0 && source[i] === '}') depth -= 1;
      else if (depth === 0 && source[i] === '>') break;
    }
    tags.push(source.slice(at, i + 1));
  }
  return tags;
}

const method = (tag: string) => /\smethod="([^"]*)"/i.exec(tag)?.[1];

test('the tag reader skips what an interpolation holds', () => {
  expect(formTags('html`<form method="post" action="/x"${open ? html` data-x=${a > b}` : ""} novalidate><p>`')).toEqual([
    '<form method="post" action="/x"${open ? html` data-x=${a > b}` : ""} novalidate>',
  ]);
  expect(formTags('<formula> <form>')).toEqual(['<form>']);
});

test('every form that posts carries novalidate (and a method is written literally)', () => {
  const found: { file: string; tag: string }[] = sources(SERVER).flatMap((file) => formTags(fs.readFileSync(file, 'utf8')).map((tag) => ({ file: path.relative(PROJECT_ROOT, file), tag })));
  // the reader does find the forms (there are dozens)
  expect(found.filter((f) => method(f.tag) === 'post').length).toBeGreaterThan(40);
  // a method written literally, so that this test can read it (none: the default, get)
  expect(found.filter((f) => !['get', 'post', undefined].includes(method(f.tag)?.toLowerCase())).map((f) => `${f.file}: ${f.tag}`)).toEqual([]);
  const withoutNovalidate = found.filter((f) => method(f.tag)?.toLowerCase() === 'post' && !/\snovalidate[\s>]/.test(f.tag));
  expect(withoutNovalidate.map((f) => `${f.file}: ${f.tag}`)).toEqual([]);
});

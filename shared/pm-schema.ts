import { Schema, type Node as PmNode } from 'prosemirror-model';

/**
 * The live-editing schema of an amendment text: `doc → alinea+`, `alinea → text*`. An alinéa is a
 * paragraph (a new line is a new alinéa, per the circulaire of 20 October 2000). There are no
 * marks yet; the `marks: ''` keeps room for them without accepting any today.
 */
export const schema = new Schema({
  nodes: {
    doc: { content: 'alinea+' },
    alinea: {
      content: 'text*',
      marks: '',
      parseDOM: [{ tag: 'p' }],
      toDOM: () => ['p', { class: 'alinea' }, 0],
    },
    text: {},
  },
  marks: {},
});

export interface PmJson {
  type: string;
  content?: PmJson[];
  text?: string;
  [key: string]: unknown;
}

/** The ProseMirror JSON of a text; an empty text becomes one empty alinéa (doc needs one). */
export function alineasToPmJson(alineas: readonly string[]): PmJson {
  const paragraphs = alineas.length ? alineas : [''];
  return {
    type: 'doc',
    content: paragraphs.map((text) => (text ? { type: 'alinea', content: [{ type: 'text', text }] } : { type: 'alinea' })),
  };
}

export class SchemaError extends Error {}

/** Parses and checks untrusted ProseMirror JSON against the schema; throws SchemaError. */
export function pmNodeFromJson(json: unknown): PmNode {
  try {
    const node = schema.nodeFromJSON(json);
    node.check();
    return node;
  } catch (err) {
    throw new SchemaError(`Document invalide : ${(err as Error).message}`);
  }
}

/** The alinéas of a document: each alinéa's text, line breaks folded into spaces. */
export function pmNodeToAlineas(doc: PmNode): string[] {
  const out: string[] = [];
  doc.forEach((alinea) => out.push(alinea.textContent.replace(/[\r\n]+/g, ' ')));
  return out;
}

/** A proposed text as submitted: trailing empty alinéas (a fresh line being typed) dropped. */
export function trimTrailingEmpty(alineas: readonly string[]): string[] {
  let end = alineas.length;
  while (end > 0 && alineas[end - 1]!.trim() === '') end--;
  return alineas.slice(0, end);
}

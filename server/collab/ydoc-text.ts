import { prosemirrorJSONToYXmlFragment, updateYFragment } from 'y-prosemirror';
import { Doc, XmlElement, XmlText, encodeStateAsUpdate } from 'yjs';
import { alineasToPmJson, pmNodeFromJson, schema } from '../../shared/pm-schema';

/** The fragment y-prosemirror binds to, as the y-websocket clients expect it. */
export const FRAGMENT = 'prosemirror';

const isAlinea = (node: unknown): node is XmlElement => node instanceof XmlElement && node.nodeName === 'alinea';

/** The characters of a text node (its delta's strings; formatting and embeds have no text). */
function textOf(text: XmlText): string {
  let out = '';
  for (const op of text.toDelta() as { insert?: unknown }[]) if (typeof op.insert === 'string') out += op.insert;
  return out;
}

/**
 * The alinéas of a live document, read straight from the Yjs nodes the schema allows
 * (`doc → alinea+`, `alinea → text*`): a node outside it (a document stored before updates were
 * checked) is skipped, never a reason to fail. Line breaks fold into spaces.
 */
export function readAlineas(doc: Doc): string[] {
  const out: string[] = [];
  for (const node of doc.getXmlFragment(FRAGMENT).toArray()) {
    if (!isAlinea(node)) continue;
    let text = '';
    for (const child of node.toArray()) if (child instanceof XmlText) text += textOf(child);
    out.push(text.replace(/[\r\n]+/g, ' '));
  }
  return out;
}

/**
 * Deletes the nodes the schema does not allow (in one transaction, `origin`), so that editors and
 * y-prosemirror never meet them. Returns how many were removed.
 */
export function repairFragment(doc: Doc, origin: unknown): number {
  const fragment = doc.getXmlFragment(FRAGMENT);
  let removed = 0;
  doc.transact(() => {
    const nodes = fragment.toArray();
    for (let i = nodes.length - 1; i >= 0; i--) {
      const node = nodes[i]!;
      if (!isAlinea(node)) {
        fragment.delete(i, 1);
        removed += 1;
        continue;
      }
      const children = node.toArray();
      for (let j = children.length - 1; j >= 0; j--) {
        if (!(children[j] instanceof XmlText)) {
          node.delete(j, 1);
          removed += 1;
        }
      }
    }
    // `doc → alinea+`: a document emptied by the repair keeps one empty alinéa
    if (removed > 0 && fragment.length === 0) fragment.insert(0, [new XmlElement('alinea')]);
  }, origin);
  return removed;
}

/**
 * Makes the document hold `alineas` with the smallest Yjs change y-prosemirror finds (it diffs
 * the fragment against the target node), so that co-authors' cursors and concurrent edits
 * elsewhere survive a REST edit.
 */
export function writeAlineas(doc: Doc, alineas: readonly string[], origin: unknown): void {
  const node = pmNodeFromJson(alineasToPmJson(alineas));
  doc.transact(() => {
    repairFragment(doc, origin);
    updateYFragment(doc, doc.getXmlFragment(FRAGMENT), node, { mapping: new Map(), isOMark: new Map() });
  }, origin);
}

/** The first state of a new document, as one Yjs update (seeded once, by the server). */
export function seedUpdate(alineas: readonly string[]): Uint8Array {
  const doc = new Doc();
  prosemirrorJSONToYXmlFragment(schema, alineasToPmJson(alineas), doc.getXmlFragment(FRAGMENT));
  const update = encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

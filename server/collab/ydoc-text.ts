import { prosemirrorJSONToYXmlFragment, updateYFragment, yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror';
import * as Y from 'yjs';
import { alineasToPmJson, pmNodeFromJson, pmNodeToAlineas, schema } from '../../shared/pm-schema';

/** The fragment y-prosemirror binds to, as the y-websocket clients expect it. */
export const FRAGMENT = 'prosemirror';

/** The alinéas of a live document, read through the shared ProseMirror schema. */
export function readAlineas(doc: Y.Doc): string[] {
  return pmNodeToAlineas(yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(FRAGMENT), schema));
}

/**
 * Makes the document hold `alineas` with the smallest Yjs change y-prosemirror finds (it diffs
 * the fragment against the target node), so that co-authors' cursors and concurrent edits
 * elsewhere survive a REST edit.
 */
export function writeAlineas(doc: Y.Doc, alineas: readonly string[], origin: unknown): void {
  const node = pmNodeFromJson(alineasToPmJson(alineas));
  doc.transact(() => {
    updateYFragment(doc, doc.getXmlFragment(FRAGMENT), node, { mapping: new Map(), isOMark: new Map() });
  }, origin);
}

/** The first state of a new document, as one Yjs update (seeded once, by the server). */
export function seedUpdate(alineas: readonly string[]): Uint8Array {
  const doc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(schema, alineasToPmJson(alineas), doc.getXmlFragment(FRAGMENT));
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

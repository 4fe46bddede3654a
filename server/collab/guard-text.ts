import { AbstractType, Doc, Item } from 'yjs';
import { TEXT_LIMITS } from '../../shared/limits';
import { alineaChars, refuse, textChars, type Parent, type YType } from './guard-roles';
import type { Places } from './guard-places';
import { FRAGMENT } from './ydoc-text';

/**
 * What an update does to the size of the text, checked against TEXT_LIMITS (the limits of a text
 * sent over HTTP): an update may not make an alinéa, the alinéas or the whole text longer than
 * they allow. A document already past them (stored before) may still shrink.
 */
export class TextBudget {
  /** Characters inserted, by text node (the document's, or one the update creates). */
  private readonly inserted = new Map<Parent, number>();
  /** Characters leaving each alinéa of the document that stays. */
  private readonly removed = new Map<YType, number>();
  private removedTotal = 0;
  private newAlineas = 0;
  private removedAlineas = 0;

  constructor(
    private readonly doc: Doc,
    private readonly places: Places,
  ) {}

  insertChars(text: Parent, n: number): void {
    if (n > 0) this.inserted.set(text, (this.inserted.get(text) ?? 0) + n);
  }

  addAlinea(): void {
    this.newAlineas += 1;
  }

  removeAlinea(alinea: YType): void {
    this.removedAlineas += 1;
    this.removedTotal += alineaChars(alinea);
  }

  removeChars(alinea: YType, n: number): void {
    this.removed.set(alinea, (this.removed.get(alinea) ?? 0) + n);
    this.removedTotal += n;
  }

  check(): void {
    const fragment = this.doc.getXmlFragment(FRAGMENT);
    const alineas = fragment.length - this.removedAlineas + this.newAlineas;
    if (this.removedAlineas > 0 && fragment.length > 0 && alineas <= 0) refuse('no alinéa left');
    if (this.newAlineas > 0 && alineas > TEXT_LIMITS.alineas) refuse('too many alinéas');
    if (this.inserted.size === 0) return;
    const byAlinea = new Map<Parent, number>();
    let total = 0;
    for (const [text, n] of this.inserted) {
      const alinea = this.alineaOf(text);
      byAlinea.set(alinea, (byAlinea.get(alinea) ?? 0) + n);
      total += n;
    }
    for (const [alinea, n] of byAlinea) {
      const before = alinea instanceof AbstractType ? alineaChars(alinea) - (this.removed.get(alinea) ?? 0) : 0;
      if (before + n > TEXT_LIMITS.alineaChars) refuse('alinéa too long');
    }
    if (textChars(this.doc) - this.removedTotal + total > TEXT_LIMITS.textChars) refuse('text too long');
  }

  /** The alinéa of a text node: its parent in the document, or where the update puts it. */
  private alineaOf(text: Parent): Parent {
    if (text instanceof AbstractType) return text._item?.parent instanceof AbstractType ? text._item.parent : text;
    if (text instanceof Item) {
      const at = this.places.ofType(text);
      return at === 'gc' ? text : at.parent;
    }
    return text;
  }
}

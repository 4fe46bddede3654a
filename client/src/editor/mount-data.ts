import { AMENDMENT_KINDS, type AmendmentKind } from '../../../shared/amendment';

/**
 * What the server tells the live editor through data-* attributes of its mount point (the CSP
 * forbids inline scripts and inline JSON blocks, so attributes are the only channel).
 */
export interface MountData {
  docName: string;
  userId: string;
  userName: string;
  /** The article's alinéas the amendment was written against: what the live diff compares to. */
  base: string[];
  /** The amendment's kind (the workspace's dispositif depends on it). */
  kind: AmendmentKind;
  /** The editor's accessible name. */
  label: string | null;
}

const isKind = (k: string | undefined): k is AmendmentKind => (AMENDMENT_KINDS as readonly string[]).includes(k ?? '');

function stringList(json: string | undefined): string[] | null {
  try {
    const value: unknown = JSON.parse(json ?? '');
    return Array.isArray(value) && value.every((x) => typeof x === 'string') ? value : null;
  } catch {
    return null;
  }
}

/** The mount's data, or null when an attribute is missing or malformed (then nothing is enhanced). */
export function readMountData(el: HTMLElement): MountData | null {
  const { docName, userId, userName, baseAlineas, kind, label } = el.dataset;
  const base = stringList(baseAlineas);
  if (!docName || !userId || !userName || !base) return null;
  return { docName, userId, userName, base, kind: isKind(kind) ? kind : 'modify', label: label ?? null };
}

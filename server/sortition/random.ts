import { createHash } from 'node:crypto';

/**
 * The draw's randomness, a deterministic function of public values: blocks of SHA-256 over
 * `<domaine>\n<graine>\n<valeur publique>\n<compteur>` (UTF-8), read 6 bytes at a time as
 * 48-bit integers. `uniform(n)` rejects values at or above the largest multiple of n below 2^48,
 * so every result in [0, n) is exactly equally likely. Anyone can redo it in any language.
 */
export const DRAW_DOMAIN = 'palimpseste-tirage-v1';
export const REPLACEMENT_DOMAIN = 'palimpseste-remplacement-v1';

const RANGE = 2 ** 48;

export class SeededStream {
  private buffer = Buffer.alloc(0);
  private offset = 0;
  private counter = 0;

  constructor(private readonly prefix: string) {}

  static of(domain: string, seed: string, publicValue: string | null | undefined, extra?: string): SeededStream {
    return new SeededStream(`${domain}\n${seed}\n${publicValue ?? ''}${extra === undefined ? '' : `\n${extra}`}`);
  }

  private next48(): number {
    if (this.offset + 6 > this.buffer.length) {
      this.buffer = createHash('sha256').update(`${this.prefix}\n${this.counter++}`, 'utf8').digest();
      this.offset = 0;
    }
    const v = this.buffer.readUIntBE(this.offset, 6);
    this.offset += 6;
    return v;
  }

  /** A whole number in [0, n), n between 1 and 2^48. */
  uniform(n: number): number {
    if (!Number.isSafeInteger(n) || n < 1 || n > RANGE) throw new Error(`uniform: ${n}`);
    const limit = RANGE - (RANGE % n);
    for (;;) {
      const v = this.next48();
      if (v < limit) return v % n;
    }
  }
}

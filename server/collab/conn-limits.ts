/**
 * What one WebSocket may cost the server. A stock y-websocket client stays far below: it sends a
 * sync step 1 and its presence when it connects, then one small message per keystroke and per
 * cursor move (a held key repeats ~30 times a second: ~60 messages), a paste weighs what the text
 * weighs (≤ 100,000 characters: TEXT_LIMITS), and its sync step 2 after a long offline session
 * at most a message (1 MiB, `maxMessageBytes`).
 */
import { WS_CLOSE } from '../../shared/errors';
export interface ConnLimits {
  /** Messages a socket may send in a burst, and then each second (token bucket). */
  messageBurst: number;
  messagesPerSecond: number;
  /** Bytes a socket may send in a burst, and then each second. */
  byteBurst: number;
  bytesPerSecond: number;
  /** Messages, and bytes, that may wait while the connection is authenticated and its document loaded. */
  earlyMessages: number;
  earlyBytes: number;
  /**
   * Bytes waiting to be sent to one socket (ws `bufferedAmount`) past which it is cut: a client
   * that does not read (or reads too slowly for its documents) does not grow the server's memory.
   * A few whole documents (TEXT_LIMITS keep a document within a few hundred KB).
   */
  maxBufferedBytes: number;
}

export const CONN_LIMITS: ConnLimits = {
  messageBurst: 500,
  messagesPerSecond: 100,
  byteBurst: 2 * 2 ** 20,
  bytesPerSecond: 256 * 2 ** 10,
  earlyMessages: 64,
  earlyBytes: 2 * 2 ** 20,
  maxBufferedBytes: 8 * 2 ** 20,
};

/** Close code of a socket past its budget (mirrors HTTP 429; y-websocket does not reconnect on 44xx). */
export const WS_TOO_MANY = WS_CLOSE.too_many;

/** A token bucket: `burst` tokens, refilled at `perSecond`. */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    now = Date.now(),
  ) {
    this.tokens = burst;
    this.at = now;
  }

  /** Takes `n` tokens; false (and nothing taken) when there are not enough. */
  take(n: number, now = Date.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.perSecond);
    this.at = now;
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }
}

/** One socket's budget: messages and bytes. */
export class MessageBudget {
  private readonly messages: TokenBucket;
  private readonly bytes: TokenBucket;

  constructor(limits: ConnLimits) {
    this.messages = new TokenBucket(limits.messageBurst, limits.messagesPerSecond);
    this.bytes = new TokenBucket(limits.byteBurst, limits.bytesPerSecond);
  }

  allows(bytes: number): boolean {
    const now = Date.now();
    return this.messages.take(1, now) && this.bytes.take(bytes, now);
  }
}

import { parsePackedVotes, type VoteMatrix } from '../shared/opinion-groups';
import type { Queryable } from './db/db';
import { loadOpinionVoteChanges, loadOpinionVotesWithVoters } from './sql/opinions';

/**
 * The vote matrices of the bills the opinion scheduler recomputes, kept between computations
 * (docs/opinion-groups.md › « Recalcul »): the first computation of a bill reads all its votes;
 * the next ones read only what `vote_events` says changed since — the current votes on the items
 * an event touched (and on items new to the bill), in the same snapshot as the events — and patch
 * those columns. Reading 150,000 votes again after 100 new ones is what made a recomputation slow.
 *
 * Sound, not approximate: after a refresh the matrix equals a fresh read of the same snapshot
 * (same items in the same order, same voters in account order, same votes), which a test checks.
 *  - A vote event id taken but not yet committed when the events were read (ids are given at
 *    insert, commits land in any order) is a gap below the watermark: it is asked for again at the
 *    next refreshes, and forgotten after PENDING_TTL_MS (a rolled-back transaction leaves one for good).
 *  - An account deletion moves votes to placeholder accounts without a vote event
 *    (migration 013): a change in the number of deleted accounts rebuilds the bill's matrix.
 *  - A matrix older than MAX_AGE_MS is rebuilt anyway (a safety net against changes made around
 *    the trigger, e.g. by hand).
 *
 * Account ids stay in this process's memory (to know whose vote changed); the computation
 * receives anonymous row numbers only, and nothing here is written anywhere. Memory is bounded:
 * past MAX_ENTRIES votes over all bills, the least recently computed bills are dropped.
 */
export interface OpinionVoteCacheOptions {
  /** Votes kept over all bills (≈ 10 bytes each, plus the account ids). */
  maxEntries?: number;
  /** A bill's matrix is read whole again past this age. */
  maxAgeMs?: number;
  /** Event ids missing below the watermark are asked for again during this long. */
  pendingTtlMs?: number;
  /** How far back a full read looks for missing event ids. */
  lookback?: number;
}

const DEFAULTS: Required<OpinionVoteCacheOptions> = { maxEntries: 5_000_000, maxAgeMs: 15 * 60_000, pendingTtlMs: 60_000, lookback: 1_000 };
/** Past this many missing ids (a burst of rollbacks), the matrix is read whole again. */
const MAX_PENDING = 10_000;

interface Column {
  /** Indices into `voterIds`. */
  voters: Int32Array;
  values: Int8Array;
}

interface BillVotes {
  billId: string;
  itemKeys: string[];
  columns: Map<string, Column>;
  voterIds: string[];
  voterIndex: Map<string, number>;
  /** voterIds is in account order (false once a new voter is appended). */
  sorted: boolean;
  watermark: number;
  /** Missing event id → when it was first missed. */
  pending: Map<number, number>;
  deletedAccounts: number;
  entries: number;
  builtAt: number;
  /** The last computation's model (warm start of the next one), with what it was computed on. */
  last?: LastModel | undefined;
}

export interface LastModel {
  itemKeys: string[];
  components: number[][];
  centroids: number[][];
  silhouette: number | null;
  /** Votes when every k was last tried (k is chosen again after a large change). */
  votesAtKChoice: number;
}

export interface BillMatrix {
  matrix: VoteMatrix;
  itemKeys: string[];
  /** vote_events id these votes include at least. */
  watermark: number;
  /** `full`: every vote read; `patch`: the columns of `changedItems` items read again. */
  kind: 'full' | 'patch';
  changedItems: number;
  /** Votes read from the database for this refresh. */
  votesRead: number;
}

export class OpinionVoteCache {
  private readonly options: Required<OpinionVoteCacheOptions>;
  private readonly bills = new Map<string, BillVotes>();

  constructor(options: OpinionVoteCacheOptions = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Votes held over all bills. */
  get entries(): number {
    let n = 0;
    for (const b of this.bills.values()) n += b.entries;
    return n;
  }

  /** The last model computed for the bill while its matrix was held here. */
  lastModel(billId: string): LastModel | undefined {
    return this.bills.get(billId)?.last;
  }

  remember(billId: string, last: LastModel): void {
    const bill = this.bills.get(billId);
    if (bill) bill.last = last;
  }

  forget(billId: string): void {
    this.bills.delete(billId);
  }

  /** The bill's current vote matrix: patched from the vote events since the last call, or read whole. */
  async matrix(db: Queryable, billId: string, now = Date.now()): Promise<BillMatrix> {
    const cached = this.bills.get(billId);
    let result: BillMatrix | null = null;
    if (cached && now - cached.builtAt <= this.options.maxAgeMs) result = await this.patch(db, cached, now);
    if (!result) {
      result = await this.load(db, billId, now);
      this.bills.get(billId)!.last = cached?.last;
    }
    // most recently used last; the oldest go first past the bound (never the one just read)
    const bill = this.bills.get(billId)!;
    this.bills.delete(billId);
    this.bills.set(billId, bill);
    let total = this.entries;
    for (const [id, b] of this.bills) {
      if (total <= this.options.maxEntries || id === billId) break;
      this.bills.delete(id);
      total -= b.entries;
    }
    return result;
  }

  private async load(db: Queryable, billId: string, now: number): Promise<BillMatrix> {
    const r = await loadOpinionVotesWithVoters(db, billId, this.options.lookback);
    const m = parsePackedVotes(r.packed, r.itemKeys.length);
    // rows are the voters in account order: columns of voter rows
    const counts = new Int32Array(r.itemKeys.length);
    for (let e = 0; e < m.col.length; e++) counts[m.col[e]!]! += 1;
    const columns = new Map<string, Column>();
    const fill = new Int32Array(r.itemKeys.length);
    const cols = r.itemKeys.map((key, j) => {
      const c = { voters: new Int32Array(counts[j]!), values: new Int8Array(counts[j]!) };
      columns.set(key, c);
      return c;
    });
    for (let e = 0; e < m.col.length; e++) {
      const j = m.col[e]!;
      const c = cols[j]!;
      c.voters[fill[j]!] = m.row[e]!;
      c.values[fill[j]!] = m.value[e]!;
      fill[j]! += 1;
    }
    const pending = new Map<number, number>();
    const present = new Set(r.recentIds);
    for (let id = Math.max(1, r.watermark - this.options.lookback + 1); id < r.watermark; id++) if (!present.has(id)) pending.set(id, now);
    const bill: BillVotes = {
      billId, itemKeys: r.itemKeys, columns, voterIds: r.voters, voterIndex: new Map(r.voters.map((v, i) => [v, i])), sorted: true,
      watermark: r.watermark, pending, deletedAccounts: r.deletedAccounts, entries: m.col.length, builtAt: now,
    };
    this.bills.set(billId, bill);
    return { matrix: this.build(bill), itemKeys: bill.itemKeys, watermark: bill.watermark, kind: 'full', changedItems: r.itemKeys.length, votesRead: m.col.length };
  }

  /** Null: the matrix must be read whole (an account was deleted, too many missing events). */
  private async patch(db: Queryable, bill: BillVotes, now: number): Promise<BillMatrix | null> {
    for (const [id, since] of bill.pending) if (now - since > this.options.pendingTtlMs) bill.pending.delete(id);
    const c = await loadOpinionVoteChanges(db, bill.billId, bill.watermark, [...bill.columns.keys()], [...bill.pending.keys()]);
    if (c.deletedAccounts !== bill.deletedAccounts) return null;
    const seen = new Set(c.eventIds);
    for (const id of c.eventIds) bill.pending.delete(id);
    for (let id = bill.watermark + 1; id < c.watermark; id++) if (!seen.has(id)) bill.pending.set(id, now);
    if (bill.pending.size > MAX_PENDING) return null;
    bill.watermark = Math.max(bill.watermark, c.watermark);
    // the items read again: their votes now are exactly these (none: an empty column)
    const fresh = new Map<string, { voters: number[]; values: number[] }>(c.wanted.map((k) => [k, { voters: [], values: [] }]));
    for (let i = 0; i < c.votes.keys.length; i++) {
      const col = fresh.get(c.votes.keys[i]!);
      if (!col) continue;
      const user = c.votes.voters[i]!;
      let v = bill.voterIndex.get(user);
      if (v === undefined) {
        v = bill.voterIds.length;
        bill.voterIds.push(user);
        bill.voterIndex.set(user, v);
        bill.sorted = false;
      }
      col.voters.push(v);
      col.values.push(c.votes.values[i]!);
    }
    for (const [key, col] of fresh) {
      bill.entries += col.voters.length - (bill.columns.get(key)?.voters.length ?? 0);
      bill.columns.set(key, { voters: Int32Array.from(col.voters), values: Int8Array.from(col.values) });
    }
    // items gone (masked, withdrawn): their columns go
    const current = new Set(c.itemKeys);
    for (const [key, col] of bill.columns) {
      if (current.has(key)) continue;
      bill.entries -= col.voters.length;
      bill.columns.delete(key);
    }
    bill.itemKeys = c.itemKeys;
    return { matrix: this.build(bill), itemKeys: bill.itemKeys, watermark: bill.watermark, kind: 'patch', changedItems: fresh.size, votesRead: c.votes.keys.length };
  }

  /** The matrix in the order a fresh read gives: items as listed, voters with a vote in account order. */
  private build(bill: BillVotes): VoteMatrix {
    if (!bill.sorted) {
      const order = bill.voterIds.map((_v, i) => i).sort((a, b) => (bill.voterIds[a]! < bill.voterIds[b]! ? -1 : 1));
      const renumber = new Int32Array(order.length);
      order.forEach((old, i) => { renumber[old] = i; });
      bill.voterIds = order.map((i) => bill.voterIds[i]!);
      bill.voterIndex = new Map(bill.voterIds.map((v, i) => [v, i]));
      for (const col of bill.columns.values()) for (let e = 0; e < col.voters.length; e++) col.voters[e] = renumber[col.voters[e]!]!;
      bill.sorted = true;
    }
    const active = new Uint8Array(bill.voterIds.length);
    let n = 0;
    const cols = bill.itemKeys.map((key) => bill.columns.get(key) ?? { voters: new Int32Array(0), values: new Int8Array(0) });
    for (const col of cols) {
      n += col.voters.length;
      for (let e = 0; e < col.voters.length; e++) active[col.voters[e]!] = 1;
    }
    const rank = new Int32Array(bill.voterIds.length);
    let voters = 0;
    for (let i = 0; i < active.length; i++) rank[i] = active[i] ? voters++ : -1;
    const row = new Int32Array(n), col = new Int32Array(n), value = new Int8Array(n);
    let t = 0;
    cols.forEach((c, j) => {
      for (let e = 0; e < c.voters.length; e++, t++) {
        row[t] = rank[c.voters[e]!]!;
        col[t] = j;
        value[t] = c.values[e]!;
      }
    });
    return { voters, items: bill.itemKeys.length, row, col, value };
  }
}

import { createHash } from 'node:crypto';
import { parsePackedVotes, type VoteMatrix } from '../shared/opinion-groups';
import type { Queryable } from './db/db';
import { loadOpinionVoteChanges, loadOpinionVoteChangesQuick, loadOpinionVotesWithVoters, type OpinionVoteChanges, type SavedScores } from './sql/opinions';

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
  /** md5 of `itemKeys` comma-joined (as the database computes it: the items are unchanged while it matches). */
  itemsSignature: string;
  columns: Map<string, Column>;
  /** Every voter seen, in account order (a new one is inserted in its place: columns are renumbered). */
  voterIds: string[];
  watermark: number;
  /** Missing event id → when it was first missed. */
  pending: Map<number, number>;
  deletedAccounts: number;
  entries: number;
  builtAt: number;
  /** The last computation's model (warm start of the next one), with what it was computed on. */
  last?: LastModel | undefined;
  /** What this process last stored (the next store writes only the item rows that differ). */
  saved?: SavedScores | undefined;
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

  savedScores(billId: string): SavedScores | undefined {
    return this.bills.get(billId)?.saved;
  }

  rememberSaved(billId: string, saved: SavedScores): void {
    const bill = this.bills.get(billId);
    if (bill) bill.saved = saved;
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
      this.bills.get(billId)!.saved = cached?.saved;
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
      billId, itemKeys: r.itemKeys, itemsSignature: signature(r.itemKeys), columns, voterIds: r.voters,
      watermark: r.watermark, pending, deletedAccounts: r.deletedAccounts, entries: m.col.length, builtAt: now,
    };
    this.bills.set(billId, bill);
    return { matrix: this.build(bill), itemKeys: bill.itemKeys, watermark: bill.watermark, kind: 'full', changedItems: r.itemKeys.length, votesRead: m.col.length };
  }

  /** Null: the matrix must be read whole (an account was deleted, too many missing events). */
  private async patch(db: Queryable, bill: BillVotes, now: number): Promise<BillMatrix | null> {
    for (const [id, since] of bill.pending) if (now - since > this.options.pendingTtlMs) bill.pending.delete(id);
    const pending = [...bill.pending.keys()];
    const quick = await loadOpinionVoteChangesQuick(db, bill.billId, bill.watermark, bill.itemsSignature, pending);
    const c: OpinionVoteChanges = quick
      ? { ...quick, itemKeys: bill.itemKeys }
      : await loadOpinionVoteChanges(db, bill.billId, bill.watermark, [...bill.columns.keys()], pending);
    if (c.deletedAccounts !== bill.deletedAccounts) return null;
    const seen = new Set(c.eventIds);
    for (const id of c.eventIds) bill.pending.delete(id);
    for (let id = bill.watermark + 1; id < c.watermark; id++) if (!seen.has(id)) bill.pending.set(id, now);
    if (bill.pending.size > MAX_PENDING) return null;
    bill.watermark = Math.max(bill.watermark, c.watermark);
    insertVoters(bill, c.votes.voters);
    const voterOf = (user: string) => lowerBound(bill.voterIds, user);
    // the items read again (`wanted`): their votes now are exactly these (none: an empty column);
    // the other votes read are single changes, upserted into their columns
    const fresh = new Map<string, { voters: number[]; values: number[] }>(c.wanted.map((k) => [k, { voters: [], values: [] }]));
    const upserts = new Map<string, { voters: number[]; values: number[] }>();
    for (let i = 0; i < c.votes.keys.length; i++) {
      const key = c.votes.keys[i]!;
      const into = fresh.get(key) ?? (quick ? upserts.get(key) ?? upserts.set(key, { voters: [], values: [] }).get(key) : undefined);
      if (!into) continue;
      into.voters.push(voterOf(c.votes.voters[i]!));
      into.values.push(c.votes.values[i]!);
    }
    for (const [key, col] of fresh) {
      bill.entries += col.voters.length - (bill.columns.get(key)?.voters.length ?? 0);
      bill.columns.set(key, sortedColumn(Int32Array.from(col.voters), Int8Array.from(col.values)));
    }
    for (const [key, changes] of upserts) {
      const held = bill.columns.get(key) ?? { voters: new Int32Array(0), values: new Int8Array(0) };
      const extra: number[] = [];
      changes.voters.forEach((v, i) => {
        const at = held.voters.indexOf(v);
        if (at >= 0) held.values[at] = changes.values[i]!;
        else extra.push(i);
      });
      if (extra.length === 0 && bill.columns.has(key)) continue;
      const voters = new Int32Array(held.voters.length + extra.length), values = new Int8Array(voters.length);
      voters.set(held.voters);
      values.set(held.values);
      extra.forEach((i, e) => {
        voters[held.voters.length + e] = changes.voters[i]!;
        values[held.voters.length + e] = changes.values[i]!;
      });
      bill.entries += extra.length;
      bill.columns.set(key, sortedColumn(voters, values));
    }
    if (!quick) {
      // items gone (masked, withdrawn): their columns go
      const current = new Set(c.itemKeys);
      for (const [key, col] of bill.columns) {
        if (current.has(key)) continue;
        bill.entries -= col.voters.length;
        bill.columns.delete(key);
      }
      bill.itemKeys = c.itemKeys;
      bill.itemsSignature = signature(c.itemKeys);
    }
    return { matrix: this.build(bill), itemKeys: bill.itemKeys, watermark: bill.watermark, kind: 'patch', changedItems: fresh.size + upserts.size, votesRead: c.votes.keys.length };
  }

  /** The matrix in the order a fresh read gives: items as listed, voters with a vote in account order. */
  private build(bill: BillVotes): VoteMatrix {
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

/** md5 of the item keys comma-joined, as `voteChangesQuick` computes it in the database. */
function signature(itemKeys: readonly string[]): string {
  return createHash('md5').update(itemKeys.join(',')).digest('hex');
}

/** A column's entries in voter order (the order of a fresh read: rows in account order). */
function sortedColumn(voters: Int32Array, values: Int8Array): Column {
  let sorted = true;
  for (let e = 1; e < voters.length && sorted; e++) sorted = voters[e - 1]! < voters[e]!;
  if (sorted) return { voters, values };
  const order = Array.from(voters.keys()).sort((a, b) => voters[a]! - voters[b]!);
  return { voters: Int32Array.from(order, (e) => voters[e]!), values: Int8Array.from(order, (e) => values[e]!) };
}

/** The index of the first id not below `id` in sorted `ids` (its index when it is there). */
function lowerBound(ids: readonly string[], id: string): number {
  let lo = 0, hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid]! < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Inserts the voters not seen yet in their place in account order, and renumbers the columns:
 * one pass over the votes held, and the renumbering keeps each column in voter order. (Sorting
 * every voter again and rebuilding an index of them, whenever one new voter came, was most of a
 * recomputation's time on the event loop.)
 */
function insertVoters(bill: BillVotes, users: readonly string[]): void {
  const ids = bill.voterIds;
  const fresh = [...new Set(users.filter((u) => ids[lowerBound(ids, u)] !== u))].sort();
  if (fresh.length === 0) return;
  const merged: string[] = new Array(ids.length + fresh.length);
  const renumber = new Int32Array(ids.length);
  let i = 0, f = 0;
  for (let m = 0; m < merged.length; m++) {
    if (f < fresh.length && (i >= ids.length || fresh[f]! < ids[i]!)) merged[m] = fresh[f++]!;
    else {
      renumber[i] = m;
      merged[m] = ids[i++]!;
    }
  }
  for (const col of bill.columns.values()) for (let e = 0; e < col.voters.length; e++) col.voters[e] = renumber[col.voters[e]!]!;
  bill.voterIds = merged;
}

/**
 * Input limits of the work whose cost grows with its input (the README and docs/limits.md explain
 * them). One place: the route schemas, the HTML forms and the compute pool read these numbers.
 *
 * Chosen from the corpus of 992 real amendments (../shared/fixtures/amendments/corpus): the
 * longest article amended there has 18,745 characters, its longest alinéa 1,819, the longest
 * dispositif 16,818. The limits leave 3 to 10 times that room; past them, 400 or 413.
 */
export const TEXT_LIMITS = {
  /** Characters in one alinéa. */
  alineaChars: 20_000,
  /** Alinéas in one text (an article, an amendment's text). */
  alineas: 500,
  /** Characters in all the alinéas of one text together. */
  textChars: 100_000,
  /** Characters in one dispositif. */
  dispositifChars: 50_000,
  /** Characters in a pasted bill (the code civil is about 1.5 million). */
  billChars: 2_000_000,
} as const;

/**
 * Time budgets of the computations that run in the worker pool, in milliseconds. Past its budget
 * a computation is stopped (its worker thread is replaced): a public legistics request gets 422
 * `unprocessable` with reason `too_complex`; the others 503 `busy`.
 */
export const COMPUTE_BUDGET_MS = {
  legistique: 2_000,
  diff: 2_000,
  reconcile: 20_000,
  export: 30_000,
  import: 20_000,
  /** Opinion groups of one bill (docs/opinion-groups.md): about 1 s at 21,000 voters × 2,000 items. */
  opinions: 30_000,
  /** The lottery of a sortition (LEXIMIN), in its own worker thread, with progress shown. */
  sortition: 900_000,
} as const;

/** A sortition's call for volunteers (docs/sortition.md). */
export const SORTITION_LIMITS = {
  seats: 500,
  strata: 8,
  categories: 12,
  nameChars: 100,
  volunteers: 5_000,
  publicValueChars: 500,
  seedChars: 500,
} as const;

/**
 * The lease of a process computing a lottery (docs/sortition.md › Calcul interrompu): its
 * heartbeat, the silence after which another process takes over, the periodic sweep that looks
 * for such lotteries, and the interrupted attempts after which the lottery is marked failed.
 */
export const SORTITION_LEASE = { heartbeatMs: 5_000, staleMs: 30_000, sweepMs: 15_000, attempts: 3 } as const;

export type ComputeBudget = keyof typeof COMPUTE_BUDGET_MS;

/** Total characters of a list of strings (to check `textChars` without building a string). */
export function totalChars(texts: readonly string[]): number {
  let n = 0;
  for (const t of texts) n += t.length;
  return n;
}

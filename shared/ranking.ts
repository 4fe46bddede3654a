/**
 * Open ranking formulas for amendments and arguments. Every ordering a visitor can choose is
 * computed here, from public tallies only, and its formula is published as-is by
 * `GET /api/ranking` (RANKING_DOCS): anyone can recompute an order from the open data.
 *
 *   position     the examination order (LEGISTIQUE.md): article by article, deletions first, then
 *                those that depart furthest from the text, identical ones together; amendments
 *                not examined (withdrawn, inadmissible) close their article in submission order
 *   support      Wilson lower bound (95 %) on the share of agreement; « mitigé » counts half
 *   controversy  (for + against + ½·mitigated) ^ (min(for, against) / max(for, against))
 *   bridging     geometric mean over the opinion groups (shared/opinion-groups.ts) of each
 *                group's Laplace-smoothed support: what every group accepts comes first
 *   recent       newest submission first
 *   random       a stable per-viewer shuffle (cyrb53 hash of seed and id)
 *
 * Every ordering ends its ties on the item id, so the same input always gives the same order.
 */
import type { Tally } from './votes';

export const RANKINGS = ['position', 'support', 'bridging', 'controversy', 'recent', 'random'] as const;
export type Ranking = (typeof RANKINGS)[number];

export function isRanking(value: string): value is Ranking {
  return (RANKINGS as readonly string[]).includes(value);
}

/** 95 % two-sided normal quantile. */
export const WILSON_Z = 1.96;
/**
 * Weight of a « mitigé » vote, both as agreement in supportScore and as weight in
 * controversyScore: the voter neither endorses nor rejects the text, so the vote is counted as
 * half of an agreement rather than dropped (dropping it would let a text that leaves most
 * people lukewarm rank like one they endorse) or counted as a rejection.
 */
export const MITIGATED_WEIGHT = 0.5;

/**
 * Lower bound of the Wilson score interval (z = 1.96) on the agreement share
 * p = (for + 0.5·mitigated) / total, with n = total; 0 when nobody voted. A lower bound rather
 * than p itself, so that 3 votes out of 3 (bound ≈ 0.44) does not beat 900 out of 1,000
 * (bound ≈ 0.88): few votes mean little certainty, and the bound pays for it.
 */
export function supportScore(t: Tally): number {
  const n = t.total;
  if (!(n > 0)) return 0;
  // Clamped because a tally whose parts disagree with its total must not leave [0, 1].
  const p = Math.min(1, Math.max(0, (t.for + MITIGATED_WEIGHT * t.mitigated) / n));
  const z2 = WILSON_Z * WILSON_Z;
  const centre = p + z2 / (2 * n);
  const margin = WILSON_Z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // With p = 0 the exact bound is 0 but rounding can leave -1e-17: clamp.
  return Math.max(0, (centre - margin) / (1 + z2 / n));
}

/**
 * Reddit's « controversial » formula, with « mitigé » adding weight: magnitude ^ balance where
 * magnitude = for + against + 0.5·mitigated and balance = min(for, against) / max(for, against);
 * 0 when either side has no vote. The exponent makes balance dominate (50 for / 50 against beats
 * 500 for / 5 against) while the base lets a large balanced debate beat a small one. Mitigated
 * votes say the question is discussed without saying opinion is split, so they add to the size
 * of the debate but not to its balance.
 */
export function controversyScore(t: Tally): number {
  if (!(t.for > 0) || !(t.against > 0)) return 0;
  const magnitude = t.for + t.against + MITIGATED_WEIGHT * Math.max(0, t.mitigated);
  const balance = Math.min(t.for, t.against) / Math.max(t.for, t.against);
  return magnitude ** balance;
}

/**
 * cyrb53 (bryc, public domain): a fast 53-bit string hash with good avalanche, so that
 * neighbouring ids do not land next to each other. Not cryptographic: it only has to shuffle.
 */
function cyrb53(str: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * A stable pseudo-random number in [0, 1) for one viewer and one item: each viewer sees the same
 * order on every visit, and different viewers see different orders, so that being submitted
 * first gives no lasting advantage. The seed is length-prefixed so that ("ab", "c") and
 * ("a", "bc") hash differently.
 */
export function randomKey(viewerSeed: string, itemId: string): number {
  return cyrb53(`${viewerSeed.length}:${viewerSeed}|${itemId}`) / 2 ** 53;
}

export interface RankInput {
  id: string;
  tally: Tally;
  /** Article position, then rank within the article (examination order; the caller computes it). */
  position: [number, number];
  /** Epoch milliseconds. */
  submittedAt: number;
  /**
   * Bridging score of the last opinion-group computation (shared/opinion-groups.ts); absent or null
   * when there is none (no groups yet, or the item is newer): such items follow, by support.
   */
  bridging?: number | null | undefined;
}

// Code-unit comparison, not localeCompare: the order must not depend on the server's locale.
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function comparePositions(a: RankInput, b: RankInput): number {
  return a.position[0] - b.position[0] || a.position[1] - b.position[1];
}

type Keyed<T> = { item: T; key: number };

/**
 * Returns a new array in the chosen order (the input is not mutated). Scores are computed once
 * per item, not once per comparison.
 */
export function rankItems<T extends RankInput>(items: readonly T[], ranking: Ranking, opts: { viewerSeed: string }): T[] {
  const keyOf = (item: T): number => {
    switch (ranking) {
      case 'support':
        return supportScore(item.tally);
      case 'bridging':
        return item.bridging ?? -1;
      case 'controversy':
        return controversyScore(item.tally);
      case 'recent':
        return item.submittedAt;
      case 'random':
        return randomKey(opts.viewerSeed, item.id);
      case 'position':
        return 0;
    }
  };
  const compare = (a: Keyed<T>, b: Keyed<T>): number => {
    switch (ranking) {
      case 'position':
        return comparePositions(a.item, b.item);
      case 'support':
      case 'controversy':
        return b.key - a.key || b.item.tally.total - a.item.tally.total || comparePositions(a.item, b.item);
      case 'bridging':
        return b.key - a.key || supportScore(b.item.tally) - supportScore(a.item.tally) || b.item.tally.total - a.item.tally.total || comparePositions(a.item, b.item);
      case 'recent':
        return b.key - a.key;
      case 'random':
        return a.key - b.key;
    }
  };
  return items
    .map((item) => ({ item, key: keyOf(item) }))
    .sort((a, b) => compare(a, b) || compareIds(a.item.id, b.item.id))
    .map((k) => k.item);
}

export interface RankingDoc {
  name: string;
  formula: string;
  explanation: string;
}

/** Served by GET /api/ranking: the formulas in plain text, with their constants. */
export const RANKING_DOCS: Record<Ranking, { fr: RankingDoc; en: RankingDoc }> = {
  position: {
    fr: {
      name: "Ordre d'examen",
      formula: "Article par article dans l'ordre du texte (les articles additionnels après l'article qu'ils suivent) ; pour un article : les amendements de suppression, puis ceux qui s'écartent le plus du texte (part des mots de l'article modifiés), puis selon la place de leur première modification ; les amendements identiques ensemble ; les amendements retirés ou irrecevables en fin d'article, par ordre de dépôt.",
      explanation: "L'ordre dans lequel la commission examine les amendements, celui de la liasse (règlement de l'Assemblée nationale).",
    },
    en: {
      name: 'Examination order',
      formula: 'Article by article in text order (additional articles after the article they follow); within an article: deletions, then the amendments that depart furthest from the text (share of the article’s words changed), then by the place of their first change; identical amendments together; withdrawn or inadmissible ones last, in submission order.',
      explanation: 'The order in which the committee examines amendments, that of the bundle (rules of the Assemblée nationale).',
    },
  },
  support: {
    fr: {
      name: 'Soutien',
      formula:
        "score = (p + z²/(2n) − z·√(p·(1 − p)/n + z²/(4n²))) / (1 + z²/n), où n = nombre total de votes, " +
        "p = (d'accord + 0,5 × mitigé) / n, z = 1,96 ; score = 0 si n = 0. Tri décroissant ; à égalité, " +
        "le plus de votes, puis l'ordre du texte, puis l'identifiant.",
      explanation:
        "Borne basse de l'intervalle de confiance de Wilson à 95 % sur la part d'adhésion : 3 votes d'accord sur 3 " +
        "(≈ 0,44) passent après 900 sur 1 000 (≈ 0,88), car peu de votes donnent peu de certitude. " +
        "Un vote « mitigé » compte pour une demi-adhésion : ni soutien, ni rejet.",
    },
    en: {
      name: 'Support',
      formula:
        'score = (p + z²/(2n) − z·√(p·(1 − p)/n + z²/(4n²))) / (1 + z²/n), where n = total votes, ' +
        'p = (agree + 0.5 × mixed) / n, z = 1.96; score = 0 when n = 0. Descending; ties by more votes, ' +
        'then text order, then id.',
      explanation:
        'Lower bound of the 95 % Wilson score interval on the share of agreement: 3 agree out of 3 (≈ 0.44) ' +
        'ranks below 900 out of 1,000 (≈ 0.88), because few votes give little certainty. ' +
        'A « mixed » vote counts as half an agreement: neither support nor rejection.',
    },
  },
  bridging: {
    fr: {
      name: 'Rassembleurs',
      formula:
        "score = (Π_g p_g)^(1/G), moyenne géométrique sur les G groupes d'opinion de p_g = (d'accord_g + 0,5 × mitigé_g + 1) / " +
        "(votes_g + 2), où d'accord_g, mitigé_g et votes_g ne comptent que les votes des membres du groupe g (un groupe qui " +
        "n'a pas voté compte donc ½). Les groupes : votants regroupés selon leurs votes (analyse en composantes principales " +
        'par itération de puissance, votes manquants laissés de côté, puis k-moyennes, k de 2 à 5 choisi par la silhouette ; ' +
        'groupes de moins de 10 votants ignorés ; voir la « Cartographie des opinions » de chaque texte). Tri décroissant ; ' +
        'à égalité (ou sans groupes calculés), par le score « Soutien », puis le plus de votes, l’ordre du texte, l’identifiant.',
      explanation:
        "Met en tête ce que tous les groupes d'opinion acceptent, plutôt que ce qu'un seul groupe pousse (le « consensus " +
        "informé par les groupes » de pol.is) : l'enthousiasme d'un groupe ne compense ni le rejet d'un autre, ni son " +
        'silence. Une campagne de comptes qui votent tous de la même façon forme son propre groupe et ne peut pas, à elle ' +
        'seule, faire monter un amendement dans ce classement. Recalculé quelques secondes après les votes.',
    },
    en: {
      name: 'Bridging',
      formula:
        'score = (Π_g p_g)^(1/G), the geometric mean over the G opinion groups of p_g = (agree_g + 0.5 × mixed_g + 1) / ' +
        '(votes_g + 2), counting only the votes of group g’s members (a group that did not vote thus counts ½). Groups: ' +
        'voters grouped by their votes (principal components by power iteration, missing votes left out, then k-means ' +
        'with k from 2 to 5 chosen by the silhouette; groups under 10 voters ignored). Descending; ties (or no groups ' +
        'computed yet) by the « Support » score, then more votes, text order, id.',
      explanation:
        'Puts first what every opinion group accepts rather than what one group pushes (pol.is’s « group-informed ' +
        'consensus »): one group’s enthusiasm makes up neither for another’s rejection nor for its silence. A campaign ' +
        'of accounts that all vote alike forms its own group and cannot, on its own, lift an amendment in this ranking. ' +
        'Recomputed a few seconds after votes.',
    },
  },
  controversy: {
    fr: {
      name: 'Débattus',
      formula:
        "score = m^b, où m = d'accord + pas d'accord + 0,5 × mitigé et b = min(d'accord, pas d'accord) / " +
        "max(d'accord, pas d'accord) ; score = 0 si d'accord = 0 ou pas d'accord = 0. Tri décroissant ; à égalité, " +
        "le plus de votes, puis l'ordre du texte, puis l'identifiant.",
      explanation:
        "Met en tête ce qui partage les votants en deux camps nombreux et équilibrés : 50 pour / 50 contre passe " +
        "devant 500 pour / 5 contre. Les votes « mitigé » ajoutent un peu de poids au débat sans changer son équilibre.",
    },
    en: {
      name: 'Controversial',
      formula:
        'score = m^b, where m = agree + disagree + 0.5 × mixed and b = min(agree, disagree) / max(agree, disagree); ' +
        'score = 0 when agree = 0 or disagree = 0. Descending; ties by more votes, then text order, then id.',
      explanation:
        'Puts first what splits voters into two large, balanced camps: 50 for / 50 against ranks above ' +
        '500 for / 5 against. « Mixed » votes add a little weight to the debate without changing its balance.',
    },
  },
  recent: {
    fr: {
      name: 'Plus récents',
      formula: "Tri par date de dépôt, du plus récent au plus ancien ; à égalité, par identifiant.",
      explanation: 'Montre les dernières contributions, qui n\'ont pas encore eu le temps de recevoir des votes.',
    },
    en: {
      name: 'Newest',
      formula: 'By submission time, newest first; ties by id.',
      explanation: 'Shows the latest contributions, which have not yet had time to gather votes.',
    },
  },
  random: {
    fr: {
      name: 'Aléatoire',
      formula:
        "clé = cyrb53(longueur(graine) + ':' + graine + '|' + identifiant) / 2^53, où cyrb53 est le hachage " +
        'de 53 bits du domaine public (bryc ; états initiaux 0xdeadbeef et 0x41c6ce57) et la graine est propre ' +
        'à chaque visiteur. Tri croissant par clé ; à égalité, par identifiant.',
      explanation:
        "Chaque visiteur voit un ordre stable d'une visite à l'autre, différent de celui des autres : " +
        "être déposé en premier ne donne pas d'avantage durable.",
    },
    en: {
      name: 'Random',
      formula:
        "key = cyrb53(length(seed) + ':' + seed + '|' + id) / 2^53, where cyrb53 is the public-domain 53-bit hash " +
        '(bryc; initial states 0xdeadbeef and 0x41c6ce57) and the seed is specific to each viewer. ' +
        'Ascending by key; ties by id.',
      explanation:
        'Each viewer sees an order that is stable from one visit to the next and differs from other viewers\': ' +
        'being submitted first gives no lasting advantage.',
    },
  },
};

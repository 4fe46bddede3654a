import type { Stratum, Volunteer } from '../../server/sortition/model';
import { prng } from './prng';

/**
 * Six strata close to the ones a French citizens' convention uses (shares rounded from INSEE
 * figures), and a synthetic pool of volunteers with the usual self-selection bias: more graduates,
 * more executives and retirees, fewer young people than in the population.
 */
export const BENCH_STRATA: Stratum[] = [
  { name: 'Sexe', source: 'INSEE, bilan démographique', categories: [{ value: 'Femme', share: 0.52 }, { value: 'Homme', share: 0.48 }] },
  {
    name: 'Âge', source: 'INSEE, pyramide des âges',
    categories: [{ value: '18-29', share: 0.18 }, { value: '30-44', share: 0.24 }, { value: '45-59', share: 0.25 }, { value: '60-74', share: 0.21 }, { value: '75+', share: 0.12 }],
  },
  {
    name: 'Région', source: 'INSEE, recensement',
    categories: [{ value: 'Île-de-France', share: 0.19 }, { value: 'Nord-Est', share: 0.22 }, { value: 'Ouest', share: 0.2 }, { value: 'Sud-Ouest', share: 0.15 }, { value: 'Sud-Est', share: 0.2 }, { value: 'Outre-mer', share: 0.04 }],
  },
  {
    name: 'Catégorie socio-professionnelle', source: 'INSEE, enquête emploi',
    categories: [{ value: 'Cadres', share: 0.1 }, { value: 'Professions intermédiaires', share: 0.14 }, { value: 'Employés', share: 0.16 }, { value: 'Ouvriers', share: 0.12 }, { value: 'Retraités', share: 0.32 }, { value: 'Autres', share: 0.16 }],
  },
  {
    name: 'Diplôme', source: 'INSEE, niveau de diplôme',
    categories: [{ value: 'Sans diplôme', share: 0.22 }, { value: 'CAP-BEP', share: 0.24 }, { value: 'Bac', share: 0.18 }, { value: 'Supérieur', share: 0.36 }],
  },
  { name: 'Habitat', source: 'INSEE, zonage en aires d’attraction', categories: [{ value: 'Urbain', share: 0.5 }, { value: 'Périurbain', share: 0.3 }, { value: 'Rural', share: 0.2 }] },
];

/** Self-selection bias per stratum: a multiplier on each category's share. */
const BIAS: number[][] = [
  [1, 1.1],
  [0.6, 0.9, 1.1, 1.3, 1],
  [1.2, 0.9, 1, 1, 1, 0.7],
  [2.2, 1.4, 0.8, 0.5, 1.1, 0.7],
  [0.5, 0.8, 1, 1.6],
  [1.2, 0.9, 0.8],
];

export function syntheticPool(size: number, seed = 1, strata: Stratum[] = BENCH_STRATA): Volunteer[] {
  const rand = prng(seed);
  const pick = (shares: number[]) => {
    const total = shares.reduce((a, b) => a + b, 0);
    let r = rand() * total;
    for (let i = 0; i < shares.length; i++) {
      r -= shares[i]!;
      if (r < 0) return i;
    }
    return shares.length - 1;
  };
  return Array.from({ length: size }, (_v, i) => ({
    pseudonym: `V${String(i + 1).padStart(5, '0')}`,
    answers: Object.fromEntries(strata.map((s, k) => [s.name, s.categories[pick(s.categories.map((c, j) => c.share * (BIAS[k]?.[j] ?? 1)))]!.value])),
  }));
}

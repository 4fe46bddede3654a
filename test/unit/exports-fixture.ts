/**
 * A small bill for the export tests, built by hand: article 1er amended by a citizen, article 2
 * untouched, an article additionnel « 2 bis » written by the commission, article 3 deleted by an
 * organisation, article 4 whose text is full of Markdown and HTML specials, and a liasse that also
 * holds a rejected and a fallen amendment.
 */
import type { ExportAmendment, ExportArticle, ExportBill, Run } from '../../server/exports/types';

export const HOSTILE = '<script>alert("x") & \'y\'</script>';

export const IDS = {
  a12: 'a0000000-0000-4000-8000-000000000012',
  a7: 'a0000000-0000-4000-8000-000000000007',
  a15: 'a0000000-0000-4000-8000-000000000015',
  a16: 'a0000000-0000-4000-8000-000000000016',
  a20: 'a0000000-0000-4000-8000-000000000020',
};

const run = (text: string, ...amendments: string[]): Run => ({ text, amendments });

/** An article whose provenance is the initial text throughout. */
export function plainArticle(number: string, heading: string | null, ...alineas: string[]): ExportArticle {
  return { number, heading, alineas, provenance: alineas.map((a) => [run(a)]), isNew: false };
}

const ARTICLE_4 = '1. Le *présent* article # [entre](x) en <vigueur> le 1er janvier 2027 & après_tout.';

export const AMENDMENTS: ExportAmendment[] = [
  {
    id: IDS.a12, displayNumber: '12', articleNumber: '1er', kind: 'modify',
    authors: [{ displayName: 'Alice Martin', kind: 'citizen' }], origin: 'citizen',
    dispositif: 'À l’alinéa 2, substituer au mot :\n« publiquement »\nle mot :\n« gratuitement ».',
    rationale: 'La diffusion doit être gratuite.', status: 'adopted', outcomeFr: 'Adopté', submittedAt: '2025-10-01T09:30:00.000Z',
  },
  {
    id: IDS.a16, displayNumber: '16', articleNumber: '2', kind: 'modify',
    authors: [{ displayName: 'Bob <b>Durand</b>', kind: 'citizen' }], origin: 'citizen',
    dispositif: 'Rédiger ainsi cet article :\n« Tout <b>change</b> & rien ne reste. »',
    rationale: `Premier paragraphe ${HOSTILE}.\n\nSecond paragraphe.`, status: 'rejected', outcomeFr: 'Rejeté', submittedAt: '2025-10-02T10:00:00.000Z',
  },
  {
    id: IDS.a15, displayNumber: 'COM-15', articleNumber: '2', kind: 'insert_after',
    authors: [{ displayName: 'Élise Dupont', kind: 'citizen' }, { displayName: 'Alice Martin', kind: 'citizen' }], origin: 'commission',
    dispositif: 'Après l’article 2, insérer un article additionnel ainsi rédigé :\n« Les algorithmes publics sont documentés. »',
    rationale: 'Transparence des traitements.', status: 'adopted', outcomeFr: 'Adopté', submittedAt: '2025-10-03T08:00:00.000Z',
  },
  {
    id: IDS.a7, displayNumber: '7', articleNumber: '3', kind: 'delete',
    authors: [{ displayName: 'Regards Citoyens', kind: 'organisation' }], origin: 'citizen',
    dispositif: 'Supprimer cet article.', rationale: '', status: 'adopted', outcomeFr: 'Adopté', submittedAt: '2025-10-01T12:00:00.000Z',
  },
  {
    id: IDS.a20, displayNumber: '20', articleNumber: '3', kind: 'modify',
    authors: [{ displayName: 'Chloé Bernard', kind: 'citizen' }], origin: 'citizen',
    dispositif: 'À l’alinéa 1, supprimer le mot : « annuel ».', rationale: 'Simplification.', status: 'fallen', outcomeFr: 'Tombé', submittedAt: null,
  },
];

export function sampleBill(overrides: Partial<ExportBill> = {}): ExportBill {
  return {
    billId: 'b1000000-0000-4000-8000-000000000001',
    title: 'Projet de loi pour une République numérique',
    status: 'adopted',
    generatedAt: '2025-11-22T10:00:00.000Z',
    initial: [
      { number: '1er', heading: 'Open data par défaut', alineas: ['I. Le code est ainsi modifié :', 'Les administrations diffusent publiquement les documents.'] },
      { number: '2', heading: null, alineas: ['Le présent article est applicable outre-mer.'] },
      { number: '3', heading: 'Rapport', alineas: ['Le Gouvernement remet un rapport annuel au Parlement.'] },
      { number: '4', heading: null, alineas: [ARTICLE_4] },
    ],
    articles: [
      {
        number: '1er', heading: 'Open data par défaut', isNew: false,
        alineas: ['I. Le code est ainsi modifié :', 'Les administrations diffusent gratuitement les documents.'],
        provenance: [
          [run('I. Le code est ainsi modifié :')],
          [run('Les administrations diffusent '), run('gratuitement', IDS.a12), run(' les documents.')],
        ],
      },
      plainArticle('2', null, 'Le présent article est applicable outre-mer.'),
      {
        number: '2 bis', heading: null, isNew: true,
        alineas: ['Les algorithmes publics sont documentés.'],
        provenance: [[run('Les algorithmes publics sont documentés.', IDS.a15)]],
      },
      plainArticle('4', null, ARTICLE_4),
    ],
    deletedArticles: ['3'],
    amendments: AMENDMENTS,
    ...overrides,
  };
}

/**
 * A bill of `articles` × `alineas` whose words come from `amendments` adopted amendments, spread
 * round-robin: every alinéa has an initial run, a run from one amendment and a run from two.
 */
export function largeBill(articles = 50, alineas = 20, amendments = 500): ExportBill {
  const ids = Array.from({ length: amendments }, (_, i) => `amdt-${i + 1}`);
  let next = 0;
  const pick = () => ids[next++ % ids.length] ?? 'amdt-1';
  const numbers = Array.from({ length: articles }, (_, i) => (i === 0 ? '1er' : `${i + 1}`));
  const built: ExportArticle[] = numbers.map((number) => {
    const provenance = Array.from({ length: alineas }, (_, j): Run[] => [
      run(`Au ${j + 1}° de l’article L. 111-${j + 1} du code, les mots : « dans un délai de `),
      run('trente jours', pick()),
      run(' » sont remplacés par les mots : « '),
      run('deux mois à compter de la notification', pick(), pick()),
      run(' ».'),
    ]);
    return { number, heading: `Article de l’essai ${number}`, alineas: provenance.map((runs) => runs.map((r) => r.text).join('')), provenance, isNew: false };
  });
  return {
    billId: 'grand-projet',
    title: 'Projet de loi de grande taille',
    status: 'adopted',
    generatedAt: '2025-11-22T10:00:00.000Z',
    initial: built.map((a) => ({ number: a.number, heading: a.heading, alineas: a.alineas })),
    articles: built,
    deletedArticles: [],
    amendments: ids.map((id, i) => ({
      id, displayNumber: `${i + 1}`, articleNumber: numbers[i % numbers.length] ?? '1er', kind: 'modify',
      authors: [{ displayName: `Citoyen ${i % 97}`, kind: 'citizen' }], origin: 'citizen',
      dispositif: 'À l’alinéa 1, substituer aux mots : « trente jours » les mots : « deux mois ».', rationale: 'Délai.',
      status: 'adopted', outcomeFr: 'Adopté', submittedAt: '2025-10-01T09:30:00.000Z',
    })),
  };
}

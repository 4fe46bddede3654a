/**
 * The words of the legislative procedure a reader meets on these pages, explained in plain French
 * (issue 16 › 2). Data only: the /glossaire page lists them, and pages link the first occurrence of
 * a term in their own explanatory text to its entry (server/pages/glossary.ts).
 *
 * `forms`: the spellings that name the term in running text (singular, plural, conjugated),
 * matched whole-word and case-insensitively; the first is the headword.
 */
import { msg } from './i18n';

export interface GlossaryEntry {
  id: string;
  term: string;
  forms: readonly string[];
  definition: string;
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  { id: 'alinea', term: 'alinéa', forms: ['alinéa', 'alinéas'], definition: msg('Chaque paragraphe d’un article de loi. On les compte pour désigner précisément l’endroit d’une modification : « au deuxième alinéa… ».') },
  { id: 'amendement', term: 'amendement', forms: ['amendement', 'amendements'], definition: msg('Proposition de modification d’un projet de loi : supprimer, réécrire ou ajouter un article ou une partie d’article. Il est déposé, examiné, puis adopté, rejeté, retiré ou déclaré irrecevable.') },
  { id: 'article-additionnel', term: 'article additionnel', forms: ['article additionnel', 'articles additionnels'], definition: msg('Article nouveau qu’un amendement propose d’insérer dans le texte, « après l’article 3 » par exemple.') },
  { id: 'commission-mixte', term: 'commission mixte', forms: ['commission mixte', 'commission mixte paritaire'], definition: msg('Au Parlement, réunion de sept députés et sept sénateurs chargée de proposer un texte commun quand les deux chambres ne s’accordent pas. Ici, la commission réunit des élus et des citoyens tirés au sort, qui décident des amendements.') },
  { id: 'cosigner', term: 'cosigner', forms: ['cosigner', 'cosigne', 'cosignez', 'cosigné', 'cosignataire', 'cosignataires'], definition: msg('Se joindre à un amendement déjà déposé qui dit ce que l’on voulait proposer, plutôt que d’en déposer un second identique. Les cosignataires sont affichés sous ses auteurs.') },
  { id: 'dispositif', term: 'dispositif', forms: ['dispositif', 'dispositifs'], definition: msg('La partie d’un amendement ou d’une loi qui produit des effets juridiques : les phrases qui disent ce qui est modifié (« Au premier alinéa, le mot “trois” est remplacé par le mot “cinq” »). C’est elle qui fait foi, pas les explications qui l’accompagnent.') },
  { id: 'expose-des-motifs', term: 'exposé des motifs', forms: ['exposé des motifs'], definition: msg('Texte qui précède un projet de loi et explique, en langage courant, ce qu’il veut faire et pourquoi. Il n’a pas de valeur juridique.') },
  { id: 'expose-sommaire', term: 'exposé sommaire', forms: ['exposé sommaire', 'exposés sommaires'], definition: msg('Les quelques lignes qui expliquent pourquoi un amendement est proposé. Il n’est pas voté : seul le dispositif modifie la loi.') },
  { id: 'irrecevable', term: 'irrecevable', forms: ['irrecevable', 'irrecevables', 'irrecevabilité'], definition: msg('Se dit d’un amendement écarté avant tout débat parce qu’il ne respecte pas une règle : il crée une dépense publique (article 40 de la Constitution), il est sans rapport avec le texte (« cavalier », article 45), etc. Le motif est publié.') },
  { id: 'lecture', term: 'lecture', forms: ['lecture', 'lectures', 'première lecture'], definition: msg('Examen complet d’un texte par une assemblée. Un projet de loi passe en première lecture à l’Assemblée nationale puis au Sénat, puis éventuellement en deuxième lecture.') },
  { id: 'navette', term: 'navette', forms: ['navette', 'navette parlementaire'], definition: msg('Les allers-retours d’un texte entre l’Assemblée nationale et le Sénat, jusqu’à ce que les deux chambres l’adoptent dans les mêmes termes.') },
  { id: 'rectifie', term: 'rectifié', forms: ['rectifié', 'rectifiés', 'rect.'], definition: msg('Amendement dont ses auteurs ont corrigé le texte après son dépôt. La version rectifiée remplace la précédente, qui reste dans l’historique.') },
  { id: 'retire', term: 'retiré', forms: ['retiré', 'retirés', 'retirer l’amendement'], definition: msg('Amendement que ses auteurs ont renoncé à défendre. Il reste visible mais n’est plus examiné ni voté.') },
  { id: 'sous-amendement', term: 'sous-amendement', forms: ['sous-amendement', 'sous-amendements'], definition: msg('Amendement qui modifie un autre amendement, pas directement le texte de loi. Il est examiné juste avant l’amendement qu’il vise.') },
  { id: 'tomber', term: 'tomber', forms: ['tombé', 'tombés', 'tombe', 'tombent', 'tomber'], definition: msg('Un amendement « tombe » quand il ne peut plus s’appliquer parce qu’un autre, adopté avant lui, a déjà modifié ou supprimé le passage qu’il visait. Il n’est alors pas mis aux voix.') },
  { id: 'texte-reconcilie', term: 'texte réconcilié', forms: ['texte réconcilié'], definition: msg('Le texte du projet de loi tel qu’il résulte des amendements adoptés, chaque modification reliée à l’amendement qui l’a faite.') },
];

export const GLOSSARY_BY_ID: ReadonlyMap<string, GlossaryEntry> = new Map(GLOSSARY.map((e) => [e.id, e]));

/** English for bills, articles and the labels of shared/ (server/i18n/en.ts). Keys are the French strings, as written in the sources. */
export const common: Record<string, string> = {
  // server/pages/assurance-toggle.ts
  "Décompte :": "Count:",
  "tous les votes": "all votes",
  "identités vérifiées seulement": "verified identities only",
  // server/pages/bill-pages.ts
  "Aucun projet de loi n’est encore en ligne. Les textes apparaîtront ici dès leur publication.": "No bill is online yet. Texts will appear here as soon as they are published.",
  "Lisez les textes, annotez-les, proposez et votez des amendements : la loi s’écrit en public.": "Read the texts, annotate them, propose and vote on amendments: the law is written in public.",
  "Ouvrir la consultation": "Open the consultation",
  "Les citoyens pourront annoter, amender, argumenter et voter.": "Citizens will be able to annotate, amend, argue and vote.",
  "Clore la consultation et réunir la commission": "Close the consultation and convene the commission",
  "Les citoyens ne déposeront plus d’amendements ; la commission examine et décide.": "Citizens will no longer table amendments; the commission examines and decides.",
  "Adopter le texte": "Adopt the text",
  "Le texte réconcilié est figé : chaque article modifié reçoit sa nouvelle version. C’est définitif.": "The reconciled text is frozen: each amended article receives its new version. This is final.",
  "Bureau du greffe": "Clerks’ desk",
  "Texte adopté": "Adopted text",
  "Texte réconcilié": "Reconciled text",
  "Tableau comparatif": "Comparative table",
  "Historique et données ouvertes": "History and open data",
  "Participation": "Participation",
  "Tirage au sort du collège citoyen": "Random selection of the citizens’ college",
  "Cartographie des opinions": "Map of opinions",
  "Votre avis sur l’article {{numero}}": "Your opinion on article {{numero}}",
  "Voir les amendements à l’article {{numero}}": "See the amendments to article {{numero}}",
  "Les amendements se proposent pendant la consultation.": "Amendments are proposed during the consultation.",
  "Article {{numero}}": "Article {{numero}}",
  "version {{n}}": "version {{n}}",
  "Versions": "Versions",
  "Version {{n}}": "Version {{n}}",
  "Historique de l’article : comparer ses versions, ses amendements, ses événements": "History of the article: compare its versions, its amendments, its events",
  "Articles voisins": "Neighbouring articles",
  "Cette page n’existe pas.": "This page does not exist.",
  "Retour à l’accueil": "Back to the home page",
  // server/pages/bill-text.ts
  "annotation": "annotation",
  "{{n}} al.": "{{n}} para.",
  "Sommaire": "Contents",
  // server/pages/confirm-gate.ts
  "Ce qui va se passer :": "What is going to happen:",
  // shared/phases.ts
  "Consultation": "Consultation",
  "Commission": "Commission",
  // shared/search.ts
  "Projet de loi": "Bill",
  "Amendement": "Amendment",
  "Réponse du greffe": "Clerks’ reply",
  "Contributeur": "Contributor",
  "Contributeurs": "Contributors",
  // shared/votes.ts
  "D'accord": "Agree",
  "Pas d'accord": "Disagree",
  // server/pages/bill-pages.ts
  "{{count}} article_one": "{{count}} article",
  "{{count}} article_other": "{{count}} articles",
  // server/pages/bill-text.ts
  "{{count}} alinéa_one": "{{count}} paragraph",
  "{{count}} alinéa_other": "{{count}} paragraphs",
};

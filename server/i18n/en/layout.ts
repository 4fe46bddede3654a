/** English for the page shell (header, footer, error pages) (server/i18n/en.ts). Keys are the French strings, as written in the sources. */
export const layout: Record<string, string> = {
  // server/i18n/switch.ts
  "Langue": "Language",
  // server/app.ts
  "Page introuvable": "Page not found",
  "Action impossible": "Action not possible",
  // server/pages/layout.ts
  "Identité vérifiée par un fournisseur d’identité": "Identity verified by an identity provider",
  "identité vérifiée": "verified identity",
  "Notifications": "Notifications",
  "Signalements": "Reports",
  "Se déconnecter": "Sign out",
  "Aller au contenu": "Skip to content",
  "Rechercher": "Search",
  "Compte": "Account",
  "Fil d’Ariane": "Breadcrumb",
  "Palimpseste — la loi s’écrit en public.": "Palimpseste — the law is written in public.",
  "Journal de la modération": "Moderation log",
  "Classements": "Rankings",
  "API ouverte": "Open API",
  "non lue_one": "unread",
  "non lue_other": "unread",
  // server/pages/layout.ts
  "Votre compte est suspendu jusqu’au {{date}} : vous pouvez lire et faire appel, mais plus rien écrire.": "Your account is suspended until {{date}}: you can read and appeal, but no longer write anything.",
  "Votre compte est suspendu définitivement : vous pouvez lire et faire appel, mais plus rien écrire.": "Your account is suspended permanently: you can read and appeal, but no longer write anything.",
  "La raison est dans le {{lien}}, d’où vous pouvez faire appel.": "The reason is in the {{lien}}, where you can appeal.",
  "journal de la modération": "moderation log",
  "Plan du site": "Site map",
  "Accessibilité : partiellement conforme": "Accessibility: partially compliant",
};

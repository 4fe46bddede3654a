/** English for the moderation log and decisions, the administration console's bills, people and mail, and the interest-representative parts (server/i18n/en.ts). Keys are the French strings, as written in the sources. */
export const oversight: Record<string, string> = {
  // server/pages/admin/bills.ts
  "Texte légistique (TITRE, Chapitre, Article, un alinéa par ligne)": "Legislative text (TITRE, Chapitre, Article, one paragraph per line)",
  "Fichier JSON de {{fabrique}}": "{{fabrique}} JSON file",
  "Vide : la première ligne du texte (ou le titre du fichier de {{fabrique}}, ou le {{champ}} du document Akoma Ntoso).": "Empty: the first line of the text (or the title of the {{fabrique}} file, or the {{champ}} of the Akoma Ntoso document).",
  "Akoma Ntoso 3.0 (XML, comme l’export du texte réconcilié)": "Akoma Ntoso 3.0 (XML, like the reconciled text’s export)",
  "Le texte ne peut pas être importé tel quel : {{count}} problème à corriger._one": "The text cannot be imported as it is: {{count}} problem to fix.",
  "Le texte ne peut pas être importé tel quel : {{count}} problème à corriger._other": "The text cannot be imported as it is: {{count}} problems to fix.",
  "Ligne {{n}}": "Line {{n}}",
  "idem": "same",
  "Vérifiez le découpage avant de créer le texte.": "Check the division before creating the text.",
  "Prévisualiser à nouveau": "Preview again",
  "Prévisualiser": "Preview",
  "Texte créé : {{count}} article, à l’état de brouillon._one": "Text created: {{count}} article, as a draft.",
  "Texte créé : {{count}} article, à l’état de brouillon._other": "Text created: {{count}} articles, as a draft.",
  // server/pages/admin/commission-console.ts
  "{{nom}} ne fait plus partie de la commission.": "{{nom}} is no longer a member of the commission.",
  "Le membre": "The member",
  // server/pages/admin/mail.ts
  "Courriel introuvable.": "E-mail not found.",
  "Courriel": "E-mail",
  "Le courriel est remis dans la file d’envoi.": "The e-mail is back in the sending queue.",
  // server/pages/admin/people.ts
  "Compte introuvable.": "Account not found.",
  "Actuellement : {{roles}}.": "Currently: {{roles}}.",
  "Rôles de {{nom}} : {{roles}}.": "Roles of {{nom}}: {{roles}}.",
  "{{nom}} est déclaré structure de médiation : {{structure}} ({{commune}}).": "{{nom}} is declared a mediation organisation: {{structure}} ({{commune}}).",
  "{{nom}} n’est plus structure de médiation.": "{{nom}} is no longer a mediation organisation.",
  // server/pages/admin/phase-refused.ts
  // server/pages/admin/shell.ts
  "Accès refusé": "Access denied",
  "La console d’administration est réservée aux administrateurs.": "The administration console is for administrators only.",
  // server/pages/lobbying/parts.ts
  "non renseigné": "not given",
  "non déclarées": "not declared",
  "mis à jour le {{date}}": "updated on {{date}}",
  "écrit par": "written by",
  "inspiré par (selon ses auteurs)": "inspired by (according to its authors)",
  "inspiré par (signalé par le greffe)": "inspired by (flagged by the clerks)",
  "signalé par {{nom}} le {{date}}": "flagged by {{nom}} on {{date}}",
  "Sur l’{{article}}": "On {{article}}",
  "Sur l’ensemble du texte": "On the whole text",
  "Compte rendu ({{format}}, {{n}} ko)": "Minutes ({{format}}, {{n}} kB)",
  "texte": "text",
  "compte rendu pas encore publié": "minutes not yet published",
  "Les représentants d’intérêts concernés ({{n}})": "The interest representatives concerned ({{n}})",
  " (déclaration retirée)": " (declaration withdrawn)",
  "Aucun": "None",
  // server/pages/moderation-pages.ts
  "contributeur": "contributor",
  "jusqu’au {{date}}": "until {{date}}",
  "définitivement": "permanently",
  " (appel)": " (appeal)",
  "Appel formé le {{date}} par {{nom}}.": "Appeal lodged on {{date}} by {{nom}}.",
  "Appel formé le {{date}}.": "Appeal lodged on {{date}}.",
  "{{decision}} le {{date}} par {{nom}} : {{raison}}": "{{decision}} on {{date}} by {{nom}}: {{raison}}",
  "Décision confirmée en appel": "Decision upheld on appeal",
  "Décision infirmée en appel": "Decision overturned on appeal",
  "Infirmer la décision (lever la suspension)": "Overturn the decision (lift the suspension)",
  "Infirmer la décision (rétablir la contribution)": "Overturn the decision (restore the contribution)",
  "Entre 10 et {{n}} caractères. Expliquez pourquoi la décision vous semble contraire à la charte.": "Between 10 and {{n}} characters. Explain why the decision seems to you contrary to the charter.",
  "Décision de modération introuvable.": "Moderation decision not found.",
  // shared/interest.ts
  "moins de 10 000 €": "less than €10,000",
  "de 10 000 à 50 000 €": "€10,000 to €50,000",
  "de 50 000 à 100 000 €": "€50,000 to €100,000",
  "de 100 000 à 500 000 €": "€100,000 to €500,000",
  "de 500 000 € à 1 M€": "€500,000 to €1M",
  "plus de 1 M€": "more than €1M",
  // shared/moderation.ts
  "Signalement antérieur à la charte": "Report made before the charter",
  "Sans règle": "No rule",
  "Masquée": "Hidden",
  "Rétablie": "Restored",
  "Conservée": "Kept",
  "Classée sans suite": "Dismissed",
  "Compte suspendu": "Account suspended",
  "Suspension levée": "Suspension lifted",
  // server/pages/amendment-routes.ts
  "Saisissez le nom affiché (ou l’identifiant) du compte de votre co-auteur.": "Enter the display name (or the identifier) of your co-author’s account.",
  // server/pages/commission-routes.ts
  "Tableau comparatif – {{texte}}": "Comparative table – {{texte}}",
  "Le texte initial et le texte adopté, article par article.": "The initial text and the adopted text, article by article.",
  "Le texte initial et le texte tel qu’il résulte des amendements adoptés à ce jour, article par article.": "The initial text and the text as it stands after the amendments adopted so far, article by article.",
  // server/pages/contribution-routes.ts
  "Le passage « {{passage}} » ne figure pas dans l’alinéa {{n}} : recopiez-le exactement.": "The passage “{{passage}}” is not in paragraph {{n}}: copy it exactly.",
  "Écrivez votre commentaire.": "Write your comment.",
  // server/pages/invitation-pages.ts
  "Invitation à co-rédiger": "Invitation to co-write",
  "{{nature}} de l’article {{numero}}, rédigé par": "{{nature}} of article {{numero}}, written by",
  // server/pages/lobbying/amendment-part.ts
  "Inspiré par": "Inspired by",
  "Inspiré par {{representant}}, signalé par le greffe ({{nom}}) le {{date}}": "Inspired by {{representant}}, flagged by the clerks ({{nom}}) on {{date}}",
  "Signaler cet amendement comme inspiré par": "Flag this amendment as inspired by",
  "Choisir une organisation déclarée": "Choose a declared organisation",
  // server/pages/lobbying/views.ts
  "Remplacer le compte rendu": "Replace the minutes",
  "Déposer le compte rendu": "Upload the minutes",
  "(PDF ou texte, {{n}} Mo au plus)": "(PDF or text, {{n}} MB at most)",
  // server/pages/mediation-pages.ts
  "L’amendement": "The amendment",
  "L’argument": "The argument",
  "L’annotation": "The annotation",
  "{{quoi}} recueilli par {{nom}} ({{commune}}) est maintenant dans votre compte.": "{{quoi}} collected by {{nom}} ({{commune}}) is now in your account.",
  // server/pages/moderation-forms.ts
  "Votre appel est enregistré : un autre modérateur le tranchera.": "Your appeal is recorded: another moderator will decide it.",
  "L’appel est tranché.": "The appeal is decided.",
  "La suspension est levée.": "The suspension is lifted.",
  "Le compte est suspendu.": "The account is suspended.",
  "{{count}} élément traité_one": "{{count}} item handled",
  "{{count}} élément traité_other": "{{count}} items handled",
  "{{count}} ignoré (déjà traité ou introuvable)_one": "{{count}} skipped (already handled or not found)",
  "{{count}} ignoré (déjà traité ou introuvable)_other": "{{count}} skipped (already handled or not found)",
  // server/pages/notification-pages.ts
  // server/pages/on-behalf-form.ts
  "En mon nom": "In my own name",
  "Pour une personne accompagnée": "For a person I am assisting",
  "Pour un atelier": "For a workshop",
  "Cochez la case de consentement : la personne doit avoir donné son accord.": "Tick the consent box: the person must have agreed.",
  "Vérifiez le nom affiché de la personne : {{raison}}": "Check the person’s display name: {{raison}}",
  "Vérifiez le lieu de l’atelier : {{raison}}": "Check the workshop’s place: {{raison}}",
  "Vérifiez la date de l’atelier : {{raison}}": "Check the workshop’s date: {{raison}}",
  "Vérifiez le nombre de participants : {{raison}}": "Check the number of participants: {{raison}}",
  "Pour qui contribuez-vous : {{raison}}": "On whose behalf you contribute: {{raison}}",
  " (récupéré par la personne)": " (claimed by the person)",
  // server/pages/parliament-import-page.ts
  "{{count}} amendement importé_one": "{{count}} amendment imported",
  "{{count}} amendement importé_other": "{{count}} amendments imported",
  "{{count}} écarté_one": "{{count}} set aside",
  "{{count}} écarté_other": "{{count}} set aside",
  // server/pages/participation-page.ts
  // server/pages/takeover-page.ts
  "Reprendre l’{{amendement}}": "Take over {{amendement}}",
  "Reprendre l’{{amendement}} ?": "Take over {{amendement}}?",
  "En le reprenant, vous devenez le greffier chargé de sa mise en forme : vous écrivez dans l’espace de mise en forme, publiez, répondez ou le déclarez irrecevable. {{nom}} reçoit une notification et suit désormais la mise en forme en lecture seule. La reprise est inscrite dans l’historique public du texte.": "By taking it over, you become the clerk in charge of its legal drafting: you write in the drafting space, publish, reply or declare it inadmissible. {{nom}} receives a notification and from now on follows the drafting read-only. The takeover is recorded in the text’s public history.",
  // server/pages/commission-page.ts
  "et {{count}} identique_one": "and {{count}} identical",
  "et {{count}} identique_other": "and {{count}} identical",
  // server/pages/moderation-queue-page.ts
  "Appel du {{date}}": "Appeal of {{date}}",
  // server/pages/opinion-pages.ts, server/pages/opinion-parts.ts
  "Groupe {{id}}": "Group {{id}}",
  "groupe {{id}}": "group {{id}}",
  "{{count}} votant_one": "{{count}} voter",
  "{{count}} votant_other": "{{count}} voters",
};

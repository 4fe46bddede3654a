/** English for the browser code's strings (client/src/i18n.ts); French keys. */
export const CLIENT_EN: Readonly<Record<string, string>> = {
  // client/src/annotate-selection.ts
  'Annoter « {{passage}} »': 'Annotate “{{passage}}”',
  // client/src/confirm-dialog.ts
  'Annuler': 'Cancel',
  // client/src/editor/closest.ts
  'Déposé': 'Tabled',
  'Mis en forme': 'In legal form',
  'modifications communes : {{part}}': 'changes in common: {{part}}',
  '{{n}} cosignataire': '{{n}} co-signatory',
  '{{n}} cosignataires': '{{n}} co-signatories',
  'Cosigner plutôt': 'Co-sign instead',
  'Cosigner plutôt {{titre}}': 'Co-sign {{titre}} instead',
  'Vous en êtes l’un des auteurs.': 'You are one of its authors.',
  'Vous le cosignez déjà.': 'You already co-sign it.',
  'Plus aucun amendement déposé ne fait des modifications semblables à celles de ce brouillon.': 'No tabled amendment makes changes similar to this draft’s any more.',
  '{{n}} amendement déjà déposé fait des modifications proches des vôtres.': '{{n}} amendment already tabled makes changes close to yours.',
  '{{n}} amendements déjà déposés font des modifications proches des vôtres.': '{{n}} amendments already tabled make changes close to yours.',
  // client/src/editor/comment-form.ts
  'Écrivez votre commentaire avant de le publier.': 'Write your comment before publishing it.',
  'Votre commentaire dépasse {{n}} caractères.': 'Your comment is longer than {{n}} characters.',
  // client/src/editor/comment-item.ts
  'le {{date}}': 'on {{date}}',
  'Alinéa {{n}}': 'Paragraph {{n}}',
  'Aller au passage': 'Go to the passage',
  'passage supprimé': 'passage deleted',
  'alinéa supprimé': 'paragraph deleted',
  'Co-auteur': 'Co-author',
  'Rouvrir': 'Reopen',
  'Résoudre': 'Resolve',
  // client/src/editor/comments-panel.ts
  'Aucun commentaire. Sélectionnez un passage puis « Commenter ».': 'No comments. Select a passage, then “Comment”.',
  'Aucun commentaire à traiter.': 'No comments to deal with.',
  'Aucun commentaire.': 'No comments.',
  // client/src/editor/comments.ts
  'Pour commenter, sélectionnez d’abord un passage du texte.': 'To comment, first select a passage of the text.',
  'Un commentaire porte sur un passage d’un seul alinéa : sélectionnez des mots d’un même alinéa.': 'A comment is on a passage of a single paragraph: select words of one paragraph.',
  'Le texte vient de changer sous votre sélection : sélectionnez le passage à nouveau.': 'The text has just changed under your selection: select the passage again.',
  'Un co-auteur vient de supprimer ce passage : sélectionnez-en un autre dans le texte, puis « Commenter ».': 'A co-author has just deleted this passage: select another one in the text, then “Comment”.',
  'Commentaire publié.': 'Comment published.',
  'Commentaire résolu.': 'Comment resolved.',
  'Commentaire rouvert.': 'Comment reopened.',
  'Sur « {{passage}} », alinéa {{n}}.': 'On “{{passage}}”, paragraph {{n}}.',
  // client/src/editor/connection.ts
  'Connexion…': 'Connecting…',
  'Connecté': 'Connected',
  'Synchronisé': 'Synchronised',
  'Hors ligne — vos modifications seront envoyées à la reconnexion': 'Offline — your changes will be sent when the connection is back',
  'Votre session a expiré : reconnectez-vous, puis rouvrez ce brouillon pour continuer à le rédiger.': 'Your session has expired: sign in again, then reopen this draft to go on writing it.',
  'Vous ne pouvez plus modifier ce brouillon (il a peut-être été déposé, ou vous n’en êtes plus co-auteur). Rechargez la page.': 'You can no longer edit this draft (it may have been tabled, or you are no longer a co-author). Reload the page.',
  'Ce brouillon n’existe plus. Rechargez la page.': 'This draft no longer exists. Reload the page.',
  'Votre dernière modification a été refusée (texte trop long, ou caractère interdit) : rechargez la page pour reprendre là où le texte a été enregistré.': 'Your last change was refused (text too long, or a forbidden character): reload the page to resume where the text was saved.',
  'Trop de modifications envoyées en peu de temps : la rédaction en direct s’est arrêtée. Rechargez la page.': 'Too many changes sent in a short time: live drafting has stopped. Reload the page.',
  'La rédaction en direct a été interrompue. Rechargez la page.': 'Live drafting was interrupted. Reload the page.',
  // client/src/editor/index.ts
  'Texte proposé, un paragraphe par alinéa': 'Proposed text, one paragraph per alinéa',
  'Vos dernières modifications n’ont pas encore été envoyées : attendez « Synchronisé » avant d’enregistrer ou de déposer.': 'Your last changes have not been sent yet: wait for “Synchronised” before saving or tabling.',
  // client/src/editor/live-diff.ts
  '{{n}} alinéa modifié': '{{n}} paragraph modified',
  '{{n}} alinéas modifiés': '{{n}} paragraphs modified',
  '{{n}} alinéa ajouté': '{{n}} paragraph added',
  '{{n}} alinéas ajoutés': '{{n}} paragraphs added',
  '{{n}} alinéa supprimé': '{{n}} paragraph deleted',
  '{{n}} alinéas supprimés': '{{n}} paragraphs deleted',
  '{{n}} alinéa inchangé': '{{n}} paragraph unchanged',
  '{{n}} alinéas inchangés': '{{n}} paragraphs unchanged',
  'Aucune modification par rapport au texte de l’article pour l’instant.': 'No change from the article’s text so far.',
  'Modifications proposées': 'Proposed changes',
  // client/src/editor/live-dispositif.ts
  'Le texte a changé depuis que vous avez retouché le dispositif : vérifiez-le avant de publier.': 'The text has changed since you edited the operative text: check it before publishing.',
};

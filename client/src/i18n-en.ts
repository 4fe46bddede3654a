/** English for the browser code's strings (client/src/i18n.ts); French keys. */
export const CLIENT_EN: Readonly<Record<string, string>> = {
  // client/src/annotate-selection.ts
  'Annoter « {{passage}} »': 'Annotate “{{passage}}”',
  // client/src/confirm-dialog.ts
  'Annuler': 'Cancel',
};

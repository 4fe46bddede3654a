/**
 * The kinds of notification a person receives (in the app and by e-mail), in the words of the
 * preferences page. The server's `NotificationType` is this list; the default e-mail mode of each
 * kind is SQL `mail_mode()` (migration 021).
 */
export const NOTIFICATION_KINDS = ['formalised', 'inadmissible', 'response', 'decided', 'coauthor', 'taken_over', 'assigned', 'appointed', 'phase', 'moderation'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const MAIL_MODES = ['immediate', 'digest', 'never'] as const;
export type MailMode = (typeof MAIL_MODES)[number];

export const MAIL_MODE_LABELS: Record<MailMode, string> = {
  immediate: 'Tout de suite',
  digest: 'Dans le résumé quotidien',
  never: 'Jamais',
};

/** Short label (a notification's badge) and what the kind covers (the preferences page). */
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, { label: string; about: string }> = {
  formalised: { label: 'Mis en forme', about: 'un greffier a mis votre amendement en forme juridique' },
  inadmissible: { label: 'Irrecevable', about: 'votre amendement a été déclaré irrecevable, avec le motif' },
  response: { label: 'Réponse du greffe', about: 'le greffe a répondu à votre amendement' },
  decided: { label: 'Décision', about: 'la commission a adopté ou rejeté votre amendement, ou il est tombé' },
  coauthor: { label: 'Co-rédaction', about: 'on vous a ajouté ou retiré comme co-auteur d’un amendement' },
  taken_over: { label: 'Repris par un greffier', about: 'un autre greffier a repris un amendement que vous aviez en charge' },
  assigned: { label: 'Pris en charge par le greffe', about: 'un greffier a pris votre amendement en charge' },
  appointed: { label: 'Commission', about: 'vous avez été nommé à la commission d’un texte, ou retiré' },
  phase: { label: 'Étape du texte', about: 'un texte sur lequel vous avez un brouillon change d’étape' },
  moderation: { label: 'Modération', about: 'la modération a pris une décision sur l’une de vos contributions, ou sur votre appel' },
};

/** What an unsubscribe link stops: one kind, or every e-mail notification. */
export type UnsubscribeScope = NotificationKind | 'all';

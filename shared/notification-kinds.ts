/**
 * The kinds of notification a person receives (in the app and by e-mail), in the words of the
 * preferences page. The server's `NotificationType` is this list; the default e-mail mode of each
 * kind is SQL `mail_mode()` (migration 021).
 */
import { msg } from './i18n';

export const NOTIFICATION_KINDS = ['formalised', 'inadmissible', 'response', 'decided', 'coauthor', 'taken_over', 'assigned', 'appointed', 'phase', 'moderation'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const MAIL_MODES = ['immediate', 'digest', 'never'] as const;
export type MailMode = (typeof MAIL_MODES)[number];

export const MAIL_MODE_LABELS: Record<MailMode, string> = {
  immediate: msg('Tout de suite'),
  digest: msg('Dans le résumé quotidien'),
  never: msg('Jamais'),
};

/** Short label (a notification's badge) and what the kind covers (the preferences page). */
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, { label: string; about: string }> = {
  formalised: { label: msg('Mis en forme'), about: msg('un greffier a mis votre amendement en forme juridique') },
  inadmissible: { label: msg('Irrecevable'), about: msg('votre amendement a été déclaré irrecevable, avec le motif') },
  response: { label: msg('Réponse du greffe'), about: msg('le greffe a répondu à votre amendement') },
  decided: { label: msg('Décision'), about: msg('la commission a adopté ou rejeté votre amendement, ou il est tombé') },
  coauthor: { label: msg('Co-rédaction'), about: msg('on vous a ajouté ou retiré comme co-auteur d’un amendement') },
  taken_over: { label: msg('Repris par un greffier'), about: msg('un autre greffier a repris un amendement que vous aviez en charge') },
  assigned: { label: msg('Pris en charge par le greffe'), about: msg('un greffier a pris votre amendement en charge') },
  appointed: { label: msg('Commission'), about: msg('vous avez été nommé à la commission d’un texte, ou retiré') },
  phase: { label: msg('Étape du texte'), about: msg('un texte sur lequel vous avez un brouillon change d’étape') },
  moderation: { label: msg('Modération'), about: msg('la modération a pris une décision sur l’une de vos contributions, ou sur votre appel') },
};

/** What an unsubscribe link stops: one kind, or every e-mail notification. */
export type UnsubscribeScope = NotificationKind | 'all';
